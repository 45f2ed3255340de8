#include "EndpointReply.h"

#include "clientauth/ClientAuthentication.h"
#include "common/JsonReader.h"
#include "http/PendingExchange.h"

namespace Tokenscope::Endpoints {

void EndpointReply::setError(EndpointResult *result, EndpointError::Kind kind,
                             const QString &message, const QString &rule)
{
    result->error.kind = kind;
    result->error.message = message;
    result->error.rule = rule;
}

bool EndpointReply::read(const Http::Exchange &exchange, const QString &endpoint,
                         EndpointResult *result)
{
    if (exchange.error.isError()) {
        result->error.transport = exchange.error.kind;
        setError(result,
                 exchange.error.kind == Http::TransportErrorKind::Cancelled
                     ? EndpointError::Kind::Cancelled
                     : EndpointError::Kind::Transport,
                 exchange.error.message);
        return false;
    }
    result->httpStatus = exchange.statusCode;
    const QByteArray header = exchange.responseHeader("WWW-Authenticate");
    if (!header.isEmpty()) {
        const QList<AuthChallenge> challenges = WwwAuthenticate::parse(header);
        result->challenge = WwwAuthenticate::find(challenges, QStringLiteral("Bearer"));
        if (result->challenge.scheme.isEmpty())
            result->challenge = challenges.value(0);
    }
    const JsonParseResult json = JsonReader::parse(exchange.responseBody);
    if (json.ok && json.document.isObject())
        result->json = json.document.object();
    const bool success = exchange.statusCode >= 200 && exchange.statusCode < 300;
    // An OAuth error body under a success status is still the error it says (a gateway or a
    // provider that always answers 200): RFC 6749 §5.2 wants 400 or 401 with it.
    const bool errorBody = result->json.value(QLatin1String("error")).isString();
    if (success && !errorBody)
        return true;

    OAuthError oauth = OAuthError::fromJson(result->json);
    if (success) {
        result->error.oauth = oauth;
        result->checks.append(
            Finding{QStringLiteral("error_with_success_status"), Finding::Status::Fail,
                    tr("HTTP %1 came with an OAuth error member: it is treated "
                       "as the error it says, not as a success")
                        .arg(exchange.statusCode),
                    QStringLiteral("400 or 401"), QString::number(exchange.statusCode),
                    QStringLiteral("RFC 6749 §5.2")});
        setError(result, EndpointError::Kind::Provider,
                 tr("%1 answered HTTP %2 with an error: %3")
                     .arg(endpoint)
                     .arg(exchange.statusCode)
                     .arg(oauth.summary()));
        return false;
    }
    if (oauth.isEmpty() && !result->challenge.error().isEmpty())
        oauth = {result->challenge.error(), result->challenge.errorDescription(),
                 result->challenge.errorUri()};
    result->error.oauth = oauth;
    QString message;
    if (!result->challenge.scheme.isEmpty()) {
        result->checks.append(Finding{QStringLiteral("www_authenticate"), Finding::Status::Fail,
                                      WwwAuthenticate::explain(result->challenge), QString(),
                                      QString::fromUtf8(header),
                                      QStringLiteral("RFC 6750 §3, RFC 9470 §3")});
        message = tr("%1 answered HTTP %2: %3")
                      .arg(endpoint)
                      .arg(exchange.statusCode)
                      .arg(WwwAuthenticate::explain(result->challenge));
    } else if (!oauth.isEmpty()) {
        message = tr("%1 answered HTTP %2: %3")
                      .arg(endpoint)
                      .arg(exchange.statusCode)
                      .arg(oauth.summary());
    } else if (exchange.responseIsHtml()) {
        result->checks.append(Finding{QStringLiteral("error_body_json"), Finding::Status::Warn,
                                      tr("The error came as an HTML page, not as a JSON OAuth "
                                         "error (a proxy, a login page or a server error page?)"),
                                      QStringLiteral("application/json"),
                                      QString::fromLatin1(exchange.mediaType()),
                                      QStringLiteral("RFC 6749 §5.2")});
        message =
            tr("%1 answered HTTP %2 with an HTML page").arg(endpoint).arg(exchange.statusCode);
    } else {
        message = tr("%1 answered HTTP %2").arg(endpoint).arg(exchange.statusCode);
    }
    setError(result, EndpointError::Kind::Provider, message);
    return false;
}

QString EndpointReply::tokenRequest(const QUrl &endpoint, const QString &token,
                                    const QString &tokenTypeHint,
                                    const ClientAuth::ClientCredentials &client, const Clock &clock,
                                    RandomSource &random, const QString &label,
                                    const QByteArray &accept, Http::HttpRequest *request)
{
    ClientAuth::FormFields form{{QByteArrayLiteral("token"), token.toUtf8()}};
    if (!tokenTypeHint.isEmpty())
        form.append({QByteArrayLiteral("token_type_hint"), tokenTypeHint.toUtf8()});
    Http::HeaderList headers;
    const QString problem =
        ClientAuth::ClientAuthentication::apply(client, endpoint, clock, random, &form, &headers);
    if (!problem.isEmpty())
        return problem;
    *request = Http::HttpRequest::postForm(
        endpoint, ClientAuth::ClientAuthentication::encodeForm(form), label);
    if (!accept.isEmpty())
        request->headers.append({QByteArrayLiteral("Accept"), accept});
    request->headers.append(headers);
    return {};
}

void EndpointReply::drop(QPointer<Http::PendingExchange> &pending, QObject *receiver)
{
    if (!pending)
        return;
    pending->disconnect(receiver);
    pending->cancel();
    pending = nullptr;
}

} // namespace Tokenscope::Endpoints
