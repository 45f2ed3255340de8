#pragma once

#include <QtGlobal>

namespace Tokenscope::Jose {

// Bounds that make hostile input cheap to reject before any JSON parsing or crypto.
struct JwsLimits
{
    qsizetype maxTokenBytes = 1024 * 1024; // whole compact token or JSON document: 1 MiB
    int maxJsonSignatures = 16;            // signatures in a general JWS JSON serialization
};

} // namespace Tokenscope::Jose
