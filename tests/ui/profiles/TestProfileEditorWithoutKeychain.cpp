// The editor with the real KeychainSecretStore and no Secret Service at all: the test runs
// with DBUS_SESSION_BUS_ADDRESS pointing nowhere (set by CMake), which is what a desktop
// without a keyring daemon looks like to QtKeychain. The profile is saved without its
// secret, the message says so and why, and the secret is in no file.
#include "ProfilesTestHome.h"
#include "UiSession.h"
#include "keychain/KeychainSecretStore.h"
#include "profiles/ProfileEditor.h"

#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSignalSpy>
#include <QTest>

using Tokenscope::Keychain::KeychainSecretStore;
using Tokenscope::Profiles::Profile;
using Tokenscope::Profiles::ProfileManager;
using Tokenscope::Profiles::ProfileStore;
using Tokenscope::Profiles::SecretKind;

class TestProfileEditorWithoutKeychain final : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void missingSecretServiceKeepsProfileAndSaysWhy();
};

void TestProfileEditorWithoutKeychain::initTestCase()
{
    QCOMPARE(qgetenv("DBUS_SESSION_BUS_ADDRESS"), QByteArray("unix:path=/nonexistent"));
    QVERIFY(ProfileStore::defaultDirectory().startsWith(profilesTestHome().path()));
}

void TestProfileEditorWithoutKeychain::missingSecretServiceKeepsProfileAndSaysWhy()
{
    UiSession session;
    // A service name of its own, should a keyring answer after all.
    KeychainSecretStore keychain(QStringLiteral("Tokenscope UI test"));
    ProfileStore store(ProfileStore::defaultDirectory());
    ProfileManager manager(store, keychain);
    ProfileEditor editor(&manager, &session.discovery, SecretBackend::SystemKeychain);
    editor.resize(800, 900);
    editor.show();
    QVERIFY(QTest::qWaitForWindowExposed(&editor));

    Profile draft = Profile::create(QStringLiteral("No keyring here"));
    draft.client.clientId = QStringLiteral("confidential-client");
    editor.setProfile(draft, true);
    const QByteArray secret = "no-keyring-secret-4b9e21c07d";
    QTest::keyClicks(childNamed<QLineEdit>(&editor, "clientSecretEdit"),
                     QString::fromLatin1(secret));
    QSignalSpy saved(&editor, &ProfileEditor::saved);
    QTest::mouseClick(childNamed<QPushButton>(&editor, "saveButton"), Qt::LeftButton);
    QVERIFY(saved.wait(20000)); // libsecret gives up on a missing bus at once; no hang

    const auto loaded = store.load(draft.id);
    QVERIFY2(!loaded.error.isError(), qPrintable(loaded.error.message));
    QVERIFY(!loaded.profile.secrets.contains(SecretKind::ClientSecret));

    const QString text = editor.secretMessage();
    QVERIFY2(text.contains(QStringLiteral("the client secret was NOT stored")), qPrintable(text));
    QVERIFY2(text.contains(QStringLiteral("no system keychain is available")), qPrintable(text));
    QCOMPARE(editor.backendState(), ProfileEditor::BackendState::Unavailable);
    const QString backend = childNamed<QLabel>(&editor, "secretBackendLabel")->text();
    QVERIFY2(backend.startsWith(QStringLiteral("System keychain (Secret Service) — unavailable")),
             qPrintable(backend));

    QVERIFY(filesInTestHome().contains(store.pathFor(draft.id)));
    QCOMPARE(filesContaining(secret), QStringList());
    QCOMPARE(filesContaining(secret.toBase64()), QStringList());
}

TOKENSCOPE_PROFILES_TEST_MAIN(TestProfileEditorWithoutKeychain)
#include "TestProfileEditorWithoutKeychain.moc"
