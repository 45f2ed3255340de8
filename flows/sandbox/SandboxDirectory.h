#pragma once

#include <QCoreApplication>
#include <QJsonObject>
#include <QList>
#include <QString>
#include <QStringList>
#include <QUrl>

namespace Tokenscope::Sandbox {

struct SandboxClient
{
    QString id;
    QByteArray secret; // empty for a public client
    // client_secret_basic, client_secret_post, client_secret_jwt, private_key_jwt, none
    QString authMethod;
    QList<QUrl> redirectUris;
    QList<QUrl> postLogoutRedirectUris; // RP-initiated logout; loopback: any port
    // authorization_code, refresh_token, client_credentials, implicit, password, and the
    // device_code, CIBA, token exchange and JWT bearer grant type URNs.
    QStringList grantTypes;
    QStringList responseTypes; // normalized: words sorted, e.g. "code id_token"
    QString idTokenAlg = QStringLiteral("RS256");
    // RFC 9126 §6: authorization requests only through the PAR endpoint.
    bool requirePushedAuthorizationRequests = false;
    // Accept request objects with alg "none" (OIDC Core §6.1): off unless a client says so.
    bool allowUnsignedRequestObject = false;
    // The client's public keys (a JWK Set) for private_key_jwt and RFC 7523 assertions.
    QJsonObject jwks;
    // The matching private key as PKCS #8 PEM. Only a sandbox ships a client's private key:
    // it is there so that people and scripts can sign assertions for this client.
    QByteArray privateKeyPem;
    QString clientName;
    // CIBA (CIBA Core §4): "poll", or "ping" with the client notification endpoint that
    // the sandbox POSTs {"auth_req_id"} to once the user decided (§10.2).
    QString backchannelTokenDeliveryMode = QStringLiteral("poll");
    QUrl backchannelClientNotificationEndpoint;
    bool isCibaPing() const { return backchannelTokenDeliveryMode == QLatin1String("ping"); }
    // Dynamic registration (RFC 7591/7592): set for clients registered at run time.
    QByteArray registrationAccessToken;
    qint64 issuedAt = 0;
    bool isPublic() const { return authMethod == QLatin1String("none"); }
    bool isDynamic() const { return !registrationAccessToken.isEmpty(); }
};

struct SandboxUser
{
    QString sub;
    QJsonObject claims; // OIDC standard claims, sub excluded
    QString displayName() const;
};

// The preconfigured clients and test users.
class SandboxDirectory final
{
public:
    SandboxDirectory(); // the defaults
    const QList<SandboxClient> &clients() const { return m_clients; }
    const QList<SandboxUser> &users() const { return m_users; }
    const SandboxClient *client(const QString &id) const;
    // A test user by sub or by name; an unknown but acceptable name (1–64 characters)
    // becomes an ad-hoc user whose sub and name are that name.
    SandboxUser user(const QString &login, bool *ok) const;
    // The resource owner password grant: only the listed test users, each with the
    // password SandboxDirectory::testPassword ("sandbox").
    bool checkPassword(const QString &username, const QString &password, SandboxUser *user) const;
    static QString testPassword();

    // Dynamic registration. add() replaces a client with the same id.
    void add(const SandboxClient &client);
    bool remove(const QString &id);
    // Grant type URNs.
    static QString deviceCodeGrant();
    static QString cibaGrant();
    static QString tokenExchangeGrant();
    static QString jwtBearerGrant();
    // Normalizes a response_type value: words sorted, each known; empty when invalid.
    static QString normalizeResponseType(const QString &value);

private:
    QList<SandboxClient> m_clients;
    QList<SandboxUser> m_users;
};

} // namespace Tokenscope::Sandbox
