#pragma once

#include "Exchange.h"

namespace Tokenscope::Http {

// What a flow asks the HttpClient to send. Headers given here are sent in this order
// after the client's own (Host, User-Agent, Accept, Accept-Encoding, Accept-Language,
// Connection); a header given here with the same name replaces the client's in place.
struct HttpRequest
{
    QByteArray method = QByteArrayLiteral("GET");
    QUrl url;
    HeaderList headers;
    QByteArray body;
    QString label;
    // Token, PAR, revocation and other protocol endpoints never follow redirects
    // silently; read-only metadata fetches may, and each hop is its own exchange.
    bool followRedirects = false;

    static HttpRequest get(const QUrl &url, const QString &label);
    static HttpRequest postForm(const QUrl &url, const QByteArray &formBody, const QString &label);
};

} // namespace Tokenscope::Http
