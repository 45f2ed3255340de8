#pragma once

#include "JwkSet.h"
#include "JwsToken.h"
#include "JwsVerifyOptions.h"
#include "JwsVerifyResult.h"

#include <QCoreApplication>

namespace Tokenscope::Jose {

// Verifies one JWS signature against a key set, trusting nothing in the token:
// - "alg": "none" is AlgNone; an algorithm outside the allowed list fails or warns as the
//   caller chooses; "crit" must be a non-empty list of present, understood extensions;
// - keys named in the header (jwk, jku, x5u, x5c) are never fetched nor used: a warning;
// - an HMAC algorithm where only asymmetric keys apply is KeyConfusion;
// - a "kid" in the header binds: only keys with that kid are tried, and when the set has
//   none, the result is UnknownKid so that the caller can re-fetch the set once;
// - then keys are filtered by kty/crv, "use" (sig or absent), "key_ops" (verify when
//   present) and the key's own "alg" (equal when present), and tried in order.
// Signatures use OpenSSL 3 EVP; HMAC tags are compared in constant time (CRYPTO_memcmp).
class JwsVerifier final
{
    Q_DECLARE_TR_FUNCTIONS(Tokenscope::Jose::JwsVerifier)

public:
    static JwsVerifyResult verify(const JwsToken &token, const JwkSet &keys,
                                  const JwsVerifyOptions &options = {});
};

} // namespace Tokenscope::Jose
