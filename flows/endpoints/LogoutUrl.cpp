#include "LogoutUrl.h"

#include <QUrlQuery>

namespace Tokenscope::Endpoints {

static const QString logoutSpec = QStringLiteral("OpenID Connect RP-Initiated Logout 1.0 §2");

QUrl LogoutUrl::build(const Request &request)
{
    QUrl url = request.endSessionEndpoint;
    QUrlQuery query(url);
    auto add = [&query](const char *name, const QString &value) {
        if (!value.isEmpty())
            query.addQueryItem(QString::fromLatin1(name),
                               QString::fromLatin1(QUrl::toPercentEncoding(value)));
    };
    add("id_token_hint", request.idTokenHint);
    add("logout_hint", request.logoutHint);
    add("client_id", request.clientId);
    if (!request.postLogoutRedirectUri.isEmpty())
        add("post_logout_redirect_uri", request.postLogoutRedirectUri.toString(QUrl::FullyEncoded));
    add("state", request.state);
    add("ui_locales", request.uiLocales);
    for (const auto &[name, value] : request.extraParameters)
        query.addQueryItem(QString::fromLatin1(QUrl::toPercentEncoding(name)),
                           QString::fromLatin1(QUrl::toPercentEncoding(value)));
    url.setQuery(query);
    return url;
}

Findings LogoutUrl::checkRequest(const Request &request)
{
    Findings findings;
    if (!request.endSessionEndpoint.isValid() || request.endSessionEndpoint.isRelative())
        findings.append(Finding{QStringLiteral("logout_endpoint"), Finding::Status::Fail,
                                tr("An end_session_endpoint is needed"), QString(), QString(),
                                logoutSpec});
    if (request.idTokenHint.isEmpty())
        findings.append(Finding{QStringLiteral("logout_id_token_hint"), Finding::Status::Warn,
                                tr("Without id_token_hint the provider may ask the user to "
                                   "confirm the logout"),
                                QString(), QString(), logoutSpec});
    if (!request.postLogoutRedirectUri.isEmpty() && request.idTokenHint.isEmpty() &&
        request.clientId.isEmpty())
        findings.append(Finding{
            QStringLiteral("logout_redirect_needs_client"), Finding::Status::Fail,
            tr("post_logout_redirect_uri needs id_token_hint or client_id so "
               "the provider can check it is registered"),
            QString(), QString(), QStringLiteral("OpenID Connect RP-Initiated Logout 1.0 §3")});
    if (!request.state.isEmpty() && request.postLogoutRedirectUri.isEmpty())
        findings.append(Finding{QStringLiteral("logout_state_without_redirect"),
                                Finding::Status::Warn,
                                tr("state only comes back with a post_logout_redirect_uri"),
                                QString(), QString(), logoutSpec});
    return findings;
}

Findings LogoutUrl::checkReturn(const QUrl &returned, const Request &request)
{
    Findings findings;
    const QUrl expected = request.postLogoutRedirectUri;
    const bool sameTarget = returned.adjusted(QUrl::RemoveQuery | QUrl::RemoveFragment) ==
                            expected.adjusted(QUrl::RemoveQuery | QUrl::RemoveFragment);
    findings.append(Finding{QStringLiteral("logout_redirect_uri"),
                            sameTarget ? Finding::Status::Pass : Finding::Status::Fail,
                            sameTarget ? tr("The provider returned to the post_logout_redirect_uri")
                                       : tr("The provider returned somewhere else"),
                            expected.toString(), returned.toString(QUrl::RemoveQuery),
                            QStringLiteral("OpenID Connect RP-Initiated Logout 1.0 §3")});
    if (!request.state.isEmpty()) {
        const QString state =
            QUrlQuery(returned).queryItemValue(QStringLiteral("state"), QUrl::FullyDecoded);
        const bool same = state == request.state;
        findings.append(Finding{
            QStringLiteral("logout_state"), same ? Finding::Status::Pass : Finding::Status::Fail,
            same              ? tr("The state came back unchanged")
            : state.isEmpty() ? tr("The state did not come back")
                              : tr("The state came back changed"),
            request.state, state, QStringLiteral("OpenID Connect RP-Initiated Logout 1.0 §3")});
    }
    return findings;
}

} // namespace Tokenscope::Endpoints
