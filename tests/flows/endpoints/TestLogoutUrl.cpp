// RP-initiated logout: the URL as built (parameters encoded, the endpoint's own query
// kept, empty ones left out), the request's problems, and the returned state's check.
#include "endpoints/LogoutUrl.h"

#include <QTest>
#include <QUrlQuery>

using namespace Tokenscope;
using namespace Tokenscope::Endpoints;

class TestLogoutUrl final : public QObject
{
    Q_OBJECT

private slots:
    void build();
    void checkRequest_data();
    void checkRequest();
    void checkReturn_data();
    void checkReturn();
};

static LogoutUrl::Request request()
{
    LogoutUrl::Request r;
    r.endSessionEndpoint = QUrl(QStringLiteral("https://as.example.com/logout?tenant=7"));
    r.idTokenHint = QStringLiteral("eyJ.a.b");
    r.postLogoutRedirectUri = QUrl(QStringLiteral("http://127.0.0.1:8765/bye?x=1"));
    r.state = QStringLiteral("s t&ate");
    r.clientId = QStringLiteral("c1");
    r.uiLocales = QStringLiteral("fr-CA fr");
    return r;
}

void TestLogoutUrl::build()
{
    const QUrl url = LogoutUrl::build(request());
    QCOMPARE(url.host(), QStringLiteral("as.example.com"));
    const QUrlQuery query(url);
    QCOMPARE(query.queryItemValue(QStringLiteral("tenant")), QStringLiteral("7"));
    QCOMPARE(query.queryItemValue(QStringLiteral("id_token_hint")), QStringLiteral("eyJ.a.b"));
    QCOMPARE(query.queryItemValue(QStringLiteral("post_logout_redirect_uri"), QUrl::FullyDecoded),
             QStringLiteral("http://127.0.0.1:8765/bye?x=1"));
    QCOMPARE(query.queryItemValue(QStringLiteral("state"), QUrl::FullyDecoded),
             QStringLiteral("s t&ate"));
    QCOMPARE(query.queryItemValue(QStringLiteral("ui_locales"), QUrl::FullyDecoded),
             QStringLiteral("fr-CA fr"));
    QCOMPARE(query.queryItemValue(QStringLiteral("client_id")), QStringLiteral("c1"));
    QVERIFY(!query.hasQueryItem(QStringLiteral("logout_hint")));
}

void TestLogoutUrl::checkRequest_data()
{
    QTest::addColumn<bool>("hint");
    QTest::addColumn<bool>("clientId");
    QTest::addColumn<bool>("redirect");
    QTest::addColumn<QString>("rule");
    QTest::addColumn<int>("status");

    QTest::newRow("redirect_without_hint_or_client_id_fails")
        << false << false << true << QStringLiteral("logout_redirect_needs_client")
        << int(Finding::Status::Fail);
    QTest::newRow("no_hint_is_a_warning")
        << false << true << true << QStringLiteral("logout_id_token_hint")
        << int(Finding::Status::Warn);
    QTest::newRow("state_without_redirect_is_a_warning")
        << true << true << false << QStringLiteral("logout_state_without_redirect")
        << int(Finding::Status::Warn);
}

void TestLogoutUrl::checkRequest()
{
    QFETCH(bool, hint);
    QFETCH(bool, clientId);
    QFETCH(bool, redirect);
    QFETCH(QString, rule);
    QFETCH(int, status);
    LogoutUrl::Request r = request();
    if (!hint)
        r.idTokenHint.clear();
    if (!clientId)
        r.clientId.clear();
    if (!redirect)
        r.postLogoutRedirectUri.clear();
    bool found = false;
    for (const Finding &f : LogoutUrl::checkRequest(r))
        found = found || (f.rule == rule && int(f.status) == status);
    QVERIFY(found);
    QVERIFY(LogoutUrl::checkRequest(request()).isEmpty());
}

void TestLogoutUrl::checkReturn_data()
{
    QTest::addColumn<QString>("returned");
    QTest::addColumn<bool>("stateOk");

    QTest::newRow("state_unchanged_passes")
        << QStringLiteral("http://127.0.0.1:8765/bye?x=1&state=s%20t%26ate") << true;
    QTest::newRow("state_changed_fails")
        << QStringLiteral("http://127.0.0.1:8765/bye?x=1&state=other") << false;
    QTest::newRow("state_missing_fails")
        << QStringLiteral("http://127.0.0.1:8765/bye?x=1") << false;
}

void TestLogoutUrl::checkReturn()
{
    QFETCH(QString, returned);
    QFETCH(bool, stateOk);
    const Findings findings = LogoutUrl::checkReturn(QUrl(returned), request());
    QCOMPARE(findings.size(), 2);
    QCOMPARE(findings.at(0).status, Finding::Status::Pass); // the redirect URI
    QCOMPARE(findings.at(1).rule, QStringLiteral("logout_state"));
    QCOMPARE(findings.at(1).status == Finding::Status::Pass, stateOk);
}

QTEST_GUILESS_MAIN(TestLogoutUrl)
#include "TestLogoutUrl.moc"
