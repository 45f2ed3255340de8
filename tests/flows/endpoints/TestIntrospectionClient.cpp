// Token introspection (RFC 7662): answers read into active + claims with findings for odd
// ones (a data table), and the request as sent with the client's authentication to a
// loopback server, including its faults.
#include "common/Clock.h"
#include "common/RandomSource.h"
#include "endpoints/IntrospectionClient.h"
#include "http/HttpClient.h"
#include "http/Transcript.h"
#include "support/LoopbackServer.h"

#include <QNetworkAccessManager>
#include <QSignalSpy>
#include <QTest>
#include <QUrlQuery>

using namespace Tokenscope;
using namespace Tokenscope::Endpoints;
using Tokenscope::Testing::LoopbackServer;
using Tokenscope::Testing::ReceivedRequest;

namespace {
const QDateTime Now = QDateTime::fromSecsSinceEpoch(1'700'000'000, Qt::UTC);
}

class TestIntrospectionClient final : public QObject
{
    Q_OBJECT

private slots:
    void read_data();
    void read();
    void requestAsSent();
    void faults_data();
    void faults();
};

void TestIntrospectionClient::read_data()
{
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<bool>("ok");
    QTest::addColumn<bool>("active");
    QTest::addColumn<QString>("rule"); // a finding that must be there

    QTest::newRow("rfc7662_2_2_active_example")
        << QByteArray(R"({"active":true,"client_id":"l238j323ds-23ij4","scope":"read write",)"
                      R"("sub":"Z5O3upPC88QrAjx00dis","exp":1800000000})")
        << true << true << QStringLiteral("introspection_active");
    QTest::newRow("inactive_is_ok_and_not_active")
        << QByteArray(R"({"active":false})") << true << false
        << QStringLiteral("introspection_active");
    QTest::newRow("inactive_with_claims_is_a_warning")
        << QByteArray(R"({"active":false,"sub":"alice"})") << true << false
        << QStringLiteral("introspection_inactive_no_claims");
    QTest::newRow("active_but_expired_is_a_warning")
        << QByteArray(R"({"active":true,"exp":1600000000})") << true << true
        << QStringLiteral("introspection_active_expired");
    QTest::newRow("exp_as_string_is_a_warning")
        << QByteArray(R"({"active":true,"exp":"1800000000"})") << true << true
        << QStringLiteral("introspection_exp_number");
    QTest::newRow("active_as_string_fails") << QByteArray(R"({"active":"true"})") << false << true
                                            << QStringLiteral("introspection_active_boolean");
    QTest::newRow("missing_active_fails") << QByteArray(R"({"sub":"alice"})") << false << false
                                          << QStringLiteral("introspection_active_boolean");
}

void TestIntrospectionClient::read()
{
    QFETCH(QByteArray, body);
    QFETCH(bool, ok);
    QFETCH(bool, active);
    QFETCH(QString, rule);
    const IntrospectionResult result = IntrospectionClient::read(200, body, true, Now);
    QCOMPARE(result.ok(), ok);
    QCOMPARE(result.active, active);
    bool found = false;
    for (const Finding &f : result.checks)
        found = found || f.rule == rule;
    QVERIFY2(found, qPrintable(rule));
}

void TestIntrospectionClient::requestAsSent()
{
    LoopbackServer server([](const ReceivedRequest &, QTcpSocket *socket) {
        LoopbackServer::respondJson(socket, 200, R"({"active":true,"scope":"api"})");
    });
    QNetworkAccessManager network;
    Http::Transcript transcript;
    FixedClock clock(Now);
    FixedRandomSource random(QByteArray::fromHex("0123456789abcdef"));
    Http::HttpClient http(&network, &transcript, clock);
    IntrospectionClient client(&http, random);
    QSignalSpy finished(&client, &IntrospectionClient::finished);
    IntrospectionRequest request;
    request.endpoint = server.url("/introspect");
    request.token = QStringLiteral("tok en");
    request.tokenTypeHint = QStringLiteral("access_token");
    request.client.clientId = QStringLiteral("rs");
    request.client.secret = "rs-secret";
    request.client.method = ClientAuth::ClientAuthentication::Method::ClientSecretPost;
    client.introspect(request);
    QVERIFY(finished.wait(10'000));
    const IntrospectionResult result = client.result();
    QVERIFY2(result.ok(), qPrintable(result.error.message));
    QVERIFY(result.active);
    QCOMPARE(result.claims.value(QLatin1String("scope")).toString(), QStringLiteral("api"));
    QCOMPARE(result.exchanges.size(), 1);
    QCOMPARE(transcript.size(), 1);
    const ReceivedRequest &sent = server.requests().constFirst();
    QCOMPARE(sent.method, QByteArray("POST"));
    QByteArray body = sent.body;
    body.replace('+', ' ');
    const QUrlQuery form(QString::fromUtf8(body));
    QCOMPARE(form.queryItemValue(QStringLiteral("token"), QUrl::FullyDecoded),
             QStringLiteral("tok en"));
    QCOMPARE(form.queryItemValue(QStringLiteral("token_type_hint")),
             QStringLiteral("access_token"));
    QCOMPARE(form.queryItemValue(QStringLiteral("client_id")), QStringLiteral("rs"));
    QCOMPARE(form.queryItemValue(QStringLiteral("client_secret")), QStringLiteral("rs-secret"));
}

void TestIntrospectionClient::faults_data()
{
    QTest::addColumn<int>("status");
    QTest::addColumn<QByteArray>("contentType");
    QTest::addColumn<QByteArray>("extraHeader");
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<QString>("oauthError");
    QTest::addColumn<QString>("rule");

    QTest::newRow("401_with_www_authenticate")
        << 401 << QByteArray("text/plain")
        << QByteArray(R"(Bearer error="invalid_token", error_description="expired")")
        << QByteArray("no") << QStringLiteral("invalid_token")
        << QStringLiteral("www_authenticate");
    QTest::newRow("html_error_page")
        << 500 << QByteArray("text/html") << QByteArray() << QByteArray("<html>oops</html>")
        << QString() << QStringLiteral("error_body_json");
    QTest::newRow("oauth_error_body") << 401 << QByteArray("application/json") << QByteArray()
                                      << QByteArray(R"({"error":"invalid_client"})")
                                      << QStringLiteral("invalid_client") << QString();
    QTest::newRow("200_not_json") << 200 << QByteArray("text/plain") << QByteArray()
                                  << QByteArray("active") << QString() << QString();
    QTest::newRow("200_with_an_error_member_is_an_error")
        << 200 << QByteArray("application/json") << QByteArray()
        << QByteArray(R"({"error":"invalid_client","error_description":"unknown client"})")
        << QStringLiteral("invalid_client") << QStringLiteral("error_with_success_status");
}

void TestIntrospectionClient::faults()
{
    QFETCH(int, status);
    QFETCH(QByteArray, contentType);
    QFETCH(QByteArray, extraHeader);
    QFETCH(QByteArray, body);
    QFETCH(QString, oauthError);
    QFETCH(QString, rule);
    LoopbackServer server([&](const ReceivedRequest &, QTcpSocket *socket) {
        QList<QPair<QByteArray, QByteArray>> headers{{"Content-Type", contentType}};
        if (!extraHeader.isEmpty())
            headers.append({"WWW-Authenticate", extraHeader});
        LoopbackServer::respond(socket, status, "X", headers, body);
    });
    QNetworkAccessManager network;
    Http::Transcript transcript;
    FixedClock clock(Now);
    FixedRandomSource random(QByteArray::fromHex("01"));
    Http::HttpClient http(&network, &transcript, clock);
    IntrospectionClient client(&http, random);
    QSignalSpy finished(&client, &IntrospectionClient::finished);
    client.introspect({server.url("/introspect"), QStringLiteral("t"), QString(), {}});
    QVERIFY(finished.wait(10'000));
    const IntrospectionResult result = client.result();
    QCOMPARE(result.error.kind, EndpointError::Kind::Provider);
    QCOMPARE(result.error.oauth.error, oauthError);
    QCOMPARE(result.httpStatus, status);
    if (!rule.isEmpty()) {
        bool found = false;
        for (const Finding &f : result.checks)
            found = found || f.rule == rule;
        QVERIFY2(found, qPrintable(rule));
    }
}

QTEST_GUILESS_MAIN(TestIntrospectionClient)
#include "TestIntrospectionClient.moc"
