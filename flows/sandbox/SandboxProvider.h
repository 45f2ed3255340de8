#pragma once

#include "HttpMessage.h"
#include "SandboxClientAssertion.h"
#include "SandboxDeferredGrants.h"
#include "SandboxDirectory.h"
#include "SandboxDpop.h"
#include "SandboxFaults.h"
#include "SandboxPar.h"
#include "jose/JwsSigner.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QHash>
#include <QJsonObject>
#include <QStringList>
#include <QUrl>

namespace Tokenscope {
class Clock;
class RandomSource;
} // namespace Tokenscope

namespace Tokenscope::Sandbox {

class SandboxKeys;

// The sandbox authorization server's protocol logic: one HTTP request in, one response out,
// no sockets (SandboxServer carries the bytes). State (interactions, codes, grants, tokens)
// lives in memory for the life of the object. Time from the injected clock, randomness
// from the injected source.
class SandboxProvider final
{
    Q_DECLARE_TR_FUNCTIONS(Tokenscope::Sandbox::SandboxProvider)

public:
    static constexpr qint64 codeLifetime = 60;
    static constexpr qint64 accessTokenLifetime = 3600;
    static constexpr qint64 refreshTokenLifetime = 14 * 24 * 3600;
    static constexpr qint64 interactionLifetime = 600;
    static constexpr int maxInteractions = 1000;

    SandboxProvider(const Clock &clock, RandomSource &random, const SandboxKeys &keys);
    SandboxProvider(const SandboxProvider &) = delete;
    SandboxProvider &operator=(const SandboxProvider &) = delete;

    void setIssuer(const QString &issuer) { m_issuer = issuer; }
    QString issuer() const { return m_issuer; }
    const SandboxDirectory &directory() const { return m_directory; }

    HttpResponse handle(const HttpRequest &request);

    // Break-it switches for this run (also POST /sandbox/faults); none by default.
    void setFaults(const SandboxFaults &faults) { m_faults = faults; }
    const SandboxFaults &faults() const { return m_faults; }
    // DPoP proof checks and server nonces (RFC 9449).
    SandboxDpop &dpop() { return m_dpop; }

    // CIBA ping mode (CIBA Core §10.2): a decided request of a ping client is announced to
    // the client with a POST that the provider cannot send itself (it has no sockets). The
    // carrier takes the due notifications after each handled request and sends them.
    struct Notification
    {
        QUrl endpoint;     // the client's backchannel_client_notification_endpoint
        QByteArray bearer; // the client_notification_token of the request
        QByteArray body;   // {"auth_req_id":"…"}
        QString clientId;
        QByteArray authorization() const { return "Bearer " + bearer; }
    };
    static constexpr int maxNotifications = 100;
    QList<Notification> takeNotifications();

    QJsonObject metadata() const;
    // Does `candidate` match one of the client's redirect URIs: exact, except a loopback IP
    // literal registered without a port matches any port (RFC 8252 §7.3).
    static bool redirectUriMatches(const SandboxClient &client, const QUrl &candidate);
    // RFC 7636 §4.6: the verifier checked against the stored challenge and method.
    static bool verifyPkce(const QByteArray &verifier, const QByteArray &challenge,
                           const QString &method);

private:
    struct Interaction
    {
        QString clientId;
        QString redirectUri;
        QString responseType;
        QString responseMode;
        QStringList scopes;
        QString state;
        QString nonce;
        QByteArray challenge;
        QString challengeMethod;
        QString sub;
        QJsonObject userClaims;
        QDateTime created;
        QDateTime authTime;
        QJsonObject claimsRequest; // OIDC Core §5.5 "claims" parameter
        QString acr;
        // Set by the device verification page: the consent completes that device
        // authorization instead of redirecting.
        QString deviceCode;
    };
    struct Grant
    {
        QString clientId;
        QString sub;
        QJsonObject userClaims;
        QStringList scopes;
        QDateTime authTime;
        QString sid;
        QString nonce;
        QJsonObject claimsRequest;
        QString acr;
        bool revoked = false;
    };
    struct Code
    {
        QString grantId;
        QString clientId;
        QString redirectUri;
        QByteArray challenge;
        QString challengeMethod;
        QDateTime expires;
        bool used = false;
    };
    struct Token
    {
        QString grantId; // empty for client_credentials
        QString clientId;
        QString sub;
        QStringList scopes;
        QDateTime issued;
        QDateTime expires;
        bool refresh = false;
        bool rotated = false; // a refresh token that was exchanged already
        bool revoked = false;
        QString jkt;          // RFC 9449: the DPoP key's thumbprint the token is bound to
        QJsonObject act;      // RFC 8693 §4.1: the actor of an exchanged token
        QStringList audience; // RFC 8693 audience / resource; empty: the client
    };
    // The sandbox's own sign-in session (a cookie), for prompt, max_age and logout.
    struct Session
    {
        QString sub;
        QJsonObject userClaims;
        QDateTime authTime;
    };

    HttpResponse discovery() const;
    HttpResponse authorize(const HttpRequest &request);
    HttpResponse login(const HttpRequest &request);
    HttpResponse consent(const HttpRequest &request);
    HttpResponse token(const HttpRequest &request);
    HttpResponse userinfo(const HttpRequest &request);
    HttpResponse introspect(const HttpRequest &request);
    HttpResponse revoke(const HttpRequest &request);

    HttpResponse tokenFromCode(const SandboxClient &client, const QHash<QString, QString> &form);
    HttpResponse tokenFromRefresh(const SandboxClient &client, const QHash<QString, QString> &form);
    HttpResponse tokenForClient(const SandboxClient &client, const QHash<QString, QString> &form);

    // A form request from an authenticated client: the body parsed as a form without repeated
    // parameters, then the client authenticated. Null and *failure set otherwise.
    const SandboxClient *authenticatedForm(const HttpRequest &request,
                                           QHash<QString, QString> *form, HttpResponse *failure,
                                           bool allowPublic);
    // Client authentication at the token, introspection and revocation endpoints. Null and
    // *failure set when it failed.
    const SandboxClient *authenticate(const HttpRequest &request,
                                      const QHash<QString, QString> &form, HttpResponse *failure,
                                      bool allowPublic);

    HttpResponse page(int status, const QString &title, const QString &body) const;
    HttpResponse errorPage(int status, const QString &message) const;
    HttpResponse loginPage(const QString &interactionId, const QString &problem = {}) const;
    HttpResponse consentPage(const QString &interactionId) const;
    HttpResponse redirectResponse(const Interaction &interaction,
                                  const QList<QPair<QString, QString>> &parameters) const;
    HttpResponse redirectError(const Interaction &interaction, const QString &error,
                               const QString &description) const;

    QString newId(int bytes = 32);
    QString issueAccessToken(const QString &grantId, const QString &clientId, const QString &sub,
                             const QStringList &scopes);
    QString issueRefreshToken(const QString &grantId, const QString &clientId,
                              const QStringList &scopes);
    QByteArray idToken(const SandboxClient &client, const Grant &grant, const QString &nonce,
                       const QString &accessToken, const QString &code, const QString &state) const;
    QJsonObject userClaims(const QJsonObject &claims, const QStringList &scopes) const;
    void revokeGrant(const QString &grantId);
    const Token *activeToken(const QString &value) const;
    void purge();

    // Grants, client assertions, device and CIBA, token exchange (SandboxGrants.cpp);
    // registration, logout, sessions and authorization request options (SandboxEndpoints.cpp).
    bool handleExtension(const HttpRequest &request, HttpResponse *response);
    void extendMetadata(QJsonObject *metadata) const;
    QStringList extensionGrantTypes() const;
    HttpResponse extensionGrant(const SandboxClient &client, const QString &grantType,
                                const QHash<QString, QString> &form);
    HttpResponse tokenFromPassword(const SandboxClient &client,
                                   const QHash<QString, QString> &form);
    HttpResponse tokenFromDeferred(const SandboxClient &client, const QString &handle);
    HttpResponse tokenFromExchange(const SandboxClient &client,
                                   const QHash<QString, QString> &form);
    HttpResponse tokenFromJwtBearer(const SandboxClient &client,
                                    const QHash<QString, QString> &form);
    HttpResponse tokensForUser(const SandboxClient &client, const QString &sub,
                               const QJsonObject &claims, const QStringList &scopes,
                               const QDateTime &authTime, const QString &acr, bool refresh);
    // endpointPath: the endpoint called, whose URL is an audience too (as oidc-provider
    // accepts), besides the token endpoint and the issuer.
    const SandboxClient *authenticateAssertion(const QHash<QString, QString> &form,
                                               HttpResponse *failure, const QString &endpointPath);
    QStringList assertionAudiences() const;
    HttpResponse deviceAuthorization(const HttpRequest &request);
    HttpResponse devicePage(const HttpRequest &request);
    HttpResponse finishDevice(const Interaction &interaction, bool allow);
    HttpResponse backchannelAuthentication(const HttpRequest &request);
    HttpResponse backchannelPage(const HttpRequest &request);
    // The person's decision on a CIBA request; a ping request's notification goes to the
    // outbox. False when the request is unknown, decided or expired.
    bool decideCiba(const QString &handle, bool allow);
    HttpResponse registration(const HttpRequest &request);
    HttpResponse endSession(const HttpRequest &request);
    // After a valid authorization request: prompt, max_age, claims and acr_values, then the
    // login page, or the consent page for a signed-in session.
    HttpResponse continueAuthorization(const HttpRequest &request,
                                       const QHash<QString, QString> &form,
                                       const QString &interactionId);
    void startSession(const Interaction &interaction, HttpResponse *response);
    QString sessionOf(const HttpRequest &request) const;
    // The claims the "claims" parameter asks for in `member` ("id_token" or "userinfo").
    QJsonObject requestedClaims(const QJsonObject &userClaims, const QJsonObject &claimsRequest,
                                const QString &member) const;

    // DPoP, PAR, request objects, JARM and the break-it switches.
    HttpResponse pushedAuthorization(const HttpRequest &request);
    HttpResponse faultsEndpoint(const HttpRequest &request);
    HttpResponse tokenGrant(const HttpRequest &request);
    // The resource side of DPoP for a token presented with `scheme` ("bearer", "dpop"):
    // false, with the 401 in *failure, when the proof or its binding does not hold.
    bool checkResourceDpop(const HttpRequest &request, const Token &token, const QString &value,
                           bool dpopScheme, HttpResponse *failure);
    // request_uri (from PAR) or request (a request object) replaced by the parameters they
    // carry; false, with the error page in *refused, when they are not acceptable.
    bool resolveAuthorizationRequest(QHash<QString, QString> *form, HttpResponse *refused);
    QUrl endpointUrl(const QString &path) const;
    QByteArray faultyIdToken(const QJsonObject &claims, const QString &alg) const;

    const Clock &m_clock;
    RandomSource &m_random;
    const SandboxKeys &m_keys;
    SandboxDirectory m_directory;
    QString m_issuer;
    QHash<QString, Interaction> m_interactions;
    QHash<QString, Grant> m_grants;
    QHash<QString, Code> m_codes;
    QHash<QString, Token> m_tokens;
    SandboxClientAssertion m_assertions;
    SandboxDeferredGrants m_deferred;
    QList<Notification> m_notifications; // CIBA ping: due, not yet taken by the carrier
    QHash<QString, Session> m_sessions;
    SandboxFaults m_faults;
    SandboxDpop m_dpop;
    SandboxPar m_par;
    QString m_dpopJkt;                 // the token request's verified DPoP key, while it is handled
    Jose::JwsSigner::Key m_foreignKey; // mix_up: a key that is not in the JWKS
};

} // namespace Tokenscope::Sandbox
