#pragma once

#include "SandboxFaults.h"

#include <QObject>
#include <QString>

#include <memory>

class QSocketNotifier;

namespace Tokenscope {
class Clock;
class RandomSource;
namespace Sandbox {
class SandboxKeys;
class SandboxProvider;
class SandboxServer;
} // namespace Sandbox
} // namespace Tokenscope

namespace Tokenscope::Cli {

// tokenscope-cli sandbox [--port N] [--key-dir DIR] [--break NAME[,NAME…]]: runs the built-in
// authorization server on 127.0.0.1 until SIGINT or SIGTERM. When it listens it prints one
// line "sandbox_issuer: http://127.0.0.1:PORT" on stderr, one "sandbox_break: NAME" line per
// break-it switch that is on, then one line per request. --break list prints the switches.
class SandboxCommand final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(SandboxCommand)

public:
    SandboxCommand(const Clock &clock, RandomSource &random, QObject *parent = nullptr);
    ~SandboxCommand() override;

    int prepare(const QStringList &arguments); // -1: run; otherwise the exit code
    void run();
    static QString summary();

signals:
    void finished(int exitCode);

private:
    void stop();

    const Clock &m_clock;
    RandomSource &m_random;
    quint16 m_port = 0;
    QString m_keyDirectory;
    Sandbox::SandboxFaults m_faults;
    std::unique_ptr<Sandbox::SandboxKeys> m_keys;
    std::unique_ptr<Sandbox::SandboxProvider> m_provider;
    Sandbox::SandboxServer *m_server = nullptr;
    QSocketNotifier *m_signals = nullptr;
};

} // namespace Tokenscope::Cli
