#pragma once

#include "authcode/AuthorizationCodeFlow.h"
#include "authcode/TokenResponse.h"
#include "clientauth/ClientAuthentication.h"
#include "clientauth/ClientCredentials.h"
#include "common/Finding.h"
#include "http/Exchange.h"
#include "jose/IdTokenValidator.h"
#include "jose/JwkSet.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QObject>
#include <QPointer>

#include <optional>

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

// What the token endpoint is polled with, for the grants that wait for a user elsewhere:
// the device authorization grant (RFC 8628 §3.4) and CIBA poll and ping modes (CIBA Core
// §7.1, §10).
struct PollRequest
{
    QUrl tokenEndpoint;
    ClientAuth::ClientCredentials client;
    // grant_type and what names the pending authorization (device_code, auth_req_id).
    ClientAuth::FormFields grant;
    qint64 intervalSeconds = 5;
    // When the pending authorization expires (from expires_in): no poll is sent after it.
    // Null: it does not expire here.
    QDateTime expiresAt;
    // false (CIBA ping mode): a poll is sent only on pollNow(); expiry still ends it.
    bool periodic = true;
    QString label; // of each poll's exchange, e.g. "Token poll (device_code)"
    // With an ID token in the tokens and checkIdToken set: its signature against jwksUri's
    // keys (none named: a warning) and its claims (now is filled in when it is checked).
    bool checkIdToken = false;
    QUrl jwksUri;
    Jose::IdTokenExpectations idToken;
};

// How polling ended. Every poll is one exchange in `exchanges`, and its id is in
// pollExchangeIds, so that a transcript view can fold consecutive polls into one row.
struct PollResult
{
    AuthCode::TokenResponse tokens;
    Findings checks; // the token response's warnings, then the ID token's checks
    // Provider: access_denied, expired_token or another OAuth error (oauth filled in), or
    // an answer that is not a token response (an HTML page, not JSON). Transport, with
    // transport Timeout: the authorization expired here (expires_in) before the user
    // finished. Cancelled: cancel(). Validation: an ID token rule failed (rule named).
    AuthCode::FlowError error;
    QList<Http::Exchange> exchanges;
    QList<quint64> pollExchangeIds;
    int polls = 0;       // token requests sent
    qint64 interval = 0; // the interval in force at the end, seconds
    QString lastAnswer;  // the last poll's error code ("authorization_pending") or empty

    bool ok() const { return !error.isError(); }
};

// Polls a token endpoint until the user has decided, in ONE place for every grant that
// needs it: waits `interval` before each poll; authorization_pending goes on; slow_down
// adds 5 s to the interval for this and every later poll (RFC 8628 §3.5, CIBA §11);
// access_denied, expired_token, any other error and any answer that is not a token
// response end it; a poll that timed out or lost its connection is retried with an
// exponential backoff (RFC 8628 §3.5); the local expiry ends it without another request;
// cancel() ends it without another request. Time comes from the HttpClient's clock and the injected
// scheduler.
class TokenPoller final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(TokenPoller)

public:
    enum class State
    {
        Idle,
        Waiting,      // for the next poll (or, in ping mode, for the notification)
        Polling,      // a token request is in flight
        FetchingKeys, // for the ID token's signature
        Finished
    };
    Q_ENUM(State)

    static constexpr qint64 DefaultIntervalSeconds = 5; // RFC 8628 §3.2, CIBA §7.3
    static constexpr qint64 SlowDownSeconds = 5;
    // A poll that timed out or lost its connection is retried after twice the wait, then
    // four times…, at most this many times in a row (RFC 8628 §3.5); then polling ends.
    static constexpr int MaximumTransportRetries = 3;

    // keys: the provider key sets shared between flows; null: the poller keeps its own.
    TokenPoller(Http::HttpClient *http, RandomSource &random, PollScheduler &scheduler,
                Jose::JwksCache *keys = nullptr, QObject *parent = nullptr);
    ~TokenPoller() override;

    State state() const { return m_state; }
    qint64 interval() const { return m_interval; }
    int polls() const { return m_result.polls; }
    // When the next poll is due; null while none is scheduled.
    QDateTime nextPollAt() const { return m_nextPollAt; }
    const PollRequest &request() const { return m_request; }
    const PollResult &result() const { return m_result; }

signals:
    void stateChanged(Tokenscope::TokenPoller::State state);
    // A poll was answered: `answer` is the OAuth error code ("authorization_pending",
    // "slow_down", …), or empty for tokens and for answers that are not OAuth errors; for a
    // poll that did not complete and is retried, "transport:" and the kind
    // ("transport:timeout").
    void polled(int number, const QString &answer, quint64 exchangeId);
    void intervalChanged(qint64 seconds);
    void finished(const Tokenscope::PollResult &result);

public slots:
    // Starts waiting for the first poll (interval seconds from now).
    void start(const Tokenscope::PollRequest &request);
    // Polls at once when waiting (CIBA ping: the provider said the result is there).
    void pollNow();
    void cancel();
    void cancelWithReason(const QString &reason);

private:
    void setState(State state);
    void scheduleNext(qint64 waitSeconds = -1);
    void poll();
    void onPollFinished();
    void checkIdToken();
    void fetchKeys();
    void finish();
    void fail(AuthCode::FlowError::Kind kind, const QString &message, const QString &rule = {});

    Http::HttpClient *m_http;
    RandomSource &m_random;
    PollScheduler &m_scheduler;
    Jose::JwksCache *m_keys;
    PollRequest m_request;
    PollResult m_result;
    QPointer<Http::PendingExchange> m_pending;
    State m_state = State::Idle;
    qint64 m_interval = DefaultIntervalSeconds;
    QDateTime m_nextPollAt;
    Jose::JwkSet m_keySet;
    QString m_keysProblem;
    QString m_cancelReason;
    int m_transportFailures = 0; // consecutive polls that did not complete
    quint64 m_generation = 0;    // bumped by start() and the end: stale callbacks are ignored
};

// What the flows built on TokenPoller (device authorization, CIBA) share: their Step has
// AwaitingUser, Polling, FetchingKeys, Succeeded, Failed and Cancelled, and their result
// carries the poll's fields (tokens, checks, error, exchanges, pollExchangeIds, polls,
// interval).
namespace PolledGrant {

// The flow's step for the poller's state; nullopt (Idle, Finished): the flow's step stands.
template<typename Step>
std::optional<Step> stepFor(TokenPoller::State state)
{
    switch (state) {
    case TokenPoller::State::Waiting:
        return Step::AwaitingUser;
    case TokenPoller::State::Polling:
        return Step::Polling;
    case TokenPoller::State::FetchingKeys:
        return Step::FetchingKeys;
    case TokenPoller::State::Idle:
    case TokenPoller::State::Finished:
        break;
    }
    return std::nullopt;
}

// The step a flow ends in with `error`: Cancelled, Failed, or Succeeded without an error.
template<typename Step>
Step endStep(const AuthCode::FlowError &error)
{
    if (error.kind == AuthCode::FlowError::Kind::Cancelled)
        return Step::Cancelled;
    return error.isError() ? Step::Failed : Step::Succeeded;
}

// Takes how polling ended into the flow's result; returns the step the flow ends in.
template<typename Step, typename FlowResult>
Step takeResult(FlowResult &result, const PollResult &poll)
{
    result.tokens = poll.tokens;
    result.checks.append(poll.checks);
    result.error = poll.error;
    result.exchanges.append(poll.exchanges);
    result.pollExchangeIds = poll.pollExchangeIds;
    result.polls = poll.polls;
    result.interval = poll.interval;
    return endStep<Step>(result.error);
}

// Cancels the flow's first request (device authorization, backchannel authentication) while
// it is in flight: its end no longer reaches `receiver`, its hops go to `exchanges`.
void abandon(QPointer<Http::PendingExchange> &pending, QObject *receiver,
             QList<Http::Exchange> *exchanges);

} // namespace PolledGrant

} // namespace Tokenscope

Q_DECLARE_METATYPE(Tokenscope::PollResult)
