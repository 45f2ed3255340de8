#include "RedirectSchemes.h"

#include "BrowserLogging.h"

#include <QCoreApplication>
#include <QWebEngineUrlScheme>

Q_LOGGING_CATEGORY(lcBrowser, "tokenscope.ui.browser", QtInfoMsg)

namespace Tokenscope::Browser {

namespace {

QStringList &registered()
{
    static QStringList schemes;
    return schemes;
}

} // namespace

bool isBuiltInScheme(const QString &scheme)
{
    static const QStringList builtIn{
        QStringLiteral("http"),       QStringLiteral("https"),  QStringLiteral("ws"),
        QStringLiteral("wss"),        QStringLiteral("file"),   QStringLiteral("data"),
        QStringLiteral("about"),      QStringLiteral("blob"),   QStringLiteral("javascript"),
        QStringLiteral("filesystem"), QStringLiteral("chrome"), QStringLiteral("qrc"),
        QStringLiteral("ftp"),        QStringLiteral("mailto")};
    return builtIn.contains(scheme.toLower());
}

void registerRedirectSchemes(const QStringList &schemes)
{
    if (QCoreApplication::instance()) {
        qCWarning(lcBrowser,
                  "registerRedirectSchemes() called after the application object was created: "
                  "the schemes are ignored by Qt WebEngine");
        return;
    }
    for (const QString &name : schemes) {
        const QString scheme = name.trimmed().toLower();
        if (scheme.isEmpty() || isBuiltInScheme(scheme) || registered().contains(scheme))
            continue;
        QWebEngineUrlScheme definition(scheme.toLatin1());
        // Path syntax: "com.example.app:/callback" has no host; a URL with one still parses.
        definition.setSyntax(QWebEngineUrlScheme::Syntax::Path);
        QWebEngineUrlScheme::registerScheme(definition);
        registered().append(scheme);
    }
}

QStringList registeredRedirectSchemes()
{
    return registered();
}

} // namespace Tokenscope::Browser
