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

// The identity provider whose assertions the interop provider's JWT bearer and SAML 2.0
// bearer grants trust (client tokenscope-assertion), and its test key: the public half is
// in provider.mjs.
inline QString interopAssertionIssuer()
{
    return QStringLiteral("https://idp.tokenscope.test");
}

inline QByteArray interopAssertionIssuerKey()
{
    return QByteArrayLiteral("-----BEGIN PRIVATE KEY-----\n"
                             "MIGHAgEAMBMGByqGSM49AgEGCCqGSM49AwEHBG0wawIBAQQgeiXK3ywrrkSed1N+\n"
                             "XQy97e3HB6voPn86V566j3L9bZ6hRANCAAS/EbnV8Ue6LM4ThOqIdDf4yGRJeokT\n"
                             "ZCnJDpN08cRFD8wfOQdhNtqPz5LDATElljUoXLqNgXOiCEyg9knSKSoD\n"
                             "-----END PRIVATE KEY-----\n");
}

} // namespace Tokenscope::Testing
