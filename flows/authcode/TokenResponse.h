#pragma once

#include "common/Finding.h"
#include "common/OAuthError.h"
#include "redirect/RedirectResult.h"

#include <QCoreApplication>
#include <QJsonObject>
#include <QString>

namespace Tokenscope::AuthCode {

// A token endpoint's answer (RFC 6749 §5.1 / §5.2), read tolerantly: token_type in any
// case, expires_in as a number or a string, optional members absent. Every deviation is
// a warning finding, not a failure.
struct TokenResponse
{
    Q_DECLARE_TR_FUNCTIONS(Tokenscope::AuthCode::TokenResponse)

public:
    bool ok = false;  // a successful response with an access token
    OAuthError error; // when the provider answered with an error
    QString accessToken;
    QString tokenType;
    qint64 expiresIn = -1; // seconds; -1 when absent
    QString refreshToken;
    QString idToken;
    QString scope;
    QJsonObject raw;
    Findings findings;
    QString problem; // why the body could not be read as a token response, translated

    static TokenResponse parse(int httpStatus, const QByteArray &body, bool isJsonMediaType);
    // The tokens an implicit or hybrid authorization response carries (RFC 6749 §4.2.2,
    // OpenID Connect Core §3.2.2.5, §3.3.2.5): access_token and token_type when the
    // response type has "token", id_token when it has "id_token". Not ok when one is
    // missing; an empty, ok response when the response type asks for neither.
    static TokenResponse fromAuthorizationResponse(const Redirect::RedirectResult &redirect,
                                                   bool tokenExpected, bool idTokenExpected);
};

} // namespace Tokenscope::AuthCode
