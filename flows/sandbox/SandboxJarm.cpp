#include "SandboxJarm.h"

#include "SandboxKeys.h"

#include <QJsonDocument>
#include <QJsonObject>

namespace Tokenscope::Sandbox {

QStringList SandboxJarm::modes()
{
    return {QStringLiteral("jwt"), QStringLiteral("query.jwt"), QStringLiteral("fragment.jwt"),
            QStringLiteral("form_post.jwt")};
}

QString SandboxJarm::deliveryMode(const QString &responseMode, const QString &responseType)
{
    if (responseMode == QLatin1String("jwt"))
        return responseType == QLatin1String("code") ? QStringLiteral("query")
                                                     : QStringLiteral("fragment");
    if (!isJwtMode(responseMode))
        return responseMode;
    QString base = responseMode;
    base.chop(4); // ".jwt"
    return base;
}

QByteArray SandboxJarm::sign(const SandboxKeys &keys, const QString &alg, const QString &issuer,
                             const QString &clientId, const QDateTime &now,
                             const QList<QPair<QString, QString>> &parameters)
{
    QJsonObject claims;
    const qint64 seconds = now.toSecsSinceEpoch();
    claims.insert(QStringLiteral("iss"), issuer);
    claims.insert(QStringLiteral("aud"), clientId);
    claims.insert(QStringLiteral("iat"), seconds);
    claims.insert(QStringLiteral("exp"), seconds + lifetime);
    // The parameters last: the response's own iss parameter (RFC 9207), when the sandbox
    // was told to get it wrong, stays wrong inside the JWT too.
    for (const auto &p : parameters)
        claims.insert(p.first, p.second);
    const QString used = keys.has(alg) ? alg : QStringLiteral("RS256");
    return keys.sign(used, QJsonDocument(claims).toJson(QJsonDocument::Compact));
}

} // namespace Tokenscope::Sandbox
