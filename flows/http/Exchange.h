#pragma once

#include <QByteArray>
#include <QDateTime>
#include <QList>
#include <QMetaType>
#include <QPair>
#include <QString>
#include <QStringList>
#include <QUrl>

namespace Tokenscope::Http {

// Header fields in the order they were sent or received. Names keep their case.
using HeaderList = QList<QPair<QByteArray, QByteArray>>;

// Case-insensitive lookups over a HeaderList.
QByteArray headerValue(const HeaderList &headers, const QByteArray &name);
bool hasHeader(const HeaderList &headers, const QByteArray &name);

struct CertificateSummary
{
    QString subject;
    QString issuer;
    QStringList subjectAltNames;
    QDateTime notBefore;
    QDateTime notAfter;
    QString serialNumber;
    QString sha256Fingerprint; // hex, colon separated
    bool selfSigned = false;
};

struct TlsInfo
{
    QString protocol; // "TLS 1.3"
    QString cipher;   // "TLS_AES_256_GCM_SHA384"
    QList<CertificateSummary> peerChain;
    QStringList errors;             // verification errors, translated
    bool trustedByOverride = false; // accepted through "trust this certificate once"
    QString caFile;                 // extra CA file that was in force, if any

    bool isEmpty() const { return protocol.isEmpty() && peerChain.isEmpty() && errors.isEmpty(); }
};

// Why an exchange did not complete. Each kind is named in the UI, the CLI's JSON
// ("kind") and the exit code; the partial exchange is always kept.
enum class TransportErrorKind
{
    None,
    InvalidUrl,
    Cancelled,
    Timeout,
    ConnectionRefused,
    HostNotFound,
    Tls,
    BodyTooLarge,
    Decompression,
    TooManyRedirects,
    InsecureRedirect,
    Proxy,
    Network,
};

QString transportErrorKindName(TransportErrorKind kind); // stable, for JSON: "timeout", "tls", …

struct TransportError
{
    TransportErrorKind kind = TransportErrorKind::None;
    QString message; // translated, one line

    bool isError() const { return kind != TransportErrorKind::None; }
};

// One HTTP request and its response, recorded as sent and received. Nothing is masked
// here: masking is applied when an exchange is rendered or exported (see Redactor).
struct Exchange
{
    quint64 id = 0;
    QString label; // what the request was for, e.g. "OpenID Connect discovery"
    int hop = 0;   // 0 for the first request, n for the n-th redirect followed
    quint64 previousHopId = 0;

    // Request, as sent.
    QByteArray method;
    QUrl url;
    HeaderList requestHeaders;
    QByteArray requestBody;
    // The proxy the request went through ("http://host:port", "socks5://host:port"), or
    // empty. Through an HTTP proxy a plain-http request line carries the absolute URL.
    QString proxy;

    // Response, as received. The body is decompressed; contentEncoding says from what.
    bool hasResponse = false;
    int statusCode = 0;
    QByteArray reasonPhrase;
    QByteArray httpVersion = QByteArrayLiteral("HTTP/1.1");
    HeaderList responseHeaders;
    QByteArray responseBody;
    QByteArray contentEncoding; // "gzip", "deflate" or empty
    qint64 wireBodyBytes = 0;   // bytes of body received before decompression
    bool truncated = false;     // body cut at the size cap

    // Timing.
    QDateTime started; // UTC
    qint64 durationUs = -1;
    qint64 timeToHeadersUs = -1; // until the status line and headers had arrived

    TlsInfo tls;
    TransportError error;

    bool isFinished() const { return durationUs >= 0; }
    bool isHttps() const { return url.scheme() == QLatin1String("https"); }
    bool isRedirect() const;
    QUrl redirectTarget() const; // Location resolved against url; empty when none
    QByteArray requestHeader(const QByteArray &name) const;
    QByteArray responseHeader(const QByteArray &name) const;
    QByteArray mediaType() const; // response Content-Type without parameters, lower case
    bool responseIsJson() const;
    bool responseIsHtml() const;
    double durationMs() const { return durationUs < 0 ? -1.0 : double(durationUs) / 1000.0; }

    // The request line ("GET /path?q HTTP/1.1") and the raw texts as they went over
    // the wire (HTTP/1.1 framing; the response body decompressed).
    QByteArray requestTarget() const;
    QByteArray requestLine() const;
    QByteArray statusLine() const;
    QByteArray rawRequest() const;
    QByteArray rawResponse() const;
};

} // namespace Tokenscope::Http

Q_DECLARE_METATYPE(Tokenscope::Http::Exchange)
