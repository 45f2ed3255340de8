// RP-initiated logout in the real embedded browser: a loopback end_session_endpoint
// redirects to post_logout_redirect_uri; the navigation there is captured before it loads
// and its state compared with the one sent — unchanged passes, changed fails.
#include "UiSession.h"
#include "browser/RedirectSchemes.h"
#include "endpoints/EndpointsPanel.h"
#include "endpoints/TokenPicker.h"
#include "session/SessionTokens.h"

#include <QApplication>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSignalSpy>
#include <QTabWidget>
#include <QTest>
#include <QUrlQuery>

using Tokenscope::Finding;
using Tokenscope::Testing::LoopbackServer;
using Tokenscope::Testing::ReceivedRequest;

namespace {

Finding::Status statusOf(const Tokenscope::Findings &findings, const QString &rule)
{
    for (const Finding &finding : findings)
        if (finding.rule == rule)
            return finding.status;
    qWarning("no finding %s", qPrintable(rule));
    return Finding::Status::Warn;
}

} // namespace

class TestEndpointsLogout final : public QObject
{
    Q_OBJECT

private slots:
    void returnWithTheSameStatePasses();
    void returnWithAnotherStateFails();
};

// The end session endpoint answers with a redirect to post_logout_redirect_uri, with the
// state as received or changed.
static void runLogout(bool tamper,
                      const std::function<void(EndpointsPanel &, LoopbackServer &)> &check)
{
    UiSession session;
    LoopbackServer provider([tamper](const ReceivedRequest &request, QTcpSocket *socket) {
        const QUrlQuery query(QUrl(QString::fromLatin1(request.target)));
        QUrl back(
            query.queryItemValue(QStringLiteral("post_logout_redirect_uri"), QUrl::FullyDecoded));
        QUrlQuery backQuery;
        backQuery.addQueryItem(
            QStringLiteral("state"),
            tamper ? QStringLiteral("tampered")
                   : query.queryItemValue(QStringLiteral("state"), QUrl::FullyDecoded));
        back.setQuery(backQuery);
        LoopbackServer::respond(socket, 302, "Found", {{"Location", back.toEncoded()}}, {});
    });
    SessionTokens tokens;
    Tokenscope::AuthCode::TokenResponse response;
    response.idToken = QStringLiteral("eyJhbGciOiJub25lIn0.eyJzdWIiOiJhbGljZSJ9.");
    tokens.addResponse(response, QStringLiteral("Authorization code"),
                       QDateTime::currentDateTimeUtc());
    EndpointsPanel panel(&session.http, session.random, nullptr, &tokens);
    panel.resize(1000, 700);
    panel.show();
    panel.pages()->setCurrentIndex(EndpointsPanel::LogoutPage);
    childNamed<QLineEdit>(&panel, "endSessionEndpoint")
        ->setText(provider.url("/session/end").toString());
    panel.findChild<TokenPicker *>(QStringLiteral("idTokenHint"))->setToken(response.idToken);
    childNamed<QLineEdit>(&panel, "postLogoutRedirectUri")
        ->setText(provider.url("/logged-out").toString());
    childNamed<QLineEdit>(&panel, "endpointClientId")->setText(QStringLiteral("app"));
    check(panel, provider);
}

void TestEndpointsLogout::returnWithTheSameStatePasses()
{
    runLogout(false, [](EndpointsPanel &panel, LoopbackServer &provider) {
        const QString state = childNamed<QLineEdit>(&panel, "logoutState")->text();
        QVERIFY(state.size() >= 16); // a fresh random one
        QSignalSpy returned(&panel, &EndpointsPanel::logoutReturned);
        childNamed<QPushButton>(&panel, "openLogoutButton")->click();
        const QUrlQuery sent(panel.logoutUrl());
        QCOMPARE(sent.queryItemValue(QStringLiteral("id_token_hint")),
                 QStringLiteral("eyJhbGciOiJub25lIn0.eyJzdWIiOiJhbGljZSJ9."));
        QCOMPARE(sent.queryItemValue(QStringLiteral("state")), state);
        QCOMPARE(
            sent.queryItemValue(QStringLiteral("post_logout_redirect_uri"), QUrl::FullyDecoded),
            provider.url("/logged-out").toString());
        QVERIFY(returned.wait(60'000));
        QCOMPARE(returned.at(0).at(0).toBool(), true);
        QCOMPARE(statusOf(panel.logoutChecks(), QStringLiteral("logout_state")),
                 Finding::Status::Pass);
        QCOMPARE(statusOf(panel.logoutChecks(), QStringLiteral("logout_redirect_uri")),
                 Finding::Status::Pass);
        QVERIFY2(panel.logoutStatus().startsWith(QLatin1String("Logged out")),
                 qPrintable(panel.logoutStatus()));
        // Captured before it loaded: the provider saw the logout, never the return.
        QCOMPARE(provider.requests().size(), 1);
        QVERIFY(provider.requests().constFirst().target.startsWith("/session/end"));
    });
}

void TestEndpointsLogout::returnWithAnotherStateFails()
{
    runLogout(true, [](EndpointsPanel &panel, LoopbackServer &) {
        QSignalSpy returned(&panel, &EndpointsPanel::logoutReturned);
        childNamed<QPushButton>(&panel, "openLogoutButton")->click();
        QVERIFY(returned.wait(60'000));
        QCOMPARE(returned.at(0).at(0).toBool(), false);
        QCOMPARE(statusOf(panel.logoutChecks(), QStringLiteral("logout_state")),
                 Finding::Status::Fail);
    });
}

int main(int argc, char *argv[])
{
    QCoreApplication::setAttribute(Qt::AA_ShareOpenGLContexts);
    Tokenscope::Browser::registerRedirectSchemes({});
    QApplication app(argc, argv);
    TestEndpointsLogout test;
    return QTest::qExec(&test, argc, argv);
}

#include "TestEndpointsLogout.moc"
