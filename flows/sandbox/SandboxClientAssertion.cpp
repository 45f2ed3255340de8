#include "SandboxClientAssertion.h"

#include "common/Clock.h"
#include "jose/Base64Url.h"
#include "jose/JwkSet.h"
#include "jose/JwsToken.h"
#include "jose/JwsVerifier.h"

#include <QJsonArray>
#include <QJsonDocument>

namespace Tokenscope::Sandbox {

SandboxClientAssertion::SandboxClientAssertion(const Clock &clock)
    : m_clock(clock)
{}

QString SandboxClientAssertion::issuerOf(const QByteArray &assertion)
{
    const Jose::JwsToken::ParseResult parsed = Jose::JwsToken::parseCompact(assertion);
    if (parsed.isError())
        return {};
    return parsed.token().payloadObject().value(QLatin1String("iss")).toString();
}

bool SandboxClientAssertion::numericDate(const QJsonValue &value, qint64 *seconds)
{
    if (!value.isDouble())
        return false;
    const double d = value.toDouble();
    if (!(d >= 0 && d < 1e12)) // also false for NaN
        return false;
    *seconds = qint64(d);
    return true;
}

void SandboxClientAssertion::purge()
{
    const QDateTime now = m_clock.now();
    for (auto it = m_usedJti.begin(); it != m_usedJti.end();) {
        if (it.value() < now)
            it = m_usedJti.erase(it);
        else
            ++it;
    }
}

SandboxClientAssertion::Result SandboxClientAssertion::verify(const QByteArray &assertion,
                                                              const SandboxClient &client,
                                                              const QStringList &audiences,
                                                              Purpose purpose)
{
    Result result;
    auto fail = [&result](const QString &description) {
        result.description = description;
        return result;
    };
    const Jose::JwsToken::ParseResult parsed = Jose::JwsToken::parseCompact(assertion);
    if (parsed.isError())
        return fail(tr("the assertion is not a compact JWS"));
    const Jose::JwsToken &token = parsed.token();
    if (!token.payloadIsJsonObject())
        return fail(tr("the assertion payload is not a JSON object"));

    Jose::JwkSet keys;
    Jose::JwsVerifyOptions options;
    const bool hmac = client.authMethod == QLatin1String("client_secret_jwt") &&
                      purpose == Purpose::ClientAuthentication;
    if (hmac) {
        if (client.secret.isEmpty())
            return fail(tr("the client has no secret"));
        QJsonObject oct{
            {QStringLiteral("kty"), QStringLiteral("oct")},
            {QStringLiteral("k"), QString::fromLatin1(Jose::Base64Url::encode(client.secret))}};
        keys.keys.append(Jose::Jwk::fromJson(oct));
        options.allowedAlgorithms = {QStringLiteral("HS256"), QStringLiteral("HS384"),
                                     QStringLiteral("HS512")};
    } else {
        if (client.jwks.value(QLatin1String("keys")).toArray().isEmpty())
            return fail(tr("the client has no registered keys (jwks)"));
        keys = Jose::JwkSet::fromJson(QJsonDocument(client.jwks).toJson(QJsonDocument::Compact));
        options.allowedAlgorithms = {
            QStringLiteral("RS256"), QStringLiteral("RS384"),  QStringLiteral("RS512"),
            QStringLiteral("PS256"), QStringLiteral("PS384"),  QStringLiteral("PS512"),
            QStringLiteral("ES256"), QStringLiteral("ES384"),  QStringLiteral("ES512"),
            QStringLiteral("EdDSA"), QStringLiteral("Ed25519")};
    }
    const Jose::JwsVerifyResult verified = Jose::JwsVerifier::verify(token, keys, options);
    if (!verified.isVerified())
        return fail(hmac ? tr("the assertion signature does not verify with the client secret "
                              "(alg %1)")
                               .arg(token.alg())
                         : tr("the assertion signature does not verify with the client's keys "
                              "(alg %1)")
                               .arg(token.alg()));

    const QJsonObject claims = token.payloadObject();
    const QString iss = claims.value(QLatin1String("iss")).toString();
    const QString sub = claims.value(QLatin1String("sub")).toString();
    if (iss != client.id)
        return fail(tr("iss must be the client_id"));
    if (purpose == Purpose::ClientAuthentication && sub != client.id)
        return fail(tr("sub must be the client_id"));
    if (sub.isEmpty())
        return fail(tr("sub is missing"));
    QStringList aud;
    const QJsonValue audValue = claims.value(QLatin1String("aud"));
    if (audValue.isString())
        aud.append(audValue.toString());
    else if (audValue.isArray())
        for (const QJsonValue &v : audValue.toArray())
            aud.append(v.toString());
    bool audOk = false;
    for (const QString &a : aud)
        audOk = audOk || (!a.isEmpty() && audiences.contains(a));
    if (!audOk)
        return fail(tr("aud must name the token endpoint, the issuer or the endpoint called"));
    const qint64 now = m_clock.now().toSecsSinceEpoch();
    qint64 exp = 0;
    qint64 other = 0;
    if (!numericDate(claims.value(QLatin1String("exp")), &exp))
        return fail(tr("exp is missing or not a number"));
    if (exp <= now)
        return fail(tr("the assertion has expired"));
    if (exp > now + maxLifetime)
        return fail(tr("exp is too far in the future (at most one hour)"));
    if (claims.contains(QLatin1String("nbf")) &&
        (!numericDate(claims.value(QLatin1String("nbf")), &other) || other > now + leeway))
        return fail(tr("the assertion is not valid yet (nbf)"));
    if (claims.contains(QLatin1String("iat")) &&
        (!numericDate(claims.value(QLatin1String("iat")), &other) || other > now + leeway))
        return fail(tr("iat is not a time in the past"));
    const QString jti = claims.value(QLatin1String("jti")).toString();
    if (jti.isEmpty())
        return fail(tr("jti is missing"));
    purge();
    const QString key = client.id + QLatin1Char(' ') + jti;
    if (m_usedJti.contains(key))
        return fail(tr("this assertion (jti) was used already"));
    if (m_usedJti.size() >= maxRememberedJti)
        return fail(tr("too many assertions in flight; try again later"));
    m_usedJti.insert(key, QDateTime::fromSecsSinceEpoch(exp, Qt::UTC));
    result.ok = true;
    result.claims = claims;
    return result;
}

} // namespace Tokenscope::Sandbox
