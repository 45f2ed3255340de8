#pragma once

#include "support/Discover.h"
#include "support/HttpStack.h"

namespace Tokenscope::Testing {

// The issuer of the provider the interop CTest fixture started; empty outside the fixture.
inline QString interopIssuer()
{
    return qEnvironmentVariable("TOKENSCOPE_INTEROP_ISSUER");
}

// The fixture's provider, discovered over a stack of its own. When it cannot be (outside
// the fixture, or discovery failed), error.message says why.
inline Discovery::DiscoveryResult discoverInteropProvider(const Clock &clock)
{
    const QString issuer = interopIssuer();
    if (issuer.isEmpty()) {
        Discovery::DiscoveryResult unset;
        unset.error.kind = Discovery::DiscoveryError::Kind::InvalidIssuer;
        unset.error.message =
            QStringLiteral("TOKENSCOPE_INTEROP_ISSUER is set by the CTest fixture");
        return unset;
    }
    HttpStack stack(clock);
    return discover(&stack.http, issuer);
}

} // namespace Tokenscope::Testing
