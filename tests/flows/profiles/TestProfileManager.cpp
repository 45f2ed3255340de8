// Profiles with their secrets: values go to the SecretStore and never to disk, a save
// survives a keychain that is unavailable or locked and says which secret was not stored and
// why, and deleting a profile deletes its secrets and reports those it could not delete.
#include "profiles/MemorySecretStore.h"
#include "profiles/ProfileManager.h"
#include "profiles/SecretKey.h"

#include <QDirIterator>
#include <QFile>
#include <QRandomGenerator>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <QUrl>

using namespace Tokenscope::Profiles;

namespace {

// Collects the one result of an asynchronous call.
template<typename Result>
struct Outcome
{
    std::optional<Result> result;
    int calls = 0;
    auto callback()
    {
        return [this](const Result &r) {
            result = r;
            ++calls;
        };
    }
};

QByteArray randomBytes(int size)
{
    QByteArray bytes(size, Qt::Uninitialized);
    QRandomGenerator::global()->fillRange(reinterpret_cast<quint32 *>(bytes.data()),
                                          size / static_cast<int>(sizeof(quint32)));
    return bytes;
}

} // namespace

class TestProfileManager final : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void cleanup();

    void secretsGoToTheStoreAndReferencesToTheFile();
    void noTraceOfASecretReachesAnyFile();
    void unavailableKeychainStillSavesAndNamesTheSecret();
    void lockedKeychainForOneSecretNamesOnlyThatOne();
    void refreshTokenIsRefusedUnlessTheProfileKeepsThem();
    void guardedSaveThatWouldFailLeavesTheKeychainAlone();
    void removeDeletesTheFileAndEverySecret();
    void removeReportsSecretsThatCouldNotBeDeleted();
    void callbackIsDroppedWhenItsContextIsGone();

private:
    std::unique_ptr<QTemporaryDir> m_tmp;
    std::unique_ptr<ProfileStore> m_store;
    std::unique_ptr<MemorySecretStore> m_secrets;
    std::unique_ptr<ProfileManager> m_manager;
};

void TestProfileManager::init()
{
    m_tmp = std::make_unique<QTemporaryDir>();
    QVERIFY(m_tmp->isValid());
    m_store = std::make_unique<ProfileStore>(m_tmp->filePath(QStringLiteral("config/profiles")));
    m_secrets = std::make_unique<MemorySecretStore>();
    m_manager = std::make_unique<ProfileManager>(*m_store, *m_secrets);
}

void TestProfileManager::cleanup()
{
    m_manager.reset();
    m_secrets.reset();
    m_store.reset();
    m_tmp.reset();
}

void TestProfileManager::secretsGoToTheStoreAndReferencesToTheFile()
{
    Profile profile = Profile::create(QStringLiteral("p"));
    const QByteArray secret("s3cr3t\0with nul", 15);
    Outcome<ProfileSaveResult> saved;
    m_manager->save(profile, {{SecretKind::ClientSecret, secret}}, SaveMode::Guarded, this,
                    saved.callback());
    QCOMPARE(saved.calls, 0); // never before save() returns
    QTRY_COMPARE(saved.calls, 1);
    QVERIFY(saved.result->ok());
    QCOMPARE(saved.result->notStored().size(), 0);
    QCOMPARE(saved.result->secrets.size(), 1);
    QCOMPARE(saved.result->profile.secrets.value(SecretKind::ClientSecret).location,
             SecretRef::Location::SecretStore);
    QCOMPARE(m_secrets->keys(),
             QStringList{SecretKey::build(profile.id, SecretKind::ClientSecret)});
    QCOMPARE(m_store->load(profile.id).profile.secrets.keys(),
             QList<SecretKind>{SecretKind::ClientSecret});

    Outcome<SecretResult> read;
    m_manager->readSecret(profile.id, SecretKind::ClientSecret, this, read.callback());
    QTRY_COMPARE(read.calls, 1);
    QVERIFY(read.result->ok());
    QCOMPARE(read.result->value, secret);
}

void TestProfileManager::noTraceOfASecretReachesAnyFile()
{
    // A canary: a unique random secret, then every file under the config directory is
    // searched for it in every encoding a careless serializer might use.
    const QByteArray canary = "canary-" + randomBytes(24).toHex();
    Profile profile = Profile::create(QStringLiteral("canary"));
    profile.client.clientId = QStringLiteral("client");
    profile.storeRefreshTokens = true;
    QMap<SecretKind, QByteArray> secrets;
    for (const SecretKind kind : SecretKey::allKinds()) {
        secrets.insert(kind, canary + '-' + SecretKey::kindName(kind).toLatin1());
    }
    secrets.insert(SecretKind::ClientSecret, canary);
    Outcome<ProfileSaveResult> saved;
    m_manager->save(profile, secrets, SaveMode::Guarded, this, saved.callback());
    QTRY_COMPARE(saved.calls, 1);
    QVERIFY(saved.result->ok());
    QCOMPARE(saved.result->notStored().size(), 0);
    QCOMPARE(saved.result->profile.secrets.size(), SecretKey::allKinds().size());
    // Saved once more with nothing new: the file is rewritten from the references.
    Outcome<ProfileSaveResult> again;
    m_manager->save(saved.result->profile, {}, SaveMode::Guarded, this, again.callback());
    QTRY_COMPARE(again.calls, 1);
    QVERIFY(again.result->ok());

    const QList<QByteArray> needles = {
        canary,
        canary.toBase64(),
        canary.toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals),
        canary.toPercentEncoding(),
        canary.toHex(),
        canary.mid(7), // the random part alone
    };
    int files = 0;
    QDirIterator it(m_tmp->path(), QDir::Files | QDir::Hidden | QDir::System,
                    QDirIterator::Subdirectories);
    while (it.hasNext()) {
        const QString path = it.next();
        QFile file(path);
        QVERIFY2(file.open(QIODevice::ReadOnly), qPrintable(path));
        const QByteArray bytes = file.readAll();
        for (const QByteArray &needle : needles) {
            QVERIFY2(!bytes.contains(needle), qPrintable(path));
        }
        ++files;
    }
    QCOMPARE(files, 1);
}

void TestProfileManager::unavailableKeychainStillSavesAndNamesTheSecret()
{
    m_secrets->setFailure(
        SecretError{SecretError::Kind::Unavailable, QStringLiteral("no secret service")});
    Profile profile = Profile::create(QStringLiteral("p"));
    Outcome<ProfileSaveResult> saved;
    m_manager->save(profile, {{SecretKind::ClientSecret, "a"}, {SecretKind::Password, "b"}},
                    SaveMode::Guarded, this, saved.callback());
    QTRY_COMPARE(saved.calls, 1);
    QVERIFY(saved.result->ok()); // the profile is saved
    const QList<SecretOutcome> notStored = saved.result->notStored();
    QCOMPARE(notStored.size(), 2);
    QCOMPARE(notStored.at(0).kind, SecretKind::ClientSecret);
    QCOMPARE(notStored.at(0).status, SecretOutcome::Status::Failed);
    QCOMPARE(notStored.at(0).error.kind, SecretError::Kind::Unavailable);
    QCOMPARE(notStored.at(0).error.message, QStringLiteral("no secret service"));
    QCOMPARE(notStored.at(1).kind, SecretKind::Password);
    // The file refers to no secret, since none was stored.
    const ProfileLoad loaded = ProfileStore(m_store->directory()).load(profile.id);
    QVERIFY(!loaded.error.isError());
    QVERIFY(loaded.profile.secrets.isEmpty());
}

void TestProfileManager::lockedKeychainForOneSecretNamesOnlyThatOne()
{
    Profile profile = Profile::create(QStringLiteral("p"));
    profile.secrets.insert(SecretKind::PrivateKey,
                           SecretRef{SecretRef::Location::File, QStringLiteral("k.pem")});
    m_secrets->setFailure(SecretKey::build(profile.id, SecretKind::Password),
                          SecretError{SecretError::Kind::Locked, QStringLiteral("locked")});
    Outcome<ProfileSaveResult> saved;
    m_manager->save(profile, {{SecretKind::ClientSecret, "a"}, {SecretKind::Password, "b"}},
                    SaveMode::Guarded, this, saved.callback());
    QTRY_COMPARE(saved.calls, 1);
    QVERIFY(saved.result->ok());
    QCOMPARE(saved.result->notStored().size(), 1);
    QCOMPARE(saved.result->notStored().constFirst().kind, SecretKind::Password);
    QCOMPARE(saved.result->notStored().constFirst().error.kind, SecretError::Kind::Locked);
    const Profile loaded = m_store->load(profile.id).profile;
    QCOMPARE(loaded.secrets.keys(),
             (QList<SecretKind>{SecretKind::ClientSecret, SecretKind::PrivateKey}));
}

void TestProfileManager::refreshTokenIsRefusedUnlessTheProfileKeepsThem()
{
    Profile profile = Profile::create(QStringLiteral("p"));
    Outcome<ProfileSaveResult> saved;
    m_manager->save(profile, {{SecretKind::RefreshToken, "rt"}}, SaveMode::Guarded, this,
                    saved.callback());
    QTRY_COMPARE(saved.calls, 1);
    QVERIFY(saved.result->ok());
    QCOMPARE(saved.result->notStored().size(), 1);
    QCOMPARE(saved.result->notStored().constFirst().status, SecretOutcome::Status::Refused);
    QVERIFY(m_secrets->keys().isEmpty());

    profile.storeRefreshTokens = true;
    Outcome<ProfileSaveResult> allowed;
    m_manager->save(profile, {{SecretKind::RefreshToken, "rt"}}, SaveMode::Guarded, this,
                    allowed.callback());
    QTRY_COMPARE(allowed.calls, 1);
    QVERIFY(allowed.result->ok());
    QCOMPARE(allowed.result->notStored().size(), 0);
    QCOMPARE(m_secrets->keys(),
             QStringList{SecretKey::build(profile.id, SecretKind::RefreshToken)});
}

void TestProfileManager::guardedSaveThatWouldFailLeavesTheKeychainAlone()
{
    const Profile profile = Profile::create(QStringLiteral("p"));
    QVERIFY(!ProfileStore(m_store->directory()).save(profile).isError()); // not via m_store
    Outcome<ProfileSaveResult> saved;
    m_manager->save(profile, {{SecretKind::ClientSecret, "a"}}, SaveMode::Guarded, this,
                    saved.callback());
    QTRY_COMPARE(saved.calls, 1);
    QCOMPARE(saved.result->error.kind, ProfileError::Kind::ChangedOnDisk);
    QVERIFY(m_secrets->keys().isEmpty());

    Outcome<ProfileSaveResult> forced;
    m_manager->save(profile, {{SecretKind::ClientSecret, "a"}}, SaveMode::Force, this,
                    forced.callback());
    QTRY_COMPARE(forced.calls, 1);
    QVERIFY(forced.result->ok());
    QCOMPARE(m_secrets->keys().size(), 1);
}

void TestProfileManager::removeDeletesTheFileAndEverySecret()
{
    Profile profile = Profile::create(QStringLiteral("p"));
    profile.storeRefreshTokens = true;
    const Profile other = Profile::create(QStringLiteral("other"));
    Outcome<ProfileSaveResult> saved;
    m_manager->save(profile,
                    {{SecretKind::ClientSecret, "a"},
                     {SecretKind::ClientKey, "b"},
                     {SecretKind::RefreshToken, "c"}},
                    SaveMode::Guarded, this, saved.callback());
    QTRY_COMPARE(saved.calls, 1);
    Outcome<ProfileSaveResult> savedOther;
    m_manager->save(other, {{SecretKind::ClientSecret, "x"}}, SaveMode::Guarded, this,
                    savedOther.callback());
    QTRY_COMPARE(savedOther.calls, 1);
    QCOMPARE(m_secrets->keys().size(), 4);

    Outcome<ProfileDeleteResult> removed;
    m_manager->remove(profile.id, this, removed.callback());
    QTRY_COMPARE(removed.calls, 1);
    QVERIFY(removed.result->ok());
    QVERIFY(!QFile::exists(m_store->pathFor(profile.id)));
    QCOMPARE(m_secrets->keys(), QStringList{SecretKey::build(other.id, SecretKind::ClientSecret)});
}

void TestProfileManager::removeReportsSecretsThatCouldNotBeDeleted()
{
    const Profile profile = Profile::create(QStringLiteral("p"));
    Outcome<ProfileSaveResult> saved;
    m_manager->save(profile, {{SecretKind::ClientSecret, "a"}, {SecretKind::Password, "b"}},
                    SaveMode::Guarded, this, saved.callback());
    QTRY_COMPARE(saved.calls, 1);
    m_secrets->setFailure(SecretKey::build(profile.id, SecretKind::Password),
                          SecretError{SecretError::Kind::Locked, QStringLiteral("locked")});
    m_secrets->setFailure(SecretKey::build(profile.id, SecretKind::DpopKey),
                          SecretError{SecretError::Kind::Other, QStringLiteral("boom")});

    Outcome<ProfileDeleteResult> removed;
    m_manager->remove(profile.id, this, removed.callback());
    QTRY_COMPARE(removed.calls, 1);
    QVERIFY(!removed.result->ok());
    QVERIFY(!removed.result->error.isError()); // the file is gone
    QVERIFY(!QFile::exists(m_store->pathFor(profile.id)));
    const QList<SecretOutcome> &failed = removed.result->secretsNotDeleted;
    QCOMPARE(failed.size(), 2);
    QCOMPARE(failed.at(0).kind, SecretKind::DpopKey);
    QCOMPARE(failed.at(0).error.message, QStringLiteral("boom"));
    QCOMPARE(failed.at(1).kind, SecretKind::Password);
    QCOMPARE(failed.at(1).error.kind, SecretError::Kind::Locked);
    QCOMPARE(m_secrets->keys(), QStringList{SecretKey::build(profile.id, SecretKind::Password)});

    // Deleting again: the file is already gone (NotFound) but the secrets are still retried.
    m_secrets->setFailure(SecretKey::build(profile.id, SecretKind::Password), SecretError{});
    m_secrets->setFailure(SecretKey::build(profile.id, SecretKind::DpopKey), SecretError{});
    Outcome<ProfileDeleteResult> again;
    m_manager->remove(profile.id, this, again.callback());
    QTRY_COMPARE(again.calls, 1);
    QCOMPARE(again.result->error.kind, ProfileError::Kind::NotFound);
    QVERIFY(again.result->secretsNotDeleted.isEmpty());
    QVERIFY(m_secrets->keys().isEmpty());
}

void TestProfileManager::callbackIsDroppedWhenItsContextIsGone()
{
    auto context = std::make_unique<QObject>();
    Outcome<ProfileSaveResult> saved;
    Outcome<SecretResult> read;
    const Profile profile = Profile::create(QStringLiteral("p"));
    m_manager->save(profile, {}, SaveMode::Guarded, context.get(), saved.callback());
    m_secrets->read(QStringLiteral("missing"), context.get(), read.callback());
    context.reset();
    // A later call on a live context completes; by then the earlier ones would have.
    Outcome<SecretResult> probe;
    m_secrets->read(QStringLiteral("missing"), this, probe.callback());
    QTRY_COMPARE(probe.calls, 1);
    QCOMPARE(probe.result->error.kind, SecretError::Kind::NotFound);
    QCOMPARE(read.calls, 0);
    QCOMPARE(saved.calls, 0);
    QVERIFY(QFile::exists(m_store->pathFor(profile.id))); // the save itself happened
}

QTEST_GUILESS_MAIN(TestProfileManager)
#include "TestProfileManager.moc"
