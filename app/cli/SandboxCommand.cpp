#include "SandboxCommand.h"

#include "ExitCode.h"
#include "SandboxKeys.h"
#include "SandboxProvider.h"
#include "SandboxServer.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QSocketNotifier>

#include <csignal>
#include <cstdio>
#include <sys/socket.h>
#include <unistd.h>

namespace Tokenscope::Cli {

namespace {

int signalPipe[2] = {-1, -1};

void onSignal(int)
{
    const char byte = 1;
    [[maybe_unused]] const ssize_t written = ::write(signalPipe[0], &byte, 1);
}

void say(const QString &text)
{
    const QByteArray bytes = text.toUtf8() + '\n';
    std::fwrite(bytes.constData(), 1, size_t(bytes.size()), stderr);
    std::fflush(stderr);
}

} // namespace

SandboxCommand::SandboxCommand(const Clock &clock, RandomSource &random, QObject *parent)
    : QObject(parent)
    , m_clock(clock)
    , m_random(random)
{}

SandboxCommand::~SandboxCommand()
{
    delete m_server; // before the provider it refers to
    m_server = nullptr;
}

QString SandboxCommand::summary()
{
    return tr("run the built-in sandbox provider on 127.0.0.1 until interrupted");
}

int SandboxCommand::prepare(const QStringList &arguments)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(summary());
    const QCommandLineOption help({QStringLiteral("h"), QStringLiteral("help")},
                                  tr("Show this help."));
    const QCommandLineOption port(QStringLiteral("port"),
                                  tr("The port on 127.0.0.1 (default: an ephemeral one)."),
                                  QStringLiteral("N"));
    const QCommandLineOption keyDir(
        QStringLiteral("key-dir"),
        tr("Where the signing keys are kept (default: the app data folder's sandbox/)."),
        QStringLiteral("DIR"));
    const QCommandLineOption breakIt(
        QStringLiteral("break"),
        tr("Make the sandbox misbehave on purpose, to see a client catch it: a comma-separated "
           "list of switches, or \"list\" to show them."),
        QStringLiteral("NAME[,NAME...]"));
    parser.addOptions({help, port, keyDir, breakIt});
    if (!parser.parse(arguments.mid(1)) || !parser.positionalArguments().isEmpty()) {
        say(tr("tokenscope-cli sandbox: %1")
                .arg(parser.errorText().isEmpty() ? tr("unexpected argument")
                                                  : parser.errorText()));
        return ExitCode::Usage;
    }
    if (parser.isSet(help)) {
        const QByteArray text = parser.helpText().toUtf8();
        std::fwrite(text.constData(), 1, size_t(text.size()), stdout);
        return ExitCode::Ok;
    }
    if (parser.isSet(port)) {
        bool ok = false;
        const uint value = parser.value(port).toUInt(&ok);
        if (!ok || value > 65535) {
            say(tr("tokenscope-cli sandbox: --port takes a number from 0 to 65535"));
            return ExitCode::Usage;
        }
        m_port = quint16(value);
    }
    if (parser.isSet(breakIt)) {
        const QString names = parser.values(breakIt).join(QLatin1Char(','));
        if (names.trimmed() == QLatin1String("list")) {
            QByteArray text;
            for (Sandbox::SandboxFaults::Fault fault : Sandbox::SandboxFaults::all())
                text += (Sandbox::SandboxFaults::name(fault) + QStringLiteral("\n    ") +
                         Sandbox::SandboxFaults::description(fault) + QStringLiteral("\n    ") +
                         tr("Caught by: %1").arg(Sandbox::SandboxFaults::caughtBy(fault)) +
                         QLatin1Char('\n'))
                            .toUtf8();
            std::fwrite(text.constData(), 1, size_t(text.size()), stdout);
            return ExitCode::Ok;
        }
        QString error;
        if (!Sandbox::SandboxFaults::parse(names, &m_faults, &error)) {
            say(tr("tokenscope-cli sandbox: %1 (--break list shows them)").arg(error));
            return ExitCode::Usage;
        }
    }
    m_keyDirectory =
        parser.isSet(keyDir) ? parser.value(keyDir) : Sandbox::SandboxKeys::defaultDirectory();
    return -1;
}

void SandboxCommand::run()
{
    m_keys = std::make_unique<Sandbox::SandboxKeys>();
    QString error;
    if (!m_keys->load(m_keyDirectory, &error)) {
        say(tr("tokenscope-cli sandbox: %1").arg(error));
        emit finished(ExitCode::KeychainError);
        return;
    }
    m_provider = std::make_unique<Sandbox::SandboxProvider>(m_clock, m_random, *m_keys);
    m_provider->setFaults(m_faults);
    m_server = new Sandbox::SandboxServer(*m_provider);
    connect(m_server, &Sandbox::SandboxServer::requestLogged, this, &say);
    if (!m_server->listen(m_port)) {
        say(tr("tokenscope-cli sandbox: cannot listen on 127.0.0.1:%1: %2")
                .arg(m_port)
                .arg(m_server->errorString()));
        emit finished(ExitCode::NetworkError);
        return;
    }
    if (::socketpair(AF_UNIX, SOCK_STREAM, 0, signalPipe) == 0) {
        m_signals = new QSocketNotifier(signalPipe[1], QSocketNotifier::Read, this);
        connect(m_signals, &QSocketNotifier::activated, this, &SandboxCommand::stop);
        struct sigaction action = {};
        action.sa_handler = onSignal;
        sigemptyset(&action.sa_mask);
        action.sa_flags = SA_RESTART;
        sigaction(SIGINT, &action, nullptr);
        sigaction(SIGTERM, &action, nullptr);
    }
    // Scripts wait for this line; it is not translated.
    say(QStringLiteral("sandbox_issuer: ") + m_server->issuer());
    for (const QString &name : m_faults.names())
        say(QStringLiteral("sandbox_break: ") + name);
}

void SandboxCommand::stop()
{
    char byte = 0;
    [[maybe_unused]] const ssize_t read = ::read(signalPipe[1], &byte, 1);
    m_signals->setEnabled(false); // once is enough
    say(tr("sandbox: stopping"));
    emit finished(ExitCode::Ok);
}

} // namespace Tokenscope::Cli
