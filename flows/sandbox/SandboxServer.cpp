#include "SandboxServer.h"

#include "HttpRequestParser.h"
#include "SandboxProvider.h"
#include "http/Transcript.h"

#include <QHostAddress>
#include <QNetworkAccessManager>
#include <QNetworkProxy>
#include <QNetworkReply>
#include <QNetworkRequest>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTimer>

namespace Tokenscope::Sandbox {

SandboxServer::SandboxServer(SandboxProvider &provider, QObject *parent)
    : QObject(parent)
    , m_provider(provider)
    , m_server(new QTcpServer(this))
{
    m_server->setMaxPendingConnections(maxConnections);
    connect(m_server, &QTcpServer::newConnection, this, &SandboxServer::accept);
    m_clock.start();
}

SandboxServer::~SandboxServer() = default;

bool SandboxServer::listen(quint16 port)
{
    if (!m_server->listen(QHostAddress::LocalHost, port))
        return false;
    m_provider.setIssuer(issuer());
    return true;
}

quint16 SandboxServer::port() const
{
    return m_server->serverPort();
}

QString SandboxServer::issuer() const
{
    return QStringLiteral("http://127.0.0.1:%1").arg(port());
}

QString SandboxServer::errorString() const
{
    return m_server->errorString();
}

void SandboxServer::accept()
{
    while (QTcpSocket *socket = m_server->nextPendingConnection()) {
        if (m_parsers.size() >= maxConnections) {
            socket->abort();
            socket->deleteLater();
            continue;
        }
        m_parsers.insert(socket, std::make_shared<HttpRequestParser>());
        auto *idle = new QTimer(socket);
        idle->setSingleShot(true);
        idle->setInterval(idleTimeoutMs);
        idle->setObjectName(QStringLiteral("idle"));
        connect(idle, &QTimer::timeout, socket, &QTcpSocket::abort);
        idle->start();
        connect(socket, &QTcpSocket::readyRead, this, [this, socket, idle] {
            idle->start();
            readFrom(socket);
        });
        connect(socket, &QTcpSocket::disconnected, this, [this, socket] {
            m_parsers.remove(socket);
            socket->deleteLater();
        });
    }
}

void SandboxServer::readFrom(QTcpSocket *socket)
{
    const auto parser = m_parsers.value(socket);
    if (!parser)
        return;
    QByteArray bytes = socket->readAll();
    // Bounded: every pass either completes a request (consuming bytes) or stops.
    for (int pass = 0; pass < 64; ++pass) {
        const HttpRequestParser::State state = parser->feed(bytes);
        bytes.clear();
        if (state == HttpRequestParser::State::NeedMore)
            return;
        if (state == HttpRequestParser::State::Bad || state == HttpRequestParser::State::TooLarge) {
            HttpResponse response;
            response.status = parser->errorStatus();
            response.setHeader("Content-Type", "text/plain; charset=utf-8");
            response.body = HttpResponse::reason(response.status) + '\n';
            socket->write(response.serialize(true));
            emit requestLogged(QStringLiteral("- - %1 (malformed request)").arg(response.status));
            m_parsers.remove(socket);
            socket->disconnectFromHost();
            return;
        }
        const HttpRequest request = parser->takeRequest();
        const QDateTime started = QDateTime::currentDateTimeUtc();
        const qint64 startedUs = m_clock.nsecsElapsed() / 1000;
        HttpResponse response = m_provider.handle(request);
        record(request, response, startedUs, started);
        sendNotifications();
        const bool close =
            request.header("connection").toLower() == "close" || request.target.isEmpty();
        socket->write(response.serialize(close, request.method == "HEAD"));
        emit requestLogged(QStringLiteral("%1 %2 %3")
                               .arg(QString::fromLatin1(request.method), request.path)
                               .arg(response.status));
        if (close) {
            m_parsers.remove(socket);
            socket->disconnectFromHost();
            return;
        }
    }
    // More pipelined requests than one pass serves: go on from the event loop, so that
    // other connections get their turn.
    QTimer::singleShot(0, socket, [this, socket] { readFrom(socket); });
}

void SandboxServer::sendNotifications()
{
    const QList<SandboxProvider::Notification> due = m_provider.takeNotifications();
    if (due.isEmpty())
        return;
    if (!m_notifier) {
        m_notifier = new QNetworkAccessManager(this);
        m_notifier->setProxy(QNetworkProxy::NoProxy);
        m_notifier->setRedirectPolicy(QNetworkRequest::ManualRedirectPolicy);
        m_notifier->setTransferTimeout(notificationTimeoutMs);
    }
    for (const SandboxProvider::Notification &notification : due) {
        QNetworkRequest post(notification.endpoint);
        post.setHeader(QNetworkRequest::ContentTypeHeader, QByteArrayLiteral("application/json"));
        post.setRawHeader("Authorization", notification.authorization());
        const QDateTime started = QDateTime::currentDateTimeUtc();
        const qint64 startedUs = m_clock.nsecsElapsed() / 1000;
        QNetworkReply *reply = m_notifier->post(post, notification.body);
        connect(
            reply, &QNetworkReply::finished, this, [this, reply, notification, started, startedUs] {
                reply->deleteLater();
                const int status =
                    reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
                const QUrl shown =
                    notification.endpoint.adjusted(QUrl::RemoveQuery | QUrl::RemoveUserInfo);
                emit requestLogged(
                    QStringLiteral("notify %1 %2").arg(shown.toString()).arg(status));
                emit notificationSent(notification.endpoint, status);
                if (!m_log)
                    return;
                Http::Exchange exchange;
                exchange.id = m_log->nextId();
                exchange.label =
                    tr("Sandbox: CIBA ping notification to %1").arg(notification.clientId);
                exchange.method = "POST";
                exchange.url = notification.endpoint;
                exchange.requestHeaders = {
                    {QByteArrayLiteral("Authorization"), notification.authorization()},
                    {QByteArrayLiteral("Content-Type"), QByteArrayLiteral("application/json")}};
                exchange.requestBody = notification.body;
                exchange.started = started;
                exchange.durationUs = qMax<qint64>(0, m_clock.nsecsElapsed() / 1000 - startedUs);
                exchange.timeToHeadersUs = exchange.durationUs;
                if (status > 0) {
                    exchange.hasResponse = true;
                    exchange.statusCode = status;
                    exchange.reasonPhrase =
                        reply->attribute(QNetworkRequest::HttpReasonPhraseAttribute).toByteArray();
                    for (const auto &header : reply->rawHeaderPairs())
                        exchange.responseHeaders.append(header);
                    exchange.responseBody = reply->readAll();
                    exchange.wireBodyBytes = exchange.responseBody.size();
                } else {
                    exchange.error.kind = Http::TransportErrorKind::Network;
                    exchange.error.message = reply->errorString();
                }
                m_log->record(exchange);
            });
    }
}

void SandboxServer::record(const HttpRequest &request, const HttpResponse &response,
                           qint64 startedUs, const QDateTime &started)
{
    if (!m_log)
        return;
    Http::Exchange exchange;
    exchange.id = m_log->nextId();
    exchange.label = tr("Sandbox: %1 %2").arg(QString::fromLatin1(request.method), request.path);
    exchange.method = request.method;
    exchange.url = QUrl(issuer() + QString::fromLatin1(request.target), QUrl::TolerantMode);
    exchange.requestHeaders = request.headers;
    exchange.requestBody = request.body;
    exchange.hasResponse = true;
    exchange.statusCode = response.status;
    exchange.reasonPhrase = HttpResponse::reason(response.status);
    exchange.responseHeaders = response.headers;
    exchange.responseBody = response.body;
    exchange.wireBodyBytes = response.body.size();
    exchange.started = started;
    exchange.durationUs = qMax<qint64>(0, m_clock.nsecsElapsed() / 1000 - startedUs);
    exchange.timeToHeadersUs = exchange.durationUs;
    m_log->record(exchange);
}

} // namespace Tokenscope::Sandbox
