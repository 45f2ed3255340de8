// RP-initiated logout (OpenID Connect RP-Initiated Logout 1.0) from the Endpoints tab against a
// real provider (oidc-provider on 127.0.0.1), in the real embedded browser: the user signs in
// with a persistent browser session, the tab logs that session out with the ID token as
// id_token_hint, the user confirms on the provider's page, and the return to the registered
// post_logout_redirect_uri is captured before it loads, its state checked. Signing in again
// in the same browser session meets the login page: the provider's session is gone.
#include "../ProviderUser.h"
#include "Screenshot.h"
#include "UiSession.h"
#include "authcode/AuthorizationCodeFlow.h"
#include "browser/EmbeddedBrowser.h"
#include "browser/RedirectSchemes.h"
#include "endpoints/EndpointsPanel.h"
#include "endpoints/TokenPicker.h"
#include "session/SessionTokens.h"
#include "support/Discover.h"

#include <QApplication>
#include <QDir>
#include <QFileInfo>
#include <QLineEdit>
#include <QPushButton>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTabWidget>
#include <QTest>
#include <QUrlQuery>
#include <QWebEngineView>

using namespace Tokenscope;
using Tokenscope::Browser::BrowserOptions;
using Tokenscope::Browser::EmbeddedBrowser;
using Tokenscope::Testing::LoopbackServer;
using Tokenscope::Testing::ReceivedRequest;

class TestEndpointsLogoutInterop final : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void logoutEndsTheProviderSession();

private:
    // Signs in as a person would in the embedded browser with the given session and
    // returns the flow's result; `pages` gets what the user met (login, consent).
    AuthCode::FlowResult signIn(UiSession &session, EmbeddedBrowser &browser,
                                const BrowserOptions &options, const QUrl &redirectUri,
                                QStringList *pages);

    Discovery::ProviderMetadata m_metadata;
};

void TestEndpointsLogoutInterop::initTestCase()
{
    const QString issuer = qEnvironmentVariable("TOKENSCOPE_INTEROP_ISSUER");
    QVERIFY2(!issuer.isEmpty(), "TOKENSCOPE_INTEROP_ISSUER is set by the CTest fixture");
    // Persistent browser sessions live under the test-mode app data location: start clean.
    QDir(QFileInfo(EmbeddedBrowser::persistentStoragePath(QStringLiteral("x"))).path())
        .removeRecursively();
    UiSession session;
    const Discovery::DiscoveryResult discovered = Testing::discover(&session.http, issuer);
    QVERIFY2(discovered.ok(), qPrintable(discovered.error.message));
    m_metadata = discovered.metadata;
    QVERIFY(m_metadata.endpoint(QStringLiteral("end_session_endpoint")).isValid());
}

AuthCode::FlowResult TestEndpointsLogoutInterop::signIn(UiSession &session,
                                                        EmbeddedBrowser &browser,
                                                        const BrowserOptions &options,
                                                        const QUrl &redirectUri, QStringList *pages)
{
    AuthCode::AuthorizationRequest request;
    request.issuer = m_metadata.issuer;
    request.authorizationEndpoint = m_metadata.endpoint(QStringLiteral("authorization_endpoint"));
    request.tokenEndpoint = m_metadata.endpoint(QStringLiteral("token_endpoint"));
    request.issParameterRequired = m_metadata.authorizationResponseIssParameterSupported;
    request.jwksUri = m_metadata.endpoint(QStringLiteral("jwks_uri"));
    request.clientId = QStringLiteral("tokenscope-public");
    request.authMethod = ClientAuth::ClientAuthentication::Method::None;
    request.scope = QStringLiteral("openid");
    request.redirectUri = redirectUri;
    request.callUserinfo = false;
    AuthCode::AuthorizationCodeFlow flow(&session.http, session.random);
    connect(&browser, &EmbeddedBrowser::redirectCaptured, &flow,
            &AuthCode::AuthorizationCodeFlow::handleRedirect);
    QSignalSpy finished(&flow, &AuthCode::AuthorizationCodeFlow::finished);
    flow.start(request);
    browser.start(flow.result().authorizationUrl, redirectUri, options);
    auto *user = new ProviderUser(browser.view()->page());
    if (!finished.wait(60'000))
        qWarning("sign-in did not finish; pages met: %s",
                 qPrintable(user->pages.join(QLatin1Char(','))));
    *pages = user->pages;
    browser.disconnect(&flow);
    return flow.result();
}

void TestEndpointsLogoutInterop::logoutEndsTheProviderSession()
{
    UiSession session;
    // Listening at the redirect and post-logout URIs: if the browser loaded either, the
    // server would see it.
    LoopbackServer app([](const ReceivedRequest &, QTcpSocket *socket) {
        LoopbackServer::respond(socket, 200, "OK", {{"Content-Type", "text/html"}},
                                "<p>the browser loaded the app</p>");
    });
    BrowserOptions sso;
    sso.freshSession = false;
    sso.persistentSessionName = QStringLiteral("logout interop");
    EmbeddedBrowser browser;
    browser.resize(900, 700);
    browser.show();
    QStringList pages;
    const AuthCode::FlowResult signedIn =
        signIn(session, browser, sso, app.url("/callback"), &pages);
    QVERIFY2(signedIn.ok(), qPrintable(signedIn.error.message));
    QVERIFY(!signedIn.tokens.idToken.isEmpty());
    QCOMPARE(pages.value(0), QStringLiteral("login"));

    SessionTokens tokens;
    tokens.addResponse(signedIn.tokens, QStringLiteral("Authorization code"), session.clock.now());
    EndpointsPanel panel(&session.http, session.random, nullptr, &tokens);
    panel.resize(1000, 700);
    panel.show();
    panel.setProvider(m_metadata);
    panel.pages()->setCurrentIndex(EndpointsPanel::LogoutPage);
    QCOMPARE(childNamed<QLineEdit>(&panel, "endSessionEndpoint")->text(),
             m_metadata.endpoint(QStringLiteral("end_session_endpoint")).toString());
    panel.findChild<TokenPicker *>(QStringLiteral("idTokenHint"))
        ->setToken(signedIn.tokens.idToken);
    const QUrl loggedOut = app.url("/logged-out");
    childNamed<QLineEdit>(&panel, "postLogoutRedirectUri")->setText(loggedOut.toString());
    childNamed<QLineEdit>(&panel, "logoutBrowserSession")->setText(sso.persistentSessionName);
    const QString state = childNamed<QLineEdit>(&panel, "logoutState")->text();
    QVERIFY(state.size() >= 16);

    QSignalSpy returned(&panel, &EndpointsPanel::logoutReturned);
    childNamed<QPushButton>(&panel, "openLogoutButton")->click();
    EmbeddedBrowser *logoutBrowser = panel.logoutBrowser();
    QVERIFY(logoutBrowser);
    QVERIFY(!logoutBrowser->isFreshSession());
    // The provider sees the session and asks; the user confirms, as a person would.
    QWebEnginePage *page = logoutBrowser->view()->page();
    QStringList confirmations;
    connect(page, &QWebEnginePage::loadFinished, this, [&](bool ok) {
        if (!ok)
            return;
        page->runJavaScript(
            QStringLiteral("(function () {"
                           "  var yes = document.querySelector('button[name=logout]');"
                           "  if (!yes) return '';"
                           "  var text = document.body.innerText;"
                           "  yes.click();"
                           "  return text;"
                           "})()"),
            [&](const QVariant &text) {
                if (!text.toString().isEmpty())
                    confirmations.append(text.toString());
            });
    });
    QVERIFY(returned.wait(60'000));
    QCOMPARE(confirmations.size(), 1);
    QVERIFY2(confirmations.constFirst().contains(QLatin1String("sign")),
             qPrintable(confirmations.constFirst()));
    QCOMPARE(returned.at(0).at(0).toBool(), true);
    const QUrlQuery sent(panel.logoutUrl());
    QCOMPARE(sent.queryItemValue(QStringLiteral("id_token_hint")), signedIn.tokens.idToken);
    bool stateChecked = false;
    for (const Finding &check : panel.logoutChecks())
        if (check.rule == QLatin1String("logout_state"))
            stateChecked = check.status == Finding::Status::Pass;
    QVERIFY(stateChecked);
    QVERIFY2(panel.logoutStatus().startsWith(QLatin1String("Logged out")),
             qPrintable(panel.logoutStatus()));
    saveScreenshot(&panel, QStringLiteral("screenshot-endpoints-logout.png"));

    // The same browser session signs in again: the provider asks for the login anew.
    const AuthCode::FlowResult again = signIn(session, browser, sso, app.url("/callback"), &pages);
    QVERIFY2(again.ok(), qPrintable(again.error.message));
    QCOMPARE(pages.value(0), QStringLiteral("login"));
    // Captured before loading: neither return reached the app's address.
    QVERIFY(app.requests().isEmpty());
}

int main(int argc, char *argv[])
{
    QCoreApplication::setAttribute(Qt::AA_ShareOpenGLContexts);
    Tokenscope::Browser::registerRedirectSchemes({});
    QApplication app(argc, argv);
    QApplication::setApplicationName(QStringLiteral("tokenscope-test-logout"));
    QStandardPaths::setTestModeEnabled(true);
    TestEndpointsLogoutInterop test;
    return QTest::qExec(&test, argc, argv);
}

#include "TestEndpointsLogoutInterop.moc"
