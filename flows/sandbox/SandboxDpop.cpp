#include "SandboxDpop.h"

#include "common/Clock.h"
#include "common/RandomSource.h"
#include "jose/Base64Url.h"
#include "jose/Jwk.h"
#include "jose/JwkSet.h"
#include "jose/JwsAlgorithm.h"
#include "jose/JwsToken.h"
#include "jose/JwsVerifier.h"

#include <QCryptographicHash>
#include <QJsonObject>

namespace Tokenscope::Sandbox {

namespace {

QUrl withoutQuery(const QUrl &url)
{
    QUrl out = url.adjusted(QUrl::RemoveQuery | QUrl::RemoveFragment | QUrl::NormalizePathSegments);
    out.setScheme(out.scheme().toLower());
    out.setHost(out.host().toLower());
    if (out.path().isEmpty())
        out.setPath(QStringLiteral("/"));
    return out;
}

} // namespace

SandboxDpop::SandboxDpop(const Clock &clock, RandomSource &random)
    : m_clock(clock)
    , m_random(random)
{}

QStringList SandboxDpop::algorithms()
{
    return {QStringLiteral("ES256"), QStringLiteral("ES384"),  QStringLiteral("ES512"),
            QStringLiteral("RS256"), QStringLiteral("RS384"),  QStringLiteral("RS512"),
            QStringLiteral("PS256"), QStringLiteral("PS384"),  QStringLiteral("PS512"),
            QStringLiteral("EdDSA"), QStringLiteral("Ed25519")};
}

QString SandboxDpop::accessTokenHash(const QString &accessToken)
{
    return QString::fromLatin1(Jose::Base64Url::encode(
        QCryptographicHash::hash(accessToken.toUtf8(), QCryptographicHash::Sha256)));
}

void SandboxDpop::rotateIfDue()
{
    const QDateTime now = m_clock.now();
    const qint64 age = m_nonceIssued.secsTo(now);
    const bool issued = !m_nonce.isEmpty() && age >= 0;
    if (issued && age < nonceLifetime)
        return;
    const QByteArray random = m_random.bytes(24);
    if (random.size() != 24)
        qFatal("sandbox: the random source failed");
    // The nonce before stays good for one more lifetime, not longer.
    m_previousNonce = issued && age < 2 * nonceLifetime ? m_nonce : QByteArray();
    m_nonce = Jose::Base64Url::encode(random);
    m_nonceIssued = now;
}

QByteArray SandboxDpop::nonce()
{
    rotateIfDue();
    return m_nonce;
}

SandboxDpop::Result SandboxDpop::verify(const QByteArray &proof, const QByteArray &method,
                                        const QUrl &target, const QString &accessToken)
{
    Result result;
    auto invalid = [&result](const QString &description) {
        result.ok = false;
        result.error = QStringLiteral("invalid_dpop_proof");
        result.description = description;
        return result;
    };
    if (proof.isEmpty())
        return invalid(tr("the DPoP header is missing"));
    const auto parsed = Jose::JwsToken::parseCompact(proof.trimmed());
    if (parsed.isError())
        return invalid(tr("the DPoP proof is not a compact JWS"));
    const Jose::JwsToken &token = parsed.token();
    const QJsonObject header = token.header();
    if (header.value(QLatin1String("typ")).toString() != QLatin1String("dpop+jwt"))
        return invalid(tr("the DPoP proof's typ must be dpop+jwt"));
    const QString alg = token.alg();
    if (!algorithms().contains(alg))
        return invalid(tr("the DPoP proof's alg must be an asymmetric algorithm the sandbox "
                          "supports, not %1")
                           .arg(alg));
    const QJsonValue jwkValue = header.value(QLatin1String("jwk"));
    if (!jwkValue.isObject())
        return invalid(tr("the DPoP proof carries no jwk header"));
    const Jose::Jwk jwk = Jose::Jwk::fromJson(jwkValue.toObject());
    if (jwk.isNull())
        return invalid(tr("the DPoP proof's jwk header is not a usable key"));
    if (jwk.isPrivate())
        return invalid(tr("the DPoP proof's jwk header must hold a public key only"));
    Jose::JwsVerifyOptions options;
    options.allowedAlgorithms = algorithms();
    const Jose::JwsVerifyResult verified =
        Jose::JwsVerifier::verify(token, Jose::JwkSet({jwk}), options);
    if (!verified.isVerified())
        return invalid(tr("the DPoP proof's signature does not verify with its jwk"));
    if (!token.payloadIsJsonObject())
        return invalid(tr("the DPoP proof's payload is not a JSON object"));
    const QJsonObject claims = token.payloadObject();
    const QString jti = claims.value(QLatin1String("jti")).toString();
    if (jti.isEmpty() || jti.size() > 512)
        return invalid(tr("the DPoP proof needs a jti"));
    if (claims.value(QLatin1String("htm")).toString() != QString::fromLatin1(method))
        return invalid(tr("the DPoP proof's htm is not the request's method"));
    const QUrl htu(claims.value(QLatin1String("htu")).toString(), QUrl::StrictMode);
    if (!htu.isValid() || htu.isRelative() || withoutQuery(htu) != withoutQuery(target))
        return invalid(tr("the DPoP proof's htu is not the request's URI"));
    const QJsonValue iat = claims.value(QLatin1String("iat"));
    const qint64 now = m_clock.now().toSecsSinceEpoch();
    if (!iat.isDouble() || qAbs(qint64(iat.toDouble()) - now) > iatWindow)
        return invalid(tr("the DPoP proof's iat is not within %1 seconds of now").arg(iatWindow));
    if (!accessToken.isEmpty()) {
        if (claims.value(QLatin1String("ath")).toString() != accessTokenHash(accessToken))
            return invalid(tr("the DPoP proof's ath is not the hash of the access token"));
    }
    if (m_nonceRequired) {
        rotateIfDue();
        const QByteArray nonce = claims.value(QLatin1String("nonce")).toString().toLatin1();
        if (nonce.isEmpty() || (nonce != m_nonce && nonce != m_previousNonce)) {
            result.error = QStringLiteral("use_dpop_nonce");
            result.description = nonce.isEmpty()
                                     ? tr("the authorization server requires a DPoP nonce")
                                     : tr("the DPoP nonce is stale; use the new one");
            return result;
        }
    }
    const QDateTime when = m_clock.now();
    for (auto it = m_jtis.begin(); it != m_jtis.end();) {
        if (it.value() < when)
            it = m_jtis.erase(it);
        else
            ++it;
    }
    const QString key = QString::fromLatin1(method) + QLatin1Char(' ') +
                        withoutQuery(target).toString() + QLatin1Char(' ') + jti;
    if (m_jtis.contains(key))
        return invalid(tr("the DPoP proof was used before (jti replayed)"));
    if (m_jtis.size() >= maxRememberedJtis)
        return invalid(tr("too many DPoP proofs in flight; try again later"));
    m_jtis.insert(key, when.addSecs(2 * iatWindow + 1));
    result.ok = true;
    result.jkt = jwk.thumbprint();
    return result;
}

} // namespace Tokenscope::Sandbox
