#pragma once

#include "JoseError.h"
#include "JwsLimits.h"
#include "common/Finding.h"

#include <QByteArray>
#include <QCoreApplication>
#include <QJsonObject>

namespace Tokenscope::Jose {

// Compact JWE (RFC 7516 §7.1) parsed strictly here, decrypted with Debian's libjose
// (latchset) when Tokenscope was built with it (isAvailable()). Only the algorithms of
// RFC 7518 §4 and §5 are accepted (RSA-OAEP, RSA-OAEP-256, RSA1_5 with a warning, AES key
// wrap, AES-GCM key wrap, ECDH-ES, PBES2 with a bounded iteration count, dir; A*CBC-HS* and
// A*GCM), never compression ("zip", RFC 8725 §3.6) nor an unknown "crit", so that hostile
// tokens are refused before any key is touched.
class JweDecryptor final
{
    Q_DECLARE_TR_FUNCTIONS(Tokenscope::Jose::JweDecryptor)

public:
    static constexpr qint64 maximumPbes2Count = 100'000; // p2c above this is refused

    struct Result
    {
        QJsonObject header;   // the protected header, when it parsed
        QByteArray plaintext; // when decrypted (a nested JWT when header "cty" is "JWT")
        JoseError error;      // JweNotSupported without libjose; DecryptionFailed, …
        Findings findings;    // warnings: RSA1_5, a low PBES2 count
        bool isError() const { return error.isError(); }
    };

    static bool isAvailable();
    // `keys` is one private JWK or a JWK Set (JSON); each key that fits is tried.
    static Result decrypt(const QByteArray &compact, const QByteArray &keys,
                          const JwsLimits &limits = {});
};

} // namespace Tokenscope::Jose
