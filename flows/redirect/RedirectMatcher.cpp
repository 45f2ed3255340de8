#include "RedirectMatcher.h"

#include <QHostAddress>
#include <QSet>

namespace Tokenscope::Redirect {

bool RedirectResult::has(const QString &name) const
{
    return std::any_of(parameters.cbegin(), parameters.cend(),
                       [&name](const auto &parameter) { return parameter.first == name; });
}

QString RedirectResult::value(const QString &name) const
{
    for (const auto &[key, value] : parameters) {
        if (key == name)
            return value;
    }
    return {};
}

QString RedirectResult::sourceName(Source source)
{
    switch (source) {
    case Source::Query:
        return QStringLiteral("query");
    case Source::Fragment:
        return QStringLiteral("fragment");
    case Source::FormPost:
        return QStringLiteral("form_post");
    }
    return QStringLiteral("query");
}

bool RedirectMatcher::isLoopbackLiteral(const QString &host)
{
    const QHostAddress address(host);
    return !address.isNull() && address.isLoopback();
}

QList<QPair<QString, QString>> RedirectMatcher::decodeForm(const QByteArray &encoded)
{
    QList<QPair<QString, QString>> pairs;
    const QList<QByteArray> parts = encoded.split('&');
    for (QByteArray part : parts) {
        if (part.isEmpty())
            continue;
        part.replace('+', ' ');
        const qsizetype equals = part.indexOf('=');
        const QByteArray name = equals < 0 ? part : part.left(equals);
        const QByteArray value = equals < 0 ? QByteArray() : part.mid(equals + 1);
        pairs.append({QString::fromUtf8(QByteArray::fromPercentEncoding(name)),
                      QString::fromUtf8(QByteArray::fromPercentEncoding(value))});
    }
    return pairs;
}

static QSet<QString> queryItems(const QUrl &url)
{
    QSet<QString> items;
    for (const auto &[name, value] :
         RedirectMatcher::decodeForm(url.query(QUrl::FullyEncoded).toLatin1()))
        items.insert(name + QLatin1Char('=') + value);
    return items;
}

bool RedirectMatcher::matches(const QUrl &registered, const QUrl &candidate)
{
    if (!registered.isValid() || !candidate.isValid())
        return false;
    if (registered.scheme().compare(candidate.scheme(), Qt::CaseInsensitive) != 0)
        return false;
    if (registered.host().compare(candidate.host(), Qt::CaseInsensitive) != 0)
        return false;
    const QString registeredPath = registered.path(QUrl::FullyEncoded);
    const QString candidatePath = candidate.path(QUrl::FullyEncoded);
    if ((registeredPath.isEmpty() ? QStringLiteral("/") : registeredPath) !=
        (candidatePath.isEmpty() ? QStringLiteral("/") : candidatePath))
        return false;
    const bool anyPort =
        isLoopbackLiteral(registered.host()) && (registered.port() == -1 || registered.port() == 0);
    if (!anyPort) {
        const int defaultPort = registered.scheme() == QLatin1String("https") ? 443 : 80;
        if (registered.port(defaultPort) != candidate.port(defaultPort))
            return false;
    }
    if (registered.hasQuery() && !queryItems(candidate).contains(queryItems(registered)))
        return false;
    return true;
}

RedirectResult RedirectMatcher::parse(const QUrl &url, const QByteArray &formBody)
{
    RedirectResult result;
    result.url = url;
    result.formBody = formBody;
    const auto query = decodeForm(url.query(QUrl::FullyEncoded).toLatin1());
    const auto fragment = decodeForm(url.fragment(QUrl::FullyEncoded).toLatin1());
    const auto body = decodeForm(formBody);

    if (!body.isEmpty()) {
        result.source = RedirectResult::Source::FormPost;
        result.parameters = body;
    } else if (!fragment.isEmpty()) {
        result.source = RedirectResult::Source::Fragment;
        result.parameters = fragment;
    } else {
        result.source = RedirectResult::Source::Query;
        result.parameters = query;
    }

    QSet<QString> seen;
    for (const auto &parameter : std::as_const(result.parameters)) {
        if (seen.contains(parameter.first) && !result.repeated.contains(parameter.first))
            result.repeated.append(parameter.first);
        seen.insert(parameter.first);
    }
    if (!query.isEmpty() && !fragment.isEmpty()) {
        QSet<QString> inQuery;
        for (const auto &parameter : query)
            inQuery.insert(parameter.first);
        for (const auto &parameter : fragment) {
            if (inQuery.contains(parameter.first) &&
                !result.alsoInOtherPart.contains(parameter.first))
                result.alsoInOtherPart.append(parameter.first);
        }
    }
    return result;
}

} // namespace Tokenscope::Redirect
