// UserInfo (OIDC Core §5.3): a JSON answer whose sub is compared with the ID token's, a
// signed application/jwt answer verified with the provider's keys (iss and aud checked),
// the POST form, and the faults: a 401 whose WWW-Authenticate is read, an HTML page.
#include "common/Clock.h"
#include "endpoints/UserInfoClient.h"
#include "http/HttpClient.h"
#include "http/Transcript.h"
#include "support/HttpStack.h"
#include "support/LoopbackServer.h"
#include "support/TestSigner.h"

#include <QNetworkAccessManager>
#include <QSignalSpy>
#include <QTest>

using namespace Tokenscope;
using namespace Tokenscope::Endpoints;
using Tokenscope::Testing::LoopbackServer;
using Tokenscope::Testing::ReceivedRequest;

namespace {
const QString Issuer = QStringLiteral("https://as.example.com");
const QString ClientId = QStringLiteral("ui-client");
} // namespace

class TestUserInfoClient final : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void cleanup();
    void jsonSubMustEqualTheIdTokens();
    void postFormSendsTheTokenInTheBody();
    void postBearerSendsTheTokenInTheHeader();
    void signedAnswer_data();
    void signedAnswer();
    void unauthorizedReadsTheChallenge();
    void htmlPageIsNotUserInfo();

private:
    UserInfoResult fetch(const UserInfoRequest &request);
    UserInfoRequest base() const;
    QByteArray idToken(const QString &sub) const;

    std::unique_ptr<LoopbackServer> m_server;
    std::unique_ptr<Testing::HttpStack> m_stack;
    std::unique_ptr<UserInfoClient> m_client;
    Testing::TestSigner m_signer{QStringLiteral("good")};
    Testing::TestSigner m_otherSigner{QStringLiteral("good")}; // same kid, another key
    SystemClock m_clock;
    int m_status = 200;
    QByteArray m_contentType;
    QByteArray m_answer;
    QByteArray m_challenge;
};

void TestUserInfoClient::init()
{
    m_status = 200;
    m_contentType = "application/json";
    m_answer = R"({"sub":"alice","name":"Alice"})";
    m_challenge.clear();
    m_server = std::make_unique<LoopbackServer>(
        [this](const ReceivedRequest &request, QTcpSocket *socket) {
            if (request.target == "/jwks") {
                LoopbackServer::respondJson(socket, 200, m_signer.jwks());
                return;
            }
            QList<QPair<QByteArray, QByteArray>> headers{{"Content-Type", m_contentType}};
            if (!m_challenge.isEmpty())
                headers.append({"WWW-Authenticate", m_challenge});
            LoopbackServer::respond(socket, m_status, "X", headers, m_answer);
        });
    m_stack = std::make_unique<Testing::HttpStack>(m_clock);
    m_client = std::make_unique<UserInfoClient>(&m_stack->http);
}

void TestUserInfoClient::cleanup()
{
    m_client.reset();
    m_stack.reset();
    m_server.reset();
}

UserInfoRequest TestUserInfoClient::base() const
{
    UserInfoRequest request;
    request.endpoint = m_server->url("/userinfo");
    request.accessToken = QStringLiteral("at-1");
    request.issuer = Issuer;
    request.clientId = ClientId;
    request.jwksUri = m_server->url("/jwks");
    request.idToken = QString::fromLatin1(idToken(QStringLiteral("alice")));
    return request;
}

QByteArray TestUserInfoClient::idToken(const QString &sub) const
{
    return m_signer.sign({{QStringLiteral("iss"), Issuer},
                          {QStringLiteral("sub"), sub},
                          {QStringLiteral("aud"), ClientId}});
}

UserInfoResult TestUserInfoClient::fetch(const UserInfoRequest &request)
{
    QSignalSpy finished(m_client.get(), &UserInfoClient::finished);
    m_client->fetch(request);
    if (finished.isEmpty() && !finished.wait(10'000))
        qWarning("userinfo did not finish");
    return m_client->result();
}

void TestUserInfoClient::jsonSubMustEqualTheIdTokens()
{
    UserInfoResult result = fetch(base());
    QVERIFY2(result.ok(), qPrintable(result.error.message));
    QCOMPARE(result.claims.value(QLatin1String("name")).toString(), QStringLiteral("Alice"));
    QCOMPARE(result.checks.constLast().rule, QStringLiteral("userinfo_sub_matches"));
    QCOMPARE(m_server->requests().constFirst().header("Authorization"), QByteArray("Bearer at-1"));
    QCOMPARE(m_client->step(), UserInfoClient::Step::Succeeded);

    m_answer = R"({"sub":"bob"})";
    result = fetch(base());
    QCOMPARE(result.error.kind, EndpointError::Kind::Validation);
    QCOMPARE(result.error.rule, QStringLiteral("userinfo_sub_matches"));

    m_answer = R"({"name":"nobody"})";
    result = fetch(base());
    QCOMPARE(result.error.rule, QStringLiteral("userinfo_sub_present"));
}

void TestUserInfoClient::postFormSendsTheTokenInTheBody()
{
    UserInfoRequest request = base();
    request.method = UserInfoRequest::Method::PostForm;
    request.accept = "application/json";
    QVERIFY(fetch(request).ok());
    const ReceivedRequest &sent = m_server->requests().constFirst();
    QCOMPARE(sent.method, QByteArray("POST"));
    QCOMPARE(sent.body, QByteArray("access_token=at-1"));
    QVERIFY(sent.header("Authorization").isEmpty());
    QCOMPARE(sent.header("Accept"), QByteArray("application/json"));
}

void TestUserInfoClient::postBearerSendsTheTokenInTheHeader()
{
    UserInfoRequest request = base();
    request.method = UserInfoRequest::Method::PostBearer;
    const UserInfoResult result = fetch(request);
    QVERIFY2(result.ok(), qPrintable(result.error.message));
    QCOMPARE(result.claims.value(QLatin1String("name")).toString(), QStringLiteral("Alice"));
    const ReceivedRequest &sent = m_server->requests().constFirst();
    QCOMPARE(sent.method, QByteArray("POST"));
    QCOMPARE(sent.header("Authorization"), QByteArray("Bearer at-1"));
    // The token goes in the header only: never also in the body (RFC 6750 §2: one method).
    QVERIFY(sent.body.isEmpty());
    QVERIFY(!sent.raw.contains("access_token="));
}

void TestUserInfoClient::signedAnswer_data()
{
    QTest::addColumn<QString>("iss");
    QTest::addColumn<QString>("aud");
    QTest::addColumn<QString>("sub");
    QTest::addColumn<bool>("otherKey");
    QTest::addColumn<QString>("failedRule"); // empty: verified

    QTest::newRow("core_5_3_2_signed_and_matching")
        << Issuer << ClientId << QStringLiteral("alice") << false << QString();
    QTest::newRow("signature_by_another_key_is_rejected")
        << Issuer << ClientId << QStringLiteral("alice") << true
        << QStringLiteral("userinfo_signature");
    QTest::newRow("iss_not_the_issuer_is_rejected")
        << QStringLiteral("https://evil.example") << ClientId << QStringLiteral("alice") << false
        << QStringLiteral("userinfo_iss");
    QTest::newRow("aud_without_the_client_is_rejected")
        << Issuer << QStringLiteral("someone-else") << QStringLiteral("alice") << false
        << QStringLiteral("userinfo_aud");
    QTest::newRow("signed_sub_mismatch_is_rejected")
        << Issuer << ClientId << QStringLiteral("bob") << false
        << QStringLiteral("userinfo_sub_matches");
}

void TestUserInfoClient::signedAnswer()
{
    QFETCH(QString, iss);
    QFETCH(QString, aud);
    QFETCH(QString, sub);
    QFETCH(bool, otherKey);
    QFETCH(QString, failedRule);
    const QJsonObject claims{
        {QStringLiteral("iss"), iss}, {QStringLiteral("aud"), aud}, {QStringLiteral("sub"), sub}};
    m_contentType = "application/jwt";
    m_answer = (otherKey ? m_otherSigner : m_signer).sign(claims);
    const UserInfoResult result = fetch(base());
    QVERIFY(result.signedAnswer);
    QCOMPARE(result.jwt, QString::fromLatin1(m_answer));
    if (failedRule.isEmpty()) {
        QVERIFY2(result.ok(), qPrintable(result.error.message));
        QCOMPARE(result.claims.value(QLatin1String("sub")).toString(), sub);
    } else {
        QCOMPARE(result.error.kind, EndpointError::Kind::Validation);
        QCOMPARE(result.error.rule, failedRule);
    }
}

void TestUserInfoClient::unauthorizedReadsTheChallenge()
{
    m_status = 401;
    m_contentType = "text/plain";
    m_answer = "unauthorized";
    m_challenge =
        R"(Bearer error="insufficient_user_authentication", acr_values="mfa", max_age="60")";
    const UserInfoResult result = fetch(base());
    QCOMPARE(result.error.kind, EndpointError::Kind::Provider);
    QCOMPARE(result.error.oauth.error, QStringLiteral("insufficient_user_authentication"));
    QVERIFY(result.challenge.isStepUp());
    QCOMPARE(result.challenge.acrValues(), QStringList{QStringLiteral("mfa")});
    QCOMPARE(result.challenge.maxAge(), 60);
    QVERIFY(result.error.message.contains(QLatin1String("mfa")));
}

void TestUserInfoClient::htmlPageIsNotUserInfo()
{
    m_contentType = "text/html";
    m_answer = "<html><body>Please log in</body></html>";
    const UserInfoResult result = fetch(base());
    QCOMPARE(result.error.kind, EndpointError::Kind::Provider);
    QCOMPARE(result.error.rule, QStringLiteral("userinfo_json"));
}

QTEST_GUILESS_MAIN(TestUserInfoClient)
#include "TestUserInfoClient.moc"
