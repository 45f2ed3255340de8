// The Grants tab in the main window against the real provider (oidc-provider on 127.0.0.1):
// client credentials with the confidential client, a refresh token picked from the
// session's list and refreshed with rotation (old and new side by side), the spent token
// sent again and refused as reuse, and the form showing only what each grant needs (the
// password grant's warning among it), the session list's Refresh action landing in the
// refresh grant, token exchange chained in one click and automatic refresh before expiry
// (the last two against a loopback token endpoint that answers what the test needs); token
// exchange with subject and actor picked from the session and chained, the JWT bearer grant
// signed with a saved profile's key read from the keychain, and the SAML 2.0 bearer grant
// with a pasted assertion, all against the provider. With
// TOKENSCOPE_SCREENSHOT_DIR set, it saves docs/screenshot-grants-*.png there. Its own main(): the
// main window holds WebEngine.
#include "../Screenshot.h"
#include "../UiSession.h"
#include "authcode/AuthorizationCodeFlow.h"
#include "common/FindingsView.h"
#include "endpoints/TokenPicker.h"
#include "grants/ClientFields.h"
#include "grants/KeychainKeySource.h"
#include "grants/TokenGrantPanel.h"
#include "mainwindow/MainWindow.h"
#include "profiles/MemorySecretStore.h"
#include "profiles/ProfileManager.h"
#include "profiles/ProfileStore.h"
#include "provider/ProviderPanel.h"
#include "redirect/LoopbackListener.h"
#include "session/SessionTokens.h"
#include "session/SessionTokensPanel.h"
#include "support/HeadlessLogin.h"
#include "support/InteropProvider.h"
#include "support/SaveProfile.h"
#include "tokens/TokenTable.h"

#include <QApplication>
#include <QCheckBox>
#include <QComboBox>
#include <QGroupBox>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSignalSpy>
#include <QSpinBox>
#include <QTabWidget>
#include <QTableWidget>
#include <QTemporaryDir>
#include <QUrlQuery>

using namespace Tokenscope;
using Tokenscope::Grants::GrantType;
using Method = Tokenscope::ClientAuth::ClientAuthentication::Method;
using Tokenscope::Testing::LoopbackServer;
using Tokenscope::Testing::ReceivedRequest;

namespace {

// A form body's parameter.
QString formValue(const QByteArray &body, const char *name)
{
    return QUrlQuery(QString::fromUtf8(body))
        .queryItemValue(QString::fromLatin1(name), QUrl::FullyDecoded);
}

QString formValue(const ReceivedRequest &request, const char *name)
{
    return formValue(request.body, name);
}

} // namespace

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
    void sessionRefreshActionLandsInTheRefreshGrant();
    void issuedTokenIsExchangedAgainInOneClick();
    void autoRefreshRefreshesBeforeExpiryWithTheRotatedToken();
    void autoRefreshTakesOverAnotherGrantsRefreshToken();
    void tokenExchangeWithSessionSubjectAndActorIsChained();
    void jwtBearerSignedWithAProfileKeyFromTheKeychain();
    void samlBearerPastedAssertionIsAccepted();

private:
    void setText(const char *editName, const QString &text);
    QString textOf(const char *labelName) const;
    void runAndWait();
    QString obtainRefreshToken(QString *idToken);
    void usePublicClientAt(const QUrl &tokenEndpoint);
    void useClient(const QString &clientId, const QString &secret);
    QString clientCredentialsToken(const QString &clientId, const QString &secret);

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

void TestTokenGrantPanel::usePublicClientAt(const QUrl &tokenEndpoint)
{
    setText("grantTokenEndpointEdit", tokenEndpoint.toString());
    setText("grantClientIdEdit", QStringLiteral("tokenscope-public"));
    auto *method = childNamed<QComboBox>(m_panel, "grantAuthMethodCombo");
    method->setCurrentIndex(method->findData(int(Method::None)));
}

void TestTokenGrantPanel::sessionRefreshActionLandsInTheRefreshGrant()
{
    SessionTokens *tokens = m_window->sessionTokens();
    SessionTokens::Entry access;
    access.kind = SessionTokens::Kind::AccessToken;
    access.value = QStringLiteral("access-token-value");
    access.source = QStringLiteral("Authorization code");
    access.obtainedAt = m_session->clock.now();
    const quint64 accessId = tokens->add(access);
    SessionTokens::Entry refresh = access;
    refresh.kind = SessionTokens::Kind::RefreshToken;
    refresh.value = QStringLiteral("refresh-token-from-the-session");
    const quint64 refreshId = tokens->add(refresh);

    m_panel->setGrant(GrantType::ClientCredentials);
    m_window->panels()->setCurrentIndex(0);
    SessionTokensPanel *list = m_window->sessionTokensPanel();
    auto *button = childNamed<QPushButton>(list, "refreshTokenButton");
    QVERIFY(button);
    // Only a refresh token can be refreshed.
    list->select(accessId);
    QVERIFY(!button->isEnabled());
    list->select(refreshId);
    QVERIFY(button->isEnabled());
    QSignalSpy requested(list, &SessionTokensPanel::refreshRequested);
    QTest::mouseClick(button, Qt::LeftButton);
    QCOMPARE(requested.size(), 1);
    QCOMPARE(requested.first().first().toString(), refresh.value);

    // The Grants tab, its refresh grant, that token: Run is all that is left.
    QCOMPARE(m_window->panels()->currentWidget(), m_panel);
    QCOMPARE(m_panel->grant(), GrantType::RefreshToken);
    QVERIFY(childNamed<QWidget>(m_panel, "refreshBox")->isVisible());
    QCOMPARE(childNamed<QLineEdit>(m_panel, "refreshTokenEdit")->text(), refresh.value);
    QCOMPARE(childNamed<QComboBox>(m_panel, "refreshPickCombo")->currentData().toString(),
             refresh.value);
    QCOMPARE(m_panel->request().refreshToken, refresh.value);
}

void TestTokenGrantPanel::issuedTokenIsExchangedAgainInOneClick()
{
    const QString jwtType = QStringLiteral("urn:ietf:params:oauth:token-type:jwt");
    int issued = 0;
    LoopbackServer server([&](const ReceivedRequest &, QTcpSocket *socket) {
        ++issued;
        LoopbackServer::respondJson(socket, 200,
                                    R"({"access_token":"issued-)" + QByteArray::number(issued) +
                                        R"(","issued_token_type":")" + jwtType.toUtf8() +
                                        R"(","token_type":"N_A","expires_in":300})");
    });
    m_panel->setGrant(GrantType::TokenExchange);
    usePublicClientAt(server.url("/token"));
    setText("grantAudienceEdit", QStringLiteral("https://api.example/b"));
    setText("subjectTokenEdit", QStringLiteral("the-original-subject"));
    childNamed<QComboBox>(m_panel, "subjectTokenTypeCombo")
        ->setCurrentText(QStringLiteral("urn:ietf:params:oauth:token-type:access_token"));
    auto *chain = childNamed<QPushButton>(m_panel, "chainExchangeButton");
    QVERIFY(chain);
    QVERIFY(!chain->isVisible());
    runAndWait();
    QVERIFY2(m_panel->flow()->result().ok(), qPrintable(m_panel->flow()->result().error.message));
    QVERIFY(chain->isVisible());

    QTest::mouseClick(chain, Qt::LeftButton);
    QCOMPARE(childNamed<QLineEdit>(m_panel, "subjectTokenEdit")->text(),
             QStringLiteral("issued-1"));
    QCOMPARE(m_panel->request().subjectTokenType, jwtType);
    QCOMPARE(m_panel->request().audience, QStringLiteral("https://api.example/b"));

    // One click (Run) sends the next exchange with the issued token as its subject.
    runAndWait();
    QCOMPARE(server.requests().size(), 2);
    const ReceivedRequest &second = server.requests().at(1);
    QCOMPARE(formValue(second, "subject_token"), QStringLiteral("issued-1"));
    QCOMPARE(formValue(second, "subject_token_type"), jwtType);
    QCOMPARE(formValue(second, "audience"), QStringLiteral("https://api.example/b"));
    QCOMPARE(formValue(second, "grant_type"),
             QStringLiteral("urn:ietf:params:oauth:grant-type:token-exchange"));
}

void TestTokenGrantPanel::autoRefreshRefreshesBeforeExpiryWithTheRotatedToken()
{
    // Each refresh rotates: rt-1 → rt-2 → rt-3…, the access token lives 6 s.
    int answered = 0;
    LoopbackServer server([&](const ReceivedRequest &, QTcpSocket *socket) {
        ++answered;
        LoopbackServer::respondJson(
            socket, 200,
            R"({"access_token":"at-)" + QByteArray::number(answered) +
                R"(","token_type":"Bearer","expires_in":6,"refresh_token":"rt-)" +
                QByteArray::number(answered + 1) + R"("})");
    });
    m_panel->setGrant(GrantType::RefreshToken);
    usePublicClientAt(server.url("/token"));
    setText("refreshTokenEdit", QStringLiteral("rt-1"));
    auto *autoCheck = childNamed<QCheckBox>(m_panel, "autoRefreshCheck");
    auto *lead = childNamed<QSpinBox>(m_panel, "autoRefreshLeadSpin");
    QVERIFY(autoCheck && lead);
    QCOMPARE(lead->value(), 60);
    lead->setValue(1);
    autoCheck->click();
    QVERIFY(autoCheck->isChecked());
    runAndWait();
    QVERIFY(m_panel->flow()->result().ok());

    // Scheduled 6 − 1 = 5 s after the answer, with a live countdown.
    QVERIFY(m_panel->autoRefreshScheduled());
    const qint64 delay = m_session->clock.now().secsTo(m_panel->nextAutoRefresh());
    QVERIFY2(delay >= 4 && delay <= 5, qPrintable(QString::number(delay)));
    auto *countdowns = childNamed<QLabel>(m_panel, "tokenCountdowns");
    QVERIFY(countdowns->isVisible());
    QVERIFY2(countdowns->text().contains(QStringLiteral("Access token: in ")),
             qPrintable(countdowns->text()));
    QVERIFY(countdowns->text().contains(QStringLiteral("Next automatic refresh: in ")));

    // The panel refreshes by itself, with the rotated token.
    QSignalSpy finished(m_panel->flow(), &Grants::TokenGrantFlow::finished);
    QTRY_COMPARE_WITH_TIMEOUT(server.requests().size(), 2, 9'000);
    QCOMPARE(formValue(server.requests().at(0), "refresh_token"), QStringLiteral("rt-1"));
    QCOMPARE(formValue(server.requests().at(1), "refresh_token"), QStringLiteral("rt-2"));
    QTRY_COMPARE_WITH_TIMEOUT(finished.size(), 1, 5'000);
    QVERIFY(m_panel->flow()->result().ok());
    QCOMPARE(childNamed<QLineEdit>(m_panel, "refreshTokenEdit")->text(), QStringLiteral("rt-3"));
    QVERIFY(m_panel->autoRefreshScheduled());

    // The session records the automatic refresh's rotation: rt-3 replaced rt-2.
    const SessionTokens *tokens = m_window->sessionTokens();
    const SessionTokens::Entry *newest = tokens->latest(SessionTokens::Kind::RefreshToken);
    QVERIFY(newest);
    QCOMPARE(newest->value, QStringLiteral("rt-3"));
    bool rotationMarked = false;
    for (const SessionTokens::Entry &entry : tokens->entries()) {
        if (entry.value == QStringLiteral("rt-2"))
            rotationMarked = entry.replacedBy == newest->id;
    }
    QVERIFY(rotationMarked);
    QCOMPARE(tokens->latest(SessionTokens::Kind::AccessToken)->value, QStringLiteral("at-2"));

    // Unchecking stops it; so does a grant change.
    autoCheck->click();
    QVERIFY(!m_panel->autoRefreshScheduled());
    autoCheck->click();
    runAndWait();
    QVERIFY(m_panel->autoRefreshScheduled());
    m_panel->setGrant(GrantType::ClientCredentials);
    QVERIFY(!m_panel->autoRefreshScheduled());

    // A failed refresh stops it and says so.
    server.setHandler([](const ReceivedRequest &, QTcpSocket *socket) {
        LoopbackServer::respondJson(socket, 400, R"({"error":"invalid_grant"})");
    });
    m_panel->setGrant(GrantType::RefreshToken);
    runAndWait();
    QVERIFY(!m_panel->flow()->result().ok());
    QVERIFY(!m_panel->autoRefreshScheduled());
    QVERIFY2(countdowns->text().contains(QStringLiteral("Automatic refresh stopped")),
             qPrintable(countdowns->text()));
}

void TestTokenGrantPanel::autoRefreshTakesOverAnotherGrantsRefreshToken()
{
    LoopbackServer server([](const ReceivedRequest &, QTcpSocket *socket) {
        LoopbackServer::respondJson(socket, 200,
                                    R"({"access_token":"at-p","token_type":"Bearer",)"
                                    R"("expires_in":3600,"refresh_token":"rt-from-password"})");
    });
    m_panel->setGrant(GrantType::Password);
    usePublicClientAt(server.url("/token"));
    setText("usernameEdit", QStringLiteral("alice"));
    setText("passwordEdit", QStringLiteral("wonderland"));
    auto *autoCheck = childNamed<QCheckBox>(m_panel, "autoRefreshCheck");
    QVERIFY(autoCheck->isVisible());
    autoCheck->click();
    runAndWait();
    QVERIFY(m_panel->flow()->result().ok());

    // The refresh grant takes over with that token: 3600 − 60 s from now.
    QCOMPARE(m_panel->grant(), GrantType::RefreshToken);
    QCOMPARE(childNamed<QLineEdit>(m_panel, "refreshTokenEdit")->text(),
             QStringLiteral("rt-from-password"));
    QVERIFY(m_panel->autoRefreshScheduled());
    const qint64 delay = m_session->clock.now().secsTo(m_panel->nextAutoRefresh());
    QVERIFY2(delay >= 3539 && delay <= 3540, qPrintable(QString::number(delay)));
    QCOMPARE(server.requests().size(), 1);
}

void TestTokenGrantPanel::useClient(const QString &clientId, const QString &secret)
{
    setText("grantClientIdEdit", clientId);
    setText("grantClientSecretEdit", secret);
    auto *method = childNamed<QComboBox>(m_panel, "grantAuthMethodCombo");
    method->setCurrentIndex(method->findData(int(Method::ClientSecretBasic)));
}

QString TestTokenGrantPanel::clientCredentialsToken(const QString &clientId, const QString &secret)
{
    m_panel->setGrant(GrantType::ClientCredentials);
    useClient(clientId, secret);
    runAndWait();
    return m_panel->flow()->result().tokens.accessToken;
}

void TestTokenGrantPanel::tokenExchangeWithSessionSubjectAndActorIsChained()
{
    // Two tokens obtained in this session with the Grants tab itself: the actor's (the
    // exchanging client's own) and the subject's (another client's).
    const QString actor = clientCredentialsToken(QStringLiteral("tokenscope-exchange"),
                                                 QStringLiteral("tokenscope-exchange-secret"));
    const QString subject = clientCredentialsToken(QStringLiteral("tokenscope-confidential"),
                                                   QStringLiteral("tokenscope-secret"));
    QVERIFY(!actor.isEmpty() && !subject.isEmpty());
    const SessionTokens *tokens = m_window->sessionTokens();

    m_panel->setGrant(GrantType::TokenExchange);
    useClient(QStringLiteral("tokenscope-exchange"), QStringLiteral("tokenscope-exchange-secret"));
    // Subject and actor picked from the session, not pasted.
    auto *subjectPick = childNamed<QComboBox>(m_panel, "subjectPickCombo");
    const int subjectIndex = subjectPick->findData(subject);
    QVERIFY(subjectIndex > 0);
    subjectPick->setCurrentIndex(subjectIndex);
    emit subjectPick->activated(subjectIndex);
    auto *actorPick = childNamed<QComboBox>(m_panel, "actorPickCombo");
    QVERIFY(actorPick);
    QVERIFY(actorPick->isVisible());
    const quint64 actorId = tokens->findValue(actor)->id;
    const int actorIndex = actorPick->findData(QVariant::fromValue(actorId));
    QVERIFY2(actorIndex > 0, "the session's tokens are offered as actor tokens");
    actorPick->setCurrentIndex(actorIndex);
    emit actorPick->activated(actorIndex);
    QCOMPARE(childNamed<QLineEdit>(m_panel, "actorTokenEdit")->text(), actor);
    // Masked like the other token fields.
    QCOMPARE(childNamed<QLineEdit>(m_panel, "actorTokenEdit")->echoMode(), QLineEdit::Password);
    const Grants::TokenGrantRequest request = m_panel->request();
    QCOMPARE(request.actorToken, actor);
    QCOMPARE(request.actorTokenType,
             QStringLiteral("urn:ietf:params:oauth:token-type:access_token"));
    QCOMPARE(request.subjectToken, subject);
    runAndWait();

    const Grants::GrantResult first = m_panel->flow()->result();
    QVERIFY2(first.ok(), qPrintable(first.error.message));
    const QByteArray body = first.exchanges.constLast().requestBody;
    QCOMPARE(formValue(body, "actor_token"), actor);
    QCOMPARE(formValue(body, "subject_token"), subject);
    const QString issued = first.tokens.accessToken;
    QVERIFY(!issued.isEmpty() && issued != subject);
    const SessionTokens::Entry *entry = tokens->findValue(issued);
    QVERIFY(entry);
    QCOMPARE(entry->source, QStringLiteral("Token exchange"));

    // One click makes the issued token the next subject; Run exchanges it again.
    auto *chain = childNamed<QPushButton>(m_panel, "chainExchangeButton");
    QVERIFY(chain->isVisible());
    QTest::mouseClick(chain, Qt::LeftButton);
    QCOMPARE(m_panel->request().subjectToken, issued);
    QCOMPARE(m_panel->request().actorToken, actor);
    runAndWait();
    const Grants::GrantResult second = m_panel->flow()->result();
    QVERIFY2(second.ok(), qPrintable(second.error.message));
    QCOMPARE(formValue(second.exchanges.constLast().requestBody, "subject_token"), issued);
    QVERIFY(!second.tokens.accessToken.isEmpty() && second.tokens.accessToken != issued);
    QVERIFY(textOf("grantOutcomeLabel").contains(QStringLiteral("token_exchange")) ||
            textOf("grantOutcomeLabel").contains(QStringLiteral("token-exchange")));
    QVERIFY(chain->isVisible());
    saveScreenshot(m_window.get(), QStringLiteral("screenshot-grants-5-token-exchange.png"));
}

void TestTokenGrantPanel::jwtBearerSignedWithAProfileKeyFromTheKeychain()
{
    // The identity provider's signing key, saved with a profile in the secret store.
    QTemporaryDir directory;
    Profiles::ProfileStore store(directory.path());
    Profiles::MemorySecretStore secrets;
    Profiles::ProfileManager manager(store, secrets);
    const QByteArray pem = Testing::interopAssertionIssuerKey();
    Profiles::Profile profile = Profiles::Profile::create(QStringLiteral("Trusted IdP"));
    TOKENSCOPE_SAVE_PROFILE(manager, profile, {{Profiles::SecretKind::PrivateKey, pem}});
    m_panel->setProfiles(&manager);

    m_panel->setGrant(GrantType::JwtBearer);
    useClient(QStringLiteral("tokenscope-assertion"),
              QStringLiteral("tokenscope-assertion-secret"));
    setText("grantScopeEdit", QStringLiteral("openid profile"));
    childNamed<QAbstractButton>(m_panel, "buildAssertionCheck")->click();
    setText("assertionAlgEdit", QStringLiteral("ES256"));
    setText("assertionIssEdit", Testing::interopAssertionIssuer());
    setText("assertionSubEdit", QStringLiteral("carol"));
    // No key yet: Run says where one comes from.
    QVERIFY(m_panel->problem().contains(QStringLiteral("keychain")));
    auto *source = childNamed<KeychainKeySource>(m_panel, "assertionKeySourceCombo");
    QVERIFY(source && source->isVisible());
    QCOMPARE(source->count(), 2);
    QVERIFY(source->itemText(1).contains(QStringLiteral("Trusted IdP")));
    source->setCurrentIndex(1);
    emit source->activated(1);
    QTRY_VERIFY(textOf("assertionKeyStatus").contains(QStringLiteral("Trusted IdP")));
    auto *keyEdit = childNamed<QPlainTextEdit>(m_panel, "assertionKeyEdit");
    QVERIFY(keyEdit->isReadOnly());
    QVERIFY(keyEdit->toPlainText().isEmpty());
    runAndWait();

    const Grants::GrantResult result = m_panel->flow()->result();
    QVERIFY2(result.ok(), qPrintable(result.error.message + textOf("grantOutcomeLabel")));
    QVERIFY(!result.builtAssertion.isEmpty());
    QVERIFY(!result.tokens.accessToken.isEmpty());
    QVERIFY(childNamed<QLabel>(m_panel, "builtAssertionLabel")->isVisible());
    // The key is nowhere on screen.
    const QString keyPart = QString::fromLatin1(pem.mid(40, 40));
    for (const QPlainTextEdit *edit : m_window->findChildren<QPlainTextEdit *>())
        QVERIFY2(!edit->toPlainText().contains(keyPart), qPrintable(edit->objectName()));
    for (const QLineEdit *edit : m_window->findChildren<QLineEdit *>())
        QVERIFY2(!edit->text().contains(keyPart), qPrintable(edit->objectName()));
    for (const QLabel *label : m_window->findChildren<QLabel *>())
        QVERIFY2(!label->text().contains(keyPart), qPrintable(label->objectName()));
    saveScreenshot(m_window.get(), QStringLiteral("screenshot-grants-6-jwt-bearer.png"));

    // Back to a pasted key: the keychain's is forgotten, and Run asks for one again.
    source->setCurrentIndex(0);
    emit source->activated(0);
    QVERIFY(!keyEdit->isReadOnly());
    QVERIFY(source->key().isEmpty());
    QVERIFY(!m_panel->problem().isEmpty());

    // Chosen again, then the profiles go away: back to a pasted key, the read one forgotten.
    source->setCurrentIndex(1);
    emit source->activated(1);
    QTRY_VERIFY(!source->key().isEmpty());
    QVERIFY(m_panel->problem().isEmpty());
    m_panel->setProfiles(nullptr);
    QCOMPARE(source->count(), 1);
    QVERIFY(!source->fromKeychain());
    QVERIFY(source->key().isEmpty());
    QVERIFY(!keyEdit->isReadOnly());
}

void TestTokenGrantPanel::samlBearerPastedAssertionIsAccepted()
{
    const QString tokenEndpoint = childNamed<QLineEdit>(m_panel, "grantTokenEndpointEdit")->text();
    const QString assertion =
        Testing::interopSamlAssertion(tokenEndpoint, QDateTime::currentDateTimeUtc().addSecs(300));
    m_panel->setGrant(GrantType::Saml2Bearer);
    useClient(QStringLiteral("tokenscope-assertion"),
              QStringLiteral("tokenscope-assertion-secret"));
    auto *edit = childNamed<QPlainTextEdit>(m_panel, "assertionEdit");
    QVERIFY(edit->isVisible());
    edit->setFocus();
    edit->setPlainText(assertion);
    runAndWait();

    const Grants::GrantResult result = m_panel->flow()->result();
    QVERIFY2(result.ok(), qPrintable(result.error.message + textOf("grantOutcomeLabel")));
    QCOMPARE(result.grantType, QStringLiteral("urn:ietf:params:oauth:grant-type:saml2-bearer"));
    // Sent base64url-encoded (RFC 7522 §2.1), not as raw XML.
    const QByteArray body = result.exchanges.constLast().requestBody;
    QVERIFY(body.contains("assertion="));
    QVERIFY(!body.contains("saml%3AAssertion"));
    QVERIFY(!result.tokens.accessToken.isEmpty());
    QVERIFY(textOf("grantOutcomeLabel").contains(QStringLiteral("SAML")) ||
            textOf("grantOutcomeLabel").contains(QStringLiteral("saml")));
    saveScreenshot(m_window.get(), QStringLiteral("screenshot-grants-7-saml-bearer.png"));
}

int main(int argc, char *argv[])
{
    QCoreApplication::setAttribute(Qt::AA_ShareOpenGLContexts);
    QApplication app(argc, argv);
    TestTokenGrantPanel test;
    return QTest::qExec(&test, argc, argv);
}

#include "TestTokenGrantPanel.moc"
