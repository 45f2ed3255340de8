// What a new user meets: the desktop app as main() composes it (DesktopApp), started in an
// empty home. The first launch creates the Sandbox profile and chooses it, the in-process
// sandbox provider starts, a banner says what it is, and the authorization wizard completes
// code + PKCE against it in the real embedded browser with no set-up at all — while the
// sandbox's own log shows what it received and decided. Later launches, and homes that
// already hold profiles, are left alone. With TOKENSCOPE_SCREENSHOT_DIR set it saves what
// the user sees (docs/screenshot-sandbox-*.png). Its own main(): the home and WebEngine's
// settings must be in place before the application object exists.
#include "../SandboxUser.h"
#include "../Screenshot.h"
#include "DesktopApp.h"
#include "browser/EmbeddedBrowser.h"
#include "browser/RedirectSchemes.h"
#include "flowwizards/AuthorizationFlowPanel.h"
#include "flowwizards/AuthorizationRequestForm.h"
#include "http/Transcript.h"
#include "inspector/ExchangeInspector.h"
#include "mainwindow/MainWindow.h"
#include "profiles/ProfileListPanel.h"
#include "profiles/ProfileStore.h"
#include "sandbox/SandboxBanner.h"
#include "session/SessionTokens.h"

#include <QAbstractItemView>
#include <QAction>
#include <QApplication>
#include <QDir>
#include <QDockWidget>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLineEdit>
#include <QMenu>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QPushButton>
#include <QSettings>
#include <QTabWidget>
#include <QTemporaryDir>
#include <QTest>
#include <QWebEnginePage>
#include <QWebEngineView>

using namespace Tokenscope;
using Page = AuthorizationFlowPanel::Page;

namespace {

QTemporaryDir &home()
{
    static QTemporaryDir directory;
    return directory;
}

int countExchanges(const Http::Transcript &log, const QByteArray &method, const QString &path,
                   int status)
{
    int n = 0;
    for (const Http::Exchange &exchange : log.exchanges())
        n += exchange.method == method && exchange.url.path() == path &&
             exchange.statusCode == status;
    return n;
}

} // namespace

class TestSandboxFirstLaunch final : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void cleanup();
    void firstLaunchCompletesAFlowAgainstTheSandbox();
    void breakItSwitchIsCaughtAndExplained();
    void secondLaunchCreatesNothing();
    void aHomeWithProfilesGetsNoSandboxProfile();

private:
    QString m_configHome;
};

void TestSandboxFirstLaunch::init()
{
    // Each case in its own empty home.
    static int run = 0;
    m_configHome = home().path() + QStringLiteral("/case-%1").arg(++run);
    for (const char *variable : {"XDG_CONFIG_HOME", "XDG_DATA_HOME", "XDG_CACHE_HOME"})
        qputenv(variable,
                QFile::encodeName(m_configHome + u'/' + QString::fromLatin1(variable).toLower()));
    QSettings().clear();
}

void TestSandboxFirstLaunch::cleanup()
{
    QSettings().clear();
}

void TestSandboxFirstLaunch::firstLaunchCompletesAFlowAgainstTheSandbox()
{
    QSettings settings;
    DesktopApp app(settings);
    QVERIFY2(app.firstLaunchError().isEmpty(), qPrintable(app.firstLaunchError()));
    QVERIFY(!app.firstLaunchProfile().isNull());
    QVERIFY(settings.value(DesktopApp::firstLaunchKey()).toBool());

    // The profile is on disk, with no issuer (the sandbox's port changes) and no secrets.
    Profiles::ProfileStore store(Profiles::ProfileStore::defaultDirectory());
    const Profiles::ProfileListing listing = store.list();
    QCOMPARE(listing.profiles.size(), 1);
    const Profiles::Profile &saved = listing.profiles.constFirst();
    QCOMPARE(saved.id, app.firstLaunchProfile());
    QVERIFY(saved.provider.builtInSandbox);
    QVERIFY(saved.provider.issuer.isEmpty());
    QVERIFY(saved.secrets.isEmpty());

    MainWindow &window = app.window();
    window.resize(1280, 860);
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    QVERIFY(!window.sandboxBanner()->isVisible());
    app.chooseFirstLaunchProfile();

    // The sandbox runs; the banner says where; the wizard is set up for it.
    QVERIFY(window.sandboxBanner()->isVisible());
    const QString issuer = window.sandboxBanner()->issuer();
    QVERIFY(QUrl(issuer).port() > 0);
    QCOMPARE(QUrl(issuer).host(), QStringLiteral("127.0.0.1"));
    QVERIFY(window.sandboxBanner()->text().contains(issuer));
    QCOMPARE(window.profilesPanel()->currentId(), app.firstLaunchProfile());
    AuthorizationFlowPanel *panel = window.authorizationFlowPanel();
    QCOMPARE(window.panels()->currentWidget(), panel);
    auto *form = panel->form();
    QCOMPARE(form->findChild<QLineEdit *>(QStringLiteral("requestIssuerEdit"))->text(), issuer);
    QCOMPARE(form->findChild<QLineEdit *>(QStringLiteral("clientIdEdit"))->text(),
             QStringLiteral("sandbox-public"));
    QVERIFY(window.sandboxLogDock()->isVisible());
    saveScreenshot(&window, QStringLiteral("screenshot-sandbox-1-first-launch.png"));

    // One click on Start, a sign-in as li.lei, and the flow is through.
    auto *start = panel->findChild<QPushButton *>(QStringLiteral("startButton"));
    QVERIFY2(start->isEnabled(), qPrintable(form->problem()));
    QTest::mouseClick(start, Qt::LeftButton);
    QCOMPARE(panel->currentPage(), Page::BrowserPage);
    auto *user = new SandboxUser(panel->browser()->view()->page(), QStringLiteral("li.lei"));
    QVERIFY(QTest::qWaitFor([panel] { return panel->currentPage() == Page::ResultPage; }, 60'000));
    QVERIFY2(panel->flow()->result().ok(), qPrintable(panel->statusText()));
    QCOMPARE(user->pages, (QStringList{QStringLiteral("login"), QStringLiteral("consent")}));
    QVERIFY(!panel->flow()->result().tokens.idToken.isEmpty());
    QVERIFY(!panel->flow()->result().tokens.refreshToken.isEmpty()); // offline_access

    // The sandbox's side: the authorization request, the sign-in, the consent, the token
    // request it answered 200 — in its log, shown in the dock beside the client's.
    const Http::Transcript &log = *app.sandboxLog();
    QCOMPARE(countExchanges(log, "GET", QStringLiteral("/authorize"), 200), 1); // login page
    QCOMPARE(countExchanges(log, "POST", QStringLiteral("/login"), 200), 1);    // consent page
    QCOMPARE(countExchanges(log, "POST", QStringLiteral("/consent"), 302), 1);
    QCOMPARE(countExchanges(log, "POST", QStringLiteral("/token"), 200), 1);
    for (const Http::Exchange &exchange : log.exchanges())
        QVERIFY2(exchange.url.toString().startsWith(issuer), qPrintable(exchange.url.toString()));
    QVERIFY(window.sandboxLogDock()->isVisible());
    QCOMPARE(window.sandboxLog()->findChild<QAbstractItemView *>()->model()->rowCount(),
             log.size());
    // Long request lines (an authorization URL) wrap or clip; they never widen the window.
    QCOMPARE(window.width(), 1280);
    saveScreenshot(&window, QStringLiteral("screenshot-sandbox-2-result.png"));
}

void TestSandboxFirstLaunch::breakItSwitchIsCaughtAndExplained()
{
    QSettings settings;
    DesktopApp app(settings);
    MainWindow &window = app.window();
    window.resize(1280, 860);
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    app.chooseFirstLaunchProfile();
    SandboxBanner *banner = window.sandboxBanner();
    const QString issuer = banner->issuer();
    QVERIFY(!issuer.isEmpty());

    // Break It > wrong_state: the sandbox itself now reports the switch.
    auto *wrongState =
        banner->faultsMenu()->findChild<QAction *>(QStringLiteral("fault_wrong_state"));
    QVERIFY(wrongState);
    QVERIFY(banner->faultsOn().isEmpty());
    wrongState->trigger();
    QCOMPARE(banner->faultsOn(), QStringList{QStringLiteral("wrong_state")});
    QNetworkAccessManager network;
    const auto sandboxFaults = [&network, &issuer] {
        QNetworkReply *reply =
            network.get(QNetworkRequest(QUrl(issuer + QStringLiteral("/sandbox/faults"))));
        if (!QTest::qWaitFor([reply] { return reply->isFinished(); }, 10'000))
            qWarning("GET /sandbox/faults did not answer within 10 s");
        reply->deleteLater();
        return QJsonDocument::fromJson(reply->readAll())
            .object()
            .value(QStringLiteral("faults"))
            .toArray();
    };
    QCOMPARE(sandboxFaults(), QJsonArray{QStringLiteral("wrong_state")});

    // A run: the client stops at the state check, uses no code, and the banner says what an
    // attacker would have gained.
    AuthorizationFlowPanel *panel = window.authorizationFlowPanel();
    QTest::mouseClick(panel->findChild<QPushButton *>(QStringLiteral("startButton")),
                      Qt::LeftButton);
    new SandboxUser(panel->browser()->view()->page(), QStringLiteral("alice"));
    QVERIFY(QTest::qWaitFor([panel] { return panel->currentPage() == Page::ResultPage; }, 60'000));
    QCOMPARE(panel->flow()->result().error.rule, QStringLiteral("state_matches"));
    QCOMPARE(countExchanges(*app.sandboxLog(), "POST", QStringLiteral("/token"), 200), 0);
    QVERIFY2(banner->outcome().contains(QStringLiteral("wrong_state")) &&
                 banner->outcome().contains(QStringLiteral("state_matches")),
             qPrintable(banner->outcome()));
    QVERIFY(window.sessionTokens()->entries().isEmpty());
    QCOMPARE(window.width(), 1280);
    saveScreenshot(&window, QStringLiteral("screenshot-sandbox-3-break-it.png"));

    // All off again.
    banner->faultsMenu()->findChild<QAction *>(QStringLiteral("faultsOffAction"))->trigger();
    QVERIFY(banner->faultsOn().isEmpty());
    QCOMPARE(sandboxFaults(), QJsonArray());
}

void TestSandboxFirstLaunch::secondLaunchCreatesNothing()
{
    QSettings settings;
    QUuid first;
    {
        DesktopApp app(settings);
        first = app.firstLaunchProfile();
        QVERIFY(!first.isNull());
    }
    DesktopApp again(settings);
    QVERIFY(again.firstLaunchProfile().isNull());
    QCOMPARE(
        Profiles::ProfileStore(Profiles::ProfileStore::defaultDirectory()).list().profiles.size(),
        1);
    // Nothing chosen, nothing started.
    again.chooseFirstLaunchProfile();
    QVERIFY(!again.window().sandboxBanner()->isVisibleTo(&again.window()));
}

void TestSandboxFirstLaunch::aHomeWithProfilesGetsNoSandboxProfile()
{
    Profiles::ProfileStore store(Profiles::ProfileStore::defaultDirectory());
    Profiles::Profile mine = Profiles::Profile::create(QStringLiteral("Work IdP"));
    mine.provider.issuer = QUrl(QStringLiteral("https://login.example.com"));
    QVERIFY(!store.save(mine).isError());
    QSettings settings;
    DesktopApp app(settings);
    QVERIFY(app.firstLaunchProfile().isNull());
    const Profiles::ProfileListing listing = store.list();
    QCOMPARE(listing.profiles.size(), 1);
    QCOMPARE(listing.profiles.constFirst().name, QStringLiteral("Work IdP"));
    QVERIFY(settings.value(DesktopApp::firstLaunchKey()).toBool());

    // File > Use the Sandbox Provider creates the profile once, and uses it.
    auto *use = app.window().findChild<QAction *>(QStringLiteral("useSandboxAction"));
    QVERIFY(use);
    use->trigger();
    QTRY_COMPARE(store.list().profiles.size(), 2);
    QTRY_VERIFY(!app.window().sandboxBanner()->issuer().isEmpty());
    QUuid sandboxId;
    for (const auto &profile : store.list().profiles)
        if (profile.provider.builtInSandbox)
            sandboxId = profile.id;
    QVERIFY(!sandboxId.isNull());
    QCOMPARE(app.window().profilesPanel()->currentId(), sandboxId);
    use->trigger();
    QTest::qWait(100);
    QCOMPARE(store.list().profiles.size(), 2);
}

int main(int argc, char *argv[])
{
    if (!home().isValid())
        return 2;
    for (const char *variable : {"XDG_CONFIG_HOME", "XDG_DATA_HOME", "XDG_CACHE_HOME"})
        qputenv(variable,
                QFile::encodeName(home().path() + u'/' + QString::fromLatin1(variable).toLower()));
    QCoreApplication::setAttribute(Qt::AA_ShareOpenGLContexts);
    Browser::registerRedirectSchemes({QStringLiteral("com.tokenscope.app")});
    QApplication app(argc, argv);
    QCoreApplication::setOrganizationName(QStringLiteral("Tokenscope"));
    QCoreApplication::setApplicationName(QStringLiteral("Tokenscope"));
    TestSandboxFirstLaunch test;
    return QTest::qExec(&test, argc, argv);
}

#include "TestSandboxFirstLaunch.moc"
