// The Grants tab in the main window against the built-in sandbox provider: the resource
// owner password grant completed with a sandbox user, its tokens in the session's list with
// the client they were issued to; their refresh from the list into the refresh grant, where
// another client in the form is named in a warning (with the issuing one) and one click puts
// the issuing client back, and an empty form takes the issuing client by itself. With
// TOKENSCOPE_SCREENSHOT_DIR set, it saves docs/screenshot-grants-8-password-grant.png there.
// Its own main(): the main window holds WebEngine.
#include "../SandboxWindow.h"
#include "../Screenshot.h"
#include "grants/TokenGrantPanel.h"
#include "mainwindow/MainWindow.h"
#include "provider/ProviderPanel.h"
#include "sandbox/SandboxDirectory.h"
#include "sandbox/SandboxHost.h"
#include "session/SessionTokens.h"
#include "session/SessionTokensPanel.h"

#include <QApplication>
#include <QComboBox>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSignalSpy>
#include <QTabWidget>
#include <QTemporaryDir>

using namespace Tokenscope;
using Tokenscope::Grants::GrantType;
using Method = Tokenscope::ClientAuth::ClientAuthentication::Method;

class TestTokenGrantPanelSandbox final : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void init();
    void cleanup();

    void passwordGrantCompletesAndRecordsTheClient();
    void refreshWithAnotherClientIsNamedAndTheIssuingOneRestored();
    void emptyClientTakesTheIssuingClient();

private:
    void setText(const char *editName, const QString &text);
    void useClient(const QString &clientId, Method method);
    void runAndWait();
    // A password grant for alice with sandbox-confidential: its refresh token.
    QString passwordGrant();

    SandboxWindow m_rig;
    TokenGrantPanel *m_panel = nullptr;
};

void TestTokenGrantPanelSandbox::initTestCase()
{
    QVERIFY(m_rig.keys.isValid());
}

void TestTokenGrantPanelSandbox::init()
{
    const QString error = m_rig.start();
    QVERIFY2(error.isEmpty(), qPrintable(error));
    m_panel = m_rig.window->tokenGrantPanel();
    m_rig.window->panels()->setCurrentWidget(m_panel);
    QVERIFY(m_rig.discovered(childNamed<QLineEdit>(m_panel, "grantTokenEndpointEdit")));
}

void TestTokenGrantPanelSandbox::cleanup()
{
    m_rig.stop();
}

void TestTokenGrantPanelSandbox::setText(const char *editName, const QString &text)
{
    auto *edit = childNamed<QLineEdit>(m_panel, editName);
    QVERIFY(edit);
    edit->clear();
    QTest::keyClicks(edit, text);
}

void TestTokenGrantPanelSandbox::useClient(const QString &clientId, Method method)
{
    setText("grantClientIdEdit", clientId);
    auto *combo = childNamed<QComboBox>(m_panel, "grantAuthMethodCombo");
    combo->setCurrentIndex(combo->findData(int(method)));
}

void TestTokenGrantPanelSandbox::runAndWait()
{
    QSignalSpy finished(m_panel->flow(), &Grants::TokenGrantFlow::finished);
    QVERIFY2(m_panel->problem().isEmpty(), qPrintable(m_panel->problem()));
    QTest::mouseClick(childNamed<QPushButton>(m_panel, "grantRunButton"), Qt::LeftButton);
    QVERIFY(finished.wait(20'000));
}

QString TestTokenGrantPanelSandbox::passwordGrant()
{
    m_panel->setGrant(GrantType::Password);
    useClient(QStringLiteral("sandbox-confidential"), Method::ClientSecretBasic);
    setText("grantClientSecretEdit", QStringLiteral("sandbox-secret"));
    setText("grantScopeEdit", QStringLiteral("openid profile offline_access"));
    setText("usernameEdit", QStringLiteral("alice"));
    setText("passwordEdit", Sandbox::SandboxDirectory::testPassword());
    runAndWait();
    return m_panel->flow()->result().tokens.refreshToken;
}

void TestTokenGrantPanelSandbox::passwordGrantCompletesAndRecordsTheClient()
{
    const QString refreshToken = passwordGrant();
    const Grants::GrantResult &result = m_panel->flow()->result();
    QVERIFY2(result.ok(), qPrintable(result.error.message));
    QVERIFY(!result.tokens.accessToken.isEmpty());
    QVERIFY(!result.tokens.idToken.isEmpty());
    QVERIFY(!refreshToken.isEmpty());
    QVERIFY(childNamed<QLabel>(m_panel, "passwordNote")->isVisible());
    QVERIFY(childNamed<QLabel>(m_panel, "grantOutcomeLabel")
                ->text()
                .contains(QStringLiteral("password")));
    // The password went in the body, never into the session's list.
    QVERIFY(result.exchanges.constFirst().requestBody.contains("username=alice"));

    // Every token of the response is recorded with the client it was issued to.
    const SessionTokens *tokens = m_rig.window->sessionTokens();
    QCOMPARE(tokens->entries().size(), 3);
    for (const SessionTokens::Entry &entry : tokens->entries()) {
        QCOMPARE(entry.source, QStringLiteral("Password"));
        QCOMPARE(entry.client.id, QStringLiteral("sandbox-confidential"));
        QCOMPARE(entry.client.authMethod, QStringLiteral("client_secret_basic"));
    }
    saveScreenshot(m_rig.window.get(), QStringLiteral("screenshot-grants-8-password-grant.png"));
}

void TestTokenGrantPanelSandbox::refreshWithAnotherClientIsNamedAndTheIssuingOneRestored()
{
    const QString refreshToken = passwordGrant();
    QVERIFY(!refreshToken.isEmpty());
    // The form now holds another client (sandbox-post, client_secret_post).
    useClient(QStringLiteral("sandbox-post"), Method::ClientSecretPost);
    const quint64 id = m_rig.window->sessionTokens()->findValue(refreshToken)->id;

    // The session list's Refresh action: the refresh grant with that token.
    m_rig.window->panels()->setCurrentIndex(0);
    SessionTokensPanel *list = m_rig.window->sessionTokensPanel();
    list->select(id);
    QTest::mouseClick(childNamed<QPushButton>(list, "refreshTokenButton"), Qt::LeftButton);
    QCOMPARE(m_rig.window->panels()->currentWidget(), m_panel);
    QCOMPARE(m_panel->grant(), GrantType::RefreshToken);
    QCOMPARE(m_panel->refreshTokenClient().id, QStringLiteral("sandbox-confidential"));

    // Not silently: a visible warning names both clients and both methods.
    auto *warning = childNamed<QLabel>(m_panel, "refreshClientWarning");
    QVERIFY(warning->isVisible());
    for (const char *part :
         {"sandbox-confidential", "client_secret_basic", "sandbox-post", "client_secret_post"})
        QVERIFY2(warning->text().contains(QLatin1String(part)), qPrintable(warning->text()));
    QCOMPARE(m_panel->refreshClientWarning(), warning->text());
    // The form still says what it says: the user decides.
    QCOMPARE(m_panel->request().client.clientId, QStringLiteral("sandbox-post"));

    saveScreenshot(m_rig.window.get(), QStringLiteral("screenshot-grants-9-refresh-client.png"));

    // One click: the issuing client and its method; the warning goes away.
    auto *use = childNamed<QPushButton>(m_panel, "useIssuingClientButton");
    QVERIFY(use->isVisible());
    QVERIFY(use->text().contains(QStringLiteral("sandbox-confidential")));
    QTest::mouseClick(use, Qt::LeftButton);
    QCOMPARE(m_panel->request().client.clientId, QStringLiteral("sandbox-confidential"));
    QCOMPARE(m_panel->request().client.method, Method::ClientSecretBasic);
    QVERIFY(!warning->isVisible());
    QVERIFY(m_panel->refreshClientWarning().isEmpty());
    runAndWait();
    const Grants::GrantResult &result = m_panel->flow()->result();
    QVERIFY2(result.ok(), qPrintable(result.error.message));
    // The rotated token is recorded with the same client, so the next refresh matches too.
    const SessionTokens::Entry *next = m_rig.window->sessionTokens()->findValue(
        result.tokens.refreshToken.isEmpty() ? refreshToken : result.tokens.refreshToken);
    QVERIFY(next);
    QCOMPARE(next->client.id, QStringLiteral("sandbox-confidential"));
    QVERIFY(!warning->isVisible());

    // Changing the client in the form brings the warning back at once.
    useClient(QStringLiteral("sandbox-post"), Method::ClientSecretPost);
    QVERIFY(warning->isVisible());
}

void TestTokenGrantPanelSandbox::emptyClientTakesTheIssuingClient()
{
    const QString refreshToken = passwordGrant();
    QVERIFY(!refreshToken.isEmpty());
    childNamed<QLineEdit>(m_panel, "grantClientIdEdit")->clear();
    m_panel->setGrant(GrantType::ClientCredentials);
    m_panel->setRefreshToken(refreshToken);
    QCOMPARE(m_panel->grant(), GrantType::RefreshToken);
    QCOMPARE(childNamed<QLineEdit>(m_panel, "grantClientIdEdit")->text(),
             QStringLiteral("sandbox-confidential"));
    QCOMPARE(m_panel->request().client.method, Method::ClientSecretBasic);
    QVERIFY(m_panel->refreshClientWarning().isEmpty());
    runAndWait();
    QVERIFY2(m_panel->flow()->result().ok(), qPrintable(m_panel->flow()->result().error.message));
}

int main(int argc, char *argv[])
{
    QCoreApplication::setAttribute(Qt::AA_ShareOpenGLContexts);
    QApplication app(argc, argv);
    TestTokenGrantPanelSandbox test;
    return QTest::qExec(&test, argc, argv);
}

#include "TestTokenGrantPanelSandbox.moc"
