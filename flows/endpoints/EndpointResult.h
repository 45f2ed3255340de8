#pragma once

#include "WwwAuthenticate.h"
#include "authcode/AuthorizationCodeFlow.h"
#include "common/Finding.h"
#include "http/Exchange.h"

#include <QJsonObject>

namespace Tokenscope::Endpoints {

using EndpointError = AuthCode::FlowError;

// What every endpoint client reports: findings, the error (transport, provider with the
// RFC 6749 §5.2 fields, validation with the failed rule), the exchanges and the
// WWW-Authenticate challenge of a 401/403.
struct EndpointResult
{
    int httpStatus = 0;
    QJsonObject json; // the answer when it was a JSON object
    Findings checks;
    AuthChallenge challenge;
    EndpointError error;
    QList<Http::Exchange> exchanges;

    bool ok() const { return !error.isError(); }
};

} // namespace Tokenscope::Endpoints
