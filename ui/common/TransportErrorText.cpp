#include "TransportErrorText.h"

using Tokenscope::Http::TransportErrorKind;

QString TransportErrorText::name(TransportErrorKind kind)
{
    switch (kind) {
    case TransportErrorKind::None:
        return {};
    case TransportErrorKind::InvalidUrl:
        return tr("Invalid URL");
    case TransportErrorKind::Cancelled:
        return tr("Cancelled");
    case TransportErrorKind::Timeout:
        return tr("Timeout");
    case TransportErrorKind::ConnectionRefused:
        return tr("Connection refused");
    case TransportErrorKind::HostNotFound:
        return tr("Host not found");
    case TransportErrorKind::Tls:
        return tr("TLS error");
    case TransportErrorKind::BodyTooLarge:
        return tr("Body too large");
    case TransportErrorKind::Decompression:
        return tr("Decompression failed");
    case TransportErrorKind::TooManyRedirects:
        return tr("Too many redirects");
    case TransportErrorKind::InsecureRedirect:
        return tr("Insecure redirect");
    case TransportErrorKind::Proxy:
        return tr("Proxy error");
    case TransportErrorKind::Network:
        return tr("Network error");
    }
    return tr("Network error");
}
