#pragma once

// Keys generated with OpenSSL at run time, their public JWKs, and compact JWS signed with
// them: for the tests, the fuzz seeds and the JWT benchmark. Header-only; link OpenSSL::Crypto.

#include "jose/Base64Url.h"
#include "jose/EvpPkey.h"
#include "jose/OpenSslPtr.h"

#include <QByteArray>
#include <QList>
#include <QString>

#include <openssl/core_names.h>
#include <openssl/evp.h>
#include <openssl/hmac.h>

namespace TestKeys {

using Tokenscope::Jose::Base64Url;
using Tokenscope::Jose::EvpPkey;

// "rsa2048", "rsa1024", "p256", "p384", "ed25519".
inline EvpPkey generate(const QString &kind)
{
    EVP_PKEY *key = nullptr;
    if (kind == QLatin1String("rsa2048"))
        key = EVP_PKEY_Q_keygen(nullptr, nullptr, "RSA", std::size_t(2048));
    else if (kind == QLatin1String("rsa1024"))
        key = EVP_PKEY_Q_keygen(nullptr, nullptr, "RSA", std::size_t(1024));
    else if (kind == QLatin1String("p256"))
        key = EVP_EC_gen("P-256");
    else if (kind == QLatin1String("p384"))
        key = EVP_EC_gen("P-384");
    else if (kind == QLatin1String("ed25519"))
        key = EVP_PKEY_Q_keygen(nullptr, nullptr, "ED25519");
    if (!key)
        qFatal("cannot generate a %s key", qPrintable(kind));
    return EvpPkey(key);
}

inline QByteArray bignum(EVP_PKEY *pkey, const char *param, int padTo = 0)
{
    BIGNUM *raw = nullptr;
    if (EVP_PKEY_get_bn_param(pkey, param, &raw) != 1)
        qFatal("no parameter %s", param);
    const Tokenscope::Jose::OpenSsl::BignumPtr value(raw);
    QByteArray out(padTo ? padTo : BN_num_bytes(value.get()), '\0');
    BN_bn2binpad(value.get(), reinterpret_cast<unsigned char *>(out.data()), int(out.size()));
    return out;
}

inline int ecSize(EVP_PKEY *pkey)
{
    return (EVP_PKEY_get_bits(pkey) + 7) / 8;
}

// The public JWK; `extra` goes first, e.g. "\"kid\":\"a\",".
inline QByteArray publicJwk(EVP_PKEY *pkey, const QByteArray &extra = QByteArray())
{
    QByteArray members;
    if (EVP_PKEY_is_a(pkey, "RSA")) {
        members = "\"kty\":\"RSA\",\"n\":\"" +
                  Base64Url::encode(bignum(pkey, OSSL_PKEY_PARAM_RSA_N)) + "\",\"e\":\"" +
                  Base64Url::encode(bignum(pkey, OSSL_PKEY_PARAM_RSA_E)) + '"';
    } else if (EVP_PKEY_is_a(pkey, "EC")) {
        const int size = ecSize(pkey);
        const QByteArray curve = size == 32 ? "P-256" : size == 48 ? "P-384" : "P-521";
        members = "\"kty\":\"EC\",\"crv\":\"" + curve + "\",\"x\":\"" +
                  Base64Url::encode(bignum(pkey, OSSL_PKEY_PARAM_EC_PUB_X, size)) + "\",\"y\":\"" +
                  Base64Url::encode(bignum(pkey, OSSL_PKEY_PARAM_EC_PUB_Y, size)) + '"';
    } else {
        unsigned char raw[64];
        std::size_t size = sizeof raw;
        EVP_PKEY_get_raw_public_key(pkey, raw, &size);
        const QByteArray curve = EVP_PKEY_is_a(pkey, "ED25519") ? "Ed25519" : "Ed448";
        members = "\"kty\":\"OKP\",\"crv\":\"" + curve + "\",\"x\":\"" +
                  Base64Url::encode(QByteArray(reinterpret_cast<const char *>(raw), int(size))) +
                  '"';
    }
    return '{' + extra + members + '}';
}

inline QByteArray octJwk(const QByteArray &secret, const QByteArray &extra = QByteArray())
{
    return '{' + extra + "\"kty\":\"oct\",\"k\":\"" + Base64Url::encode(secret) + "\"}";
}

inline QByteArray jwks(const QList<QByteArray> &keys)
{
    QByteArray out = "{\"keys\":[";
    for (qsizetype i = 0; i < keys.size(); ++i)
        out += (i ? QByteArray(",") : QByteArray()) + keys.at(i);
    return out + "]}";
}

inline const EVP_MD *digestFor(const QByteArray &alg)
{
    if (alg.endsWith("384"))
        return EVP_sha384();
    if (alg.endsWith("512"))
        return EVP_sha512();
    if (alg.endsWith("256"))
        return EVP_sha256();
    return nullptr; // EdDSA
}

// Signs BASE64URL(header).BASE64URL(payload) with `alg` (RS*, ES*, EdDSA).
inline QByteArray sign(const QByteArray &alg, EVP_PKEY *pkey, const QByteArray &header,
                       const QByteArray &payload)
{
    using namespace Tokenscope::Jose::OpenSsl;
    const QByteArray input = Base64Url::encode(header) + '.' + Base64Url::encode(payload);
    MdCtxPtr context(EVP_MD_CTX_new());
    if (EVP_DigestSignInit(context.get(), nullptr, digestFor(alg), nullptr, pkey) != 1)
        qFatal("sign init failed");
    const auto *data = reinterpret_cast<const unsigned char *>(input.constData());
    std::size_t size = 0;
    EVP_DigestSign(context.get(), nullptr, &size, data, std::size_t(input.size()));
    QByteArray signature(int(size), '\0');
    if (EVP_DigestSign(context.get(), reinterpret_cast<unsigned char *>(signature.data()), &size,
                       data, std::size_t(input.size())) != 1)
        qFatal("sign failed");
    signature.resize(int(size));
    if (EVP_PKEY_is_a(pkey, "EC")) { // DER to R || S
        const int half = ecSize(pkey);
        const auto *in = reinterpret_cast<const unsigned char *>(signature.constData());
        const EcdsaSigPtr der(d2i_ECDSA_SIG(nullptr, &in, long(signature.size())));
        QByteArray raw(2 * half, '\0');
        auto *out = reinterpret_cast<unsigned char *>(raw.data());
        BN_bn2binpad(ECDSA_SIG_get0_r(der.get()), out, half);
        BN_bn2binpad(ECDSA_SIG_get0_s(der.get()), out + half, half);
        signature = raw;
    }
    return input + '.' + Base64Url::encode(signature);
}

inline QByteArray signHmac(const QByteArray &alg, const QByteArray &secret,
                           const QByteArray &header, const QByteArray &payload)
{
    const QByteArray input = Base64Url::encode(header) + '.' + Base64Url::encode(payload);
    unsigned char tag[EVP_MAX_MD_SIZE];
    unsigned int size = 0;
    HMAC(digestFor(alg), secret.constData(), int(secret.size()),
         reinterpret_cast<const unsigned char *>(input.constData()), std::size_t(input.size()), tag,
         &size);
    return input + '.' +
           Base64Url::encode(QByteArray(reinterpret_cast<const char *>(tag), int(size)));
}

} // namespace TestKeys
