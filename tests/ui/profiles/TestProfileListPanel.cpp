// The profile list: new → save → listed, search, duplicate (settings, not secrets), rename
// (same id, the secret stays), delete (after confirmation, the secret goes too), export and
// import through the dialog seam, and "Use" handing the saved profile on.
#include "ProfilesTestHome.h"
#include "UiSession.h"
#include "common/MessageBox.h"
#include "profiles/ProfileDialogs.h"
#include "profiles/ProfileEditor.h"
#include "profiles/ProfileExport.h"
#include "profiles/ProfileListPanel.h"
#include "profiles/SecretKey.h"

#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QPushButton>
#include <QSignalSpy>
#include <QTest>

using Tokenscope::Profiles::MemorySecretStore;
using Tokenscope::Profiles::Profile;
using Tokenscope::Profiles::ProfileExport;
using Tokenscope::Profiles::ProfileExportError;
using Tokenscope::Profiles::ProfileManager;
using Tokenscope::Profiles::ProfileStore;
using Tokenscope::Profiles::SecretKey;
using Tokenscope::Profiles::SecretKind;
using Tokenscope::Profiles::SecretResult;

namespace {

constexpr int NameRole = Qt::UserRole + 1;

QStringList shownNames(const QListWidget *list)
{
    QStringList names;
    for (int row = 0; row < list->count(); ++row) {
        if (!list->item(row)->isHidden())
            names.append(list->item(row)->data(NameRole).toString());
    }
    return names;
}

int rowOf(const QListWidget *list, const QString &name)
{
    for (int row = 0; row < list->count(); ++row) {
        if (list->item(row)->data(NameRole).toString() == name)
            return row;
    }
    return -1;
}

Profile sampleProfile(const QString &name, const QString &issuer, const QString &clientId)
{
    Profile profile = Profile::create(name);
    profile.provider.issuer = QUrl(issuer);
    profile.client.clientId = clientId;
    profile.client.redirectUris = {QUrl(QStringLiteral("http://127.0.0.1/callback"))};
    profile.client.defaultScopes = {QStringLiteral("openid"), QStringLiteral("profile")};
    return profile;
}

} // namespace

class TestProfileListPanel final : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void cleanup();

    void newProfileIsSavedAndListed();
    void duplicateNameIsDetected();
    void searchFiltersByNameIssuerAndClientId();
    void renameKeepsIdAndSecret();
    void renameToATakenNameIsRefused();
    void deleteAsksThenRemovesFileAndSecret();
    void duplicateCopiesSettingsNotSecrets();
    void useAndDoubleClickChooseTheSavedProfile();
    void exportThenImportRestoresProfiles();
    void encryptedExportCarriesTheSecrets();

private:
    void makePanel();
    Profile addProfile(const Profile &profile, const QByteArray &clientSecret = {});
    void selectName(const QString &name);
    QPushButton *button(const char *name) const
    {
        return childNamed<QPushButton>(m_panel.get(), name);
    }

    std::unique_ptr<UiSession> m_session;
    std::unique_ptr<MemorySecretStore> m_secrets;
    std::unique_ptr<ProfileStore> m_store;
    std::unique_ptr<ProfileManager> m_manager;
    std::unique_ptr<ProfileListPanel> m_panel;
    QListWidget *m_list = nullptr;
};

void TestProfileListPanel::init()
{
    QVERIFY(ProfileStore::defaultDirectory().startsWith(profilesTestHome().path()));
    QDir(ProfileStore::defaultDirectory()).removeRecursively();
    ProfileDialogs::clearAnswers();
    m_session = std::make_unique<UiSession>();
    m_secrets = std::make_unique<MemorySecretStore>();
    m_store = std::make_unique<ProfileStore>(ProfileStore::defaultDirectory());
    m_manager = std::make_unique<ProfileManager>(*m_store, *m_secrets);
}

void TestProfileListPanel::makePanel()
{
    m_panel = std::make_unique<ProfileListPanel>(m_manager.get(), &m_session->discovery,
                                                 SecretBackend::SystemKeychain);
    m_panel->resize(1200, 800);
    m_panel->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_panel.get()));
    m_panel->activateWindow();
    QVERIFY(QTest::qWaitForWindowActive(m_panel.get()));
    QCOMPARE(m_panel->objectName(), QStringLiteral("profileListPanel"));
    m_list = childNamed<QListWidget>(m_panel.get(), "profileList");
    QVERIFY(m_list);
}

void TestProfileListPanel::cleanup()
{
    m_panel.reset();
    m_manager.reset();
    m_store.reset();
    m_secrets.reset();
    m_session.reset();
}

Profile TestProfileListPanel::addProfile(const Profile &profile, const QByteArray &clientSecret)
{
    QMap<SecretKind, QByteArray> secrets;
    if (!clientSecret.isEmpty())
        secrets.insert(SecretKind::ClientSecret, clientSecret);
    const auto result = saveAndWait(*m_manager, profile, secrets);
    if (!result || !result->ok() || !result->notStored().isEmpty())
        qWarning("could not save the test profile");
    return result ? result->profile : Profile();
}

void TestProfileListPanel::selectName(const QString &name)
{
    const int row = rowOf(m_list, name);
    QVERIFY2(row >= 0, qPrintable(name));
    const QRect rect = m_list->visualItemRect(m_list->item(row));
    QTest::mouseClick(m_list->viewport(), Qt::LeftButton, {}, rect.center());
    QCOMPARE(m_list->currentRow(), row);
}

void TestProfileListPanel::newProfileIsSavedAndListed()
{
    makePanel();
    QCOMPARE(m_list->count(), 0);
    QTest::mouseClick(button("newProfileButton"), Qt::LeftButton);
    auto *name = childNamed<QLineEdit>(m_panel.get(), "nameEdit");
    QCOMPARE(name->text(), QStringLiteral("New profile"));
    QVERIFY(name->hasFocus());
    name->selectAll();
    QTest::keyClicks(name, QStringLiteral("Keycloak dev"));
    QTest::keyClicks(childNamed<QLineEdit>(m_panel.get(), "clientIdEdit"),
                     QStringLiteral("tokenscope-public"));
    QTest::keyClicks(childNamed<QLineEdit>(m_panel.get(), "issuerEdit"),
                     QStringLiteral("https://kc.example/realms/dev"));
    QCOMPARE(m_list->count(), 0); // a draft is not listed until it is saved

    QTest::mouseClick(button("saveButton"), Qt::LeftButton);
    QTRY_COMPARE(shownNames(m_list), QStringList{QStringLiteral("Keycloak dev")});
    QCOMPARE(m_list->currentRow(), 0);
    QVERIFY(m_list->item(0)->text().contains(QStringLiteral("https://kc.example/realms/dev")));
    QCOMPARE(m_panel->profiles().size(), 1);
    const Profile saved = m_panel->profiles().constFirst();
    QCOMPARE(saved.client.clientId, QStringLiteral("tokenscope-public"));
    QVERIFY(QFile::exists(m_store->pathFor(saved.id)));
    QVERIFY(!m_panel->editor()->isModified());
    // A second new profile gets a name of its own.
    QTest::mouseClick(button("newProfileButton"), Qt::LeftButton);
    QCOMPARE(name->text(), QStringLiteral("New profile"));
    QVERIFY(button("saveButton")->isEnabled());
}

void TestProfileListPanel::duplicateNameIsDetected()
{
    addProfile(sampleProfile(QStringLiteral("Auth0 prod"), QStringLiteral("https://a.example"),
                             QStringLiteral("abc")));
    addProfile(sampleProfile(QStringLiteral("Okta"), QStringLiteral("https://o.example"),
                             QStringLiteral("def")));
    makePanel();
    QCOMPARE(m_list->count(), 2);

    // A new profile named like an existing one, in another case.
    QTest::mouseClick(button("newProfileButton"), Qt::LeftButton);
    auto *name = childNamed<QLineEdit>(m_panel.get(), "nameEdit");
    auto *message = childNamed<QLabel>(m_panel.get(), "nameMessage");
    name->clear();
    QTest::keyClicks(name, QStringLiteral("AUTH0 PROD"));
    QVERIFY(message->isVisible());
    QVERIFY(message->text().contains(QStringLiteral("already named “Auth0 prod”")));
    QVERIFY(!button("saveButton")->isEnabled());
    QTest::keyClicks(name, QStringLiteral(" 2"));
    QVERIFY(!message->isVisible());
    QVERIFY(button("saveButton")->isEnabled());

    // Editing an existing profile: its own name is fine, the other's is not.
    MessageBox::setNextAnswer(QMessageBox::Discard);
    selectName(QStringLiteral("Okta"));
    QCOMPARE(name->text(), QStringLiteral("Okta"));
    QVERIFY(!message->isVisible());
    name->clear();
    QTest::keyClicks(name, QStringLiteral("auth0 prod"));
    QVERIFY(message->isVisible());
    QVERIFY(!button("saveButton")->isEnabled());
}

void TestProfileListPanel::searchFiltersByNameIssuerAndClientId()
{
    addProfile(sampleProfile(QStringLiteral("Keycloak dev"),
                             QStringLiteral("https://kc.example/realms/dev"),
                             QStringLiteral("spa")));
    addProfile(sampleProfile(QStringLiteral("Okta"), QStringLiteral("https://dev-1.okta.example"),
                             QStringLiteral("0oa1b2c3")));
    addProfile(sampleProfile(QStringLiteral("Sandbox"), QStringLiteral("http://127.0.0.1:9000"),
                             QStringLiteral("machine-client")));
    makePanel();
    auto *search = childNamed<QLineEdit>(m_panel.get(), "profileSearchEdit");
    const QStringList all{QStringLiteral("Keycloak dev"), QStringLiteral("Okta"),
                          QStringLiteral("Sandbox")};
    QCOMPARE(shownNames(m_list), all);

    QTest::keyClicks(search, QStringLiteral("OKTA")); // name and issuer, any case
    QCOMPARE(shownNames(m_list), QStringList{QStringLiteral("Okta")});
    search->clear();
    QTest::keyClicks(search, QStringLiteral("realms")); // issuer only
    QCOMPARE(shownNames(m_list), QStringList{QStringLiteral("Keycloak dev")});
    search->clear();
    QTest::keyClicks(search, QStringLiteral("machine")); // client_id only
    QCOMPARE(shownNames(m_list), QStringList{QStringLiteral("Sandbox")});
    search->clear();
    QTest::keyClicks(search, QStringLiteral("nothing like this"));
    QCOMPARE(shownNames(m_list), QStringList());
    QVERIFY(!button("exportProfilesButton")->isEnabled());
    search->clear();
    QCOMPARE(shownNames(m_list), all);
}

void TestProfileListPanel::renameKeepsIdAndSecret()
{
    const Profile original =
        addProfile(sampleProfile(QStringLiteral("Staging"), QStringLiteral("https://s.example"),
                                 QStringLiteral("confidential")),
                   "rename-me-secret");
    const QString key = SecretKey::build(original.id, SecretKind::ClientSecret);
    QVERIFY(m_secrets->contains(key));
    makePanel();
    selectName(QStringLiteral("Staging"));

    ProfileDialogs::queueAnswer(QStringLiteral("Staging (EU)"));
    QTest::mouseClick(button("renameProfileButton"), Qt::LeftButton);
    QVERIFY(ProfileDialogs::lastPrompt().contains(QStringLiteral("“Staging”")));
    QTRY_COMPARE(shownNames(m_list), QStringList{QStringLiteral("Staging (EU)")});

    const auto loaded = m_store->load(original.id);
    QVERIFY(!loaded.error.isError());
    QCOMPARE(loaded.profile.id, original.id);
    QCOMPARE(loaded.profile.name, QStringLiteral("Staging (EU)"));
    QVERIFY(loaded.profile.secrets.contains(SecretKind::ClientSecret));
    QCOMPARE(m_secrets->keys(), QStringList{key});
    std::optional<SecretResult> read;
    m_manager->readSecret(original.id, SecretKind::ClientSecret, this,
                          [&read](const SecretResult &r) { read = r; });
    QTRY_VERIFY(read.has_value());
    QCOMPARE(read->value, QByteArray("rename-me-secret"));
    QCOMPARE(m_panel->editor()->savedProfile().name, QStringLiteral("Staging (EU)"));
    QCOMPARE(childNamed<QLineEdit>(m_panel.get(), "nameEdit")->text(),
             QStringLiteral("Staging (EU)"));
    QVERIFY(m_panel->statusText().contains(QStringLiteral("secrets stay")));
}

void TestProfileListPanel::renameToATakenNameIsRefused()
{
    const Profile a = addProfile(sampleProfile(
        QStringLiteral("A"), QStringLiteral("https://a.example"), QStringLiteral("a")));
    addProfile(sampleProfile(QStringLiteral("B"), QStringLiteral("https://b.example"),
                             QStringLiteral("b")));
    makePanel();
    selectName(QStringLiteral("A"));
    ProfileDialogs::queueAnswer(QStringLiteral("b"));
    QTest::mouseClick(button("renameProfileButton"), Qt::LeftButton);
    QVERIFY(m_panel->statusText().contains(QStringLiteral("already named “b”")));
    QCOMPARE(m_store->load(a.id).profile.name, QStringLiteral("A"));
    // Cancelling the prompt changes nothing either.
    ProfileDialogs::queueAnswer(std::nullopt);
    QTest::mouseClick(button("renameProfileButton"), Qt::LeftButton);
    QCOMPARE(shownNames(m_list), (QStringList{QStringLiteral("A"), QStringLiteral("B")}));
}

void TestProfileListPanel::deleteAsksThenRemovesFileAndSecret()
{
    const Profile doomed =
        addProfile(sampleProfile(QStringLiteral("Old tenant"),
                                 QStringLiteral("https://old.example"), QStringLiteral("x")),
                   "delete-me-secret");
    const Profile kept =
        addProfile(sampleProfile(QStringLiteral("Current tenant"),
                                 QStringLiteral("https://new.example"), QStringLiteral("y")),
                   "keep-me-secret");
    const QString doomedKey = SecretKey::build(doomed.id, SecretKind::ClientSecret);
    const QString keptKey = SecretKey::build(kept.id, SecretKind::ClientSecret);
    makePanel();
    selectName(QStringLiteral("Old tenant"));

    // "No" keeps everything.
    MessageBox::setNextAnswer(QMessageBox::No);
    QTest::mouseClick(button("deleteProfileButton"), Qt::LeftButton);
    QVERIFY(MessageBox::lastText().contains(QStringLiteral("“Old tenant”")));
    QVERIFY(MessageBox::lastText().contains(QStringLiteral("System keychain")));
    QCOMPARE(m_list->count(), 2);
    QVERIFY(m_secrets->contains(doomedKey));

    MessageBox::setNextAnswer(QMessageBox::Yes);
    QTest::mouseClick(button("deleteProfileButton"), Qt::LeftButton);
    QTRY_COMPARE(shownNames(m_list), QStringList{QStringLiteral("Current tenant")});
    QTRY_VERIFY(!m_secrets->contains(doomedKey));
    QVERIFY(m_secrets->contains(keptKey));
    QVERIFY(!QFile::exists(m_store->pathFor(doomed.id)));
    QTRY_VERIFY(m_panel->statusText().contains(QStringLiteral("Deleted “Old tenant”")));
    QVERIFY(m_panel->editor()->savedProfile().id != doomed.id);
}

void TestProfileListPanel::duplicateCopiesSettingsNotSecrets()
{
    Profile source = sampleProfile(QStringLiteral("Prod"), QStringLiteral("https://p.example"),
                                   QStringLiteral("prod-client"));
    source.client.pkceMethod = QStringLiteral("S256");
    source.provider.endpoints.insert(QStringLiteral("token_endpoint"),
                                     QUrl(QStringLiteral("https://p.example/oauth/token")));
    source = addProfile(source, "prod-secret");
    makePanel();
    selectName(QStringLiteral("Prod"));
    QTest::mouseClick(button("duplicateProfileButton"), Qt::LeftButton);
    QTRY_COMPARE(m_list->count(), 2);
    QTRY_COMPARE(m_panel->editor()->savedProfile().name, QStringLiteral("Prod (copy)"));

    const Profile copy = m_panel->editor()->savedProfile();
    QVERIFY(copy.id != source.id);
    QCOMPARE(copy.client, source.client);
    QCOMPARE(copy.provider.endpoints, source.provider.endpoints);
    QVERIFY(copy.secrets.isEmpty());
    QVERIFY(!m_secrets->contains(SecretKey::build(copy.id, SecretKind::ClientSecret)));
    QVERIFY(m_secrets->contains(SecretKey::build(source.id, SecretKind::ClientSecret)));
    QVERIFY(m_store->load(copy.id).profile.secrets.isEmpty());
    QCOMPARE(m_list->currentItem()->data(NameRole).toString(), QStringLiteral("Prod (copy)"));
    QVERIFY(m_panel->statusText().contains(QStringLiteral("secrets were not")));
}

void TestProfileListPanel::useAndDoubleClickChooseTheSavedProfile()
{
    const Profile saved = addProfile(sampleProfile(
        QStringLiteral("Chosen"), QStringLiteral("https://c.example"), QStringLiteral("c")));
    addProfile(sampleProfile(QStringLiteral("Other"), QStringLiteral("https://o.example"),
                             QStringLiteral("o")));
    makePanel();
    QSignalSpy chosen(m_panel.get(), &ProfileListPanel::profileChosen);
    selectName(QStringLiteral("Chosen"));
    // An unsaved edit is not what the flows get.
    QTest::keyClicks(childNamed<QLineEdit>(m_panel.get(), "clientIdEdit"),
                     QStringLiteral("-edited"));
    QTest::mouseClick(button("useProfileButton"), Qt::LeftButton);
    QCOMPARE(chosen.count(), 1);
    const auto first = chosen.takeFirst().constFirst().value<Profile>();
    QCOMPARE(first.id, saved.id);
    QCOMPARE(first.client.clientId, QStringLiteral("c"));

    MessageBox::setNextAnswer(QMessageBox::Discard);
    const QRect rect = m_list->visualItemRect(m_list->item(rowOf(m_list, QStringLiteral("Other"))));
    // A double click is a press and release, then a second press seen as a double click.
    QTest::mouseClick(m_list->viewport(), Qt::LeftButton, {}, rect.center());
    QTest::mouseDClick(m_list->viewport(), Qt::LeftButton, {}, rect.center());
    QCOMPARE(chosen.count(), 1);
    QCOMPARE(chosen.takeFirst().constFirst().value<Profile>().name, QStringLiteral("Other"));
}

void TestProfileListPanel::exportThenImportRestoresProfiles()
{
    const Profile exported =
        addProfile(sampleProfile(QStringLiteral("Shared"), QStringLiteral("https://shared.example"),
                                 QStringLiteral("shared-client")),
                   "never-exported-secret");
    makePanel();
    const QString path = profilesTestHome().path() + QStringLiteral("/export.json");
    ProfileDialogs::queueAnswer(path);
    MessageBox::setNextAnswer(QMessageBox::No); // secrets? no
    QTest::mouseClick(button("exportProfilesButton"), Qt::LeftButton);
    QVERIFY(MessageBox::lastText().contains(QStringLiteral("passphrase")));
    QVERIFY(m_panel->statusText().contains(QStringLiteral("without secrets")));
    QFile file(path);
    // Owner-only, as the CLI writes it (whatever the umask).
    QCOMPARE(file.permissions() & ~(QFileDevice::ReadUser | QFileDevice::WriteUser),
             QFileDevice::ReadOwner | QFileDevice::WriteOwner);
    QVERIFY(file.open(QIODevice::ReadOnly));
    const QByteArray document = file.readAll();
    QVERIFY(document.contains("shared-client"));
    QVERIFY(!document.contains("never-exported-secret"));

    // Gone here; the export brings it back under its id.
    QVERIFY(!m_store->remove(exported.id).isError());
    m_panel->reload();
    QCOMPARE(m_list->count(), 0);
    // What will be created is shown first; "No" imports nothing.
    ProfileDialogs::queueAnswer(path);
    MessageBox::setNextAnswer(QMessageBox::No);
    QTest::mouseClick(button("importProfilesButton"), Qt::LeftButton);
    QVERIFY(MessageBox::lastText().contains(QStringLiteral("New: Shared")));
    QCOMPARE(m_list->count(), 0);
    QVERIFY(m_panel->statusText().contains(QStringLiteral("Nothing imported")));
    ProfileDialogs::queueAnswer(path);
    MessageBox::setNextAnswer(QMessageBox::Yes);
    QTest::mouseClick(button("importProfilesButton"), Qt::LeftButton);
    QTRY_COMPARE(shownNames(m_list), QStringList{QStringLiteral("Shared")});
    QCOMPARE(m_panel->profiles().constFirst().id, exported.id);
    QCOMPARE(m_panel->profiles().constFirst().client.clientId, QStringLiteral("shared-client"));
    QVERIFY(m_panel->statusText().contains(QStringLiteral("1 new")));

    // Importing it again: it exists; "No" skips it.
    MessageBox::setNextAnswer(QMessageBox::No);
    ProfileDialogs::queueAnswer(path);
    QTest::mouseClick(button("importProfilesButton"), Qt::LeftButton);
    QVERIFY(MessageBox::lastText().contains(QStringLiteral("Shared")));
    QTRY_VERIFY(m_panel->statusText().contains(QStringLiteral("1 skipped")));
    QCOMPARE(m_list->count(), 1);
}

void TestProfileListPanel::encryptedExportCarriesTheSecrets()
{
    const Profile exported =
        addProfile(sampleProfile(QStringLiteral("Vault"), QStringLiteral("https://vault.example"),
                                 QStringLiteral("vault-client")),
                   "secret-under-passphrase");
    makePanel();
    const QString path = profilesTestHome().path() + QStringLiteral("/export-secrets.json");
    ProfileDialogs::queueAnswer(path);
    MessageBox::setNextAnswer(QMessageBox::Yes);
    ProfileDialogs::queueAnswer(QStringLiteral("correct horse"));
    ProfileDialogs::queueAnswer(QStringLiteral("correct horse"));
    QTest::mouseClick(button("exportProfilesButton"), Qt::LeftButton);
    QTRY_VERIFY(m_panel->statusText().contains(QStringLiteral("secrets encrypted")));
    QFile file(path);
    QCOMPARE(file.permissions() & ~(QFileDevice::ReadUser | QFileDevice::WriteUser),
             QFileDevice::ReadOwner | QFileDevice::WriteOwner);
    QVERIFY(file.open(QIODevice::ReadOnly));
    const QByteArray document = file.readAll();
    QVERIFY(!document.contains("secret-under-passphrase"));
    QVERIFY(document.contains("AES-256-GCM"));
    const auto read = ProfileExport::read(document, "correct horse");
    QVERIFY2(read.ok(), qPrintable(read.error.message));
    QCOMPARE(read.secrets.value(exported.id).value(SecretKind::ClientSecret),
             QByteArray("secret-under-passphrase"));
    QCOMPARE(ProfileExport::read(document, "wrong").error.kind,
             ProfileExportError::Kind::WrongPassphrase);

    // Two different passphrases: nothing is written.
    const QString other = profilesTestHome().path() + QStringLiteral("/export-mismatch.json");
    ProfileDialogs::queueAnswer(other);
    MessageBox::setNextAnswer(QMessageBox::Yes);
    ProfileDialogs::queueAnswer(QStringLiteral("one"));
    ProfileDialogs::queueAnswer(QStringLiteral("two"));
    QTest::mouseClick(button("exportProfilesButton"), Qt::LeftButton);
    QVERIFY(m_panel->statusText().contains(QStringLiteral("differ")));
    QVERIFY(!QFile::exists(other));
}

TOKENSCOPE_PROFILES_TEST_MAIN(TestProfileListPanel)
#include "TestProfileListPanel.moc"
