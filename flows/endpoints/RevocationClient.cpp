#include "RevocationClient.h"

#include "EndpointReply.h"
#include "http/HttpClient.h"
#include "http/PendingExchange.h"

namespace Tokenscope::Endpoints {

RevocationClient::RevocationClient(Http::HttpClient *http, RandomSource &random, QObject *parent)
    : QObject(parent)
    , m_http(http)
    , m_random(random)
{
    qRegisterMetaType<Tokenscope::Endpoints::EndpointResult>();
}

RevocationClient::~RevocationClient()
{
    if (m_pending) {
        m_pending->disconnect(this);
        m_pending->cancel();
    }
}

void RevocationClient::revoke(const RevocationRequest &request)
{
    EndpointReply::drop(m_pending, this); // a new call replaces the one in flight
    m_result = EndpointResult{};
    if (!request.endpoint.isValid() || request.token.isEmpty()) {
        EndpointReply::setError(&m_result, EndpointError::Kind::Usage,
                                tr("A revocation endpoint and a token are needed"));
        emit finished(m_result);
        return;
    }
    Http::HttpRequest http;
    const QString problem = EndpointReply::tokenRequest(
        request.endpoint, request.token, request.tokenTypeHint, request.client, m_http->clock(),
        m_random, tr("Revocation"), QByteArray(), &http);
    if (!problem.isEmpty()) {
        EndpointReply::setError(&m_result, EndpointError::Kind::Usage, problem);
        emit finished(m_result);
        return;
    }
    m_pending = m_http->send(http);
    connect(m_pending, &Http::PendingExchange::finished, this, [this] {
        Http::PendingExchange *pending = m_pending;
        m_pending = nullptr;
        pending->deleteLater();
        const Http::Exchange exchange = pending->result();
        EndpointResult result;
        if (EndpointReply::read(exchange, tr("The revocation endpoint"), &result)) {
            const bool plain200 = exchange.statusCode == 200;
            result.checks.append(Finding{
                QStringLiteral("revocation_accepted"),
                plain200 ? Finding::Status::Pass : Finding::Status::Warn,
                plain200 ? tr("The revocation was accepted (HTTP 200; also the answer for a token "
                              "the server does not know)")
                         : tr("The revocation answered HTTP %1; RFC 7009 says 200")
                               .arg(exchange.statusCode),
                QStringLiteral("200"), QString::number(exchange.statusCode),
                QStringLiteral("RFC 7009 §2.2")});
        } else if (exchange.statusCode == 503) {
            result.checks.append(
                Finding{QStringLiteral("revocation_retry"), Finding::Status::Warn,
                        tr("HTTP 503: the token was not revoked; try again later (Retry-After: %1)")
                            .arg(QString::fromLatin1(exchange.responseHeader("Retry-After"))),
                        QString(), QString(), QStringLiteral("RFC 7009 §2.2.1")});
        } else if (result.error.oauth.error == QLatin1String("unsupported_token_type")) {
            result.checks.append(
                Finding{QStringLiteral("revocation_token_type"), Finding::Status::Fail,
                        tr("The server does not revoke this type of token"), QString(),
                        result.error.oauth.error, QStringLiteral("RFC 7009 §2.2.1")});
        }
        result.exchanges = pending->hops();
        m_result = result;
        emit finished(m_result);
    });
}

void RevocationClient::cancel()
{
    if (m_pending)
        m_pending->cancel(); // finishes with a Cancelled transport error
}

} // namespace Tokenscope::Endpoints
