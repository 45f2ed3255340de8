// CIBA (OpenID CIBA Core 1.0) poll and ping modes against a loopback fault server: the
// backchannel authentication request as sent, the hint rules, polling with the CIBA grant
// (the same poller as the device flow: pending, slow_down, denial, expiry), and ping
// notifications checked before the token endpoint is called. Time is a fixed clock moved
// by the fast-forward scheduler.
#include "ciba/CibaFlow.h"
#include "ciba/NotificationListener.h"
#include "common/Clock.h"
#include "common/PollScheduler.h"
#include "common/RandomSource.h"
#include "http/HttpClient.h"
#include "http/Transcript.h"
#include "support/HttpStack.h"
#include "support/LoopbackServer.h"
#include "support/TestSigner.h"

#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QSignalSpy>
#include <QTest>
#include <QUrlQuery>

using namespace Tokenscope;
using namespace Tokenscope::Ciba;
using Tokenscope::AuthCode::FlowError;
using Tokenscope::Testing::LoopbackServer;
using Tokenscope::Testing::ReceivedRequest;

namespace {

const QString Issuer = QStringLiteral("https://op.example.com");
const QString ClientId = QStringLiteral("bank-client");

QUrlQuery form(const ReceivedRequest &request)
{
    return QUrlQuery(QString::fromUtf8(request.body).replace(QLatin1Char('+'), QLatin1Char(' ')));
}

} // namespace

class TestCibaFlow final : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void cleanup();

    void requestCarriesTheHintAndBindingMessage();
    void exactlyOneHintAndOpenIdAreRequired_data();
    void exactlyOneHintAndOpenIdAreRequired();
    void pollsWithTheCibaGrantAndSharedBackoff();
    void deniedAndExpiredEndPolling_data();
    void deniedAndExpiredEndPolling();
    void backchannelErrorIsTheProviders();
    void pingModeWaitsForTheNotification();
    void pingNotificationThroughTheLoopbackListener();
    void pingNotificationBeforeTheResponseIsHeld();
    void cancelStopsPolling();

private:
    CibaRequest baseRequest() const;
    CibaFlowResult run(const CibaRequest &request);
    QList<ReceivedRequest> requestsTo(const QByteArray &target) const;
    QByteArray tokenAnswer() const;

    std::unique_ptr<LoopbackServer> m_server;
    QByteArray m_bcAnswer;
    int m_bcStatus = 200;
    QList<QByteArray> m_script; // token answers (status 400 for errors); the last repeats
    int m_tokenIndex = 0;
    Testing::TestSigner m_signer;
    FixedClock m_clock{QDateTime(QDate(2026, 3, 1), QTime(12, 0), Qt::UTC)};
    FixedRandomSource m_random{QByteArray::fromHex("0123456789abcdef")};
    std::unique_ptr<FastForwardPollScheduler> m_scheduler;
    std::unique_ptr<Testing::HttpStack> m_stack;
    std::unique_ptr<CibaFlow> m_flow;
};

QByteArray TestCibaFlow::tokenAnswer() const
{
    const qint64 now = m_clock.now().toSecsSinceEpoch();
    const QJsonObject claims{{QStringLiteral("iss"), Issuer},
                             {QStringLiteral("sub"), QStringLiteral("alice")},
                             {QStringLiteral("aud"), ClientId},
                             {QStringLiteral("exp"), now + 3600},
                             {QStringLiteral("iat"), now}};
    return R"({"access_token":"G5kXH2wHvUra0sHlDy1iTkDJgsgUO1bN","token_type":"Bearer",)"
           R"("expires_in":120,"id_token":")" +
           m_signer.sign(claims) + R"("})";
}

void TestCibaFlow::init()
{
    m_clock.set(QDateTime(QDate(2026, 3, 1), QTime(12, 0), Qt::UTC));
    m_bcAnswer = R"({"auth_req_id":"1c266114-a1be-4252-8ad1-04986c5b9ac1",)"
                 R"("expires_in":120,"interval":2})";
    m_bcStatus = 200;
    m_script = {"tokens"};
    m_tokenIndex = 0;
    m_server = std::make_unique<LoopbackServer>(
        [this](const ReceivedRequest &request, QTcpSocket *socket) {
            if (request.target == "/jwks") {
                LoopbackServer::respondJson(socket, 200, m_signer.jwks());
            } else if (request.target == "/bc-authorize") {
                LoopbackServer::respondJson(socket, m_bcStatus, m_bcAnswer);
            } else {
                const QByteArray answer =
                    m_script.value(qMin(m_tokenIndex++, int(m_script.size()) - 1));
                if (answer == "tokens")
                    LoopbackServer::respondJson(socket, 200, tokenAnswer());
                else
                    LoopbackServer::respondJson(socket, 400, R"({"error":")" + answer + R"("})");
            }
        });
    m_scheduler = std::make_unique<FastForwardPollScheduler>(m_clock);
    m_stack = std::make_unique<Testing::HttpStack>(m_clock);
    m_flow = std::make_unique<CibaFlow>(&m_stack->http, m_random, *m_scheduler);
}

void TestCibaFlow::cleanup()
{
    m_flow.reset();
    m_stack.reset();
    m_scheduler.reset();
    m_server.reset();
}

CibaRequest TestCibaFlow::baseRequest() const
{
    CibaRequest request;
    request.backchannelAuthenticationEndpoint = m_server->url("/bc-authorize");
    request.tokenEndpoint = m_server->url("/token");
    request.client.clientId = ClientId;
    request.client.secret = "s3cr3t";
    request.client.method = ClientAuth::ClientAuthentication::Method::ClientSecretBasic;
    request.scope = QStringLiteral("openid email");
    request.loginHint = QStringLiteral("alice@example.com");
    request.issuer = Issuer;
    request.jwksUri = m_server->url("/jwks");
    return request;
}

CibaFlowResult TestCibaFlow::run(const CibaRequest &request)
{
    QSignalSpy finished(m_flow.get(), &CibaFlow::finished);
    m_flow->start(request);
    if (finished.isEmpty() && !finished.wait(10'000))
        qWarning("the flow did not finish");
    return m_flow->result();
}

QList<ReceivedRequest> TestCibaFlow::requestsTo(const QByteArray &target) const
{
    QList<ReceivedRequest> found;
    for (const ReceivedRequest &r : m_server->requests()) {
        if (r.target == target)
            found.append(r);
    }
    return found;
}

void TestCibaFlow::requestCarriesTheHintAndBindingMessage()
{
    CibaRequest request = baseRequest();
    request.bindingMessage = QStringLiteral("W4SCT");
    request.requestedExpiry = 60;
    request.acrValues = QStringLiteral("urn:mace:incommon:iap:silver");
    m_bcAnswer.replace(R"("expires_in":120)", R"("expires_in":60)");
    const CibaFlowResult result = run(request);
    QVERIFY2(result.ok(), qPrintable(result.error.message));
    const auto bc = requestsTo("/bc-authorize");
    QCOMPARE(bc.size(), 1);
    const QUrlQuery sent = form(bc.at(0));
    QCOMPARE(sent.queryItemValue(QStringLiteral("scope")), QStringLiteral("openid email"));
    QCOMPARE(sent.queryItemValue(QStringLiteral("login_hint"), QUrl::FullyDecoded),
             QStringLiteral("alice@example.com"));
    QCOMPARE(sent.queryItemValue(QStringLiteral("binding_message")), QStringLiteral("W4SCT"));
    QCOMPARE(sent.queryItemValue(QStringLiteral("requested_expiry")), QStringLiteral("60"));
    QVERIFY(!sent.hasQueryItem(QStringLiteral("id_token_hint")));
    QVERIFY(!sent.hasQueryItem(QStringLiteral("client_notification_token")));
    QCOMPARE(bc.at(0).header("Authorization"),
             ClientAuth::ClientAuthentication::basicCredentials(ClientId, "s3cr3t"));
    QCOMPARE(result.authorization.authReqId,
             QStringLiteral("1c266114-a1be-4252-8ad1-04986c5b9ac1"));
    QCOMPARE(result.authorization.expiresAt, m_clock.now().addSecs(60 - 2));
    QCOMPARE(result.tokens.accessToken, QStringLiteral("G5kXH2wHvUra0sHlDy1iTkDJgsgUO1bN"));
    // The ID token is checked against the provider's keys.
    const bool verified =
        std::any_of(result.checks.cbegin(), result.checks.cend(), [](const Finding &f) {
            return f.rule == QLatin1String("signature_verified") &&
                   f.status == Finding::Status::Pass;
        });
    QVERIFY(verified);
}

void TestCibaFlow::exactlyOneHintAndOpenIdAreRequired_data()
{
    QTest::addColumn<QString>("loginHint");
    QTest::addColumn<QString>("idTokenHint");
    QTest::addColumn<QString>("scope");
    QTest::addColumn<QString>("messagePart");
    QTest::newRow("no_hint_is_refused")
        << QString() << QString() << QStringLiteral("openid") << QStringLiteral("Exactly one");
    QTest::newRow("two_hints_are_refused")
        << QStringLiteral("alice") << QStringLiteral("eyJ.x.y") << QStringLiteral("openid")
        << QStringLiteral("Exactly one");
    QTest::newRow("scope_without_openid_is_refused")
        << QStringLiteral("alice") << QString() << QStringLiteral("email")
        << QStringLiteral("openid");
}

void TestCibaFlow::exactlyOneHintAndOpenIdAreRequired()
{
    QFETCH(QString, loginHint);
    QFETCH(QString, idTokenHint);
    QFETCH(QString, scope);
    QFETCH(QString, messagePart);
    CibaRequest request = baseRequest();
    request.loginHint = loginHint;
    request.idTokenHint = idTokenHint;
    request.scope = scope;
    const CibaFlowResult result = run(request);
    QCOMPARE(result.error.kind, FlowError::Kind::Usage);
    QVERIFY2(result.error.message.contains(messagePart), qPrintable(result.error.message));
    QVERIFY(m_server->requests().isEmpty());
}

void TestCibaFlow::pollsWithTheCibaGrantAndSharedBackoff()
{
    m_script = {"authorization_pending", "slow_down", "authorization_pending", "tokens"};
    const CibaFlowResult result = run(baseRequest());
    QVERIFY2(result.ok(), qPrintable(result.error.message));
    const auto polls = requestsTo("/token");
    QCOMPARE(polls.size(), 4);
    for (const ReceivedRequest &poll : polls) {
        const QUrlQuery sent = form(poll);
        QCOMPARE(sent.queryItemValue(QStringLiteral("grant_type"), QUrl::FullyDecoded),
                 QStringLiteral("urn:openid:params:grant-type:ciba"));
        QCOMPARE(sent.queryItemValue(QStringLiteral("auth_req_id")),
                 QStringLiteral("1c266114-a1be-4252-8ad1-04986c5b9ac1"));
        QVERIFY(!poll.header("Authorization").isEmpty());
    }
    QCOMPARE(m_scheduler->waits(), (QList<qint64>{2, 2, 7, 7}));
    QCOMPARE(result.pollExchangeIds.size(), 4);
    QCOMPARE(result.interval, 7);
}

void TestCibaFlow::deniedAndExpiredEndPolling_data()
{
    QTest::addColumn<QByteArray>("answer");
    QTest::newRow("access_denied_ends_polling") << QByteArray("access_denied");
    QTest::newRow("expired_token_ends_polling") << QByteArray("expired_token");
}

void TestCibaFlow::deniedAndExpiredEndPolling()
{
    QFETCH(QByteArray, answer);
    m_script = {"authorization_pending", answer, "tokens"};
    const CibaFlowResult result = run(baseRequest());
    QCOMPARE(result.error.kind, FlowError::Kind::Provider);
    QCOMPARE(result.error.oauth.error, QString::fromLatin1(answer));
    QCOMPARE(requestsTo("/token").size(), 2);
    QCOMPARE(m_flow->step(), CibaFlow::Step::Failed);
}

void TestCibaFlow::backchannelErrorIsTheProviders()
{
    m_bcStatus = 400;
    m_bcAnswer = R"({"error":"unknown_user_id","error_description":"no such user"})";
    const CibaFlowResult result = run(baseRequest());
    QCOMPARE(result.error.kind, FlowError::Kind::Provider);
    QCOMPARE(result.error.oauth.error, QStringLiteral("unknown_user_id"));
    QCOMPARE(result.error.oauth.errorDescription, QStringLiteral("no such user"));
    QVERIFY(requestsTo("/token").isEmpty());
}

void TestCibaFlow::pingModeWaitsForTheNotification()
{
    CibaRequest request = baseRequest();
    request.clientNotificationEndpoint = QUrl(QStringLiteral("https://rp.example.com/cb"));
    request.clientNotificationToken = QStringLiteral("8d67dc78-7faa-4d41-aabd-67707b374255");
    m_scheduler->setPaused(true); // the expiry never comes in this test
    QSignalSpy finished(m_flow.get(), &CibaFlow::finished);
    m_flow->start(request);
    QTRY_COMPARE(m_flow->step(), CibaFlow::Step::AwaitingUser);
    QVERIFY(form(requestsTo("/bc-authorize").at(0))
                .hasQueryItem(QStringLiteral("client_notification_token")));
    // No periodic poll in ping mode: the only wake-up scheduled is the expiry.
    QCOMPARE(m_scheduler->waits(), (QList<qint64>{120}));
    const QByteArray body = R"({"auth_req_id":"1c266114-a1be-4252-8ad1-04986c5b9ac1"})";
    QCOMPARE(m_flow->handleNotification("Bearer wrong", body), 401);
    QCOMPARE(m_flow->handleNotification("Bearer 8d67dc78-7faa-4d41-aabd-67707b374255",
                                        R"({"auth_req_id":"other"})"),
             400);
    QCOMPARE(m_flow->handleNotification("Bearer 8d67dc78-7faa-4d41-aabd-67707b374255", "{"), 400);
    QVERIFY(requestsTo("/token").isEmpty());
    QCOMPARE(m_flow->handleNotification("Bearer 8d67dc78-7faa-4d41-aabd-67707b374255", body), 204);
    QTRY_COMPARE(finished.size(), 1);
    QVERIFY2(m_flow->result().ok(), qPrintable(m_flow->result().error.message));
    QVERIFY(m_flow->result().notified);
    QCOMPARE(requestsTo("/token").size(), 1);
    // Once the flow has its tokens, a repeated notification is refused.
    QCOMPARE(m_flow->handleNotification("Bearer 8d67dc78-7faa-4d41-aabd-67707b374255", body), 400);
    QCOMPARE(requestsTo("/token").size(), 1);
}

void TestCibaFlow::pingNotificationBeforeTheResponseIsHeld()
{
    // A provider that decides at once may notify before its backchannel answer is read.
    CibaRequest request = baseRequest();
    request.clientNotificationEndpoint = QUrl(QStringLiteral("https://rp.example.com/cb"));
    request.clientNotificationToken = QStringLiteral("8d67dc78-7faa-4d41-aabd-67707b374255");
    m_scheduler->setPaused(true); // no wake-up: only the held notification can poll
    QList<int> early;
    connect(m_flow.get(), &CibaFlow::stepChanged, this, [this, &early](CibaFlow::Step step) {
        if (step != CibaFlow::Step::Requesting)
            return;
        early.append(m_flow->handleNotification("Bearer wrong", "{}"));
        early.append(m_flow->handleNotification(
            "Bearer 8d67dc78-7faa-4d41-aabd-67707b374255",
            R"({"auth_req_id":"1c266114-a1be-4252-8ad1-04986c5b9ac1"})"));
    });
    QSignalSpy finished(m_flow.get(), &CibaFlow::finished);
    m_flow->start(request);
    QTRY_COMPARE(finished.size(), 1);
    QCOMPARE(early, (QList<int>{401, 204}));
    QVERIFY2(m_flow->result().ok(), qPrintable(m_flow->result().error.message));
    QVERIFY(m_flow->result().notified);
    QCOMPARE(requestsTo("/token").size(), 1);
}

void TestCibaFlow::pingNotificationThroughTheLoopbackListener()
{
    Ciba::NotificationListener listener;
    QVERIFY(listener.listen(0, QStringLiteral("/cb")));
    QCOMPARE(listener.url().host(), QStringLiteral("127.0.0.1"));
    listener.setHandler([this](const QByteArray &authorization, const QByteArray &body) {
        return m_flow->handleNotification(authorization, body);
    });
    CibaRequest request = baseRequest();
    request.clientNotificationEndpoint = listener.url();
    request.clientNotificationToken = QStringLiteral("8d67dc78-7faa-4d41-aabd-67707b374255");
    m_scheduler->setPaused(true);
    QSignalSpy finished(m_flow.get(), &CibaFlow::finished);
    m_flow->start(request);
    QTRY_COMPARE(m_flow->step(), CibaFlow::Step::AwaitingUser);
    QCOMPARE(form(requestsTo("/bc-authorize").at(0))
                 .queryItemValue(QStringLiteral("client_notification_token")),
             request.clientNotificationToken);

    QNetworkAccessManager provider; // the provider's side of the notification
    const auto post = [&provider](const QUrl &url, const QByteArray &token) {
        QNetworkRequest notification(url);
        notification.setHeader(QNetworkRequest::ContentTypeHeader,
                               QByteArrayLiteral("application/json"));
        notification.setRawHeader("Authorization", "Bearer " + token);
        QNetworkReply *reply = provider.post(
            notification,
            QByteArrayLiteral(R"({"auth_req_id":"1c266114-a1be-4252-8ad1-04986c5b9ac1"})"));
        if (!QTest::qWaitFor([reply] { return reply->isFinished(); }, 10'000))
            return -1;
        reply->deleteLater();
        return reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    };
    QUrl elsewhere = listener.url();
    elsewhere.setPath(QStringLiteral("/other"));
    QCOMPARE(post(elsewhere, "8d67dc78-7faa-4d41-aabd-67707b374255"), 404);
    QCOMPARE(post(listener.url(), "not-the-token"), 401);
    QVERIFY(requestsTo("/token").isEmpty());
    QCOMPARE(post(listener.url(), "8d67dc78-7faa-4d41-aabd-67707b374255"), 204);
    QTRY_COMPARE(finished.size(), 1);
    QVERIFY2(m_flow->result().ok(), qPrintable(m_flow->result().error.message));
    QVERIFY(m_flow->result().notified);
    QCOMPARE(requestsTo("/token").size(), 1);
}

void TestCibaFlow::cancelStopsPolling()
{
    m_script = {"authorization_pending"};
    m_scheduler->setPaused(true);
    QSignalSpy finished(m_flow.get(), &CibaFlow::finished);
    m_flow->start(baseRequest());
    QTRY_COMPARE(m_flow->step(), CibaFlow::Step::AwaitingUser);
    m_flow->cancel();
    QCOMPARE(m_flow->step(), CibaFlow::Step::Cancelled);
    // The poll that was due is gone with the cancel: resuming time sends nothing.
    QVERIFY(!m_scheduler->isScheduled());
    m_scheduler->setPaused(false);
    QVERIFY(requestsTo("/token").isEmpty());
    QCOMPARE(finished.size(), 1);
}

QTEST_GUILESS_MAIN(TestCibaFlow)
#include "TestCibaFlow.moc"
