#pragma once

#include "http/Exchange.h"

#include <QString>

namespace Tokenscope::Discovery {

// Why discovery did not produce metadata. Keeps the detail a user needs: the transport
// error, the HTTP status, the JSON position, the OAuth error fields, expected vs actual.
struct DiscoveryError
{
    enum class Kind
    {
        None,
        InvalidIssuer,  // what the user typed is not an issuer URL
        Transport,      // see transportKind
        HttpStatus,     // every candidate answered with an HTTP error status
        HtmlPage,       // an HTML page where JSON was expected
        NotJson,        // another media type, or unparseable text
        MalformedJson,  // JSON with a syntax error at line/column
        NotAnObject,    // valid JSON, but not an object
        IssuerMismatch, // "issuer" differs from the requested issuer
        Cancelled,
    };

    Kind kind = Kind::None;
    QString message; // translated, one line
    Http::TransportErrorKind transportKind = Http::TransportErrorKind::None;
    int httpStatus = 0;
    int line = 0;
    int column = 0;
    QString expected;
    QString actual;
    // When the body was an OAuth error (RFC 6749 §5.2 fields).
    QString error;
    QString errorDescription;
    QString errorUri;

    bool isError() const { return kind != Kind::None; }
    static QString kindName(Kind kind); // stable, for JSON
    // How strongly this error explains a failed discovery; the strongest is reported.
    int weight() const;
};

} // namespace Tokenscope::Discovery
