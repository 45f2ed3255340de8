#include "DiscoveryClient.h"

#include "common/JsonReader.h"
#include "http/HttpClient.h"
#include "http/PendingExchange.h"

#include <QJsonObject>
#include <QLoggingCategory>

namespace Tokenscope::Discovery {

Q_LOGGING_CATEGORY(lcDiscovery, "tokenscope.flows.discovery", QtInfoMsg)

DiscoveryClient::DiscoveryClient(Http::HttpClient *http, QObject *parent)
    : QObject(parent)
    , m_http(http)
{
    qRegisterMetaType<Tokenscope::Discovery::DiscoveryResult>();
}

DiscoveryClient::~DiscoveryClient()
{
    if (m_pending) {
        m_pending->disconnect(this);
        m_pending->cancel();
    }
}

void DiscoveryClient::discover(const QString &issuerOrMetadataUrl, WellKnown::Mode mode)
{
    if (m_pending) {
        m_pending->disconnect(this);
        m_pending->cancel();
    }
    m_result = DiscoveryResult{};
    m_strongest = DiscoveryError{};
    m_candidates.clear();
    m_next = 0;
    m_running = true;

    QUrl typed;
    const QString problem = WellKnown::parseIssuer(issuerOrMetadataUrl, &typed);
    if (!problem.isEmpty()) {
        DiscoveryError error;
        error.kind = DiscoveryError::Kind::InvalidIssuer;
        error.message = problem;
        QMetaObject::invokeMethod(
            this, [this, error] { complete(error); }, Qt::QueuedConnection);
        return;
    }
    if (const auto pasted = WellKnown::fromMetadataUrl(typed)) {
        m_result.requestedIssuer = pasted->issuer;
        m_candidates = {pasted->candidate};
    } else {
        m_result.requestedIssuer = QUrl(issuerOrMetadataUrl.trimmed(), QUrl::StrictMode);
        m_candidates = WellKnown::candidates(typed, mode);
    }
    emit started(m_result.requestedIssuer);
    tryNext();
}

void DiscoveryClient::cancel()
{
    if (!m_running)
        return;
    if (m_pending) {
        m_pending->cancel(); // finishes with a Cancelled transport error
        return;
    }
    DiscoveryError error;
    error.kind = DiscoveryError::Kind::Cancelled;
    error.message = tr("Discovery was cancelled");
    complete(error);
}

void DiscoveryClient::tryNext()
{
    if (m_next >= m_candidates.size()) {
        complete(m_strongest);
        return;
    }
    const WellKnown::Candidate &candidate = m_candidates.at(m_next++);
    Http::HttpRequest request =
        Http::HttpRequest::get(candidate.url, candidate.kind == WellKnown::Kind::OpenIdConfiguration
                                                  ? tr("OpenID Connect discovery")
                                                  : tr("OAuth 2.0 authorization server metadata"));
    request.followRedirects = true; // read-only metadata; each hop is recorded
    qCDebug(lcDiscovery) << "fetching" << candidate.url;
    m_pending = m_http->send(request);
    connect(m_pending, &Http::PendingExchange::finished, this, &DiscoveryClient::onFetched);
}

void DiscoveryClient::onFetched()
{
    Http::PendingExchange *pending = m_pending;
    m_pending = nullptr;
    pending->deleteLater();
    m_result.exchanges.append(pending->hops());
    const Http::Exchange &exchange = pending->result();
    const WellKnown::Candidate &candidate = m_candidates.at(m_next - 1);

    if (exchange.error.isError()) {
        DiscoveryError error;
        if (exchange.error.kind == Http::TransportErrorKind::Cancelled) {
            error.kind = DiscoveryError::Kind::Cancelled;
            error.message = tr("Discovery was cancelled");
        } else {
            error.kind = DiscoveryError::Kind::Transport;
            error.transportKind = exchange.error.kind;
            error.message = exchange.error.message;
        }
        complete(error); // the host, TLS or the limits: another path will not help
        return;
    }

    ProviderMetadata metadata;
    const DiscoveryError problem = judge(exchange, candidate, &metadata);
    if (problem.isError()) {
        if (problem.weight() > m_strongest.weight())
            m_strongest = problem;
        tryNext();
        return;
    }

    const QString expected = m_result.requestedIssuer.toString(QUrl::FullyEncoded);
    m_result.metadata = metadata;
    if (metadata.issuer != expected) {
        DiscoveryError error;
        error.kind = DiscoveryError::Kind::IssuerMismatch;
        error.expected = expected;
        error.actual = metadata.issuer;
        error.message = tr("The metadata names issuer “%1”, not the requested “%2”; "
                           "the exact match is required (RFC 8414 §3.3)")
                            .arg(metadata.issuer, expected);
        if (metadata.issuer + QLatin1Char('/') == expected ||
            expected + QLatin1Char('/') == metadata.issuer) {
            error.message +=
                QLatin1Char(' ') +
                tr("They differ only in the trailing slash: try “%1”.").arg(metadata.issuer);
        }
        complete(error);
        return;
    }
    complete({});
}

DiscoveryError DiscoveryClient::judge(const Http::Exchange &exchange,
                                      const WellKnown::Candidate &candidate,
                                      ProviderMetadata *metadata) const
{
    DiscoveryError error;
    error.httpStatus = exchange.statusCode;
    const QString url = exchange.url.toDisplayString();
    const JsonParseResult json = JsonReader::parse(exchange.responseBody);

    if (exchange.statusCode < 200 || exchange.statusCode >= 300) {
        error.kind = DiscoveryError::Kind::HttpStatus;
        error.message = tr("HTTP %1 %2 from %3")
                            .arg(exchange.statusCode)
                            .arg(QString::fromLatin1(exchange.reasonPhrase), url);
        if (json.ok && json.document.isObject()) {
            const QJsonObject body = json.document.object();
            error.error = body.value(QLatin1String("error")).toString();
            error.errorDescription = body.value(QLatin1String("error_description")).toString();
            error.errorUri = body.value(QLatin1String("error_uri")).toString();
            if (!error.error.isEmpty())
                error.message +=
                    QStringLiteral(": ") + error.error +
                    (error.errorDescription.isEmpty()
                         ? QString()
                         : QStringLiteral(" (") + error.errorDescription + QLatin1Char(')'));
        } else if (exchange.responseIsHtml()) {
            error.message += QLatin1Char(' ') + tr("(an HTML page)");
        }
        return error;
    }
    if (exchange.responseIsHtml()) {
        error.kind = DiscoveryError::Kind::HtmlPage;
        error.message = tr("%1 answered with an HTML page, not JSON metadata").arg(url);
        return error;
    }
    if (!json.ok) {
        if (exchange.responseIsJson()) {
            error.kind = DiscoveryError::Kind::MalformedJson;
            error.line = json.line;
            error.column = json.column;
            error.message = tr("The metadata at %1 is not valid JSON: %2").arg(url, json.message);
        } else {
            error.kind = DiscoveryError::Kind::NotJson;
            const QByteArray type = exchange.mediaType();
            error.message = tr("%1 answered with %2, not JSON metadata")
                                .arg(url, type.isEmpty() ? tr("a body without a Content-Type")
                                                         : QString::fromLatin1(type));
        }
        return error;
    }
    if (!json.document.isObject()) {
        error.kind = DiscoveryError::Kind::NotAnObject;
        error.message = tr("The metadata at %1 is JSON but not an object").arg(url);
        return error;
    }
    *metadata = ProviderMetadata::fromJson(json.document.object(), exchange.responseBody,
                                           exchange.url, candidate.kind);
    if (!exchange.responseIsJson()) {
        metadata->findings.append(
            Finding{QStringLiteral("content_type_json"), Finding::Status::Warn,
                    tr("The metadata is JSON but was served as “%1”")
                        .arg(QString::fromLatin1(exchange.mediaType())),
                    QStringLiteral("application/json"), QString::fromLatin1(exchange.mediaType()),
                    QStringLiteral("RFC 8414 §3.2")});
    }
    return {};
}

void DiscoveryClient::complete(const DiscoveryError &error)
{
    m_running = false;
    m_result.error = error;
    if (error.isError() && error.kind != DiscoveryError::Kind::IssuerMismatch)
        m_result.metadata = ProviderMetadata{};
    emit finished(m_result);
}

} // namespace Tokenscope::Discovery
