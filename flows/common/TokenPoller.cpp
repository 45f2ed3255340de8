#include "TokenPoller.h"

#include "Clock.h"
#include "PollScheduler.h"
#include "authcode/IdTokenCheck.h"
#include "http/HttpClient.h"
#include "http/PendingExchange.h"
#include "jose/JwksCache.h"
#include "jose/JwsToken.h"

#include <QLoggingCategory>

#include <algorithm>

namespace Tokenscope {

Q_LOGGING_CATEGORY(lcPoller, "tokenscope.flows.common", QtInfoMsg)

using AuthCode::FlowError;

TokenPoller::TokenPoller(Http::HttpClient *http, RandomSource &random, PollScheduler &scheduler,
                         Jose::JwksCache *keys, QObject *parent)
    : QObject(parent)
    , m_http(http)
    , m_random(random)
    , m_scheduler(scheduler)
    , m_keys(keys ? keys : new Jose::JwksCache(http, http->clock(), this))
{
    qRegisterMetaType<Tokenscope::PollResult>();
}

TokenPoller::~TokenPoller()
{
    m_scheduler.cancel();
    if (m_pending) {
        m_pending->disconnect(this);
        m_pending->cancel();
    }
}

void TokenPoller::setState(State state)
{
    if (m_state == state)
        return;
    m_state = state;
    emit stateChanged(state);
}

void TokenPoller::start(const PollRequest &request)
{
    m_scheduler.cancel();
    if (m_pending) {
        m_pending->disconnect(this);
        m_pending->cancel();
        m_pending = nullptr;
    }
    ++m_generation;
    m_request = request;
    m_result = PollResult{};
    m_keySet = Jose::JwkSet();
    m_keysProblem.clear();
    m_cancelReason.clear();
    m_transportFailures = 0;
    m_interval = request.intervalSeconds > 0 ? request.intervalSeconds : DefaultIntervalSeconds;
    m_result.interval = m_interval;
    m_state = State::Idle;
    if (!m_request.tokenEndpoint.isValid()) {
        fail(FlowError::Kind::Usage, tr("A token endpoint is needed to poll for the tokens"));
        return;
    }
    scheduleNext();
}

void TokenPoller::scheduleNext(qint64 waitSeconds)
{
    const QDateTime now = m_http->clock().now();
    const bool expires = m_request.expiresAt.isValid();
    const qint64 wait = waitSeconds >= 0 ? waitSeconds : m_interval;
    m_nextPollAt = {};
    if (m_request.periodic || waitSeconds >= 0) {
        const QDateTime next = now.addSecs(wait);
        if (!expires || next < m_request.expiresAt) {
            m_nextPollAt = next;
            setState(State::Waiting);
            m_scheduler.schedule(wait, this, [this] { poll(); });
            return;
        }
    }
    setState(State::Waiting);
    if (expires) {
        // No poll is due before the authorization expires: wake up then to say so.
        const qint64 left = qMax<qint64>(0, now.secsTo(m_request.expiresAt));
        m_scheduler.schedule(left, this, [this] { poll(); });
    }
}

void TokenPoller::pollNow()
{
    if (m_state != State::Waiting)
        return;
    m_scheduler.cancel();
    poll();
}

void TokenPoller::poll()
{
    if (m_state != State::Waiting)
        return;
    m_nextPollAt = {};
    const QDateTime now = m_http->clock().now();
    if (m_request.expiresAt.isValid() && now >= m_request.expiresAt) {
        m_result.error.transport = Http::TransportErrorKind::Timeout;
        fail(FlowError::Kind::Transport,
             tr("The authorization expired at %1 (expires_in) before the user finished; no "
                "further poll was sent")
                 .arg(m_request.expiresAt.toString(Qt::ISODate)));
        return;
    }
    ClientAuth::FormFields form = m_request.grant;
    Http::HeaderList headers;
    const QString problem = ClientAuth::ClientAuthentication::apply(
        m_request.client, m_request.tokenEndpoint, m_http->clock(), m_random, &form, &headers);
    if (!problem.isEmpty()) {
        fail(FlowError::Kind::Usage, problem);
        return;
    }
    ++m_result.polls;
    Http::HttpRequest request = Http::HttpRequest::postForm(
        m_request.tokenEndpoint, ClientAuth::ClientAuthentication::encodeForm(form),
        tr("%1, poll %2")
            .arg(m_request.label.isEmpty() ? tr("Token request") : m_request.label)
            .arg(m_result.polls));
    request.headers.append(headers);
    request.followRedirects = false;
    setState(State::Polling);
    m_pending = m_http->send(request);
    connect(m_pending, &Http::PendingExchange::finished, this, &TokenPoller::onPollFinished);
}

void TokenPoller::onPollFinished()
{
    Http::PendingExchange *pending = m_pending;
    m_pending = nullptr;
    if (!pending)
        return;
    pending->deleteLater();
    for (const Http::Exchange &hop : pending->hops()) {
        m_result.exchanges.append(hop);
        m_result.pollExchangeIds.append(hop.id);
    }
    const Http::Exchange exchange = pending->result();
    const Http::TransportErrorKind kind = exchange.error.kind;
    const bool retryable = kind == Http::TransportErrorKind::Timeout ||
                           kind == Http::TransportErrorKind::ConnectionRefused ||
                           kind == Http::TransportErrorKind::Network;
    if (retryable && m_transportFailures < MaximumTransportRetries) {
        // RFC 8628 §3.5: back off exponentially when a poll does not get through.
        ++m_transportFailures;
        m_result.lastAnswer = QStringLiteral("transport:") + Http::transportErrorKindName(kind);
        scheduleNext(m_interval << m_transportFailures);
        emit polled(m_result.polls, m_result.lastAnswer, exchange.id);
        return;
    }
    if (exchange.error.isError()) {
        const bool cancelled = exchange.error.kind == Http::TransportErrorKind::Cancelled;
        m_result.error.transport = exchange.error.kind;
        fail(cancelled ? FlowError::Kind::Cancelled : FlowError::Kind::Transport,
             cancelled && !m_cancelReason.isEmpty() ? m_cancelReason : exchange.error.message);
        return;
    }
    m_transportFailures = 0;
    const AuthCode::TokenResponse response = AuthCode::TokenResponse::parse(
        exchange.statusCode, exchange.responseBody, exchange.responseIsJson());
    m_result.lastAnswer = response.error.error;
    // polled() comes once the next poll is scheduled (interval() and nextPollAt() say when).
    const QString &code = response.error.error;
    if (code == QLatin1String("authorization_pending")) {
        scheduleNext();
        emit polled(m_result.polls, code, exchange.id);
        return;
    }
    if (code == QLatin1String("slow_down")) {
        // RFC 8628 §3.5, CIBA Core §11: 5 s more for this and every later request.
        m_interval += SlowDownSeconds;
        m_result.interval = m_interval;
        emit intervalChanged(m_interval);
        scheduleNext();
        emit polled(m_result.polls, code, exchange.id);
        return;
    }
    emit polled(m_result.polls, code, exchange.id);
    m_result.tokens = response;
    m_result.checks.append(response.findings);
    if (!response.error.isEmpty()) {
        m_result.error.oauth = response.error;
        QString message;
        if (code == QLatin1String("access_denied"))
            message = tr("The user denied the authorization (access_denied)");
        else if (code == QLatin1String("expired_token"))
            message = tr("The authorization expired at the provider before the user finished "
                         "(expired_token)");
        else
            message =
                tr("The token endpoint answered with an error: %1").arg(response.error.summary());
        fail(FlowError::Kind::Provider, message);
        return;
    }
    if (!response.ok) {
        fail(FlowError::Kind::Provider,
             tr("The token endpoint's answer is not a token response: %1").arg(response.problem));
        return;
    }
    if (m_request.checkIdToken) {
        checkIdToken();
        return;
    }
    finish();
}

void TokenPoller::checkIdToken()
{
    const QString &idToken = m_result.tokens.idToken;
    if (idToken.isEmpty()) {
        m_result.checks.append(Finding{
            QStringLiteral("id_token_present"), Finding::Status::Warn,
            tr("The scope has openid but the token response has no id_token"), tr("an ID token"),
            QString(), QStringLiteral("OpenID Connect Core 1.0 §3.1.3.3"), QString()});
        finish();
        return;
    }
    if (m_request.jwksUri.isValid() && m_keySet.keys.isEmpty() && m_keysProblem.isEmpty()) {
        fetchKeys();
        return;
    }
    AuthCode::IdTokenCheck::Input input;
    input.idToken = idToken;
    input.keys = m_request.jwksUri.isValid() ? &m_keySet : nullptr;
    input.keysProblem = m_keysProblem;
    input.expected = m_request.idToken;
    input.expected.accessToken = m_result.tokens.accessToken;
    input.expected.now = m_http->clock().now();
    const Findings findings = AuthCode::IdTokenCheck::check(input);
    m_result.checks.append(findings);
    const auto failed = std::find_if(findings.cbegin(), findings.cend(), [](const Finding &f) {
        return f.status == Finding::Status::Fail;
    });
    if (failed != findings.cend()) {
        fail(FlowError::Kind::Validation,
             tr("ID token check “%1” failed: %2").arg(failed->rule, failed->message), failed->rule);
        return;
    }
    finish();
}

void TokenPoller::fetchKeys()
{
    setState(State::FetchingKeys);
    const auto parsed = Jose::JwsToken::parseCompact(m_result.tokens.idToken.toLatin1());
    const QString kid = parsed.isError()
                            ? QString()
                            : parsed.token().header().value(QLatin1String("kid")).toString();
    const quint64 generation = m_generation;
    m_keys->keys(m_request.jwksUri, kid, this, [this, generation](const Jose::JwksResult &keys) {
        if (generation != m_generation || m_state != State::FetchingKeys)
            return; // cancelled or restarted meanwhile
        m_result.exchanges.append(keys.exchanges);
        m_result.checks.append(keys.findings);
        if (keys.problem == Jose::JwksResult::Problem::Transport && keys.keys.keys.isEmpty()) {
            m_result.error.transport = keys.transportKind;
            fail(keys.transportKind == Http::TransportErrorKind::Cancelled
                     ? FlowError::Kind::Cancelled
                     : FlowError::Kind::Transport,
                 tr("The provider's keys could not be fetched from %1: %2")
                     .arg(m_request.jwksUri.toString(), keys.message));
            return;
        }
        m_keySet = keys.keys;
        m_keysProblem = keys.ok() ? QString() : keys.message;
        if (m_keySet.keys.isEmpty() && m_keysProblem.isEmpty())
            m_keysProblem = tr("The provider's key set is empty.");
        checkIdToken();
    });
}

void TokenPoller::finish()
{
    ++m_generation;
    m_scheduler.cancel();
    m_nextPollAt = {};
    m_result.interval = m_interval;
    setState(State::Finished);
    emit finished(m_result);
}

void TokenPoller::fail(FlowError::Kind kind, const QString &message, const QString &rule)
{
    m_result.error.kind = kind;
    m_result.error.message = message;
    m_result.error.rule = rule;
    qCDebug(lcPoller) << "polling ended:" << FlowError::kindName(kind);
    finish();
}

void TokenPoller::cancel()
{
    cancelWithReason(tr("The flow was cancelled"));
}

void TokenPoller::cancelWithReason(const QString &reason)
{
    switch (m_state) {
    case State::Idle:
    case State::Finished:
        return;
    case State::Waiting:
    case State::FetchingKeys:
        m_scheduler.cancel();
        fail(FlowError::Kind::Cancelled, reason);
        return;
    case State::Polling:
        m_cancelReason = reason;
        if (m_pending)
            m_pending->cancel(); // finishes with a Cancelled transport error
        return;
    }
}

void PolledGrant::abandon(QPointer<Http::PendingExchange> &pending, QObject *receiver,
                          QList<Http::Exchange> *exchanges)
{
    if (!pending)
        return;
    pending->disconnect(receiver);
    pending->cancel();
    exchanges->append(pending->hops());
    pending->deleteLater();
    pending = nullptr;
}

} // namespace Tokenscope
