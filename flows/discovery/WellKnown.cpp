#include "WellKnown.h"

#include <QHostAddress>

namespace Tokenscope::Discovery {

static const QLatin1String OpenIdSuffix("/.well-known/openid-configuration");
static const QLatin1String OAuthSuffix("/.well-known/oauth-authorization-server");

static QString pathWithoutTrailingSlash(const QUrl &url)
{
    QString path = url.path(QUrl::FullyEncoded);
    while (path.endsWith(QLatin1Char('/')))
        path.chop(1);
    return path;
}

static QUrl withPath(const QUrl &origin, const QString &path)
{
    QUrl url = origin;
    url.setPath(path, QUrl::TolerantMode);
    url.setQuery(QString());
    url.setFragment(QString());
    return url;
}

QList<WellKnown::Candidate> WellKnown::candidates(const QUrl &issuer, Mode mode)
{
    const QString path = pathWithoutTrailingSlash(issuer);
    QList<Candidate> list;
    if (mode != Mode::OAuthOnly)
        list.append({withPath(issuer, path + OpenIdSuffix), Kind::OpenIdConfiguration,
                     QStringLiteral("append")});
    if (mode != Mode::OpenIdOnly)
        list.append({withPath(issuer, OAuthSuffix + path), Kind::OAuthAuthorizationServer,
                     QStringLiteral("insert")});
    if (mode != Mode::OAuthOnly && !path.isEmpty())
        list.append({withPath(issuer, OpenIdSuffix + path), Kind::OpenIdConfiguration,
                     QStringLiteral("insert")});
    return list;
}

std::optional<WellKnown::Pasted> WellKnown::fromMetadataUrl(const QUrl &url)
{
    const QString path = url.path(QUrl::FullyEncoded);
    for (const auto &[suffix, kind] : {std::pair{OpenIdSuffix, Kind::OpenIdConfiguration},
                                       std::pair{OAuthSuffix, Kind::OAuthAuthorizationServer}}) {
        const qsizetype at = path.indexOf(suffix);
        if (at < 0)
            continue;
        const QString before = path.left(at);
        const QString after = path.mid(at + suffix.size());
        if (!after.isEmpty() && !after.startsWith(QLatin1Char('/')))
            continue; // "openid-configuration-v2" is another name, not this one
        if (!before.isEmpty() && !after.isEmpty())
            continue; // not a form either spec defines
        Pasted pasted;
        pasted.issuer = withPath(url, before + after);
        // Fetched as pasted, query included (some providers select a policy with it).
        QUrl fetched = url;
        fetched.setFragment(QString());
        // A path after the suffix: inserted (RFC 8414 §3). A path before it: appended
        // (OpenID Connect Discovery §4; some providers append the RFC 8414 name too).
        // No path at all: the name of each spec's own form.
        const bool inserted =
            !after.isEmpty() || (before.isEmpty() && kind == Kind::OAuthAuthorizationServer);
        pasted.candidate = {fetched, kind,
                            inserted ? QStringLiteral("insert") : QStringLiteral("append")};
        return pasted;
    }
    return std::nullopt;
}

QString WellKnown::parseIssuer(const QString &text, QUrl *issuer)
{
    const QString trimmed = text.trimmed();
    if (trimmed.isEmpty())
        return tr("Enter an issuer URL, such as https://accounts.example.com");
    const QUrl url = QUrl(trimmed, QUrl::StrictMode);
    if (!url.isValid() || url.isRelative())
        return tr("“%1” is not a valid absolute URL").arg(trimmed);
    if (url.scheme() != QLatin1String("https") && url.scheme() != QLatin1String("http"))
        return tr("“%1” is not an https:// URL; an issuer is an https URL (RFC 8414 §2)")
            .arg(trimmed);
    if (url.host().isEmpty())
        return tr("“%1” has no host").arg(trimmed);
    if (url.hasQuery() || url.hasFragment())
        return tr("An issuer has no query or fragment (RFC 8414 §2): “%1”").arg(trimmed);
    *issuer = url;
    return {};
}

QString WellKnown::kindName(Kind kind)
{
    return kind == Kind::OpenIdConfiguration ? QStringLiteral("openid-configuration")
                                             : QStringLiteral("oauth-authorization-server");
}

bool WellKnown::isLoopback(const QUrl &url)
{
    const QString host = url.host();
    if (host.compare(QLatin1String("localhost"), Qt::CaseInsensitive) == 0)
        return true;
    const QHostAddress address(host);
    return !address.isNull() && address.isLoopback();
}

} // namespace Tokenscope::Discovery
