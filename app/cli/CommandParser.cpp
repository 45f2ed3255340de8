#include "CommandParser.h"

#include "ExitCode.h"

#include <cstdio>

namespace Tokenscope::Cli {

CommandParser::CommandParser(QString command, const QString &summary, CliOutput &output)
    : m_command(std::move(command))
    , m_output(output)
    , m_help({QStringLiteral("h"), QStringLiteral("help")}, tr("Show this help."))
    , m_profileOption(QStringLiteral("profile"),
                      tr("Use a saved profile (tokenscope-cli profile list): its provider, "
                         "client and settings are the defaults, options given here override "
                         "them; its secrets come from the keychain."),
                      tr("name"))
    , m_noKeychainOption(QStringLiteral("no-keychain"),
                         tr("Do not use the keychain: secrets live in memory for this run only."))
{
    m_parser.setApplicationDescription(summary);
    m_parser.setSingleDashWordOptionMode(QCommandLineParser::ParseAsLongOptions);
    m_parser.addOption(m_help);
    m_connectionOptions.addTo(m_parser);
    m_parser.addPositionalArgument(m_command, tr("The command."));
}

void CommandParser::useProfiles(const ProfileOptions *profiles)
{
    if (profiles == nullptr)
        return;
    m_profiles = profiles;
    m_parser.addOptions({m_profileOption, m_noKeychainOption});
}

QByteArray CommandParser::profileClientSecret() const
{
    return profileSecret(Profiles::SecretKind::ClientSecret);
}

QByteArray CommandParser::profileSecret(Profiles::SecretKind kind) const
{
    if (m_profiles == nullptr || !m_profiles->isActive())
        return {};
    return m_profiles->secret(kind);
}

QString CommandParser::profileIssuer() const
{
    if (m_profiles == nullptr || !m_profiles->isActive())
        return {};
    return m_profiles->profile().provider.issuer.toString(QUrl::FullyEncoded);
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
    if (m_profiles != nullptr && m_parser.isSet(m_profileOption)) {
        if (!m_profiles->isActive() ||
            m_profiles->profile().name != m_parser.value(m_profileOption))
            return usageError(
                tr("--profile: “%1” was not loaded").arg(m_parser.value(m_profileOption)));
        // Which of the profile's options this command has: parse them all once and see
        // which ones the parser does not know.
        const QStringList candidates = ProfileOptions::optionNames();
        QStringList probe{arguments.value(0)};
        for (const QString &name : candidates)
            probe << QStringLiteral("--") + name + QStringLiteral("=x");
        m_parser.parse(probe);
        const QStringList unknown = m_parser.unknownOptionNames();
        const QStringList defaults = m_profiles->defaultArguments(
            [&unknown](const QString &name) { return !unknown.contains(name); });
        const QStringList withDefaults = arguments.mid(0, 2) + defaults + arguments.mid(2);
        if (!m_parser.parse(withDefaults))
            return usageError(
                tr("--profile %1: %2").arg(m_profiles->profile().name, m_parser.errorText()));
        m_output.setProfile(m_profiles->describe());
    }
    const QString problem = m_connectionOptions.read(m_parser, options);
    if (!problem.isEmpty())
        return usageError(problem);
    m_output.setShowSecrets(m_connectionOptions.showSecrets(m_parser));
    m_output.setCompact(m_connectionOptions.compact(m_parser));
    return -1;
}

} // namespace Tokenscope::Cli
