#include "SecretKey.h"

namespace Tokenscope::Profiles {

QString SecretKey::serviceName()
{
    return QStringLiteral("Tokenscope");
}

QString SecretKey::build(const QUuid &profileId, SecretKind kind)
{
    if (profileId.isNull()) {
        return {};
    }
    return profileId.toString(QUuid::WithoutBraces) + u'/' + kindName(kind);
}

QString SecretKey::kindName(SecretKind kind)
{
    switch (kind) {
    case SecretKind::ClientSecret:
        return QStringLiteral("client_secret");
    case SecretKind::PrivateKey:
        return QStringLiteral("private_key");
    case SecretKind::DpopKey:
        return QStringLiteral("dpop_key");
    case SecretKind::RequestObjectKey:
        return QStringLiteral("request_object_key");
    case SecretKind::ClientCertificate:
        return QStringLiteral("client_certificate");
    case SecretKind::ClientKey:
        return QStringLiteral("client_key");
    case SecretKind::Password:
        return QStringLiteral("password");
    case SecretKind::RefreshToken:
        return QStringLiteral("refresh_token");
    }
    return {};
}

std::optional<SecretKind> SecretKey::kindFromName(const QString &name)
{
    const QList<SecretKind> kinds = allKinds();
    for (const SecretKind kind : kinds) {
        if (kindName(kind) == name) {
            return kind;
        }
    }
    return std::nullopt;
}

QList<SecretKind> SecretKey::allKinds()
{
    return {SecretKind::ClientSecret,     SecretKind::PrivateKey,        SecretKind::DpopKey,
            SecretKind::RequestObjectKey, SecretKind::ClientCertificate, SecretKind::ClientKey,
            SecretKind::Password,         SecretKind::RefreshToken};
}

} // namespace Tokenscope::Profiles
