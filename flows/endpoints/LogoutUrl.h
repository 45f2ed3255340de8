#pragma once

#include "common/Finding.h"

#include <QCoreApplication>
#include <QList>
#include <QPair>
#include <QUrl>

namespace Tokenscope::Endpoints {

// RP-initiated logout (OpenID Connect RP-Initiated Logout 1.0 §2, §3). Pure.
class LogoutUrl final
{
    Q_DECLARE_TR_FUNCTIONS(Tokenscope::Endpoints::LogoutUrl)

public:
    struct Request
    {
        QUrl endSessionEndpoint;
        QString idTokenHint;
        QUrl postLogoutRedirectUri;
        QString state;
        QString clientId;
        QString uiLocales;
        QString logoutHint;
        QList<QPair<QString, QString>> extraParameters;
    };

    // The URL to open; its existing query is kept. Empty parameters are left out.
    static QUrl build(const Request &request);
    // Usage problems and warnings: post_logout_redirect_uri without id_token_hint or
    // client_id (§3), state without a redirect URI.
    static Findings checkRequest(const Request &request);
    // The return to post_logout_redirect_uri: the state must come back unchanged (§3).
    static Findings checkReturn(const QUrl &returned, const Request &request);
};

} // namespace Tokenscope::Endpoints
