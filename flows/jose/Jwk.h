#pragma once

#include "EvpPkey.h"
#include "JoseError.h"
#include "common/Finding.h"

#include <QByteArray>
#include <QCoreApplication>
#include <QJsonObject>
#include <QString>
#include <QStringList>

#include <memory>

namespace Tokenscope::Jose {

// One JSON Web Key (RFC 7517) of type RSA, EC (P-256, P-384, P-521), OKP (Ed25519, Ed448,
// RFC 8037) or oct, read strictly: every member a key type requires must be present and
// canonical base64url, EC coordinates at the curve's full size. A value type.
class Jwk
{
    Q_DECLARE_TR_FUNCTIONS(Tokenscope::Jose::Jwk)

public:
    enum class KeyType
    {
        Unknown,
        Rsa,
        Ec,
        Okp,
        Oct,
    };

    // RSA moduli below this are rejected outright; below recommendedRsaBits they are used
    // with a warning. RFC 7518 §3.3 and §3.5 require 2048 bits; a debugger still wants to
    // show whether a legacy 1024-bit key verifies, but nothing shorter (factorable).
    static constexpr int minimumRsaBits = 1024;
    static constexpr int recommendedRsaBits = 2048;

    Jwk() = default;

    // Reads one JWK. On failure returns a null Jwk and says why in *error (when given).
    static Jwk fromJson(const QJsonObject &object, JoseError *error = nullptr);
    // The same from text, which must be one JSON object without repeated member names.
    static Jwk fromJson(const QByteArray &json, JoseError *error = nullptr);

    bool isNull() const { return m_type == KeyType::Unknown; }
    KeyType keyType() const { return m_type; }
    QString kty() const;
    QString kid() const { return m_kid; }
    bool hasKid() const { return m_hasKid; }
    QString use() const { return m_use; } // empty when absent
    QString alg() const { return m_alg; } // empty when absent
    QStringList keyOps() const { return m_keyOps; }
    bool hasKeyOps() const { return m_hasKeyOps; }
    QString curve() const { return m_curve; } // "P-256", "Ed25519", …; empty for RSA, oct
    QJsonObject json() const { return m_json; }

    // RFC 7638 thumbprint: SHA-256 over the required members, base64url.
    QString thumbprint() const { return m_thumbprint; }
    // True when the JWK carries private material ("d"); oct keys are secrets by nature.
    bool isPrivate() const { return m_hasPrivate || m_type == KeyType::Oct; }
    bool isSymmetric() const { return m_type == KeyType::Oct; }
    int rsaModulusBits() const { return m_rsaBits; }
    QByteArray secret() const { return m_k; } // oct only
    // Advice about a key that is usable but not as it should be (e.g. a short RSA modulus).
    Findings warnings() const { return m_warnings; }

    // The public key as an OpenSSL object: RSA and EC through OSSL_PARAM_BLD +
    // EVP_PKEY_fromdata (EC points checked to be on the curve), OKP as a raw public key.
    // Null, with *error filled, for oct keys or when OpenSSL refuses the key.
    // Built once, when the JWK is read, and shared by copies (EVP_PKEY is reference
    // counted and safe to verify with from several threads).
    EvpPkey publicKey(JoseError *error = nullptr) const;

private:
    KeyType m_type = KeyType::Unknown;
    QJsonObject m_json;
    QString m_kid;
    bool m_hasKid = false;
    QString m_use;
    QString m_alg;
    QStringList m_keyOps;
    bool m_hasKeyOps = false;
    QString m_curve;
    QString m_thumbprint;
    bool m_hasPrivate = false;
    int m_rsaBits = 0;
    QByteArray m_n, m_e, m_x, m_y, m_k;
    Findings m_warnings;
    std::shared_ptr<evp_pkey_st> m_publicKey; // null for oct keys and keys OpenSSL refused

    EvpPkey buildPublicKey(JoseError *error) const;
};

} // namespace Tokenscope::Jose
