#include "Exchange.h"

#include <QCoreApplication>

namespace Tokenscope::Http {

QByteArray headerValue(const HeaderList &headers, const QByteArray &name)
{
    for (const auto &[key, value] : headers) {
        if (key.compare(name, Qt::CaseInsensitive) == 0)
            return value;
    }
    return {};
}

bool hasHeader(const HeaderList &headers, const QByteArray &name)
{
    return std::any_of(headers.cbegin(), headers.cend(), [&name](const auto &field) {
        return field.first.compare(name, Qt::CaseInsensitive) == 0;
    });
}

QString transportErrorKindName(TransportErrorKind kind)
{
    switch (kind) {
    case TransportErrorKind::None:
        return QStringLiteral("none");
    case TransportErrorKind::InvalidUrl:
        return QStringLiteral("invalid_url");
    case TransportErrorKind::Cancelled:
        return QStringLiteral("cancelled");
    case TransportErrorKind::Timeout:
        return QStringLiteral("timeout");
    case TransportErrorKind::ConnectionRefused:
        return QStringLiteral("connection_refused");
    case TransportErrorKind::HostNotFound:
        return QStringLiteral("host_not_found");
    case TransportErrorKind::Tls:
        return QStringLiteral("tls");
    case TransportErrorKind::BodyTooLarge:
        return QStringLiteral("body_too_large");
    case TransportErrorKind::Decompression:
        return QStringLiteral("decompression");
    case TransportErrorKind::TooManyRedirects:
        return QStringLiteral("too_many_redirects");
    case TransportErrorKind::InsecureRedirect:
        return QStringLiteral("insecure_redirect");
    case TransportErrorKind::Proxy:
        return QStringLiteral("proxy");
    case TransportErrorKind::Network:
        return QStringLiteral("network");
    }
    return QStringLiteral("network");
}

bool Exchange::isRedirect() const
{
    return hasResponse && statusCode >= 300 && statusCode < 400 && statusCode != 304 &&
           hasHeader(responseHeaders, QByteArrayLiteral("Location"));
}

QUrl Exchange::redirectTarget() const
{
    if (!isRedirect())
        return {};
    const QByteArray location = responseHeader(QByteArrayLiteral("Location"));
    return url.resolved(QUrl::fromEncoded(location.trimmed()));
}

QByteArray Exchange::requestHeader(const QByteArray &name) const
{
    return headerValue(requestHeaders, name);
}

QByteArray Exchange::responseHeader(const QByteArray &name) const
{
    return headerValue(responseHeaders, name);
}

QByteArray Exchange::mediaType() const
{
    QByteArray type = responseHeader(QByteArrayLiteral("Content-Type"));
    const qsizetype semicolon = type.indexOf(';');
    if (semicolon >= 0)
        type.truncate(semicolon);
    return type.trimmed().toLower();
}

bool Exchange::responseIsJson() const
{
    const QByteArray type = mediaType();
    return type == "application/json" || type.endsWith("+json");
}

bool Exchange::responseIsHtml() const
{
    const QByteArray type = mediaType();
    if (type == "text/html" || type == "application/xhtml+xml")
        return true;
    if (!type.isEmpty())
        return false;
    const QByteArray start = responseBody.left(256).trimmed().toLower();
    return start.startsWith("<!doctype html") || start.startsWith("<html");
}

QByteArray Exchange::requestTarget() const
{
    if (proxy.startsWith(QLatin1String("http://")) && url.scheme() == QLatin1String("http"))
        return url.toEncoded(QUrl::RemoveFragment | QUrl::RemoveUserInfo); // absolute-form
    QByteArray target = url.path(QUrl::FullyEncoded).toLatin1();
    if (target.isEmpty())
        target = QByteArrayLiteral("/");
    if (url.hasQuery())
        target += '?' + url.query(QUrl::FullyEncoded).toLatin1();
    return target;
}

QByteArray Exchange::requestLine() const
{
    return method + ' ' + requestTarget() + ' ' + QByteArrayLiteral("HTTP/1.1");
}

QByteArray Exchange::statusLine() const
{
    if (!hasResponse)
        return {};
    QByteArray line = httpVersion + ' ' + QByteArray::number(statusCode);
    if (!reasonPhrase.isEmpty())
        line += ' ' + reasonPhrase;
    return line;
}

static QByteArray joinHeaders(const HeaderList &headers)
{
    QByteArray text;
    for (const auto &[name, value] : headers)
        text += name + QByteArrayLiteral(": ") + value + QByteArrayLiteral("\r\n");
    return text;
}

QByteArray Exchange::rawRequest() const
{
    return requestLine() + QByteArrayLiteral("\r\n") + joinHeaders(requestHeaders) +
           QByteArrayLiteral("\r\n") + requestBody;
}

QByteArray Exchange::rawResponse() const
{
    if (!hasResponse)
        return {};
    return statusLine() + QByteArrayLiteral("\r\n") + joinHeaders(responseHeaders) +
           QByteArrayLiteral("\r\n") + responseBody;
}

} // namespace Tokenscope::Http
