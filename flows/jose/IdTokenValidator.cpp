#include "IdTokenValidator.h"

#include "ClaimTime.h"
#include "JwsAlgorithm.h"

#include <QCryptographicHash>
#include <QJsonArray>

namespace Tokenscope::Jose {

namespace {

const QString Core = QStringLiteral("OpenID Connect Core 1.0 §3.1.3.7");

Finding finding(const QString &rule, Finding::Status status, const QString &message,
                const QString &expected = {}, const QString &actual = {},
                const QString &spec = Core)
{
    return Finding{rule, status, message, expected, actual, spec};
}

using ClaimTime::numericDate;
const auto timeText = ClaimTime::text;

} // namespace

QString IdTokenValidator::leftHalfHash(const QByteArray &value, const QString &alg)
{
    const JwsAlgorithm::Id id = JwsAlgorithm::fromName(alg);
    int bits = JwsAlgorithm::hashBits(id);
    if (JwsAlgorithm::family(id) == JwsAlgorithm::Family::EdDsa)
        bits = 512; // Ed25519 signs with SHA-512 (OpenID Connect errata for EdDSA)
    QCryptographicHash::Algorithm hash = QCryptographicHash::Sha256;
    if (bits == 384)
        hash = QCryptographicHash::Sha384;
    else if (bits == 512)
        hash = QCryptographicHash::Sha512;
    else if (bits != 256)
        return {};
    const QByteArray digest = QCryptographicHash::hash(value, hash);
    return QString::fromLatin1(
        digest.left(digest.size() / 2)
            .toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals));
}

Findings IdTokenValidator::validate(const QJsonObject &claims, const IdTokenExpectations &e)
{
    Findings findings;
    const qint64 now = e.now.toSecsSinceEpoch();
    const QString absent = tr("(absent)");

    if (!e.issuer.isEmpty()) {
        const QString iss = claims.value(QLatin1String("iss")).toString();
        const bool ok = iss == e.issuer;
        findings.append(finding(QStringLiteral("id_token_iss"),
                                ok ? Finding::Status::Pass : Finding::Status::Fail,
                                ok ? tr("iss is the issuer") : tr("iss is not the issuer"),
                                e.issuer, iss.isEmpty() ? absent : iss));
    }

    QStringList audiences;
    const QJsonValue aud = claims.value(QLatin1String("aud"));
    if (aud.isString())
        audiences << aud.toString();
    for (const QJsonValue &a : aud.toArray())
        audiences << a.toString();
    if (!e.clientId.isEmpty()) {
        const bool ok = audiences.contains(e.clientId);
        findings.append(finding(
            QStringLiteral("id_token_aud"), ok ? Finding::Status::Pass : Finding::Status::Fail,
            ok ? tr("aud contains the client_id") : tr("aud does not contain the client_id"),
            e.clientId, audiences.isEmpty() ? absent : audiences.join(QStringLiteral(", "))));
        const QString azp = claims.value(QLatin1String("azp")).toString();
        if (!azp.isEmpty()) {
            const bool azpOk = azp == e.clientId;
            findings.append(
                finding(QStringLiteral("id_token_azp"),
                        azpOk ? Finding::Status::Pass : Finding::Status::Fail,
                        azpOk ? tr("azp is the client_id") : tr("azp is not the client_id"),
                        e.clientId, azp));
        } else if (audiences.size() > 1) {
            findings.append(finding(QStringLiteral("id_token_azp"), Finding::Status::Warn,
                                    tr("Several audiences and no azp"), e.clientId, absent));
        }
    }

    const QString sub = claims.value(QLatin1String("sub")).toString();
    findings.append(finding(QStringLiteral("id_token_sub"),
                            sub.isEmpty() ? Finding::Status::Fail : Finding::Status::Pass,
                            sub.isEmpty() ? tr("sub is missing") : tr("sub is present"), QString(),
                            sub.isEmpty() ? absent : sub,
                            QStringLiteral("OpenID Connect Core 1.0 §2")));

    qint64 exp = 0;
    if (!numericDate(claims, "exp", &exp)) {
        findings.append(finding(QStringLiteral("id_token_exp"), Finding::Status::Fail,
                                tr("exp is missing or not a number"), QString(), absent));
    } else {
        const bool ok = now < exp + e.skewSeconds;
        findings.append(finding(QStringLiteral("id_token_exp"),
                                ok ? Finding::Status::Pass : Finding::Status::Fail,
                                ok ? tr("not expired (clock skew %1 s)").arg(e.skewSeconds)
                                   : tr("expired (clock skew %1 s)").arg(e.skewSeconds),
                                tr("after %1").arg(timeText(now - e.skewSeconds)), timeText(exp)));
    }
    qint64 iat = 0;
    if (!numericDate(claims, "iat", &iat)) {
        findings.append(finding(QStringLiteral("id_token_iat"), Finding::Status::Fail,
                                tr("iat is missing or not a number"), QString(), absent));
    } else {
        const bool ok = iat <= now + e.skewSeconds;
        findings.append(finding(QStringLiteral("id_token_iat"),
                                ok ? Finding::Status::Pass : Finding::Status::Fail,
                                ok ? tr("issued in the past") : tr("issued in the future"),
                                tr("before %1").arg(timeText(now + e.skewSeconds)), timeText(iat)));
    }
    qint64 nbf = 0;
    if (numericDate(claims, "nbf", &nbf)) {
        const bool ok = nbf <= now + e.skewSeconds;
        findings.append(finding(QStringLiteral("id_token_nbf"),
                                ok ? Finding::Status::Pass : Finding::Status::Fail,
                                ok ? tr("valid already (nbf)") : tr("not valid yet (nbf)"),
                                tr("before %1").arg(timeText(now + e.skewSeconds)), timeText(nbf),
                                QStringLiteral("RFC 7519 §4.1.5")));
    }

    const QJsonValue nonce = claims.value(QLatin1String("nonce"));
    if (!e.nonce.isEmpty()) {
        const bool ok = nonce.toString() == e.nonce;
        findings.append(finding(
            QStringLiteral("id_token_nonce"), ok ? Finding::Status::Pass : Finding::Status::Fail,
            ok                    ? tr("nonce is the one sent")
            : nonce.isUndefined() ? tr("nonce is missing though one was sent")
                                  : tr("nonce differs from the one sent (replay?)"),
            e.nonce, nonce.isUndefined() ? absent : nonce.toString(),
            QStringLiteral("OpenID Connect Core 1.0 §3.1.3.7 (11)")));
    } else if (!nonce.isUndefined()) {
        findings.append(finding(QStringLiteral("id_token_nonce"), Finding::Status::Warn,
                                tr("The token carries a nonce but none was sent"), absent,
                                nonce.toString(),
                                QStringLiteral("OpenID Connect Core 1.0 §3.1.3.7 (11)")));
    }

    if (e.maxAge >= 0) {
        qint64 authTime = 0;
        if (!numericDate(claims, "auth_time", &authTime)) {
            findings.append(finding(QStringLiteral("id_token_auth_time"), Finding::Status::Fail,
                                    tr("max_age was requested but auth_time is missing"), QString(),
                                    absent,
                                    QStringLiteral("OpenID Connect Core 1.0 §3.1.3.7 (13)")));
        } else {
            const bool ok = authTime + e.maxAge >= now - e.skewSeconds;
            findings.append(finding(
                QStringLiteral("id_token_auth_time"),
                ok ? Finding::Status::Pass : Finding::Status::Fail,
                ok ? tr("the authentication is recent enough (max_age %1 s)").arg(e.maxAge)
                   : tr("the authentication is older than max_age %1 s").arg(e.maxAge),
                tr("after %1").arg(timeText(now - e.maxAge - e.skewSeconds)), timeText(authTime),
                QStringLiteral("OpenID Connect Core 1.0 §3.1.3.7 (13)")));
        }
    }

    const auto hashRule = [&](const char *rule, const char *claim, const QString &value,
                              bool required, const QString &spec) {
        const QJsonValue present = claims.value(QLatin1String(claim));
        if (value.isEmpty())
            return;
        const QString expected = leftHalfHash(value.toUtf8(), e.alg);
        if (present.isUndefined()) {
            if (required)
                findings.append(
                    finding(QString::fromLatin1(rule), Finding::Status::Fail,
                            tr("%1 is required here but missing").arg(QString::fromLatin1(claim)),
                            expected, absent, spec));
            return;
        }
        const bool ok = !expected.isEmpty() && present.toString() == expected;
        findings.append(finding(QString::fromLatin1(rule),
                                ok ? Finding::Status::Pass : Finding::Status::Fail,
                                ok ? tr("%1 matches").arg(QString::fromLatin1(claim))
                                   : tr("%1 does not match").arg(QString::fromLatin1(claim)),
                                expected, present.toString(), spec));
    };
    hashRule("id_token_at_hash", "at_hash", e.accessToken, e.fromAuthorizationEndpoint,
             QStringLiteral("OpenID Connect Core 1.0 §3.2.2.9, §3.3.2.11"));
    hashRule("id_token_c_hash", "c_hash", e.code, e.fromAuthorizationEndpoint,
             QStringLiteral("OpenID Connect Core 1.0 §3.3.2.11"));
    hashRule("id_token_s_hash", "s_hash", e.state,
             e.fromAuthorizationEndpoint && e.requireStateHash,
             QStringLiteral("FAPI 1.0 Advanced §5.1"));

    if (!e.acrValues.isEmpty()) {
        const QJsonValue acr = claims.value(QLatin1String("acr"));
        const bool ok = acr.isString() && e.acrValues.contains(acr.toString());
        const Finding::Status miss = e.acrEssential ? Finding::Status::Fail : Finding::Status::Warn;
        findings.append(
            finding(QStringLiteral("id_token_acr"), ok ? Finding::Status::Pass : miss,
                    ok ? tr("acr is one of the values requested")
                    : acr.isUndefined()
                        ? (e.acrEssential ? tr("acr was requested as an essential claim but is "
                                               "missing")
                                          : tr("acr was requested (acr_values) but is missing"))
                    : e.acrEssential ? tr("acr is not one of the values requested as essential")
                                     : tr("acr is not one of the values requested (acr_values is "
                                          "voluntary)"),
                    e.acrValues.join(QLatin1Char(' ')), acr.isUndefined() ? absent : acr.toString(),
                    e.acrEssential ? QStringLiteral("OpenID Connect Core 1.0 §5.5.1.1")
                                   : QStringLiteral("OpenID Connect Core 1.0 §3.1.2.1")));
    }
    return findings;
}

Findings IdTokenValidator::validateHeader(const QJsonObject &header)
{
    Findings findings;
    const QJsonValue typ = header.value(QLatin1String("typ"));
    if (typ.isUndefined())
        return findings;
    const QString value = typ.toString();
    const bool ok = typ.isString() &&
                    (value.compare(QLatin1String("JWT"), Qt::CaseInsensitive) == 0 ||
                     value.compare(QLatin1String("application/jwt"), Qt::CaseInsensitive) == 0);
    findings.append(
        finding(QStringLiteral("id_token_typ"), ok ? Finding::Status::Pass : Finding::Status::Fail,
                ok ? tr("typ is JWT")
                   : tr("typ is \"%1\": another kind of JWT is not an ID token").arg(value),
                QStringLiteral("JWT"), typ.isString() ? value : tr("(not a string)"),
                QStringLiteral("RFC 8725 §3.11, RFC 7519 §5.1")));
    return findings;
}

} // namespace Tokenscope::Jose
