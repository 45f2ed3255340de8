#pragma once

#include <QByteArray>
#include <QCoreApplication>
#include <QString>

namespace Tokenscope {
class RandomSource;
}

namespace Tokenscope::AuthCode {

// Proof Key for Code Exchange (RFC 7636).
class Pkce final
{
    Q_DECLARE_TR_FUNCTIONS(Tokenscope::AuthCode::Pkce)

public:
    enum class Method
    {
        S256,
        Plain,
        None
    };

    // A verifier of 43 characters from 32 random bytes (256 bits), base64url without
    // padding (RFC 7636 §4.1 and §7.1). Empty when the random source failed.
    static QByteArray generateVerifier(RandomSource &random, int randomBytes = 32);
    // The code_challenge for a verifier: BASE64URL(SHA256(verifier)) or the verifier.
    static QByteArray challenge(const QByteArray &verifier, Method method);
    // Empty when valid; otherwise why not (43–128 characters of [A-Za-z0-9-._~]).
    static QString verifierProblem(const QByteArray &verifier);

    static QString methodName(Method method); // "S256", "plain", "none"
    static bool parseMethod(const QString &name, Method *method);
};

} // namespace Tokenscope::AuthCode
