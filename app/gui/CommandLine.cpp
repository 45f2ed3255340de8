#include "CommandLine.h"

#include "Translations.h"

#include <QCommandLineParser>

#include <cstdio>

namespace {

QCommandLineOption languageOption()
{
    return QCommandLineOption(
        QStringList{QStringLiteral("lang")},
        CommandLine::tr("Language of the interface: %1 (default: the system's)")
            .arg(Tokenscope::Translations::languages().join(QStringLiteral(", "))),
        CommandLine::tr("language"));
}

void configure(QCommandLineParser &parser)
{
    parser.setApplicationDescription(
        CommandLine::tr("Tokenscope: an OAuth 2.0 and OpenID Connect debugger"));
    parser.addHelpOption();
    parser.addVersionOption();
    parser.addOption(languageOption());
    parser.addPositionalArgument(
        QStringLiteral("issuer"),
        CommandLine::tr("An issuer (or its metadata URL) to discover at start"),
        CommandLine::tr("[issuer]"));
}

} // namespace

bool CommandLine::asksForHelpOrVersion(const QStringList &arguments)
{
    static const QStringList textOnly{QStringLiteral("-h"), QStringLiteral("--help"),
                                      QStringLiteral("-?"), QStringLiteral("--help-all"),
                                      QStringLiteral("-v"), QStringLiteral("--version")};
    for (qsizetype i = 1; i < arguments.size(); ++i) {
        if (arguments.at(i) == QLatin1String("--"))
            return false;
        if (textOnly.contains(arguments.at(i)))
            return true;
    }
    return false;
}

QString CommandLine::languageArgument(const QStringList &arguments)
{
    QCommandLineParser parser;
    parser.addOption(languageOption());
    parser.setOptionsAfterPositionalArgumentsMode(QCommandLineParser::ParseAsOptions);
    parser.parse(arguments); // unknown options are parse()'s concern later
    return parser.value(QStringLiteral("lang"));
}

CommandLine::Options CommandLine::parse(const QStringList &arguments, QString *error)
{
    QCommandLineParser parser;
    configure(parser);
    Options options;
    if (!parser.parse(arguments)) {
        *error = parser.errorText();
        return options;
    }
    options.language = parser.value(QStringLiteral("lang"));
    if (!options.language.isEmpty() && !Tokenscope::Translations::isAvailable(options.language)) {
        *error = tr("No translation for “%1”; available: %2")
                     .arg(options.language,
                          Tokenscope::Translations::languages().join(QStringLiteral(", ")));
        return options;
    }
    const QStringList positional = parser.positionalArguments();
    if (positional.size() > 1) {
        *error = tr("Give at most one issuer");
        return options;
    }
    if (!positional.isEmpty())
        options.issuer = positional.constFirst();
    return options;
}

CommandLine::Options CommandLine::parse(const QStringList &arguments)
{
    QCommandLineParser parser;
    configure(parser);
    parser.parse(arguments);
    if (parser.isSet(QStringLiteral("help")))
        parser.showHelp(0);
    if (parser.isSet(QStringLiteral("version")))
        parser.showVersion();

    QString error;
    const Options options = parse(arguments, &error);
    if (!error.isEmpty()) {
        std::fprintf(stderr, "%s\n%s\n", qUtf8Printable(error),
                     qUtf8Printable(tr("Try “%1 --help”.")
                                        .arg(QCoreApplication::applicationFilePath().section(
                                            QLatin1Char('/'), -1))));
        std::exit(2);
    }
    return options;
}
