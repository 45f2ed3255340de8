#pragma once

#include <QHash>
#include <QObject>
#include <QPointer>
#include <QTcpServer>
#include <QUrl>

#include <functional>

class QTcpSocket;

namespace Tokenscope::Ciba {

// The client notification endpoint of CIBA ping mode (CIBA Core §10.2) on 127.0.0.1 only:
// takes the provider's POST (Authorization: Bearer …, a JSON body with auth_req_id), hands
// it to the handler (CibaFlow::handleNotification) and answers with the handler's status.
// Anything else at the port is answered 404 or 405 and never reaches the handler.
class NotificationListener final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(NotificationListener)

public:
    // Returns the HTTP status to answer with (204 accepted, 400, 401…).
    using Handler = std::function<int(const QByteArray &authorization, const QByteArray &body)>;

    static constexpr qsizetype MaximumRequestBytes = 64 * 1024;

    explicit NotificationListener(QObject *parent = nullptr);
    ~NotificationListener() override;

    void setHandler(Handler handler) { m_handler = std::move(handler); }
    // Port 0 picks a free one. False (and errorString()) when it cannot listen.
    bool listen(quint16 port = 0, const QString &path = QStringLiteral("/ciba/notify"));
    void close();
    bool isListening() const { return m_server.isListening(); }
    // http://127.0.0.1:PORT/PATH: the client_notification_endpoint to register.
    QUrl url() const;
    QString errorString() const { return m_server.errorString(); }

signals:
    // A notification was handed to the handler, which answered `status`.
    void notificationReceived(int status);

private:
    void onNewConnection();
    void onReadyRead(QTcpSocket *socket);
    static void respond(QTcpSocket *socket, int status);

    QTcpServer m_server;
    QString m_path;
    Handler m_handler;
    QHash<QTcpSocket *, QByteArray> m_buffers;
};

} // namespace Tokenscope::Ciba
