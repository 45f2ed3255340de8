#pragma once

#include "EndpointResult.h"

#include <QCoreApplication>

namespace Tokenscope::Endpoints {

// How the endpoint clients read an answer before their own rules: transport failures,
// error statuses with an OAuth error body, a WWW-Authenticate challenge or an HTML page.
// Pure.
class EndpointReply final
{
    Q_DECLARE_TR_FUNCTIONS(Tokenscope::Endpoints::EndpointReply)

public:
    // Records the exchange's status, JSON object and challenge in `result`. Returns true
    // for a 2xx answer; otherwise result->error says why (transport, provider).
    static bool read(const Http::Exchange &exchange, const QString &endpoint,
                     EndpointResult *result);
    static void setError(EndpointResult *result, EndpointError::Kind kind, const QString &message,
                         const QString &rule = QString());
};

} // namespace Tokenscope::Endpoints
