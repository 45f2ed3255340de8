#pragma once

#include "Exchange.h"
#include "HttpOptions.h"
#include "HttpRequest.h"

#include <QElapsedTimer>
#include <QObject>
#include <QPointer>
#include <QTimer>

class QNetworkAccessManager;
class QNetworkReply;
class QSslError;

namespace Tokenscope {
class Clock;
}

namespace Tokenscope::Http {

class HttpClient;
class Transcript;

// One request in flight, and the redirect hops it follows when it may. Each hop is its
// own Exchange in the transcript. finished() is emitted exactly once.
class PendingExchange final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(PendingExchange)

public:
    ~PendingExchange() override;

    bool isFinished() const { return m_finished; }
    const QList<Exchange> &hops() const { return m_hops; }
    // The last hop: the response the caller acts on, or the one that failed.
    // Before the first hop completed: the exchange being prepared or in flight.
    const Exchange &result() const { return m_hops.isEmpty() ? m_current : m_hops.constLast(); }

signals:
    void finished();
    void progress(qint64 received, qint64 total);

public slots:
    void cancel();

private:
    friend class HttpClient;
    PendingExchange(QNetworkAccessManager *network, Transcript *transcript, const Clock &clock,
                    HttpOptions options, HttpClient *client);
    void start(const HttpRequest &request);
    void prepareCurrent(const HttpRequest &request);
    void startHop(const HttpRequest &request);
    void onMetaDataChanged();
    void onReadyRead();
    void onSslErrors(const QList<QSslError> &errors);
    void onReplyFinished();
    void onTimeout();
    void fail(TransportErrorKind kind, const QString &message);
    void completeHop();
    void finish();
    void captureTls();
    bool decompressBody();

    QNetworkAccessManager *m_network;
    Transcript *m_transcript;
    const Clock &m_clock;
    HttpOptions m_options;
    HttpRequest m_request;
    QList<Exchange> m_hops;
    Exchange m_current;
    QPointer<QNetworkReply> m_reply;
    QElapsedTimer m_elapsed;
    QTimer m_deadline;
    QByteArray m_wireBody;
    qint64 m_expectedLength = -1;
    TransportErrorKind m_abortReason = TransportErrorKind::None;
    bool m_finished = false;
};

} // namespace Tokenscope::Http
