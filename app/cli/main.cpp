// tokenscope-cli: the headless composition root. It builds the network manager and the
// clock, and hands them to the command the user named.
#include "AuthorizeCommand.h"
#include "DecodeCommand.h"
#include "DiscoverCommand.h"
#include "ExitCode.h"
#include "common/Clock.h"
#include "common/RandomSource.h"

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
               "  decode TOKEN      %3\n"
               "\n"
               "Every command prints one JSON document on stdout:\n"
               "  {\"ok\", \"flow\", \"result\", \"error\", \"exchanges\"}\n"
               "Exit codes: 0 ok, 1 the provider answered with an error, 2 usage,\n"
               "  3 validation failed, 4 network/TLS/timeout/size cap, 5 keychain.\n"
               "\n"
               "'tokenscope-cli COMMAND --help' describes a command's options.\n")
        .arg(Tokenscope::Cli::DiscoverCommand::summary(),
             Tokenscope::Cli::AuthorizeCommand::summary(),
             Tokenscope::Cli::DecodeCommand::summary());
}

} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    QCoreApplication::setOrganizationName(QStringLiteral("Tokenscope"));
    QCoreApplication::setApplicationName(QStringLiteral("tokenscope-cli"));
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
    if (command == QLatin1String("discover")) {
        Tokenscope::Cli::DiscoverCommand discover(&network, clock);
        const int early = discover.prepare(arguments);
        if (early >= 0)
            return early;
        QObject::connect(&discover, &Tokenscope::Cli::DiscoverCommand::finished, &app,
                         &QCoreApplication::exit);
        QTimer::singleShot(0, &discover, &Tokenscope::Cli::DiscoverCommand::run);
        return QCoreApplication::exec();
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
    if (command == QLatin1String("authorize")) {
        Tokenscope::Cli::AuthorizeCommand authorize(&network, clock, random);
        const int early = authorize.prepare(arguments);
        if (early >= 0)
            return early;
        QObject::connect(&authorize, &Tokenscope::Cli::AuthorizeCommand::finished, &app,
                         &QCoreApplication::exit);
        QTimer::singleShot(0, &authorize, &Tokenscope::Cli::AuthorizeCommand::run);
        return QCoreApplication::exec();
    }

    write(stderr,
          QCoreApplication::translate("tokenscope-cli", "tokenscope-cli: unknown command “%1”\n")
                  .arg(command) +
              usage());
    return Tokenscope::Cli::ExitCode::Usage;
}
