#pragma once

#include <QJsonObject>
#include <QObject>
#include <QString>

#include <memory>

namespace Tokenscope {
class Clock;
class RandomSource;
} // namespace Tokenscope
namespace Tokenscope::Http {
class Transcript;
}

namespace Tokenscope::Sandbox {

class SandboxKeys;
class SandboxProvider;
class SandboxServer;

// The sandbox provider run inside another program (the desktop app, a test): its keys,
// its protocol logic and its server on 127.0.0.1, started on first use and kept until the
// host goes away. Every exchange the sandbox answers is recorded in log().
class SandboxHost final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(SandboxHost)

public:
    // Keys are kept in `keyDirectory` (created on first use, mode 0700).
    SandboxHost(const Clock &clock, RandomSource &random, QString keyDirectory,
                QObject *parent = nullptr);
    ~SandboxHost() override;

    // Loads (or makes) the keys and listens on 127.0.0.1:port (0: an ephemeral port). True
    // when it runs, also when it ran already; false with *error (translated) when the keys
    // cannot be read or written or the port cannot be bound.
    bool start(quint16 port, QString *error);
    bool isRunning() const { return m_server != nullptr; }
    // "http://127.0.0.1:PORT" while running, else empty.
    QString issuer() const;
    // The discovery document (OpenID Connect and RFC 8414) while running, else empty.
    QJsonObject metadata() const;
    Http::Transcript *log() const { return m_log; }
    SandboxProvider *provider() const { return m_provider.get(); }

signals:
    void started(const QString &issuer);

private:
    const Clock &m_clock;
    RandomSource &m_random;
    QString m_keyDirectory;
    Http::Transcript *m_log;
    std::unique_ptr<SandboxKeys> m_keys;
    std::unique_ptr<SandboxProvider> m_provider;
    SandboxServer *m_server = nullptr; // a child; refers to m_provider
};

} // namespace Tokenscope::Sandbox
