// The Endpoints tab and the session token list in the main window, against a real provider
// (oidc-provider on 127.0.0.1): a client credentials token joins the session; from the
// list it is introspected (active), revoked (marked so in the list) and introspected again
// (inactive); a client is registered from the form and saved as a profile with its secret
// in the secret store; a registered client is read, updated and deleted (RFC 7592) from the
// form, the rotated registration access token followed.
#include "Screenshot.h"
#include "UiSession.h"
#include "authcode/AuthorizationCodeFlow.h"
#include "common/MessageBox.h"
#include "endpoints/ApiCallPanel.h"
#include "endpoints/EndpointResultView.h"
#include "endpoints/EndpointsPanel.h"
#include "endpoints/TokenPicker.h"
#include "grants/TokenGrantFlow.h"
#include "mainwindow/MainWindow.h"
#include "profiles/MemorySecretStore.h"
#include "profiles/ProfileManager.h"
#include "profiles/ProfileStore.h"
#include "profiles/SecretBackend.h"
#include "redirect/LoopbackListener.h"
#include "session/SessionTokens.h"
#include "session/SessionTokensPanel.h"
#include "support/Discover.h"
#include "support/HeadlessLogin.h"

#include <QComboBox>
#include <QDockWidget>
#include <QJsonArray>
#include <QJsonDocument>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSignalSpy>
#include <QTabWidget>
#include <QTableWidget>
#include <QTemporaryDir>
#include <QTest>

using namespace Tokenscope;

class TestEndpointsPanelInterop final : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void introspectRevokeIntrospectFromTheSessionList();
    void userInfoFromTheSessionListIsVerified();
    void registerAndSaveAsProfile();
    void registeredClientIsReadUpdatedAndDeleted();

private:
    QString m_issuer;
};

void TestEndpointsPanelInterop::initTestCase()
{
    m_issuer = qEnvironmentVariable("TOKENSCOPE_INTEROP_ISSUER");
    QVERIFY2(!m_issuer.isEmpty(), "TOKENSCOPE_INTEROP_ISSUER is set by the CTest fixture");
}

void TestEndpointsPanelInterop::introspectRevokeIntrospectFromTheSessionList()
{
    UiSession session;
    MainWindow window(&session.http, &session.discovery, session.random);
    window.resize(1500, 940);
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    EndpointsPanel *endpoints = window.endpointsPanel();
    QVERIFY(endpoints);
    session.discovery.discover(m_issuer);
    auto *introspectionEndpoint = childNamed<QLineEdit>(endpoints, "introspectionEndpoint");
    QTRY_VERIFY_WITH_TIMEOUT(!introspectionEndpoint->text().isEmpty(), 20'000);
    QVERIFY(!childNamed<QLineEdit>(endpoints, "revocationEndpoint")->text().isEmpty());
    const Discovery::ProviderMetadata metadata = session.discovery.result().metadata;

    // A token from the provider, as the Grants tab would add it.
    Grants::TokenGrantFlow flow(&session.http, session.random);
    Grants::TokenGrantRequest request;
    request.grant = Grants::GrantType::ClientCredentials;
    request.tokenEndpoint = metadata.endpoint(QStringLiteral("token_endpoint"));
    request.client.clientId = QStringLiteral("tokenscope-confidential");
    request.client.secret = "tokenscope-secret";
    request.client.method = ClientAuth::ClientAuthentication::Method::ClientSecretBasic;
    QSignalSpy granted(&flow, &Grants::TokenGrantFlow::finished);
    flow.start(request);
    QVERIFY(granted.wait(20'000));
    QVERIFY2(flow.result().ok(), qPrintable(flow.result().error.message));
    const QString token = flow.result().tokens.accessToken;
    const quint64 id = window.sessionTokens()
                           ->addResponse(flow.result().tokens, QStringLiteral("Client credentials"),
                                         session.clock.now())
                           .constFirst();
    QTRY_VERIFY(window.sessionTokensDock()->isVisible());

    // The client authenticating at both endpoints, typed into the Endpoints tab.
    childNamed<QLineEdit>(endpoints, "endpointClientId")
        ->setText(QStringLiteral("tokenscope-confidential"));
    childNamed<QLineEdit>(endpoints, "endpointClientSecret")
        ->setText(QStringLiteral("tokenscope-secret"));

    SessionTokensPanel *list = window.sessionTokensPanel();
    list->select(id);
    QSignalSpy introspected(endpoints->introspectionClient(),
                            &Endpoints::IntrospectionClient::finished);
    childNamed<QPushButton>(list, "introspectTokenButton")->click();
    QCOMPARE(window.panels()->currentWidget(), endpoints);
    QVERIFY(introspected.wait(20'000));
    EndpointResultView *introspection = endpoints->introspectionView();
    QVERIFY2(introspection->statusText().startsWith(QLatin1String("Active")),
             qPrintable(introspection->statusText()));
    QCOMPARE(introspection->claim(QStringLiteral("client_id")),
             QStringLiteral("tokenscope-confidential"));
    QCOMPARE(introspection->claim(QStringLiteral("active")), QStringLiteral("true"));
    QCOMPARE(childNamed<QComboBox>(endpoints, "introspectionHint")->currentText(),
             QStringLiteral("access_token"));
    saveScreenshot(&window, QStringLiteral("screenshot-endpoints-introspection.png"));

    QSignalSpy revoked(endpoints->revocationClient(), &Endpoints::RevocationClient::finished);
    childNamed<QPushButton>(list, "revokeTokenButton")->click();
    QVERIFY(revoked.wait(20'000));
    EndpointResultView *revocation = endpoints->revocationView();
    QVERIFY2(revocation->statusText().startsWith(QLatin1String("Revoked")),
             qPrintable(revocation->statusText()));
    QVERIFY(window.sessionTokens()->find(id)->revoked);
    QTableWidget *table = list->table();
    QVERIFY(
        table->item(0, SessionTokensPanel::StateColumn)->text().contains(QLatin1String("revoked")));

    // Introspected again from the Endpoints tab itself: the provider has forgotten it.
    endpoints->pages()->setCurrentIndex(EndpointsPanel::IntrospectionPage);
    QCOMPARE(endpoints->findChild<TokenPicker *>(QStringLiteral("introspectionToken"))->token(),
             token);
    childNamed<QPushButton>(endpoints, "introspectButton")->click();
    QVERIFY(introspected.wait(20'000));
    QVERIFY2(introspection->statusText().startsWith(QLatin1String("Inactive")),
             qPrintable(introspection->statusText()));
    QCOMPARE(introspection->claim(QStringLiteral("active")), QStringLiteral("false"));
    QVERIFY(introspection->claim(QStringLiteral("client_id")).isEmpty());
    saveScreenshot(&window, QStringLiteral("screenshot-endpoints-inactive.png"));

    // The same token handed to the API tab.
    list->select(id);
    childNamed<QPushButton>(list, "apiCallTokenButton")->click();
    QCOMPARE(window.panels()->currentWidget(), window.apiCallPanel());
    QCOMPARE(window.apiCallPanel()->tokenPicker()->token(), token);
}

void TestEndpointsPanelInterop::userInfoFromTheSessionListIsVerified()
{
    UiSession session;
    MainWindow window(&session.http, &session.discovery, session.random);
    window.resize(1500, 940);
    window.show();
    EndpointsPanel *endpoints = window.endpointsPanel();
    session.discovery.discover(m_issuer);
    QTRY_VERIFY_WITH_TIMEOUT(
        !childNamed<QLineEdit>(endpoints, "userInfoEndpoint")->text().isEmpty(), 20'000);
    const Discovery::ProviderMetadata metadata = session.discovery.result().metadata;

    // Tokens of a client whose UserInfo answers are signed (ES256), from a headless user.
    Redirect::LoopbackListener listener;
    QVERIFY(listener.listen(0, QStringLiteral("/callback")));
    AuthCode::AuthorizationRequest request;
    request.issuer = metadata.issuer;
    request.authorizationEndpoint = metadata.endpoint(QStringLiteral("authorization_endpoint"));
    request.tokenEndpoint = metadata.endpoint(QStringLiteral("token_endpoint"));
    request.issParameterRequired = metadata.authorizationResponseIssParameterSupported;
    request.clientId = QStringLiteral("tokenscope-signed-userinfo");
    request.authMethod = ClientAuth::ClientAuthentication::Method::None;
    request.scope = QStringLiteral("openid profile email");
    request.redirectUri = listener.redirectUri();
    request.jwksUri = metadata.endpoint(QStringLiteral("jwks_uri"));
    request.callUserinfo = false;
    AuthCode::AuthorizationCodeFlow flow(&session.http, session.random);
    connect(&listener, &Redirect::LoopbackListener::redirectReceived, &flow,
            &AuthCode::AuthorizationCodeFlow::handleRedirect);
    QSignalSpy finished(&flow, &AuthCode::AuthorizationCodeFlow::finished);
    flow.start(request);
    Testing::HeadlessLogin user;
    QVERIFY2(user.run(flow.result().authorizationUrl, listener.redirectUri()),
             qPrintable(user.log().join(QLatin1Char('\n'))));
    QTRY_VERIFY_WITH_TIMEOUT(!finished.isEmpty(), 20'000);
    QVERIFY2(flow.result().ok(), qPrintable(flow.result().error.message));
    const QList<quint64> ids = window.sessionTokens()->addResponse(
        flow.result().tokens, QStringLiteral("Authorization code"), session.clock.now());
    childNamed<QLineEdit>(endpoints, "endpointClientId")->setText(request.clientId);

    SessionTokensPanel *list = window.sessionTokensPanel();
    list->select(ids.constFirst()); // the access token
    QSignalSpy answered(endpoints->userInfoClient(), &Endpoints::UserInfoClient::finished);
    childNamed<QPushButton>(list, "userInfoTokenButton")->click();
    QVERIFY(answered.wait(20'000));
    const Endpoints::UserInfoResult result = endpoints->userInfoClient()->result();
    QVERIFY2(result.ok(), qPrintable(result.error.message));
    QVERIFY(result.signedAnswer);
    EndpointResultView *view = endpoints->userInfoView();
    QVERIFY2(view->statusText().contains(QLatin1String("signed JWT")),
             qPrintable(view->statusText()));
    QVERIFY(!view->claim(QStringLiteral("sub")).isEmpty());
    // The ID token of the session was taken for the sub check (OIDC Core §5.3.2).
    bool subChecked = false;
    for (const Finding &check : result.checks)
        if (check.rule == QLatin1String("userinfo_sub_matches"))
            subChecked = check.status == Finding::Status::Pass;
    QVERIFY(subChecked);
    saveScreenshot(&window, QStringLiteral("screenshot-endpoints-userinfo.png"));
}

void TestEndpointsPanelInterop::registerAndSaveAsProfile()
{
    QTemporaryDir home;
    QVERIFY(home.isValid());
    Profiles::ProfileStore store(home.filePath(QStringLiteral("profiles")));
    Profiles::MemorySecretStore secrets;
    Profiles::ProfileManager manager(store, secrets);

    UiSession session;
    MainWindow window(&session.http, &session.discovery, session.random);
    window.setProfiles(&manager, SecretBackend::MemoryOnly);
    window.resize(1500, 940);
    window.show();
    EndpointsPanel *endpoints = window.endpointsPanel();
    session.discovery.discover(m_issuer);
    auto *endpoint = childNamed<QLineEdit>(endpoints, "registrationEndpoint");
    QTRY_VERIFY_WITH_TIMEOUT(!endpoint->text().isEmpty(), 20'000);

    endpoints->pages()->setCurrentIndex(EndpointsPanel::RegistrationPage);
    childNamed<QPlainTextEdit>(endpoints, "registrationRedirectUris")
        ->setPlainText(QStringLiteral("http://127.0.0.1:8400/callback"));
    childNamed<QLineEdit>(endpoints, "registrationClientName")
        ->setText(QStringLiteral("Registered from the Endpoints tab"));
    QSignalSpy registered(endpoints->registrationClient(),
                          &Endpoints::RegistrationClient::finished);
    childNamed<QPushButton>(endpoints, "registerButton")->click();
    QVERIFY(registered.wait(20'000));
    const Endpoints::RegistrationResult result = endpoints->registrationClient()->result();
    QVERIFY2(result.ok(), qPrintable(result.error.message));
    QVERIFY(!result.clientSecret.isEmpty());
    QVERIFY2(endpoints->registrationView()->statusText().contains(result.clientId),
             qPrintable(endpoints->registrationView()->statusText()));
    // The secret is masked in the JSON shown.
    const QString json = childNamed<QPlainTextEdit>(endpoints, "registrationJson")->toPlainText();
    QVERIFY(json.contains(result.clientId));
    QVERIFY(!json.contains(result.clientSecret));
    QCOMPARE(endpoints->registrationView()->claim(QStringLiteral("client_secret")),
             QStringLiteral("[redacted]"));
    window.panels()->setCurrentWidget(endpoints);
    saveScreenshot(&window, QStringLiteral("screenshot-endpoints-registration.png"));

    auto *save = childNamed<QPushButton>(endpoints, "saveRegisteredProfileButton");
    QVERIFY(save->isEnabled());
    QSignalSpy saved(endpoints, &EndpointsPanel::profileSaved);
    save->click();
    QVERIFY(saved.wait(10'000));
    QCOMPARE(saved.at(0).at(0).toString(), QStringLiteral("Registered from the Endpoints tab"));
    const QList<Profiles::Profile> profiles = store.list().profiles;
    QCOMPARE(profiles.size(), 1);
    const Profiles::Profile &profile = profiles.constFirst();
    QCOMPARE(profile.client.clientId, result.clientId);
    QCOMPARE(profile.provider.issuer, QUrl(m_issuer));
    QVERIFY(profile.secrets.contains(Profiles::SecretKind::ClientSecret));
    QByteArray stored;
    bool done = false;
    manager.readSecret(profile.id, Profiles::SecretKind::ClientSecret, this,
                       [&](const Profiles::SecretResult &secret) {
                           stored = secret.value;
                           done = true;
                       });
    QTRY_VERIFY(done);
    QCOMPARE(stored, result.clientSecret.toUtf8());
}

void TestEndpointsPanelInterop::registeredClientIsReadUpdatedAndDeleted()
{
    UiSession session;
    SessionTokens tokens;
    EndpointsPanel panel(&session.http, session.random, nullptr, &tokens);
    panel.resize(1000, 760);
    panel.show();
    const Discovery::DiscoveryResult discovered = Testing::discover(&session.http, m_issuer);
    QVERIFY2(discovered.ok(), qPrintable(discovered.error.message));
    panel.setProvider(discovered.metadata);
    panel.pages()->setCurrentIndex(EndpointsPanel::RegistrationPage);
    auto *redirects = childNamed<QPlainTextEdit>(&panel, "registrationRedirectUris");
    auto *name = childNamed<QLineEdit>(&panel, "registrationClientName");
    auto *clientUri = childNamed<QLineEdit>(&panel, "registrationClientUri");
    auto *accessToken = childNamed<QLineEdit>(&panel, "registrationAccessToken");
    auto *client = panel.registrationClient();
    QSignalSpy finished(client, &Endpoints::RegistrationClient::finished);
    const auto run = [&](const char *button) {
        finished.clear();
        childNamed<QPushButton>(&panel, button)->click();
        return finished.wait(20'000);
    };

    redirects->setPlainText(QStringLiteral("http://127.0.0.1:8400/callback"));
    name->setText(QStringLiteral("Before"));
    QVERIFY(run("registerButton"));
    const Endpoints::RegistrationResult registered = client->result();
    QVERIFY2(registered.ok(), qPrintable(registered.error.message));
    // The management coordinates come from the response into the form.
    QCOMPARE(clientUri->text(), registered.registrationClientUri.toString());
    QCOMPARE(accessToken->text(), registered.registrationAccessToken);
    QVERIFY(!accessToken->text().isEmpty());

    // Read: the form shows the client as the provider has it.
    name->clear();
    redirects->clear();
    QVERIFY(run("readRegistrationButton"));
    QVERIFY2(client->result().ok(), qPrintable(client->result().error.message));
    QCOMPARE(client->result().operation, Endpoints::RegistrationResult::Operation::Read);
    QCOMPARE(name->text(), QStringLiteral("Before"));
    QCOMPARE(redirects->toPlainText(), QStringLiteral("http://127.0.0.1:8400/callback"));
    QVERIFY2(panel.registrationView()->statusText().contains(registered.clientId),
             qPrintable(panel.registrationView()->statusText()));
    // oidc-provider rotates the registration access token on each use; the form follows.
    const QString rotated = accessToken->text();
    QVERIFY(!rotated.isEmpty());

    // Update: a changed name and a second redirect URI, everything else sent back as read.
    name->setText(QStringLiteral("After"));
    redirects->setPlainText(
        QStringLiteral("http://127.0.0.1:8400/callback\nhttp://127.0.0.1:8401/callback"));
    QVERIFY(run("updateRegistrationButton"));
    QVERIFY2(client->result().ok(), qPrintable(client->result().error.message));
    QCOMPARE(client->result().operation, Endpoints::RegistrationResult::Operation::Update);
    QCOMPARE(client->result().client.value(QStringLiteral("client_name")).toString(),
             QStringLiteral("After"));
    QCOMPARE(client->result().client.value(QStringLiteral("redirect_uris")).toArray().size(), 2);
    const QJsonObject sent =
        QJsonDocument::fromJson(client->result().exchanges.constLast().requestBody).object();
    QCOMPARE(sent.value(QStringLiteral("client_id")).toString(), registered.clientId);
    QVERIFY(!sent.contains(QLatin1String("registration_access_token")));
    QVERIFY(!sent.contains(QLatin1String("client_id_issued_at")));
    saveScreenshot(&panel, QStringLiteral("screenshot-endpoints-registration-management.png"));

    // A read after the update sees the change on the provider.
    name->clear();
    QVERIFY(run("readRegistrationButton"));
    QVERIFY2(client->result().ok(), qPrintable(client->result().error.message));
    QCOMPARE(name->text(), QStringLiteral("After"));

    // Delete, after a confirmation; the declined one sends nothing.
    MessageBox::setNextAnswer(QMessageBox::No);
    childNamed<QPushButton>(&panel, "deleteRegistrationButton")->click();
    QVERIFY(!client->isBusy());
    QVERIFY(MessageBox::lastText().contains(clientUri->text()));
    const QString tokenBeforeDelete = accessToken->text();
    MessageBox::setNextAnswer(QMessageBox::Yes);
    QVERIFY(run("deleteRegistrationButton"));
    QVERIFY2(client->result().ok(), qPrintable(client->result().error.message));
    QCOMPARE(client->result().httpStatus, 204);
    QVERIFY(accessToken->text().isEmpty());
    // The provider forgot it: the last token no longer reads it.
    accessToken->setText(tokenBeforeDelete);
    QVERIFY(run("readRegistrationButton"));
    QVERIFY(!client->result().ok());
    QVERIFY2(client->result().httpStatus == 401 || client->result().httpStatus == 404,
             qPrintable(QString::number(client->result().httpStatus)));
    QVERIFY(panel.registrationView()->statusText().size() > 0);
}

QTEST_MAIN(TestEndpointsPanelInterop)
#include "TestEndpointsPanelInterop.moc"
