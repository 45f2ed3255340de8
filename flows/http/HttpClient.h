#pragma once

#include "HttpOptions.h"
#include "HttpRequest.h"

#include <QObject>
#include <QPointer>

class QNetworkAccessManager;

namespace Tokenscope {
class Clock;
}

namespace Tokenscope::Http {

class PendingExchange;
class Transcript;

// The one way Tokenscope speaks HTTP. Every request it sends is recorded in the
// transcript as an Exchange, with every header on the wire set by this client (so the
// record is what was sent), the body decompressed here, limits and faults named.
class HttpClient final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(HttpClient)

public:
    HttpClient(QNetworkAccessManager *network, Transcript *transcript, const Clock &clock,
               QObject *parent = nullptr);
    ~HttpClient() override;

    void setOptions(const HttpOptions &options);
    const HttpOptions &options() const { return m_options; }
    Transcript *transcript() const { return m_transcript; }
    const Clock &clock() const { return m_clock; }

    // Starts the request. The returned object belongs to the client and emits
    // finished() exactly once; the caller may deleteLater() it after that.
    PendingExchange *send(const HttpRequest &request);

    bool isBusy() const { return m_inFlight > 0; }

    // "host[:port]" as the Host header carries it (port only when not the default).
    static QByteArray hostHeader(const QUrl &url);

    // The client's own headers, in the order they are sent, followed by the request's.
    HeaderList headersFor(const HttpRequest &request) const;

signals:
    void busyChanged(bool busy);

public slots:
    void cancelAll();

private:
    void applyProxy();

    QNetworkAccessManager *m_network;
    Transcript *m_transcript;
    const Clock &m_clock;
    HttpOptions m_options;
    QList<QPointer<PendingExchange>> m_pending;
    int m_inFlight = 0;
};

} // namespace Tokenscope::Http
