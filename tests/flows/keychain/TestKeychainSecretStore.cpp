// The QtKeychain SecretStore against the real gnome-keyring of the D-Bus session that
// scripts/test starts (unlocked, in fresh XDG directories): binary values of the sizes that
// matter round trip, a missing key is NotFound, and with no secret service at all an
// operation ends with Unavailable instead of hanging.
#include "keychain/KeychainSecretStore.h"
#include "profiles/SecretKey.h"

#include <QCoreApplication>
#include <QDirIterator>
#include <QFile>
#include <QProcess>
#include <QRandomGenerator>
#include <QSignalSpy>
#include <QTest>

#include <cstdio>

using namespace Tokenscope::Profiles;
using Tokenscope::Keychain::KeychainSecretStore;

namespace {

constexpr char ChildVariable[] = "TOKENSCOPE_KEYCHAIN_TEST_CHILD";
constexpr int KeyringTimeoutMs = 10'000;

struct Outcome
{
    std::optional<SecretResult> result;
    int calls = 0;
    SecretCallback callback()
    {
        return [this](const SecretResult &r) {
            result = r;
            ++calls;
        };
    }
};

// Random bytes with NULs, high bytes and a leading and trailing NUL for good measure.
QByteArray randomBinary(int size)
{
    QByteArray bytes(size, Qt::Uninitialized);
    for (char &byte : bytes) {
        byte = static_cast<char>(QRandomGenerator::global()->bounded(256));
    }
    bytes[0] = '\0';
    bytes[size - 1] = '\0';
    if (size > 3) {
        bytes[size / 2] = '\0';
        bytes[1] = '\xff';
    }
    return bytes;
}

// The child: one write and one read with no secret service; prints each error kind.
int runChild()
{
    KeychainSecretStore store(QStringLiteral("Tokenscope-test"));
    QObject context;
    const QString key = SecretKey::build(QUuid::createUuid(), SecretKind::ClientSecret);
    store.write(key, QByteArrayLiteral("value"), &context, [&](const SecretResult &written) {
        std::printf("write=%s\n", qPrintable(SecretError::kindName(written.error.kind)));
        std::fflush(stdout);
        store.read(key, &context, [](const SecretResult &read) {
            std::printf("read=%s\n", qPrintable(SecretError::kindName(read.error.kind)));
            std::fflush(stdout);
            QCoreApplication::exit(0);
        });
    });
    return QCoreApplication::exec();
}

} // namespace

class TestKeychainSecretStore final : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void cleanupTestCase();

    void binaryRoundTrip_data();
    void binaryRoundTrip();
    void overwriteReplacesTheValue();
    void readOfAMissingKeyIsNotFound();
    void deleteOfAMissingKeyIsNotAnError();
    void entriesOfOneProfileAreIndependent();
    void noPlaintextCopyReachesTheXdgDirectories();
    void noSecretServiceIsUnavailableWithoutHanging();
    void errorCodesMapToKinds();

private:
    SecretResult write(const QString &key, const QByteArray &value);
    SecretResult read(const QString &key);
    SecretResult remove(const QString &key);
    QString newKey(SecretKind kind = SecretKind::ClientSecret);

    // A service name of its own, so that a run can never touch real Tokenscope entries.
    KeychainSecretStore m_store{QStringLiteral("Tokenscope-test-") +
                                QString::number(QRandomGenerator::global()->generate())};
    QStringList m_keys;
};

SecretResult TestKeychainSecretStore::write(const QString &key, const QByteArray &value)
{
    Outcome outcome;
    m_store.write(key, value, this, outcome.callback());
    [&] {
        QTRY_COMPARE_WITH_TIMEOUT(outcome.calls, 1, KeyringTimeoutMs);
    }();
    return outcome.result.value_or(
        SecretResult{key, {}, {SecretError::Kind::Other, QStringLiteral("timed out")}});
}

SecretResult TestKeychainSecretStore::read(const QString &key)
{
    Outcome outcome;
    m_store.read(key, this, outcome.callback());
    [&] {
        QTRY_COMPARE_WITH_TIMEOUT(outcome.calls, 1, KeyringTimeoutMs);
    }();
    return outcome.result.value_or(
        SecretResult{key, {}, {SecretError::Kind::Other, QStringLiteral("timed out")}});
}

SecretResult TestKeychainSecretStore::remove(const QString &key)
{
    Outcome outcome;
    m_store.remove(key, this, outcome.callback());
    [&] {
        QTRY_COMPARE_WITH_TIMEOUT(outcome.calls, 1, KeyringTimeoutMs);
    }();
    return outcome.result.value_or(
        SecretResult{key, {}, {SecretError::Kind::Other, QStringLiteral("timed out")}});
}

QString TestKeychainSecretStore::newKey(SecretKind kind)
{
    const QString key = SecretKey::build(QUuid::createUuid(), kind);
    m_keys.append(key);
    return key;
}

void TestKeychainSecretStore::initTestCase()
{
    if (qEnvironmentVariableIsEmpty("DBUS_SESSION_BUS_ADDRESS")) {
        QFAIL("No D-Bus session bus (DBUS_SESSION_BUS_ADDRESS is not set). The keychain tests "
              "need the unlocked gnome-keyring that scripts/test starts: run scripts/test "
              "(or run ctest the way scripts/lib/test-session.sh does).");
    }
    const QString key = newKey();
    const SecretResult probe = write(key, QByteArrayLiteral("probe"));
    if (!probe.ok()) {
        QFAIL(qPrintable(QStringLiteral("The secret service does not work (%1: %2). Run the "
                                        "keychain tests through scripts/test, which starts an "
                                        "unlocked gnome-keyring.")
                             .arg(SecretError::kindName(probe.error.kind), probe.error.message)));
    }
}

void TestKeychainSecretStore::cleanupTestCase()
{
    for (const QString &key : std::as_const(m_keys)) {
        remove(key);
    }
}

void TestKeychainSecretStore::binaryRoundTrip_data()
{
    QTest::addColumn<int>("size");
    QTest::newRow("one_byte") << 1;
    QTest::newRow("bytes_2559_below_a_chunk_limit") << 2559;
    QTest::newRow("bytes_2560") << 2560;
    QTest::newRow("bytes_2561_above_a_chunk_limit") << 2561;
    QTest::newRow("kib_16") << 16 * 1024;
    QTest::newRow("kib_64") << 64 * 1024;
}

void TestKeychainSecretStore::binaryRoundTrip()
{
    QFETCH(int, size);
    const QString key = newKey();
    const QByteArray value = randomBinary(size);
    QVERIFY(value.contains('\0'));

    const SecretResult written = write(key, value);
    QVERIFY2(written.ok(), qPrintable(written.error.message));
    QCOMPARE(written.key, key);
    const SecretResult readBack = read(key);
    QVERIFY2(readBack.ok(), qPrintable(readBack.error.message));
    QCOMPARE(readBack.value.size(), value.size());
    QVERIFY(readBack.value == value);

    const SecretResult removed = remove(key);
    QVERIFY2(removed.ok(), qPrintable(removed.error.message));
    QCOMPARE(read(key).error.kind, SecretError::Kind::NotFound);
}

void TestKeychainSecretStore::overwriteReplacesTheValue()
{
    const QString key = newKey();
    QVERIFY(write(key, randomBinary(3000)).ok());
    const QByteArray second = randomBinary(17);
    QVERIFY(write(key, second).ok());
    const SecretResult readBack = read(key);
    QVERIFY(readBack.ok());
    QVERIFY(readBack.value == second);
}

void TestKeychainSecretStore::readOfAMissingKeyIsNotFound()
{
    const SecretResult result = read(newKey());
    QCOMPARE(result.error.kind, SecretError::Kind::NotFound);
    QVERIFY(result.value.isEmpty());
}

void TestKeychainSecretStore::deleteOfAMissingKeyIsNotAnError()
{
    // Our choice, stated in SecretStore: the postcondition "nothing under this key" holds.
    const SecretResult result = remove(newKey());
    QVERIFY2(result.ok(), qPrintable(SecretError::kindName(result.error.kind) +
                                     QStringLiteral(": ") + result.error.message));
}

void TestKeychainSecretStore::entriesOfOneProfileAreIndependent()
{
    const QUuid id = QUuid::createUuid();
    const QString secretKey = SecretKey::build(id, SecretKind::ClientSecret);
    const QString passwordKey = SecretKey::build(id, SecretKind::Password);
    m_keys << secretKey << passwordKey;
    QVERIFY(write(secretKey, "one").ok());
    QVERIFY(write(passwordKey, "two").ok());
    QVERIFY(remove(secretKey).ok());
    QCOMPARE(read(secretKey).error.kind, SecretError::Kind::NotFound);
    QCOMPARE(read(passwordKey).value, QByteArray("two"));
}

void TestKeychainSecretStore::noPlaintextCopyReachesTheXdgDirectories()
{
    // No insecure fallback (a QSettings file) and no unencrypted keyring: a canary written to
    // the keychain is nowhere in the session's fresh XDG directories in any plain encoding.
    const QByteArray canary =
        "canary-" + QByteArray::number(QRandomGenerator::global()->generate64(), 36);
    const QString key = newKey();
    QVERIFY(write(key, canary).ok());
    QCOMPARE(read(key).value, canary);

    const QList<QByteArray> needles = {
        canary, canary.toBase64(),
        canary.toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals),
        canary.toHex()};
    int files = 0;
    for (const char *variable : {"XDG_CONFIG_HOME", "XDG_DATA_HOME", "XDG_CACHE_HOME"}) {
        const QString dir = qEnvironmentVariable(variable);
        if (dir.isEmpty()) {
            continue;
        }
        QDirIterator it(dir, QDir::Files | QDir::Hidden, QDirIterator::Subdirectories);
        while (it.hasNext()) {
            const QString path = it.next();
            QFile file(path);
            if (!file.open(QIODevice::ReadOnly)) {
                continue; // sockets and the like
            }
            const QByteArray bytes = file.readAll();
            for (const QByteArray &needle : needles) {
                QVERIFY2(!bytes.contains(needle), qPrintable(path));
            }
            ++files;
        }
    }
    QVERIFY2(files > 0, "the search found no file at all (not even the keyring's)");
}

void TestKeychainSecretStore::noSecretServiceIsUnavailableWithoutHanging()
{
    QProcess child;
    QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
    environment.insert(QString::fromLatin1(ChildVariable), QStringLiteral("1"));
    environment.insert(QStringLiteral("DBUS_SESSION_BUS_ADDRESS"),
                       QStringLiteral("unix:path=/nonexistent"));
    child.setProcessEnvironment(environment);
    child.setProgram(QCoreApplication::applicationFilePath());
    QSignalSpy finished(&child, &QProcess::finished);
    child.start();
    QVERIFY2(child.waitForStarted(), qPrintable(child.errorString()));
    QTRY_COMPARE(finished.count(), 1); // the default QTRY timeout: no hang
    const QByteArray out = child.readAllStandardOutput();
    const QByteArray err = child.readAllStandardError();
    QVERIFY2(child.exitStatus() == QProcess::NormalExit && child.exitCode() == 0, err.constData());
    QCOMPARE(out, QByteArray("write=unavailable\nread=unavailable\n"));
}

void TestKeychainSecretStore::errorCodesMapToKinds()
{
    // QKeychain::Error values (keychain.h): 0 NoError, 1 EntryNotFound, 2 CouldNotDeleteEntry,
    // 3 AccessDeniedByUser, 4 AccessDenied, 5 NoBackendAvailable, 6 NotImplemented, 7 Other.
    QCOMPARE(KeychainSecretStore::errorFrom(0, {}).kind, SecretError::Kind::None);
    QCOMPARE(KeychainSecretStore::errorFrom(1, {}).kind, SecretError::Kind::NotFound);
    QCOMPARE(KeychainSecretStore::errorFrom(2, {}).kind, SecretError::Kind::Other);
    QCOMPARE(KeychainSecretStore::errorFrom(3, {}).kind, SecretError::Kind::Locked);
    QCOMPARE(KeychainSecretStore::errorFrom(4, {}).kind, SecretError::Kind::Locked);
    QCOMPARE(KeychainSecretStore::errorFrom(5, {}).kind, SecretError::Kind::Unavailable);
    QCOMPARE(KeychainSecretStore::errorFrom(6, {}).kind, SecretError::Kind::Unavailable);
    QCOMPARE(KeychainSecretStore::errorFrom(7, QStringLiteral("Something broke")).kind,
             SecretError::Kind::Other);
    QCOMPARE(KeychainSecretStore::errorFrom(
                 7, QStringLiteral("GDBus.Error:org.freedesktop.DBus.Error.ServiceUnknown: The "
                                   "name org.freedesktop.secrets was not provided by any "
                                   ".service files"))
                 .kind,
             SecretError::Kind::Unavailable);
    QCOMPARE(KeychainSecretStore::errorFrom(7, QStringLiteral("x")).message, QStringLiteral("x"));
}

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    if (qEnvironmentVariableIsSet(ChildVariable)) {
        return runChild();
    }
    TestKeychainSecretStore test;
    QTEST_SET_MAIN_SOURCE_PATH
    return QTest::qExec(&test, argc, argv);
}

#include "TestKeychainSecretStore.moc"
