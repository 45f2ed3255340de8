#pragma once

#include <QCoreApplication>
#include <QLocale>
#include <QStringList>

namespace Tokenscope {

// Loads the application's catalogue (embedded under :/i18n) and Qt's own for a locale
// and installs them. Core only, so that the command-line tool can use it too.
class Translations final
{
    Q_DECLARE_TR_FUNCTIONS(Tokenscope::Translations)

public:
    // The languages we ship a catalogue for, as locale names: "en", "zh_CN".
    static QStringList languages();
    // True when `name` ("zh_CN", "zh-CN", "en") names one of languages().
    static bool isAvailable(const QString &name);
    // Installs the catalogues for `locale` into `app` (the translators are its
    // children): ours, falling back to English (which carries the plural forms), and
    // Qt's own (qtbase_*.qm in QLibraryInfo::TranslationsPath) when the system has it.
    // Returns the language of ours that was installed ("zh_CN", "en"), or an empty
    // string when none could be loaded.
    static QString install(QCoreApplication &app, const QLocale &locale);
    // The resource path of our catalogue for `language`.
    static QString catalogue(const QString &language);
};

} // namespace Tokenscope
