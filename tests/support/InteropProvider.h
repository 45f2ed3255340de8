#pragma once

#include "support/Discover.h"
#include "support/HttpStack.h"

#include <QDateTime>

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

// A SAML 2.0 assertion (XML, unsigned) from that identity provider for `subject`, with the
// token endpoint as audience and recipient and a bearer confirmation until notOnOrAfter:
// what the interop provider's SAML 2.0 bearer grant accepts while it has not expired.
inline QString interopSamlAssertion(const QString &tokenEndpoint, const QDateTime &notOnOrAfter,
                                    const QString &subject = QStringLiteral("dave"))
{
    return QStringLiteral(
               "<saml:Assertion xmlns:saml=\"urn:oasis:names:tc:SAML:2.0:assertion\" "
               "ID=\"_a1\" Version=\"2.0\" IssueInstant=\"%1\">"
               "<saml:Issuer>%2</saml:Issuer>"
               "<saml:Subject><saml:NameID>%5</saml:NameID>"
               "<saml:SubjectConfirmation Method=\"urn:oasis:names:tc:SAML:2.0:cm:bearer\">"
               "<saml:SubjectConfirmationData NotOnOrAfter=\"%3\" Recipient=\"%4\"/>"
               "</saml:SubjectConfirmation></saml:Subject>"
               "<saml:Conditions><saml:AudienceRestriction><saml:Audience>%4</saml:Audience>"
               "</saml:AudienceRestriction></saml:Conditions></saml:Assertion>")
        .arg(QDateTime::currentDateTimeUtc().toString(Qt::ISODate), interopAssertionIssuer(),
             notOnOrAfter.toString(Qt::ISODate), tokenEndpoint, subject.toHtmlEscaped());
}

} // namespace Tokenscope::Testing
