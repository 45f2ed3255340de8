#pragma once

#include "common/TokenPoller.h"

#include <QDateTime>
#include <QJsonObject>
#include <QObject>
#include <QPointer>

namespace Tokenscope {
class PollScheduler;
class RandomSource;
namespace Http {
class HttpClient;
class PendingExchange;
} // namespace Http
namespace Jose {
class JwksCache;
}

// What the grants that send one request and then poll the token endpoint while the user
// decides elsewhere share (the device authorization grant, CIBA): the HTTP client, the
// random source, the TokenPoller and the first request while it is in flight. Each flow
// keeps its own steps, result and signals.
class PolledGrantFlow : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(PolledGrantFlow)

public:
    ~PolledGrantFlow() override;

    // When the next poll is due; null when none is scheduled.
    QDateTime nextPollAt() const;

protected:
    // The clock is the HttpClient's; `scheduler` times the polls. keys: shared provider key
    // sets; null: the poller keeps its own.
    PolledGrantFlow(Http::HttpClient *http, RandomSource &random, PollScheduler &scheduler,
                    Jose::JwksCache *keys, QObject *parent);

    // The polling interval in seconds: the poller's once it has started, else `announced`
    // (the provider's, from the first response).
    qint64 intervalOr(qint64 announced) const;
    // Before a new start: drops the first request in flight and stops polling, without
    // another request.
    void stopAll();

    enum class FirstAnswer
    {
        Stale,  // nothing was pending: a late call to ignore
        Failed, // error says why (kind, message; transport or oauth)
        Read    // exchange and object are the answer to go on with
    };
    // Takes the first request's answer (the device authorization or the backchannel
    // authentication response) from m_pending: its hops go to `exchanges`, its JSON object
    // to `object` whenever there is one. A transport failure, an answer that is not a JSON
    // object, an OAuth error and a status other than 200 fail, with messages naming
    // `endpoint` ("The device authorization endpoint").
    FirstAnswer takeFirstAnswer(const QString &endpoint, QList<Http::Exchange> *exchanges,
                                AuthCode::FlowError *error, Http::Exchange *exchange,
                                QJsonObject *object);

    Http::HttpClient *m_http;
    RandomSource &m_random;
    TokenPoller *m_poller;
    QPointer<Http::PendingExchange> m_pending;
};

} // namespace Tokenscope
