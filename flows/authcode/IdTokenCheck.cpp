#include "IdTokenCheck.h"

#include "jose/JwsToken.h"
#include "jose/JwsVerifier.h"

namespace Tokenscope::AuthCode {

QJsonObject IdTokenCheck::claims(const QString &idToken)
{
    if (idToken.isEmpty())
        return {};
    const auto parsed = Jose::JwsToken::parseCompact(idToken.toLatin1());
    if (parsed.isError() || !parsed.token().payloadIsJsonObject())
        return {};
    return parsed.token().payloadObject();
}

Findings IdTokenCheck::check(const Input &input)
{
    static const QString signatureSpec = QStringLiteral("OpenID Connect Core 1.0 §3.1.3.7 (6)");
    Findings findings;
    const auto parsed = Jose::JwsToken::parseCompact(input.idToken.toLatin1());
    if (parsed.isError()) {
        findings.append(Finding{Jose::JoseError::kindName(parsed.error.kind), Finding::Status::Fail,
                                parsed.error.message, QString(), QString(),
                                QStringLiteral("RFC 7515 §5.2"), QString()});
    } else {
        const Jose::JwsToken &token = parsed.token();
        findings.append(Jose::IdTokenValidator::validateHeader(token.header()));
        if (!input.keys) {
            findings.append(
                Finding{QStringLiteral("signature_verified"), Finding::Status::Warn,
                        tr("The provider names no jwks_uri: the signature is not checked"),
                        QString(), QString(), signatureSpec, QString()});
        } else {
            const Jose::JwsVerifyResult verified =
                Jose::JwsVerifier::verify(token, *input.keys, {});
            findings.append(verified.findings);
            QString why = verified.error.message;
            if (!verified.isVerified() && !input.keysProblem.isEmpty())
                why = input.keysProblem + QLatin1Char(' ') + why;
            findings.append(Finding{
                QStringLiteral("signature_verified"),
                verified.isVerified() ? Finding::Status::Pass : Finding::Status::Fail,
                verified.isVerified() ? tr("The ID token's %1 signature verifies with key %2")
                                            .arg(verified.alg, verified.key.kid())
                                      : why,
                QString(), QString(), signatureSpec, QString()});
        }
        Jose::IdTokenExpectations expected = input.expected;
        expected.alg = token.header().value(QLatin1String("alg")).toString();
        findings.append(Jose::IdTokenValidator::validate(token.payloadObject(), expected));
    }
    if (!input.subject.isEmpty()) {
        for (Finding &finding : findings)
            finding.subject = input.subject;
    }
    return findings;
}

} // namespace Tokenscope::AuthCode
