#include "CommandParser.h"

#include "ExitCode.h"

#include <cstdio>

namespace Tokenscope::Cli {

CommandParser::CommandParser(QString command, const QString &summary, CliOutput &output)
    : m_command(std::move(command))
    , m_output(output)
    , m_help({QStringLiteral("h"), QStringLiteral("help")}, tr("Show this help."))
{
    m_parser.setApplicationDescription(summary);
    m_parser.setSingleDashWordOptionMode(QCommandLineParser::ParseAsLongOptions);
    m_parser.addOption(m_help);
    m_connectionOptions.addTo(m_parser);
    m_parser.addPositionalArgument(m_command, tr("The command."));
}

int CommandParser::usageError(const QString &message)
{
    return m_output.usageError(message, m_command);
}

int CommandParser::parse(const QStringList &arguments, Http::HttpOptions *options)
{
    if (!m_parser.parse(arguments))
        return usageError(m_parser.errorText());
    if (m_parser.isSet(m_help)) {
        const QByteArray text = m_parser.helpText().toUtf8();
        std::fwrite(text.constData(), 1, size_t(text.size()), stdout);
        return ExitCode::Ok;
    }
    const QString problem = m_connectionOptions.read(m_parser, options);
    if (!problem.isEmpty())
        return usageError(problem);
    m_output.setShowSecrets(m_connectionOptions.showSecrets(m_parser));
    m_output.setCompact(m_connectionOptions.compact(m_parser));
    return -1;
}

} // namespace Tokenscope::Cli
