#pragma once

#include "SecretStore.h"

#include <QHash>
#include <QStringList>

namespace Tokenscope::Profiles {

// Secrets held in this process only: for tests and an explicit --no-keychain run. Failures
// can be injected to test what callers do when the keychain is unavailable or locked.
class MemorySecretStore final : public SecretStore
{
    Q_DISABLE_COPY_MOVE(MemorySecretStore)

public:
    MemorySecretStore() = default;
    ~MemorySecretStore() override;

    void read(const QString &key, QObject *context, SecretCallback done) override;
    void write(const QString &key, const QByteArray &value, QObject *context,
               SecretCallback done) override;
    void remove(const QString &key, QObject *context, SecretCallback done) override;

    // Every operation fails with error from now on (None: stop failing).
    void setFailure(const SecretError &error) { m_failure = error; }
    // Operations on this key fail with error (None: stop failing).
    void setFailure(const QString &key, const SecretError &error);

    QStringList keys() const { return m_values.keys(); }
    bool contains(const QString &key) const { return m_values.contains(key); }

private:
    SecretError failureFor(const QString &key) const;
    static void complete(QObject *context, SecretCallback done, SecretResult result);
    static void wipe(QByteArray &value);

    QHash<QString, QByteArray> m_values;
    QHash<QString, SecretError> m_keyFailures;
    SecretError m_failure;
};

} // namespace Tokenscope::Profiles
