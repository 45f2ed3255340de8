#include "HttpClient.h"

#include "PendingExchange.h"
#include "ProxyFactory.h"
#include "Transcript.h"

#include <QNetworkAccessManager>

namespace Tokenscope::Http {

HttpRequest HttpRequest::get(const QUrl &url, const QString &label)
{
    HttpRequest request;
    request.url = url;
    request.label = label;
    return request;
}

HttpRequest HttpRequest::postForm(const QUrl &url, const QByteArray &formBody, const QString &label)
{
    HttpRequest request;
    request.method = QByteArrayLiteral("POST");
    request.url = url;
    request.label = label;
    request.body = formBody;
    request.headers.append({QByteArrayLiteral("Content-Type"),
                            QByteArrayLiteral("application/x-www-form-urlencoded")});
    return request;
}

HttpClient::HttpClient(QNetworkAccessManager *network, Transcript *transcript, const Clock &clock,
                       QObject *parent)
    : QObject(parent)
    , m_network(network)
    , m_transcript(transcript)
    , m_clock(clock)
{
    applyProxy();
}

HttpClient::~HttpClient()
{
    cancelAll();
}

void HttpClient::setOptions(const HttpOptions &options)
{
    m_options = options;
    applyProxy();
}

void HttpClient::applyProxy()
{
    // The manager takes ownership of the factory and deletes the previous one.
    m_network->setProxyFactory(new ProxyFactory(m_options.proxyMode, m_options.proxyUrl));
}

QByteArray HttpClient::hostHeader(const QUrl &url)
{
    QByteArray host = url.host(QUrl::FullyEncoded).toLatin1();
    if (host.contains(':'))
        host = '[' + host + ']'; // IPv6 literal
    const int defaultPort = url.scheme() == QLatin1String("https") ? 443 : 80;
    if (url.port() != -1 && url.port() != defaultPort)
        host += ':' + QByteArray::number(url.port());
    return host;
}

HeaderList HttpClient::headersFor(const HttpRequest &request) const
{
    const QByteArray userAgent = m_options.userAgent.isEmpty()
                                     ? QByteArrayLiteral("Tokenscope/" TOKENSCOPE_VERSION)
                                     : m_options.userAgent;
    HeaderList headers{
        {QByteArrayLiteral("Host"), hostHeader(request.url)},
        {QByteArrayLiteral("User-Agent"), userAgent},
        {QByteArrayLiteral("Accept"), QByteArrayLiteral("application/json")},
        {QByteArrayLiteral("Accept-Encoding"), QByteArrayLiteral("gzip, deflate")},
        {QByteArrayLiteral("Accept-Language"), m_options.acceptLanguage},
        {QByteArrayLiteral("Connection"), QByteArrayLiteral("keep-alive")},
    };
    for (const auto &field : request.headers) {
        auto same = std::find_if(headers.begin(), headers.end(), [&field](const auto &existing) {
            return existing.first.compare(field.first, Qt::CaseInsensitive) == 0;
        });
        if (same != headers.end())
            same->second = field.second;
        else
            headers.append(field);
    }
    const bool sendsBody = !request.body.isEmpty() || request.method == "POST" ||
                           request.method == "PUT" || request.method == "PATCH";
    if (sendsBody && !hasHeader(headers, QByteArrayLiteral("Content-Length")))
        headers.append(
            {QByteArrayLiteral("Content-Length"), QByteArray::number(request.body.size())});
    return headers;
}

PendingExchange *HttpClient::send(const HttpRequest &request)
{
    auto *pending = new PendingExchange(m_network, m_transcript, m_clock, m_options, this);
    m_pending.append(pending);
    if (++m_inFlight == 1)
        emit busyChanged(true);
    connect(pending, &PendingExchange::finished, this, [this] {
        m_pending.removeAll(nullptr);
        if (--m_inFlight == 0)
            emit busyChanged(false);
    });
    HttpRequest complete = request;
    complete.headers = headersFor(request);
    pending->start(complete);
    return pending;
}

void HttpClient::cancelAll()
{
    const auto pending = m_pending;
    for (const auto &exchange : pending) {
        if (exchange && !exchange->isFinished())
            exchange->cancel();
    }
}

} // namespace Tokenscope::Http
