// The authorization wizard in the main window against the real provider (oidc-provider on
// 127.0.0.1): code + PKCE in the real embedded browser (Qt WebEngine), the system browser
// with the loopback listener, a pasted redirect URL, and a forged response stopped at the
// callback step. With TOKENSCOPE_SCREENSHOT_DIR set, it saves a picture of each step there
// (that is how docs/screenshot-wizard-*.png are made). Its own main(): WebEngine needs its
// settings before the application object exists.
#include "../ProviderUser.h"
#include "../Screenshot.h"
#include "../UiSession.h"
#include "browser/EmbeddedBrowser.h"
#include "browser/RedirectSchemes.h"
#include "browser/SystemBrowser.h"
#include "common/FindingsView.h"
#include "flowwizards/AuthorizationFlowPanel.h"
#include "flowwizards/AuthorizationRequestForm.h"
#include "mainwindow/MainWindow.h"
#include "provider/ProviderPanel.h"
#include "support/HeadlessLogin.h"
#include "support/LoopbackServer.h"
#include "tokens/TokenTable.h"

#include <QApplication>
#include <QCheckBox>
#include <QComboBox>
#include <QDir>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSignalSpy>
#include <QSpinBox>
#include <QStackedWidget>
#include <QStandardPaths>
#include <QTabWidget>
#include <QTableWidget>
#include <QTreeWidget>
#include <QWebEngineProfile>
#include <QWebEngineView>

using namespace Tokenscope;
using Page = AuthorizationFlowPanel::Page;

class TestAuthorizationWizard final : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void init();
    void cleanup();

    void embeddedBrowserCompletesCodeWithPkce();
    void systemBrowserAndLoopbackComplete();
    void pastedRedirectCompletesHybrid();
    void forgedStateStopsAtTheCallbackStep();
    void requestProblemsBlockStart();
    void browserCanLiveInItsOwnWindow();
    void systemBrowserFromTheEmbeddedOneFallsBackToPaste();
    void errorResponseIsShownVerbatimAndEscaped();
    void systemBrowserWaitTimesOutAndClosesTheListener();
    void pastedFormPostFieldsComplete();
    void runAgainAndFreshSessionStartOver();

private:
    void discover();
    void choose(const char *comboName, const QVariant &data);
    // What the wizard hands the system browser is kept in *opened instead.
    static void openSystemBrowserInto(QUrl *opened);
    void setText(const char *editName, const QString &text);
    void clickStart();
    bool waitForResult();
    QString stepState(Page page) const;
    void paste(const QString &text);
    // The callback table's value for a parameter (as shown), or a null string.
    QString shownParameter(const QString &name) const;
    QWebEngineProfile *browserProfile() const;
    void screenshot(const QString &name);

    QString m_issuer;
    std::unique_ptr<UiSession> m_session;
    std::unique_ptr<MainWindow> m_window;
    AuthorizationFlowPanel *m_panel = nullptr;
};

void TestAuthorizationWizard::initTestCase()
{
    m_issuer = qEnvironmentVariable("TOKENSCOPE_INTEROP_ISSUER");
    QVERIFY2(!m_issuer.isEmpty(), "TOKENSCOPE_INTEROP_ISSUER is set by the CTest fixture");
}

void TestAuthorizationWizard::init()
{
    m_session = std::make_unique<UiSession>();
    m_window =
        std::make_unique<MainWindow>(&m_session->http, &m_session->discovery, m_session->random);
    m_window->resize(1280, 860);
    m_window->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_window.get()));
    m_panel = m_window->authorizationFlowPanel();
    discover();
    m_window->panels()->setCurrentWidget(m_panel);
    setText("clientIdEdit", QStringLiteral("tokenscope-public"));
}

void TestAuthorizationWizard::cleanup()
{
    Browser::SystemBrowser::setOpener({});
    m_window.reset();
    m_session.reset();
}

void TestAuthorizationWizard::discover()
{
    m_window->providerPanel()->discover(m_issuer);
    auto *issuer = m_panel->form()->findChild<QLineEdit *>(QStringLiteral("requestIssuerEdit"));
    QTRY_COMPARE_WITH_TIMEOUT(issuer->text(), m_issuer, 20'000);
}

void TestAuthorizationWizard::openSystemBrowserInto(QUrl *opened)
{
    Browser::SystemBrowser::setOpener([opened](const QUrl &url) {
        *opened = url;
        return true;
    });
}

void TestAuthorizationWizard::choose(const char *comboName, const QVariant &data)
{
    auto *combo = m_panel->findChild<QComboBox *>(QString::fromLatin1(comboName));
    QVERIFY(combo);
    const int index = combo->findData(data);
    QVERIFY2(index >= 0, comboName);
    combo->setCurrentIndex(index);
}

void TestAuthorizationWizard::setText(const char *editName, const QString &text)
{
    auto *edit = m_panel->findChild<QLineEdit *>(QString::fromLatin1(editName));
    QVERIFY(edit);
    edit->clear();
    QTest::keyClicks(edit, text);
}

void TestAuthorizationWizard::clickStart()
{
    auto *start = m_panel->findChild<QPushButton *>(QStringLiteral("startButton"));
    QVERIFY2(start->isEnabled(), qPrintable(m_panel->form()->problem()));
    QTest::mouseClick(start, Qt::LeftButton);
}

bool TestAuthorizationWizard::waitForResult()
{
    return QTest::qWaitFor([this] { return m_panel->currentPage() == Page::ResultPage; }, 60'000);
}

QString TestAuthorizationWizard::stepState(Page page) const
{
    auto *steps = m_panel->findChild<QListWidget *>(QStringLiteral("flowSteps"));
    return steps->item(page)->data(Qt::UserRole).toString();
}

void TestAuthorizationWizard::paste(const QString &text)
{
    auto *edit = m_panel->findChild<QPlainTextEdit *>(QStringLiteral("pasteEdit"));
    QVERIFY(edit);
    edit->setPlainText(text);
    QTest::mouseClick(m_panel->findChild<QPushButton *>(QStringLiteral("usePastedButton")),
                      Qt::LeftButton);
}

QString TestAuthorizationWizard::shownParameter(const QString &name) const
{
    auto *parameters = m_panel->findChild<QTableWidget *>(QStringLiteral("callbackParameters"));
    for (int row = 0; row < parameters->rowCount(); ++row) {
        if (parameters->item(row, 0)->text() == name)
            return parameters->item(row, 1)->text();
    }
    return QString();
}

QWebEngineProfile *TestAuthorizationWizard::browserProfile() const
{
    QWebEnginePage *page = m_panel->browser()->view()->page();
    return page ? page->profile() : nullptr;
}

void TestAuthorizationWizard::screenshot(const QString &name)
{
    saveScreenshot(m_window.get(), name);
}

void TestAuthorizationWizard::embeddedBrowserCompletesCodeWithPkce()
{
    choose("captureModeCombo",
           QVariant::fromValue(AuthorizationRequestForm::CaptureMode::EmbeddedBrowser));
    screenshot(QStringLiteral("screenshot-wizard-1-request.png"));
    clickStart();
    QCOMPARE(m_panel->currentPage(), Page::BrowserPage);
    auto *user = new ProviderUser(m_panel->browser()->view()->page()); // owned by the page
    user->beforeLogin = [this](const std::function<void()> &proceed) {
        screenshot(QStringLiteral("screenshot-wizard-2-browser.png"));
        proceed();
    };
    QVERIFY(waitForResult());
    QVERIFY2(m_panel->flow()->result().ok(), qPrintable(m_panel->statusText()));
    QCOMPARE(user->pages, (QStringList{QStringLiteral("login"), QStringLiteral("consent")}));
    for (const Page page : {Page::RequestPage, Page::BrowserPage, Page::CallbackPage,
                            Page::ExchangePage, Page::ResultPage})
        QCOMPARE(stepState(page), QStringLiteral("done"));

    // The result: three tokens with countdowns, masked; the ID token's claims; UserInfo.
    auto *tokens = m_panel->findChild<TokenTable *>(QStringLiteral("tokenTable"));
    QCOMPARE(tokens->topLevelItemCount(), 2); // access and ID token (no offline_access)
    QVERIFY(tokens->topLevelItem(0)->text(TokenTable::ExpiresColumn).startsWith(tr("in ")));
    QVERIFY(!tokens->topLevelItem(0)
                 ->text(TokenTable::ValueColumn)
                 .contains(m_panel->flow()->result().tokens.accessToken));
    auto *claims = m_panel->findChild<QPlainTextEdit *>(QStringLiteral("idTokenClaims"));
    QVERIFY(claims->toPlainText().contains(QStringLiteral("\"sub\": \"alice\"")));
    auto *all = m_panel->findChild<FindingsView *>(QStringLiteral("allChecks"));
    QCOMPARE(all->failureCount(), 0);
    QVERIFY(all->topLevelItemCount() >= 10);
    screenshot(QStringLiteral("screenshot-wizard-5-result.png"));

    // The callback page lists what arrived, the code masked until secrets are shown.
    m_panel->showPage(Page::CallbackPage);
    auto *parameters = m_panel->findChild<QTableWidget *>(QStringLiteral("callbackParameters"));
    QStringList names;
    QString shownCode;
    for (int row = 0; row < parameters->rowCount(); ++row) {
        names << parameters->item(row, 0)->text();
        if (names.constLast() == QLatin1String("code"))
            shownCode = parameters->item(row, 1)->text();
    }
    QCOMPARE(names,
             (QStringList{QStringLiteral("code"), QStringLiteral("state"), QStringLiteral("iss")}));
    QVERIFY(shownCode.startsWith(QLatin1Char('[')));
    auto *checks = m_panel->findChild<FindingsView *>(QStringLiteral("callbackChecks"));
    QCOMPARE(checks->topLevelItemCount(), 3); // state, iss, code
    screenshot(QStringLiteral("screenshot-wizard-3-callback.png"));
    m_panel->showPage(Page::ExchangePage);
    auto *exchanges = m_panel->findChild<QTreeWidget *>(QStringLiteral("flowExchanges"));
    QCOMPARE(exchanges->topLevelItemCount(), 3); // token, JWKS, UserInfo
    screenshot(QStringLiteral("screenshot-wizard-4-token-exchange.png"));

    // The browser's hops are in the transcript beside the HTTP exchanges.
    QVERIFY(m_panel->browser()->hops().size() >= 3);
}

void TestAuthorizationWizard::systemBrowserAndLoopbackComplete()
{
    QUrl opened;
    openSystemBrowserInto(&opened);
    choose("captureModeCombo",
           QVariant::fromValue(AuthorizationRequestForm::CaptureMode::SystemBrowser));
    clickStart();
    QVERIFY(opened.isValid());
    // The listener picked a free port and the URL carries it.
    const QUrl redirectUri = m_panel->flow()->request().redirectUri;
    QVERIFY(redirectUri.port() > 0);
    QVERIFY(opened.toEncoded().contains(QUrl::toPercentEncoding(redirectUri.toString())));
    Testing::HeadlessLogin browser;
    QVERIFY2(browser.run(opened, redirectUri), qPrintable(browser.log().join(u'\n')));
    QVERIFY(waitForResult());
    QVERIFY2(m_panel->flow()->result().ok(), qPrintable(m_panel->statusText()));
}

void TestAuthorizationWizard::pastedRedirectCompletesHybrid()
{
    setText("clientIdEdit", QStringLiteral("tokenscope-hybrid"));
    choose("responseTypeCombo", QStringLiteral("code id_token"));
    choose("captureModeCombo", QVariant::fromValue(AuthorizationRequestForm::CaptureMode::Paste));
    clickStart();
    QCOMPARE(m_panel->currentPage(), Page::BrowserPage);
    // Any browser: here one that logs in over HTTP and stops at the redirect URI.
    Testing::HeadlessLogin browser;
    browser.run(m_panel->flow()->result().authorizationUrl, m_panel->flow()->request().redirectUri);
    QVERIFY2(browser.redirectUrl().hasFragment(), qPrintable(browser.log().join(u'\n')));
    auto *paste = m_panel->findChild<QPlainTextEdit *>(QStringLiteral("pasteEdit"));
    paste->setPlainText(QString::fromUtf8(browser.redirectUrl().toEncoded()));
    QTest::mouseClick(m_panel->findChild<QPushButton *>(QStringLiteral("usePastedButton")),
                      Qt::LeftButton);
    QVERIFY(waitForResult());
    const AuthCode::FlowResult &result = m_panel->flow()->result();
    QVERIFY2(result.ok(), qPrintable(m_panel->statusText()));
    QVERIFY(!result.frontChannel.idToken.isEmpty());
    auto *checks = m_panel->findChild<FindingsView *>(QStringLiteral("tokenChecks"));
    QCOMPARE(checks->failureCount(), 0);
    QVERIFY(
        !checks->findItems(QStringLiteral("id_token (authorization response)"), Qt::MatchExactly, 2)
             .isEmpty());
}

void TestAuthorizationWizard::forgedStateStopsAtTheCallbackStep()
{
    choose("captureModeCombo", QVariant::fromValue(AuthorizationRequestForm::CaptureMode::Paste));
    clickStart();
    Testing::HeadlessLogin browser;
    browser.run(m_panel->flow()->result().authorizationUrl, m_panel->flow()->request().redirectUri);
    QUrl forged = browser.redirectUrl();
    QVERIFY(forged.hasQuery());
    forged.setQuery(
        forged.query().replace(m_panel->flow()->request().state, QStringLiteral("forged")));
    m_panel->findChild<QPlainTextEdit *>(QStringLiteral("pasteEdit"))
        ->setPlainText(QString::fromUtf8(forged.toEncoded()));
    QTest::mouseClick(m_panel->findChild<QPushButton *>(QStringLiteral("usePastedButton")),
                      Qt::LeftButton);
    QVERIFY(waitForResult());
    QCOMPARE(m_panel->flow()->result().error.rule, QStringLiteral("state_matches"));
    QCOMPARE(stepState(Page::CallbackPage), QStringLiteral("failed"));
    QCOMPARE(stepState(Page::ExchangePage), QString());
    QVERIFY(m_panel->flow()->result().exchanges.isEmpty()); // the code was never used
    auto *outcome = m_panel->findChild<QLabel *>(QStringLiteral("flowOutcome"));
    QVERIFY(outcome->text().contains(QStringLiteral("state_matches")));
}

void TestAuthorizationWizard::requestProblemsBlockStart()
{
    auto *start = m_panel->findChild<QPushButton *>(QStringLiteral("startButton"));
    auto *problem = m_panel->findChild<QLabel *>(QStringLiteral("requestProblemLabel"));
    QVERIFY(start->isEnabled());
    setText("redirectUriEdit", QStringLiteral("127.0.0.1/callback")); // no scheme
    QVERIFY(!start->isEnabled());
    QVERIFY(problem->text().contains(QStringLiteral("scheme")));
    setText("redirectUriEdit", QStringLiteral("http://127.0.0.1/callback"));
    QVERIFY(start->isEnabled());
    setText("scopeEdit", QStringLiteral("profile"));
    choose("responseTypeCombo", QStringLiteral("id_token"));
    QVERIFY(!start->isEnabled());
    QVERIFY(problem->text().contains(QStringLiteral("openid")));
    setText("scopeEdit", QStringLiteral("openid"));
    QVERIFY(start->isEnabled());
    // The preview is the exact URL: what was typed is in it.
    auto *preview = m_panel->findChild<QPlainTextEdit *>(QStringLiteral("authorizationUrlPreview"));
    QVERIFY(preview->toPlainText().contains(QStringLiteral("response_type=id_token")));
    QVERIFY(!preview->toPlainText().contains(QStringLiteral("code_challenge")));
}

void TestAuthorizationWizard::browserCanLiveInItsOwnWindow()
{
    auto *own = m_panel->findChild<QCheckBox *>(QStringLiteral("ownWindowCheck"));
    own->setChecked(true);
    QWidget *window = m_panel->browser()->window();
    QVERIFY(window != m_window.get());
    QCOMPARE(window->objectName(), QStringLiteral("browserWindow"));
    QVERIFY(QTest::qWaitForWindowExposed(window));
    // Closing that window puts the browser back into the wizard.
    window->close();
    QTRY_VERIFY(!own->isChecked());
    QCOMPARE(m_panel->browser()->window(), m_window.get());
}

void TestAuthorizationWizard::systemBrowserFromTheEmbeddedOneFallsBackToPaste()
{
    QUrl opened;
    openSystemBrowserInto(&opened);
    choose("captureModeCombo",
           QVariant::fromValue(AuthorizationRequestForm::CaptureMode::EmbeddedBrowser));
    clickStart();
    // What the embedded browser's "Open in the system browser" does: the redirect URI has
    // no port to listen on, so the wizard asks for the URL to be pasted.
    emit m_panel->browser()->systemBrowserRequested(m_panel->flow()->result().authorizationUrl);
    auto *pages = m_panel->findChild<QStackedWidget *>(QStringLiteral("capturePages"));
    QCOMPARE(pages->currentIndex(), 2);
    QVERIFY(m_panel->statusText().contains(QStringLiteral("paste")));
    m_panel->cancel();
}

void TestAuthorizationWizard::errorResponseIsShownVerbatimAndEscaped()
{
    choose("captureModeCombo", QVariant::fromValue(AuthorizationRequestForm::CaptureMode::Paste));
    clickStart();
    const QString state = m_panel->flow()->request().state;
    QUrl url = m_panel->flow()->request().redirectUri;
    url.setQuery(QStringLiteral("error=access_denied&error_description=%3Cb%3Ehtml%3C%2Fb%3E+"
                                "%26amp%3B+more&error_uri=https%3A%2F%2Fas.example%2Ferrors%3F"
                                "e%3D1%26f%3D%3Ci%3E&state=") +
                 state + QStringLiteral("&iss=") +
                 QString::fromLatin1(QUrl::toPercentEncoding(m_issuer)));
    paste(QString::fromUtf8(url.toEncoded()));
    QVERIFY(waitForResult());
    const AuthCode::FlowResult &result = m_panel->flow()->result();
    QCOMPARE(result.error.kind, AuthCode::FlowError::Kind::Provider);
    QCOMPARE(result.error.oauth.errorDescription, QStringLiteral("<b>html</b> &amp; more"));
    QCOMPARE(result.error.oauth.errorUri, QStringLiteral("https://as.example/errors?e=1&f=<i>"));
    QVERIFY(result.exchanges.isEmpty()); // nothing was sent
    QCOMPARE(stepState(Page::CallbackPage), QStringLiteral("failed"));

    // The outcome: verbatim, as plain text (the tags are shown, not applied).
    auto *outcome = m_panel->findChild<QLabel *>(QStringLiteral("flowOutcome"));
    QCOMPARE(outcome->textFormat(), Qt::PlainText);
    QVERIFY2(outcome->text().contains(QStringLiteral("<b>html</b> &amp; more")),
             qPrintable(outcome->text()));
    QVERIFY2(outcome->text().contains(QStringLiteral("https://as.example/errors?e=1&f=<i>")),
             qPrintable(outcome->text()));
    QVERIFY(outcome->text().contains(QStringLiteral("access_denied")));
    auto *status = m_panel->findChild<QLabel *>(QStringLiteral("flowStatus"));
    QCOMPARE(status->textFormat(), Qt::PlainText);
    QVERIFY(m_panel->statusText().contains(QStringLiteral("<b>html</b>")));
    // The callback table: each field as it arrived.
    QCOMPARE(shownParameter(QStringLiteral("error")), QStringLiteral("access_denied"));
    QCOMPARE(shownParameter(QStringLiteral("error_description")),
             QStringLiteral("<b>html</b> &amp; more"));
    QCOMPARE(shownParameter(QStringLiteral("error_uri")),
             QStringLiteral("https://as.example/errors?e=1&f=<i>"));
    auto *checks = m_panel->findChild<FindingsView *>(QStringLiteral("callbackChecks"));
    QCOMPARE(checks->failureCount(), 1);
    QCOMPARE(checks->topLevelItem(0)->data(0, Qt::UserRole).toString(),
             QStringLiteral("error_response"));
    QVERIFY(checks->topLevelItem(0)->text(1).contains(QStringLiteral("<b>html</b>")));

    // The state is single-use: a code response pasted afterwards, with the same state, is
    // refused visibly, recorded, and nothing is sent.
    const int transcriptBefore = m_session->transcript.size();
    url.setQuery(QStringLiteral("code=late-code&state=") + state);
    paste(QString::fromUtf8(url.toEncoded()));
    QVERIFY2(m_panel->statusText().contains(QStringLiteral("state_single_use")),
             qPrintable(m_panel->statusText()));
    QVERIFY(m_panel->statusText().contains(state));
    QCOMPARE(checks->failureCount(), 2);
    auto *all = m_panel->findChild<FindingsView *>(QStringLiteral("allChecks"));
    QCOMPARE(all->topLevelItem(all->topLevelItemCount() - 1)->data(0, Qt::UserRole).toString(),
             QStringLiteral("state_single_use"));
    QCOMPARE(m_session->transcript.size(), transcriptBefore + 1);
    QVERIFY(m_session->transcript.exchanges().constLast().label.contains(
        QStringLiteral("state_single_use")));
    QVERIFY(m_panel->flow()->result().exchanges.isEmpty());
    QCOMPARE(m_panel->flow()->result().error.kind, AuthCode::FlowError::Kind::Provider);
}

void TestAuthorizationWizard::systemBrowserWaitTimesOutAndClosesTheListener()
{
    QUrl opened;
    openSystemBrowserInto(&opened);
    choose("captureModeCombo",
           QVariant::fromValue(AuthorizationRequestForm::CaptureMode::SystemBrowser));
    auto *wait = m_panel->findChild<QSpinBox *>(QStringLiteral("redirectTimeoutSpin"));
    QVERIFY(wait);
    QCOMPARE(wait->value(), 600); // ten minutes unless changed
    wait->setValue(1);
    clickStart();
    QVERIFY(opened.isValid());
    const quint16 port = quint16(m_panel->flow()->request().redirectUri.port());
    QVERIFY(port > 0);
    {
        QTcpSocket listening; // the listener waits
        listening.connectToHost(QHostAddress::LocalHost, port);
        QVERIFY(listening.waitForConnected(5000));
    }
    QCOMPARE(m_panel->currentPage(), Page::BrowserPage);
    QVERIFY(waitForResult());
    const AuthCode::FlowResult &result = m_panel->flow()->result();
    QCOMPARE(result.error.kind, AuthCode::FlowError::Kind::Cancelled);
    // The wizard says so, and the port is closed.
    QVERIFY2(m_panel->statusText().contains(QStringLiteral("1 second")),
             qPrintable(m_panel->statusText()));
    QVERIFY(m_panel->statusText().contains(QStringLiteral("listener")));
    QCOMPARE(stepState(Page::BrowserPage), QStringLiteral("failed"));
    QTcpSocket refused;
    refused.connectToHost(QHostAddress::LocalHost, port);
    QVERIFY(!refused.waitForConnected(2000));
}

void TestAuthorizationWizard::pastedFormPostFieldsComplete()
{
    // The browser lands on the redirect URI with a POST; the user copies its fields.
    Testing::LoopbackServer landing([](const Testing::ReceivedRequest &, QTcpSocket *socket) {
        Testing::LoopbackServer::respond(socket, 200, "OK", {{"Content-Type", "text/plain"}},
                                         "copy the fields");
    });
    setText("redirectUriEdit", landing.url("/callback").toString());
    choose("responseModeCombo", QStringLiteral("form_post"));
    choose("captureModeCombo", QVariant::fromValue(AuthorizationRequestForm::CaptureMode::Paste));
    clickStart();
    QVERIFY(
        m_panel->flow()->result().authorizationUrl.toEncoded().contains("response_mode=form_post"));
    Testing::HeadlessLogin browser;
    QVERIFY2(browser.run(m_panel->flow()->result().authorizationUrl,
                         m_panel->flow()->request().redirectUri),
             qPrintable(browser.log().join(u'\n')));
    QCOMPARE(landing.requests().size(), 1);
    const Testing::ReceivedRequest &post = landing.requests().constFirst();
    QCOMPARE(post.method, QByteArray("POST"));
    QVERIFY(post.body.contains("code="));
    QVERIFY(post.target == "/callback"); // no query: the fields are only in the body
    paste(QString::fromUtf8(post.body));
    QVERIFY(waitForResult());
    const AuthCode::FlowResult &result = m_panel->flow()->result();
    QVERIFY2(result.ok(), qPrintable(m_panel->statusText()));
    QCOMPARE(result.redirect.source, Redirect::RedirectResult::Source::FormPost);
    QCOMPARE(result.redirect.formBody, post.body);
    QVERIFY(!shownParameter(QStringLiteral("state")).isEmpty());
    QVERIFY(!result.tokens.accessToken.isEmpty());
}

void TestAuthorizationWizard::runAgainAndFreshSessionStartOver()
{
    choose("captureModeCombo",
           QVariant::fromValue(AuthorizationRequestForm::CaptureMode::EmbeddedBrowser));
    // A persistent browser session: SSO would stick between runs.
    m_panel->findChild<QCheckBox *>(QStringLiteral("freshSessionCheck"))->setChecked(false);
    clickStart();
    QCOMPARE(m_panel->currentPage(), Page::BrowserPage);
    const QString firstState = m_panel->flow()->request().state;
    const QByteArray firstVerifier = m_panel->flow()->request().codeVerifier;
    QPointer<QWebEngineProfile> persistent = browserProfile();
    QVERIFY(persistent);
    QVERIFY(!persistent->isOffTheRecord());
    m_panel->cancel();
    QVERIFY(waitForResult());

    // Run Again: back to the request with a new state, nonce and verifier.
    QTest::mouseClick(m_panel->findChild<QPushButton *>(QStringLiteral("runAgainButton")),
                      Qt::LeftButton);
    QCOMPARE(m_panel->currentPage(), Page::RequestPage);
    const AuthCode::AuthorizationRequest again = m_panel->form()->request();
    QVERIFY(again.state != firstState);
    QVERIFY(again.codeVerifier != firstVerifier);
    QCOMPARE(again.state.size(), 22);
    QCOMPARE(again.codeVerifier.size(), 43);
    clickStart();
    QCOMPARE(m_panel->flow()->request().state, again.state);
    QCOMPARE(m_panel->flow()->request().codeVerifier, again.codeVerifier);
    QVERIFY(!browserProfile()->isOffTheRecord()); // the persistent session, as chosen
    m_panel->cancel();
    QVERIFY(waitForResult());

    // Fresh Session: runs at once, new values again, in a new off-the-record profile.
    QTest::mouseClick(m_panel->findChild<QPushButton *>(QStringLiteral("freshSessionButton")),
                      Qt::LeftButton);
    QCOMPARE(m_panel->currentPage(), Page::BrowserPage);
    QCOMPARE(m_panel->flow()->step(), AuthCode::AuthorizationCodeFlow::Step::AwaitingRedirect);
    QVERIFY(m_panel->flow()->request().state != again.state);
    QVERIFY(m_panel->flow()->request().state != firstState);
    QVERIFY(m_panel->flow()->request().codeVerifier != again.codeVerifier);
    QWebEngineProfile *fresh = browserProfile();
    QVERIFY(fresh);
    QVERIFY(fresh->isOffTheRecord());
    QVERIFY(fresh != persistent.data());
    QVERIFY(m_panel->browser()->isFreshSession());
    m_panel->cancel();
    QVERIFY(waitForResult());

    // Only that run: the next one is in the persistent session again.
    QTest::mouseClick(m_panel->findChild<QPushButton *>(QStringLiteral("runAgainButton")),
                      Qt::LeftButton);
    clickStart();
    QVERIFY(!browserProfile()->isOffTheRecord());
    m_panel->cancel();
}

int main(int argc, char *argv[])
{
    QCoreApplication::setAttribute(Qt::AA_ShareOpenGLContexts);
    Browser::registerRedirectSchemes({QStringLiteral("com.tokenscope.test")});
    QApplication app(argc, argv);
    // A persistent browser session lives under the test-mode app data location.
    QApplication::setApplicationName(QStringLiteral("tokenscope-test-wizard"));
    QStandardPaths::setTestModeEnabled(true);
    TestAuthorizationWizard test;
    return QTest::qExec(&test, argc, argv);
}

#include "TestAuthorizationWizard.moc"
