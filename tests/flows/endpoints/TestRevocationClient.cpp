// Token revocation (RFC 7009): 200 with an empty body is success, the request carries the
// token, its hint and the client's authentication; 503 and unsupported_token_type are
// errors that say what to do.
#include "common/Clock.h"
#include "common/RandomSource.h"
#include "endpoints/RevocationClient.h"
#include "http/HttpClient.h"
#include "http/Transcript.h"
#include "support/LoopbackServer.h"

#include <QNetworkAccessManager>
#include <QSignalSpy>
#include <QTest>

using namespace Tokenscope;
using namespace Tokenscope::Endpoints;
using Tokenscope::Testing::LoopbackServer;
using Tokenscope::Testing::ReceivedRequest;

class TestRevocationClient final : public QObject
{
    Q_OBJECT

private slots:
    void answers_data();
    void answers();
};

void TestRevocationClient::answers_data()
{
    QTest::addColumn<int>("status");
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<bool>("ok");
    QTest::addColumn<QString>("rule");

    QTest::newRow("rfc7009_2_2_200_empty_body_is_success")
        << 200 << QByteArray() << true << QStringLiteral("revocation_accepted");
    QTest::newRow("unsupported_token_type_is_an_error")
        << 400 << QByteArray(R"({"error":"unsupported_token_type"})") << false
        << QStringLiteral("revocation_token_type");
    QTest::newRow("503_means_try_again")
        << 503 << QByteArray() << false << QStringLiteral("revocation_retry");
    // A revocation that "succeeds" with an error body did not revoke anything.
    QTest::newRow("200_with_an_error_member_is_not_a_revocation")
        << 200 << QByteArray(R"({"error":"invalid_client"})") << false
        << QStringLiteral("error_with_success_status");
}

void TestRevocationClient::answers()
{
    QFETCH(int, status);
    QFETCH(QByteArray, body);
    QFETCH(bool, ok);
    QFETCH(QString, rule);
    LoopbackServer server([&](const ReceivedRequest &, QTcpSocket *socket) {
        LoopbackServer::respond(socket, status, "X",
                                {{"Content-Type", "application/json"}, {"Retry-After", "7"}}, body);
    });
    QNetworkAccessManager network;
    Http::Transcript transcript;
    SystemClock clock;
    FixedRandomSource random(QByteArray::fromHex("01"));
    Http::HttpClient http(&network, &transcript, clock);
    RevocationClient client(&http, random);
    QSignalSpy finished(&client, &RevocationClient::finished);
    RevocationRequest request;
    request.endpoint = server.url("/revoke");
    request.token = QStringLiteral("rt-1");
    request.tokenTypeHint = QStringLiteral("refresh_token");
    request.client.clientId = QStringLiteral("c");
    request.client.secret = "s";
    request.client.method = ClientAuth::ClientAuthentication::Method::ClientSecretBasic;
    client.revoke(request);
    QVERIFY(finished.wait(10'000));
    QCOMPARE(finished.size(), 1);
    const EndpointResult result = client.result();
    QCOMPARE(result.ok(), ok);
    QCOMPARE(result.checks.constLast().rule, rule);
    const ReceivedRequest &sent = server.requests().constFirst();
    QCOMPARE(sent.body, QByteArray("token=rt-1&token_type_hint=refresh_token"));
    QCOMPARE(sent.header("Authorization"),
             ClientAuth::ClientAuthentication::basicCredentials(QStringLiteral("c"), "s"));
}

QTEST_GUILESS_MAIN(TestRevocationClient)
#include "TestRevocationClient.moc"
