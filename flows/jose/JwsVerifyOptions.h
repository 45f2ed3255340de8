#pragma once

#include <QStringList>

namespace Tokenscope::Jose {

// What the caller allows when verifying a JWS.
struct JwsVerifyOptions
{
    enum class AlgorithmPolicy
    {
        Fail, // an algorithm outside allowedAlgorithms fails verification (AlgNotAllowed)
        Warn, // …or is verified anyway and reported as a warning finding
    };

    // e.g. the provider's id_token_signing_alg_values_supported; empty allows every
    // algorithm JwsAlgorithm::supported() lists. "none" is never accepted either way.
    QStringList allowedAlgorithms;
    AlgorithmPolicy disallowedAlgorithm = AlgorithmPolicy::Fail;
    // Extension header parameters the caller itself processes, so that "crit" may name
    // them (RFC 7515 §4.1.11). Empty by default: any "crit" extension is rejected.
    QStringList understoodCritical;
};

} // namespace Tokenscope::Jose
