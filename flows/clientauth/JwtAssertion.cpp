#include "JwtAssertion.h"

#include "common/Clock.h"
#include "common/RandomSource.h"
#include "jose/JwsSigner.h"

#include <QJsonDocument>

namespace Tokenscope::ClientAuth {

JwtAssertion::Result JwtAssertion::build(const Spec &spec, const Clock &clock, RandomSource &random)
{
    Result result;
    using Key = Jose::JwsSigner::Key;
    Key key;
    QString kid = spec.kid;
    QString keyError;
    const QByteArray trimmed = spec.key.trimmed();
    if (spec.isSecret) {
        if (spec.key.isEmpty()) {
            result.error = tr("A client secret is needed to sign the assertion");
            return result;
        }
        key = Key::fromSecret(spec.key);
    } else if (trimmed.startsWith('{')) {
        key = Key::fromJwk(trimmed, &keyError);
        if (kid.isEmpty())
            kid = QJsonDocument::fromJson(trimmed).object().value(QLatin1String("kid")).toString();
    } else {
        key = Key::fromPem(trimmed, &keyError);
    }
    if (key.isNull()) {
        result.error = keyError.isEmpty() ? tr("No signing key was given")
                                          : tr("The signing key cannot be read: %1").arg(keyError);
        return result;
    }
    const QString alg = spec.alg.isEmpty() ? key.algorithms().value(0) : spec.alg;
    const QByteArray entropy = random.bytes(16);
    if (entropy.isEmpty()) {
        result.error = tr("The random number generator failed: no jti");
        return result;
    }
    result.header = {{QStringLiteral("alg"), alg}, {QStringLiteral("typ"), QStringLiteral("JWT")}};
    if (!kid.isEmpty())
        result.header.insert(QStringLiteral("kid"), kid);
    const qint64 now = clock.now().toSecsSinceEpoch();
    result.claims = {
        {QStringLiteral("iss"), spec.issuer},
        {QStringLiteral("sub"), spec.subject},
        {QStringLiteral("aud"), spec.audience},
        {QStringLiteral("jti"),
         QString::fromLatin1(
             entropy.toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals))},
        {QStringLiteral("iat"), now},
        {QStringLiteral("exp"), now + qMax<qint64>(1, spec.lifetimeSeconds)},
    };
    for (auto it = spec.extraClaims.constBegin(); it != spec.extraClaims.constEnd(); ++it)
        result.claims.insert(it.key(), it.value());
    const Jose::JwsSigner::Result signedJwt = Jose::JwsSigner::sign(
        result.header, QJsonDocument(result.claims).toJson(QJsonDocument::Compact), key);
    if (signedJwt.isError()) {
        result.error = tr("The assertion could not be signed: %1").arg(signedJwt.error.message);
        return result;
    }
    result.compact = signedJwt.compact;
    return result;
}

} // namespace Tokenscope::ClientAuth
