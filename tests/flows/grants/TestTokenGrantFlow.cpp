// The token grants without a browser: each grant's form as sent (with the client's
// authentication), a JWT bearer assertion built and signed here, refresh token rotation and
// reuse, a refreshed ID token's sub stability, and the faults a token endpoint can answer
// with (an HTML page, a body that is not JSON, no connection). The endpoint is a loopback
// server whose answer each test sets.
#include "common/Clock.h"
#include "common/RandomSource.h"
#include "grants/TokenGrantFlow.h"
#include "http/HttpClient.h"
#include "http/Transcript.h"
#include "jose/JwkSet.h"
#include "jose/JwsSigner.h"
#include "jose/JwsToken.h"
#include "jose/JwsVerifier.h"
#include "support/HttpStack.h"
#include "support/LoopbackServer.h"
#include "support/TestSigner.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QNetworkAccessManager>
#include <QSignalSpy>
#include <QTest>
#include <QUrlQuery>

using namespace Tokenscope;
using namespace Tokenscope::Grants;
using Tokenscope::Testing::LoopbackServer;
using Tokenscope::Testing::ReceivedRequest;

namespace {
const QString Issuer = QStringLiteral("https://as.example.com");
const QString ClientId = QStringLiteral("grant-client");
const QDateTime Now = QDateTime::fromSecsSinceEpoch(1'700'000'000, Qt::UTC);
} // namespace

class TestTokenGrantFlow final : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void cleanup();
    void formAsSent_data();
    void formAsSent();
    void usageProblemsSendNothing_data();
    void usageProblemsSendNothing();
    void jwtBearerAssertionIsBuiltAndSigned();
    void privateKeyJwtAuthenticatesTheClient();
    void refreshRotationThenReuseIsExplained();
    void refreshWithoutNewTokenKeepsTheOldOne();
    void refreshedIdTokenMustKeepItsSub();
    void faults_data();
    void faults();
    void unreachableEndpointIsATransportError();

private:
    GrantResult run(const TokenGrantRequest &request);
    TokenGrantRequest base(GrantType grant) const;
    QUrlQuery lastForm() const;
    QByteArray idToken(const QString &sub) const;

    std::unique_ptr<LoopbackServer> m_server;
    std::unique_ptr<Testing::HttpStack> m_stack;
    std::unique_ptr<TokenGrantFlow> m_flow;
    Testing::TestSigner m_signer;
    FixedClock m_clock{Now};
    FixedRandomSource m_random{QByteArray::fromHex("0123456789abcdef")};
    int m_status = 200;
    QByteArray m_contentType = "application/json";
    QByteArray m_answer;
};

void TestTokenGrantFlow::init()
{
    m_status = 200;
    m_contentType = "application/json";
    m_answer = R"({"access_token":"at-1","token_type":"Bearer","expires_in":600})";
    m_server = std::make_unique<LoopbackServer>(
        [this](const ReceivedRequest &request, QTcpSocket *socket) {
            if (request.target == "/jwks") {
                LoopbackServer::respondJson(socket, 200, m_signer.jwks());
                return;
            }
            LoopbackServer::respond(socket, m_status, m_status == 200 ? "OK" : "Error",
                                    {{"Content-Type", m_contentType}}, m_answer);
        });
    m_stack = std::make_unique<Testing::HttpStack>(m_clock);
    m_flow = std::make_unique<TokenGrantFlow>(&m_stack->http, m_random);
}

void TestTokenGrantFlow::cleanup()
{
    m_flow.reset();
    m_stack.reset();
    m_server.reset();
}

TokenGrantRequest TestTokenGrantFlow::base(GrantType grant) const
{
    TokenGrantRequest request;
    request.grant = grant;
    request.tokenEndpoint = m_server->url("/token");
    request.client.clientId = ClientId;
    request.client.secret = "grant-secret";
    request.client.method = ClientAuth::ClientAuthentication::Method::ClientSecretBasic;
    return request;
}

GrantResult TestTokenGrantFlow::run(const TokenGrantRequest &request)
{
    QSignalSpy finished(m_flow.get(), &TokenGrantFlow::finished);
    m_flow->start(request);
    if (finished.isEmpty() && !finished.wait(10'000))
        qWarning("the flow did not finish");
    return m_flow->result();
}

QUrlQuery TestTokenGrantFlow::lastForm() const
{
    if (m_server->requests().isEmpty())
        return {};
    QByteArray body = m_server->requests().constLast().body;
    body.replace('+', ' ');
    return QUrlQuery(QString::fromUtf8(body));
}

QByteArray TestTokenGrantFlow::idToken(const QString &sub) const
{
    return m_signer.sign({{QStringLiteral("iss"), Issuer},
                          {QStringLiteral("sub"), sub},
                          {QStringLiteral("aud"), ClientId},
                          {QStringLiteral("iat"), Now.toSecsSinceEpoch()},
                          {QStringLiteral("exp"), Now.toSecsSinceEpoch() + 600}});
}

void TestTokenGrantFlow::formAsSent_data()
{
    QTest::addColumn<int>("grant");
    QTest::addColumn<QStringList>("expected"); // name=value pairs the form must hold

    QTest::newRow("client_credentials_with_scope_resources_and_extras")
        << int(GrantType::ClientCredentials)
        << QStringList{QStringLiteral("grant_type=client_credentials"),
                       QStringLiteral("scope=api:read api:write"),
                       QStringLiteral("resource=https://a.example"),
                       QStringLiteral("resource=https://b.example"), QStringLiteral("x=1")};
    QTest::newRow("password_sends_username_and_password")
        << int(GrantType::Password)
        << QStringList{QStringLiteral("grant_type=password"), QStringLiteral("username=alice"),
                       QStringLiteral("password=pa ss&word")};
    QTest::newRow("refresh_token_sends_the_token")
        << int(GrantType::RefreshToken)
        << QStringList{QStringLiteral("grant_type=refresh_token"),
                       QStringLiteral("refresh_token=rt-1")};
    QTest::newRow("token_exchange_rfc8693_2_1_actor_type_defaults")
        << int(GrantType::TokenExchange)
        << QStringList{
               QStringLiteral("grant_type=urn:ietf:params:oauth:grant-type:token-exchange"),
               QStringLiteral("subject_token=st"),
               QStringLiteral("subject_token_type=urn:ietf:params:oauth:token-type:jwt"),
               QStringLiteral("actor_token=act"),
               QStringLiteral("actor_token_type=urn:ietf:params:oauth:token-type:access_token"),
               QStringLiteral("audience=https://api.example"),
               QStringLiteral("requested_token_type=urn:ietf:params:oauth:token-type:"
                              "access_token")};
    QTest::newRow("saml2_bearer_xml_is_base64url_encoded_rfc7522_2_1")
        << int(GrantType::Saml2Bearer)
        << QStringList{QStringLiteral("grant_type=urn:ietf:params:oauth:grant-type:saml2-bearer"),
                       QStringLiteral("assertion=PHNhbWw6QXNzZXJ0aW9uLz4")};
    QTest::newRow("custom_grant_type_is_sent_verbatim")
        << int(GrantType::Custom) << QStringList{QStringLiteral("grant_type=urn:example:grant")};
}

void TestTokenGrantFlow::formAsSent()
{
    QFETCH(int, grant);
    QFETCH(QStringList, expected);
    TokenGrantRequest request = base(GrantType(grant));
    request.customGrantType = QStringLiteral("urn:example:grant");
    request.username = QStringLiteral("alice");
    request.password = "pa ss&word";
    request.refreshToken = QStringLiteral("rt-1");
    request.subjectToken = QStringLiteral("st");
    request.subjectTokenType = QStringLiteral("urn:ietf:params:oauth:token-type:jwt");
    request.actorToken = QStringLiteral("act");
    request.audience = QStringLiteral("https://api.example");
    request.requestedTokenType = QStringLiteral("urn:ietf:params:oauth:token-type:access_token");
    request.assertion = QStringLiteral("<saml:Assertion/>");
    if (GrantType(grant) == GrantType::ClientCredentials) {
        request.scope = QStringLiteral("api:read api:write");
        request.resources = {QStringLiteral("https://a.example"),
                             QStringLiteral("https://b.example")};
        request.extraParameters = {{QStringLiteral("x"), QStringLiteral("1")}};
    }
    const GrantResult result = run(request);
    QVERIFY2(result.ok(), qPrintable(result.error.message));
    QCOMPARE(result.tokens.accessToken, QStringLiteral("at-1"));
    const QUrlQuery form = lastForm();
    const auto items = form.queryItems(QUrl::FullyDecoded);
    for (const QString &pair : expected) {
        const qsizetype eq = pair.indexOf(QLatin1Char('='));
        QVERIFY2(items.contains({pair.left(eq), pair.mid(eq + 1)}), qPrintable(pair));
    }
    // client_secret_basic: the secret is in the header, never in the form.
    QCOMPARE(m_server->requests().constLast().header("Authorization"),
             ClientAuth::ClientAuthentication::basicCredentials(ClientId, "grant-secret"));
    QVERIFY(!form.hasQueryItem(QStringLiteral("client_secret")));
    QCOMPARE(result.exchanges.size(), 1);
}

void TestTokenGrantFlow::usageProblemsSendNothing_data()
{
    QTest::addColumn<int>("grant");
    QTest::newRow("password_without_username") << int(GrantType::Password);
    QTest::newRow("refresh_without_refresh_token") << int(GrantType::RefreshToken);
    QTest::newRow("token_exchange_without_subject_token") << int(GrantType::TokenExchange);
    QTest::newRow("jwt_bearer_without_assertion_or_key") << int(GrantType::JwtBearer);
    QTest::newRow("saml2_bearer_without_assertion") << int(GrantType::Saml2Bearer);
}

void TestTokenGrantFlow::usageProblemsSendNothing()
{
    QFETCH(int, grant);
    const GrantResult result = run(base(GrantType(grant)));
    QCOMPARE(result.error.kind, GrantError::Kind::Usage);
    QVERIFY(m_server->requests().isEmpty());
    QCOMPARE(m_flow->step(), TokenGrantFlow::Step::Failed);
}

void TestTokenGrantFlow::jwtBearerAssertionIsBuiltAndSigned()
{
    QString error;
    const auto key = Jose::JwsSigner::Key::generate(QStringLiteral("ES256"), &error);
    QVERIFY2(!key.isNull(), qPrintable(error));
    TokenGrantRequest request = base(GrantType::JwtBearer);
    request.client.method = ClientAuth::ClientAuthentication::Method::None;
    request.signAssertion.key = key.privatePem();
    request.signAssertion.kid = QStringLiteral("k1");
    request.signAssertion.subject = QStringLiteral("alice");
    request.signAssertion.lifetimeSeconds = 120;
    const GrantResult result = run(request);
    QVERIFY2(result.ok(), qPrintable(result.error.message));
    const QString sent = lastForm().queryItemValue(QStringLiteral("assertion"));
    QCOMPARE(sent, result.builtAssertion);
    const auto parsed = Jose::JwsToken::parseCompact(sent.toLatin1());
    QVERIFY(!parsed.isError());
    const Jose::JwsToken &token = parsed.token();
    QCOMPARE(token.alg(), QStringLiteral("ES256"));
    QCOMPARE(token.kid(), QStringLiteral("k1"));
    const QJsonObject claims = token.payloadObject();
    QCOMPARE(claims.value(QLatin1String("iss")).toString(), ClientId);
    QCOMPARE(claims.value(QLatin1String("sub")).toString(), QStringLiteral("alice"));
    QCOMPARE(claims.value(QLatin1String("aud")).toString(), m_server->url("/token").toString());
    QCOMPARE(qint64(claims.value(QLatin1String("exp")).toDouble()), Now.toSecsSinceEpoch() + 120);
    QVERIFY(!claims.value(QLatin1String("jti")).toString().isEmpty());
    const QByteArray jwks =
        QJsonDocument(QJsonObject{{QStringLiteral("keys"),
                                   QJsonArray{key.verificationJwk(QStringLiteral("k1"))}}})
            .toJson();
    QVERIFY(Jose::JwsVerifier::verify(token, Jose::JwkSet::fromJson(jwks), {}).isVerified());
}

void TestTokenGrantFlow::privateKeyJwtAuthenticatesTheClient()
{
    QString error;
    const auto key = Jose::JwsSigner::Key::generate(QStringLiteral("RS256"), &error);
    QVERIFY2(!key.isNull(), qPrintable(error));
    TokenGrantRequest request = base(GrantType::ClientCredentials);
    request.client.method = ClientAuth::ClientAuthentication::Method::PrivateKeyJwt;
    request.client.privateKey = key.privatePem();
    const GrantResult result = run(request);
    QVERIFY2(result.ok(), qPrintable(result.error.message));
    const QUrlQuery form = lastForm();
    QCOMPARE(form.queryItemValue(QStringLiteral("client_assertion_type"), QUrl::FullyDecoded),
             QStringLiteral("urn:ietf:params:oauth:client-assertion-type:jwt-bearer"));
    QVERIFY(m_server->requests().constLast().header("Authorization").isEmpty());
    const auto parsed = Jose::JwsToken::parseCompact(
        form.queryItemValue(QStringLiteral("client_assertion")).toLatin1());
    QVERIFY(!parsed.isError());
    const QJsonObject claims = parsed.token().payloadObject();
    QCOMPARE(claims.value(QLatin1String("iss")).toString(), ClientId);
    QCOMPARE(claims.value(QLatin1String("sub")).toString(), ClientId);
    QCOMPARE(claims.value(QLatin1String("aud")).toString(), m_server->url("/token").toString());

    // client_secret_jwt: HS256 over the secret.
    request.client.method = ClientAuth::ClientAuthentication::Method::ClientSecretJwt;
    QVERIFY(run(request).ok());
    const auto hs = Jose::JwsToken::parseCompact(
        lastForm().queryItemValue(QStringLiteral("client_assertion")).toLatin1());
    QVERIFY(!hs.isError());
    QCOMPARE(hs.token().alg(), QStringLiteral("HS256"));
}

void TestTokenGrantFlow::refreshRotationThenReuseIsExplained()
{
    m_answer = R"({"access_token":"at-2","token_type":"Bearer","refresh_token":"rt-2"})";
    TokenGrantRequest request = base(GrantType::RefreshToken);
    request.refreshToken = QStringLiteral("rt-1");
    GrantResult result = run(request);
    QVERIFY2(result.ok(), qPrintable(result.error.message));
    QVERIFY(result.rotated);
    QCOMPARE(result.previousRefreshToken, QStringLiteral("rt-1"));
    QCOMPARE(result.currentRefreshToken, QStringLiteral("rt-2"));
    QCOMPARE(result.checks.constLast().rule, QStringLiteral("refresh_token_rotated"));

    // The spent token again: the provider says invalid_grant, and we say why.
    m_status = 400;
    m_answer = R"({"error":"invalid_grant","error_description":"grant request is invalid"})";
    result = run(request);
    QCOMPARE(result.error.kind, GrantError::Kind::Provider);
    QCOMPARE(result.error.oauth.error, QStringLiteral("invalid_grant"));
    QCOMPARE(result.error.rule, QStringLiteral("refresh_token_reuse"));
    QVERIFY(result.checks.constLast().message.contains(QLatin1String("already rotated")));

    // A token this flow never saw rotated: the general explanation.
    request.refreshToken = QStringLiteral("rt-unknown");
    result = run(request);
    QCOMPARE(result.error.rule, QStringLiteral("refresh_token_reuse"));
    QVERIFY(!result.checks.constLast().message.contains(QLatin1String("already rotated")));
}

void TestTokenGrantFlow::refreshWithoutNewTokenKeepsTheOldOne()
{
    TokenGrantRequest request = base(GrantType::RefreshToken);
    request.refreshToken = QStringLiteral("rt-1");
    const GrantResult result = run(request);
    QVERIFY(result.ok());
    QVERIFY(!result.rotated);
    QCOMPARE(result.currentRefreshToken, QStringLiteral("rt-1"));
    QCOMPARE(result.checks.constLast().rule, QStringLiteral("refresh_token_kept"));
}

void TestTokenGrantFlow::refreshedIdTokenMustKeepItsSub()
{
    TokenGrantRequest request = base(GrantType::RefreshToken);
    request.refreshToken = QStringLiteral("rt-1");
    request.issuer = Issuer;
    request.jwksUri = m_server->url("/jwks");
    request.previousIdToken = QString::fromLatin1(idToken(QStringLiteral("alice")));
    m_answer = R"({"access_token":"at-2","token_type":"Bearer","id_token":")" +
               idToken(QStringLiteral("alice")) + R"("})";
    GrantResult result = run(request);
    QVERIFY2(result.ok(), qPrintable(result.error.message));
    QStringList passed;
    for (const Finding &f : result.checks) {
        if (f.status == Finding::Status::Pass)
            passed << f.rule;
    }
    for (const char *rule : {"signature_verified", "id_token_aud", "refresh_id_token_iat",
                             "refresh_id_token_same_iss", "refresh_id_token_same_sub"})
        QVERIFY2(passed.contains(QLatin1String(rule)), rule);

    m_answer = R"({"access_token":"at-3","token_type":"Bearer","id_token":")" +
               idToken(QStringLiteral("mallory")) + R"("})";
    result = run(request);
    QCOMPARE(result.error.kind, GrantError::Kind::Validation);
    QCOMPARE(result.error.rule, QStringLiteral("refresh_id_token_same_sub"));
}

void TestTokenGrantFlow::faults_data()
{
    QTest::addColumn<int>("status");
    QTest::addColumn<QByteArray>("contentType");
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<QString>("messagePart");

    QTest::newRow("html_error_page")
        << 502 << QByteArray("text/html") << QByteArray("<html><body>Bad gateway</body></html>")
        << QStringLiteral("HTML");
    QTest::newRow("not_json_with_200")
        << 200 << QByteArray("text/plain") << QByteArray("access_token=x&token_type=bearer")
        << QStringLiteral("without a JSON body");
    QTest::newRow("oauth_error_invalid_client")
        << 401 << QByteArray("application/json") << QByteArray(R"({"error":"invalid_client"})")
        << QStringLiteral("invalid_client");
    QTest::newRow("no_access_token")
        << 200 << QByteArray("application/json") << QByteArray(R"({"token_type":"Bearer"})")
        << QStringLiteral("no access_token");
    // An error under HTTP 200 is the error, even beside an access token.
    QTest::newRow("oauth_error_with_200")
        << 200 << QByteArray("application/json")
        << QByteArray(R"({"error":"invalid_scope","access_token":"x","token_type":"Bearer"})")
        << QStringLiteral("invalid_scope");
}

void TestTokenGrantFlow::faults()
{
    QFETCH(int, status);
    QFETCH(QByteArray, contentType);
    QFETCH(QByteArray, body);
    QFETCH(QString, messagePart);
    m_status = status;
    m_contentType = contentType;
    m_answer = body;
    const GrantResult result = run(base(GrantType::ClientCredentials));
    QCOMPARE(result.error.kind, GrantError::Kind::Provider);
    QVERIFY2(result.error.message.contains(messagePart), qPrintable(result.error.message));
    QCOMPARE(result.exchanges.size(), 1);
}

void TestTokenGrantFlow::unreachableEndpointIsATransportError()
{
    TokenGrantRequest request = base(GrantType::ClientCredentials);
    const QUrl url = m_server->url("/token");
    m_server.reset(); // nothing listens there any more
    request.tokenEndpoint = url;
    const GrantResult result = run(request);
    QCOMPARE(result.error.kind, GrantError::Kind::Transport);
    QCOMPARE(result.error.transport, Http::TransportErrorKind::ConnectionRefused);
}

QTEST_GUILESS_MAIN(TestTokenGrantFlow)
#include "TestTokenGrantFlow.moc"
