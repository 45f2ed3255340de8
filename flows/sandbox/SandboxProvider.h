#pragma once

#include "HttpMessage.h"
#include "SandboxDirectory.h"

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

    const Clock &m_clock;
    RandomSource &m_random;
    const SandboxKeys &m_keys;
    SandboxDirectory m_directory;
    QString m_issuer;
    QHash<QString, Interaction> m_interactions;
    QHash<QString, Grant> m_grants;
    QHash<QString, Code> m_codes;
    QHash<QString, Token> m_tokens;
};

} // namespace Tokenscope::Sandbox
