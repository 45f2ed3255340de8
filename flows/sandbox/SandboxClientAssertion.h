#pragma once

#include "SandboxDirectory.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QHash>
#include <QJsonObject>
#include <QStringList>

namespace Tokenscope {
class Clock;
} // namespace Tokenscope

namespace Tokenscope::Sandbox {

// Verifies JWTs a client signed: client authentication with client_secret_jwt (HMAC with
// the client secret) and private_key_jwt (the client's registered JWKS), OIDC Core §9 and
// RFC 7523 §3, and RFC 7523 §2.1 authorization grants. Each assertion needs iss, sub, aud
// (the token endpoint or the issuer), exp in the future and a jti that is used only once
// (remembered until the assertion expires).
class SandboxClientAssertion final
{
    Q_DECLARE_TR_FUNCTIONS(Tokenscope::Sandbox::SandboxClientAssertion)

public:
    static constexpr qint64 leeway = 30;        // seconds of clock skew for iat and nbf
    static constexpr qint64 maxLifetime = 3600; // exp may be at most this far ahead
    static constexpr int maxRememberedJti = 10000;

    enum class Purpose
    {
        ClientAuthentication, // iss = sub = client_id
        AuthorizationGrant,   // iss = client_id, sub = the resource owner
    };
    struct Result
    {
        bool ok = false;
        QString description; // why not, ASCII
        QJsonObject claims;
    };

    explicit SandboxClientAssertion(const Clock &clock);
    SandboxClientAssertion(const SandboxClientAssertion &) = delete;
    SandboxClientAssertion &operator=(const SandboxClientAssertion &) = delete;

    // `audiences`: the values aud may name (one is enough).
    Result verify(const QByteArray &assertion, const SandboxClient &client,
                  const QStringList &audiences, Purpose purpose);
    // The client_id an assertion names in iss (unverified), to find the client.
    static QString issuerOf(const QByteArray &assertion);
    // A NumericDate claim as whole seconds; false when absent, not a number or out of any
    // sensible range (no undefined conversion of huge doubles).
    static bool numericDate(const QJsonValue &value, qint64 *seconds);

private:
    const Clock &m_clock;
    QHash<QString, QDateTime> m_usedJti; // client id + ' ' + jti → exp
    void purge();
};

} // namespace Tokenscope::Sandbox
