#include "KeychainSecretStore.h"

#include "profiles/SecretKey.h"

#include <QLoggingCategory>
#include <QObject>
#ifdef TOKENSCOPE_KEYCHAIN_DBUS
#include <QDBusConnection>
#endif
#include <qt6keychain/keychain.h>

namespace Tokenscope::Keychain {

Q_LOGGING_CATEGORY(lcKeychain, "tokenscope.flows.keychain", QtInfoMsg)

using Profiles::SecretCallback;
using Profiles::SecretError;
using Profiles::SecretResult;

namespace {

// D-Bus error names that mean "there is no secret service to talk to". libsecret passes
// them through in its message ("GDBus.Error:org.freedesktop.DBus.Error.ServiceUnknown: …")
// and QtKeychain reports them as OtherError; the names are stable, unlike the messages.
bool namesMissingService(const QString &message)
{
    static const QLatin1String names[] = {
        QLatin1String("org.freedesktop.DBus.Error.ServiceUnknown"),
        QLatin1String("org.freedesktop.DBus.Error.NameHasNoOwner"),
        QLatin1String("org.freedesktop.DBus.Error.NoServer"),
        QLatin1String("org.freedesktop.DBus.Error.NoReply"),
        QLatin1String("org.freedesktop.DBus.Error.Disconnected"),
        QLatin1String("org.freedesktop.DBus.Error.Spawn."),
    };
    for (const QLatin1String &name : names) {
        if (message.contains(name)) {
            return true;
        }
    }
    return false;
}

// When the session bus itself can't be reached, libsecret reports GLib's "Could not
// connect: …" (translated, no error name) and QtKeychain calls it OtherError. Asking Qt
// whether the bus is there tells it apart from a real failure without reading the message.
bool sessionBusUnreachable()
{
#ifdef TOKENSCOPE_KEYCHAIN_DBUS
    return !QDBusConnection::sessionBus().isConnected();
#else
    return false;
#endif
}

} // namespace

KeychainSecretStore::KeychainSecretStore(QString service)
    : m_service(service.isEmpty() ? Profiles::SecretKey::serviceName() : std::move(service))
{}

SecretError KeychainSecretStore::errorFrom(int code, const QString &message)
{
    switch (code) {
    case QKeychain::NoError:
        return {};
    case QKeychain::EntryNotFound:
        return {SecretError::Kind::NotFound, message};
    case QKeychain::AccessDenied:
    case QKeychain::AccessDeniedByUser:
        return {SecretError::Kind::Locked, message};
    case QKeychain::NoBackendAvailable:
    case QKeychain::NotImplemented:
        return {SecretError::Kind::Unavailable, message};
    default:
        if (namesMissingService(message) || sessionBusUnreachable()) {
            return {SecretError::Kind::Unavailable, message};
        }
        return {SecretError::Kind::Other, message};
    }
}

void KeychainSecretStore::read(const QString &key, QObject *context, SecretCallback done)
{
    start(new QKeychain::ReadPasswordJob(m_service), key, context, std::move(done), false);
}

void KeychainSecretStore::write(const QString &key, const QByteArray &value, QObject *context,
                                SecretCallback done)
{
    auto *job = new QKeychain::WritePasswordJob(m_service);
    job->setBinaryData(value);
    start(job, key, context, std::move(done), false);
}

void KeychainSecretStore::remove(const QString &key, QObject *context, SecretCallback done)
{
    start(new QKeychain::DeletePasswordJob(m_service), key, context, std::move(done), true);
}

void KeychainSecretStore::start(QKeychain::Job *job, const QString &key, QObject *context,
                                SecretCallback done, bool isRemove)
{
    job->setKey(key);
    job->setInsecureFallback(false);
    // The job has no parent and deletes itself (deleteLater) after finished(): destroying a
    // job while libsecret still holds a callback into it would be a use after free, so it
    // outlives this store and the caller if it must. The connection's context makes sure
    // done is not called once the caller is gone.
    job->setAutoDelete(true);
    QObject::connect(
        job, &QKeychain::Job::finished, context,
        [done = std::move(done), isRemove](QKeychain::Job *finished) {
            SecretResult result;
            result.key = finished->key();
            result.error = errorFrom(finished->error(), finished->errorString());
            if (isRemove && result.error.kind == SecretError::Kind::NotFound) {
                result.error = {}; // nothing to delete: the postcondition holds
            }
            if (!result.error.isError()) {
                if (auto *read = qobject_cast<QKeychain::ReadPasswordJob *>(finished)) {
                    result.value = read->binaryData();
                }
            } else {
                qCDebug(lcKeychain) << "job for" << result.key << "failed:" << finished->error()
                                    << finished->errorString();
            }
            done(result);
        });
    job->start();
}

} // namespace Tokenscope::Keychain
