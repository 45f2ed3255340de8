#pragma once

#include "JoseError.h"

#include <QByteArray>
#include <QCoreApplication>
#include <QJsonObject>
#include <QString>

#include <memory>

struct evp_pkey_st;

namespace Tokenscope::Jose {

// Builds compact JWS (RFC 7515 §7.1) for test tokens and client assertions: RS*, PS*
// (RFC 7518 §3.3, §3.5), ES* with the DER signature turned into R || S (§3.4), EdDSA /
// Ed25519 / Ed448 (RFC 8037, RFC 9864) over OpenSSL 3 EVP, and HS* with HMAC (§3.2).
// Only the signer mode of the desktop's token tools calls this; decoding and verifying never
// do, so a token being verified is never re-signed.
class JwsSigner final
{
    Q_DECLARE_TR_FUNCTIONS(Tokenscope::Jose::JwsSigner)

public:
    // A private key (RSA, EC P-256/384/521, Ed25519/Ed448) or an HMAC secret. A value type;
    // copies share the OpenSSL key.
    class Key
    {
    public:
        Key() = default;
        // A PEM private key (PKCS #8 or traditional). Null with *error on failure.
        static Key fromPem(const QByteArray &pem, QString *error = nullptr);
        // A private JWK (with "d"), or an "oct" JWK as an HMAC secret.
        static Key fromJwk(const QByteArray &json, QString *error = nullptr);
        static Key fromSecret(const QByteArray &secret);
        // A fresh key for this alg: RSA 2048 for RS*/PS*, the alg's curve for ES*, Ed25519
        // for EdDSA/Ed25519, Ed448 for Ed448, 64 random bytes for HS*.
        static Key generate(const QString &alg, QString *error = nullptr);

        bool isNull() const { return !m_pkey && m_secret.isEmpty(); }
        bool isSecret() const { return !m_secret.isEmpty(); }
        QByteArray secret() const { return m_secret; }
        // "RSA", "EC", "OKP", "oct"; empty when null.
        QString kty() const;
        // The public JWK (for asymmetric keys) or the oct JWK (for a secret), with kid, alg
        // and use=sig when given, to verify what was signed.
        QJsonObject verificationJwk(const QString &kid = QString(),
                                    const QString &alg = QString()) const;
        // The private key as PKCS #8 PEM (asymmetric keys only).
        QByteArray privatePem() const;
        // The algorithms this key can sign with.
        QStringList algorithms() const;
        evp_pkey_st *pkey() const { return m_pkey.get(); }

    private:
        std::shared_ptr<evp_pkey_st> m_pkey;
        QByteArray m_secret;
    };

    struct Result
    {
        QByteArray compact; // the JWS, when signed
        JoseError error;
        bool isError() const { return error.isError(); }
    };

    // Signs `payload` under the exact header bytes given (a JSON object with an "alg").
    static Result sign(const QByteArray &headerJson, const QByteArray &payload, const Key &key);
    // The same with the header serialised compactly.
    static Result sign(const QJsonObject &header, const QByteArray &payload, const Key &key);
};

} // namespace Tokenscope::Jose
