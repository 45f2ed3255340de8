#include "PendingExchange.h"

#include "Decompressor.h"
#include "HttpClient.h"
#include "TlsSummary.h"
#include "Transcript.h"
#include "common/Clock.h"
#include "common/Format.h"

#include <QLoggingCategory>
#include <QNetworkAccessManager>
#include <QNetworkProxyFactory>
#include <QNetworkReply>
#include <QSslCipher>
#include <QSslConfiguration>

namespace Tokenscope::Http {

Q_LOGGING_CATEGORY(lcHttp, "tokenscope.flows.http", QtInfoMsg)

PendingExchange::PendingExchange(QNetworkAccessManager *network, Transcript *transcript,
                                 const Clock &clock, HttpOptions options, HttpClient *client)
    : QObject(client)
    , m_network(network)
    , m_transcript(transcript)
    , m_clock(clock)
    , m_options(std::move(options))
{
    m_deadline.setSingleShot(true);
    connect(&m_deadline, &QTimer::timeout, this, &PendingExchange::onTimeout);
}

PendingExchange::~PendingExchange()
{
    if (m_reply) {
        m_reply->disconnect(this);
        m_reply->abort();
        m_reply->deleteLater();
    }
}

void PendingExchange::start(const HttpRequest &request)
{
    m_request = request;
    // Start on the next turn of the event loop, so that a caller always gets to connect
    // to finished() first, even when the request fails before anything is sent.
    QMetaObject::invokeMethod(
        this, [this] { startHop(m_request); }, Qt::QueuedConnection);
}

static bool isSupportedUrl(const QUrl &url)
{
    return url.isValid() && !url.host().isEmpty() &&
           (url.scheme() == QLatin1String("https") || url.scheme() == QLatin1String("http"));
}

void PendingExchange::prepareCurrent(const HttpRequest &request)
{
    m_current = Exchange{};
    m_current.id = m_transcript->nextId();
    m_current.label = request.label;
    m_current.hop = int(m_hops.size());
    m_current.previousHopId = m_hops.isEmpty() ? 0 : m_hops.constLast().id;
    m_current.method = request.method;
    m_current.url = request.url;
    m_current.requestHeaders = request.headers;
    m_current.requestBody = request.body;
    m_current.started = m_clock.now();
    m_wireBody.clear();
    m_expectedLength = -1;
    m_abortReason = TransportErrorKind::None;
    m_elapsed.start();
}

void PendingExchange::startHop(const HttpRequest &request)
{
    if (m_finished)
        return;
    prepareCurrent(request);

    if (!isSupportedUrl(request.url)) {
        fail(TransportErrorKind::InvalidUrl,
             tr("“%1” is not an http:// or https:// URL with a host")
                 .arg(request.url.toDisplayString()));
        return;
    }

    // The same factory the manager consults, asked the same question: which proxy.
    if (QNetworkProxyFactory *factory = m_network->proxyFactory()) {
        const QNetworkProxy proxy = factory->queryProxy(QNetworkProxyQuery(request.url)).value(0);
        if (proxy.type() == QNetworkProxy::HttpProxy ||
            proxy.type() == QNetworkProxy::Socks5Proxy) {
            m_current.proxy =
                (proxy.type() == QNetworkProxy::HttpProxy ? QStringLiteral("http://")
                                                          : QStringLiteral("socks5://")) +
                proxy.hostName() + QLatin1Char(':') + QString::number(proxy.port());
        }
    }

    QNetworkRequest networkRequest(request.url);
    for (const auto &[name, value] : request.headers)
        networkRequest.setRawHeader(name, value);
    // Nothing may reach the wire that the exchange does not record: no HTTP/2 (its
    // framing differs), no cookies, no cached credentials, no automatic redirects.
    networkRequest.setAttribute(QNetworkRequest::Http2AllowedAttribute, false);
    networkRequest.setAttribute(QNetworkRequest::RedirectPolicyAttribute,
                                QNetworkRequest::ManualRedirectPolicy);
    networkRequest.setAttribute(QNetworkRequest::CookieLoadControlAttribute,
                                QNetworkRequest::Manual);
    networkRequest.setAttribute(QNetworkRequest::CookieSaveControlAttribute,
                                QNetworkRequest::Manual);
    networkRequest.setAttribute(QNetworkRequest::AuthenticationReuseAttribute,
                                QNetworkRequest::Manual);
    networkRequest.setAttribute(QNetworkRequest::CacheSaveControlAttribute, false);

    if (request.url.scheme() == QLatin1String("https")) {
        QSslConfiguration tls = QSslConfiguration::defaultConfiguration();
        if (!m_options.caFile.isEmpty()) {
            const auto extra = QSslCertificate::fromPath(m_options.caFile, QSsl::Pem);
            if (extra.isEmpty()) {
                fail(TransportErrorKind::Tls,
                     tr("The CA file %1 holds no PEM certificate").arg(m_options.caFile));
                return;
            }
            tls.addCaCertificates(extra);
            m_current.tls.caFile = m_options.caFile;
        }
        networkRequest.setSslConfiguration(tls);
    }

    m_transcript->record(m_current);
    qCDebug(lcHttp) << "sending" << request.method
                    << request.url.toDisplayString(QUrl::RemoveQuery);

    const bool bodyless =
        request.body.isEmpty() && (request.method == "GET" || request.method == "HEAD" ||
                                   request.method == "DELETE" || request.method == "OPTIONS");
    m_reply = bodyless ? m_network->sendCustomRequest(networkRequest, request.method)
                       : m_network->sendCustomRequest(networkRequest, request.method, request.body);
    connect(m_reply, &QNetworkReply::metaDataChanged, this, &PendingExchange::onMetaDataChanged);
    connect(m_reply, &QNetworkReply::readyRead, this, &PendingExchange::onReadyRead);
    connect(m_reply, &QNetworkReply::sslErrors, this, &PendingExchange::onSslErrors);
    connect(m_reply, &QNetworkReply::finished, this, &PendingExchange::onReplyFinished);
    connect(m_reply, &QNetworkReply::downloadProgress, this, &PendingExchange::progress);
    m_deadline.start(m_options.timeoutMs);
}

void PendingExchange::onMetaDataChanged()
{
    if (m_current.timeToHeadersUs < 0)
        m_current.timeToHeadersUs = m_elapsed.nsecsElapsed() / 1000;
    bool ok = false;
    const qint64 length = m_reply->rawHeader(QByteArrayLiteral("Content-Length")).toLongLong(&ok);
    m_expectedLength = ok ? length : -1;
}

void PendingExchange::onReadyRead()
{
    if (!m_reply)
        return;
    const QByteArray chunk = m_reply->readAll();
    const qint64 room = m_options.maxBodyBytes - m_wireBody.size();
    if (chunk.size() > room) {
        m_wireBody.append(chunk.constData(), qMax<qint64>(room, 0));
        m_current.truncated = true;
        m_abortReason = TransportErrorKind::BodyTooLarge;
        m_reply->abort();
        return;
    }
    m_wireBody.append(chunk);
}

void PendingExchange::onSslErrors(const QList<QSslError> &errors)
{
    captureTls();
    QList<QSslError> leafErrors;
    bool trusted = false;
    if (!m_reply->sslConfiguration().peerCertificateChain().isEmpty()) {
        const QSslCertificate leaf = m_reply->sslConfiguration().peerCertificate();
        const QByteArray fingerprint =
            TlsSummary::normalizedFingerprint(TlsSummary::sha256Fingerprint(leaf).toLatin1());
        for (const auto &allowed : std::as_const(m_options.trustedCertificateSha256)) {
            if (TlsSummary::normalizedFingerprint(allowed) == fingerprint)
                trusted = true;
        }
    }
    m_current.tls.errors.clear();
    for (const auto &error : errors)
        m_current.tls.errors.append(error.errorString());
    if (trusted) {
        // The user trusted this exact certificate, for this run only. Only its own
        // errors are ignored; anything else still fails the handshake.
        m_current.tls.trustedByOverride = true;
        m_reply->ignoreSslErrors(errors);
    }
}

void PendingExchange::captureTls()
{
    if (!m_reply || !m_current.isHttps())
        return;
    const QSslConfiguration tls = m_reply->sslConfiguration();
    if (!tls.peerCertificateChain().isEmpty())
        m_current.tls.peerChain = TlsSummary::summarize(tls.peerCertificateChain());
    const QSslCipher cipher = tls.sessionCipher();
    if (!cipher.isNull()) {
        m_current.tls.cipher = cipher.name();
        m_current.tls.protocol = cipher.protocolString();
    }
}

static TransportErrorKind kindOf(QNetworkReply::NetworkError error)
{
    switch (error) {
    case QNetworkReply::ConnectionRefusedError:
        return TransportErrorKind::ConnectionRefused;
    case QNetworkReply::HostNotFoundError:
        return TransportErrorKind::HostNotFound;
    case QNetworkReply::TimeoutError:
        return TransportErrorKind::Timeout;
    case QNetworkReply::SslHandshakeFailedError:
        return TransportErrorKind::Tls;
    case QNetworkReply::OperationCanceledError:
        return TransportErrorKind::Cancelled;
    case QNetworkReply::ProxyConnectionRefusedError:
    case QNetworkReply::ProxyConnectionClosedError:
    case QNetworkReply::ProxyNotFoundError:
    case QNetworkReply::ProxyTimeoutError:
    case QNetworkReply::ProxyAuthenticationRequiredError:
    case QNetworkReply::UnknownProxyError:
        return TransportErrorKind::Proxy;
    case QNetworkReply::ProtocolUnknownError:
    case QNetworkReply::ProtocolInvalidOperationError:
        return TransportErrorKind::InvalidUrl;
    default:
        return TransportErrorKind::Network;
    }
}

void PendingExchange::onReplyFinished()
{
    if (!m_reply || m_finished)
        return;
    m_deadline.stop();
    if (m_abortReason == TransportErrorKind::None && m_reply->bytesAvailable() > 0)
        onReadyRead();
    QNetworkReply *reply = m_reply;

    const QVariant status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute);
    if (status.isValid()) {
        m_current.hasResponse = true;
        m_current.statusCode = status.toInt();
        m_current.reasonPhrase =
            reply->attribute(QNetworkRequest::HttpReasonPhraseAttribute).toByteArray();
        m_current.responseHeaders = reply->rawHeaderPairs();
        if (m_current.timeToHeadersUs < 0)
            m_current.timeToHeadersUs = m_elapsed.nsecsElapsed() / 1000;
    }
    captureTls();
    m_current.wireBodyBytes = m_wireBody.size();

    // The body, decompressed when the server compressed it.
    const QByteArray encoding = m_current.responseHeader(QByteArrayLiteral("Content-Encoding"));
    if (!encoding.isEmpty() && Decompressor::supports(encoding)) {
        m_current.contentEncoding = encoding.trimmed().toLower();
        const auto decoded = Decompressor::decompress(encoding, m_wireBody, m_options.maxBodyBytes);
        m_current.responseBody = decoded.data;
        if (decoded.status == Decompressor::Status::Truncated) {
            m_current.truncated = true;
            if (m_abortReason == TransportErrorKind::None)
                m_abortReason = TransportErrorKind::BodyTooLarge;
        } else if (decoded.status == Decompressor::Status::Corrupt && !m_current.truncated) {
            m_current.responseBody = m_wireBody;
            m_current.error = {TransportErrorKind::Decompression,
                               tr("The %1 body could not be decompressed; the raw bytes are kept")
                                   .arg(QString::fromLatin1(m_current.contentEncoding))};
        }
    } else {
        m_current.responseBody = m_wireBody;
    }

    const QString where = reply->url().host() + QLatin1Char(':') +
                          QString::number(reply->url().port(m_current.isHttps() ? 443 : 80));
    switch (m_abortReason) {
    case TransportErrorKind::Timeout:
        m_current.error = {TransportErrorKind::Timeout,
                           tr("No complete response from %1 within %2; the request was aborted")
                               .arg(where, Format::duration(m_options.timeoutMs))};
        break;
    case TransportErrorKind::BodyTooLarge:
        m_current.error = {TransportErrorKind::BodyTooLarge,
                           tr("The response body exceeds the %1 limit; the first %1 are kept")
                               .arg(Format::bytes(m_options.maxBodyBytes))};
        break;
    case TransportErrorKind::Cancelled:
        m_current.error = {TransportErrorKind::Cancelled, tr("Cancelled")};
        break;
    default:
        if (m_current.error.isError())
            break;
        if (reply->error() != QNetworkReply::NoError && !m_current.hasResponse) {
            const TransportErrorKind kind = kindOf(reply->error());
            QString message;
            switch (kind) {
            case TransportErrorKind::ConnectionRefused:
                message = tr("Connection refused by %1: is the server running?").arg(where);
                break;
            case TransportErrorKind::HostNotFound:
                message = tr("Host “%1” not found (DNS lookup failed)").arg(reply->url().host());
                break;
            case TransportErrorKind::Tls:
                message =
                    m_current.tls.errors.isEmpty()
                        ? tr("TLS handshake with %1 failed: %2").arg(where, reply->errorString())
                        : tr("TLS certificate of %1 not trusted: %2")
                              .arg(where, m_current.tls.errors.join(QStringLiteral("; ")));
                break;
            default:
                message = reply->errorString();
            }
            m_current.error = {kind, message};
        } else if (m_expectedLength >= 0 && m_current.wireBodyBytes < m_expectedLength) {
            m_current.error = {TransportErrorKind::Network,
                               tr("The connection closed after %1 of the %2 body bytes announced")
                                   .arg(m_current.wireBodyBytes)
                                   .arg(m_expectedLength)};
        } else if (reply->error() != QNetworkReply::NoError && m_current.hasResponse &&
                   reply->error() < QNetworkReply::ContentAccessDenied) {
            // A transport failure after the headers: the body is incomplete.
            m_current.error = {TransportErrorKind::Network,
                               tr("The response ended early: %1").arg(reply->errorString())};
        }
    }
    completeHop();
}

void PendingExchange::completeHop()
{
    m_current.durationUs = m_elapsed.nsecsElapsed() / 1000;
    if (m_reply) {
        m_reply->disconnect(this);
        m_reply->deleteLater();
        m_reply = nullptr;
    }
    m_transcript->record(m_current);
    m_hops.append(m_current);

    if (m_current.error.isError() || !m_request.followRedirects || !m_current.isRedirect()) {
        finish();
        return;
    }
    const QUrl target = m_current.redirectTarget();
    if (m_hops.size() > m_options.maxRedirects) {
        m_hops.last().error = {TransportErrorKind::TooManyRedirects,
                               tr("Stopped after %1 redirects").arg(m_options.maxRedirects)};
        m_transcript->record(m_hops.constLast());
        finish();
        return;
    }
    if (m_current.isHttps() && target.scheme() != QLatin1String("https")) {
        m_hops.last().error = {
            TransportErrorKind::InsecureRedirect,
            tr("Refused to follow a redirect from https to %1").arg(target.toDisplayString())};
        m_transcript->record(m_hops.constLast());
        finish();
        return;
    }

    HttpRequest next = m_request;
    next.url = target;
    const int status = m_current.statusCode;
    if (status == 303 || ((status == 301 || status == 302) && m_request.method == "POST")) {
        next.method = QByteArrayLiteral("GET");
        next.body.clear();
    }
    const bool sameOrigin = target.scheme() == m_request.url.scheme() &&
                            target.host() == m_request.url.host() &&
                            target.port() == m_request.url.port();
    HeaderList headers;
    for (const auto &field : std::as_const(m_request.headers)) {
        const QByteArray name = field.first.toLower();
        if (!sameOrigin && (name == "authorization" || name == "cookie" || name == "dpop"))
            continue;
        if (next.body.isEmpty() && next.method == "GET" &&
            (name == "content-length" || name == "content-type"))
            continue;
        headers.append(field);
    }
    for (auto &field : headers) {
        if (field.first.compare("Host", Qt::CaseInsensitive) == 0)
            field.second = HttpClient::hostHeader(target);
    }
    m_request = next;
    m_request.headers = headers;
    startHop(m_request);
}

void PendingExchange::fail(TransportErrorKind kind, const QString &message)
{
    if (m_current.id == 0)
        prepareCurrent(m_request); // cancelled before the first hop started
    m_current.error = {kind, message};
    m_current.durationUs = m_elapsed.nsecsElapsed() / 1000;
    m_transcript->record(m_current);
    m_hops.append(m_current);
    finish();
}

void PendingExchange::finish()
{
    if (m_finished)
        return;
    m_finished = true;
    m_deadline.stop();
    qCDebug(lcHttp) << "finished" << m_hops.size() << "hop(s)";
    emit finished();
}

void PendingExchange::onTimeout()
{
    if (!m_reply)
        return;
    m_abortReason = TransportErrorKind::Timeout;
    m_reply->abort();
}

void PendingExchange::cancel()
{
    if (m_finished)
        return;
    if (m_reply) {
        m_abortReason = TransportErrorKind::Cancelled;
        m_reply->abort();
        return;
    }
    fail(TransportErrorKind::Cancelled, tr("Cancelled"));
}

} // namespace Tokenscope::Http
