// The authorization wizard in the main window against the built-in sandbox provider, with
// private_key_jwt client authentication: authorization code + PKCE completed in the real
// embedded browser by the client "sandbox-private-key", its token request authenticated by a
// client assertion signed with a pasted key, or with a saved profile's key from the keychain
// that never appears on screen. With TOKENSCOPE_SCREENSHOT_DIR set, it saves
// docs/screenshot-wizard-private-key-jwt.png there. Its own main(): the main window holds
// WebEngine.
#include "SandboxUser.h"
#include "SandboxWindow.h"
#include "Screenshot.h"
#include "browser/EmbeddedBrowser.h"
#include "flowwizards/AuthorizationFlowPanel.h"
#include "flowwizards/AuthorizationRequestForm.h"
#include "grants/KeychainKeySource.h"
#include "http/Transcript.h"
#include "mainwindow/MainWindow.h"
#include "profiles/MemorySecretStore.h"
#include "profiles/ProfileManager.h"
#include "profiles/ProfileStore.h"
#include "provider/ProviderPanel.h"
#include "sandbox/SandboxDirectory.h"
#include "sandbox/SandboxHost.h"
#include "support/SaveProfile.h"

#include <QApplication>
#include <QComboBox>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QTabWidget>
#include <QTemporaryDir>
#include <QUrlQuery>
#include <QWebEnginePage>
#include <QWebEngineView>

using namespace Tokenscope;
using Method = ClientAuth::ClientAuthentication::Method;
using Page = AuthorizationFlowPanel::Page;

namespace {

QByteArray sandboxClientKey()
{
    const Sandbox::SandboxDirectory directory;
    const Sandbox::SandboxClient *client = directory.client(QStringLiteral("sandbox-private-key"));
    return client ? client->privateKeyPem : QByteArray();
}

} // namespace

class TestAuthorizationWizardSandbox final : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void init();
    void cleanup();

    void privateKeyJwtWithAPastedKeyCompletesCodeWithPkce();
    void privateKeyJwtWithAProfilesKeyFromTheKeychain();

private:
    void useClient();
    // Starts the run, signs in as alice and waits for the result page.
    void runAsAlice();
    // The client's token request, as the provider received it.
    void verifyTheTokenRequestCarriedAnAssertion();

    SandboxWindow m_rig;
    AuthorizationFlowPanel *m_panel = nullptr;
    AuthorizationRequestForm *m_form = nullptr;
};

void TestAuthorizationWizardSandbox::initTestCase()
{
    QVERIFY(m_rig.keys.isValid());
    QVERIFY(sandboxClientKey().startsWith("-----BEGIN"));
}

void TestAuthorizationWizardSandbox::init()
{
    const QString error = m_rig.start();
    QVERIFY2(error.isEmpty(), qPrintable(error));
    m_panel = m_rig.window->authorizationFlowPanel();
    m_form = m_panel->form();
    m_rig.window->panels()->setCurrentWidget(m_panel);
    QVERIFY(m_rig.discovered(childNamed<QLineEdit>(m_form, "tokenEndpointEdit")));
}

void TestAuthorizationWizardSandbox::cleanup()
{
    m_rig.stop();
}

void TestAuthorizationWizardSandbox::useClient()
{
    auto *clientId = childNamed<QLineEdit>(m_form, "clientIdEdit");
    clientId->clear();
    QTest::keyClicks(clientId, QStringLiteral("sandbox-private-key"));
    auto *method = childNamed<QComboBox>(m_form, "authMethodCombo");
    method->setCurrentIndex(method->findData(QVariant::fromValue(Method::PrivateKeyJwt)));
    auto *scope = childNamed<QLineEdit>(m_form, "scopeEdit");
    scope->clear();
    QTest::keyClicks(scope, QStringLiteral("openid profile"));
    // Only the key's rows show: no client secret is asked for.
    QVERIFY(!childNamed<QLineEdit>(m_form, "clientSecretEdit")->isVisible());
    QVERIFY(childNamed<QComboBox>(m_form, "clientKeySourceCombo")->isVisible());
    QVERIFY(childNamed<QPlainTextEdit>(m_form, "clientPrivateKeyEdit")->isVisible());
}

void TestAuthorizationWizardSandbox::runAsAlice()
{
    const AuthCode::AuthorizationRequest request = m_form->request();
    QCOMPARE(request.authMethod, Method::PrivateKeyJwt);
    QCOMPARE(request.pkceMethod, AuthCode::Pkce::Method::S256);
    QVERIFY(request.clientSecret.isEmpty());
    auto *start = childNamed<QPushButton>(m_panel, "startButton");
    QVERIFY2(start->isEnabled(), qPrintable(m_form->problem()));
    QTest::mouseClick(start, Qt::LeftButton);
    QCOMPARE(m_panel->currentPage(), Page::BrowserPage);
    new SandboxUser(m_panel->browser()->view()->page(), QStringLiteral("alice"));
    QVERIFY(QTest::qWaitFor([this] { return m_panel->currentPage() == Page::ResultPage; }, 60'000));
    QVERIFY2(m_panel->flow()->result().ok(), qPrintable(m_panel->statusText()));
    QVERIFY(!m_panel->flow()->result().tokens.accessToken.isEmpty());
    QVERIFY(!m_panel->flow()->result().tokens.idToken.isEmpty());
}

void TestAuthorizationWizardSandbox::verifyTheTokenRequestCarriedAnAssertion()
{
    const Http::Exchange *token = nullptr;
    for (const Http::Exchange &exchange : m_rig.sandbox->log()->exchanges()) {
        if (exchange.method == "POST" && exchange.url.path() == QLatin1String("/token"))
            token = &exchange;
    }
    QVERIFY(token);
    QCOMPARE(token->statusCode, 200);
    const QUrlQuery form(QString::fromUtf8(token->requestBody));
    QCOMPARE(form.queryItemValue(QStringLiteral("grant_type")),
             QStringLiteral("authorization_code"));
    QCOMPARE(form.queryItemValue(QStringLiteral("client_id")),
             QStringLiteral("sandbox-private-key"));
    QCOMPARE(form.queryItemValue(QStringLiteral("client_assertion_type"), QUrl::FullyDecoded),
             QStringLiteral("urn:ietf:params:oauth:client-assertion-type:jwt-bearer"));
    QCOMPARE(form.queryItemValue(QStringLiteral("client_assertion")).count(u'.'), 2);
    QVERIFY(!form.queryItemValue(QStringLiteral("code_verifier")).isEmpty()); // PKCE
    QVERIFY2(!form.hasQueryItem(QStringLiteral("client_secret")), token->requestBody.constData());
    QVERIFY(!token->requestBody.contains("client_secret"));
    QVERIFY(token->requestHeader("Authorization").isEmpty());
}

void TestAuthorizationWizardSandbox::privateKeyJwtWithAPastedKeyCompletesCodeWithPkce()
{
    useClient();
    // Without a key the run cannot start, and the form says why.
    QVERIFY(m_form->problem().contains(QStringLiteral("private key")));
    QVERIFY(!childNamed<QPushButton>(m_panel, "startButton")->isEnabled());
    childNamed<QPlainTextEdit>(m_form, "clientPrivateKeyEdit")
        ->setPlainText(QString::fromLatin1(sandboxClientKey()));
    QCOMPARE(m_form->request().clientPrivateKey, sandboxClientKey().trimmed());
    runAsAlice();
    verifyTheTokenRequestCarriedAnAssertion();
}

void TestAuthorizationWizardSandbox::privateKeyJwtWithAProfilesKeyFromTheKeychain()
{
    // A saved profile for the client, its key in the secret store.
    QTemporaryDir directory;
    Profiles::ProfileStore store(directory.path());
    Profiles::MemorySecretStore secrets;
    Profiles::ProfileManager manager(store, secrets);
    Profiles::Profile profile = Profiles::Profile::create(QStringLiteral("Sandbox signer"));
    profile.provider.issuer = QUrl(m_rig.sandbox->issuer());
    profile.provider.discoveryDocument = m_rig.sandbox->metadata();
    profile.client.clientId = QStringLiteral("sandbox-private-key");
    profile.client.authMethod = QStringLiteral("private_key_jwt");
    profile.client.defaultScopes = {QStringLiteral("openid"), QStringLiteral("profile")};
    TOKENSCOPE_SAVE_PROFILE(manager, profile,
                            {{Profiles::SecretKind::PrivateKey, sandboxClientKey()}});

    // The main window hands the key it read over with the profile.
    m_form->setProfiles(&manager);
    m_form->applyProfile(profile, QByteArray());
    m_form->setClientPrivateKey(sandboxClientKey());
    auto *source = childNamed<KeychainKeySource>(m_form, "clientKeySourceCombo");
    QVERIFY(source->fromKeychain());
    QVERIFY(source->chosenLabel().contains(QStringLiteral("Sandbox signer")));
    QVERIFY(source->isVisible());
    auto *keyEdit = childNamed<QPlainTextEdit>(m_form, "clientPrivateKeyEdit");
    QVERIFY(keyEdit->isReadOnly());
    QVERIFY(keyEdit->placeholderText().contains(QStringLiteral("Sandbox signer")));
    QVERIFY(childNamed<QLabel>(m_form, "clientKeyStatus")->isVisible());
    QCOMPARE(m_form->request().clientPrivateKey, sandboxClientKey());
    saveScreenshot(m_rig.window.get(), QStringLiteral("screenshot-wizard-private-key-jwt.png"));
    runAsAlice();
    verifyTheTokenRequestCarriedAnAssertion();
    // The key is nowhere on screen.
    const QString part = QString::fromLatin1(sandboxClientKey().mid(40, 40));
    for (const QPlainTextEdit *edit : m_rig.window->findChildren<QPlainTextEdit *>())
        QVERIFY2(!edit->toPlainText().contains(part), qPrintable(edit->objectName()));
    for (const QLineEdit *edit : m_rig.window->findChildren<QLineEdit *>())
        QVERIFY2(!edit->text().contains(part), qPrintable(edit->objectName()));
}

int main(int argc, char *argv[])
{
    QCoreApplication::setAttribute(Qt::AA_ShareOpenGLContexts);
    QApplication app(argc, argv);
    TestAuthorizationWizardSandbox test;
    return QTest::qExec(&test, argc, argv);
}

#include "TestAuthorizationWizardSandbox.moc"
