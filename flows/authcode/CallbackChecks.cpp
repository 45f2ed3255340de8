#include "CallbackChecks.h"

namespace Tokenscope::AuthCode {

static Finding make(const QString &rule, bool passed, const QString &message, const QString &spec,
                    const QString &expected = {}, const QString &actual = {})
{
    return Finding{rule,    passed ? Finding::Status::Pass : Finding::Status::Fail,
                   message, expected,
                   actual,  spec};
}

Findings CallbackChecks::check(const Redirect::RedirectResult &redirect, const Expected &expected)
{
    Findings findings;
    const QString none = tr("(absent)");

    if (redirect.isError()) {
        const QString error = redirect.value(QStringLiteral("error"));
        const QString description = redirect.value(QStringLiteral("error_description"));
        findings.append(
            make(QStringLiteral("error_response"), false,
                 description.isEmpty()
                     ? tr("The provider answered with the error “%1”").arg(error)
                     : tr("The provider answered with the error “%1”: %2").arg(error, description),
                 QStringLiteral("RFC 6749 §4.1.2.1"), tr("a code or tokens"), error));
    }

    const bool hasState = redirect.has(QStringLiteral("state"));
    const QString state = redirect.value(QStringLiteral("state"));
    if (!hasState) {
        findings.append(make(QStringLiteral("state_present"), false,
                             tr("The response carries no state: it cannot be tied to this "
                                "request"),
                             QStringLiteral("RFC 6749 §4.1.2, RFC 9700 §4.7"), expected.state,
                             none));
    } else {
        const bool equal = state == expected.state;
        findings.append(make(QStringLiteral("state_matches"), equal,
                             equal ? tr("state equals the value sent")
                                   : tr("state differs from the value sent: the response may "
                                        "belong to another request (CSRF)"),
                             QStringLiteral("RFC 6749 §10.12"), expected.state, state));
    }

    const bool hasIss = redirect.has(QStringLiteral("iss"));
    if (hasIss) {
        const QString iss = redirect.value(QStringLiteral("iss"));
        const bool equal = iss == expected.issuer;
        findings.append(make(QStringLiteral("iss_matches"), equal,
                             equal ? tr("iss equals the issuer")
                                   : tr("iss differs from the issuer: the response may come "
                                        "from another provider (mix-up)"),
                             QStringLiteral("RFC 9207 §2.4"), expected.issuer, iss));
    } else if (expected.issRequired && expected.idTokenExpected &&
               redirect.has(QStringLiteral("id_token"))) {
        // An ID token in the response names its issuer itself; it is checked with it.
        findings.append(make(QStringLiteral("iss_present"), true,
                             tr("No iss parameter, but the response's ID token carries iss, "
                                "which is checked with the token"),
                             QStringLiteral("RFC 9207 §2.4"), expected.issuer, none));
    } else if (expected.issRequired) {
        findings.append(make(QStringLiteral("iss_present"), false,
                             tr("The provider advertises authorization_response_iss_parameter_"
                                "supported but sent no iss"),
                             QStringLiteral("RFC 9207 §2.4"), expected.issuer, none));
    }

    if (expected.codeExpected && !redirect.isError()) {
        const bool hasCode = !redirect.value(QStringLiteral("code")).isEmpty();
        findings.append(make(QStringLiteral("code_present"), hasCode,
                             hasCode ? tr("an authorization code arrived")
                                     : tr("The response carries no authorization code"),
                             QStringLiteral("RFC 6749 §4.1.2"),
                             hasCode ? QString() : tr("an authorization code"),
                             hasCode ? QString() : none));
    }
    if (!redirect.repeated.isEmpty()) {
        findings.append(make(QStringLiteral("parameters_not_repeated"), false,
                             tr("Parameters appear more than once: %1")
                                 .arg(redirect.repeated.join(QStringLiteral(", "))),
                             QStringLiteral("RFC 6749 §3.1"), tr("each parameter once"),
                             redirect.repeated.join(QStringLiteral(", "))));
    }
    return findings;
}

Finding CallbackChecks::stateReused(const Redirect::RedirectResult &redirect,
                                    const QString &usedState)
{
    const bool hasState = redirect.has(QStringLiteral("state"));
    const QString state = redirect.value(QStringLiteral("state"));
    const QString message =
        hasState && state == usedState
            ? tr("A second response with this run's state arrived after the state was used: "
                 "a state is single-use, so it was refused and nothing was sent (a replayed "
                 "or injected response)")
            : tr("A response arrived after this run's state was used: it was refused and "
                 "nothing was sent");
    return make(QStringLiteral("state_single_use"), false, message, QStringLiteral("RFC 9700 §4.7"),
                tr("no response after the first for state “%1”").arg(usedState),
                hasState ? tr("a response with state “%1”").arg(state)
                         : tr("a response without state"));
}

const Finding *CallbackChecks::firstFailure(const Findings &findings)
{
    for (const Finding &finding : findings) {
        if (finding.status == Finding::Status::Fail)
            return &finding;
    }
    return nullptr;
}

} // namespace Tokenscope::AuthCode
