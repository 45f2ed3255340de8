#pragma once

#include "profiles/SecretStore.h"

#include <QString>

namespace QKeychain {
class Job;
}

namespace Tokenscope::Keychain {

// The platform keychain through QtKeychain (on Linux: the Secret Service over D-Bus, e.g.
// gnome-keyring, via libsecret). Values are written with setBinaryData, so any bytes round
// trip. Never falls back to plaintext: setInsecureFallback(false) on every job.
class KeychainSecretStore final : public Profiles::SecretStore
{
    Q_DISABLE_COPY_MOVE(KeychainSecretStore)

public:
    // service: the keychain's service name; SecretKey::serviceName() unless a test says.
    explicit KeychainSecretStore(QString service = {});
    ~KeychainSecretStore() override = default;

    void read(const QString &key, QObject *context, Profiles::SecretCallback done) override;
    void write(const QString &key, const QByteArray &value, QObject *context,
               Profiles::SecretCallback done) override;
    void remove(const QString &key, QObject *context, Profiles::SecretCallback done) override;

    QString service() const { return m_service; }

    // QtKeychain's error code and message as our kinds (exposed for tests). OtherError
    // naming a missing D-Bus service, or while the session bus is unreachable, is Unavailable.
    static Profiles::SecretError errorFrom(int code, const QString &message);

private:
    void start(QKeychain::Job *job, const QString &key, QObject *context,
               Profiles::SecretCallback done, bool isRemove);

    QString m_service;
};

} // namespace Tokenscope::Keychain
