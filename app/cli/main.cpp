// tokenscope-cli: the headless composition root. It builds the network manager, the clock,
// the random source, the profile store and the secret stores (the keychain, and the memory
// store of an explicit --no-keychain run), and hands them to the command the user named.
#include "AuthorizeCommand.h"
#include "CibaCommand.h"
#include "DecodeCommand.h"
#include "DeviceCommand.h"
#include "DiscoverCommand.h"
#include "ExitCode.h"
#include "IntrospectCommand.h"
#include "ProfileCommand.h"
#include "ProfileOptions.h"
#include "RegisterCommand.h"
#include "RevokeCommand.h"
#include "SandboxCommand.h"
#include "TokenCommand.h"
#include "UserInfoCommand.h"
#include "common/Clock.h"
#include "common/RandomSource.h"
#include "keychain/KeychainSecretStore.h"
#include "profiles/MemorySecretStore.h"
#include "profiles/ProfileStore.h"

#include <QCoreApplication>
#include <QNetworkAccessManager>
#include <QTimer>

#include <cstdio>

namespace {

void write(FILE *stream, const QString &text)
{
    const QByteArray bytes = text.toUtf8();
    std::fwrite(bytes.constData(), 1, size_t(bytes.size()), stream);
}

QString usage()
{
    return QCoreApplication::translate(
               "tokenscope-cli",
               "Usage: tokenscope-cli COMMAND [options]\n"
               "\n"
               "Commands:\n"
               "  discover ISSUER   %1\n"
               "  authorize         %2\n"
               "  device            %6\n"
               "  ciba              %7\n"
               "  token             %8\n"
               "  introspect TOKEN  %9\n"
               "  revoke TOKEN      %10\n"
               "  userinfo          %11\n"
               "  register          %12\n"
               "  decode TOKEN      %3\n"
               "  profile SUBCOMMAND  %4\n"
               "  sandbox           %5\n"
               "\n"
               "Every command that talks to a provider takes --profile NAME: a saved\n"
               "profile's settings, and the secrets the command can use (client secret,\n"
               "private key, token's password and refresh token) from the keychain\n"
               "(--no-keychain: none).\n"
               "\n"
               "Every command prints one JSON document on stdout:\n"
               "  {\"ok\", \"flow\", \"result\", \"error\", \"exchanges\"}\n"
               "Exit codes: 0 ok, 1 the provider answered with an error, 2 usage,\n"
               "  3 validation failed, 4 network/TLS/timeout/size cap, 5 keychain.\n"
               "\n"
               "'tokenscope-cli COMMAND --help' describes a command's options.\n")
        .arg(Tokenscope::Cli::DiscoverCommand::summary(),
             Tokenscope::Cli::AuthorizeCommand::summary(),
             Tokenscope::Cli::DecodeCommand::summary(), Tokenscope::Cli::ProfileCommand::summary(),
             Tokenscope::Cli::SandboxCommand::summary())
        .arg(Tokenscope::Cli::DeviceCommand::summary(), Tokenscope::Cli::CibaCommand::summary())
        .arg(Tokenscope::Cli::TokenCommand::summary(),
             Tokenscope::Cli::IntrospectCommand::summary(),
             Tokenscope::Cli::RevokeCommand::summary(), Tokenscope::Cli::UserInfoCommand::summary())
        .arg(Tokenscope::Cli::RegisterCommand::summary());
}

// Runs a command that talks to a provider: --profile NAME is resolved first (its secrets
// are read asynchronously), then the command parses its arguments and runs.
// The secrets read are the ones this command can use (ProfileOptions::kindsFor).
template<typename Command>
int runWithProfile(Command &command, Tokenscope::Cli::ProfileOptions &profiles,
                   const QStringList &arguments)
{
    const QList<Tokenscope::Profiles::SecretKind> secrets =
        Tokenscope::Cli::ProfileOptions::kindsFor(arguments.value(1), arguments);
    QObject::connect(&profiles, &Tokenscope::Cli::ProfileOptions::resolved, &command,
                     [&command, &profiles, arguments](int stop) {
                         if (stop >= 0) {
                             QCoreApplication::exit(stop);
                             return;
                         }
                         const int early = command.prepare(arguments);
                         if (early >= 0) {
                             QCoreApplication::exit(early);
                             return;
                         }
                         QObject::connect(&command, &Command::finished, qApp,
                                          &QCoreApplication::exit);
                         command.run();
                     });
    profiles.resolve(arguments, arguments.value(1), secrets);
    return QCoreApplication::exec();
}

} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    QCoreApplication::setOrganizationName(QStringLiteral("Tokenscope"));
    // The desktop app's name: QStandardPaths::AppConfigLocation, where profiles are saved,
    // is then the same directory for the app and the CLI.
    QCoreApplication::setApplicationName(QStringLiteral("Tokenscope"));
    QCoreApplication::setApplicationVersion(QStringLiteral(TOKENSCOPE_VERSION));

    const QStringList arguments = QCoreApplication::arguments();
    const QString command = arguments.value(1);
    if (command.isEmpty() || command == QLatin1String("--help") || command == QLatin1String("-h") ||
        command == QLatin1String("help")) {
        write(command.isEmpty() ? stderr : stdout, usage());
        return command.isEmpty() ? Tokenscope::Cli::ExitCode::Usage : Tokenscope::Cli::ExitCode::Ok;
    }
    if (command == QLatin1String("--version") || command == QLatin1String("-v")) {
        write(stdout, QStringLiteral("tokenscope-cli " TOKENSCOPE_VERSION "\n"));
        return Tokenscope::Cli::ExitCode::Ok;
    }

    Tokenscope::SystemClock clock;
    Tokenscope::SystemRandomSource random;
    QNetworkAccessManager network;
    Tokenscope::Profiles::ProfileStore profileStore(
        Tokenscope::Profiles::ProfileStore::defaultDirectory());
    Tokenscope::Keychain::KeychainSecretStore keychain;
    Tokenscope::Profiles::MemorySecretStore memory;
    Tokenscope::Cli::ProfileOptions profiles(profileStore, keychain, memory);

    if (command == QLatin1String("discover")) {
        // A child of profiles: its CommandParser finds --profile's values there.
        Tokenscope::Cli::DiscoverCommand discover(&network, clock, &profiles);
        return runWithProfile(discover, profiles, arguments);
    }
    if (command == QLatin1String("authorize")) {
        Tokenscope::Cli::AuthorizeCommand authorize(&network, clock, random, &profiles);
        return runWithProfile(authorize, profiles, arguments);
    }

    if (command == QLatin1String("device")) {
        Tokenscope::Cli::DeviceCommand device(&network, clock, random, &profiles);
        return runWithProfile(device, profiles, arguments);
    }
    if (command == QLatin1String("ciba")) {
        Tokenscope::Cli::CibaCommand ciba(&network, clock, random, &profiles);
        return runWithProfile(ciba, profiles, arguments);
    }

    if (command == QLatin1String("token")) {
        Tokenscope::Cli::TokenCommand token(&network, clock, random, &profiles);
        return runWithProfile(token, profiles, arguments);
    }
    if (command == QLatin1String("introspect")) {
        Tokenscope::Cli::IntrospectCommand introspect(&network, clock, random, &profiles);
        return runWithProfile(introspect, profiles, arguments);
    }
    if (command == QLatin1String("revoke")) {
        Tokenscope::Cli::RevokeCommand revoke(&network, clock, random, &profiles);
        return runWithProfile(revoke, profiles, arguments);
    }
    if (command == QLatin1String("register")) {
        Tokenscope::Cli::RegisterCommand registration(&network, clock, random, &profileStore,
                                                      &keychain, &memory, &profiles);
        return runWithProfile(registration, profiles, arguments);
    }
    if (command == QLatin1String("userinfo")) {
        Tokenscope::Cli::UserInfoCommand userinfo(&network, clock, random, &profiles);
        return runWithProfile(userinfo, profiles, arguments);
    }

    if (command == QLatin1String("decode")) {
        Tokenscope::Cli::DecodeCommand decode(&network, clock);
        const int early = decode.prepare(arguments);
        if (early >= 0)
            return early;
        QObject::connect(&decode, &Tokenscope::Cli::DecodeCommand::finished, &app,
                         &QCoreApplication::exit);
        QTimer::singleShot(0, &decode, &Tokenscope::Cli::DecodeCommand::run);
        return QCoreApplication::exec();
    }
    if (command == QLatin1String("profile")) {
        Tokenscope::Cli::ProfileCommand profile(profileStore, keychain, memory, clock, random);
        const int early = profile.prepare(arguments);
        if (early >= 0)
            return early;
        QObject::connect(&profile, &Tokenscope::Cli::ProfileCommand::finished, &app,
                         &QCoreApplication::exit);
        QTimer::singleShot(0, &profile, &Tokenscope::Cli::ProfileCommand::run);
        return QCoreApplication::exec();
    }

    if (command == QLatin1String("sandbox")) {
        Tokenscope::Cli::SandboxCommand sandbox(clock, random);
        const int early = sandbox.prepare(arguments);
        if (early >= 0)
            return early;
        QObject::connect(&sandbox, &Tokenscope::Cli::SandboxCommand::finished, &app,
                         &QCoreApplication::exit);
        QTimer::singleShot(0, &sandbox, &Tokenscope::Cli::SandboxCommand::run);
        return QCoreApplication::exec();
    }

    write(stderr,
          QCoreApplication::translate("tokenscope-cli", "tokenscope-cli: unknown command “%1”\n")
                  .arg(command) +
              usage());
    return Tokenscope::Cli::ExitCode::Usage;
}
