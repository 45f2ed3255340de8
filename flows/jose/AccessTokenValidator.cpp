#include "AccessTokenValidator.h"

#include "ClaimTime.h"
#include "JwsAlgorithm.h"

#include <QJsonArray>

namespace Tokenscope::Jose {

namespace {

const QString Rfc9068 = QStringLiteral("RFC 9068 §4");

Finding finding(const QString &rule, Finding::Status status, const QString &message,
                const QString &expected, const QString &actual, const QString &spec)
{
    return Finding{rule, status, message, expected, actual, spec};
}

using ClaimTime::numericDate;
const auto timeText = ClaimTime::text;

QString shown(const QJsonValue &value)
{
    if (value.isString())
        return value.toString();
    if (value.isDouble())
        return QString::number(value.toDouble(), 'g', 17);
    if (value.isBool())
        return value.toBool() ? QStringLiteral("true") : QStringLiteral("false");
    if (value.isArray())
        return QStringLiteral("[array]");
    if (value.isObject())
        return QStringLiteral("{object}");
    return QString();
}

} // namespace

bool AccessTokenReport::hasFailure() const
{
    return std::any_of(findings.cbegin(), findings.cend(),
                       [](const Finding &f) { return f.status == Finding::Status::Fail; });
}

QString AccessTokenReport::formatName(Format format)
{
    switch (format) {
    case Format::Jwt:
        return QStringLiteral("jwt");
    case Format::Jwe:
        return QStringLiteral("jwe");
    case Format::Malformed:
        return QStringLiteral("malformed");
    case Format::Opaque:
        break;
    }
    return QStringLiteral("opaque");
}

bool AccessTokenValidator::isAccessTokenType(const QString &typ)
{
    return typ.compare(QLatin1String("at+jwt"), Qt::CaseInsensitive) == 0 ||
           typ.compare(QLatin1String("application/at+jwt"), Qt::CaseInsensitive) == 0;
}

AccessTokenReport AccessTokenValidator::inspect(const QByteArray &token,
                                                const AccessTokenExpectations &e)
{
    AccessTokenReport report;
    const auto parsed = JwsToken::parseCompact(token);
    if (!parsed.isError()) {
        report.format = AccessTokenReport::Format::Jwt;
        const JwsToken &jws = parsed.token();
        report.header = jws.header();
        report.claims = jws.payloadObject();
        report.findings.append(finding(QStringLiteral("at_format"), Finding::Status::Pass,
                                       tr("A JWT access token: its claims can be read and "
                                          "checked here."),
                                       QString(), QStringLiteral("jwt"),
                                       QStringLiteral("RFC 9068 §2")));
        report.findings.append(validate(jws, e));
        return report;
    }
    if (parsed.error.kind == JoseError::Kind::JweNotSupported) {
        report.format = AccessTokenReport::Format::Jwe;
        report.findings.append(finding(
            QStringLiteral("at_format"), Finding::Status::Warn,
            tr("An encrypted JWT (JWE): only the resource server it is for can read it; the "
               "client should treat it as opaque."),
            QString(), QStringLiteral("jwe"), QStringLiteral("RFC 9068 §2.1, RFC 7516")));
        return report;
    }
    // Three segments and a header that starts like a JSON object ("{" is "ey" in base64url):
    // meant as a JWS, broken.
    if (token.count('.') == 2 && token.startsWith("eyJ")) {
        report.format = AccessTokenReport::Format::Malformed;
        report.findings.append(finding(
            QStringLiteral("at_format"), Finding::Status::Fail,
            tr("The token looks like a JWT but does not parse: %1").arg(parsed.error.message),
            QStringLiteral("jwt"), JoseError::kindName(parsed.error.kind),
            QStringLiteral("RFC 7515 §5.2")));
        return report;
    }
    report.format = AccessTokenReport::Format::Opaque;
    report.findings.append(finding(
        QStringLiteral("at_format"), Finding::Status::Warn,
        tr("An opaque access token: nothing in it can be checked here. Ask the authorization "
           "server with token introspection (RFC 7662) whether it is active, for whom and with "
           "which scope."),
        QString(), QStringLiteral("opaque"), QStringLiteral("RFC 7662 §2")));
    return report;
}

Findings AccessTokenValidator::validate(const JwsToken &token, const AccessTokenExpectations &e)
{
    if (!token.payloadIsJsonObject()) {
        Findings findings;
        findings.append(finding(QStringLiteral("at_claims"), Finding::Status::Fail,
                                tr("The payload is not a JSON object of claims."), QString(),
                                QString(), QStringLiteral("RFC 9068 §2.2")));
        return findings;
    }
    return validate(token.header(), token.payloadObject(), e);
}

Findings AccessTokenValidator::validate(const QJsonObject &header, const QJsonObject &claims,
                                        const AccessTokenExpectations &e)
{
    using S = Finding::Status;
    Findings findings;
    const QString absent = tr("(absent)");
    const qint64 now = e.now.toSecsSinceEpoch();

    // Explicit typing: without it an ID token, a logout token or any other JWT from the same
    // issuer could be replayed as an access token (RFC 8725 §3.11).
    const QJsonValue typ = header.value(QLatin1String("typ"));
    const bool typOk = typ.isString() && isAccessTokenType(typ.toString());
    findings.append(finding(QStringLiteral("at_typ"), typOk ? S::Pass : S::Fail,
                            typOk ? tr("typ says this is a JWT access token")
                            : typ.isUndefined()
                                ? tr("typ is missing: a JWT access token must say \"at+jwt\", or "
                                     "it can be confused with other JWTs of the issuer")
                                : tr("typ is \"%1\", not \"at+jwt\": another kind of JWT is not an "
                                     "access token")
                                      .arg(shown(typ)),
                            QStringLiteral("at+jwt"), typ.isUndefined() ? absent : shown(typ),
                            QStringLiteral("RFC 9068 §2.1, §4; RFC 8725 §3.11")));

    const QString alg = header.value(QLatin1String("alg")).toString();
    const bool algOk = JwsAlgorithm::fromName(alg) != JwsAlgorithm::Id::None && !alg.isEmpty();
    findings.append(finding(QStringLiteral("at_alg"), algOk ? S::Pass : S::Fail,
                            algOk ? tr("signed with %1").arg(alg)
                                  : tr("\"alg\": \"none\" is never acceptable for an access token"),
                            tr("a signature algorithm"), alg, Rfc9068));

    const QString iss = claims.value(QLatin1String("iss")).toString();
    const bool issOk = !iss.isEmpty() && (e.issuer.isEmpty() || iss == e.issuer);
    findings.append(finding(QStringLiteral("at_iss"), issOk ? S::Pass : S::Fail,
                            iss.isEmpty() ? tr("iss is missing")
                            : issOk       ? tr("iss is the issuer")
                                          : tr("iss is not the issuer"),
                            e.issuer, iss.isEmpty() ? absent : iss,
                            QStringLiteral("RFC 9068 §2.2, §4 (3)")));

    QStringList audiences;
    const QJsonValue aud = claims.value(QLatin1String("aud"));
    if (aud.isString())
        audiences << aud.toString();
    for (const QJsonValue &a : aud.toArray())
        audiences << a.toString();
    audiences.removeAll(QString());
    const bool audOk =
        !audiences.isEmpty() && (e.resource.isEmpty() || audiences.contains(e.resource));
    findings.append(finding(
        QStringLiteral("at_aud"), audOk ? S::Pass : S::Fail,
        audiences.isEmpty() ? tr("aud is missing")
        : audOk ? (e.resource.isEmpty() ? tr("aud is present") : tr("aud contains the resource"))
                : tr("aud does not contain the resource: the token is for someone else"),
        e.resource, audiences.isEmpty() ? absent : audiences.join(QStringLiteral(", ")),
        QStringLiteral("RFC 9068 §2.2, §4 (4); RFC 8707 §2")));

    qint64 exp = 0;
    if (!numericDate(claims, "exp", &exp)) {
        findings.append(finding(QStringLiteral("at_exp"), S::Fail,
                                tr("exp is missing or not a number"), QString(), absent,
                                QStringLiteral("RFC 9068 §2.2, §4 (6)")));
    } else {
        const bool ok = now < exp + e.skewSeconds;
        findings.append(finding(QStringLiteral("at_exp"), ok ? S::Pass : S::Fail,
                                ok ? tr("not expired (clock skew %1 s)").arg(e.skewSeconds)
                                   : tr("expired (clock skew %1 s)").arg(e.skewSeconds),
                                tr("after %1").arg(timeText(now - e.skewSeconds)), timeText(exp),
                                QStringLiteral("RFC 9068 §2.2, §4 (6)")));
    }
    qint64 iat = 0;
    if (!numericDate(claims, "iat", &iat)) {
        findings.append(finding(QStringLiteral("at_iat"), S::Fail,
                                tr("iat is missing or not a number"), QString(), absent,
                                QStringLiteral("RFC 9068 §2.2")));
    } else {
        const bool ok = iat <= now + e.skewSeconds;
        findings.append(finding(QStringLiteral("at_iat"), ok ? S::Pass : S::Fail,
                                ok ? tr("issued in the past") : tr("issued in the future"),
                                tr("before %1").arg(timeText(now + e.skewSeconds)), timeText(iat),
                                QStringLiteral("RFC 9068 §2.2")));
    }
    qint64 nbf = 0;
    if (numericDate(claims, "nbf", &nbf)) {
        const bool ok = nbf <= now + e.skewSeconds;
        findings.append(finding(QStringLiteral("at_nbf"), ok ? S::Pass : S::Fail,
                                ok ? tr("valid already (nbf)") : tr("not valid yet (nbf)"),
                                tr("before %1").arg(timeText(now + e.skewSeconds)), timeText(nbf),
                                QStringLiteral("RFC 7519 §4.1.5")));
    }

    const QJsonValue sub = claims.value(QLatin1String("sub"));
    const bool subOk = sub.isString() && !sub.toString().isEmpty();
    findings.append(finding(QStringLiteral("at_sub"), subOk ? S::Pass : S::Fail,
                            subOk ? tr("sub is present") : tr("sub is missing"), QString(),
                            sub.isUndefined() ? absent : shown(sub),
                            QStringLiteral("RFC 9068 §2.2")));

    const QJsonValue clientId = claims.value(QLatin1String("client_id"));
    const bool clientPresent = clientId.isString() && !clientId.toString().isEmpty();
    const bool clientOk =
        clientPresent && (e.clientId.isEmpty() || clientId.toString() == e.clientId);
    findings.append(finding(QStringLiteral("at_client_id"), clientOk ? S::Pass : S::Fail,
                            !clientPresent ? tr("client_id is missing")
                            : clientOk     ? tr("client_id is the expected client")
                                           : tr("client_id is another client"),
                            e.clientId, clientId.isUndefined() ? absent : shown(clientId),
                            QStringLiteral("RFC 9068 §2.2")));

    const QJsonValue jti = claims.value(QLatin1String("jti"));
    const bool jtiOk = jti.isString() && !jti.toString().isEmpty();
    findings.append(finding(QStringLiteral("at_jti"), jtiOk ? S::Pass : S::Fail,
                            jtiOk ? tr("jti is present") : tr("jti is missing"), QString(),
                            jti.isUndefined() ? absent : shown(jti),
                            QStringLiteral("RFC 9068 §2.2, RFC 7519 §4.1.7")));

    const QJsonValue scope = claims.value(QLatin1String("scope"));
    if (!scope.isUndefined()) {
        const bool ok = scope.isString();
        findings.append(finding(QStringLiteral("at_scope"), ok ? S::Pass : S::Fail,
                                ok ? tr("scope is a space-delimited string")
                                   : tr("scope must be one space-delimited string, not a list"),
                                tr("a string"), shown(scope),
                                QStringLiteral("RFC 9068 §2.2.3, RFC 8693 §4.2")));
    }
    return findings;
}

} // namespace Tokenscope::Jose
