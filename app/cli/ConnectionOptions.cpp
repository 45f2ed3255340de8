#include "ConnectionOptions.h"

#include <QCommandLineParser>
#include <QFileInfo>

namespace Tokenscope::Cli {

ConnectionOptions::ConnectionOptions()
    : m_timeout(QStringLiteral("timeout"),
                tr("Seconds to wait for each response (default %1).")
                    .arg(Http::HttpOptions::DefaultTimeoutMs / 1000),
                tr("seconds"))
    , m_maxBody(QStringLiteral("max-body"),
                tr("Largest response body kept, in bytes (default %1).")
                    .arg(Http::HttpOptions::DefaultMaxBodyBytes),
                tr("bytes"))
    , m_caFile(QStringLiteral("ca-file"),
               tr("PEM file of CA certificates to trust in addition to the system's."), tr("file"))
    , m_trustCert(QStringLiteral("trust-cert"),
                  tr("Trust the server certificate with this SHA-256 fingerprint for this run, "
                     "despite verification errors. Repeatable."),
                  tr("sha256"))
    , m_proxy(QStringLiteral("proxy"),
              tr("Proxy: 'system' (default), 'none', or a URL such as http://host:3128."),
              tr("proxy"))
    , m_showSecrets(QStringLiteral("show-secrets"),
                    tr("Print secrets (tokens, codes, client secrets) instead of masking them."))
    , m_compact(QStringLiteral("compact"), tr("Print the JSON document on one line."))
{}

void ConnectionOptions::addTo(QCommandLineParser &parser) const
{
    parser.addOptions(
        {m_timeout, m_maxBody, m_caFile, m_trustCert, m_proxy, m_showSecrets, m_compact});
}

bool ConnectionOptions::showSecrets(const QCommandLineParser &parser) const
{
    return parser.isSet(m_showSecrets);
}

bool ConnectionOptions::compact(const QCommandLineParser &parser) const
{
    return parser.isSet(m_compact);
}

QString ConnectionOptions::read(const QCommandLineParser &parser, Http::HttpOptions *options) const
{
    if (parser.isSet(m_timeout)) {
        bool ok = false;
        const double seconds = parser.value(m_timeout).toDouble(&ok);
        if (!ok || seconds <= 0 || seconds > 3600)
            return tr("--timeout takes a number of seconds between 0 and 3600, not “%1”")
                .arg(parser.value(m_timeout));
        options->timeoutMs = int(seconds * 1000);
    }
    if (parser.isSet(m_maxBody)) {
        bool ok = false;
        const qint64 bytes = parser.value(m_maxBody).toLongLong(&ok);
        if (!ok || bytes <= 0)
            return tr("--max-body takes a positive number of bytes, not “%1”")
                .arg(parser.value(m_maxBody));
        options->maxBodyBytes = bytes;
    }
    if (parser.isSet(m_caFile)) {
        const QString file = parser.value(m_caFile);
        if (!QFileInfo(file).isReadable())
            return tr("--ca-file: cannot read “%1”").arg(file);
        options->caFile = file;
    }
    const QStringList fingerprints = parser.values(m_trustCert);
    for (const QString &fingerprint : fingerprints) {
        QString hex = fingerprint;
        hex.remove(QLatin1Char(':'));
        const QByteArray bytes = QByteArray::fromHex(hex.toLatin1());
        if (bytes.size() != 32 || hex.size() != 64)
            return tr("--trust-cert takes a SHA-256 fingerprint (64 hex digits), not “%1”")
                .arg(fingerprint);
        options->trustedCertificateSha256.append(fingerprint.toLatin1());
    }
    if (parser.isSet(m_proxy)) {
        const QString proxy = parser.value(m_proxy);
        if (proxy == QLatin1String("system")) {
            options->proxyMode = Http::ProxyMode::System;
        } else if (proxy == QLatin1String("none")) {
            options->proxyMode = Http::ProxyMode::None;
        } else {
            const QUrl url(proxy, QUrl::StrictMode);
            const QString scheme = url.scheme();
            if (!url.isValid() || url.host().isEmpty() ||
                (scheme != QLatin1String("http") && !scheme.startsWith(QLatin1String("socks"))))
                return tr("--proxy takes 'system', 'none', http://HOST:PORT or "
                          "socks5://HOST:PORT, not “%1”")
                    .arg(proxy);
            options->proxyMode = Http::ProxyMode::Manual;
            options->proxyUrl = url;
        }
    }
    return {};
}

} // namespace Tokenscope::Cli
