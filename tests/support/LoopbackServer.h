#pragma once

#include <QByteArray>
#include <QList>
#include <QPair>
#include <QPointer>
#include <QSslConfiguration>
#include <QTcpServer>
#include <QTcpSocket>
#include <QUrl>

#include <functional>

namespace Tokenscope::Testing {

// A request as the server received it, byte for byte.
struct ReceivedRequest
{
    QByteArray raw; // everything read, head and body
    QByteArray method;
    QByteArray target; // request-target of the request line
    QByteArray version;
    QList<QPair<QByteArray, QByteArray>> headers; // in order, names as sent
    QByteArray body;

    QByteArray header(const QByteArray &name) const;
};

// A small HTTP/1.1 server on 127.0.0.1 whose behaviour is a lambda in the test. It
// produces what a real provider can't on demand: stalls, truncated bodies, garbage, HTML
// error pages, huge bodies. The handler writes whatever bytes it likes to the socket;
// respond() is the common case.
class LoopbackServer final : public QTcpServer
{
    Q_OBJECT

public:
    using Handler = std::function<void(const ReceivedRequest &, QTcpSocket *)>;

    explicit LoopbackServer(Handler handler, QObject *parent = nullptr);
    ~LoopbackServer() override;

    QUrl url(const QByteArray &path = "/") const; // http(s)://127.0.0.1:PORT/path
    // Serves https from now on, with this identity (see TestCertificate).
    void enableTls(const QSslCertificate &certificate, const QSslKey &key);
    const QList<ReceivedRequest> &requests() const { return m_requests; }
    void setHandler(Handler handler) { m_handler = std::move(handler); }

    // Writes a complete response with Content-Length and closes nothing.
    static void respond(QTcpSocket *socket, int status, const QByteArray &reason,
                        const QList<QPair<QByteArray, QByteArray>> &headers,
                        const QByteArray &body);
    static void respondJson(QTcpSocket *socket, int status, const QByteArray &json);

signals:
    void requestReceived();

protected:
    void incomingConnection(qintptr socketDescriptor) override;

private:
    void onNewConnection();
    void onReadyRead(QTcpSocket *socket);

    Handler m_handler;
    QList<ReceivedRequest> m_requests;
    QList<QPointer<QTcpSocket>> m_sockets;
    QSslConfiguration m_tls;
    bool m_tlsEnabled = false;
};

} // namespace Tokenscope::Testing
