#pragma once

#include <QDateTime>
#include <QElapsedTimer>
#include <QHash>
#include <QObject>
#include <QString>
#include <QUrl>

#include <memory>

class QNetworkAccessManager;
class QTcpServer;
class QTcpSocket;

namespace Tokenscope::Http {
class Transcript;
}

namespace Tokenscope::Sandbox {

class HttpRequestParser;
class SandboxProvider;
struct HttpRequest;
struct HttpResponse;

// Carries HTTP/1.1 between loopback sockets and a SandboxProvider. Listens on 127.0.0.1
// only; each connection has a bounded buffer (HttpRequestParser's limits) and an idle
// timeout; a request that does not parse is answered 400 (or 413/431) and the connection
// closed. After each request it sends the provider's due CIBA ping notifications
// (SandboxProvider::takeNotifications) with its own network access manager, no proxy, no
// redirects followed.
class SandboxServer final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(SandboxServer)

public:
    static constexpr int maxConnections = 64;
    static constexpr int idleTimeoutMs = 30'000;
    static constexpr int notificationTimeoutMs = 10'000;

    explicit SandboxServer(SandboxProvider &provider, QObject *parent = nullptr);
    ~SandboxServer() override;

    // Listens on 127.0.0.1:port (0: an ephemeral port) and sets the provider's issuer to
    // http://127.0.0.1:PORT. False, with errorString(), when the port cannot be bound.
    bool listen(quint16 port = 0);
    quint16 port() const;
    QString issuer() const;
    QString errorString() const;

    // The sandbox's side of every exchange, kept in `log` (not owned; null: none): the
    // request as received and the response as decided, with the time the sandbox took.
    // Nothing is masked here, as in any transcript: views and exports mask.
    void setLog(Http::Transcript *log) { m_log = log; }

signals:
    // One line per answered request: method, path (no query), status. Never tokens.
    // A CIBA notification: "notify URL STATUS" (0 when no HTTP answer came).
    void requestLogged(const QString &line);
    // A CIBA ping notification was answered `status` by the client (0: no HTTP answer).
    void notificationSent(const QUrl &endpoint, int status);

private:
    void accept();
    void readFrom(QTcpSocket *socket);

    void record(const HttpRequest &request, const HttpResponse &response, qint64 startedUs,
                const QDateTime &started);
    void sendNotifications();

    SandboxProvider &m_provider;
    QTcpServer *m_server;
    QHash<QTcpSocket *, std::shared_ptr<HttpRequestParser>> m_parsers;
    Http::Transcript *m_log = nullptr;
    QNetworkAccessManager *m_notifier = nullptr; // created for the first notification
    QElapsedTimer m_clock;
};

} // namespace Tokenscope::Sandbox
