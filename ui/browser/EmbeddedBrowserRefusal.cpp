#include "EmbeddedBrowserRefusal.h"

#include <QStringList>

namespace Tokenscope::Browser {

namespace {

// What the refusing providers write. Matched case-insensitively.
const char *const refusalMarks[] = {
    "disallowed_useragent",
    "This browser or app may not be secure",
};

QString findMark(const QString &haystack)
{
    for (const char *mark : refusalMarks) {
        const QString text = QString::fromLatin1(mark);
        if (haystack.contains(text, Qt::CaseInsensitive))
            return text;
    }
    return {};
}

} // namespace

QString EmbeddedBrowserRefusal::reason(const QUrl &url, const QString &title, const QString &text)
{
    QString mark = findMark(QUrl::fromPercentEncoding(url.toEncoded()));
    if (!mark.isEmpty())
        return tr("The page's address names the error “%1”.").arg(mark);
    mark = findMark(title);
    if (!mark.isEmpty())
        return tr("The page's title names the error “%1”.").arg(mark);
    mark = findMark(text);
    if (!mark.isEmpty())
        return tr("The page's text names the error “%1”.").arg(mark);
    return {};
}

} // namespace Tokenscope::Browser
