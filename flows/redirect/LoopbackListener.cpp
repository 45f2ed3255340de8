#include "LoopbackListener.h"

#include "RedirectMatcher.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QLoggingCategory>
#include <QTcpSocket>

namespace Tokenscope::Redirect {

Q_LOGGING_CATEGORY(lcRedirect, "tokenscope.flows.redirect", QtInfoMsg)

LoopbackListener::LoopbackListener(QObject *parent)
    : QObject(parent)
{
    qRegisterMetaType<Tokenscope::Redirect::RedirectResult>();
    connect(&m_server, &QTcpServer::newConnection, this, &LoopbackListener::onNewConnection);
}

LoopbackListener::~LoopbackListener()
{
    close();
}

bool LoopbackListener::listen(quint16 port, const QString &path, bool ipv6)
{
    close();
    m_received = false;
    m_ipv6 = ipv6;
    m_path = path.startsWith(QLatin1Char('/')) ? path : QLatin1Char('/') + path;
    // The loopback address only: never a wildcard address another machine could reach.
    if (!m_server.listen(ipv6 ? QHostAddress::LocalHostIPv6 : QHostAddress::LocalHost, port)) {
        m_error = tr("Cannot listen on %1:%2: %3")
                      .arg(ipv6 ? QStringLiteral("[::1]") : QStringLiteral("127.0.0.1"))
                      .arg(port)
                      .arg(m_server.errorString());
        return false;
    }
    m_error.clear();
    m_port = m_server.serverPort();
    qCDebug(lcRedirect) << "listening on" << redirectUri();
    return true;
}

void LoopbackListener::close()
{
    m_server.close();
    const auto sockets = m_buffers.keys();
    for (QTcpSocket *socket : sockets)
        socket->abort();
    m_buffers.clear();
}

QUrl LoopbackListener::redirectUri() const
{
    QUrl url;
    url.setScheme(QStringLiteral("http"));
    url.setHost(m_ipv6 ? QStringLiteral("::1") : QStringLiteral("127.0.0.1"));
    url.setPort(m_port);
    url.setPath(m_path);
    return url;
}

void LoopbackListener::onNewConnection()
{
    while (QTcpSocket *socket = m_server.nextPendingConnection()) {
        m_buffers.insert(socket, {});
        connect(socket, &QTcpSocket::readyRead, this, [this, socket] { onReadyRead(socket); });
        connect(socket, &QTcpSocket::disconnected, this, [this, socket] {
            m_buffers.remove(socket);
            socket->deleteLater();
        });
    }
}

void LoopbackListener::onReadyRead(QTcpSocket *socket)
{
    QByteArray &buffer = m_buffers[socket];
    buffer += socket->readAll();
    if (buffer.size() > MaxRequestBytes) {
        respond(socket, 413, "Payload Too Large",
                page(tr("Too large"), tr("The request is too large.")));
        return;
    }
    const qsizetype headEnd = buffer.indexOf("\r\n\r\n");
    if (headEnd < 0)
        return;
    Request request;
    const QList<QByteArray> lines = buffer.left(headEnd).split('\n');
    const QList<QByteArray> requestLine = lines.value(0).trimmed().split(' ');
    if (requestLine.size() != 3 || !requestLine.at(2).startsWith("HTTP/1.")) {
        respond(socket, 400, "Bad Request", page(tr("Bad request"), tr("Malformed request.")));
        return;
    }
    request.method = requestLine.at(0);
    request.target = requestLine.at(1);
    qsizetype contentLength = 0;
    for (qsizetype i = 1; i < lines.size(); ++i) {
        const QByteArray &line = lines.at(i);
        const qsizetype colon = line.indexOf(':');
        if (colon <= 0)
            continue;
        const QByteArray name = line.left(colon).trimmed().toLower();
        const QByteArray value = line.mid(colon + 1).trimmed();
        if (name == "host")
            request.host = value;
        else if (name == "content-type")
            request.contentType = value;
        else if (name == "content-length")
            contentLength = value.toLongLong();
    }
    if (contentLength < 0 || headEnd + 4 + contentLength > MaxRequestBytes) {
        respond(socket, 413, "Payload Too Large",
                page(tr("Too large"), tr("The request is too large.")));
        return;
    }
    if (buffer.size() < headEnd + 4 + contentLength)
        return; // the body is still on its way
    request.body = buffer.mid(headEnd + 4, contentLength);
    buffer.clear();
    handle(socket, request);
}

void LoopbackListener::handle(QTcpSocket *socket, const Request &request)
{
    const QByteArray expectedHost =
        (m_ipv6 ? QByteArrayLiteral("[::1]:") : QByteArrayLiteral("127.0.0.1:")) +
        QByteArray::number(m_port);
    const QByteArray localhostHost = "localhost:" + QByteArray::number(m_port);
    if (request.host != expectedHost && request.host.toLower() != localhostHost) {
        emit requestRejected(
            tr("A request for host “%1” was refused: only %2 is served")
                .arg(QString::fromLatin1(request.host), QString::fromLatin1(expectedHost)));
        respond(socket, 421, "Misdirected Request",
                page(tr("Wrong host"), tr("This listener only answers requests for %1.")
                                           .arg(QString::fromLatin1(expectedHost))));
        return;
    }
    const QUrl target = QUrl::fromEncoded("http://" + expectedHost + request.target);
    if (target.path() != m_path) {
        respond(socket, 404, "Not Found", page(tr("Not found"), tr("Nothing here.")));
        return;
    }
    if (m_received) {
        emit requestRejected(tr("A second response arrived at the redirect URI and was ignored"));
        respond(socket, 409, "Conflict",
                page(tr("Already received"),
                     tr("Tokenscope already has the authorization response. You can close this "
                        "window.")));
        return;
    }

    if (request.method == "POST") {
        if (!request.contentType.toLower().startsWith("application/x-www-form-urlencoded")) {
            respond(socket, 415, "Unsupported Media Type",
                    page(tr("Unsupported"), tr("A form_post response is form-encoded.")));
            return;
        }
        const auto fields = RedirectMatcher::decodeForm(request.body);
        if (fields.size() == 1 && fields.constFirst().first == fragmentField()) {
            // The relay page posted location.hash as the browser had it (already
            // URL-encoded): rebuild the URL the browser saw.
            const QByteArray hash = fields.constFirst().second.toUtf8();
            take(socket, RedirectMatcher::parse(QUrl::fromEncoded(target.toEncoded() + '#' + hash,
                                                                  QUrl::TolerantMode)));
            return;
        }
        take(socket, RedirectMatcher::parse(target, request.body));
        return;
    }
    if (request.method != "GET") {
        respond(socket, 405, "Method Not Allowed",
                page(tr("Not allowed"), tr("GET or POST only.")));
        return;
    }
    if (target.hasQuery()) {
        take(socket, RedirectMatcher::parse(target));
        return;
    }
    // No query: the response may be in the fragment, which a browser never sends. This
    // page posts it back; an empty fragment is reported as such.
    const QString script =
        QStringLiteral("var h = window.location.hash.substring(1);"
                       "if (h) { var f = document.createElement('form');"
                       "f.method = 'POST'; f.action = %1;"
                       "var i = document.createElement('input'); i.type = 'hidden';"
                       "i.name = %2; i.value = h; f.appendChild(i);"
                       "document.body.appendChild(f); f.submit(); }"
                       "else { document.getElementById('m').textContent = %3; }")
            .arg(scriptString(m_path), scriptString(fragmentField()),
                 scriptString(tr("No parameters arrived in the URL: nothing to relay.")));
    respond(socket, 200, "OK",
            page(tr("Passing the response to Tokenscope…"),
                 tr("Passing the response to Tokenscope…"), script));
}

QString LoopbackListener::scriptString(const QString &text)
{
    // A JavaScript string literal: JSON-encoded, and "</" broken up so that no text can
    // close the script element.
    QString literal =
        QString::fromUtf8(QJsonDocument(QJsonArray{text}).toJson(QJsonDocument::Compact));
    literal = literal.mid(1, literal.size() - 2);
    literal.replace(QLatin1String("</"), QLatin1String("<\\/"));
    return literal;
}

void LoopbackListener::take(QTcpSocket *socket, const RedirectResult &result)
{
    m_received = true;
    // One valid callback: stop accepting connections (this one is still answered).
    m_server.close();
    respond(socket, 200, "OK",
            page(tr("Tokenscope received the response"),
                 tr("Tokenscope received the authorization response. You can close this "
                    "window and return to Tokenscope.")));
    emit redirectReceived(result);
}

QString LoopbackListener::page(const QString &title, const QString &message,
                               const QString &script) const
{
    return QStringLiteral("<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>%1</title>"
                          "<meta name=\"referrer\" content=\"no-referrer\"></head>"
                          "<body style=\"font-family:sans-serif;margin:3em\"><p id=\"m\">%2</p>"
                          "%3</body></html>")
        .arg(title.toHtmlEscaped(), message.toHtmlEscaped(),
             script.isEmpty() ? QString()
                              : QStringLiteral("<script>") + script + QStringLiteral("</script>"));
}

void LoopbackListener::respond(QTcpSocket *socket, int status, const QByteArray &reason,
                               const QString &html)
{
    const QByteArray body = html.toUtf8();
    QByteArray response = "HTTP/1.1 " + QByteArray::number(status) + ' ' + reason + "\r\n";
    response += "Content-Type: text/html; charset=utf-8\r\n";
    response += "Cache-Control: no-store\r\n";
    response += "Referrer-Policy: no-referrer\r\n";
    response += "Content-Length: " + QByteArray::number(body.size()) + "\r\n";
    response += "Connection: close\r\n\r\n";
    response += body;
    socket->write(response);
    socket->disconnectFromHost();
}

} // namespace Tokenscope::Redirect
