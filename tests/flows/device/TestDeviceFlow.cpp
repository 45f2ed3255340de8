// The device authorization grant (RFC 8628): the device authorization request as sent, the
// user code shown, then polling the token endpoint of a loopback fault server scripted to
// answer authorization_pending, slow_down, access_denied, expired_token, an HTML error page
// or garbage. Time is a fixed clock moved by the fast-forward scheduler, so every wait the
// flow asks for is measured exactly and no test sleeps.
#include "common/Clock.h"
#include "common/PollScheduler.h"
#include "common/RandomSource.h"
#include "device/DeviceFlow.h"
#include "http/HttpClient.h"
#include "http/Transcript.h"
#include "support/HttpStack.h"
#include "support/LoopbackServer.h"
#include "support/TestSigner.h"

#include <QJsonDocument>
#include <QNetworkAccessManager>
#include <QSignalSpy>
#include <QTest>
#include <QUrlQuery>

using namespace Tokenscope;
using namespace Tokenscope::Device;
using Tokenscope::AuthCode::FlowError;
using Tokenscope::Testing::LoopbackServer;
using Tokenscope::Testing::ReceivedRequest;

namespace {

const QString Issuer = QStringLiteral("https://as.example.com");
const QString ClientId = QStringLiteral("tv-client");

struct Answer
{
    int status = 200;
    QByteArray body;
    QByteArray contentType = "application/json";
};

Answer pending()
{
    return {400, R"({"error":"authorization_pending"})"};
}
Answer slowDown()
{
    return {400, R"({"error":"slow_down"})"};
}
Answer stalled()
{
    return {0, {}};
}
Answer tokens()
{
    return {200, R"({"access_token":"2YotnFZFEjr1zCsicMWpAA","token_type":"Bearer",)"
                 R"("expires_in":3600})"};
}

QUrlQuery form(const ReceivedRequest &request)
{
    return QUrlQuery(QString::fromUtf8(request.body).replace(QLatin1Char('+'), QLatin1Char(' ')));
}

} // namespace

Q_DECLARE_METATYPE(Answer)

class TestDeviceFlow final : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void cleanup();

    void requestAndPollsAreSentAsSpecified();
    void pendingPollsContinueAtTheInterval();
    void intervalDefaultsToFiveSeconds();
    void slowDownAddsFiveSecondsForEveryLaterPoll();
    void answersThatEndPolling_data();
    void answersThatEndPolling();
    void localExpiryEndsWithoutAnotherRequest();
    void timedOutPollsBackOffExponentially();
    void tooManyTimedOutPollsEndPolling();
    void cancelWhileWaitingSendsNothingMore();
    void cancelDuringAPoll();
    void deviceAuthorizationErrors_data();
    void deviceAuthorizationErrors();
    void idTokenIsVerifiedWithOpenId_data();
    void idTokenIsVerifiedWithOpenId();
    void confidentialClientAuthenticatesEveryRequest();

private:
    DeviceRequest baseRequest() const;
    DeviceFlowResult run(const DeviceRequest &request);
    int tokenRequests() const;
    QByteArray idToken(const QJsonObject &overrides = {}) const;

    std::unique_ptr<LoopbackServer> m_server;
    QByteArray m_deviceAnswer;
    int m_deviceStatus = 200;
    QList<Answer> m_script; // the token endpoint's answers in turn; the last one repeats
    int m_tokenIndex = 0;
    bool m_stallTokens = false;
    Testing::TestSigner m_signer;
    FixedClock m_clock{QDateTime(QDate(2026, 3, 1), QTime(12, 0), Qt::UTC)};
    FixedRandomSource m_random{QByteArray::fromHex("0123456789abcdef")};
    std::unique_ptr<FastForwardPollScheduler> m_scheduler;
    std::unique_ptr<Testing::HttpStack> m_stack;
    std::unique_ptr<DeviceFlow> m_flow;
};

void TestDeviceFlow::init()
{
    m_clock.set(QDateTime(QDate(2026, 3, 1), QTime(12, 0), Qt::UTC));
    m_deviceAnswer =
        R"({"device_code":"GmRhmhcxhwAzkoEqiMEg_DnyEysNkuNhszIySk9eS",)"
        R"("user_code":"WDJB-MJHT","verification_uri":"https://example.com/device",)"
        R"("verification_uri_complete":"https://example.com/device?user_code=WDJB-MJHT",)"
        R"("expires_in":1800,"interval":5})";
    m_deviceStatus = 200;
    m_script = {tokens()};
    m_tokenIndex = 0;
    m_stallTokens = false;
    m_server = std::make_unique<LoopbackServer>([this](const ReceivedRequest &request,
                                                       QTcpSocket *socket) {
        if (request.target == "/jwks") {
            LoopbackServer::respondJson(socket, 200, m_signer.jwks());
        } else if (request.target == "/device") {
            LoopbackServer::respondJson(socket, m_deviceStatus, m_deviceAnswer);
        } else if (!m_stallTokens) {
            const Answer answer = m_script.value(qMin(m_tokenIndex++, int(m_script.size()) - 1));
            if (answer.status == 0)
                return; // no answer: the request times out
            LoopbackServer::respond(
                socket, answer.status, answer.status == 200 ? "OK" : "Error",
                {{"Content-Type", answer.contentType}, {"Cache-Control", "no-store"}}, answer.body);
        }
    });
    m_scheduler = std::make_unique<FastForwardPollScheduler>(m_clock);
    m_stack = std::make_unique<Testing::HttpStack>(m_clock);
    m_flow = std::make_unique<DeviceFlow>(&m_stack->http, m_random, *m_scheduler);
}

void TestDeviceFlow::cleanup()
{
    m_flow.reset();
    m_stack.reset();
    m_scheduler.reset();
    m_server.reset();
}

DeviceRequest TestDeviceFlow::baseRequest() const
{
    DeviceRequest request;
    request.deviceAuthorizationEndpoint = m_server->url("/device");
    request.tokenEndpoint = m_server->url("/token");
    request.client.clientId = ClientId;
    request.scope = QStringLiteral("read write");
    request.issuer = Issuer;
    return request;
}

DeviceFlowResult TestDeviceFlow::run(const DeviceRequest &request)
{
    QSignalSpy finished(m_flow.get(), &DeviceFlow::finished);
    m_flow->start(request);
    if (finished.isEmpty() && !finished.wait(10'000))
        qWarning("the flow did not finish");
    return m_flow->result();
}

int TestDeviceFlow::tokenRequests() const
{
    const auto requests = m_server->requests();
    return int(std::count_if(requests.cbegin(), requests.cend(),
                             [](const ReceivedRequest &r) { return r.target == "/token"; }));
}

QByteArray TestDeviceFlow::idToken(const QJsonObject &overrides) const
{
    const qint64 now = m_clock.now().toSecsSinceEpoch();
    QJsonObject claims{{QStringLiteral("iss"), Issuer},
                       {QStringLiteral("sub"), QStringLiteral("alice")},
                       {QStringLiteral("aud"), ClientId},
                       {QStringLiteral("exp"), now + 3600},
                       {QStringLiteral("iat"), now}};
    for (auto it = overrides.begin(); it != overrides.end(); ++it)
        claims.insert(it.key(), it.value());
    return m_signer.sign(claims);
}

void TestDeviceFlow::requestAndPollsAreSentAsSpecified()
{
    DeviceRequest request = baseRequest();
    request.extraParameters = {
        {QStringLiteral("resource"), QStringLiteral("https://api.example/")}};
    m_script = {pending(), tokens()};
    QSignalSpy ready(m_flow.get(), &DeviceFlow::authorizationReady);
    QSignalSpy steps(m_flow.get(), &DeviceFlow::stepChanged);
    const DeviceFlowResult result = run(request);
    QVERIFY2(result.ok(), qPrintable(result.error.message));

    QCOMPARE(ready.size(), 1);
    const auto shown = ready.at(0).at(0).value<DeviceAuthorization>();
    QCOMPARE(shown.userCode, QStringLiteral("WDJB-MJHT"));
    QCOMPARE(shown.verificationUri, QUrl(QStringLiteral("https://example.com/device")));
    QCOMPARE(shown.verificationUriComplete,
             QUrl(QStringLiteral("https://example.com/device?user_code=WDJB-MJHT")));
    QCOMPARE(shown.expiresIn, 1800);
    QCOMPARE(shown.expiresAt, QDateTime(QDate(2026, 3, 1), QTime(12, 30), Qt::UTC));

    const auto requests = m_server->requests();
    QCOMPARE(requests.size(), 3);
    QCOMPARE(requests.at(0).method, QByteArray("POST"));
    QCOMPARE(requests.at(0).header("Content-Type"),
             QByteArray("application/x-www-form-urlencoded"));
    const QUrlQuery device = form(requests.at(0));
    QCOMPARE(device.queryItemValue(QStringLiteral("client_id")), ClientId);
    QCOMPARE(device.queryItemValue(QStringLiteral("scope")), QStringLiteral("read write"));
    QCOMPARE(device.queryItemValue(QStringLiteral("resource"), QUrl::FullyDecoded),
             QStringLiteral("https://api.example/"));
    for (int i = 1; i < 3; ++i) {
        const QUrlQuery poll = form(requests.at(i));
        QCOMPARE(poll.queryItemValue(QStringLiteral("grant_type"), QUrl::FullyDecoded),
                 QStringLiteral("urn:ietf:params:oauth:grant-type:device_code"));
        QCOMPARE(poll.queryItemValue(QStringLiteral("device_code")),
                 QStringLiteral("GmRhmhcxhwAzkoEqiMEg_DnyEysNkuNhszIySk9eS"));
        QCOMPARE(poll.queryItemValue(QStringLiteral("client_id")), ClientId);
    }
    QCOMPARE(result.tokens.accessToken, QStringLiteral("2YotnFZFEjr1zCsicMWpAA"));
    // Every request is an exchange; the polls are marked as such.
    QCOMPARE(result.exchanges.size(), 3);
    QCOMPARE(result.pollExchangeIds,
             (QList<quint64>{result.exchanges.at(1).id, result.exchanges.at(2).id}));
    QVERIFY(result.exchanges.at(1).label.contains(QStringLiteral("poll 1")));
    QCOMPARE(m_stack->transcript.size(), 3);

    QList<DeviceFlow::Step> seen;
    for (const auto &args : steps)
        seen.append(args.at(0).value<DeviceFlow::Step>());
    const QList<DeviceFlow::Step> expected{
        DeviceFlow::Step::Requesting, DeviceFlow::Step::AwaitingUser,
        DeviceFlow::Step::Polling,    DeviceFlow::Step::AwaitingUser,
        DeviceFlow::Step::Polling,    DeviceFlow::Step::Succeeded};
    QCOMPARE(seen, expected);
}

void TestDeviceFlow::pendingPollsContinueAtTheInterval()
{
    m_deviceAnswer.replace(R"("interval":5)", R"("interval":3)");
    m_script = {pending(), pending(), pending(), tokens()};
    QSignalSpy polled(m_flow.get(), &DeviceFlow::polled);
    const QDateTime started = m_clock.now();
    const DeviceFlowResult result = run(baseRequest());
    QVERIFY2(result.ok(), qPrintable(result.error.message));
    QCOMPARE(result.polls, 4);
    QCOMPARE(tokenRequests(), 4);
    QCOMPARE(m_scheduler->waits(), (QList<qint64>{3, 3, 3, 3}));
    QCOMPARE(started.secsTo(m_clock.now()), 12);
    QCOMPARE(polled.size(), 4);
    QCOMPARE(polled.at(0).at(1).toString(), QStringLiteral("authorization_pending"));
    QCOMPARE(polled.at(3).at(1).toString(), QString());
}

void TestDeviceFlow::intervalDefaultsToFiveSeconds()
{
    m_deviceAnswer.replace(R"(,"interval":5)", "");
    m_script = {pending(), tokens()};
    const DeviceFlowResult result = run(baseRequest());
    QVERIFY2(result.ok(), qPrintable(result.error.message));
    QVERIFY(!result.authorization.intervalGiven);
    QCOMPARE(result.authorization.interval, 5);
    QCOMPARE(m_scheduler->waits(), (QList<qint64>{5, 5}));
}

void TestDeviceFlow::slowDownAddsFiveSecondsForEveryLaterPoll()
{
    m_script = {slowDown(), pending(), slowDown(), pending(), tokens()};
    QSignalSpy intervals(m_flow.get(), &DeviceFlow::intervalChanged);
    const QDateTime started = m_clock.now();
    const DeviceFlowResult result = run(baseRequest());
    QVERIFY2(result.ok(), qPrintable(result.error.message));
    // 5, then slow_down: 10 from now on, pending keeps 10, slow_down: 15.
    QCOMPARE(m_scheduler->waits(), (QList<qint64>{5, 10, 10, 15, 15}));
    QCOMPARE(started.secsTo(m_clock.now()), 55);
    QCOMPARE(intervals.size(), 2);
    QCOMPARE(intervals.at(1).at(0).toLongLong(), 15);
    QCOMPARE(result.interval, 15);
    QCOMPARE(result.polls, 5);
}

void TestDeviceFlow::answersThatEndPolling_data()
{
    QTest::addColumn<Answer>("answer");
    QTest::addColumn<int>("kind");
    QTest::addColumn<QString>("oauthError");
    QTest::addColumn<QString>("messagePart");

    QTest::newRow("access_denied_ends_with_the_users_refusal")
        << Answer{400, R"({"error":"access_denied"})"} << int(FlowError::Kind::Provider)
        << QStringLiteral("access_denied") << QStringLiteral("denied");
    QTest::newRow("expired_token_ends_with_expiry")
        << Answer{400, R"({"error":"expired_token","error_description":"device code expired"})"}
        << int(FlowError::Kind::Provider) << QStringLiteral("expired_token")
        << QStringLiteral("expired");
    QTest::newRow("another_oauth_error_is_the_providers")
        << Answer{401, R"({"error":"invalid_client"})"} << int(FlowError::Kind::Provider)
        << QStringLiteral("invalid_client") << QStringLiteral("invalid_client");
    QTest::newRow("html_error_page_is_not_a_token_response")
        << Answer{502, "<html><body><h1>502 Bad Gateway</h1></body></html>", "text/html"}
        << int(FlowError::Kind::Provider) << QString() << QStringLiteral("HTTP 502");
    QTest::newRow("non_json_200_is_not_a_token_response")
        << Answer{200, "access_token=abc&token_type=bearer", "text/plain"}
        << int(FlowError::Kind::Provider) << QString() << QStringLiteral("not a token response");
    QTest::newRow("json_without_access_token_is_not_a_token_response")
        << Answer{200, R"({"token_type":"Bearer"})"} << int(FlowError::Kind::Provider) << QString()
        << QStringLiteral("access_token");
}

void TestDeviceFlow::answersThatEndPolling()
{
    QFETCH(Answer, answer);
    QFETCH(int, kind);
    QFETCH(QString, oauthError);
    QFETCH(QString, messagePart);
    m_script = {pending(), answer, tokens()};
    const DeviceFlowResult result = run(baseRequest());
    QVERIFY(!result.ok());
    QCOMPARE(int(result.error.kind), kind);
    QCOMPARE(result.error.oauth.error, oauthError);
    QVERIFY2(result.error.message.contains(messagePart), qPrintable(result.error.message));
    QCOMPARE(m_flow->step(), DeviceFlow::Step::Failed);
    // Polling stopped at that answer: no third poll.
    QCOMPARE(tokenRequests(), 2);
    QCOMPARE(result.polls, 2);
    QVERIFY(!m_scheduler->isScheduled());
}

void TestDeviceFlow::localExpiryEndsWithoutAnotherRequest()
{
    m_deviceAnswer.replace(R"("expires_in":1800)", R"("expires_in":12)");
    m_script = {pending()};
    const QDateTime started = m_clock.now();
    const DeviceFlowResult result = run(baseRequest());
    QVERIFY(!result.ok());
    QCOMPARE(result.error.kind, FlowError::Kind::Transport);
    QCOMPARE(result.error.transport, Http::TransportErrorKind::Timeout);
    QVERIFY2(result.error.message.contains(QStringLiteral("expired")),
             qPrintable(result.error.message));
    // Polls at 5 s and 10 s; the next would be at 15 s, after the expiry at 12 s: the flow
    // wakes at 12 s to end, without a third request.
    QCOMPARE(tokenRequests(), 2);
    QCOMPARE(m_scheduler->waits(), (QList<qint64>{5, 5, 2}));
    QCOMPARE(started.secsTo(m_clock.now()), 12);
}

void TestDeviceFlow::timedOutPollsBackOffExponentially()
{
    Http::HttpOptions options;
    options.timeoutMs = 200;
    m_stack->http.setOptions(options);
    m_script = {stalled(), stalled(), pending(), tokens()};
    QSignalSpy polled(m_flow.get(), &DeviceFlow::polled);
    const DeviceFlowResult result = run(baseRequest());
    QVERIFY2(result.ok(), qPrintable(result.error.message));
    // RFC 8628 §3.5: 5 s, then twice and four times that after each failed poll, and back
    // to the interval once the provider answers.
    QCOMPARE(m_scheduler->waits(), (QList<qint64>{5, 10, 20, 5}));
    QCOMPARE(result.polls, 4);
    QCOMPARE(result.interval, 5);
    QCOMPARE(polled.at(0).at(1).toString(), QStringLiteral("transport:timeout"));
    QCOMPARE(polled.at(2).at(1).toString(), QStringLiteral("authorization_pending"));
    // The failed polls are in the record too.
    QCOMPARE(result.pollExchangeIds.size(), 4);
    QVERIFY(result.exchanges.at(1).error.isError());
}

void TestDeviceFlow::tooManyTimedOutPollsEndPolling()
{
    Http::HttpOptions options;
    options.timeoutMs = 200;
    m_stack->http.setOptions(options);
    m_script = {stalled()};
    const DeviceFlowResult result = run(baseRequest());
    QCOMPARE(result.error.kind, FlowError::Kind::Transport);
    QCOMPARE(result.error.transport, Http::TransportErrorKind::Timeout);
    QCOMPARE(result.polls, 1 + TokenPoller::MaximumTransportRetries);
    QCOMPARE(m_scheduler->waits(), (QList<qint64>{5, 10, 20, 40}));
}

void TestDeviceFlow::cancelWhileWaitingSendsNothingMore()
{
    m_script = {pending()};
    m_scheduler->setPaused(true);
    QSignalSpy finished(m_flow.get(), &DeviceFlow::finished);
    m_flow->start(baseRequest());
    QTRY_COMPARE(m_flow->step(), DeviceFlow::Step::AwaitingUser);
    QCOMPARE(m_flow->nextPollAt(), m_clock.now().addSecs(5));
    m_flow->cancel();
    QCOMPARE(finished.size(), 1);
    QCOMPARE(m_flow->step(), DeviceFlow::Step::Cancelled);
    QCOMPARE(m_flow->result().error.kind, FlowError::Kind::Cancelled);
    // The poll that was due is gone with the cancel: resuming time sends nothing.
    QVERIFY(!m_scheduler->isScheduled());
    m_scheduler->setPaused(false);
    QCOMPARE(tokenRequests(), 0);
    QCOMPARE(finished.size(), 1);
}

void TestDeviceFlow::cancelDuringAPoll()
{
    m_stallTokens = true;
    QSignalSpy finished(m_flow.get(), &DeviceFlow::finished);
    m_flow->start(baseRequest());
    QTRY_COMPARE(tokenRequests(), 1);
    QCOMPARE(m_flow->step(), DeviceFlow::Step::Polling);
    m_flow->cancelWithReason(QStringLiteral("user closed the dialog"));
    QTRY_COMPARE(finished.size(), 1);
    QCOMPARE(m_flow->step(), DeviceFlow::Step::Cancelled);
    QCOMPARE(m_flow->result().error.message, QStringLiteral("user closed the dialog"));
    QCOMPARE(m_flow->result().error.kind, FlowError::Kind::Cancelled);
    QCOMPARE(tokenRequests(), 1);
}

void TestDeviceFlow::deviceAuthorizationErrors_data()
{
    QTest::addColumn<int>("status");
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<QString>("oauthError");
    QTest::addColumn<QString>("messagePart");
    QTest::newRow("oauth_error_is_the_providers")
        << 400 << QByteArray(R"({"error":"invalid_scope"})") << QStringLiteral("invalid_scope")
        << QStringLiteral("invalid_scope");
    QTest::newRow("missing_user_code_is_named")
        << 200
        << QByteArray(R"({"device_code":"d","verification_uri":"https://e.com/d","expires_in":60})")
        << QString() << QStringLiteral("user_code");
    QTest::newRow("not_json_is_named")
        << 500 << QByteArray("Internal Server Error") << QString()
        << QStringLiteral("The device authorization endpoint answered HTTP 500 without a JSON "
                          "body");
    QTest::newRow("json_that_is_not_an_object_is_named")
        << 200 << QByteArray("[]") << QString()
        << QStringLiteral("The device authorization endpoint answered HTTP 200 with JSON that "
                          "is not an object");
    QTest::newRow("error_status_without_oauth_error_is_named")
        << 503 << QByteArray("{}") << QString()
        << QStringLiteral("The device authorization endpoint answered HTTP 503 without an OAuth "
                          "error");
    QTest::newRow("oauth_error_names_the_endpoint")
        << 400 << QByteArray(R"({"error":"invalid_client"})") << QStringLiteral("invalid_client")
        << QStringLiteral("The device authorization endpoint answered with an error: "
                          "invalid_client");
}

void TestDeviceFlow::deviceAuthorizationErrors()
{
    QFETCH(int, status);
    QFETCH(QByteArray, body);
    QFETCH(QString, oauthError);
    QFETCH(QString, messagePart);
    m_deviceStatus = status;
    m_deviceAnswer = body;
    QSignalSpy ready(m_flow.get(), &DeviceFlow::authorizationReady);
    const DeviceFlowResult result = run(baseRequest());
    QCOMPARE(result.error.kind, FlowError::Kind::Provider);
    QCOMPARE(result.error.oauth.error, oauthError);
    QVERIFY2(result.error.message.contains(messagePart), qPrintable(result.error.message));
    QCOMPARE(ready.size(), 0);
    QCOMPARE(tokenRequests(), 0);
}

void TestDeviceFlow::idTokenIsVerifiedWithOpenId_data()
{
    QTest::addColumn<QJsonObject>("overrides");
    QTest::addColumn<QString>("failedRule");
    QTest::newRow("valid_id_token_passes") << QJsonObject() << QString();
    QTest::newRow("other_audience_fails")
        << QJsonObject{{QStringLiteral("aud"), QStringLiteral("someone-else")}}
        << QStringLiteral("id_token_aud");
    QTest::newRow("other_issuer_fails")
        << QJsonObject{{QStringLiteral("iss"), QStringLiteral("https://evil.example")}}
        << QStringLiteral("id_token_iss");
}

void TestDeviceFlow::idTokenIsVerifiedWithOpenId()
{
    QFETCH(QJsonObject, overrides);
    QFETCH(QString, failedRule);
    m_script = {{200, R"({"access_token":"at","token_type":"Bearer","id_token":")" +
                          idToken(overrides) + R"("})"}};
    DeviceRequest request = baseRequest();
    request.scope = QStringLiteral("openid profile");
    request.jwksUri = m_server->url("/jwks");
    const DeviceFlowResult result = run(request);
    const auto signature =
        std::find_if(result.checks.cbegin(), result.checks.cend(), [](const Finding &f) {
            return f.rule == QLatin1String("signature_verified");
        });
    QVERIFY(signature != result.checks.cend());
    QCOMPARE(signature->status, Finding::Status::Pass);
    if (failedRule.isEmpty()) {
        QVERIFY2(result.ok(), qPrintable(result.error.message));
        QCOMPARE(m_flow->step(), DeviceFlow::Step::Succeeded);
    } else {
        QCOMPARE(result.error.kind, FlowError::Kind::Validation);
        QCOMPARE(result.error.rule, failedRule);
        QCOMPARE(m_flow->step(), DeviceFlow::Step::Failed);
    }
    // The key fetch is an exchange of the flow, and not a poll.
    QCOMPARE(result.exchanges.size(), 3);
    QCOMPARE(result.pollExchangeIds.size(), 1);
}

void TestDeviceFlow::confidentialClientAuthenticatesEveryRequest()
{
    DeviceRequest request = baseRequest();
    request.client.secret = "s3cr3t";
    request.client.method = ClientAuth::ClientAuthentication::Method::ClientSecretBasic;
    m_script = {pending(), tokens()};
    const DeviceFlowResult result = run(request);
    QVERIFY2(result.ok(), qPrintable(result.error.message));
    const QByteArray basic = ClientAuth::ClientAuthentication::basicCredentials(ClientId, "s3cr3t");
    const auto requests = m_server->requests();
    QCOMPARE(requests.size(), 3);
    for (const ReceivedRequest &r : requests) {
        QCOMPARE(r.header("Authorization"), basic);
        QVERIFY(!form(r).hasQueryItem(QStringLiteral("client_secret")));
    }
}

QTEST_GUILESS_MAIN(TestDeviceFlow)
#include "TestDeviceFlow.moc"
