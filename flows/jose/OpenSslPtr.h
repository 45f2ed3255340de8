#pragma once

// Internal to flows/jose: owning handles for the OpenSSL objects the .cpp files use, so
// that every early return frees what was allocated, and the small conversions they share.

#include "JwsAlgorithm.h"

#include <QByteArray>
#include <QString>

#include <openssl/bn.h>
#include <openssl/ec.h>
#include <openssl/evp.h>
#include <openssl/param_build.h>

#include <memory>

namespace Tokenscope::Jose::OpenSsl {

template<auto Free>
struct Deleter
{
    template<typename T>
    void operator()(T *pointer) const
    {
        Free(pointer);
    }
};

using BignumPtr = std::unique_ptr<BIGNUM, Deleter<BN_free>>;
using ParamBldPtr = std::unique_ptr<OSSL_PARAM_BLD, Deleter<OSSL_PARAM_BLD_free>>;
using ParamPtr = std::unique_ptr<OSSL_PARAM, Deleter<OSSL_PARAM_free>>;
using PkeyCtxPtr = std::unique_ptr<EVP_PKEY_CTX, Deleter<EVP_PKEY_CTX_free>>;
using MdCtxPtr = std::unique_ptr<EVP_MD_CTX, Deleter<EVP_MD_CTX_free>>;
using EcdsaSigPtr = std::unique_ptr<ECDSA_SIG, Deleter<ECDSA_SIG_free>>;

// The digest of a JWS algorithm's hash size (SHA-256/384/512); null for EdDSA and none.
inline const EVP_MD *digest(JwsAlgorithm::Id id)
{
    switch (JwsAlgorithm::hashBits(id)) {
    case 256:
        return EVP_sha256();
    case 384:
        return EVP_sha384();
    case 512:
        return EVP_sha512();
    default:
        return nullptr;
    }
}

inline const unsigned char *bytes(const QByteArray &data)
{
    return reinterpret_cast<const unsigned char *>(data.constData());
}

// The size of one coordinate (and of R or S in a JWS signature) on a JOSE curve; 0 if unknown.
inline int ecCoordinateBytes(const QString &curve)
{
    if (curve == QLatin1String("P-256"))
        return 32;
    if (curve == QLatin1String("P-384"))
        return 48;
    if (curve == QLatin1String("P-521"))
        return 66;
    return 0;
}

} // namespace Tokenscope::Jose::OpenSsl
