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

namespace Tokenscope::Ciba {

// The backchannel authentication request (OpenID CIBA Core 1.0 §7.1). Exactly one of
// loginHint, idTokenHint and loginHintToken; the scope must contain openid.
struct CibaRequest
{
    QUrl backchannelAuthenticationEndpoint;
    QUrl tokenEndpoint;
    // client_id and how the client authenticates (none: client_id in the form).
    ClientAuth::ClientCredentials client;
    QString scope = QStringLiteral("openid");
    QString loginHint;
    QString idTokenHint;
    QString loginHintToken;
    QString bindingMessage;
    QString userCode;
    qint64 requestedExpiry = -1; // seconds; -1: not sent
    QString acrValues;
    QList<QPair<QString, QString>> extraParameters;
    // Ping mode (§10.2): set both, and deliver the provider's notification with
    // handleNotification(). Empty: poll mode.
    QUrl clientNotificationEndpoint;
    QString clientNotificationToken;
    // For the ID token: iss, aud, signature against jwks_uri.
    QString issuer;
    QUrl jwksUri;
    qint64 skewSeconds = 60;

    bool isPingMode() const
    {
        return clientNotificationEndpoint.isValid() && !clientNotificationToken.isEmpty();
    }
    // Why the request cannot be sent (translated), or empty.
    QString problem() const;
};

// The backchannel authentication response (§7.3).
struct CibaAuthorization
{
    QString authReqId;
    qint64 expiresIn = -1;
    qint64 interval = 5; // the provider's, or 5 when it sent none
    bool intervalGiven = false;
    QDateTime expiresAt;
    QJsonObject raw;
};

struct CibaFlowResult
{
    CibaAuthorization authorization;
    AuthCode::TokenResponse tokens;
    Findings checks;
    AuthCode::FlowError error;
    QList<Http::Exchange> exchanges;
    QList<quint64> pollExchangeIds;
    int polls = 0;
    qint64 interval = 0;
    bool notified = false; // ping mode: a notification was accepted

    bool ok() const { return !error.isError(); }
};

// Client-Initiated Backchannel Authentication, poll and ping modes, as an explicit state
// machine: Idle → Requesting → AwaitingUser ⇄ Polling → [FetchingKeys] → Succeeded, or
// Failed / Cancelled. Polling is the shared TokenPoller's (grant_type
// urn:openid:params:grant-type:ciba).
class CibaFlow final : public PolledGrantFlow
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(CibaFlow)

public:
    static constexpr auto GrantType = "urn:openid:params:grant-type:ciba";

    CibaFlow(Http::HttpClient *http, RandomSource &random, PollScheduler &scheduler,
             Jose::JwksCache *keys = nullptr, QObject *parent = nullptr);

    const CibaRequest &request() const { return m_request; }
    const CibaFlowResult &result() const { return m_result; }
    qint64 interval() const;

    // Ping mode: the provider's POST to the client notification endpoint, as received
    // (its Authorization header and JSON body {"auth_req_id"}). Returns the HTTP status to
    // answer with: 204 when accepted (the token endpoint is called at once), 401 for a
    // wrong bearer token, 400 for another auth_req_id or a body that is not JSON.
    int handleNotification(const QByteArray &authorizationHeader, const QByteArray &body);

signals:
    // The provider accepted the request: the user is being asked on their device.
    void authorizationReady(const Tokenscope::Ciba::CibaAuthorization &authorization);
    void finished(const Tokenscope::Ciba::CibaFlowResult &result);

public slots:
    void start(const Tokenscope::Ciba::CibaRequest &request);

private:
    void onAuthenticationResponse();
    AuthCode::FlowError &resultError() override { return m_result.error; }
    QList<Http::Exchange> &resultExchanges() override { return m_result.exchanges; }
    void takePoll(const PollResult &poll) override;
    void emitFinished() override;

    CibaRequest m_request;
    CibaFlowResult m_result;
    QByteArray m_earlyNotification; // ping: a notification that came before auth_req_id
};

} // namespace Tokenscope::Ciba

Q_DECLARE_METATYPE(Tokenscope::Ciba::CibaAuthorization)
Q_DECLARE_METATYPE(Tokenscope::Ciba::CibaFlowResult)
