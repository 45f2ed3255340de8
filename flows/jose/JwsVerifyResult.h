#pragma once

#include "JoseError.h"
#include "Jwk.h"
#include "common/Finding.h"

#include <QString>

namespace Tokenscope::Jose {

// The outcome of JwsVerifier::verify: verified or not, the named reason when not, the key
// that verified (kid, kty, thumbprint) and the findings along the way (warnings about
// ignored header keys, weak keys, algorithms outside the allowed list, …).
struct JwsVerifyResult
{
    enum class Status
    {
        Verified,
        Failed,
    };

    Status status = Status::Failed;
    JoseError error; // None when verified
    QString alg;
    Jwk key;           // the key that verified; null otherwise
    int keysTried = 0; // candidate keys whose signature check ran
    Findings findings;

    bool isVerified() const { return status == Status::Verified; }
    static QString statusName(Status status); // "verified", "failed"
};

} // namespace Tokenscope::Jose
