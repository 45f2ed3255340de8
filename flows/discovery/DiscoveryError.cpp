#include "DiscoveryError.h"

namespace Tokenscope::Discovery {

QString DiscoveryError::kindName(Kind kind)
{
    switch (kind) {
    case Kind::None:
        return QStringLiteral("none");
    case Kind::InvalidIssuer:
        return QStringLiteral("invalid_issuer");
    case Kind::Transport:
        return QStringLiteral("transport");
    case Kind::HttpStatus:
        return QStringLiteral("http_status");
    case Kind::HtmlPage:
        return QStringLiteral("html_page");
    case Kind::NotJson:
        return QStringLiteral("not_json");
    case Kind::MalformedJson:
        return QStringLiteral("malformed_json");
    case Kind::NotAnObject:
        return QStringLiteral("not_an_object");
    case Kind::IssuerMismatch:
        return QStringLiteral("issuer_mismatch");
    case Kind::Cancelled:
        return QStringLiteral("cancelled");
    }
    return QStringLiteral("none");
}

int DiscoveryError::weight() const
{
    switch (kind) {
    case Kind::None:
        return 0;
    case Kind::HttpStatus:
        return httpStatus == 404 ? 1 : 2;
    case Kind::HtmlPage:
    case Kind::NotJson:
        return 3;
    case Kind::MalformedJson:
    case Kind::NotAnObject:
        return 4;
    default:
        return 5;
    }
}

} // namespace Tokenscope::Discovery
