#pragma once

#include <QCoreApplication>
#include <QStringList>

// The desktop app's command line:
//   tokenscope [--lang zh_CN|en] [ISSUER]
// ISSUER, when given, is filled in and discovered at start (screenshots, bug reports).
class CommandLine final
{
    Q_DECLARE_TR_FUNCTIONS(CommandLine)

public:
    struct Options
    {
        QString language; // empty: the system's
        QString issuer;
    };

    // Whether the arguments ask only for text (--help, --help-all, --version), which
    // needs no display.
    static bool asksForHelpOrVersion(const QStringList &arguments);
    // Only --lang, read before the translations are installed; never exits.
    static QString languageArgument(const QStringList &arguments);
    // Everything; prints help or the version and exits for --help and --version, and
    // prints the problem and exits with status 2 on a usage error.
    static Options parse(const QStringList &arguments);
    // The same without exiting: `error` receives the problem, if any.
    static Options parse(const QStringList &arguments, QString *error);
};
