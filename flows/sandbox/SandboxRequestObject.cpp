#include "SandboxRequestObject.h"

#include "jose/Base64Url.h"
#include "jose/Jwk.h"
#include "jose/JwkSet.h"
#include "jose/JwsAlgorithm.h"
#include "jose/JwsToken.h"
#include "jose/JwsVerifier.h"

#include <QJsonArray>
#include <QJsonDocument>

namespace Tokenscope::Sandbox {

QStringList SandboxRequestObject::algorithms()
{
    return {QStringLiteral("RS256"), QStringLiteral("PS256"), QStringLiteral("ES256"),
            QStringLiteral("EdDSA"), QStringLiteral("HS256"), QStringLiteral("HS384"),
            QStringLiteral("HS512"), QStringLiteral("none")};
}

SandboxRequestObject::Result SandboxRequestObject::resolve(const QByteArray &jwt,
                                                           const SandboxClient &client,
                                                           const QString &issuer,
                                                           const QDateTime &now,
                                                           const QHash<QString, QString> &outer)
{
    Result result;
    auto invalid = [&result](const QString &description) {
        result.ok = false;
        result.description = description;
        return result;
    };
    const auto parsed = Jose::JwsToken::parseCompact(jwt.trimmed());
    if (parsed.isError())
        return invalid(tr("the request object is not a compact JWS: %1")
                           .arg(Jose::JoseError::kindName(parsed.error.kind)));
    const Jose::JwsToken &token = parsed.token();
    if (!token.payloadIsJsonObject())
        return invalid(tr("the request object's payload is not a JSON object"));
    const QString alg = token.alg();
    const Jose::JwsAlgorithm::Id id = Jose::JwsAlgorithm::fromName(alg);
    const bool unsigned_ = id == Jose::JwsAlgorithm::Id::None;
    if (unsigned_) {
        if (!client.allowUnsignedRequestObject)
            return invalid(tr("this client does not allow unsigned (alg none) request objects"));
        if (!token.signature().isEmpty())
            return invalid(tr("an alg none request object must have an empty signature"));
    } else {
        if (!algorithms().contains(alg))
            return invalid(tr("the request object's alg %1 is not supported").arg(alg));
        Jose::JwkSet keys;
        const bool hmac = Jose::JwsAlgorithm::family(id) == Jose::JwsAlgorithm::Family::Hmac;
        if (hmac) {
            if (client.secret.isEmpty())
                return invalid(tr("an HMAC request object needs a client with a secret"));
            keys = Jose::JwkSet({Jose::Jwk::fromJson(
                QJsonObject{{QStringLiteral("kty"), QStringLiteral("oct")},
                            {QStringLiteral("k"),
                             QString::fromLatin1(Jose::Base64Url::encode(client.secret))}})});
        } else {
            if (client.jwks.isEmpty())
                return invalid(tr("this client has no registered keys to verify a request "
                                  "object with"));
            keys =
                Jose::JwkSet::fromJson(QJsonDocument(client.jwks).toJson(QJsonDocument::Compact));
        }
        Jose::JwsVerifyOptions options;
        options.allowedAlgorithms = {alg};
        const Jose::JwsVerifyResult verified = Jose::JwsVerifier::verify(token, keys, options);
        if (!verified.isVerified())
            return invalid(tr("the request object's signature does not verify with the "
                              "client's keys"));
    }
    const QJsonObject claims = token.payloadObject();
    if (claims.contains(QLatin1String("request")) || claims.contains(QLatin1String("request_uri")))
        return invalid(tr("a request object must not contain request or request_uri"));
    const QString clientId = outer.value(QStringLiteral("client_id"));
    if (claims.contains(QLatin1String("client_id")) &&
        claims.value(QLatin1String("client_id")).toString() != clientId)
        return invalid(tr("the request object's client_id differs from the request's"));
    if (!unsigned_) {
        if (claims.value(QLatin1String("iss")).toString() != client.id)
            return invalid(tr("the request object's iss must be the client_id"));
        const QJsonValue aud = claims.value(QLatin1String("aud"));
        const bool audOk =
            aud.isString() ? aud.toString() == issuer : aud.toArray().contains(QJsonValue(issuer));
        if (!audOk)
            return invalid(tr("the request object's aud must be the issuer"));
    }
    const qint64 seconds = now.toSecsSinceEpoch();
    const QJsonValue exp = claims.value(QLatin1String("exp"));
    if (!exp.isUndefined() && (!exp.isDouble() || qint64(exp.toDouble()) <= seconds))
        return invalid(tr("the request object has expired"));
    const QJsonValue nbf = claims.value(QLatin1String("nbf"));
    if (!nbf.isUndefined() && (!nbf.isDouble() || qint64(nbf.toDouble()) > seconds + 60))
        return invalid(tr("the request object is not valid yet (nbf)"));

    static const QStringList jwtClaims{QStringLiteral("iss"), QStringLiteral("aud"),
                                       QStringLiteral("exp"), QStringLiteral("iat"),
                                       QStringLiteral("nbf"), QStringLiteral("jti")};
    result.parameters = outer;
    result.parameters.remove(QStringLiteral("request"));
    for (auto it = claims.begin(); it != claims.end(); ++it) {
        if (jwtClaims.contains(it.key()))
            continue;
        const QJsonValue value = it.value();
        QString text;
        if (value.isString())
            text = value.toString();
        else if (value.isDouble())
            text = QString::number(qint64(value.toDouble()));
        else if (value.isBool())
            text = value.toBool() ? QStringLiteral("true") : QStringLiteral("false");
        else if (value.isObject())
            text =
                QString::fromUtf8(QJsonDocument(value.toObject()).toJson(QJsonDocument::Compact));
        else if (value.isArray())
            text = QString::fromUtf8(QJsonDocument(value.toArray()).toJson(QJsonDocument::Compact));
        else
            continue;
        result.parameters.insert(it.key(), text); // the request object wins (Core §6.1)
    }
    result.ok = true;
    return result;
}

} // namespace Tokenscope::Sandbox
