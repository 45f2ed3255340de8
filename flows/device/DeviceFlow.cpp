#include "DeviceFlow.h"

#include "common/Clock.h"
#include "common/JsonReader.h"
#include "common/PollScheduler.h"
#include "http/HttpClient.h"
#include "http/PendingExchange.h"

#include <QLoggingCategory>

namespace Tokenscope::Device {

Q_LOGGING_CATEGORY(lcDevice, "tokenscope.flows.device", QtInfoMsg)

using AuthCode::FlowError;

bool DeviceRequest::isOpenId() const
{
    return scope.split(QLatin1Char(' '), Qt::SkipEmptyParts).contains(QLatin1String("openid"));
}

DeviceFlow::DeviceFlow(Http::HttpClient *http, RandomSource &random, PollScheduler &scheduler,
                       Jose::JwksCache *keys, QObject *parent)
    : PolledGrantFlow(http, random, scheduler, keys, parent)
{
    qRegisterMetaType<Tokenscope::Device::DeviceAuthorization>();
    qRegisterMetaType<Tokenscope::Device::DeviceFlowResult>();
}

qint64 DeviceFlow::interval() const
{
    return intervalOr(m_result.authorization.interval);
}

void DeviceFlow::start(const DeviceRequest &request)
{
    stopAll();
    m_request = request;
    m_result = DeviceFlowResult{};
    setStep(Step::Idle);
    if (!m_request.deviceAuthorizationEndpoint.isValid() || !m_request.tokenEndpoint.isValid() ||
        m_request.client.clientId.isEmpty()) {
        fail(FlowError::Kind::Usage,
             tr("A device authorization endpoint, a token endpoint and a client_id are needed"));
        return;
    }
    ClientAuth::FormFields form;
    if (!m_request.scope.isEmpty())
        form.append({QByteArrayLiteral("scope"), m_request.scope.toUtf8()});
    for (const auto &[name, value] : std::as_const(m_request.extraParameters))
        form.append({name.toUtf8(), value.toUtf8()});
    Http::HeaderList headers;
    const QString problem = ClientAuth::ClientAuthentication::apply(
        m_request.client, m_request.deviceAuthorizationEndpoint, m_http->clock(), m_random, &form,
        &headers);
    if (!problem.isEmpty()) {
        fail(FlowError::Kind::Usage, problem);
        return;
    }
    Http::HttpRequest http = Http::HttpRequest::postForm(
        m_request.deviceAuthorizationEndpoint, ClientAuth::ClientAuthentication::encodeForm(form),
        tr("Device authorization request"));
    http.headers.append(headers);
    http.followRedirects = false;
    setStep(Step::Requesting);
    m_pending = m_http->send(http);
    connect(m_pending, &Http::PendingExchange::finished, this,
            &DeviceFlow::onAuthorizationResponse);
}

// A JSON number of seconds, or a string holding one (a warning); -1 when absent or neither.
static qint64 seconds(const QJsonObject &object, const QString &name, Findings *findings)
{
    const QJsonValue value = object.value(name);
    if (value.isDouble())
        return qint64(value.toDouble());
    if (value.isString()) {
        bool ok = false;
        const qint64 number = value.toString().toLongLong(&ok);
        findings->append(
            Finding{name + QStringLiteral("_number"), Finding::Status::Warn,
                    QCoreApplication::translate("Tokenscope::Device::DeviceFlow",
                                                "%1 is a string, not a number")
                        .arg(name),
                    QCoreApplication::translate("Tokenscope::Device::DeviceFlow", "a JSON number"),
                    value.toString(), QStringLiteral("RFC 8628 §3.2"), QString()});
        return ok ? number : -1;
    }
    return -1;
}

void DeviceFlow::onAuthorizationResponse()
{
    Http::Exchange exchange;
    DeviceAuthorization &a = m_result.authorization;
    switch (takeFirstAnswer(tr("The device authorization endpoint"), &m_result.exchanges,
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
    if (!exchange.responseIsJson()) {
        m_result.checks.append(
            Finding{QStringLiteral("device_response_content_type"), Finding::Status::Warn,
                    tr("The device authorization response is JSON but not "
                       "labelled application/json"),
                    QStringLiteral("application/json"), QString::fromLatin1(exchange.mediaType()),
                    QStringLiteral("RFC 8628 §3.2"), QString()});
    }
    a.deviceCode = o.value(QLatin1String("device_code")).toString();
    a.userCode = o.value(QLatin1String("user_code")).toString();
    QString verification = o.value(QLatin1String("verification_uri")).toString();
    if (verification.isEmpty() && o.contains(QLatin1String("verification_url"))) {
        // An early draft's name, still sent by some providers.
        verification = o.value(QLatin1String("verification_url")).toString();
        m_result.checks.append(
            Finding{QStringLiteral("verification_uri_name"), Finding::Status::Warn,
                    tr("The response names verification_url, the draft's "
                       "name; RFC 8628 calls it verification_uri"),
                    QStringLiteral("verification_uri"), QStringLiteral("verification_url"),
                    QStringLiteral("RFC 8628 §3.2"), QString()});
    }
    a.verificationUri = QUrl(verification, QUrl::StrictMode);
    a.verificationUriComplete =
        QUrl(o.value(QLatin1String("verification_uri_complete")).toString(), QUrl::StrictMode);
    QStringList missing;
    if (a.deviceCode.isEmpty())
        missing << QStringLiteral("device_code");
    if (a.userCode.isEmpty())
        missing << QStringLiteral("user_code");
    if (!a.verificationUri.isValid() || a.verificationUri.isRelative())
        missing << QStringLiteral("verification_uri");
    if (!missing.isEmpty()) {
        fail(FlowError::Kind::Provider,
             tr("The device authorization response lacks %1 (RFC 8628 §3.2)")
                 .arg(missing.join(QStringLiteral(", "))));
        return;
    }
    a.expiresIn = seconds(o, QStringLiteral("expires_in"), &m_result.checks);
    const qint64 interval = seconds(o, QStringLiteral("interval"), &m_result.checks);
    a.intervalGiven = interval > 0;
    a.interval = a.intervalGiven ? interval : TokenPoller::DefaultIntervalSeconds;
    if (a.expiresIn <= 0) {
        m_result.checks.append(Finding{QStringLiteral("expires_in_present"), Finding::Status::Warn,
                                       tr("expires_in is missing: the device code's lifetime "
                                          "is unknown, polling goes on until the provider ends it"),
                                       tr("a number of seconds"), QString(),
                                       QStringLiteral("RFC 8628 §3.2"), QString()});
    } else {
        a.expiresAt = m_http->clock().now().addSecs(a.expiresIn);
    }
    if (!a.intervalGiven) {
        m_result.checks.append(
            Finding{QStringLiteral("interval_default"), Finding::Status::Pass,
                    tr("No interval was given: polling every %1 s").arg(a.interval), QString(),
                    QString::number(a.interval), QStringLiteral("RFC 8628 §3.2"), QString()});
    }
    m_result.interval = a.interval;
    emit authorizationReady(a);
    if (step() != Step::Requesting)
        return; // cancelled by a receiver of authorizationReady()

    PollRequest poll;
    poll.tokenEndpoint = m_request.tokenEndpoint;
    poll.client = m_request.client;
    poll.grant = {{QByteArrayLiteral("grant_type"), QByteArray(GrantType)},
                  {QByteArrayLiteral("device_code"), a.deviceCode.toUtf8()}};
    // client_id goes with the grant for a public client (RFC 8628 §3.4); the client
    // authentication adds it.
    poll.intervalSeconds = a.interval;
    poll.expiresAt = a.expiresAt;
    poll.label = tr("Token request (device_code)");
    poll.checkIdToken = m_request.isOpenId();
    poll.jwksUri = m_request.jwksUri;
    poll.idToken.issuer = m_request.issuer;
    poll.idToken.clientId = m_request.client.clientId;
    poll.idToken.skewSeconds = m_request.skewSeconds;
    m_poller->start(poll);
}

void DeviceFlow::takePoll(const PollResult &poll)
{
    PolledGrant::takeResult<Step>(m_result, poll);
}

void DeviceFlow::emitFinished()
{
    emit finished(m_result);
}

} // namespace Tokenscope::Device
