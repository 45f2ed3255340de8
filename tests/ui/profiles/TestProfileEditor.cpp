// The profile editor: each bad input is named next to its field and in the summary, and
// Save stays disabled until it is fixed; the secret backend and its state are shown; when
// the secret store refuses the client secret the profile is still saved, the message says
// what was not stored and why, and not one byte of the secret is on disk.
//
// The locked / unavailable keychain is MemorySecretStore with an injected failure (its
// setFailure exists for this): a real keyring can't be locked on demand in a test, and the
// error kinds the UI sees are the ones KeychainSecretStore::errorFrom produces.
#include "ProfilesTestHome.h"
#include "UiSession.h"
#include "profiles/ProfileDialogs.h"
#include "profiles/ProfileEditor.h"
#include "profiles/SecretKey.h"

#include <QCheckBox>
#include <QClipboard>
#include <QComboBox>
#include <QFileInfo>
#include <QGuiApplication>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QRandomGenerator>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTest>

using Tokenscope::Profiles::MemorySecretStore;
using Tokenscope::Profiles::Profile;
using Tokenscope::Profiles::ProfileManager;
using Tokenscope::Profiles::ProfileStore;
using Tokenscope::Profiles::SecretError;
using Tokenscope::Profiles::SecretKey;
using Tokenscope::Profiles::SecretKind;
using Tokenscope::Testing::LoopbackServer;

class TestProfileEditor final : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void init();
    void cleanup();

    void badInputIsNamedAndBlocksSave_data();
    void badInputIsNamedAndBlocksSave();
    void goodInputIsAccepted_data();
    void goodInputIsAccepted();
    void duplicateNameIgnoresCaseButNotItself();
    void summaryCountsEveryProblem();
    void savedProfileRoundTripsUnmodified();
    void backendIsNamed();
    void secretStoreFailureKeepsProfileAndSaysWhy_data();
    void secretStoreFailureKeepsProfileAndSaysWhy();
    void checkButtonReportsBackendState();
    void showToggleRevealsTypedSecret();
    void discoverFillsEndpointsFromIssuer();
    void everySecretKindIsEnteredMaskedAndStored();
    void profileWithoutSecretsStoresNoEntry();
    void refusedKeyIsNamedAndNotOnDisk();
    void certificateNeedsItsKey();

private:
    void makeEditor(SecretBackend backend);
    // The value stored under the profile's entry of kind; nullopt when there is none.
    std::optional<QByteArray> stored(const QUuid &id, SecretKind kind);
    void setPem(const char *baseName, const QByteArray &pem);
    void setField(const QString &objectName, const QString &text);
    QLabel *label(const char *name) const { return childNamed<QLabel>(m_editor.get(), name); }

    std::unique_ptr<UiSession> m_session;
    std::unique_ptr<MemorySecretStore> m_secrets;
    std::unique_ptr<ProfileStore> m_store;
    std::unique_ptr<ProfileManager> m_manager;
    std::unique_ptr<ProfileEditor> m_editor;
    QPushButton *m_save = nullptr;
};

void TestProfileEditor::initTestCase()
{
    // The store's default directory is inside the temporary home, not the real one.
    QVERIFY(ProfileStore::defaultDirectory().startsWith(profilesTestHome().path()));
    QVERIFY(QStandardPaths::writableLocation(QStandardPaths::GenericDataLocation)
                .startsWith(profilesTestHome().path()));
}

void TestProfileEditor::init()
{
    QDir(ProfileStore::defaultDirectory()).removeRecursively();
    m_session = std::make_unique<UiSession>();
    m_secrets = std::make_unique<MemorySecretStore>();
    m_store = std::make_unique<ProfileStore>(ProfileStore::defaultDirectory());
    m_manager = std::make_unique<ProfileManager>(*m_store, *m_secrets);
    makeEditor(SecretBackend::SystemKeychain);
}

void TestProfileEditor::makeEditor(SecretBackend backend)
{
    m_editor = std::make_unique<ProfileEditor>(m_manager.get(), &m_session->discovery, backend);
    m_editor->resize(800, 900);
    m_editor->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_editor.get()));
    QCOMPARE(m_editor->objectName(), QStringLiteral("profileEditor"));
    m_save = childNamed<QPushButton>(m_editor.get(), "saveButton");
    QVERIFY(m_save);
    // Nothing to edit yet: nothing to save.
    QVERIFY(!m_save->isEnabled());

    Profile draft = Profile::create(QStringLiteral("Keycloak dev"));
    draft.client.clientId = QStringLiteral("tokenscope");
    draft.client.redirectUris = {QUrl(QStringLiteral("http://127.0.0.1/callback"))};
    m_editor->setProfile(draft, true);
    m_editor->setOtherNames({QStringLiteral("Existing Profile")});
    QVERIFY(m_save->isEnabled());
    QVERIFY(m_editor->problems().isEmpty());
}

void TestProfileEditor::cleanup()
{
    m_editor.reset();
    m_manager.reset();
    m_store.reset();
    m_secrets.reset();
    m_session.reset();
}

void TestProfileEditor::setField(const QString &objectName, const QString &text)
{
    if (auto *line = m_editor->findChild<QLineEdit *>(objectName)) {
        line->clear();
        line->setFocus();
        QTest::keyClicks(line, text);
        QCOMPARE(line->text(), text);
        return;
    }
    auto *plain = m_editor->findChild<QPlainTextEdit *>(objectName);
    QVERIFY2(plain, qPrintable(objectName));
    plain->setFocus();
    plain->selectAll();
    // Typed line by line: keyClicks does not turn '\n' into Return.
    const QStringList lines = text.split(u'\n');
    plain->clear();
    for (qsizetype i = 0; i < lines.size(); ++i) {
        if (i > 0)
            QTest::keyClick(plain, Qt::Key_Return);
        QTest::keyClicks(plain, lines.at(i));
    }
    QCOMPARE(plain->toPlainText(), text);
}

void TestProfileEditor::badInputIsNamedAndBlocksSave_data()
{
    QTest::addColumn<QString>("field");
    QTest::addColumn<QString>("bad");
    QTest::addColumn<QString>("good");
    QTest::addColumn<QString>("messageLabel");
    QTest::addColumn<QString>("expected");

    QTest::newRow("empty_name_is_rejected") << "nameEdit"
                                            << ""
                                            << "Keycloak dev"
                                            << "nameMessage"
                                            << "needs a name";
    QTest::newRow("blank_name_is_rejected") << "nameEdit"
                                            << "   "
                                            << "Keycloak dev"
                                            << "nameMessage"
                                            << "needs a name";
    QTest::newRow("name_of_another_profile_in_other_case_is_rejected")
        << "nameEdit"
        << "existing PROFILE"
        << "Existing Profile 2"
        << "nameMessage"
        << "already named “Existing Profile”";
    QTest::newRow("issuer_without_scheme_is_rejected") << "issuerEdit"
                                                       << "login.example.com"
                                                       << "https://login.example.com"
                                                       << "issuerMessage"
                                                       << "Not an absolute URL";
    QTest::newRow("issuer_with_query_is_rejected") << "issuerEdit"
                                                   << "https://login.example.com/?tenant=1"
                                                   << "https://login.example.com"
                                                   << "issuerMessage"
                                                   << "no query or fragment";
    QTest::newRow("token_endpoint_without_scheme_is_rejected") << "tokenEndpointEdit"
                                                               << "login.example.com/token"
                                                               << "https://login.example.com/token"
                                                               << "tokenEndpointMessage"
                                                               << "Not an absolute URL";
    QTest::newRow("authorization_endpoint_with_space_in_host_is_rejected")
        << "authorizationEndpointEdit"
        << "https://log in.example.com/auth"
        << "https://login.example.com/auth"
        << "authorizationEndpointMessage"
        << "Not a valid URL";
    QTest::newRow("jwks_uri_with_ftp_scheme_is_rejected") << "jwksUriEdit"
                                                          << "ftp://login.example.com/jwks"
                                                          << "https://login.example.com/jwks"
                                                          << "jwksUriMessage"
                                                          << "Use an https URL";
    QTest::newRow("userinfo_endpoint_without_host_is_rejected")
        << "userinfoEndpointEdit"
        << "https:/userinfo"
        << "https://login.example.com/userinfo"
        << "userinfoEndpointMessage"
        << "no host";
    QTest::newRow("revocation_endpoint_relative_is_rejected") << "revocationEndpointEdit"
                                                              << "/revoke"
                                                              << "https://login.example.com/revoke"
                                                              << "revocationEndpointMessage"
                                                              << "Not an absolute URL";
    QTest::newRow("introspection_endpoint_relative_is_rejected") << "introspectionEndpointEdit"
                                                                 << "introspect"
                                                                 << "https://x.example/introspect"
                                                                 << "introspectionEndpointMessage"
                                                                 << "Not an absolute URL";
    QTest::newRow("device_authorization_endpoint_relative_is_rejected")
        << "deviceAuthorizationEndpointEdit"
        << "device"
        << "https://x.example/device"
        << "deviceAuthorizationEndpointMessage"
        << "Not an absolute URL";
    QTest::newRow("end_session_endpoint_relative_is_rejected") << "endSessionEndpointEdit"
                                                               << "logout"
                                                               << "https://x.example/logout"
                                                               << "endSessionEndpointMessage"
                                                               << "Not an absolute URL";
    QTest::newRow("redirect_uri_without_scheme_is_rejected")
        << "redirectUrisEdit"
        << "http://127.0.0.1/callback\n127.0.0.1/callback"
        << "http://127.0.0.1/callback\nhttp://127.0.0.1:8080/callback"
        << "redirectUrisMessage"
        << "“127.0.0.1/callback” has no scheme";
    QTest::newRow("redirect_uri_with_fragment_is_rejected") << "redirectUrisEdit"
                                                            << "https://app.example/cb#x"
                                                            << "https://app.example/cb"
                                                            << "redirectUrisMessage"
                                                            << "has a fragment";
    QTest::newRow("scope_with_a_quote_is_rejected") << "scopesEdit"
                                                    << "openid \"profile\""
                                                    << "openid profile"
                                                    << "scopesMessage"
                                                    << "not a scope token";
    QTest::newRow("extra_parameter_without_equals_is_rejected")
        << "extraParametersEdit"
        << "resource=https://api.example\naudience"
        << "resource=https://api.example\naudience=api"
        << "extraParametersMessage"
        << "“audience” is not NAME=VALUE";
    QTest::newRow("extra_parameter_without_name_is_rejected") << "extraParametersEdit"
                                                              << "=value"
                                                              << "name=value"
                                                              << "extraParametersMessage"
                                                              << "is not NAME=VALUE";
    QTest::newRow("extra_token_parameter_without_equals_is_rejected")
        << "extraTokenParametersEdit"
        << "audience=api\nresource"
        << "audience=api\nresource=https://api.example"
        << "extraTokenParametersMessage"
        << "“resource” is not NAME=VALUE";
    QTest::newRow("extra_token_parameter_without_name_is_rejected") << "extraTokenParametersEdit"
                                                                    << "=x"
                                                                    << "x=y"
                                                                    << "extraTokenParametersMessage"
                                                                    << "is not NAME=VALUE";
    QTest::newRow("missing_ca_file_is_rejected") << "caFileEdit"
                                                 << "/nonexistent/tokenscope-ca.pem"
                                                 << ""
                                                 << "caFileMessage"
                                                 << "No such file";
}

void TestProfileEditor::badInputIsNamedAndBlocksSave()
{
    QFETCH(QString, field);
    QFETCH(QString, bad);
    QFETCH(QString, good);
    QFETCH(QString, messageLabel);
    QFETCH(QString, expected);

    QLabel *message = label(messageLabel.toLatin1().constData());
    auto *summary = label("problemSummaryLabel");
    QVERIFY(message && summary);
    QVERIFY(!message->isVisible());
    QVERIFY(!summary->isVisible());
    QVERIFY(m_save->isEnabled());

    setField(field, bad);
    QVERIFY(message->isVisible());
    QVERIFY2(message->text().contains(expected), qPrintable(message->text()));
    QVERIFY(summary->isVisible());
    QVERIFY2(summary->text().contains(expected), qPrintable(summary->text()));
    QCOMPARE(m_editor->problems().size(), 1);
    QVERIFY(!m_save->isEnabled());
    QVERIFY(m_save->toolTip().contains(expected));

    setField(field, good);
    QVERIFY(!message->isVisible());
    QVERIFY(!summary->isVisible());
    QVERIFY(m_save->isEnabled());
}

void TestProfileEditor::goodInputIsAccepted_data()
{
    QTest::addColumn<QString>("field");
    QTest::addColumn<QString>("value");

    QTest::newRow("private_use_scheme_redirect_is_accepted") << "redirectUrisEdit"
                                                             << "com.example.app:/callback";
    QTest::newRow("loopback_redirect_with_port_is_accepted")
        << "redirectUrisEdit"
        << "http://127.0.0.1:53682/callback\nhttp://[::1]/cb";
    QTest::newRow("empty_issuer_is_accepted_when_endpoints_are_explicit") << "issuerEdit"
                                                                          << "";
    QTest::newRow("http_loopback_issuer_is_accepted") << "issuerEdit"
                                                      << "http://127.0.0.1:8080";
    QTest::newRow("issuer_with_path_is_accepted") << "issuerEdit"
                                                  << "https://login.example.com/realms/dev";
    QTest::newRow("extra_parameter_value_may_contain_equals") << "extraParametersEdit"
                                                              << "claims={\"a\":1}\nx=a=b";
}

void TestProfileEditor::goodInputIsAccepted()
{
    QFETCH(QString, field);
    QFETCH(QString, value);
    setField(field, value);
    QCOMPARE(m_editor->problems(), QStringList());
    QVERIFY(m_save->isEnabled());
}

void TestProfileEditor::duplicateNameIgnoresCaseButNotItself()
{
    // The other names are the other profiles: the profile's own name is no duplicate.
    m_editor->setOtherNames({QStringLiteral("Prod"), QStringLiteral("Staging")});
    setField(QStringLiteral("nameEdit"), QStringLiteral("Keycloak dev"));
    QVERIFY(m_save->isEnabled());
    setField(QStringLiteral("nameEdit"), QStringLiteral("  sTaGiNg "));
    QVERIFY(!m_save->isEnabled());
    QVERIFY(label("nameMessage")->text().contains(QStringLiteral("“Staging”")));
    // The list changes (the other profile was renamed): the name is free again.
    m_editor->setOtherNames({QStringLiteral("Prod")});
    QVERIFY(m_save->isEnabled());
    QVERIFY(!label("nameMessage")->isVisible());
}

void TestProfileEditor::summaryCountsEveryProblem()
{
    setField(QStringLiteral("nameEdit"), QString());
    setField(QStringLiteral("tokenEndpointEdit"), QStringLiteral("token"));
    setField(QStringLiteral("redirectUrisEdit"), QStringLiteral("callback"));
    const QString summary = label("problemSummaryLabel")->text();
    QVERIFY2(summary.contains(QStringLiteral("3 problem")), qPrintable(summary));
    QVERIFY(summary.contains(QStringLiteral("Name: ")));
    QVERIFY(summary.contains(QStringLiteral("Token endpoint: ")));
    QVERIFY(summary.contains(QStringLiteral("Redirect URIs: ")));
    QCOMPARE(m_editor->problems().size(), 3);
    for (const char *name : {"nameMessage", "tokenEndpointMessage", "redirectUrisMessage"})
        QVERIFY2(label(name)->isVisible(), name);
    QVERIFY(!label("issuerMessage")->isVisible());
}

void TestProfileEditor::savedProfileRoundTripsUnmodified()
{
    QFile ca(profilesTestHome().path() + QStringLiteral("/extra-ca.pem"));
    QVERIFY(ca.open(QIODevice::WriteOnly));
    ca.close();
    Profile full = Profile::create(QStringLiteral("Everything set"));
    full.notes = QStringLiteral("two\nlines");
    full.provider.issuer = QUrl(QStringLiteral("https://login.example.com/realms/x"));
    full.provider.endpoints.insert(QStringLiteral("token_endpoint"),
                                   QUrl(QStringLiteral("https://login.example.com/t?x=1")));
    full.provider.endpoints.insert(QStringLiteral("end_session_endpoint"),
                                   QUrl(QStringLiteral("https://login.example.com/logout")));
    // A member this editor has no field for is kept, not dropped.
    full.provider.endpoints.insert(QStringLiteral("registration_endpoint"),
                                   QUrl(QStringLiteral("https://login.example.com/register")));
    full.client.clientId = QStringLiteral("cid");
    full.client.authMethod = QStringLiteral("private_key_jwt");
    full.client.redirectUris = {QUrl(QStringLiteral("com.example.app:/cb")),
                                QUrl(QStringLiteral("http://127.0.0.1:8080/callback"))};
    full.client.defaultScopes = {QStringLiteral("openid"), QStringLiteral("offline_access")};
    full.client.pkceMethod = QStringLiteral("S256");
    full.client.responseType = QStringLiteral("code id_token");
    full.client.responseMode = QStringLiteral("form_post");
    full.client.redirectCapture = QStringLiteral("system_browser");
    full.client.browserSession = QStringLiteral("persistent");
    full.client.extraAuthorizationParameters = {
        {QStringLiteral("resource"), QStringLiteral("https://api.example")},
        {QStringLiteral("claims"), QStringLiteral("{\"a\":\"b=c\"}")}};
    full.client.extraTokenParameters = {{QStringLiteral("audience"), QStringLiteral("api")},
                                        {QStringLiteral("x"), QStringLiteral("a=b")}};
    full.client.tls.caFile = ca.fileName();
    full.storeRefreshTokens = true;
    full = saveAndWait(*m_manager, full, {{SecretKind::ClientSecret, "s"}})->profile;

    m_editor->setOtherNames({});
    m_editor->setProfile(m_store->load(full.id).profile);
    QVERIFY(m_editor->problems().isEmpty());
    QVERIFY(!m_editor->isModified());
    QVERIFY(!m_save->isEnabled()); // nothing to save
    QCOMPARE(m_editor->profile(), full);
    QCOMPARE(childNamed<QPlainTextEdit>(m_editor.get(), "extraTokenParametersEdit")->toPlainText(),
             QStringLiteral("audience=api\nx=a=b"));
    QCOMPARE(childNamed<QComboBox>(m_editor.get(), "redirectCaptureCombo")->currentData(),
             QVariant(QStringLiteral("system_browser")));
    QCOMPARE(childNamed<QComboBox>(m_editor.get(), "browserSessionCombo")->currentData(),
             QVariant(QStringLiteral("persistent")));
    QVERIFY(childNamed<QLineEdit>(m_editor.get(), "clientSecretEdit")
                ->placeholderText()
                .startsWith(QStringLiteral("Stored in System keychain")));

    // One change makes it savable; Revert brings the saved values back.
    setField(QStringLiteral("clientIdEdit"), QStringLiteral("cid2"));
    QVERIFY(m_editor->isModified());
    QVERIFY(m_save->isEnabled());
    QTest::mouseClick(childNamed<QPushButton>(m_editor.get(), "revertButton"), Qt::LeftButton);
    QCOMPARE(childNamed<QLineEdit>(m_editor.get(), "clientIdEdit")->text(), QStringLiteral("cid"));
    QVERIFY(!m_editor->isModified());
}

void TestProfileEditor::backendIsNamed()
{
    auto *backend = label("secretBackendLabel");
    QVERIFY(backend);
    QVERIFY2(backend->text().startsWith(QStringLiteral("System keychain (Secret Service)")),
             qPrintable(backend->text()));
    QVERIFY(backend->text().contains(QStringLiteral("not used yet")));

    makeEditor(SecretBackend::MemoryOnly);
    backend = label("secretBackendLabel");
    QVERIFY2(backend->text().startsWith(
                 QStringLiteral("Memory only — secrets are forgotten when Tokenscope quits")),
             qPrintable(backend->text()));
}

void TestProfileEditor::secretStoreFailureKeepsProfileAndSaysWhy_data()
{
    QTest::addColumn<int>("kind");
    QTest::addColumn<QString>("backendMessage");
    QTest::addColumn<QString>("why");
    QTest::addColumn<QString>("state");

    QTest::newRow("locked_keychain")
        << int(SecretError::Kind::Locked) << "Cannot create an item in a locked collection"
        << "the keychain is locked or refused access"
        << "locked or refused access";
    QTest::newRow("no_secret_service")
        << int(SecretError::Kind::Unavailable)
        << "org.freedesktop.DBus.Error.ServiceUnknown: The name org.freedesktop.secrets was not "
           "provided"
        << "no system keychain is available"
        << "unavailable";
    QTest::newRow("other_keychain_error") << int(SecretError::Kind::Other) << "Unknown error"
                                          << "the keychain reported an error"
                                          << "failed";
}

void TestProfileEditor::secretStoreFailureKeepsProfileAndSaysWhy()
{
    QFETCH(int, kind);
    QFETCH(QString, backendMessage);
    QFETCH(QString, why);
    QFETCH(QString, state);

    const QByteArray secret = "tokenscope-test-secret-7d1e0c55a9f2";
    m_secrets->setFailure(SecretError{SecretError::Kind(kind), backendMessage});
    const QUuid id = m_editor->savedProfile().id;
    setField(QStringLiteral("clientSecretEdit"), QString::fromLatin1(secret));
    QSignalSpy saved(m_editor.get(), &ProfileEditor::saved);
    QTest::mouseClick(m_save, Qt::LeftButton);
    QVERIFY(saved.wait());

    // The profile is saved, without a reference to a secret it does not have.
    const auto loaded = m_store->load(id);
    QVERIFY2(!loaded.error.isError(), qPrintable(loaded.error.message));
    QCOMPARE(loaded.profile.name, QStringLiteral("Keycloak dev"));
    QVERIFY(!loaded.profile.secrets.contains(SecretKind::ClientSecret));
    QVERIFY(!m_secrets->contains(SecretKey::build(id, SecretKind::ClientSecret)));

    // The message says what was not stored and why, with the backend's own words.
    auto *message = label("secretMessageLabel");
    QVERIFY(message->isVisible());
    const QString text = message->text();
    QVERIFY2(text.contains(QStringLiteral("Saved “Keycloak dev”")), qPrintable(text));
    QVERIFY2(text.contains(QStringLiteral("the client secret was NOT stored")), qPrintable(text));
    QVERIFY2(text.contains(why), qPrintable(text));
    QVERIFY2(text.contains(backendMessage), qPrintable(text));
    QVERIFY(text.contains(QStringLiteral("Nothing of it was written to disk")));
    QCOMPARE(m_editor->secretMessage(), text);
    QVERIFY2(label("secretBackendLabel")->text().contains(state),
             qPrintable(label("secretBackendLabel")->text()));

    // Not one byte of it on disk: no file of the temporary home holds the secret, as UTF-8,
    // UTF-16 or base64.
    QVERIFY(filesInTestHome().contains(m_store->pathFor(id)));
    QCOMPARE(filesContaining(secret), QStringList());
    QCOMPARE(filesContaining(
                 QByteArray(reinterpret_cast<const char *>(QString::fromLatin1(secret).utf16()),
                            secret.size() * 2)),
             QStringList());
    QCOMPARE(filesContaining(secret.toBase64()), QStringList());

    // The typed secret is kept for another try; once the keychain works, Save stores it.
    auto *secretEdit = childNamed<QLineEdit>(m_editor.get(), "clientSecretEdit");
    QCOMPARE(secretEdit->text(), QString::fromLatin1(secret));
    QVERIFY(m_save->isEnabled());
    m_secrets->setFailure(SecretError{});
    QTest::mouseClick(m_save, Qt::LeftButton);
    QVERIFY(saved.wait());
    QVERIFY(m_secrets->contains(SecretKey::build(id, SecretKind::ClientSecret)));
    QVERIFY(m_store->load(id).profile.secrets.contains(SecretKind::ClientSecret));
    QVERIFY(secretEdit->text().isEmpty());
    QVERIFY2(message->text().contains(QStringLiteral("the client secret is in System keychain")),
             qPrintable(message->text()));
    QVERIFY(label("secretBackendLabel")->text().endsWith(QStringLiteral("working")));
    QCOMPARE(filesContaining(secret), QStringList());
}

void TestProfileEditor::checkButtonReportsBackendState()
{
    auto *check = childNamed<QPushButton>(m_editor.get(), "checkSecretBackendButton");
    auto *backend = label("secretBackendLabel");
    m_secrets->setFailure(
        SecretError{SecretError::Kind::Unavailable, QStringLiteral("no org.freedesktop.secrets")});
    QTest::mouseClick(check, Qt::LeftButton);
    QTRY_VERIFY2(backend->text().contains(QStringLiteral("unavailable: no org.freedesktop")),
                 qPrintable(backend->text()));
    m_secrets->setFailure(SecretError{});
    QTRY_VERIFY(check->isEnabled());
    QTest::mouseClick(check, Qt::LeftButton);
    // Nothing is stored under the key: the store answered, so it works.
    QTRY_VERIFY2(backend->text().endsWith(QStringLiteral("working")), qPrintable(backend->text()));
}

void TestProfileEditor::showToggleRevealsTypedSecret()
{
    auto *secretEdit = childNamed<QLineEdit>(m_editor.get(), "clientSecretEdit");
    auto *show = childNamed<QCheckBox>(m_editor.get(), "showSecretCheck");
    QCOMPARE(secretEdit->echoMode(), QLineEdit::Password);
    QTest::mouseClick(show, Qt::LeftButton, {}, QPoint(4, show->height() / 2));
    QCOMPARE(secretEdit->echoMode(), QLineEdit::Normal);
    QTest::mouseClick(show, Qt::LeftButton, {}, QPoint(4, show->height() / 2));
    QCOMPARE(secretEdit->echoMode(), QLineEdit::Password);
}

void TestProfileEditor::discoverFillsEndpointsFromIssuer()
{
    LoopbackServer server({});
    serveDiscovery(server);
    const QString issuer = QString::fromLatin1(issuerOf(server));
    auto *discover = childNamed<QPushButton>(m_editor.get(), "discoverButton");
    QVERIFY(!discover->isEnabled()); // no issuer yet
    setField(QStringLiteral("issuerEdit"), issuer);
    QVERIFY(discover->isEnabled());
    QTest::mouseClick(discover, Qt::LeftButton);

    auto *token = childNamed<QLineEdit>(m_editor.get(), "tokenEndpointEdit");
    QTRY_COMPARE(token->text(), issuer + QStringLiteral("/token"));
    QCOMPARE(childNamed<QLineEdit>(m_editor.get(), "authorizationEndpointEdit")->text(),
             issuer + QStringLiteral("/authorize"));
    QCOMPARE(childNamed<QLineEdit>(m_editor.get(), "jwksUriEdit")->text(),
             issuer + QStringLiteral("/jwks"));
    // Not in the document: left empty.
    QVERIFY(childNamed<QLineEdit>(m_editor.get(), "userinfoEndpointEdit")->text().isEmpty());
    QVERIFY(label("discoveryStatusLabel")->text().contains(QStringLiteral("3 endpoint")));

    QSignalSpy saved(m_editor.get(), &ProfileEditor::saved);
    QTest::mouseClick(m_save, Qt::LeftButton);
    QVERIFY(saved.wait());
    const Profile stored = m_store->load(m_editor->savedProfile().id).profile;
    QCOMPARE(stored.provider.endpoints.value(QStringLiteral("token_endpoint")),
             QUrl(issuer + QStringLiteral("/token")));
    QCOMPARE(stored.provider.discoveryDocument.value(QStringLiteral("issuer")).toString(), issuer);
}

std::optional<QByteArray> TestProfileEditor::stored(const QUuid &id, SecretKind kind)
{
    std::optional<Tokenscope::Profiles::SecretResult> result;
    QObject context;
    m_secrets->read(SecretKey::build(id, kind), &context,
                    [&result](const Tokenscope::Profiles::SecretResult &r) { result = r; });
    if (!QTest::qWaitFor([&result] { return result.has_value(); }, 5000) || !result->ok())
        return std::nullopt;
    return result->value;
}

void TestProfileEditor::setPem(const char *baseName, const QByteArray &pem)
{
    // Typed in after asking to see the field, as a user without a file would.
    const QString name = QString::fromLatin1(baseName);
    auto *show = m_editor->findChild<QCheckBox *>(QStringLiteral("show") + name.at(0).toUpper() +
                                                  name.mid(1) + QStringLiteral("Check"));
    QVERIFY2(show, baseName);
    show->setChecked(true);
    auto *edit = m_editor->findChild<QPlainTextEdit *>(name + QStringLiteral("Edit"));
    QVERIFY2(edit && edit->isVisible(), baseName);
    edit->setPlainText(QString::fromLatin1(pem));
    show->setChecked(false);
    QVERIFY(!edit->isVisible());
}

namespace {
QByteArray pemCanary(const char *label)
{
    const QByteArray raw =
        QByteArray(label) + '-' + QByteArray::number(QRandomGenerator::global()->generate64(), 36);
    const QByteArray body = raw.toBase64();
    return "-----BEGIN " + QByteArray(label).toUpper() + "-----\n" + body + "\n-----END " +
           QByteArray(label).toUpper() + "-----\n";
}
} // namespace

void TestProfileEditor::everySecretKindIsEnteredMaskedAndStored()
{
    const QByteArray privateKey = pemCanary("private key");
    const QByteArray dpopKey = pemCanary("dpop key");
    const QByteArray requestKey = pemCanary("request key");
    const QByteArray certificate = pemCanary("certificate");
    const QByteArray clientKey = pemCanary("client key");
    const QByteArray password =
        "pw-" + QByteArray::number(QRandomGenerator::global()->generate64(), 36);
    const QByteArray refreshToken =
        "rt-" + QByteArray::number(QRandomGenerator::global()->generate64(), 36);

    // The private key from a file, through the dialog seam.
    QFile keyFile(profilesTestHome().path() + QStringLiteral("/outside/client-key.pem"));
    QVERIFY(QDir().mkpath(QFileInfo(keyFile).path()));
    QVERIFY(keyFile.open(QIODevice::WriteOnly));
    keyFile.write(privateKey);
    keyFile.close();
    ProfileDialogs::queueAnswer(keyFile.fileName());
    QTest::mouseClick(childNamed<QPushButton>(m_editor.get(), "privateKeyLoadButton"),
                      Qt::LeftButton);
    // Loaded, and masked: the field stays hidden, its summary says only how much it holds.
    auto *privateKeyEdit = childNamed<QPlainTextEdit>(m_editor.get(), "privateKeyEdit");
    QCOMPARE(privateKeyEdit->toPlainText().toLatin1(), privateKey);
    QVERIFY(!privateKeyEdit->isVisible());
    const QString state = label("privateKeyStateLabel")->text();
    QVERIFY2(state.contains(QStringLiteral("hidden")), qPrintable(state));
    QVERIFY(!state.contains(QString::fromLatin1(privateKey.mid(30, 10))));
    // Shown only when asked.
    auto *showKey = childNamed<QCheckBox>(m_editor.get(), "showPrivateKeyCheck");
    showKey->setChecked(true);
    QVERIFY(privateKeyEdit->isVisible());
    showKey->setChecked(false);
    QVERIFY(!privateKeyEdit->isVisible());

    // The DPoP key pasted from the clipboard; the others typed.
    QGuiApplication::clipboard()->setText(QString::fromLatin1(dpopKey));
    QTest::mouseClick(childNamed<QPushButton>(m_editor.get(), "dpopKeyPasteButton"),
                      Qt::LeftButton);
    QCOMPARE(childNamed<QPlainTextEdit>(m_editor.get(), "dpopKeyEdit")->toPlainText().toLatin1(),
             dpopKey);
    QGuiApplication::clipboard()->clear();
    setPem("requestObjectKey", requestKey);
    setPem("clientCertificate", certificate);
    setPem("clientKey", clientKey);
    auto *passwordEdit = childNamed<QLineEdit>(m_editor.get(), "passwordEdit");
    QCOMPARE(passwordEdit->echoMode(), QLineEdit::Password);
    setField(QStringLiteral("passwordEdit"), QString::fromLatin1(password));

    // The refresh token can be entered only when the profile keeps them.
    auto *refreshEdit = childNamed<QLineEdit>(m_editor.get(), "refreshTokenEdit");
    QCOMPARE(refreshEdit->echoMode(), QLineEdit::Password);
    QVERIFY(!refreshEdit->isEnabled());
    childNamed<QCheckBox>(m_editor.get(), "storeRefreshTokensCheck")->setChecked(true);
    QVERIFY(refreshEdit->isEnabled());
    setField(QStringLiteral("refreshTokenEdit"), QString::fromLatin1(refreshToken));

    QVERIFY(m_editor->problems().isEmpty());
    QSignalSpy saved(m_editor.get(), &ProfileEditor::saved);
    QTest::mouseClick(m_save, Qt::LeftButton);
    QVERIFY(saved.wait());
    const QUuid id = m_editor->savedProfile().id;

    // Each one is in the secret store under its own entry, byte for byte.
    QCOMPARE(stored(id, SecretKind::PrivateKey), std::optional<QByteArray>(privateKey));
    QCOMPARE(stored(id, SecretKind::DpopKey), std::optional<QByteArray>(dpopKey));
    QCOMPARE(stored(id, SecretKind::RequestObjectKey), std::optional<QByteArray>(requestKey));
    QCOMPARE(stored(id, SecretKind::ClientCertificate), std::optional<QByteArray>(certificate));
    QCOMPARE(stored(id, SecretKind::ClientKey), std::optional<QByteArray>(clientKey));
    QCOMPARE(stored(id, SecretKind::Password), std::optional<QByteArray>(password));
    QCOMPARE(stored(id, SecretKind::RefreshToken), std::optional<QByteArray>(refreshToken));
    QVERIFY(!stored(id, SecretKind::ClientSecret)); // none was typed

    // The file refers to them and holds none of them.
    const Profile loaded = m_store->load(id).profile;
    QCOMPARE(loaded.secrets.size(), 7);
    QVERIFY(!loaded.secrets.contains(SecretKind::ClientSecret));
    for (const QByteArray &value :
         {privateKey, dpopKey, requestKey, certificate, clientKey, password, refreshToken}) {
        // Only the file the key was loaded from holds it; for PEM, not even its inner line.
        const QStringList expected =
            value == privateKey ? QStringList{keyFile.fileName()} : QStringList();
        QCOMPARE(filesContaining(value), expected);
        if (value.startsWith("-----"))
            QCOMPARE(filesContaining(value.split('\n').at(1)), expected);
    }
    // Stored: the fields are emptied and say where the values are, without showing them.
    QVERIFY(privateKeyEdit->toPlainText().isEmpty());
    QVERIFY(passwordEdit->text().isEmpty());
    QVERIFY(
        passwordEdit->placeholderText().startsWith(QStringLiteral("Stored in System keychain")));
    QVERIFY(label("privateKeyStateLabel")->text().startsWith(QStringLiteral("Stored in")));
    QVERIFY2(m_editor->secretMessage().contains(QStringLiteral("the private key")),
             qPrintable(m_editor->secretMessage()));
    QVERIFY(!m_editor->isModified());

    // Without "keep refresh tokens", a typed refresh token is dropped, not saved.
    setField(QStringLiteral("refreshTokenEdit"), QStringLiteral("typed-then-not-kept"));
    childNamed<QCheckBox>(m_editor.get(), "storeRefreshTokensCheck")->setChecked(false);
    QVERIFY(!refreshEdit->isEnabled());
    QVERIFY(refreshEdit->text().isEmpty());
}

void TestProfileEditor::profileWithoutSecretsStoresNoEntry()
{
    QSignalSpy saved(m_editor.get(), &ProfileEditor::saved);
    QTest::mouseClick(m_save, Qt::LeftButton);
    QVERIFY(saved.wait());
    QCOMPARE(m_secrets->keys(), QStringList());
    QVERIFY(m_store->load(m_editor->savedProfile().id).profile.secrets.isEmpty());
    QVERIFY(m_editor->secretMessage().isEmpty());
}

void TestProfileEditor::refusedKeyIsNamedAndNotOnDisk()
{
    const QByteArray privateKey = pemCanary("refused key");
    const QByteArray password =
        "pw-" + QByteArray::number(QRandomGenerator::global()->generate64(), 36);
    const QUuid id = m_editor->savedProfile().id;
    const QString locked = QStringLiteral("Cannot create an item in a locked collection");
    m_secrets->setFailure(SecretKey::build(id, SecretKind::PrivateKey),
                          SecretError{SecretError::Kind::Locked, locked});
    setPem("privateKey", privateKey);
    setField(QStringLiteral("passwordEdit"), QString::fromLatin1(password));
    QSignalSpy saved(m_editor.get(), &ProfileEditor::saved);
    QTest::mouseClick(m_save, Qt::LeftButton);
    QVERIFY(saved.wait());

    // The same message as for the client secret, naming the key.
    const QString text = m_editor->secretMessage();
    QVERIFY2(text.contains(QStringLiteral("the private key was NOT stored: the keychain is "
                                          "locked or refused access")),
             qPrintable(text));
    QVERIFY(text.contains(locked));
    QVERIFY(text.contains(QStringLiteral("Nothing of it was written to disk")));
    const Profile loaded = m_store->load(id).profile;
    QVERIFY(!loaded.secrets.contains(SecretKind::PrivateKey));
    QVERIFY(loaded.secrets.contains(SecretKind::Password));
    QCOMPARE(stored(id, SecretKind::Password), std::optional<QByteArray>(password));
    QCOMPARE(filesContaining(privateKey), QStringList());
    QCOMPARE(filesContaining(privateKey.split('\n').at(1)), QStringList());
    // The refused key stays in its field for another try; the stored password does not.
    QCOMPARE(childNamed<QPlainTextEdit>(m_editor.get(), "privateKeyEdit")->toPlainText().toLatin1(),
             privateKey);
    QVERIFY(childNamed<QLineEdit>(m_editor.get(), "passwordEdit")->text().isEmpty());
}

void TestProfileEditor::certificateNeedsItsKey()
{
    setPem("clientCertificate", pemCanary("certificate"));
    QVERIFY(!m_save->isEnabled());
    QVERIFY2(label("clientCertificateMessage")->text().contains(QStringLiteral("private key")),
             qPrintable(label("clientCertificateMessage")->text()));
    setPem("clientKey", pemCanary("client key"));
    QVERIFY(m_save->isEnabled());
    QVERIFY(!label("clientCertificateMessage")->isVisible());
}

TOKENSCOPE_PROFILES_TEST_MAIN(TestProfileEditor)
#include "TestProfileEditor.moc"
