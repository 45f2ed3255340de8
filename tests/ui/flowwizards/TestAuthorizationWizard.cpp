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
#include <QStackedWidget>
#include <QTabWidget>
#include <QTableWidget>
#include <QTreeWidget>
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

private:
    void discover();
    void choose(const char *comboName, const QVariant &data);
    void setText(const char *editName, const QString &text);
    void clickStart();
    bool waitForResult();
    QString stepState(Page page) const;
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
    Browser::SystemBrowser::setOpener([&opened](const QUrl &url) {
        opened = url;
        return true;
    });
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
    Browser::SystemBrowser::setOpener([&opened](const QUrl &url) {
        opened = url;
        return true;
    });
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

int main(int argc, char *argv[])
{
    QCoreApplication::setAttribute(Qt::AA_ShareOpenGLContexts);
    Browser::registerRedirectSchemes({QStringLiteral("com.tokenscope.test")});
    QApplication app(argc, argv);
    TestAuthorizationWizard test;
    return QTest::qExec(&test, argc, argv);
}

#include "TestAuthorizationWizard.moc"
