#pragma once

#include <QByteArray>
#include <QCoreApplication>
#include <QJsonObject>
#include <QString>

namespace Tokenscope {
class Clock;
class RandomSource;
} // namespace Tokenscope

namespace Tokenscope::ClientAuth {

// A signed JWT for the JWT bearer grant (RFC 7523 §2.1) and for client_secret_jwt /
// private_key_jwt (RFC 7523 §2.2, OIDC Core §9): iss, sub, aud, jti, iat, exp, signed with a
// PEM or JWK private key or an HMAC secret. Pure but for the clock and the random jti.
class JwtAssertion final
{
    Q_DECLARE_TR_FUNCTIONS(Tokenscope::ClientAuth::JwtAssertion)

public:
    struct Spec
    {
        QByteArray key; // a PEM private key, a private JWK, or (isSecret) an HMAC secret
        bool isSecret = false;
        QString alg; // empty: the key's first algorithm (HS256 for a secret)
        QString kid; // empty: none (a JWK's own kid when it has one)
        QString issuer;
        QString subject;
        QString audience;
        qint64 lifetimeSeconds = 300; // exp = iat + this
        QJsonObject extraClaims;      // added last, may override
    };
    struct Result
    {
        QByteArray compact;
        QJsonObject header;
        QJsonObject claims;
        QString error; // translated, when it could not be built
        bool isError() const { return !error.isEmpty(); }
    };

    static Result build(const Spec &spec, const Clock &clock, RandomSource &random);
};

} // namespace Tokenscope::ClientAuth
