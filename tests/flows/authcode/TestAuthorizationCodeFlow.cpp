// The authorization code flow engine: the URL it builds, the checks on the response
// (each failure named, and then no token request), the code exchange as sent, and the
// token response read tolerantly. The token endpoint is a loopback server that records.
#include "authcode/AuthorizationCodeFlow.h"
#include "common/Clock.h"
#include "common/RandomSource.h"
#include "http/HttpClient.h"
#include "http/Transcript.h"
#include "redirect/RedirectMatcher.h"
#include "support/LoopbackServer.h"

#include <QNetworkAccessManager>
#include <QSignalSpy>
#include <QTest>
#include <QUrlQuery>

using namespace Tokenscope;
using namespace Tokenscope::AuthCode;
using Tokenscope::Redirect::RedirectMatcher;
using Tokenscope::Testing::LoopbackServer;
using Tokenscope::Testing::ReceivedRequest;

namespace {

const QString Issuer = QStringLiteral("https://as.example.com");

QByteArray tokenJson()
{
    return R"({"access_token":"SlAV32hkKG","token_type":"Bearer","expires_in":3600,)"
           R"("refresh_token":"8xLOxBtZp8","id_token":"eyJhbGciOiJSUzI1NiJ9.e30.c2ln"})";
}

} // namespace

class TestAuthorizationCodeFlow final : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void cleanup();

    void authorizationUrlCarriesEveryParameter();
    void generatedValuesAreLongEnough();
    void codeIsExchangedWithVerifierAndBasicAuth();
    void clientSecretPostAndPublicClients_data();
    void clientSecretPostAndPublicClients();
    void badCallbacksAreRejectedBeforeAnyTokenRequest_data();
    void badCallbacksAreRejectedBeforeAnyTokenRequest();
    void stateIsSingleUse();
    void tokenErrorIsTheProvidersError();
    void tokenResponseIsReadTolerantly();
    void cancelWhileWaiting();

private:
    AuthorizationRequest baseRequest() const;
    FlowResult run(const AuthorizationRequest &request, const QString &callbackQuery);

    std::unique_ptr<LoopbackServer> m_server;
    QByteArray m_tokenAnswer;
    int m_tokenStatus = 200;
    SystemClock m_clock;
    FixedRandomSource m_random{QByteArray::fromHex("0123456789abcdef")};
    std::unique_ptr<QNetworkAccessManager> m_network;
    std::unique_ptr<Http::Transcript> m_transcript;
    std::unique_ptr<Http::HttpClient> m_http;
    std::unique_ptr<AuthorizationCodeFlow> m_flow;
};

void TestAuthorizationCodeFlow::init()
{
    m_tokenAnswer = tokenJson();
    m_tokenStatus = 200;
    m_server = std::make_unique<LoopbackServer>([this](const ReceivedRequest &,
                                                       QTcpSocket *socket) {
        LoopbackServer::respond(
            socket, m_tokenStatus, m_tokenStatus == 200 ? "OK" : "Bad Request",
            {{"Content-Type", "application/json"}, {"Cache-Control", "no-store"}}, m_tokenAnswer);
    });
    m_network = std::make_unique<QNetworkAccessManager>();
    m_transcript = std::make_unique<Http::Transcript>();
    m_http = std::make_unique<Http::HttpClient>(m_network.get(), m_transcript.get(), m_clock);
    m_flow = std::make_unique<AuthorizationCodeFlow>(m_http.get(), m_random);
}

void TestAuthorizationCodeFlow::cleanup()
{
    m_flow.reset();
    m_http.reset();
    m_transcript.reset();
    m_network.reset();
    m_server.reset();
}

AuthorizationRequest TestAuthorizationCodeFlow::baseRequest() const
{
    AuthorizationRequest request;
    request.issuer = Issuer;
    request.authorizationEndpoint =
        QUrl(QStringLiteral("https://as.example.com/authorize?tenant=7"));
    request.tokenEndpoint = m_server->url("/token");
    request.clientId = QStringLiteral("s6BhdRkqt3");
    request.clientSecret = "7Fjfp0ZBr1KtDRbnfVdmIw";
    request.redirectUri = QUrl(QStringLiteral("http://127.0.0.1:8765/callback"));
    request.scope = QStringLiteral("openid profile");
    return request;
}

FlowResult TestAuthorizationCodeFlow::run(const AuthorizationRequest &request,
                                          const QString &callbackQuery)
{
    QSignalSpy finished(m_flow.get(), &AuthorizationCodeFlow::finished);
    m_flow->start(request);
    QString query = callbackQuery;
    query.replace(QStringLiteral("{state}"), m_flow->request().state);
    query.replace(QStringLiteral("{iss}"), QString::fromLatin1(QUrl::toPercentEncoding(Issuer)));
    m_flow->handleRedirect(
        RedirectMatcher::parse(QUrl(QStringLiteral("http://127.0.0.1:8765/callback") + query)));
    if (finished.isEmpty() && !finished.wait(10'000))
        qWarning("the flow did not finish");
    return m_flow->result();
}

void TestAuthorizationCodeFlow::authorizationUrlCarriesEveryParameter()
{
    AuthorizationRequest request = baseRequest();
    request.state = QStringLiteral("af0ifjsldkj");
    request.nonce = QStringLiteral("n-0S6_WzA2Mj");
    request.codeVerifier = "dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk";
    request.prompt = QStringLiteral("login consent");
    request.loginHint = QStringLiteral("alice@example.com");
    request.maxAge = QStringLiteral("300");
    request.extraParameters = {
        {QStringLiteral("resource"), QStringLiteral("https://api.example/")}};
    QSignalSpy ready(m_flow.get(), &AuthorizationCodeFlow::authorizationUrlReady);
    m_flow->start(request);
    QCOMPARE(ready.size(), 1);
    QCOMPARE(m_flow->step(), AuthorizationCodeFlow::Step::AwaitingRedirect);
    const QUrl url = ready.at(0).at(0).toUrl();
    QCOMPARE(url.host(), QStringLiteral("as.example.com"));
    QCOMPARE(url.path(), QStringLiteral("/authorize"));
    const QUrlQuery query(url);
    QCOMPARE(query.queryItemValue(QStringLiteral("tenant")), QStringLiteral("7")); // kept
    QCOMPARE(query.queryItemValue(QStringLiteral("response_type")), QStringLiteral("code"));
    QCOMPARE(query.queryItemValue(QStringLiteral("client_id")), QStringLiteral("s6BhdRkqt3"));
    QCOMPARE(query.queryItemValue(QStringLiteral("redirect_uri"), QUrl::FullyDecoded),
             QStringLiteral("http://127.0.0.1:8765/callback"));
    QCOMPARE(query.queryItemValue(QStringLiteral("scope"), QUrl::FullyDecoded),
             QStringLiteral("openid profile"));
    QCOMPARE(query.queryItemValue(QStringLiteral("state")), QStringLiteral("af0ifjsldkj"));
    QCOMPARE(query.queryItemValue(QStringLiteral("nonce")), QStringLiteral("n-0S6_WzA2Mj"));
    // RFC 7636 Appendix B.
    QCOMPARE(query.queryItemValue(QStringLiteral("code_challenge")),
             QStringLiteral("E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM"));
    QCOMPARE(query.queryItemValue(QStringLiteral("code_challenge_method")), QStringLiteral("S256"));
    QCOMPARE(query.queryItemValue(QStringLiteral("prompt"), QUrl::FullyDecoded),
             QStringLiteral("login consent"));
    QCOMPARE(query.queryItemValue(QStringLiteral("login_hint"), QUrl::FullyDecoded),
             QStringLiteral("alice@example.com"));
    QCOMPARE(query.queryItemValue(QStringLiteral("resource"), QUrl::FullyDecoded),
             QStringLiteral("https://api.example/"));
    QVERIFY(!url.toEncoded().contains("code_verifier"));
}

void TestAuthorizationCodeFlow::generatedValuesAreLongEnough()
{
    SystemRandomSource random;
    AuthorizationCodeFlow flow(m_http.get(), random);
    flow.start(baseRequest());
    // 16 random bytes → 22 base64url characters (128 bits); the verifier 32 bytes → 43.
    QCOMPARE(flow.request().state.size(), 22);
    QCOMPARE(flow.request().nonce.size(), 22);
    QCOMPARE(flow.request().codeVerifier.size(), 43);
    QVERIFY(flow.request().state != flow.request().nonce);
    AuthorizationCodeFlow other(m_http.get(), random);
    other.start(baseRequest());
    QVERIFY(other.request().state != flow.request().state);
}

void TestAuthorizationCodeFlow::codeIsExchangedWithVerifierAndBasicAuth()
{
    const FlowResult result =
        run(baseRequest(), QStringLiteral("?code=SplxlOBeZQQYbYS6WxSbIA&state={state}&iss={iss}"));
    QVERIFY2(result.ok(), qPrintable(result.error.message));
    QCOMPARE(m_flow->step(), AuthorizationCodeFlow::Step::Succeeded);
    QCOMPARE(result.tokens.accessToken, QStringLiteral("SlAV32hkKG"));
    QCOMPARE(result.tokens.refreshToken, QStringLiteral("8xLOxBtZp8"));
    QCOMPARE(result.tokens.expiresIn, 3600);
    QVERIFY(!result.tokens.idToken.isEmpty());

    QCOMPARE(m_server->requests().size(), 1);
    const ReceivedRequest &token = m_server->requests().constFirst();
    QCOMPARE(token.method, QByteArray("POST"));
    QCOMPARE(token.target, QByteArray("/token"));
    QCOMPARE(token.header("Content-Type"), QByteArray("application/x-www-form-urlencoded"));
    // RFC 6749 §2.3.1: form-encoded id and secret, then base64.
    QCOMPARE(token.header("Authorization"),
             QByteArray("Basic czZCaGRSa3F0Mzo3RmpmcDBaQnIxS3REUmJuZlZkbUl3"));
    const auto form = RedirectMatcher::decodeForm(token.body);
    const QList<QPair<QString, QString>> expected{
        {QStringLiteral("grant_type"), QStringLiteral("authorization_code")},
        {QStringLiteral("code"), QStringLiteral("SplxlOBeZQQYbYS6WxSbIA")},
        {QStringLiteral("redirect_uri"), QStringLiteral("http://127.0.0.1:8765/callback")},
        {QStringLiteral("code_verifier"), QString::fromLatin1(m_flow->request().codeVerifier)},
    };
    QCOMPARE(form, expected);
    // Every check passed and is listed.
    QStringList rules;
    for (const Finding &finding : result.checks) {
        QCOMPARE(finding.status, Finding::Status::Pass);
        rules << finding.rule;
    }
    QCOMPARE(rules, (QStringList{QStringLiteral("state_matches"), QStringLiteral("iss_matches"),
                                 QStringLiteral("code_present")}));
    QCOMPARE(result.exchanges.size(), 1);
}

void TestAuthorizationCodeFlow::clientSecretPostAndPublicClients_data()
{
    QTest::addColumn<ClientAuth::ClientAuthentication::Method>("method");
    QTest::addColumn<bool>("secretInBody");
    QTest::addColumn<bool>("clientIdInBody");
    QTest::newRow("client_secret_post_sends_both_in_the_body")
        << ClientAuth::ClientAuthentication::Method::ClientSecretPost << true << true;
    QTest::newRow("public_client_sends_only_its_id")
        << ClientAuth::ClientAuthentication::Method::None << false << true;
    QTest::newRow("client_secret_basic_sends_neither_in_the_body")
        << ClientAuth::ClientAuthentication::Method::ClientSecretBasic << false << false;
}

void TestAuthorizationCodeFlow::clientSecretPostAndPublicClients()
{
    QFETCH(ClientAuth::ClientAuthentication::Method, method);
    QFETCH(bool, secretInBody);
    QFETCH(bool, clientIdInBody);
    AuthorizationRequest request = baseRequest();
    request.authMethod = method;
    const FlowResult result = run(request, QStringLiteral("?code=c&state={state}"));
    QVERIFY2(result.ok(), qPrintable(result.error.message));
    const ReceivedRequest &token = m_server->requests().constFirst();
    QCOMPARE(token.body.contains("client_secret=7Fjfp0ZBr1KtDRbnfVdmIw"), secretInBody);
    QCOMPARE(token.body.contains("client_id=s6BhdRkqt3"), clientIdInBody);
    QCOMPARE(token.header("Authorization").isEmpty(),
             method != ClientAuth::ClientAuthentication::Method::ClientSecretBasic);
}

void TestAuthorizationCodeFlow::badCallbacksAreRejectedBeforeAnyTokenRequest_data()
{
    QTest::addColumn<QString>("callback");
    QTest::addColumn<bool>("issRequired");
    QTest::addColumn<QString>("rule");
    QTest::addColumn<FlowError::Kind>("kind");

    QTest::newRow("state_missing_is_rejected")
        << QStringLiteral("?code=c") << false << QStringLiteral("state_present")
        << FlowError::Kind::Validation;
    QTest::newRow("state_mismatch_is_rejected")
        << QStringLiteral("?code=c&state=forged") << false << QStringLiteral("state_matches")
        << FlowError::Kind::Validation;
    QTest::newRow("iss_mismatch_is_rejected_rfc9207")
        << QStringLiteral("?code=c&state={state}&iss=https%3A%2F%2Fevil.example") << false
        << QStringLiteral("iss_matches") << FlowError::Kind::Validation;
    QTest::newRow("iss_missing_when_advertised_is_rejected")
        << QStringLiteral("?code=c&state={state}") << true << QStringLiteral("iss_present")
        << FlowError::Kind::Validation;
    QTest::newRow("code_missing_is_rejected")
        << QStringLiteral("?state={state}") << false << QStringLiteral("code_present")
        << FlowError::Kind::Validation;
    QTest::newRow("error_response_is_the_providers_error")
        << QStringLiteral("?error=access_denied&error_description=User+said+no&state={state}")
        << false << QStringLiteral("error_response") << FlowError::Kind::Provider;
    QTest::newRow("repeated_code_is_rejected")
        << QStringLiteral("?code=a&code=b&state={state}") << false
        << QStringLiteral("parameters_not_repeated") << FlowError::Kind::Validation;
}

void TestAuthorizationCodeFlow::badCallbacksAreRejectedBeforeAnyTokenRequest()
{
    QFETCH(QString, callback);
    QFETCH(bool, issRequired);
    QFETCH(QString, rule);
    QFETCH(FlowError::Kind, kind);
    AuthorizationRequest request = baseRequest();
    request.issParameterRequired = issRequired;
    const FlowResult result = run(request, callback);
    QCOMPARE(result.error.kind, kind);
    QCOMPARE(result.error.rule, rule);
    QVERIFY(!result.error.message.isEmpty());
    QCOMPARE(m_flow->step(), AuthorizationCodeFlow::Step::Failed);
    QCOMPARE(m_server->requests().size(), 0); // no token request was made
    QCOMPARE(m_transcript->size(), 0);
    if (kind == FlowError::Kind::Provider) {
        QCOMPARE(result.error.oauth.error, QStringLiteral("access_denied"));
        QCOMPARE(result.error.oauth.errorDescription, QStringLiteral("User said no"));
    }
}

void TestAuthorizationCodeFlow::stateIsSingleUse()
{
    const FlowResult first = run(baseRequest(), QStringLiteral("?code=c&state={state}"));
    QVERIFY(first.ok());
    // The same response replayed: refused, nothing more is sent, the result stands.
    m_flow->handleRedirect(RedirectMatcher::parse(QUrl(
        QStringLiteral("http://127.0.0.1:8765/callback?code=c&state=") + m_flow->request().state)));
    // A token request would be in flight at once (send() counts it before returning).
    QVERIFY(!m_http->isBusy());
    QCOMPARE(m_server->requests().size(), 1);
    QCOMPARE(m_flow->step(), AuthorizationCodeFlow::Step::Succeeded);
}

void TestAuthorizationCodeFlow::tokenErrorIsTheProvidersError()
{
    m_tokenStatus = 400;
    m_tokenAnswer = R"({"error":"invalid_grant","error_description":"code expired"})";
    const FlowResult result = run(baseRequest(), QStringLiteral("?code=c&state={state}"));
    QCOMPARE(result.error.kind, FlowError::Kind::Provider);
    QCOMPARE(result.error.oauth.error, QStringLiteral("invalid_grant"));
    QVERIFY(result.error.message.contains(QStringLiteral("code expired")));
    QCOMPARE(result.exchanges.size(), 1);
    QCOMPARE(result.exchanges.constFirst().statusCode, 400);
}

void TestAuthorizationCodeFlow::tokenResponseIsReadTolerantly()
{
    m_tokenAnswer = R"({"access_token":"at","token_type":"bearer","expires_in":"3600"})";
    const FlowResult result = run(baseRequest(), QStringLiteral("?code=c&state={state}"));
    QVERIFY2(result.ok(), qPrintable(result.error.message));
    QCOMPARE(result.tokens.expiresIn, 3600);
    QStringList warnings;
    for (const Finding &finding : result.checks) {
        if (finding.status == Finding::Status::Warn)
            warnings << finding.rule;
    }
    QCOMPARE(warnings,
             (QStringList{QStringLiteral("token_type_case"), QStringLiteral("expires_in_number")}));

    // Without an access token it is not a success, whatever the status.
    m_tokenAnswer = R"({"token_type":"Bearer"})";
    const FlowResult missing = run(baseRequest(), QStringLiteral("?code=c&state={state}"));
    QCOMPARE(missing.error.kind, FlowError::Kind::Provider);
    QVERIFY(missing.error.message.contains(QStringLiteral("access_token")));
}

void TestAuthorizationCodeFlow::cancelWhileWaiting()
{
    QSignalSpy finished(m_flow.get(), &AuthorizationCodeFlow::finished);
    m_flow->start(baseRequest());
    m_flow->cancel();
    QCOMPARE(finished.size(), 1);
    QCOMPARE(m_flow->result().error.kind, FlowError::Kind::Cancelled);
    // A response arriving after cancel is refused.
    m_flow->handleRedirect(RedirectMatcher::parse(QUrl(
        QStringLiteral("http://127.0.0.1:8765/callback?code=c&state=") + m_flow->request().state)));
    QCOMPARE(m_server->requests().size(), 0);
}

QTEST_GUILESS_MAIN(TestAuthorizationCodeFlow)
#include "TestAuthorizationCodeFlow.moc"
