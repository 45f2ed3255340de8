#include "CibaFlow.h"

#include "common/Clock.h"
#include "common/JsonReader.h"
#include "common/PollScheduler.h"
#include "http/HttpClient.h"
#include "http/PendingExchange.h"

#include <QLoggingCategory>

#include <utility>

namespace Tokenscope::Ciba {

Q_LOGGING_CATEGORY(lcCiba, "tokenscope.flows.ciba", QtInfoMsg)

using AuthCode::FlowError;

QString CibaRequest::problem() const
{
    if (!backchannelAuthenticationEndpoint.isValid() || !tokenEndpoint.isValid() ||
        client.clientId.isEmpty())
        return CibaFlow::tr("A backchannel authentication endpoint, a token endpoint and a "
                            "client_id are needed");
    if (!scope.split(QLatin1Char(' '), Qt::SkipEmptyParts).contains(QLatin1String("openid")))
        return CibaFlow::tr("The scope must contain “openid” (CIBA Core §7.1)");
    const int hints =
        int(!loginHint.isEmpty()) + int(!idTokenHint.isEmpty()) + int(!loginHintToken.isEmpty());
    if (hints != 1)
        return CibaFlow::tr("Exactly one of login_hint, id_token_hint and login_hint_token is "
                            "needed (CIBA Core §7.1); %1 given")
            .arg(hints);
    if (clientNotificationEndpoint.isValid() != !clientNotificationToken.isEmpty())
        return CibaFlow::tr("Ping mode needs both a client notification endpoint and a client "
                            "notification token");
    return {};
}

CibaFlow::CibaFlow(Http::HttpClient *http, RandomSource &random, PollScheduler &scheduler,
                   Jose::JwksCache *keys, QObject *parent)
    : PolledGrantFlow(http, random, scheduler, keys, parent)
{
    qRegisterMetaType<Tokenscope::Ciba::CibaAuthorization>();
    qRegisterMetaType<Tokenscope::Ciba::CibaFlowResult>();
}

qint64 CibaFlow::interval() const
{
    return intervalOr(m_result.authorization.interval);
}

void CibaFlow::start(const CibaRequest &request)
{
    stopAll();
    m_request = request;
    m_result = CibaFlowResult{};
    m_earlyNotification.clear();
    setStep(Step::Idle);
    if (const QString problem = m_request.problem(); !problem.isEmpty()) {
        fail(FlowError::Kind::Usage, problem);
        return;
    }
    ClientAuth::FormFields form{{QByteArrayLiteral("scope"), m_request.scope.toUtf8()}};
    const auto add = [&form](const char *name, const QString &value) {
        if (!value.isEmpty())
            form.append({QByteArray(name), value.toUtf8()});
    };
    if (m_request.isPingMode())
        add("client_notification_token", m_request.clientNotificationToken);
    add("acr_values", m_request.acrValues);
    add("login_hint_token", m_request.loginHintToken);
    add("id_token_hint", m_request.idTokenHint);
    add("login_hint", m_request.loginHint);
    add("binding_message", m_request.bindingMessage);
    add("user_code", m_request.userCode);
    if (m_request.requestedExpiry > 0)
        add("requested_expiry", QString::number(m_request.requestedExpiry));
    for (const auto &[name, value] : std::as_const(m_request.extraParameters))
        form.append({name.toUtf8(), value.toUtf8()});
    Http::HeaderList headers;
    const QString problem = ClientAuth::ClientAuthentication::apply(
        m_request.client, m_request.backchannelAuthenticationEndpoint, m_http->clock(), m_random,
        &form, &headers);
    if (!problem.isEmpty()) {
        fail(FlowError::Kind::Usage, problem);
        return;
    }
    Http::HttpRequest http =
        Http::HttpRequest::postForm(m_request.backchannelAuthenticationEndpoint,
                                    ClientAuth::ClientAuthentication::encodeForm(form),
                                    tr("Backchannel authentication request"));
    http.headers.append(headers);
    http.followRedirects = false;
    setStep(Step::Requesting);
    m_pending = m_http->send(http);
    connect(m_pending, &Http::PendingExchange::finished, this, &CibaFlow::onAuthenticationResponse);
}

static qint64 seconds(const QJsonObject &object, const QString &name, Findings *findings)
{
    const QJsonValue value = object.value(name);
    if (value.isDouble())
        return qint64(value.toDouble());
    if (value.isString()) {
        bool ok = false;
        const qint64 number = value.toString().toLongLong(&ok);
        findings->append(Finding{name + QStringLiteral("_number"), Finding::Status::Warn,
                                 CibaFlow::tr("%1 is a string, not a number").arg(name),
                                 CibaFlow::tr("a JSON number"), value.toString(),
                                 QStringLiteral("OpenID CIBA Core 1.0 §7.3"), QString()});
        return ok ? number : -1;
    }
    return -1;
}

void CibaFlow::onAuthenticationResponse()
{
    Http::Exchange exchange;
    CibaAuthorization &a = m_result.authorization;
    switch (takeFirstAnswer(tr("The backchannel authentication endpoint"), &m_result.exchanges,
                            &m_result.error, &exchange, &a.raw)) {
    case FirstAnswer::Stale:
        return;
    case FirstAnswer::Failed:
        fail(m_result.error.kind, m_result.error.message);
        return;
    case FirstAnswer::Read:
        break;
    }
    const QJsonObject &o = a.raw;
    a.authReqId = o.value(QLatin1String("auth_req_id")).toString();
    if (a.authReqId.isEmpty()) {
        fail(FlowError::Kind::Provider,
             tr("The backchannel authentication response lacks auth_req_id (CIBA Core §7.3)"));
        return;
    }
    a.expiresIn = seconds(o, QStringLiteral("expires_in"), &m_result.checks);
    const qint64 interval = seconds(o, QStringLiteral("interval"), &m_result.checks);
    a.intervalGiven = interval > 0;
    a.interval = a.intervalGiven ? interval : TokenPoller::DefaultIntervalSeconds;
    if (a.expiresIn <= 0) {
        m_result.checks.append(Finding{QStringLiteral("expires_in_present"), Finding::Status::Warn,
                                       tr("expires_in is missing: the request's lifetime is "
                                          "unknown, polling goes on until the provider ends it"),
                                       tr("a number of seconds"), QString(),
                                       QStringLiteral("OpenID CIBA Core 1.0 §7.3"), QString()});
    } else {
        a.expiresAt = m_http->clock().now().addSecs(a.expiresIn);
    }
    if (m_request.requestedExpiry > 0 && a.expiresIn > m_request.requestedExpiry) {
        m_result.checks.append(
            Finding{QStringLiteral("requested_expiry_honoured"), Finding::Status::Warn,
                    tr("expires_in is longer than the requested_expiry sent"),
                    QString::number(m_request.requestedExpiry), QString::number(a.expiresIn),
                    QStringLiteral("OpenID CIBA Core 1.0 §7.1"), QString()});
    }
    m_result.interval = a.interval;
    emit authorizationReady(a);
    if (step() != Step::Requesting)
        return; // cancelled by a receiver of authorizationReady()

    PollRequest poll;
    poll.tokenEndpoint = m_request.tokenEndpoint;
    poll.client = m_request.client;
    poll.grant = {{QByteArrayLiteral("grant_type"), QByteArray(GrantType)},
                  {QByteArrayLiteral("auth_req_id"), a.authReqId.toUtf8()}};
    poll.intervalSeconds = a.interval;
    poll.expiresAt = a.expiresAt;
    poll.periodic = !m_request.isPingMode();
    poll.label = tr("Token request (CIBA)");
    poll.checkIdToken = true;
    poll.jwksUri = m_request.jwksUri;
    poll.idToken.issuer = m_request.issuer;
    poll.idToken.clientId = m_request.client.clientId;
    poll.idToken.skewSeconds = m_request.skewSeconds;
    poll.idToken.acrValues = m_request.acrValues.split(QLatin1Char(' '), Qt::SkipEmptyParts);
    m_poller->start(poll);
    // A provider that decides at once may notify before its answer was read here.
    const QByteArray early = std::exchange(m_earlyNotification, {});
    if (!early.isEmpty() && step() == Step::AwaitingUser &&
        JsonReader::parse(early).document.object().value(QLatin1String("auth_req_id")).toString() ==
            a.authReqId) {
        m_result.notified = true;
        m_poller->pollNow();
    }
}

int CibaFlow::handleNotification(const QByteArray &authorizationHeader, const QByteArray &body)
{
    const QByteArray expected = "Bearer " + m_request.clientNotificationToken.toUtf8();
    if (!m_request.isPingMode() || authorizationHeader != expected) {
        qCInfo(lcCiba) << "a notification with a wrong bearer token was refused";
        return 401;
    }
    const JsonParseResult json = JsonReader::parse(body);
    if (step() == Step::Requesting && json.ok && json.document.isObject() &&
        !json.document.object().value(QLatin1String("auth_req_id")).toString().isEmpty()) {
        // Before the backchannel authentication response: held until its auth_req_id is known.
        m_earlyNotification = body;
        return 204;
    }
    if (!json.ok || !json.document.isObject() ||
        json.document.object().value(QLatin1String("auth_req_id")).toString() !=
            m_result.authorization.authReqId ||
        m_result.authorization.authReqId.isEmpty())
        return 400;
    if (step() != Step::AwaitingUser && step() != Step::Polling)
        return 400; // nothing is waiting for this auth_req_id any more
    m_result.notified = true;
    m_poller->pollNow();
    return 204;
}

void CibaFlow::takePoll(const PollResult &poll)
{
    PolledGrant::takeResult<Step>(m_result, poll);
}

void CibaFlow::emitFinished()
{
    emit finished(m_result);
}

} // namespace Tokenscope::Ciba
