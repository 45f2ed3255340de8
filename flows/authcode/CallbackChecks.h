#pragma once

#include "common/Finding.h"
#include "redirect/RedirectResult.h"

#include <QCoreApplication>

namespace Tokenscope::AuthCode {

// The checks on an authorization response before anything else is sent: an error
// response, state (present, equal), RFC 9207 iss (equal when present, required when the
// provider advertises it), and the code. Pure: the flow decides what a failure stops.
class CallbackChecks final
{
    Q_DECLARE_TR_FUNCTIONS(Tokenscope::AuthCode::CallbackChecks)

public:
    struct Expected
    {
        QString state;
        QString issuer;
        bool issRequired = false;
        bool codeExpected = true;     // response types with "code"
        bool idTokenExpected = false; // response types with "id_token"
    };

    static Findings check(const Redirect::RedirectResult &redirect, const Expected &expected);
    // A response that arrived after the run's state was used (a response was taken, or the
    // run was cancelled): always a failure named state_single_use, expected the state that
    // was used, received the response's.
    static Finding stateReused(const Redirect::RedirectResult &redirect, const QString &usedState);
    // The first failed finding, or nullptr.
    static const Finding *firstFailure(const Findings &findings);
};

} // namespace Tokenscope::AuthCode
