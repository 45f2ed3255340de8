#include "LoopbackServer.h"

#include <QSslSocket>

namespace Tokenscope::Testing {

QByteArray ReceivedRequest::header(const QByteArray &name) const
{
    for (const auto &[key, value] : headers) {
        if (key.compare(name, Qt::CaseInsensitive) == 0)
            return value;
    }
    return {};
}

LoopbackServer::LoopbackServer(Handler handler, QObject *parent)
    : QTcpServer(parent)
    , m_handler(std::move(handler))
{
    connect(this, &QTcpServer::newConnection, this, &LoopbackServer::onNewConnection);
    if (!listen(QHostAddress::LocalHost, 0))
        qFatal("LoopbackServer: cannot listen on 127.0.0.1: %s", qPrintable(errorString()));
}

LoopbackServer::~LoopbackServer()
{
    for (const auto &socket : std::as_const(m_sockets)) {
        if (socket)
            socket->abort();
    }
}

QUrl LoopbackServer::url(const QByteArray &path) const
{
    return QUrl::fromEncoded((m_tlsEnabled ? "https" : "http") +
                             QByteArrayLiteral("://127.0.0.1:") + QByteArray::number(serverPort()) +
                             (path.startsWith('/') ? path : '/' + path));
}

void LoopbackServer::enableTls(const QSslCertificate &certificate, const QSslKey &key)
{
    m_tls = QSslConfiguration::defaultConfiguration();
    m_tls.setLocalCertificate(certificate);
    m_tls.setPrivateKey(key);
    m_tls.setPeerVerifyMode(QSslSocket::VerifyNone);
    m_tlsEnabled = true;
}

void LoopbackServer::incomingConnection(qintptr socketDescriptor)
{
    if (!m_tlsEnabled) {
        QTcpServer::incomingConnection(socketDescriptor);
        return;
    }
    auto *socket = new QSslSocket(this);
    if (!socket->setSocketDescriptor(socketDescriptor)) {
        delete socket;
        return;
    }
    socket->setSslConfiguration(m_tls);
    socket->startServerEncryption();
    addPendingConnection(socket);
}

void LoopbackServer::onNewConnection()
{
    while (QTcpSocket *socket = nextPendingConnection()) {
        m_sockets.append(socket);
        socket->setProperty("buffer", QByteArray());
        connect(socket, &QTcpSocket::readyRead, this, [this, socket] { onReadyRead(socket); });
        connect(socket, &QTcpSocket::disconnected, socket, &QObject::deleteLater);
    }
}

void LoopbackServer::onReadyRead(QTcpSocket *socket)
{
    QByteArray buffer = socket->property("buffer").toByteArray() + socket->readAll();
    for (;;) {
        const qsizetype headEnd = buffer.indexOf("\r\n\r\n");
        if (headEnd < 0)
            break;
        ReceivedRequest request;
        const QByteArray head = buffer.left(headEnd);
        QList<QByteArray> lines = head.split('\n');
        const QList<QByteArray> requestLine = lines.takeFirst().trimmed().split(' ');
        if (requestLine.size() == 3) {
            request.method = requestLine.at(0);
            request.target = requestLine.at(1);
            request.version = requestLine.at(2);
        }
        qsizetype contentLength = 0;
        for (const QByteArray &line : std::as_const(lines)) {
            const qsizetype colon = line.indexOf(':');
            if (colon <= 0)
                continue;
            const QByteArray name = line.left(colon);
            const QByteArray value = line.mid(colon + 1).trimmed();
            request.headers.append({name, value});
            if (name.compare("Content-Length", Qt::CaseInsensitive) == 0)
                contentLength = value.toLongLong();
        }
        const qsizetype total = headEnd + 4 + contentLength;
        if (buffer.size() < total)
            break;
        request.body = buffer.mid(headEnd + 4, contentLength);
        request.raw = buffer.left(total);
        buffer.remove(0, total);
        m_requests.append(request);
        emit requestReceived();
        m_handler(request, socket);
    }
    socket->setProperty("buffer", buffer);
}

void LoopbackServer::respond(QTcpSocket *socket, int status, const QByteArray &reason,
                             const QList<QPair<QByteArray, QByteArray>> &headers,
                             const QByteArray &body)
{
    QByteArray response = "HTTP/1.1 " + QByteArray::number(status) + ' ' + reason + "\r\n";
    for (const auto &[name, value] : headers)
        response += name + ": " + value + "\r\n";
    response += "Content-Length: " + QByteArray::number(body.size()) + "\r\n\r\n";
    response += body;
    socket->write(response);
}

void LoopbackServer::respondJson(QTcpSocket *socket, int status, const QByteArray &json)
{
    respond(socket, status, status == 200 ? QByteArrayLiteral("OK") : QByteArrayLiteral("Error"),
            {{"Content-Type", "application/json"}}, json);
}

} // namespace Tokenscope::Testing
