// The Grants tab in the main window against the real provider (oidc-provider on 127.0.0.1):
// client credentials with the confidential client, a refresh token picked from the
// session's list and refreshed with rotation (old and new side by side), the spent token
// sent again and refused as reuse, and the form showing only what each grant needs (the
// password grant's warning among it). With TOKENSCOPE_SCREENSHOT_DIR set, it saves
// docs/screenshot-grants-*.png there. Its own main(): the main window holds WebEngine.
#include "../Screenshot.h"
#include "../UiSession.h"
#include "authcode/AuthorizationCodeFlow.h"
#include "common/FindingsView.h"
#include "grants/ClientFields.h"
#include "grants/TokenGrantPanel.h"
#include "mainwindow/MainWindow.h"
#include "provider/ProviderPanel.h"
#include "redirect/LoopbackListener.h"
#include "session/SessionTokens.h"
#include "support/HeadlessLogin.h"
#include "tokens/TokenTable.h"

#include <QApplication>
#include <QComboBox>
#include <QGroupBox>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSignalSpy>
#include <QTabWidget>

using namespace Tokenscope;
using Tokenscope::Grants::GrantType;
using Method = Tokenscope::ClientAuth::ClientAuthentication::Method;

class TestTokenGrantPanel final : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void init();
    void cleanup();

    void clientCredentialsTokensAppearInThePanelAndTheSession();
    void wrongSecretShowsTheProvidersAnswer();
    void passwordNoteIsShownOnlyForThePasswordGrant();
    void formShowsOnlyTheFieldsOfTheGrant();
    void refreshFromTheSessionRotatesAndReuseIsExplained();
    void subjectTokenFromTheSessionCarriesItsType();

private:
    void setText(const char *editName, const QString &text);
    QString textOf(const char *labelName) const;
    void runAndWait();
    QString obtainRefreshToken(QString *idToken);

    QString m_issuer;
    std::unique_ptr<UiSession> m_session;
    std::unique_ptr<MainWindow> m_window;
    TokenGrantPanel *m_panel = nullptr;
};

void TestTokenGrantPanel::initTestCase()
{
    m_issuer = qEnvironmentVariable("TOKENSCOPE_INTEROP_ISSUER");
    QVERIFY2(!m_issuer.isEmpty(), "TOKENSCOPE_INTEROP_ISSUER is set by the CTest fixture");
}

void TestTokenGrantPanel::init()
{
    m_session = std::make_unique<UiSession>();
    m_window =
        std::make_unique<MainWindow>(&m_session->http, &m_session->discovery, m_session->random);
    m_window->resize(1400, 900);
    m_window->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_window.get()));
    m_panel = m_window->tokenGrantPanel();
    QVERIFY(m_panel);
    m_window->panels()->setCurrentWidget(m_panel);
    QCOMPARE(m_window->panels()->tabText(m_window->panels()->currentIndex()),
             QStringLiteral("Grants"));
    // Discovery in the provider panel hands the token endpoint to the Grants tab.
    m_window->providerPanel()->discover(m_issuer);
    auto *endpoint = childNamed<QLineEdit>(m_panel, "grantTokenEndpointEdit");
    QTRY_VERIFY_WITH_TIMEOUT(endpoint->text().startsWith(m_issuer), 20'000);
}

void TestTokenGrantPanel::cleanup()
{
    m_window.reset();
    m_session.reset();
}

void TestTokenGrantPanel::setText(const char *editName, const QString &text)
{
    auto *edit = childNamed<QLineEdit>(m_panel, editName);
    QVERIFY(edit);
    edit->clear();
    QTest::keyClicks(edit, text);
}

QString TestTokenGrantPanel::textOf(const char *labelName) const
{
    auto *label = childNamed<QLabel>(m_panel, labelName);
    return label ? label->text() : QString();
}

void TestTokenGrantPanel::runAndWait()
{
    QSignalSpy finished(m_panel->flow(), &Grants::TokenGrantFlow::finished);
    auto *run = childNamed<QPushButton>(m_panel, "grantRunButton");
    QVERIFY2(m_panel->problem().isEmpty(), qPrintable(m_panel->problem()));
    QTest::mouseClick(run, Qt::LeftButton);
    QVERIFY(finished.wait(20'000));
}

void TestTokenGrantPanel::clientCredentialsTokensAppearInThePanelAndTheSession()
{
    m_panel->setGrant(GrantType::ClientCredentials);
    setText("grantClientIdEdit", QStringLiteral("tokenscope-confidential"));
    setText("grantClientSecretEdit", QStringLiteral("tokenscope-secret"));
    auto *method = childNamed<QComboBox>(m_panel, "grantAuthMethodCombo");
    method->setCurrentIndex(method->findData(int(Method::ClientSecretBasic)));
    runAndWait();

    const Grants::GrantResult &result = m_panel->flow()->result();
    QVERIFY2(result.ok(), qPrintable(result.error.message));
    auto *tokens = childNamed<TokenTable>(m_panel, "grantTokenTable");
    QVERIFY(tokens->topLevelItemCount() >= 1);
    // Masked until "Show secrets": the table shows the token only when asked.
    const QString accessToken = result.tokens.accessToken;
    QVERIFY(!tokens->topLevelItem(0)->text(TokenTable::ValueColumn).contains(accessToken));
    childNamed<QAbstractButton>(m_panel, "grantShowSecretsCheck")->click();
    QCOMPARE(tokens->topLevelItem(0)->text(TokenTable::ValueColumn), accessToken);
    QVERIFY(textOf("grantOutcomeLabel").contains(QStringLiteral("client_credentials")));
    auto *exchanges = childNamed<QTreeWidget>(m_panel, "grantExchanges");
    QCOMPARE(exchanges->topLevelItemCount(), 1);
    QVERIFY(exchanges->topLevelItem(0)->text(1).startsWith(QStringLiteral("POST ")));

    // The session's list has it, with where it came from.
    const SessionTokens::Entry *entry =
        m_window->sessionTokens()->latest(SessionTokens::Kind::AccessToken);
    QVERIFY(entry);
    QCOMPARE(entry->value, accessToken);
    QCOMPARE(entry->source, QStringLiteral("Client credentials"));
    childNamed<QAbstractButton>(m_panel, "grantShowSecretsCheck")->click();
    saveScreenshot(m_window.get(), QStringLiteral("screenshot-grants-1-client-credentials.png"));
}

void TestTokenGrantPanel::wrongSecretShowsTheProvidersAnswer()
{
    m_panel->setGrant(GrantType::ClientCredentials);
    setText("grantClientIdEdit", QStringLiteral("tokenscope-confidential"));
    setText("grantClientSecretEdit", QStringLiteral("not-the-secret"));
    runAndWait();
    QVERIFY(!m_panel->flow()->result().ok());
    QVERIFY2(textOf("grantOutcomeLabel").contains(QStringLiteral("invalid_client")),
             qPrintable(textOf("grantOutcomeLabel")));
    QCOMPARE(m_window->sessionTokens()->entries().size(), 0);
}

void TestTokenGrantPanel::passwordNoteIsShownOnlyForThePasswordGrant()
{
    auto *note = childNamed<QLabel>(m_panel, "passwordNote");
    QVERIFY(note);
    const QList<GrantType> grants = {GrantType::ClientCredentials, GrantType::Password,
                                     GrantType::RefreshToken,      GrantType::TokenExchange,
                                     GrantType::JwtBearer,         GrantType::Saml2Bearer};
    for (GrantType grant : grants) {
        m_panel->setGrant(grant);
        QCOMPARE(note->isVisible(), grant == GrantType::Password);
    }
    // It says why, not only that.
    m_panel->setGrant(GrantType::Password);
    QVERIFY(note->text().contains(QStringLiteral("password")));
    QVERIFY(note->text().contains(QStringLiteral("RFC 9700")));
    QVERIFY(note->text().contains(QStringLiteral("OAuth 2.1")));
    setText("grantClientIdEdit", QStringLiteral("tokenscope-confidential"));
    setText("usernameEdit", QStringLiteral("alice"));
    saveScreenshot(m_window.get(), QStringLiteral("screenshot-grants-2-password-note.png"));
}

void TestTokenGrantPanel::formShowsOnlyTheFieldsOfTheGrant()
{
    auto visible = [this](const char *name) {
        auto *box = childNamed<QWidget>(m_panel, name);
        return box && box->isVisible();
    };
    m_panel->setGrant(GrantType::ClientCredentials);
    QVERIFY(!visible("passwordBox") && !visible("refreshBox") && !visible("exchangeBox") &&
            !visible("assertionBox"));
    m_panel->setGrant(GrantType::TokenExchange);
    QVERIFY(visible("exchangeBox") && !visible("refreshBox") && !visible("assertionBox"));
    m_panel->setGrant(GrantType::JwtBearer);
    QVERIFY(visible("assertionBox") && visible("buildAssertionCheck"));
    QVERIFY(!visible("assertionKeyEdit"));
    childNamed<QAbstractButton>(m_panel, "buildAssertionCheck")->click();
    QVERIFY(visible("assertionKeyEdit") && visible("assertionIssEdit"));
    m_panel->setGrant(GrantType::Saml2Bearer);
    QVERIFY(visible("assertionBox") && !visible("buildAssertionCheck"));
    // Without the fields the grant needs, Run says what is missing and sends nothing.
    m_panel->setGrant(GrantType::TokenExchange);
    setText("grantClientIdEdit", QStringLiteral("tokenscope-confidential"));
    QVERIFY(!m_panel->problem().isEmpty());
    const int before = m_session->transcript.exchanges().size();
    QTest::mouseClick(childNamed<QPushButton>(m_panel, "grantRunButton"), Qt::LeftButton);
    QCOMPARE(m_panel->statusText(), m_panel->problem());
    QCOMPARE(m_session->transcript.exchanges().size(), before);
}

QString TestTokenGrantPanel::obtainRefreshToken(QString *idToken)
{
    // The way the authorization wizard gets one: the public client with offline_access.
    const Discovery::DiscoveryResult discovered = [this] {
        Discovery::DiscoveryClient discovery(&m_session->http);
        QSignalSpy finished(&discovery, &Discovery::DiscoveryClient::finished);
        discovery.discover(m_issuer);
        finished.wait(20'000);
        return discovery.result();
    }();
    Redirect::LoopbackListener listener;
    if (!listener.listen(0, QStringLiteral("/callback")))
        return {};
    AuthCode::AuthorizationRequest code;
    code.issuer = discovered.metadata.issuer;
    code.authorizationEndpoint =
        discovered.metadata.endpoint(QStringLiteral("authorization_endpoint"));
    code.tokenEndpoint = discovered.metadata.endpoint(QStringLiteral("token_endpoint"));
    code.issParameterRequired = discovered.metadata.authorizationResponseIssParameterSupported;
    code.clientId = QStringLiteral("tokenscope-public");
    code.authMethod = Method::None;
    code.scope = QStringLiteral("openid offline_access");
    code.prompt = QStringLiteral("consent");
    code.redirectUri = listener.redirectUri();
    code.jwksUri = discovered.metadata.endpoint(QStringLiteral("jwks_uri"));
    AuthCode::AuthorizationCodeFlow flow(&m_session->http, m_session->random);
    connect(&listener, &Redirect::LoopbackListener::redirectReceived, &flow,
            &AuthCode::AuthorizationCodeFlow::handleRedirect);
    QSignalSpy finished(&flow, &AuthCode::AuthorizationCodeFlow::finished);
    flow.start(code);
    Testing::HeadlessLogin user;
    if (!user.run(flow.result().authorizationUrl, listener.redirectUri())) {
        qWarning("%s", qPrintable(user.log().join(QLatin1Char('\n'))));
        return {};
    }
    if (finished.isEmpty() && !finished.wait(20'000))
        return {};
    *idToken = flow.result().tokens.idToken;
    // What the main window does with the wizard's tokens.
    m_window->sessionTokens()->addResponse(
        flow.result().tokens, QStringLiteral("Authorization code"), m_session->clock.now());
    return flow.result().tokens.refreshToken;
}

void TestTokenGrantPanel::refreshFromTheSessionRotatesAndReuseIsExplained()
{
    QString idToken;
    const QString first = obtainRefreshToken(&idToken);
    QVERIFY2(!first.isEmpty(), "offline_access with prompt=consent gives a refresh token");

    m_panel->setGrant(GrantType::RefreshToken);
    setText("grantClientIdEdit", QStringLiteral("tokenscope-public"));
    auto *method = childNamed<QComboBox>(m_panel, "grantAuthMethodCombo");
    method->setCurrentIndex(method->findData(int(Method::None)));
    // Picked from the session's list, not pasted.
    auto *pick = childNamed<QComboBox>(m_panel, "refreshPickCombo");
    const int index = pick->findData(first);
    QVERIFY2(index > 0, "the session's refresh token is offered");
    pick->setCurrentIndex(index);
    emit pick->activated(index);
    QCOMPARE(childNamed<QLineEdit>(m_panel, "refreshTokenEdit")->text(), first);
    runAndWait();

    const Grants::GrantResult rotated = m_panel->flow()->result();
    QVERIFY2(rotated.ok(), qPrintable(rotated.error.message));
    QVERIFY(rotated.rotated);
    auto *rotation = childNamed<QGroupBox>(m_panel, "rotationBox");
    QVERIFY(rotation->isVisible());
    // Old and new side by side (masked: their first characters).
    QVERIFY(textOf("oldRefreshLabel").startsWith(first.left(6)));
    QVERIFY(textOf("newRefreshLabel").startsWith(rotated.currentRefreshToken.left(6)));
    QVERIFY(textOf("rotationVerdictLabel").startsWith(QStringLiteral("Rotated")));
    // The next refresh is ready to use the new token; the session marks the old one replaced.
    QCOMPARE(childNamed<QLineEdit>(m_panel, "refreshTokenEdit")->text(),
             rotated.currentRefreshToken);
    const SessionTokens::Entry *newest =
        m_window->sessionTokens()->latest(SessionTokens::Kind::RefreshToken);
    QVERIFY(newest);
    QCOMPARE(newest->value, rotated.currentRefreshToken);
    QCOMPARE(newest->source, QStringLiteral("Refresh"));
    bool oldReplaced = false;
    for (const SessionTokens::Entry &entry : m_window->sessionTokens()->entries()) {
        if (entry.value == first)
            oldReplaced = entry.replacedBy == newest->id;
    }
    QVERIFY(oldReplaced);
    QCOMPARE(pick->findData(first), -1); // a spent token is not offered again
    saveScreenshot(m_window.get(), QStringLiteral("screenshot-grants-3-refresh-rotation.png"));

    // The spent token again: refused, and the panel says why.
    setText("refreshTokenEdit", first);
    runAndWait();
    const Grants::GrantResult reused = m_panel->flow()->result();
    QCOMPARE(reused.error.oauth.error, QStringLiteral("invalid_grant"));
    QVERIFY(textOf("grantOutcomeLabel").contains(QStringLiteral("invalid_grant")));
    const QString verdict = textOf("rotationVerdictLabel");
    QVERIFY2(verdict.contains(QStringLiteral("already rotated")) &&
                 verdict.contains(QStringLiteral("reuse")),
             qPrintable(verdict));
    auto *checks = childNamed<FindingsView>(m_panel, "grantChecks");
    QVERIFY(checks->failureCount() >= 1);
    saveScreenshot(m_window.get(), QStringLiteral("screenshot-grants-4-refresh-reuse.png"));
}

void TestTokenGrantPanel::subjectTokenFromTheSessionCarriesItsType()
{
    SessionTokens::Entry idToken;
    idToken.kind = SessionTokens::Kind::IdToken;
    idToken.value = QStringLiteral("eyJhbGciOiJSUzI1NiJ9.e30.c2ln");
    idToken.source = QStringLiteral("Authorization code");
    idToken.obtainedAt = m_session->clock.now();
    m_window->sessionTokens()->add(idToken);

    m_panel->setGrant(GrantType::TokenExchange);
    auto *pick = childNamed<QComboBox>(m_panel, "subjectPickCombo");
    const int index = pick->findData(idToken.value);
    QVERIFY(index > 0);
    pick->setCurrentIndex(index);
    emit pick->activated(index);
    const Grants::TokenGrantRequest request = m_panel->request();
    QCOMPARE(request.subjectToken, idToken.value);
    QCOMPARE(request.subjectTokenType, QStringLiteral("urn:ietf:params:oauth:token-type:id_token"));

    // The session list's "Use as subject token" path: the grant switches, the type follows.
    m_panel->setGrant(GrantType::ClientCredentials);
    childNamed<QComboBox>(m_panel, "subjectTokenTypeCombo")
        ->setCurrentText(QStringLiteral("urn:ietf:params:oauth:token-type:access_token"));
    m_panel->setSubjectToken(idToken.value);
    QCOMPARE(m_panel->grant(), GrantType::TokenExchange);
    QCOMPARE(m_panel->request().subjectTokenType,
             QStringLiteral("urn:ietf:params:oauth:token-type:id_token"));
}

int main(int argc, char *argv[])
{
    QCoreApplication::setAttribute(Qt::AA_ShareOpenGLContexts);
    QApplication app(argc, argv);
    TestTokenGrantPanel test;
    return QTest::qExec(&test, argc, argv);
}

#include "TestTokenGrantPanel.moc"
