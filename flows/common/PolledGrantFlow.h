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
// random source, the TokenPoller, the first request while it is in flight, the steps, and
// how polling, failing and cancelling end. Each flow keeps its own request, result and
// finished() signal, reached through the hooks below.
class PolledGrantFlow : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(PolledGrantFlow)

public:
    // Idle → Requesting (the first request) → AwaitingUser (waiting for the next poll) ⇄
    // Polling (a token request in flight) → [FetchingKeys] → Succeeded, or Failed /
    // Cancelled.
    enum class Step
    {
        Idle,
        Requesting,
        AwaitingUser,
        Polling,
        FetchingKeys,
        Succeeded,
        Failed,
        Cancelled
    };
    Q_ENUM(Step)

    ~PolledGrantFlow() override;

    Step step() const { return m_step; }
    // When the next poll is due; null when none is scheduled.
    QDateTime nextPollAt() const;

signals:
    void stepChanged(Tokenscope::PolledGrantFlow::Step step);
    // A poll was answered ("authorization_pending", "slow_down", … or empty for tokens).
    void polled(int number, const QString &answer, quint64 exchangeId);
    void intervalChanged(qint64 seconds);

public slots:
    // Stops without another request: Cancelled.
    void cancel();
    void cancelWithReason(const QString &reason);

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

    void setStep(Step step);
    // Ends the flow with this error (finished() is emitted).
    void fail(AuthCode::FlowError::Kind kind, const QString &message);

    // The derived flow's result and signal: its error and exchanges, how polling ended
    // taken into it, and finished() with it.
    virtual AuthCode::FlowError &resultError() = 0;
    virtual QList<Http::Exchange> &resultExchanges() = 0;
    virtual void takePoll(const PollResult &poll) = 0;
    virtual void emitFinished() = 0;

    Http::HttpClient *m_http;
    RandomSource &m_random;
    TokenPoller *m_poller;
    QPointer<Http::PendingExchange> m_pending;

private:
    void onPollerState();
    void onPollerFinished(const PollResult &poll);

    Step m_step = Step::Idle;
};

} // namespace Tokenscope
