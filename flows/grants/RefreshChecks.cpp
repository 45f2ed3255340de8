#include "RefreshChecks.h"

#include "authcode/IdTokenCheck.h"

namespace Tokenscope::Grants {

static const QString refreshSpec = QStringLiteral("RFC 6749 §6");
static const QString idTokenSpec = QStringLiteral("OpenID Connect Core 1.0 §12.2");

Finding RefreshChecks::rotation(const QString &sent, const QString &returned)
{
    if (returned.isEmpty())
        return Finding{QStringLiteral("refresh_token_kept"),
                       Finding::Status::Pass,
                       tr("No new refresh token was returned: the one sent stays in use"),
                       QString(),
                       QString(),
                       refreshSpec};
    if (returned == sent)
        return Finding{QStringLiteral("refresh_token_kept"),
                       Finding::Status::Pass,
                       tr("The same refresh token was returned: it stays in use"),
                       QString(),
                       QString(),
                       refreshSpec};
    return Finding{QStringLiteral("refresh_token_rotated"),
                   Finding::Status::Pass,
                   tr("A new refresh token was returned: the one sent is spent and must not be "
                      "used again"),
                   QString(),
                   QString(),
                   QStringLiteral("RFC 9700 §4.14.2")};
}

Finding RefreshChecks::reuseError(const OAuthError &error, bool rotatedBefore)
{
    QString message;
    if (rotatedBefore)
        message = tr("invalid_grant for a refresh token that was already rotated: the provider "
                     "detects the reuse of a spent refresh token (and may have revoked the whole "
                     "grant, including the newer token)");
    else
        message = tr("invalid_grant: the refresh token is unknown, expired, revoked, was "
                     "already used (rotation), or belongs to another client");
    if (!error.errorDescription.isEmpty())
        message += QStringLiteral(" (") + error.errorDescription + QLatin1Char(')');
    return Finding{QStringLiteral("refresh_token_reuse"),
                   Finding::Status::Fail,
                   message,
                   QString(),
                   error.error,
                   QStringLiteral("RFC 9700 §4.14.2, RFC 6749 §5.2")};
}

Findings RefreshChecks::checkIdToken(const IdTokenInput &input)
{
    AuthCode::IdTokenCheck::Input check;
    check.idToken = input.idToken;
    check.keys = input.keys;
    check.keysProblem = input.keysProblem;
    check.expected.issuer = input.issuer;
    check.expected.clientId = input.clientId;
    check.expected.now = input.now;
    check.expected.skewSeconds = input.skewSeconds;
    check.subject = tr("id_token (refresh response)");
    Findings findings = AuthCode::IdTokenCheck::check(check);

    const QJsonObject claims = AuthCode::IdTokenCheck::claims(input.idToken);
    const bool hasIat = claims.value(QLatin1String("iat")).isDouble();
    findings.append(Finding{QStringLiteral("refresh_id_token_iat"),
                            hasIat ? Finding::Status::Pass : Finding::Status::Fail,
                            hasIat ? tr("The refreshed ID token has an iat")
                                   : tr("The refreshed ID token has no iat"),
                            QString(), QString(), idTokenSpec, check.subject});
    if (input.previousIdToken.isEmpty()) {
        findings.append(Finding{QStringLiteral("refresh_id_token_same_subject"),
                                Finding::Status::Warn,
                                tr("No previous ID token was given: sub stability is not checked"),
                                QString(), QString(), idTokenSpec, check.subject});
        return findings;
    }
    const QJsonObject previous = AuthCode::IdTokenCheck::claims(input.previousIdToken);
    for (const char *name : {"iss", "sub"}) {
        const QString claim = QString::fromLatin1(name);
        const QString before = previous.value(claim).toString();
        const QString now = claims.value(claim).toString();
        const bool same = !now.isEmpty() && before == now;
        findings.append(Finding{
            QStringLiteral("refresh_id_token_same_") + claim,
            same ? Finding::Status::Pass : Finding::Status::Fail,
            same ? tr("The refreshed ID token's %1 equals the previous ID token's").arg(claim)
                 : tr("The refreshed ID token's %1 differs from the previous ID token's: it must "
                      "be the same")
                       .arg(claim),
            before, now, idTokenSpec, check.subject});
    }
    return findings;
}

} // namespace Tokenscope::Grants
