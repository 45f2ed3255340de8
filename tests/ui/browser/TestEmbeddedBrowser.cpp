// The embedded browser against the real provider (oidc-provider on 127.0.0.1) in the real
// Qt WebEngine: the redirect is captured before it is sent (loopback, custom scheme,
// form_post), every hop is recorded, sessions are fresh or persistent, pop-ups go to the
// system browser seam, refusing providers and certificate errors are reported. Its own
// main(): the custom scheme must be registered before the application object exists.
#include "../ProviderUser.h"
#include "authcode/AuthorizationCodeFlow.h"
#include "browser/EmbeddedBrowser.h"
#include "browser/FormPostCapture.h"
#include "browser/RedirectSchemes.h"
#include "browser/SystemBrowser.h"
#include "common/Clock.h"
#include "common/RandomSource.h"
#include "discovery/DiscoveryClient.h"
#include "http/HttpClient.h"
#include "http/Transcript.h"
#include "inspector/ExchangeDetailView.h"
#include "inspector/ExchangeListModel.h"
#include "inspector/MessagePane.h"
#include "support/Discover.h"
#include "support/LoopbackServer.h"
#include "support/TestCertificate.h"

#include <QApplication>
#include <QCryptographicHash>
#include <QDir>
#include <QFileInfo>
#include <QLabel>
#include <QLineEdit>
#include <QNetworkAccessManager>
#include <QProcess>
#include <QPushButton>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTest>
#include <QTimer>
#include <QUrlQuery>
#include <QWebEngineProfile>
#include <QWebEngineScriptCollection>
#include <QWebEngineSettings>
#include <QWebEngineView>

using namespace Tokenscope;
using Tokenscope::Browser::BrowserOptions;
using Tokenscope::Browser::EmbeddedBrowser;
using Tokenscope::Browser::NavigationHop;
using Tokenscope::Redirect::RedirectResult;
using Tokenscope::Testing::LoopbackServer;

namespace {

const QString customRedirect = QStringLiteral("com.tokenscope.test:/callback");

QByteArray base64Url(const QByteArray &bytes)
{
    return bytes.toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals);
}

int closedPort()
{
    QTcpServer probe;
    probe.listen(QHostAddress::LocalHost, 0);
    const int port = probe.serverPort();
    probe.close();
    return port;
}

void respondHtml(QTcpSocket *socket, const QByteArray &html)
{
    LoopbackServer::respond(socket, 200, "OK", {{"Content-Type", "text/html; charset=utf-8"}},
                            html);
}

// Requests the server got for this path (Chromium may also ask for /favicon.ico).
int requestsFor(const LoopbackServer &server, const QByteArray &path)
{
    const QList<Testing::ReceivedRequest> &requests = server.requests();
    return int(std::count_if(
        requests.cbegin(), requests.cend(), [&path](const Testing::ReceivedRequest &request) {
            return request.target == path || request.target.startsWith(QByteArray(path + '?'));
        }));
}

template<typename T>
T *child(QObject *parent, const char *name)
{
    return parent->findChild<T *>(QString::fromLatin1(name));
}

} // namespace

class TestEmbeddedBrowser final : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void init();
    void cleanup();

    void loopbackRedirectIsCapturedBeforeItIsSent();
    void customSchemeFragmentIsCaptured();
    void formPostFieldsAreCaptured();
    void forgedFormReportIsIgnored();
    void unreadableFormPostIsReportedNotDropped();
    void secondRedirectInTheSameRunIsRefusedToo();
    void stopForgetsTheRedirectUri();
    void formReportNeedsThisRunsMarker_data();
    void formReportNeedsThisRunsMarker();
    void customSchemeHandlerCatchesWhatNavigationDoesNot();
    void hopsAreRecordedInOrder();
    void freshSessionForgetsTheLogin();
    void persistentSessionKeepsTheLogin();
    void popupGoesToTheSystemBrowser();
    void refusingProviderPageIsRecognised_data();
    void refusingProviderPageIsRecognised();
    void loadFailureIsReported_data();
    void loadFailureIsReported();

private:
    QUrl authorizationUrl(const QList<QPair<QString, QString>> &parameters) const;
    QList<QPair<QString, QString>> publicClientParameters(const QUrl &redirectUri,
                                                          const QString &responseMode = {});
    RedirectResult capture(EmbeddedBrowser &browser, ProviderUser **user = nullptr,
                           int timeoutMs = 30'000);

    Discovery::ProviderMetadata m_metadata;
    SystemClock m_clock;
    SystemRandomSource m_random;
    std::unique_ptr<QNetworkAccessManager> m_network;
    std::unique_ptr<Http::Transcript> m_transcript;
    std::unique_ptr<Http::HttpClient> m_http;
    QList<QUrl> m_opened; // what went to the system browser seam
    QString m_verifier;
    QString m_state;
};

void TestEmbeddedBrowser::initTestCase()
{
    const QString issuer = qEnvironmentVariable("TOKENSCOPE_INTEROP_ISSUER");
    QVERIFY2(!issuer.isEmpty(), "TOKENSCOPE_INTEROP_ISSUER is set by the CTest fixture");
    QVERIFY2(Browser::registeredRedirectSchemes().contains(QStringLiteral("com.tokenscope.test")),
             "main() registers the custom scheme before the application exists");
    // Persistent sessions live under the test-mode app data location: start clean.
    QDir(QFileInfo(EmbeddedBrowser::persistentStoragePath(QStringLiteral("x"))).path())
        .removeRecursively();
    Browser::SystemBrowser::setOpener([this](const QUrl &url) {
        m_opened.append(url);
        return true;
    });

    init();
    const Discovery::DiscoveryResult discovered = Testing::discover(m_http.get(), issuer);
    QVERIFY2(discovered.ok(), qPrintable(discovered.error.message));
    m_metadata = discovered.metadata;
    cleanup();
}

void TestEmbeddedBrowser::init()
{
    m_network = std::make_unique<QNetworkAccessManager>();
    m_transcript = std::make_unique<Http::Transcript>();
    m_http = std::make_unique<Http::HttpClient>(m_network.get(), m_transcript.get(), m_clock);
    m_opened.clear();
}

void TestEmbeddedBrowser::cleanup()
{
    m_http.reset();
    m_transcript.reset();
    m_network.reset();
}

QUrl TestEmbeddedBrowser::authorizationUrl(const QList<QPair<QString, QString>> &parameters) const
{
    QUrl url = m_metadata.endpoint(QStringLiteral("authorization_endpoint"));
    QUrlQuery query;
    for (const auto &[name, value] : parameters)
        query.addQueryItem(name, QString::fromLatin1(QUrl::toPercentEncoding(value)));
    url.setQuery(query);
    return url;
}

QList<QPair<QString, QString>>
TestEmbeddedBrowser::publicClientParameters(const QUrl &redirectUri, const QString &responseMode)
{
    m_verifier = QString::fromLatin1(base64Url(m_random.bytes(32)));
    m_state = QString::fromLatin1(base64Url(m_random.bytes(16)));
    const QByteArray challenge =
        base64Url(QCryptographicHash::hash(m_verifier.toLatin1(), QCryptographicHash::Sha256));
    QList<QPair<QString, QString>> parameters{
        {QStringLiteral("client_id"), QStringLiteral("tokenscope-public")},
        {QStringLiteral("response_type"), QStringLiteral("code")},
        {QStringLiteral("redirect_uri"), redirectUri.toString()},
        {QStringLiteral("scope"), QStringLiteral("openid")},
        {QStringLiteral("state"), m_state},
        {QStringLiteral("code_challenge"), QString::fromLatin1(challenge)},
        {QStringLiteral("code_challenge_method"), QStringLiteral("S256")},
    };
    if (!responseMode.isEmpty())
        parameters.append({QStringLiteral("response_mode"), responseMode});
    return parameters;
}

// Plays the user on the page of the run just started and waits for the capture.
RedirectResult TestEmbeddedBrowser::capture(EmbeddedBrowser &browser, ProviderUser **user,
                                            int timeoutMs)
{
    auto *player = new ProviderUser(browser.view()->page());
    if (user)
        *user = player;
    QSignalSpy captured(&browser, &EmbeddedBrowser::redirectCaptured);
    QSignalSpy failed(&browser, &EmbeddedBrowser::loadFailed);
    if (!captured.wait(timeoutMs)) {
        qWarning("no redirect captured; pages met: %s; load failures: %d; info: %s",
                 qPrintable(player->pages.join(QLatin1Char(','))), int(failed.count()),
                 qPrintable(browser.infoText()));
        return {};
    }
    return captured.constFirst().constFirst().value<RedirectResult>();
}

void TestEmbeddedBrowser::loopbackRedirectIsCapturedBeforeItIsSent()
{
    // A listening loopback server at the redirect URI: if the browser sent the redirect,
    // it would see it.
    LoopbackServer server([](const Testing::ReceivedRequest &, QTcpSocket *socket) {
        respondHtml(socket, "<p>the redirect reached the server</p>");
    });
    const QUrl redirectUri = server.url("/callback");

    // The engine builds the request (state, PKCE S256 verifier) and exchanges the code.
    AuthCode::AuthorizationRequest request;
    request.issuer = m_metadata.issuer;
    request.authorizationEndpoint = m_metadata.endpoint(QStringLiteral("authorization_endpoint"));
    request.tokenEndpoint = m_metadata.endpoint(QStringLiteral("token_endpoint"));
    request.issParameterRequired = m_metadata.authorizationResponseIssParameterSupported;
    request.clientId = QStringLiteral("tokenscope-public");
    request.authMethod = ClientAuth::ClientAuthentication::Method::None;
    request.scope = QStringLiteral("openid profile");
    request.redirectUri = redirectUri;
    AuthCode::AuthorizationCodeFlow flow(m_http.get(), m_random);
    flow.start(request);
    QVERIFY(flow.result().authorizationUrl.isValid());
    QVERIFY(QUrlQuery(flow.result().authorizationUrl)
                .queryItemValue(QStringLiteral("code_challenge_method")) == QLatin1String("S256"));

    EmbeddedBrowser browser;
    browser.resize(900, 700);
    browser.show();
    browser.start(flow.result().authorizationUrl, redirectUri);
    QVERIFY(browser.isFreshSession());
    QVERIFY(browser.view()->page()->profile()->isOffTheRecord());

    const QString screenshot = qEnvironmentVariable("TOKENSCOPE_BROWSER_SCREENSHOT");
    QSignalSpy captured(&browser, &EmbeddedBrowser::redirectCaptured);
    auto *user = new ProviderUser(browser.view()->page());
    if (!screenshot.isEmpty()) {
        // By hand, under Xvfb: the login page as the user sees it, before it is filled.
        // WebEngine has no "frame painted" signal in 6.4: give it a second to paint.
        user->beforeLogin = [&browser, screenshot](std::function<void()> proceed) {
            QTimer::singleShot(1000, &browser, [&browser, screenshot, proceed] {
                auto *import = new QProcess(&browser);
                QObject::connect(import, &QProcess::finished, &browser, proceed);
                import->start(QStringLiteral("import"),
                              {QStringLiteral("-window"), QStringLiteral("root"), screenshot});
            });
        };
    }
    QVERIFY2(captured.wait(30'000), qPrintable(user->pages.join(QLatin1Char(','))));
    QCOMPARE(captured.count(), 1);
    const auto redirect = captured.constFirst().constFirst().value<RedirectResult>();

    QCOMPARE(user->pages, (QStringList{QStringLiteral("login"), QStringLiteral("consent")}));
    QCOMPARE(redirect.source, RedirectResult::Source::Query);
    QVERIFY(!redirect.value(QStringLiteral("code")).isEmpty());
    QCOMPARE(redirect.value(QStringLiteral("state")), flow.request().state);
    QCOMPARE(redirect.value(QStringLiteral("iss")), m_metadata.issuer);
    QCOMPARE(redirect.url.port(), redirectUri.port());
    // Captured before it was sent: the listening server never got a request.
    QTRY_VERIFY_WITH_TIMEOUT(browser.infoText().contains(QLatin1String("captured")), 5'000);
    QVERIFY(server.requests().isEmpty());
    // The page shows the local "captured" message, not the redirect URI.
    QTRY_COMPARE_WITH_TIMEOUT(browser.view()->page()->title(), QStringLiteral("Redirect captured"),
                              10'000);
    QVERIFY(server.requests().isEmpty());
    QVERIFY(child<QLineEdit>(&browser, "browserAddress")->text().isEmpty());

    // The captured code is good: the engine exchanges it for tokens.
    QSignalSpy finished(&flow, &AuthCode::AuthorizationCodeFlow::finished);
    flow.handleRedirect(redirect);
    QVERIFY(finished.wait(20'000));
    QVERIFY2(flow.result().ok(), qPrintable(flow.result().error.message));
    QVERIFY(!flow.result().tokens.accessToken.isEmpty());
}

void TestEmbeddedBrowser::customSchemeFragmentIsCaptured()
{
    // Hybrid "code id_token" to a private-use scheme, response in the fragment.
    const QByteArray verifier = base64Url(m_random.bytes(32));
    const QString state = QString::fromLatin1(base64Url(m_random.bytes(16)));
    const QString nonce = QString::fromLatin1(base64Url(m_random.bytes(16)));
    const QUrl url = authorizationUrl({
        {QStringLiteral("client_id"), QStringLiteral("tokenscope-hybrid")},
        {QStringLiteral("response_type"), QStringLiteral("code id_token")},
        {QStringLiteral("response_mode"), QStringLiteral("fragment")},
        {QStringLiteral("redirect_uri"), customRedirect},
        {QStringLiteral("scope"), QStringLiteral("openid")},
        {QStringLiteral("state"), state},
        {QStringLiteral("nonce"), nonce},
        {QStringLiteral("code_challenge"), QString::fromLatin1(base64Url(QCryptographicHash::hash(
                                               verifier, QCryptographicHash::Sha256)))},
        {QStringLiteral("code_challenge_method"), QStringLiteral("S256")},
    });
    EmbeddedBrowser browser;
    browser.start(url, QUrl(customRedirect));
    const RedirectResult redirect = capture(browser);
    QCOMPARE(redirect.url.scheme(), QStringLiteral("com.tokenscope.test"));
    QCOMPARE(redirect.source, RedirectResult::Source::Fragment);
    QVERIFY(!redirect.value(QStringLiteral("code")).isEmpty());
    QVERIFY(redirect.value(QStringLiteral("id_token")).count(QLatin1Char('.')) == 2);
    QCOMPARE(redirect.value(QStringLiteral("state")), state);
    // The ID token carries the nonce (its payload, base64url JSON).
    const QByteArray payload = QByteArray::fromBase64(
        redirect.value(QStringLiteral("id_token")).section(QLatin1Char('.'), 1, 1).toLatin1(),
        QByteArray::Base64UrlEncoding);
    QVERIFY(payload.contains(nonce.toLatin1()));
    QVERIFY(browser.hops().constLast().captured);
    QCOMPARE(browser.hops().constLast().url.scheme(), QStringLiteral("com.tokenscope.test"));
}

void TestEmbeddedBrowser::formPostFieldsAreCaptured()
{
    LoopbackServer server([](const Testing::ReceivedRequest &, QTcpSocket *socket) {
        respondHtml(socket, "<p>the form reached the server</p>");
    });
    const QUrl redirectUri = server.url("/callback");
    EmbeddedBrowser browser;
    Http::Transcript transcript;
    browser.setTranscript(&transcript);
    QSignalSpy failures(&browser, &EmbeddedBrowser::captureFailed);
    browser.start(
        authorizationUrl(publicClientParameters(redirectUri, QStringLiteral("form_post"))),
        redirectUri);
    const RedirectResult redirect = capture(browser);
    QCOMPARE(redirect.source, RedirectResult::Source::FormPost);
    QVERIFY(!redirect.formBody.isEmpty());
    QVERIFY(!redirect.value(QStringLiteral("code")).isEmpty());
    QCOMPARE(redirect.value(QStringLiteral("state")), m_state);
    QCOMPARE(redirect.value(QStringLiteral("iss")), m_metadata.issuer);
    QVERIFY(redirect.url.query().isEmpty());
    QVERIFY(failures.isEmpty());
    // The last hop is the form, posted to the redirect URI, and not sent.
    const NavigationHop last = browser.hops().constLast();
    QCOMPARE(last.type, QStringLiteral("form"));
    QVERIFY(last.captured);
    QCOMPARE(transcript.exchanges().constLast().method, QByteArray("POST"));
    QVERIFY(server.requests().isEmpty());
}

void TestEmbeddedBrowser::forgedFormReportIsIgnored()
{
    // A page that writes what looks like a form report (without this run's marker), then
    // goes to the redirect URI with a query: only the real navigation is captured.
    const QUrl redirectUri(QStringLiteral("http://127.0.0.1/callback"));
    LoopbackServer server([](const Testing::ReceivedRequest &, QTcpSocket *socket) {
        respondHtml(socket,
                    "<script>"
                    "console.info('tokenscope-form-post-00000000000000000000000000000000:' +"
                    "  JSON.stringify({ action: 'http:' + '/' + '/127.0.0.1/callback',"
                    "                   body: 'code=forged', main: true }));"
                    "location.href = '/callback?code=real';"
                    "</script>");
    });
    EmbeddedBrowser browser;
    QSignalSpy captured(&browser, &EmbeddedBrowser::redirectCaptured);
    browser.start(server.url("/page"), redirectUri);
    QVERIFY(captured.wait(20'000));
    const auto redirect = captured.constFirst().constFirst().value<RedirectResult>();
    QCOMPARE(redirect.source, RedirectResult::Source::Query);
    QCOMPARE(redirect.value(QStringLiteral("code")), QStringLiteral("real"));
    QCOMPARE(captured.count(), 1);
    QCOMPARE(requestsFor(server, "/page"), 1);
    QCOMPARE(requestsFor(server, "/callback"), 0);
}

void TestEmbeddedBrowser::unreadableFormPostIsReportedNotDropped()
{
    // With JavaScript off the injected script cannot read the form: the user's click posts
    // it to the redirect URI, the navigation is still refused, and the failure is reported
    // with the way out (the loopback listener) instead of an empty result.
    LoopbackServer server([](const Testing::ReceivedRequest &, QTcpSocket *socket) {
        respondHtml(socket, "<form method=\"post\" action=\"/callback\">"
                            "<input type=\"hidden\" name=\"code\" value=\"posted\">"
                            "<button type=\"submit\" style=\"position: fixed; left: 0; top: 0;"
                            " width: 100%; height: 100%\">Continue</button></form>");
    });
    const QUrl redirectUri = server.url("/callback");
    EmbeddedBrowser browser;
    browser.resize(640, 480);
    browser.show();
    QVERIFY(QTest::qWaitForWindowExposed(&browser));
    QSignalSpy captured(&browser, &EmbeddedBrowser::redirectCaptured);
    QSignalSpy failed(&browser, &EmbeddedBrowser::captureFailed);
    browser.start(server.url("/page"), redirectUri);
    browser.view()->page()->settings()->setAttribute(QWebEngineSettings::JavascriptEnabled, false);
    QSignalSpy loaded(browser.view()->page(), &QWebEnginePage::loadFinished);
    QVERIFY(loaded.wait(20'000));
    QTRY_VERIFY_WITH_TIMEOUT(browser.view()->focusProxy(), 5'000);
    // A click that lands before the page is painted and hit-testable is lost: click again,
    // as a user would, until the form is posted.
    for (int click = 0; click < 10 && failed.isEmpty(); ++click) {
        QTest::mouseClick(browser.view()->focusProxy(), Qt::LeftButton, {}, QPoint(100, 100));
        if (failed.wait(2'000))
            break;
    }
    QCOMPARE(failed.count(), 1);
    QCOMPARE(failed.constFirst().at(0).toUrl().path(), QStringLiteral("/callback"));
    QVERIFY(failed.constFirst().at(1).toString().contains(QLatin1String("loopback listener")));
    QVERIFY(captured.isEmpty());
    QCOMPARE(browser.hops().constLast().type, QStringLiteral("form"));
    QVERIFY(browser.hops().constLast().captured);
    QCOMPARE(requestsFor(server, "/page"), 1);
    QCOMPARE(requestsFor(server, "/callback"), 0);
}

void TestEmbeddedBrowser::secondRedirectInTheSameRunIsRefusedToo()
{
    LoopbackServer server([](const Testing::ReceivedRequest &, QTcpSocket *socket) {
        respondHtml(socket, "<script>location.href = '/callback?code=first';</script>");
    });
    const QUrl redirectUri = server.url("/callback");
    EmbeddedBrowser browser;
    QSignalSpy captured(&browser, &EmbeddedBrowser::redirectCaptured);
    browser.start(server.url("/page"), redirectUri);
    QVERIFY(captured.wait(20'000));
    QTRY_COMPARE_WITH_TIMEOUT(browser.view()->page()->title(), QStringLiteral("Redirect captured"),
                              10'000);
    // Again in the same run: refused and reported again (the flow engine rejects reuse).
    browser.view()->page()->load(server.url("/callback?code=second"));
    QVERIFY(captured.wait(20'000));
    QCOMPARE(captured.count(), 2);
    QCOMPARE(captured.at(0).constFirst().value<RedirectResult>().value(QStringLiteral("code")),
             QStringLiteral("first"));
    QCOMPARE(captured.at(1).constFirst().value<RedirectResult>().value(QStringLiteral("code")),
             QStringLiteral("second"));
    QCOMPARE(requestsFor(server, "/page"), 1);
    QCOMPARE(requestsFor(server, "/callback"), 0);
}

void TestEmbeddedBrowser::stopForgetsTheRedirectUri()
{
    LoopbackServer server([](const Testing::ReceivedRequest &, QTcpSocket *socket) {
        respondHtml(socket, "<title>provider page</title>");
    });
    EmbeddedBrowser browser;
    browser.start(server.url("/page"), server.url("/callback"));
    QCOMPARE(browser.redirectUri(), server.url("/callback"));
    QTRY_COMPARE_WITH_TIMEOUT(browser.view()->page()->title(), QStringLiteral("provider page"),
                              10'000);
    auto *address = child<QLineEdit>(&browser, "browserAddress");
    QCOMPARE(address->text(), server.url("/page").toDisplayString());
    browser.stop();
    QVERIFY(browser.redirectUri().isEmpty());
    // A blank local page (about:blank or data:) instead of the provider's.
    QTRY_VERIFY_WITH_TIMEOUT(browser.view()->page()->url().scheme() != QLatin1String("http"),
                             10'000);
    QVERIFY(browser.view()->page()->title() != QLatin1String("provider page"));
    QVERIFY(address->text().isEmpty());
    QVERIFY(browser.view()->page()->scripts().isEmpty());
}

void TestEmbeddedBrowser::formReportNeedsThisRunsMarker_data()
{
    const QString marker = QStringLiteral("tokenscope-form-post-0123456789abcdef");
    const QString json = QStringLiteral(
        "{\"action\":\"http://127.0.0.1:5/callback\",\"body\":\"code=c&state=s\",\"main\":true}");
    QTest::addColumn<QString>("message");
    QTest::addColumn<bool>("accepted");
    QTest::newRow("report_with_the_marker_is_read") << marker + QLatin1Char(':') + json << true;
    QTest::newRow("other_marker_is_ignored")
        << QStringLiteral("tokenscope-form-post-fedcba9876543210:") + json << false;
    QTest::newRow("marker_prefix_alone_is_ignored")
        << QStringLiteral("tokenscope-form-post-:") + json << false;
    QTest::newRow("marker_not_at_the_start_is_ignored")
        << QStringLiteral("x ") + marker + QLatin1Char(':') + json << false;
    QTest::newRow("broken_json_is_ignored") << marker + QStringLiteral(":{\"action\":") << false;
    QTest::newRow("invalid_action_is_ignored")
        << marker + QStringLiteral(":{\"action\":\"::\",\"body\":\"\"}") << false;
}

void TestEmbeddedBrowser::formReportNeedsThisRunsMarker()
{
    QFETCH(QString, message);
    QFETCH(bool, accepted);
    Browser::FormPostCapture::Report report;
    QCOMPARE(Browser::FormPostCapture::parse(
                 message, QStringLiteral("tokenscope-form-post-0123456789abcdef"), &report),
             accepted);
    if (accepted) {
        QCOMPARE(report.action, QUrl(QStringLiteral("http://127.0.0.1:5/callback")));
        QCOMPARE(report.body, QByteArray("code=c&state=s"));
        QVERIFY(report.isMainFrame);
    }
}

void TestEmbeddedBrowser::customSchemeHandlerCatchesWhatNavigationDoesNot()
{
    // An image request to the custom scheme is no navigation: the scheme handler installed
    // on the profile sees it, with its query and fragment, and answers nothing.
    LoopbackServer server([](const Testing::ReceivedRequest &, QTcpSocket *socket) {
        respondHtml(socket, "<img src=\"com.tokenscope.test:/callback?code=from-image#x=1\">");
    });
    EmbeddedBrowser browser;
    QSignalSpy captured(&browser, &EmbeddedBrowser::redirectCaptured);
    browser.start(server.url("/page"), QUrl(customRedirect));
    QVERIFY(captured.wait(20'000));
    const auto redirect = captured.constFirst().constFirst().value<RedirectResult>();
    QCOMPARE(redirect.value(QStringLiteral("x")), QStringLiteral("1"));
    QCOMPARE(redirect.source, RedirectResult::Source::Fragment);
    QVERIFY(redirect.url.query().contains(QLatin1String("code=from-image")));
    QCOMPARE(browser.hops().constLast().type, QStringLiteral("other"));
}

void TestEmbeddedBrowser::hopsAreRecordedInOrder()
{
    LoopbackServer server([](const Testing::ReceivedRequest &, QTcpSocket *socket) {
        respondHtml(socket, "<p>reached</p>");
    });
    const QUrl redirectUri = server.url("/callback");
    const QUrl start = authorizationUrl(publicClientParameters(redirectUri));
    EmbeddedBrowser browser;
    Http::Transcript transcript;
    browser.setTranscript(&transcript);
    QSignalSpy recorded(&browser, &EmbeddedBrowser::hopRecorded);
    browser.start(start, redirectUri);
    const RedirectResult redirect = capture(browser);
    QVERIFY(redirect.has(QStringLiteral("code")));

    const QList<NavigationHop> hops = browser.hops();
    QStringList trail;
    for (const NavigationHop &hop : hops)
        trail.append(hop.type + QLatin1Char(' ') + hop.url.path() +
                     (hop.captured ? QStringLiteral(" captured") : QString()));
    qInfo("hops: %s", qPrintable(trail.join(QStringLiteral(" | "))));

    QCOMPARE(recorded.count(), hops.size());
    // Started by a typed navigation to the authorization URL…
    QCOMPARE(hops.constFirst().url, start);
    QCOMPARE(hops.constFirst().type, QStringLiteral("typed"));
    // …through the provider's own 303s (WebEngine reports server redirects before
    // following them) and the two form posts (login, consent)…
    const auto count = [&hops](const QString &type) {
        return std::count_if(hops.cbegin(), hops.cend(),
                             [&type](const NavigationHop &hop) { return hop.type == type; });
    };
    QCOMPARE(count(QStringLiteral("form")), 2);
    QVERIFY(count(QStringLiteral("redirect")) >= 3);
    // …to the redirect URI, captured, and only that one.
    QVERIFY(hops.constLast().captured);
    QCOMPARE(hops.constLast().type, QStringLiteral("redirect"));
    QCOMPARE(hops.constLast().url.path(), QStringLiteral("/callback"));
    QCOMPARE(std::count_if(hops.cbegin(), hops.cend(),
                           [](const NavigationHop &hop) { return hop.captured; }),
             1);
    for (int i = 1; i < hops.size(); ++i)
        QVERIFY(hops.at(i - 1).at <= hops.at(i).at);

    // Each hop is a response-less row of the transcript, in the same order.
    QCOMPARE(transcript.size(), hops.size());
    for (int i = 0; i < hops.size(); ++i) {
        const Http::Exchange &exchange = transcript.at(i);
        QCOMPARE(exchange.url, hops.at(i).url);
        QVERIFY(!exchange.hasResponse);
        QCOMPARE(exchange.durationUs, 0);
        QCOMPARE(exchange.method,
                 hops.at(i).type == QLatin1String("form") ? QByteArray("POST") : QByteArray("GET"));
        QVERIFY(exchange.label.contains(hops.at(i).type));
    }
    QCOMPARE(transcript.at(0).label, QStringLiteral("Browser navigation (typed)"));
    // The inspector's list reads such a row as a navigation, not as status 0 after 0 ms.
    ExchangeListModel model(&transcript);
    QCOMPARE(model.rowCount(), hops.size());
    QCOMPARE(model.index(0, ExchangeListModel::Status).data().toString(),
             QStringLiteral("navigation"));
    QVERIFY(model.index(0, ExchangeListModel::Time).data().toString().isEmpty());
    // The captured URL carries the code: masked unless secrets are shown.
    const QString lastRow =
        model.index(model.rowCount() - 1, ExchangeListModel::Url).data().toString();
    QVERIFY(!lastRow.contains(redirect.value(QStringLiteral("code"))));
    // The detail view says what the row is and shows no response pane to wait on.
    ExchangeDetailView detail;
    detail.setExchange(transcript.at(0));
    QVERIFY2(detail.infoText().contains(QLatin1String("navigation in the embedded browser")),
             qPrintable(detail.infoText()));
    QVERIFY(!detail.responsePane()->isVisibleTo(&detail));
    QVERIFY(detail.requestPane()->isVisibleTo(&detail));
    QCOMPARE(transcript.exchanges().constLast().label,
             QStringLiteral("Redirect captured in the browser (redirect)"));
}

void TestEmbeddedBrowser::freshSessionForgetsTheLogin()
{
    LoopbackServer server([](const Testing::ReceivedRequest &, QTcpSocket *socket) {
        respondHtml(socket, "<p>reached</p>");
    });
    const QUrl redirectUri = server.url("/callback");
    EmbeddedBrowser browser;
    for (int run = 0; run < 2; ++run) {
        browser.start(authorizationUrl(publicClientParameters(redirectUri)), redirectUri);
        QVERIFY(browser.isFreshSession());
        ProviderUser *user = nullptr;
        QVERIFY(capture(browser, &user).has(QStringLiteral("code")));
        // Each run starts without the provider's session cookie: the login page again.
        QCOMPARE(user->pages.value(0), QStringLiteral("login"));
    }
    QVERIFY(server.requests().isEmpty());
}

void TestEmbeddedBrowser::persistentSessionKeepsTheLogin()
{
    LoopbackServer server([](const Testing::ReceivedRequest &, QTcpSocket *socket) {
        respondHtml(socket, "<p>reached</p>");
    });
    const QUrl redirectUri = server.url("/callback");
    BrowserOptions options;
    options.freshSession = false;
    options.persistentSessionName = QStringLiteral("sso test");
    const QString storage = EmbeddedBrowser::persistentStoragePath(options.persistentSessionName);
    QVERIFY(storage.startsWith(QStandardPaths::writableLocation(QStandardPaths::AppDataLocation)));

    EmbeddedBrowser browser;
    browser.start(authorizationUrl(publicClientParameters(redirectUri)), redirectUri, options);
    QVERIFY(!browser.isFreshSession());
    QCOMPARE(browser.view()->page()->profile()->persistentStoragePath(), storage);
    ProviderUser *user = nullptr;
    QVERIFY(capture(browser, &user).has(QStringLiteral("code")));
    QCOMPARE(user->pages, (QStringList{QStringLiteral("login"), QStringLiteral("consent")}));

    // The second run keeps the provider's session: no login page (SSO).
    browser.start(authorizationUrl(publicClientParameters(redirectUri)), redirectUri, options);
    const RedirectResult second = capture(browser, &user);
    QVERIFY(second.has(QStringLiteral("code")));
    QCOMPARE(second.value(QStringLiteral("state")), m_state);
    QVERIFY2(!user->pages.contains(QStringLiteral("login")),
             qPrintable(user->pages.join(QLatin1Char(','))));
    qInfo("persistent second run met: [%s]", qPrintable(user->pages.join(QLatin1Char(','))));

    // A fresh run after it does not see that session.
    browser.start(authorizationUrl(publicClientParameters(redirectUri)), redirectUri);
    QVERIFY(capture(browser, &user).has(QStringLiteral("code")));
    QCOMPARE(user->pages.value(0), QStringLiteral("login"));
    QVERIFY(server.requests().isEmpty());
}

void TestEmbeddedBrowser::popupGoesToTheSystemBrowser()
{
    LoopbackServer server([](const Testing::ReceivedRequest &request, QTcpSocket *socket) {
        if (request.target == "/page")
            respondHtml(socket, "<title>opener</title>"
                                "<script>window.open('/popup-target?x=1', '_blank');</script>");
        else
            respondHtml(socket, "<p>popup</p>");
    });
    EmbeddedBrowser browser;
    QSignalSpy requested(&browser, &EmbeddedBrowser::systemBrowserRequested);
    browser.start(server.url("/page"), QUrl(QStringLiteral("http://127.0.0.1/callback")));
    QVERIFY(requested.wait(20'000));
    QCOMPARE(requested.constFirst().constFirst().toUrl(), server.url("/popup-target?x=1"));
    QCOMPARE(m_opened, QList<QUrl>{server.url("/popup-target?x=1")});
    QVERIFY(browser.infoText().contains(QLatin1String("system browser")));
    // Nothing was opened in the embedded browser: the pop-up's URL was never requested.
    QTRY_COMPARE_WITH_TIMEOUT(browser.view()->page()->title(), QStringLiteral("opener"), 10'000);
    QCOMPARE(requestsFor(server, "/page"), 1);
    QCOMPARE(requestsFor(server, "/popup-target"), 0);
}

void TestEmbeddedBrowser::refusingProviderPageIsRecognised_data()
{
    QTest::addColumn<QByteArray>("path");
    QTest::addColumn<QByteArray>("html");
    QTest::newRow("error_in_the_title")
        << QByteArray("/signin") << QByteArray("<title>Error 403: disallowed_useragent</title>");
    QTest::newRow("error_in_the_text_only")
        << QByteArray("/signin")
        << QByteArray("<title>Sign in</title><h1>Access blocked</h1>"
                      "<p>Error 403: <span>disallowed_useragent</span></p>");
    QTest::newRow("error_in_the_address") << QByteArray("/signin?authError=disallowed_useragent")
                                          << QByteArray("<title>Sign in</title>");
}

void TestEmbeddedBrowser::refusingProviderPageIsRecognised()
{
    QFETCH(QByteArray, path);
    QFETCH(QByteArray, html);
    LoopbackServer server([html](const Testing::ReceivedRequest &, QTcpSocket *socket) {
        respondHtml(socket, html);
    });
    EmbeddedBrowser browser;
    browser.show();
    QSignalSpy refused(&browser, &EmbeddedBrowser::embeddedBrowserRefused);
    QSignalSpy requested(&browser, &EmbeddedBrowser::systemBrowserRequested);
    const QUrl start = server.url(path);
    browser.start(start, QUrl(QStringLiteral("http://127.0.0.1/callback")));
    QVERIFY(refused.wait(20'000));
    QCOMPARE(refused.constFirst().at(0).toUrl(), start);
    QVERIFY(refused.constFirst().at(1).toString().contains(QLatin1String("disallowed_useragent")));
    auto *open = child<QPushButton>(&browser, "browserOpenInSystemBrowser");
    QVERIFY(open->isVisible());
    QVERIFY(child<QLabel>(&browser, "browserInfoText")->text().contains(QLatin1String("embedded")));
    // "Open in the system browser" hands the authorization URL to the seam.
    QVERIFY(requested.isEmpty());
    QTest::mouseClick(open, Qt::LeftButton);
    QCOMPARE(requested.count(), 1);
    QCOMPARE(requested.constFirst().constFirst().toUrl(), start);
    QCOMPARE(m_opened, QList<QUrl>{start});
}

void TestEmbeddedBrowser::loadFailureIsReported_data()
{
    QTest::addColumn<bool>("tls");
    QTest::newRow("self_signed_certificate_is_not_accepted") << true;
    QTest::newRow("connection_refused") << false;
}

void TestEmbeddedBrowser::loadFailureIsReported()
{
    QFETCH(bool, tls);
    LoopbackServer server([](const Testing::ReceivedRequest &, QTcpSocket *socket) {
        respondHtml(socket, "<title>served</title>");
    });
    QUrl start;
    if (tls) {
        const auto identity = Testing::TestCertificate::create("127.0.0.1");
        server.enableTls(identity.certificate, identity.key);
        start = server.url("/secret");
    } else {
        start = QUrl(QStringLiteral("http://127.0.0.1:%1/").arg(closedPort()));
    }
    EmbeddedBrowser browser;
    browser.show();
    QSignalSpy failed(&browser, &EmbeddedBrowser::loadFailed);
    browser.start(start, QUrl(QStringLiteral("http://127.0.0.1/callback")));
    QSignalSpy finished(browser.view()->page(), &QWebEnginePage::loadFinished);
    QVERIFY(failed.wait(20'000));
    // Reported once, though WebEngine reports a refused certificate twice.
    QTRY_VERIFY_WITH_TIMEOUT(!finished.isEmpty(), 10'000);
    QCOMPARE(finished.constFirst().constFirst().toBool(), false);
    QCOMPARE(failed.count(), 1);
    QCOMPARE(failed.constFirst().at(0).toUrl().host(), QStringLiteral("127.0.0.1"));
    const QString message = failed.constFirst().at(1).toString();
    qInfo("%s", qPrintable(message));
    QVERIFY(child<QLabel>(&browser, "browserInfoText")->isVisible());
    QCOMPARE(child<QLabel>(&browser, "browserInfoText")->text(), message);
    if (tls) {
        QVERIFY2(message.contains(QLatin1String("certificate")), qPrintable(message));
        QCOMPARE(child<QLabel>(&browser, "browserSecurityHint")->text(),
                 QStringLiteral("Not trusted"));
        // The certificate was refused: no request was ever sent over that connection.
        QVERIFY(server.requests().isEmpty());
        QVERIFY(browser.view()->page()->title() != QLatin1String("served"));
    } else {
        QVERIFY2(message.contains(QLatin1String("ERR_CONNECTION_REFUSED")) ||
                     message.contains(QLatin1String("refused"), Qt::CaseInsensitive),
                 qPrintable(message));
    }
}

int main(int argc, char **argv)
{
    // Before the application object exists, or WebEngine ignores the scheme.
    Tokenscope::Browser::registerRedirectSchemes({QStringLiteral("com.tokenscope.test")});
    QApplication app(argc, argv);
    QApplication::setApplicationName(QStringLiteral("tokenscope-test-browser"));
    QStandardPaths::setTestModeEnabled(true);
    TestEmbeddedBrowser test;
    return QTest::qExec(&test, argc, argv);
}

#include "TestEmbeddedBrowser.moc"
