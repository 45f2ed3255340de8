#pragma once

#include "EndpointResult.h"
#include "clientauth/ClientCredentials.h"
#include "http/HttpRequest.h"

#include <QCoreApplication>
#include <QPointer>

namespace Tokenscope {
class Clock;
class RandomSource;
namespace Http {
class PendingExchange;
}
} // namespace Tokenscope

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

    // The form POST that sends a token to introspection (RFC 7662 §2.1) or revocation
    // (RFC 7009 §2.1): token, token_type_hint when given, an Accept header when given, then
    // the client's authentication. Empty: *request is ready; otherwise why the client cannot
    // authenticate (translated).
    static QString tokenRequest(const QUrl &endpoint, const QString &token,
                                const QString &tokenTypeHint,
                                const ClientAuth::ClientCredentials &client, const Clock &clock,
                                RandomSource &random, const QString &label,
                                const QByteArray &accept, Http::HttpRequest *request);
    // Cancels the call in flight, if any, so that its end no longer reaches `receiver`.
    static void drop(QPointer<Http::PendingExchange> &pending, QObject *receiver);
};

} // namespace Tokenscope::Endpoints
