#pragma once

#include "authcode/AuthorizationCodeFlow.h"
#include "authcode/TokenResponse.h"
#include "clientauth/ClientAuthentication.h"
#include "clientauth/ClientCredentials.h"
#include "common/Finding.h"
#include "common/PolledGrantFlow.h"
#include "common/TokenPoller.h"
#include "http/Exchange.h"

#include <QDateTime>
#include <QJsonObject>
#include <QObject>
#include <QPointer>
#include <QUrl>

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
} // namespace Tokenscope

namespace Tokenscope::Device {

// What the device authorization request (RFC 8628 §3.1) is sent with, and where the
// tokens are polled for.
struct DeviceRequest
{
    QUrl deviceAuthorizationEndpoint;
    QUrl tokenEndpoint;
    // client_id and how the client authenticates (none: client_id in the form).
    ClientAuth::ClientCredentials client;
    QString scope;
    // Extra form parameters of the device authorization request (resource, audience, …).
    QList<QPair<QString, QString>> extraParameters;
    // For the ID token, with the openid scope: iss, aud, signature against jwks_uri.
    QString issuer;
    QUrl jwksUri;
    qint64 skewSeconds = 60;

    bool isOpenId() const;
};

// The device authorization response (RFC 8628 §3.2), what the user is shown.
struct DeviceAuthorization
{
    QString deviceCode;
    QString userCode;
    QUrl verificationUri;
    QUrl verificationUriComplete; // empty when the provider sent none
    qint64 expiresIn = -1;        // seconds
    qint64 interval = 5;          // seconds: the provider's, or 5 when it sent none
    bool intervalGiven = false;
    QDateTime expiresAt; // the clock's now() at the response + expires_in
    QJsonObject raw;
};

struct DeviceFlowResult
{
    DeviceAuthorization authorization;
    AuthCode::TokenResponse tokens;
    // The device authorization response's warnings, the token response's, the ID token's.
    Findings checks;
    AuthCode::FlowError error;
    // Every exchange in order: the device authorization request, each poll, key fetches.
    QList<Http::Exchange> exchanges;
    QList<quint64> pollExchangeIds; // the ids of exchanges that are polls
    int polls = 0;
    qint64 interval = 0; // the polling interval at the end (after slow_down)

    bool ok() const { return !error.isError(); }
};

// The device authorization grant (RFC 8628) as an explicit state machine:
// Idle → Requesting (device authorization request) → AwaitingUser (user code shown, waiting
// for the next poll) ⇄ Polling (a token request in flight) → [FetchingKeys] → Succeeded,
// or Failed / Cancelled. Polling is the shared TokenPoller's.
class DeviceFlow final : public PolledGrantFlow
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(DeviceFlow)

public:
    static constexpr auto GrantType = "urn:ietf:params:oauth:grant-type:device_code";

    // The clock is the HttpClient's; `scheduler` times the polls. keys: shared provider key
    // sets; null: the flow keeps its own.
    DeviceFlow(Http::HttpClient *http, RandomSource &random, PollScheduler &scheduler,
               Jose::JwksCache *keys = nullptr, QObject *parent = nullptr);

    const DeviceRequest &request() const { return m_request; }
    const DeviceFlowResult &result() const { return m_result; }
    // The current polling interval in seconds (grows with slow_down).
    qint64 interval() const;

signals:
    // The user code and where to enter it: show them now.
    void authorizationReady(const Tokenscope::Device::DeviceAuthorization &authorization);
    void finished(const Tokenscope::Device::DeviceFlowResult &result);

public slots:
    void start(const Tokenscope::Device::DeviceRequest &request);

private:
    void onAuthorizationResponse();
    AuthCode::FlowError &resultError() override { return m_result.error; }
    QList<Http::Exchange> &resultExchanges() override { return m_result.exchanges; }
    void takePoll(const PollResult &poll) override;
    void emitFinished() override;

    DeviceRequest m_request;
    DeviceFlowResult m_result;
};

} // namespace Tokenscope::Device

Q_DECLARE_METATYPE(Tokenscope::Device::DeviceAuthorization)
Q_DECLARE_METATYPE(Tokenscope::Device::DeviceFlowResult)
