#pragma once

#include <QString>
#include <QStringList>

namespace Tokenscope::Jose {

// The JWS "alg" values this code verifies (RFC 7518 §3, RFC 8037 §3.1, and the fully
// specified Ed25519 / Ed448 of RFC 9864), and what each needs from a key.
class JwsAlgorithm final
{
public:
    enum class Id
    {
        Unknown,
        None,
        HS256,
        HS384,
        HS512,
        RS256,
        RS384,
        RS512,
        PS256,
        PS384,
        PS512,
        ES256,
        ES384,
        ES512,
        EdDSA,   // either curve (RFC 8037)
        Ed25519, // RFC 9864
        Ed448,   // RFC 9864
    };
    enum class Family
    {
        Unknown,
        None,
        Hmac,
        RsaPkcs1,
        RsaPss,
        Ecdsa,
        EdDsa,
    };

    static Id fromName(const QString &name); // exact, case-sensitive; Unknown otherwise
    static QString name(Id id);
    static Family family(Id id);
    static int hashBits(Id id);            // 256, 384, 512; 0 for EdDSA and none
    static QString keyType(Id id);         // "oct", "RSA", "EC", "OKP"
    static QString ecCurve(Id id);         // "P-256" for ES256 …; empty otherwise
    static int ecCoordinateBytes(Id id);   // 32, 48, 66 for ES256/384/512; 0 otherwise
    static QStringList okpCurves(Id id);   // curves an EdDSA family alg accepts
    static const QStringList &supported(); // every verifiable name, "none" excluded
};

} // namespace Tokenscope::Jose
