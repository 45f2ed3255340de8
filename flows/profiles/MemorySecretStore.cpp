#include "MemorySecretStore.h"

#include <QObject>

namespace Tokenscope::Profiles {

MemorySecretStore::~MemorySecretStore()
{
    for (QByteArray &value : m_values) {
        wipe(value);
    }
}

void MemorySecretStore::read(const QString &key, QObject *context, SecretCallback done)
{
    SecretResult result;
    result.key = key;
    result.error = failureFor(key);
    if (!result.error.isError()) {
        const auto it = m_values.constFind(key);
        if (it == m_values.constEnd()) {
            result.error = {SecretError::Kind::NotFound,
                            QStringLiteral("no secret under this key")};
        } else {
            result.value = *it;
        }
    }
    complete(context, std::move(done), std::move(result));
}

void MemorySecretStore::write(const QString &key, const QByteArray &value, QObject *context,
                              SecretCallback done)
{
    SecretResult result;
    result.key = key;
    result.error = failureFor(key);
    if (!result.error.isError()) {
        auto it = m_values.find(key);
        if (it != m_values.end()) {
            wipe(*it);
        }
        m_values.insert(key, QByteArray(value.constData(), value.size())); // a deep copy
    }
    complete(context, std::move(done), std::move(result));
}

void MemorySecretStore::remove(const QString &key, QObject *context, SecretCallback done)
{
    SecretResult result;
    result.key = key;
    result.error = failureFor(key);
    if (!result.error.isError()) {
        auto it = m_values.find(key);
        if (it != m_values.end()) {
            wipe(*it);
            m_values.erase(it);
        }
    }
    complete(context, std::move(done), std::move(result));
}

void MemorySecretStore::setFailure(const QString &key, const SecretError &error)
{
    if (error.isError()) {
        m_keyFailures.insert(key, error);
    } else {
        m_keyFailures.remove(key);
    }
}

SecretError MemorySecretStore::failureFor(const QString &key) const
{
    if (m_failure.isError()) {
        return m_failure;
    }
    return m_keyFailures.value(key);
}

void MemorySecretStore::complete(QObject *context, SecretCallback done, SecretResult result)
{
    // Queued: the caller sees the same order of events as with a real keychain, and nothing
    // is called once context is gone.
    QMetaObject::invokeMethod(
        context, [done = std::move(done), result = std::move(result)] { done(result); },
        Qt::QueuedConnection);
}

void MemorySecretStore::wipe(QByteArray &value)
{
    if (!value.isEmpty()) {
        value.fill('\0'); // best effort: a copy read() handed out keeps its bytes
    }
}

} // namespace Tokenscope::Profiles
