#pragma once

#include "CliOutput.h"
#include "ConnectionOptions.h"
#include "ProfileOptions.h"

#include <QCommandLineOption>
#include <QCommandLineParser>
#include <QCoreApplication>

namespace Tokenscope::Cli {

// What every command's argument parsing shares: --help, the connection options
// (limits, TLS, proxy, --show-secrets, --compact), usage errors with the CLI contract's
// document and exit code. A command adds its own options to parser() before parse().
class CommandParser final
{
    Q_DECLARE_TR_FUNCTIONS(Tokenscope::Cli::CommandParser)

public:
    CommandParser(QString command, const QString &summary, CliOutput &output);

    QCommandLineParser &parser() { return m_parser; }
    // Parses; prints the help for --help; applies --show-secrets/--compact to the output;
    // reads the connection options. Returns -1 to go on, or the exit code to stop with.
    int parse(const QStringList &arguments, Http::HttpOptions *options);
    int usageError(const QString &message);

    // For a command that talks to a provider: adds --profile NAME and --no-keychain. When a
    // profile was named, parse() puts its values before the user's options (which win) and
    // the output document gets a "profile" member. profiles is the ProfileOptions the
    // command is a child of (null: --profile is refused as unknown).
    void useProfiles(const ProfileOptions *profiles);
    // The profile's client secret read from the keychain; empty without --profile.
    QByteArray profileClientSecret() const;
    // One of the --profile's secrets read from the keychain (only those the command can use
    // are read); empty without a profile.
    QByteArray profileSecret(Profiles::SecretKind kind) const;
    // The profile's issuer, for a command that takes it as a positional argument.
    QString profileIssuer() const;

private:
    QString m_command;
    CliOutput &m_output;
    QCommandLineParser m_parser;
    QCommandLineOption m_help;
    ConnectionOptions m_connectionOptions;
    const ProfileOptions *m_profiles = nullptr;
    QCommandLineOption m_profileOption;
    QCommandLineOption m_noKeychainOption;
};

} // namespace Tokenscope::Cli
