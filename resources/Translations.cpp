#include "Translations.h"

#include <QFile>
#include <QLibraryInfo>
#include <QTranslator>

namespace Tokenscope {

namespace {

const QString &resourceDirectory()
{
    static const QString directory = QStringLiteral(":/i18n");
    return directory;
}

QString normalized(const QString &name)
{
    QString result = name.trimmed();
    result.replace(QLatin1Char('-'), QLatin1Char('_'));
    return result;
}

} // namespace

QStringList Translations::languages()
{
    return {QStringLiteral("en"), QStringLiteral("zh_CN")};
}

bool Translations::isAvailable(const QString &name)
{
    return languages().contains(normalized(name), Qt::CaseInsensitive);
}

QString Translations::catalogue(const QString &language)
{
    return resourceDirectory() + QStringLiteral("/tokenscope_") + normalized(language) +
           QStringLiteral(".qm");
}

QString Translations::install(QCoreApplication &app, const QLocale &locale)
{
    QString language;
    auto *own = new QTranslator(&app);
    if (own->load(locale, QStringLiteral("tokenscope"), QStringLiteral("_"), resourceDirectory()) ||
        own->load(catalogue(QStringLiteral("en")))) {
        QCoreApplication::installTranslator(own);
        language = own->language();
    } else {
        delete own;
    }

    // Qt's own strings (standard buttons, context menus) when the system ships them.
    auto *qt = new QTranslator(&app);
    if (qt->load(locale, QStringLiteral("qtbase"), QStringLiteral("_"),
                 QLibraryInfo::path(QLibraryInfo::TranslationsPath))) {
        QCoreApplication::installTranslator(qt);
    } else {
        delete qt;
    }
    return language;
}

} // namespace Tokenscope
