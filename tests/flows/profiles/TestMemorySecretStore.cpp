// The in-memory SecretStore keeps the contract of the keychain one: binary-safe values,
// NotFound for a missing key, delete of a missing key succeeds, completion strictly after
// the call returns, and injected failures are reported with their kind and message.
#include "profiles/MemorySecretStore.h"

#include <QTest>

using namespace Tokenscope::Profiles;

namespace {

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

} // namespace

class TestMemorySecretStore final : public QObject
{
    Q_OBJECT

private slots:
    void binaryValuesRoundTrip();
    void readOfAMissingKeyIsNotFound();
    void deleteOfAMissingKeyIsNotAnError();
    void injectedFailuresAreReported();

private:
    MemorySecretStore m_store;
};

void TestMemorySecretStore::binaryValuesRoundTrip()
{
    QByteArray value(16 * 1024, '\0');
    for (int i = 0; i < value.size(); ++i) {
        value[i] = static_cast<char>(i * 7);
    }
    Outcome written;
    m_store.write(QStringLiteral("k"), value, this, written.callback());
    QCOMPARE(written.calls, 0); // never before write() returns
    QTRY_COMPARE(written.calls, 1);
    QVERIFY(written.result->ok());
    QCOMPARE(written.result->key, QStringLiteral("k"));

    Outcome read;
    m_store.read(QStringLiteral("k"), this, read.callback());
    QTRY_COMPARE(read.calls, 1);
    QVERIFY(read.result->ok());
    QVERIFY(read.result->value == value);

    Outcome removed;
    m_store.remove(QStringLiteral("k"), this, removed.callback());
    QTRY_COMPARE(removed.calls, 1);
    QVERIFY(removed.result->ok());
    QVERIFY(!m_store.contains(QStringLiteral("k")));
}

void TestMemorySecretStore::readOfAMissingKeyIsNotFound()
{
    Outcome read;
    m_store.read(QStringLiteral("missing"), this, read.callback());
    QTRY_COMPARE(read.calls, 1);
    QCOMPARE(read.result->error.kind, SecretError::Kind::NotFound);
    QCOMPARE(SecretError::kindName(read.result->error.kind), QStringLiteral("not_found"));
}

void TestMemorySecretStore::deleteOfAMissingKeyIsNotAnError()
{
    Outcome removed;
    m_store.remove(QStringLiteral("missing"), this, removed.callback());
    QTRY_COMPARE(removed.calls, 1);
    QVERIFY(removed.result->ok());
}

void TestMemorySecretStore::injectedFailuresAreReported()
{
    m_store.setFailure(QStringLiteral("locked-key"),
                       SecretError{SecretError::Kind::Locked, QStringLiteral("collection locked")});
    Outcome locked;
    m_store.write(QStringLiteral("locked-key"), "v", this, locked.callback());
    Outcome other;
    m_store.write(QStringLiteral("other-key"), "v", this, other.callback());
    QTRY_COMPARE(other.calls, 1);
    QCOMPARE(locked.calls, 1); // completions keep the order of the calls
    QCOMPARE(locked.result->error.kind, SecretError::Kind::Locked);
    QCOMPARE(locked.result->error.message, QStringLiteral("collection locked"));
    QVERIFY(other.result->ok());

    m_store.setFailure(SecretError{SecretError::Kind::Unavailable, QStringLiteral("no service")});
    Outcome unavailable;
    m_store.read(QStringLiteral("other-key"), this, unavailable.callback());
    QTRY_COMPARE(unavailable.calls, 1);
    QCOMPARE(unavailable.result->error.kind, SecretError::Kind::Unavailable);
    QCOMPARE(SecretError::kindName(SecretError::Kind::Unavailable), QStringLiteral("unavailable"));

    m_store.setFailure(SecretError{});
    Outcome recovered;
    m_store.read(QStringLiteral("other-key"), this, recovered.callback());
    QTRY_COMPARE(recovered.calls, 1);
    QCOMPARE(recovered.result->value, QByteArray("v"));
}

QTEST_GUILESS_MAIN(TestMemorySecretStore)
#include "TestMemorySecretStore.moc"
