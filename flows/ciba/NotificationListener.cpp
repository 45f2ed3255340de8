#include "NotificationListener.h"

#include <QHostAddress>
#include <QTcpSocket>

namespace Tokenscope::Ciba {

NotificationListener::NotificationListener(QObject *parent)
    : QObject(parent)
{
    connect(&m_server, &QTcpServer::newConnection, this, &NotificationListener::onNewConnection);
}

NotificationListener::~NotificationListener() = default;

bool NotificationListener::listen(quint16 port, const QString &path)
{
    m_path = path.startsWith(QLatin1Char('/')) ? path : QLatin1Char('/') + path;
    return m_server.listen(QHostAddress::LocalHost, port);
}

void NotificationListener::close()
{
    m_server.close();
}

QUrl NotificationListener::url() const
{
    QUrl url;
    url.setScheme(QStringLiteral("http"));
    url.setHost(QStringLiteral("127.0.0.1"));
    url.setPort(m_server.serverPort());
    url.setPath(m_path);
    return url;
}

void NotificationListener::onNewConnection()
{
    while (QTcpSocket *socket = m_server.nextPendingConnection()) {
        connect(socket, &QTcpSocket::readyRead, this, [this, socket] { onReadyRead(socket); });
        connect(socket, &QTcpSocket::disconnected, this, [this, socket] {
            m_buffers.remove(socket);
            socket->deleteLater();
        });
    }
}

static QByteArray reasonPhrase(int status)
{
    switch (status) {
    case 200:
        return "OK";
    case 204:
        return "No Content";
    case 400:
        return "Bad Request";
    case 401:
        return "Unauthorized";
    case 404:
        return "Not Found";
    case 405:
        return "Method Not Allowed";
    case 413:
        return "Payload Too Large";
    default:
        return "Status";
    }
}

void NotificationListener::respond(QTcpSocket *socket, int status)
{
    // One request per connection: whatever else arrives is not read.
    QObject::disconnect(socket, &QTcpSocket::readyRead, nullptr, nullptr);
    socket->write("HTTP/1.1 " + QByteArray::number(status) + ' ' + reasonPhrase(status) +
                  "\r\nContent-Length: 0\r\nCache-Control: no-store\r\nConnection: close\r\n\r\n");
    socket->disconnectFromHost();
}

void NotificationListener::onReadyRead(QTcpSocket *socket)
{
    QByteArray &buffer = m_buffers[socket];
    buffer += socket->readAll();
    if (buffer.size() > MaximumRequestBytes) {
        respond(socket, 413);
        return;
    }
    const qsizetype headEnd = buffer.indexOf("\r\n\r\n");
    if (headEnd < 0)
        return; // the head is not complete yet
    const QList<QByteArray> lines = buffer.left(headEnd).split('\n');
    const QList<QByteArray> requestLine = lines.value(0).trimmed().split(' ');
    QByteArray authorization;
    qint64 length = 0;
    for (qsizetype i = 1; i < lines.size(); ++i) {
        const QByteArray &line = lines.at(i);
        const qsizetype colon = line.indexOf(':');
        if (colon <= 0)
            continue;
        const QByteArray name = line.left(colon).trimmed().toLower();
        const QByteArray value = line.mid(colon + 1).trimmed();
        if (name == "authorization")
            authorization = value;
        else if (name == "content-length")
            length = value.toLongLong();
    }
    if (buffer.size() - headEnd - 4 < length)
        return; // the body is not complete yet
    const QByteArray body = buffer.mid(headEnd + 4, length);
    const QByteArray target = requestLine.value(1);
    if (requestLine.size() != 3 || QUrl::fromEncoded(target).path() != m_path) {
        respond(socket, 404);
        return;
    }
    if (requestLine.value(0) != "POST") {
        respond(socket, 405);
        return;
    }
    const int status = m_handler ? m_handler(authorization, body) : 404;
    respond(socket, status);
    emit notificationReceived(status);
}

} // namespace Tokenscope::Ciba
