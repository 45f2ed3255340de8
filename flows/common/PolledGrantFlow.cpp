#include "PolledGrantFlow.h"

#include "common/JsonReader.h"
#include "http/PendingExchange.h"

namespace Tokenscope {

PolledGrantFlow::PolledGrantFlow(Http::HttpClient *http, RandomSource &random,
                                 PollScheduler &scheduler, Jose::JwksCache *keys, QObject *parent)
    : QObject(parent)
    , m_http(http)
    , m_random(random)
    , m_poller(new TokenPoller(http, random, scheduler, keys, this))
{
    connect(m_poller, &TokenPoller::stateChanged, this, &PolledGrantFlow::onPollerState);
    connect(m_poller, &TokenPoller::finished, this, &PolledGrantFlow::onPollerFinished);
    connect(m_poller, &TokenPoller::polled, this, &PolledGrantFlow::polled);
    connect(m_poller, &TokenPoller::intervalChanged, this, &PolledGrantFlow::intervalChanged);
}

void PolledGrantFlow::setStep(Step step)
{
    if (m_step == step)
        return;
    m_step = step;
    emit stepChanged(step);
}

void PolledGrantFlow::onPollerState()
{
    if (const auto step = PolledGrant::stepFor<Step>(m_poller->state()))
        setStep(*step);
}

void PolledGrantFlow::onPollerFinished(const PollResult &poll)
{
    takePoll(poll);
    setStep(PolledGrant::endStep<Step>(resultError()));
    emitFinished();
}

void PolledGrantFlow::fail(AuthCode::FlowError::Kind kind, const QString &message)
{
    AuthCode::FlowError &error = resultError();
    error.kind = kind;
    error.message = message;
    setStep(PolledGrant::endStep<Step>(error));
    emitFinished();
}

void PolledGrantFlow::cancel()
{
    cancelWithReason(tr("The flow was cancelled"));
}

void PolledGrantFlow::cancelWithReason(const QString &reason)
{
    switch (m_step) {
    case Step::Idle:
    case Step::Succeeded:
    case Step::Failed:
    case Step::Cancelled:
        return;
    case Step::Requesting:
        PolledGrant::abandon(m_pending, this, &resultExchanges());
        fail(AuthCode::FlowError::Kind::Cancelled, reason);
        return;
    case Step::AwaitingUser:
    case Step::Polling:
    case Step::FetchingKeys:
        m_poller->cancelWithReason(reason);
        return;
    }
}

PolledGrantFlow::~PolledGrantFlow()
{
    if (m_pending) {
        m_pending->disconnect(this);
        m_pending->cancel();
    }
}

QDateTime PolledGrantFlow::nextPollAt() const
{
    return m_poller->nextPollAt();
}

qint64 PolledGrantFlow::intervalOr(qint64 announced) const
{
    return m_poller->state() == TokenPoller::State::Idle ? announced : m_poller->interval();
}

void PolledGrantFlow::stopAll()
{
    if (m_pending) {
        m_pending->disconnect(this);
        m_pending->cancel();
        m_pending = nullptr;
    }
    m_poller->cancel();
}

PolledGrantFlow::FirstAnswer PolledGrantFlow::takeFirstAnswer(const QString &endpoint,
                                                              QList<Http::Exchange> *exchanges,
                                                              AuthCode::FlowError *error,
                                                              Http::Exchange *exchange,
                                                              QJsonObject *object)
{
    using AuthCode::FlowError;
    Http::PendingExchange *pending = m_pending;
    m_pending = nullptr;
    if (!pending)
        return FirstAnswer::Stale;
    pending->deleteLater();
    exchanges->append(pending->hops());
    *exchange = pending->result();
    if (exchange->error.isError()) {
        error->transport = exchange->error.kind;
        error->kind = exchange->error.kind == Http::TransportErrorKind::Cancelled
                          ? FlowError::Kind::Cancelled
                          : FlowError::Kind::Transport;
        error->message = exchange->error.message;
        return FirstAnswer::Failed;
    }
    const QString status = QString::number(exchange->statusCode);
    const JsonParseResult json = JsonReader::parse(exchange->responseBody);
    if (!json.ok || !json.document.isObject()) {
        error->kind = FlowError::Kind::Provider;
        error->message =
            json.ok
                ? tr("%1 answered HTTP %2 with JSON that is not an object").arg(endpoint, status)
                : tr("%1 answered HTTP %2 without a JSON body (%3)")
                      .arg(endpoint, status, json.message);
        return FirstAnswer::Failed;
    }
    *object = json.document.object();
    if (object->contains(QLatin1String("error"))) {
        error->oauth = OAuthError::fromJson(*object);
        error->kind = FlowError::Kind::Provider;
        error->message = tr("%1 answered with an error: %2").arg(endpoint, error->oauth.summary());
        return FirstAnswer::Failed;
    }
    if (exchange->statusCode != 200) {
        error->kind = FlowError::Kind::Provider;
        error->message = tr("%1 answered HTTP %2 without an OAuth error").arg(endpoint, status);
        return FirstAnswer::Failed;
    }
    return FirstAnswer::Read;
}

} // namespace Tokenscope
