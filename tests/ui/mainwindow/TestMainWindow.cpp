// The main window as main.cpp builds it: it hosts the provider panel, the inspector dock
// and the activity indicator; discovery shows up in the inspector; a stalled request
// shows the busy indicator and can be cancelled while the UI stays responsive.
#include "UiSession.h"
#include "common/BodyView.h"
#include "common/MessageBox.h"
#include "flowwizards/AuthorizationFlowPanel.h"
#include "flowwizards/AuthorizationRequestForm.h"
#include "grants/ClientFields.h"
#include "grants/TokenGrantPanel.h"
#include "inspector/ExchangeInspector.h"
#include "inspector/ExchangeListModel.h"
#include "mainwindow/MainWindow.h"
#include "profiles/MemorySecretStore.h"
#include "profiles/ProfileListPanel.h"
#include "profiles/ProfileManager.h"
#include "profiles/ProfileStore.h"
#include "profiles/SecretKey.h"
#include "provider/CertificateTrustBox.h"
#include "provider/ProviderPanel.h"
#include "session/SessionTokens.h"
#include "support/SaveProfile.h"
#include "support/TestCertificate.h"

#include <QAbstractButton>
#include <QAction>
#include <QClipboard>
#include <QComboBox>
#include <QCryptographicHash>
#include <QDockWidget>
#include <QGuiApplication>
#include <QLabel>
#include <QLineEdit>
#include <QMenuBar>
#include <QProgressBar>
#include <QPushButton>
#include <QStatusBar>
#include <QTabWidget>
#include <QTableWidget>
#include <QTemporaryDir>
#include <QTest>
#include <QTreeView>

using Tokenscope::Testing::LoopbackServer;
using Tokenscope::Testing::ReceivedRequest;

namespace Profiles = Tokenscope::Profiles;
namespace AuthCode = Tokenscope::AuthCode;

class TestMainWindow final : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void cleanup();

    void hostsPanelsAndMenus();
    void discoveryIsRecordedInTheInspector();
    void stalledRequestCanBeCancelled();
    void untrustedCertificateCanBeTrustedOnce();
    void viewMenuTogglesTheDockAndClearsTheTranscript();
    void aboutBoxGoesThroughTheDialogSeam();
    void chosenProfileSetsUpTheWizard();
    void chosenProfileAppliesTlsKeyPasswordAndKeptRefreshToken();
    void newRefreshTokenIsKeptOnlyWhenTheProfileAsks();

private:
    std::unique_ptr<UiSession> m_session;
    std::unique_ptr<MainWindow> m_window;
};

void TestMainWindow::init()
{
    m_session = std::make_unique<UiSession>();
    m_window =
        std::make_unique<MainWindow>(&m_session->http, &m_session->discovery, m_session->random);
    m_window->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_window.get()));
}

void TestMainWindow::cleanup()
{
    m_window.reset();
    m_session.reset();
}

void TestMainWindow::hostsPanelsAndMenus()
{
    QCOMPARE(m_window->objectName(), QStringLiteral("mainWindow"));
    QCOMPARE(m_window->windowTitle(), QStringLiteral("Tokenscope"));
    // The panels are tabs: the provider first, then the flow wizards.
    auto *tabs = m_window->panels();
    QVERIFY(tabs);
    QCOMPARE(tabs->widget(0)->objectName(), QStringLiteral("providerPanel"));
    QCOMPARE(tabs->widget(1)->objectName(), QStringLiteral("authorizationFlowPanel"));
    QCOMPARE(tabs->currentIndex(), 0);
    auto *dock = childNamed<QDockWidget>(m_window.get(), "inspectorDock");
    QVERIFY(dock);
    QCOMPARE(dock->widget()->objectName(), QStringLiteral("exchangeInspector"));
    QVERIFY(dock->isVisible());

    QStringList menus;
    for (QAction *action : m_window->menuBar()->actions())
        menus.append(action->text());
    QCOMPARE(menus, (QStringList{QStringLiteral("&File"), QStringLiteral("&View"),
                                 QStringLiteral("&Help")}));
    for (const char *name :
         {"quitAction", "toggleInspectorAction", "clearTranscriptAction", "aboutAction"})
        QVERIFY2(childNamed<QAction>(m_window.get(), name), name);

    // Idle: no busy indicator, nothing to cancel.
    QVERIFY(!childNamed<QProgressBar>(m_window.get(), "busyIndicator")->isVisible());
    QVERIFY(!childNamed<QPushButton>(m_window.get(), "cancelButton")->isVisible());
}

void TestMainWindow::discoveryIsRecordedInTheInspector()
{
    LoopbackServer server({});
    serveDiscovery(server);
    const QString issuer = QString::fromLatin1(issuerOf(server));

    QTest::keyClicks(childNamed<QLineEdit>(m_window.get(), "issuerEdit"), issuer);
    QTest::mouseClick(childNamed<QPushButton>(m_window.get(), "discoverButton"), Qt::LeftButton);
    auto *endpoints = childNamed<QTableWidget>(m_window.get(), "endpointsView");
    QTRY_COMPARE(endpoints->rowCount(), 3);
    QCOMPARE(endpoints->item(1, 1)->text(), issuer + QStringLiteral("/token"));

    auto *list = childNamed<QTreeView>(m_window.get(), "exchangeList");
    QCOMPARE(list->model()->rowCount(), 1);
    QTRY_COMPARE(list->model()->index(0, ExchangeListModel::Status).data().toString(),
                 QStringLiteral("200 OK"));
    QCOMPARE(list->model()->index(0, ExchangeListModel::Method).data().toString(),
             QStringLiteral("GET"));
    QCOMPARE(list->model()->index(0, ExchangeListModel::Url).data().toString(),
             issuer + QStringLiteral("/.well-known/openid-configuration"));
    QCOMPARE(list->model()->index(0, ExchangeListModel::Label).data().toString(),
             QStringLiteral("OpenID Connect discovery"));

    QTest::mouseClick(list->viewport(), Qt::LeftButton, {},
                      list->visualRect(list->model()->index(0, 2)).center());
    auto *headers = childNamed<QTableWidget>(m_window.get(), "requestHeadersTable");
    QCOMPARE(headers->item(0, 0)->text(), QStringLiteral("Host"));
    QCOMPARE(headers->item(0, 1)->text(), QStringLiteral("127.0.0.1:%1").arg(server.serverPort()));
    QCOMPARE(headers->item(1, 0)->text(), QStringLiteral("User-Agent"));
    auto *body = childNamed<BodyView>(m_window.get(), "responseBodyView");
    QVERIFY(body->text().contains(QStringLiteral("  \"token_endpoint\": \"") + issuer));

    QTest::mouseClick(childNamed<QAbstractButton>(m_window.get(), "copyCurlButton"),
                      Qt::LeftButton);
    const QString curl = QGuiApplication::clipboard()->text();
    QVERIFY(curl.startsWith(QStringLiteral("curl")));
    QVERIFY(curl.contains(issuer + QStringLiteral("/.well-known/openid-configuration")));
}

void TestMainWindow::untrustedCertificateCanBeTrustedOnce()
{
    const auto identity = Tokenscope::Testing::TestCertificate::create("tokenscope-ui-test");
    LoopbackServer server({});
    server.enableTls(identity.certificate, identity.key);
    const QByteArray issuer = "https://127.0.0.1:" + QByteArray::number(server.serverPort());
    server.setHandler([issuer](const ReceivedRequest &, QTcpSocket *socket) {
        LoopbackServer::respondJson(socket, 200, discoveryDocument(issuer));
    });

    auto *panel = m_window->providerPanel();
    auto *box = childNamed<CertificateTrustBox>(m_window.get(), "tlsTrustBox");
    QVERIFY(box->isHidden());
    panel->discover(QString::fromLatin1(issuer));
    QTRY_VERIFY(!panel->errorText().isEmpty());
    QVERIFY2(panel->errorText().contains(QStringLiteral("not trusted")),
             qPrintable(panel->errorText()));
    // The certificate is shown, with what a user needs to decide.
    QTRY_VERIFY(box->isVisible());
    const QString fingerprint = QString::fromLatin1(
        identity.certificate.digest(QCryptographicHash::Sha256).toHex(':').toUpper());
    QVERIFY2(box->detailsText().contains(fingerprint), qPrintable(box->detailsText()));
    QVERIFY(box->detailsText().contains(QStringLiteral("tokenscope-ui-test")));
    QCOMPARE(server.requests().size(), 0); // nothing was sent over the untrusted connection

    QTest::mouseClick(childNamed<QPushButton>(box, "trustCertificateButton"), Qt::LeftButton);
    auto *endpoints = childNamed<QTableWidget>(m_window.get(), "endpointsView");
    QTRY_COMPARE(endpoints->rowCount(), 3);
    QVERIFY(panel->errorText().isEmpty());
    QVERIFY(box->isHidden());
    QCOMPARE(server.requests().size(), 1);
    // Only that certificate: the options name it and nothing else.
    QCOMPARE(m_session->http.options().trustedCertificateSha256,
             QList<QByteArray>{fingerprint.toLatin1()});
}

void TestMainWindow::stalledRequestCanBeCancelled()
{
    LoopbackServer server([](const ReceivedRequest &, QTcpSocket *) {}); // never answers
    auto *busy = childNamed<QProgressBar>(m_window.get(), "busyIndicator");
    auto *cancel = childNamed<QPushButton>(m_window.get(), "cancelButton");
    auto *issuerEdit = childNamed<QLineEdit>(m_window.get(), "issuerEdit");
    QTest::keyClicks(issuerEdit, QString::fromLatin1(issuerOf(server)));
    QTest::keyClick(issuerEdit, Qt::Key_Return);

    QTRY_VERIFY(busy->isVisible());
    QVERIFY(cancel->isVisible());
    QVERIFY(cancel->isEnabled());
    QTRY_COMPARE(server.requests().size(), 1);

    // The UI is not blocked: it takes typing while the request hangs.
    QTest::keyClicks(issuerEdit, QStringLiteral("/x"));
    QVERIFY(issuerEdit->text().endsWith(QStringLiteral("/x")));
    QVERIFY(busy->isVisible());

    QTest::mouseClick(cancel, Qt::LeftButton);
    QTRY_VERIFY(!busy->isVisible());
    QVERIFY(!cancel->isVisible());
    auto *error = childNamed<QLabel>(m_window.get(), "errorLabel");
    QTRY_VERIFY(error->isVisible());
    QVERIFY2(error->text().contains(QStringLiteral("cancelled"), Qt::CaseInsensitive),
             qPrintable(error->text()));
    QVERIFY(childNamed<QPushButton>(m_window.get(), "discoverButton")->isEnabled());
    auto *list = childNamed<QTreeView>(m_window.get(), "exchangeList");
    QCOMPARE(list->model()->index(0, ExchangeListModel::Status).data().toString(),
             QStringLiteral("Cancelled"));
}

void TestMainWindow::viewMenuTogglesTheDockAndClearsTheTranscript()
{
    LoopbackServer server({});
    serveDiscovery(server);
    m_window->providerPanel()->discover(QString::fromLatin1(issuerOf(server)));
    auto *list = childNamed<QTreeView>(m_window.get(), "exchangeList");
    QTRY_COMPARE(list->model()->index(0, ExchangeListModel::Status).data().toString(),
                 QStringLiteral("200 OK"));

    auto *dock = childNamed<QDockWidget>(m_window.get(), "inspectorDock");
    auto *toggle = childNamed<QAction>(m_window.get(), "toggleInspectorAction");
    QVERIFY(toggle->isChecked());
    toggle->trigger();
    QVERIFY(!dock->isVisible());
    toggle->trigger();
    QVERIFY(dock->isVisible());

    childNamed<QAction>(m_window.get(), "clearTranscriptAction")->trigger();
    QCOMPARE(m_session->transcript.size(), 0);
    QCOMPARE(list->model()->rowCount(), 0);
}

void TestMainWindow::chosenProfileSetsUpTheWizard()
{
    QTemporaryDir directory;
    Profiles::ProfileStore store(directory.path());
    Profiles::MemorySecretStore secrets;
    Profiles::ProfileManager manager(store, secrets);
    m_window->setProfiles(&manager, SecretBackend::MemoryOnly);
    auto *tabs = m_window->panels();
    QCOMPARE(tabs->widget(0), m_window->profilesPanel());

    Profiles::Profile profile;
    profile.id = QUuid::createUuid();
    profile.name = QStringLiteral("Staging");
    profile.provider.endpoints.insert(QStringLiteral("authorization_endpoint"),
                                      QUrl(QStringLiteral("https://as.example/authorize")));
    profile.provider.endpoints.insert(QStringLiteral("token_endpoint"),
                                      QUrl(QStringLiteral("https://as.example/token")));
    profile.client.clientId = QStringLiteral("web-app");
    profile.client.authMethod = QStringLiteral("client_secret_basic");
    TOKENSCOPE_SAVE_PROFILE(manager, profile,
                            {{Profiles::SecretKind::ClientSecret, "from-the-keychain"}});

    emit m_window->profilesPanel()->profileChosen(profile);
    QTRY_COMPARE(tabs->currentWidget(), m_window->authorizationFlowPanel());
    const AuthCode::AuthorizationRequest request =
        m_window->authorizationFlowPanel()->form()->request();
    QCOMPARE(request.clientId, QStringLiteral("web-app"));
    QCOMPARE(request.clientSecret, QByteArray("from-the-keychain")); // read from the store
    QCOMPARE(request.tokenEndpoint, QUrl(QStringLiteral("https://as.example/token")));

    // A secret that cannot be read: the profile is applied all the same, and the user told.
    secrets.setFailure(Profiles::SecretError{Profiles::SecretError::Kind::Locked,
                                             QStringLiteral("the keyring is locked")});
    tabs->setCurrentIndex(0);
    emit m_window->profilesPanel()->profileChosen(profile);
    QTRY_COMPARE(tabs->currentWidget(), m_window->authorizationFlowPanel());
    QVERIFY(m_window->authorizationFlowPanel()->form()->request().clientSecret.isEmpty());
    QVERIFY(m_window->statusBar()->currentMessage().contains(QStringLiteral("locked")));
}

void TestMainWindow::aboutBoxGoesThroughTheDialogSeam()
{
    MessageBox::setNextAnswer(QMessageBox::Ok);
    childNamed<QAction>(m_window.get(), "aboutAction")->trigger(); // would block if shown
    QVERIFY(MessageBox::lastText().contains(QStringLiteral("Tokenscope")));
}

namespace {

// Saves through the manager and waits for it; the profile as saved.
Profiles::Profile saveProfile(Profiles::ProfileManager &manager, const Profiles::Profile &profile,
                              const QMap<Profiles::SecretKind, QByteArray> &secrets)
{
    std::optional<Profiles::ProfileSaveResult> saved;
    QObject context;
    manager.save(profile, secrets, Profiles::SaveMode::Guarded, &context,
                 [&saved](const Profiles::ProfileSaveResult &result) { saved = result; });
    if (!QTest::qWaitFor([&saved] { return saved.has_value(); }, 5000) || !saved->ok() ||
        !saved->notStored().isEmpty())
        qWarning("the profile was not saved");
    return saved ? saved->profile : profile;
}

std::optional<QByteArray> readSecret(Profiles::SecretStore &store, const QUuid &id,
                                     Profiles::SecretKind kind)
{
    std::optional<Profiles::SecretResult> read;
    QObject context;
    store.read(Profiles::SecretKey::build(id, kind), &context,
               [&read](const Profiles::SecretResult &result) { read = result; });
    if (!QTest::qWaitFor([&read] { return read.has_value(); }, 5000) || !read->ok())
        return std::nullopt;
    return read->value;
}

const char testKeyPem[] = "-----BEGIN PRIVATE KEY-----\n"
                          "MIGHAgEAMBMGByqGSM49AgEGCCqGSM49AwEHBG0wawIBAQQgxBn446ycS4S8jjD1\n"
                          "pF8MJX2XgafJwSOLOWkJ1zhk8NKhRANCAAQUjKNz83jYC2a/MgVLC0S+0D2Ye7IU\n"
                          "1o2cdTjjwdtWvo2qFXl4EYRJ83AcDMg+GA81p1sFeFcrozh9mNpks45c\n"
                          "-----END PRIVATE KEY-----\n";

} // namespace

void TestMainWindow::chosenProfileAppliesTlsKeyPasswordAndKeptRefreshToken()
{
    QTemporaryDir directory;
    Profiles::ProfileStore store(directory.path() + QStringLiteral("/profiles"));
    Profiles::MemorySecretStore secrets;
    Profiles::ProfileManager manager(store, secrets);
    m_window->setProfiles(&manager, SecretBackend::MemoryOnly);

    const QString caFile = directory.path() + QStringLiteral("/extra-ca.pem");
    Profiles::Profile profile = Profiles::Profile::create(QStringLiteral("Signed"));
    profile.provider.endpoints.insert(QStringLiteral("token_endpoint"),
                                      QUrl(QStringLiteral("https://as.example/token")));
    profile.client.clientId = QStringLiteral("signer");
    profile.client.authMethod = QStringLiteral("private_key_jwt");
    profile.client.tls.caFile = caFile;
    profile.client.extraTokenParameters = {{QStringLiteral("audience"), QStringLiteral("api")}};
    profile.storeRefreshTokens = true;
    profile = saveProfile(manager, profile,
                          {{Profiles::SecretKind::PrivateKey, QByteArray(testKeyPem)},
                           {Profiles::SecretKind::Password, "owner-password"},
                           {Profiles::SecretKind::RefreshToken, "kept-refresh-token"}});
    QCOMPARE(profile.secrets.size(), 3);
    // Slow keychain answers are still answers: the window does not wait for them.
    QVERIFY(m_session->http.options().caFile.isEmpty());

    emit m_window->profilesPanel()->profileChosen(profile);
    // TLS at once, for every panel's requests.
    QCOMPARE(m_session->http.options().caFile, caFile);
    TokenGrantPanel *grants = m_window->tokenGrantPanel();
    // The private key reaches the grant forms (read back through their own request), the
    // password the password grant, the extra token parameters every token request.
    QTRY_COMPARE(grants->clientFields()->credentials().privateKey, QByteArray(testKeyPem));
    QCOMPARE(grants->clientFields()->credentials().clientId, QStringLiteral("signer"));
    QCOMPARE(grants->request().password, QByteArray("owner-password"));
    QVERIFY(grants->request().extraParameters.contains(
        qMakePair(QStringLiteral("audience"), QStringLiteral("api"))));
    // The kept refresh token is offered to the refresh grant.
    const SessionTokens::Entry *kept =
        m_window->sessionTokens()->latest(SessionTokens::Kind::RefreshToken);
    QVERIFY(kept);
    QCOMPARE(kept->value, QStringLiteral("kept-refresh-token"));
    auto *pick = childNamed<QComboBox>(grants, "refreshPickCombo");
    QVERIFY(pick->findData(QStringLiteral("kept-refresh-token")) > 0);
    // No byte of the key on disk for the hand-over.
    QVERIFY(!grants->clientFields()
                 ->findChild<QLineEdit *>(QStringLiteral("grantPrivateKeyEdit"))
                 ->text()
                 .startsWith(directory.path()));

    // Another profile without them: the key, the password and the CA go.
    Profiles::Profile plain = Profiles::Profile::create(QStringLiteral("Plain"));
    plain.client.clientId = QStringLiteral("plain");
    plain = saveProfile(manager, plain, {});
    emit m_window->profilesPanel()->profileChosen(plain);
    QTRY_VERIFY(grants->request().password.isEmpty());
    QVERIFY(m_session->http.options().caFile.isEmpty());
    QVERIFY(grants->clientFields()->credentials().privateKey.isEmpty());
}

void TestMainWindow::newRefreshTokenIsKeptOnlyWhenTheProfileAsks()
{
    LoopbackServer server({});
    int issued = 0;
    server.setHandler([&issued](const ReceivedRequest &, QTcpSocket *socket) {
        ++issued;
        LoopbackServer::respondJson(socket, 200,
                                    R"({"access_token":"at-)" + QByteArray::number(issued) +
                                        R"(","token_type":"Bearer","expires_in":60,)"
                                        R"("refresh_token":"rt-from-flow-)" +
                                        QByteArray::number(issued) + R"("})");
    });
    QTemporaryDir directory;
    Profiles::ProfileStore store(directory.path() + QStringLiteral("/profiles"));
    Profiles::MemorySecretStore secrets;
    Profiles::ProfileManager manager(store, secrets);
    m_window->setProfiles(&manager, SecretBackend::MemoryOnly);

    Profiles::Profile keeps = Profiles::Profile::create(QStringLiteral("Keeps"));
    keeps.client.clientId = QStringLiteral("service");
    keeps.storeRefreshTokens = true;
    keeps = saveProfile(manager, keeps, {});
    Profiles::Profile forgets = Profiles::Profile::create(QStringLiteral("Forgets"));
    forgets.client.clientId = QStringLiteral("service");
    forgets = saveProfile(manager, forgets, {});

    TokenGrantPanel *grants = m_window->tokenGrantPanel();
    const auto runGrant = [&] {
        grants->clientFields()->setTokenEndpoint(
            QUrl(QString::fromLatin1(issuerOf(server)) + QStringLiteral("/token")));
        grants->setGrant(Tokenscope::Grants::GrantType::ClientCredentials);
        QVERIFY2(grants->problem().isEmpty(), qPrintable(grants->problem()));
        const int before = issued;
        grants->run();
        QTRY_COMPARE(issued, before + 1);
    };

    // The profile keeps them: the flow's refresh token goes to the secret store, the file
    // refers to it, and the next time the profile is chosen the refresh grant offers it.
    emit m_window->profilesPanel()->profileChosen(keeps);
    QTRY_COMPARE(m_window->panels()->currentWidget(), m_window->authorizationFlowPanel());
    runGrant();
    QTRY_COMPARE(readSecret(secrets, keeps.id, Profiles::SecretKind::RefreshToken),
                 std::optional<QByteArray>("rt-from-flow-1"));
    QTRY_VERIFY(store.load(keeps.id).profile.secrets.contains(Profiles::SecretKind::RefreshToken));
    QVERIFY(!store.load(keeps.id).error.isError());

    // The profile does not keep them: nothing is stored.
    emit m_window->profilesPanel()->profileChosen(forgets);
    runGrant();
    const auto latestRefresh = [this]() -> QString {
        const SessionTokens::Entry *entry =
            m_window->sessionTokens()->latest(SessionTokens::Kind::RefreshToken);
        return entry ? entry->value : QString();
    };
    QTRY_COMPARE(latestRefresh(), QStringLiteral("rt-from-flow-2"));
    // A read queued after the write a keeping profile would have started.
    QVERIFY(!readSecret(secrets, forgets.id, Profiles::SecretKind::RefreshToken));
    QVERIFY(!store.load(forgets.id).profile.secrets.contains(Profiles::SecretKind::RefreshToken));

    // Chosen again, the kept one is offered to the refresh grant.
    m_window->sessionTokens()->clear();
    emit m_window->profilesPanel()->profileChosen(store.load(keeps.id).profile);
    auto *pick = childNamed<QComboBox>(grants, "refreshPickCombo");
    QTRY_VERIFY(pick->findData(QStringLiteral("rt-from-flow-1")) > 0);
}

QTEST_MAIN(TestMainWindow)
#include "TestMainWindow.moc"
