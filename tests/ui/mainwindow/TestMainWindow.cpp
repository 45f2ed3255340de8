// The main window as main.cpp builds it: it hosts the provider panel, the inspector dock
// and the activity indicator; discovery shows up in the inspector; a stalled request
// shows the busy indicator and can be cancelled while the UI stays responsive.
#include "UiSession.h"
#include "common/BodyView.h"
#include "common/MessageBox.h"
#include "flowwizards/AuthorizationFlowPanel.h"
#include "flowwizards/AuthorizationRequestForm.h"
#include "inspector/ExchangeInspector.h"
#include "inspector/ExchangeListModel.h"
#include "mainwindow/MainWindow.h"
#include "profiles/MemorySecretStore.h"
#include "profiles/ProfileListPanel.h"
#include "profiles/ProfileManager.h"
#include "profiles/ProfileStore.h"
#include "provider/CertificateTrustBox.h"
#include "provider/ProviderPanel.h"
#include "support/TestCertificate.h"

#include <QAbstractButton>
#include <QAction>
#include <QClipboard>
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
    bool saved = false;
    manager.save(profile, {{Profiles::SecretKind::ClientSecret, "from-the-keychain"}},
                 Profiles::SaveMode::Guarded, this,
                 [&saved, &profile](const Profiles::ProfileSaveResult &result) {
                     saved = result.ok();
                     profile = result.profile;
                 });
    QTRY_VERIFY(saved);

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

QTEST_MAIN(TestMainWindow)
#include "TestMainWindow.moc"
