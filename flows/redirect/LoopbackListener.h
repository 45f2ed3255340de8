#pragma once

#include "RedirectResult.h"

#include <QHash>
#include <QObject>
#include <QPointer>
#include <QTcpServer>

class QTcpSocket;

namespace Tokenscope::Redirect {

// Receives the authorization response on http://127.0.0.1:PORT/PATH (RFC 8252 §7.3),
// for the system browser and the embedded one alike. It binds 127.0.0.1 only, answers
// only requests whose Host names that address and port (no DNS rebinding), and takes
// the first response: query parameters, a fragment (relayed by a small page, since a
// browser never sends one), or a form_post body. Anything else is answered and not
// taken: a request that is not HTTP/1.x 400, another path 404, another method than GET
// or POST 405, a POST that is not form-encoded 415, a second response 409.
class LoopbackListener final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(LoopbackListener)

public:
    static constexpr qsizetype MaxRequestBytes = 1024 * 1024;

    explicit LoopbackListener(QObject *parent = nullptr);
    ~LoopbackListener() override;

    // Port 0 picks a free one. Returns false (and errorString()) when it cannot listen.
    // The address is 127.0.0.1, or ::1 when ipv6 (RFC 8252 §7.3): never another.
    bool listen(quint16 port = 0, const QString &path = QStringLiteral("/callback"),
                bool ipv6 = false);
    void close();
    bool isListening() const { return m_server.isListening(); }
    QUrl redirectUri() const; // http://127.0.0.1:PORT/PATH or http://[::1]:PORT/PATH
    QString errorString() const { return m_error; }
    bool hasReceived() const { return m_received; }

    // The hidden form field the fragment relay page posts back.
    static QString fragmentField() { return QStringLiteral("tokenscope_fragment"); }

signals:
    void redirectReceived(const Tokenscope::Redirect::RedirectResult &result);
    // A request that was answered but not taken: wrong Host, wrong path, a second response.
    void requestRejected(const QString &reason);

private:
    struct Request
    {
        QByteArray method;
        QByteArray target;
        QByteArray host;
        QByteArray contentType;
        QByteArray body;
    };

    void onNewConnection();
    void onReadyRead(QTcpSocket *socket);
    void handle(QTcpSocket *socket, const Request &request);
    void respond(QTcpSocket *socket, int status, const QByteArray &reason, const QString &html);
    void take(QTcpSocket *socket, const RedirectResult &result);
    QString page(const QString &title, const QString &message, const QString &script = {}) const;
    static QString scriptString(const QString &text);

    QTcpServer m_server;
    QString m_path;
    quint16 m_port = 0;
    bool m_ipv6 = false;
    QString m_error;
    bool m_received = false;
    QHash<QTcpSocket *, QByteArray> m_buffers;
};

} // namespace Tokenscope::Redirect
