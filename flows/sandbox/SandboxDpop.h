#pragma once

#include <QByteArray>
#include <QCoreApplication>
#include <QDateTime>
#include <QHash>
#include <QString>
#include <QStringList>
#include <QUrl>

namespace Tokenscope {
class Clock;
class RandomSource;
} // namespace Tokenscope

namespace Tokenscope::Sandbox {

// The sandbox's side of DPoP (RFC 9449): checks a proof the way §4.3 lists (typ dpop+jwt, an
// asymmetric alg, a public jwk in the header that verifies the signature, htm, htu, iat
// within a window of the injected clock, a jti not seen before, ath for the access token,
// the server nonce) and hands out nonces that rotate with the clock.
class SandboxDpop final
{
    Q_DECLARE_TR_FUNCTIONS(Tokenscope::Sandbox::SandboxDpop)

public:
    static constexpr qint64 iatWindow = 60;      // seconds either side of now
    static constexpr qint64 nonceLifetime = 300; // a nonce is current this long
    static constexpr int maxRememberedJtis = 100000;

    struct Result
    {
        bool ok = false;
        QString error; // invalid_dpop_proof or use_dpop_nonce
        QString description;
        QString jkt; // the proof key's RFC 7638 thumbprint
        bool isNonceError() const { return error == QLatin1String("use_dpop_nonce"); }
    };

    SandboxDpop(const Clock &clock, RandomSource &random);
    SandboxDpop(const SandboxDpop &) = delete;
    SandboxDpop &operator=(const SandboxDpop &) = delete;

    // Every proof must carry a current server nonce (the default), or none is asked for.
    void setNonceRequired(bool required) { m_nonceRequired = required; }
    bool nonceRequired() const { return m_nonceRequired; }

    // Checks the DPoP header value `proof` for a request of `method` to `target` (query and
    // fragment are ignored). With an access token, the proof must carry its ath. A proof
    // that passes has its jti remembered: the same proof is refused next time.
    Result verify(const QByteArray &proof, const QByteArray &method, const QUrl &target,
                  const QString &accessToken = QString());
    // The nonce to send in DPoP-Nonce: the current one, a new one once it is nonceLifetime
    // old. The one before it is still accepted.
    QByteArray nonce();

    static QStringList algorithms(); // the asymmetric JWS algorithms a proof may use
    static QString accessTokenHash(const QString &accessToken); // ath: base64url(SHA-256)

private:
    void rotateIfDue();

    const Clock &m_clock;
    RandomSource &m_random;
    bool m_nonceRequired = true;
    QByteArray m_nonce;
    QByteArray m_previousNonce;
    QDateTime m_nonceIssued;
    QHash<QString, QDateTime> m_jtis; // jti → when it may be forgotten
};

} // namespace Tokenscope::Sandbox
