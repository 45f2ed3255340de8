#pragma once

#include <QByteArray>
#include <QList>
#include <QString>
#include <QUrl>

namespace Tokenscope::Http {

enum class ProxyMode
{
    System, // the platform's settings (environment variables on Linux)
    None,
    Manual, // proxyUrl, http:// or socks5://
};

struct HttpOptions
{
    static constexpr int DefaultTimeoutMs = 30'000;
    static constexpr qint64 DefaultMaxBodyBytes = qint64(4) * 1024 * 1024;
    static constexpr int DefaultMaxRedirects = 5;

    int timeoutMs = DefaultTimeoutMs;          // whole request, per hop
    qint64 maxBodyBytes = DefaultMaxBodyBytes; // protocol responses, after decompression
    int maxRedirects = DefaultMaxRedirects;
    ProxyMode proxyMode = ProxyMode::System;
    QUrl proxyUrl;
    // PEM file of extra trusted CA certificates, added to the system ones.
    QString caFile;
    // SHA-256 fingerprints (hex, any case, colons optional) of server certificates the
    // user chose to trust once despite verification errors. Nothing else is bypassed.
    QList<QByteArray> trustedCertificateSha256;
    QByteArray acceptLanguage = QByteArrayLiteral("en");
    QByteArray userAgent; // empty: "Tokenscope/<version>"
};

} // namespace Tokenscope::Http
