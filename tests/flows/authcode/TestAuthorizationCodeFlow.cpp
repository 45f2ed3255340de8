// The authorization code flow engine: the URL it builds, the checks on the response
// (each failure named, and then no token request), the code exchange as sent, and the
// token response read tolerantly. The token endpoint is a loopback server that records.
#include "authcode/AuthorizationCodeFlow.h"
#include "common/Clock.h"
#include "common/RandomSource.h"
#include "http/HttpClient.h"
#include "http/Transcript.h"
#include "jose/IdTokenValidator.h"
#include "redirect/RedirectMatcher.h"
#include "support/LoopbackServer.h"
#include "support/TestSigner.h"

#include <QJsonDocument>
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

const QString ClientId = QStringLiteral("s6BhdRkqt3");

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
    void responseAfterCancelIsRefusedVisibly();
    void tokenErrorIsTheProvidersError();
    void tokenResponseIsReadTolerantly();
    void cancelWhileWaiting();
    void idTokenFromTheTokenEndpointIsVerified_data();
    void idTokenFromTheTokenEndpointIsVerified();
    void implicitTokensComeFromTheFragment_data();
    void implicitTokensComeFromTheFragment();
    void implicitResponseWithoutItsTokensIsRejected();
    void issMayBeLeftToTheIdTokenOnlyWhenOneIsThere();
    void hybridIdTokenIsCheckedBeforeTheCodeIsUsed_data();
    void hybridIdTokenIsCheckedBeforeTheCodeIsUsed();
    void hybridEndsWithTheTokenEndpointsTokens();
    void userinfoSubMustEqualTheIdTokens();
    void unknownResponseTypeIsAUsageError();

private:
    QJsonObject idClaims() const;
    QByteArray frontIdToken() const;
    QByteArray tokenAnswer() const;
    int tokenRequests() const;
    AuthorizationRequest baseRequest() const;
    // callbackQuery with {state}, {iss} and {id_token} filled in.
    QString fill(const QString &callbackQuery) const;
    // Starts the flow, delivers earlierQuery first when given, then callbackQuery.
    FlowResult run(const AuthorizationRequest &request, const QString &callbackQuery,
                   const QString &earlierQuery = QString());
    static const Finding *findFailure(const FlowResult &result, const QString &rule);

    std::unique_ptr<LoopbackServer> m_server;
    QByteArray m_tokenAnswer;     // empty: a token response with a good ID token
    QJsonObject m_claimOverrides; // a null value removes the claim
    QJsonObject m_frontOverrides; // for {id_token}, after the hashes
    QByteArray m_userinfoAnswer;
    int m_tokenStatus = 200;
    Testing::TestSigner m_signer;
    SystemClock m_clock;
    FixedRandomSource m_random{QByteArray::fromHex("0123456789abcdef")};
    std::unique_ptr<QNetworkAccessManager> m_network;
    std::unique_ptr<Http::Transcript> m_transcript;
    std::unique_ptr<Http::HttpClient> m_http;
    std::unique_ptr<AuthorizationCodeFlow> m_flow;
};

QJsonObject TestAuthorizationCodeFlow::idClaims() const
{
    const qint64 now = QDateTime::currentSecsSinceEpoch();
    QJsonObject claims{
        {QStringLiteral("iss"), Issuer},   {QStringLiteral("sub"), QStringLiteral("alice")},
        {QStringLiteral("aud"), ClientId}, {QStringLiteral("exp"), now + 300},
        {QStringLiteral("iat"), now},      {QStringLiteral("nonce"), m_flow->request().nonce}};
    for (auto it = m_claimOverrides.begin(); it != m_claimOverrides.end(); ++it) {
        if (it.value().isNull())
            claims.remove(it.key());
        else
            claims.insert(it.key(), it.value());
    }
    return claims;
}

// The ID token of an implicit or hybrid response whose code is "c" and access token "at".
QByteArray TestAuthorizationCodeFlow::frontIdToken() const
{
    QJsonObject claims = idClaims();
    claims.insert(QStringLiteral("c_hash"),
                  Jose::IdTokenValidator::leftHalfHash("c", QStringLiteral("ES256")));
    claims.insert(QStringLiteral("at_hash"),
                  Jose::IdTokenValidator::leftHalfHash("at", QStringLiteral("ES256")));
    for (auto it = m_frontOverrides.begin(); it != m_frontOverrides.end(); ++it) {
        if (it.value().isNull())
            claims.remove(it.key());
        else
            claims.insert(it.key(), it.value());
    }
    return m_signer.sign(claims);
}

QByteArray TestAuthorizationCodeFlow::tokenAnswer() const
{
    if (!m_tokenAnswer.isEmpty())
        return m_tokenAnswer;
    return R"({"access_token":"SlAV32hkKG","token_type":"Bearer","expires_in":3600,)"
           R"("refresh_token":"8xLOxBtZp8","id_token":")" +
           m_signer.sign(idClaims()) + R"("})";
}

int TestAuthorizationCodeFlow::tokenRequests() const
{
    const auto requests = m_server->requests();
    return int(std::count_if(requests.cbegin(), requests.cend(),
                             [](const ReceivedRequest &r) { return r.target == "/token"; }));
}

void TestAuthorizationCodeFlow::init()
{
    m_tokenAnswer.clear();
    m_claimOverrides = {};
    m_frontOverrides = {};
    m_userinfoAnswer = R"({"sub":"alice","name":"Alice"})";
    m_tokenStatus = 200;
    m_server = std::make_unique<LoopbackServer>(
        [this](const ReceivedRequest &request, QTcpSocket *socket) {
            if (request.target == "/jwks") {
                LoopbackServer::respondJson(socket, 200, m_signer.jwks());
            } else if (request.target == "/userinfo") {
                LoopbackServer::respondJson(socket, 200, m_userinfoAnswer);
            } else {
                LoopbackServer::respond(
                    socket, m_tokenStatus, m_tokenStatus == 200 ? "OK" : "Bad Request",
                    {{"Content-Type", "application/json"}, {"Cache-Control", "no-store"}},
                    tokenAnswer());
            }
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
    request.clientId = ClientId;
    request.jwksUri = m_server->url("/jwks");
    request.clientSecret = "7Fjfp0ZBr1KtDRbnfVdmIw";
    request.redirectUri = QUrl(QStringLiteral("http://127.0.0.1:8765/callback"));
    request.scope = QStringLiteral("openid profile");
    return request;
}

QString TestAuthorizationCodeFlow::fill(const QString &callbackQuery) const
{
    QString query = callbackQuery;
    query.replace(QStringLiteral("{state}"), m_flow->request().state);
    query.replace(QStringLiteral("{iss}"), QString::fromLatin1(QUrl::toPercentEncoding(Issuer)));
    if (query.contains(QStringLiteral("{id_token}")))
        query.replace(QStringLiteral("{id_token}"), QString::fromLatin1(frontIdToken()));
    return query;
}

FlowResult TestAuthorizationCodeFlow::run(const AuthorizationRequest &request,
                                          const QString &callbackQuery, const QString &earlierQuery)
{
    QSignalSpy finished(m_flow.get(), &AuthorizationCodeFlow::finished);
    m_flow->start(request);
    const QString callback = QStringLiteral("http://127.0.0.1:8765/callback");
    if (!earlierQuery.isEmpty()) {
        m_flow->handleRedirect(RedirectMatcher::parse(QUrl(callback + fill(earlierQuery))));
        if (finished.isEmpty() && !finished.wait(10'000))
            qWarning("the flow did not finish with the earlier response");
    }
    m_flow->handleRedirect(RedirectMatcher::parse(QUrl(callback + fill(callbackQuery))));
    if (finished.isEmpty() && !finished.wait(10'000))
        qWarning("the flow did not finish");
    return m_flow->result();
}

const Finding *TestAuthorizationCodeFlow::findFailure(const FlowResult &result, const QString &rule)
{
    const auto failed =
        std::find_if(result.checks.cbegin(), result.checks.cend(), [&rule](const Finding &f) {
            return f.rule == rule && f.status == Finding::Status::Fail;
        });
    return failed == result.checks.cend() ? nullptr : &*failed;
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
    request.acrValues = QStringLiteral("urn:mace:incommon:iap:silver loa-2");
    request.claims = QStringLiteral(R"({"id_token":{"email":{"essential":true}}})");
    request.uiLocales = QStringLiteral("zh-CN en");
    request.idTokenHint = QStringLiteral("eyJhbGciOiJub25lIn0.eyJzdWIiOiJhbGljZSJ9.");
    request.responseMode = QStringLiteral("form_post");
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
    QCOMPARE(query.queryItemValue(QStringLiteral("max_age")), QStringLiteral("300"));
    QCOMPARE(query.queryItemValue(QStringLiteral("acr_values"), QUrl::FullyDecoded),
             QStringLiteral("urn:mace:incommon:iap:silver loa-2"));
    QCOMPARE(query.queryItemValue(QStringLiteral("claims"), QUrl::FullyDecoded),
             QStringLiteral(R"({"id_token":{"email":{"essential":true}}})"));
    QCOMPARE(query.queryItemValue(QStringLiteral("ui_locales"), QUrl::FullyDecoded),
             QStringLiteral("zh-CN en"));
    QCOMPARE(query.queryItemValue(QStringLiteral("id_token_hint")),
             QStringLiteral("eyJhbGciOiJub25lIn0.eyJzdWIiOiJhbGljZSJ9."));
    QCOMPARE(query.queryItemValue(QStringLiteral("response_mode")), QStringLiteral("form_post"));
    QCOMPARE(query.queryItemValue(QStringLiteral("resource"), QUrl::FullyDecoded),
             QStringLiteral("https://api.example/"));
    // Each parameter once: nothing is sent twice.
    for (const auto &[name, value] : query.queryItems())
        QCOMPARE(query.allQueryItemValues(name).size(), 1);
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

    QCOMPARE(tokenRequests(), 1);
    const ReceivedRequest &token = m_server->requests().constFirst();
    QCOMPARE(token.target, QByteArray("/token")); // the code first, then the keys
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
    QCOMPARE(rules.mid(0, 3),
             (QStringList{QStringLiteral("state_matches"), QStringLiteral("iss_matches"),
                          QStringLiteral("code_present")}));
    // Then the token endpoint's ID token: signature and claims.
    for (const char *rule :
         {"signature_verified", "id_token_iss", "id_token_aud", "id_token_exp", "id_token_nonce"})
        QVERIFY2(rules.contains(QString::fromLatin1(rule)), rule);
    QCOMPARE(result.exchanges.size(), 2); // token, JWKS
    QCOMPARE(result.exchanges.at(1).url, m_server->url("/jwks"));
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
    QTest::addColumn<QString>("earlier"); // a response delivered first, when not empty
    QTest::addColumn<QString>("callback");
    QTest::addColumn<bool>("issRequired");
    QTest::addColumn<QString>("rule");
    QTest::addColumn<FlowError::Kind>("kind");
    QTest::addColumn<QString>("expected"); // {state} is the state sent
    QTest::addColumn<QString>("actual");

    const QString none = QStringLiteral("(absent)");
    QTest::newRow("state_missing_is_rejected")
        << QString() << QStringLiteral("?code=c") << false << QStringLiteral("state_present")
        << FlowError::Kind::Validation << QStringLiteral("{state}") << none;
    QTest::newRow("state_mismatch_is_rejected")
        << QString() << QStringLiteral("?code=c&state=forged") << false
        << QStringLiteral("state_matches") << FlowError::Kind::Validation
        << QStringLiteral("{state}") << QStringLiteral("forged");
    // The response to a run that is over (here: it ended with an error response) carries
    // the right state, and is refused all the same; the first outcome stands.
    QTest::newRow("state_reused_is_rejected")
        << QStringLiteral("?error=access_denied&state={state}")
        << QStringLiteral("?code=c&state={state}") << false << QStringLiteral("state_single_use")
        << FlowError::Kind::Provider
        << QStringLiteral("no response after the first for state “{state}”")
        << QStringLiteral("a response with state “{state}”");
    QTest::newRow("iss_mismatch_is_rejected_rfc9207")
        << QString() << QStringLiteral("?code=c&state={state}&iss=https%3A%2F%2Fevil.example")
        << false << QStringLiteral("iss_matches") << FlowError::Kind::Validation << Issuer
        << QStringLiteral("https://evil.example");
    QTest::newRow("iss_missing_when_advertised_is_rejected")
        << QString() << QStringLiteral("?code=c&state={state}") << true
        << QStringLiteral("iss_present") << FlowError::Kind::Validation << Issuer << none;
    QTest::newRow("code_missing_is_rejected")
        << QString() << QStringLiteral("?state={state}") << false << QStringLiteral("code_present")
        << FlowError::Kind::Validation << QStringLiteral("an authorization code") << none;
    QTest::newRow("error_response_is_the_providers_error")
        << QString()
        << QStringLiteral("?error=access_denied&error_description=User+said+no&state={state}")
        << false << QStringLiteral("error_response") << FlowError::Kind::Provider
        << QStringLiteral("a code or tokens") << QStringLiteral("access_denied");
    QTest::newRow("repeated_code_is_rejected")
        << QString() << QStringLiteral("?code=a&code=b&state={state}") << false
        << QStringLiteral("parameters_not_repeated") << FlowError::Kind::Validation
        << QStringLiteral("each parameter once") << QStringLiteral("code");
}

void TestAuthorizationCodeFlow::badCallbacksAreRejectedBeforeAnyTokenRequest()
{
    QFETCH(QString, earlier);
    QFETCH(QString, callback);
    QFETCH(bool, issRequired);
    QFETCH(QString, rule);
    QFETCH(FlowError::Kind, kind);
    QFETCH(QString, expected);
    QFETCH(QString, actual);
    AuthorizationRequest request = baseRequest();
    request.issParameterRequired = issRequired;
    QSignalSpy refused(m_flow.get(), &AuthorizationCodeFlow::redirectRefused);
    const FlowResult result = run(request, callback, earlier);
    QCOMPARE(result.error.kind, kind);
    QVERIFY(!result.error.message.isEmpty());
    QCOMPARE(m_flow->step(), AuthorizationCodeFlow::Step::Failed);
    QCOMPARE(m_server->requests().size(), 0); // no token request was made
    QCOMPARE(m_transcript->size(), 0);
    // The check is named, with what was expected and what arrived.
    const Finding *failed = findFailure(result, rule);
    QVERIFY2(failed, qPrintable(rule));
    QCOMPARE(failed->expected, fill(expected));
    QCOMPARE(failed->actual, fill(actual));
    QVERIFY(!failed->message.isEmpty());
    QVERIFY(!failed->spec.isEmpty());
    if (earlier.isEmpty()) {
        QCOMPARE(result.error.rule, rule);
        QCOMPARE(refused.size(), 0);
    } else {
        // Refused visibly: a signal with the finding, and the last check of the result.
        QCOMPARE(refused.size(), 1);
        QCOMPARE(refused.at(0).at(0).value<Finding>().rule, rule);
        QCOMPARE(result.checks.constLast().rule, rule);
    }
    if (kind == FlowError::Kind::Provider && earlier.isEmpty()) {
        QCOMPARE(result.error.oauth.error, QStringLiteral("access_denied"));
        QCOMPARE(result.error.oauth.errorDescription, QStringLiteral("User said no"));
    }
}

void TestAuthorizationCodeFlow::stateIsSingleUse()
{
    const FlowResult first = run(baseRequest(), QStringLiteral("?code=c&state={state}"));
    QVERIFY(first.ok());
    QSignalSpy refused(m_flow.get(), &AuthorizationCodeFlow::redirectRefused);
    QSignalSpy finished(m_flow.get(), &AuthorizationCodeFlow::finished);
    // The same response replayed: refused, nothing more is sent, the result stands.
    m_flow->handleRedirect(RedirectMatcher::parse(QUrl(
        QStringLiteral("http://127.0.0.1:8765/callback?code=c&state=") + m_flow->request().state)));
    // A token request would be in flight at once (send() counts it before returning).
    QVERIFY(!m_http->isBusy());
    QCOMPARE(tokenRequests(), 1);
    QCOMPARE(m_flow->step(), AuthorizationCodeFlow::Step::Succeeded);
    QVERIFY(m_flow->result().ok());
    QCOMPARE(finished.size(), 0);
    // ...and visibly: a failed check named state_single_use.
    QCOMPARE(refused.size(), 1);
    const auto finding = refused.at(0).at(0).value<Finding>();
    QCOMPARE(finding.rule, QStringLiteral("state_single_use"));
    QCOMPARE(finding.status, Finding::Status::Fail);
    QVERIFY(finding.expected.contains(m_flow->request().state));
    QVERIFY(finding.actual.contains(m_flow->request().state));
    QCOMPARE(m_flow->result().checks.constLast().rule, QStringLiteral("state_single_use"));
}

void TestAuthorizationCodeFlow::responseAfterCancelIsRefusedVisibly()
{
    QSignalSpy refused(m_flow.get(), &AuthorizationCodeFlow::redirectRefused);
    m_flow->start(baseRequest());
    m_flow->cancel();
    // A response without state after the cancel: refused, and it says what arrived.
    m_flow->handleRedirect(
        RedirectMatcher::parse(QUrl(QStringLiteral("http://127.0.0.1:8765/callback?code=c"))));
    QCOMPARE(refused.size(), 1);
    const auto finding = refused.at(0).at(0).value<Finding>();
    QCOMPARE(finding.rule, QStringLiteral("state_single_use"));
    QCOMPARE(finding.actual, QStringLiteral("a response without state"));
    QCOMPARE(m_flow->result().error.kind, FlowError::Kind::Cancelled);
    QCOMPARE(m_server->requests().size(), 0);
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

void TestAuthorizationCodeFlow::idTokenFromTheTokenEndpointIsVerified_data()
{
    QTest::addColumn<QJsonObject>("overrides");
    QTest::addColumn<QString>("rule");
    const QJsonValue absent(QJsonValue::Null);
    QTest::newRow("control_good_token_passes") << QJsonObject() << QString();
    QTest::newRow("wrong_issuer_fails")
        << QJsonObject{{QStringLiteral("iss"), QStringLiteral("https://evil.example")}}
        << QStringLiteral("id_token_iss");
    QTest::newRow("other_audience_fails")
        << QJsonObject{{QStringLiteral("aud"), QStringLiteral("someone-else")}}
        << QStringLiteral("id_token_aud");
    QTest::newRow("expired_fails")
        << QJsonObject{{QStringLiteral("exp"), QDateTime::currentSecsSinceEpoch() - 3600}}
        << QStringLiteral("id_token_exp");
    QTest::newRow("replayed_nonce_fails")
        << QJsonObject{{QStringLiteral("nonce"), QStringLiteral("from-another-login")}}
        << QStringLiteral("id_token_nonce");
    QTest::newRow("missing_nonce_fails")
        << QJsonObject{{QStringLiteral("nonce"), absent}} << QStringLiteral("id_token_nonce");
}

void TestAuthorizationCodeFlow::idTokenFromTheTokenEndpointIsVerified()
{
    QFETCH(QJsonObject, overrides);
    QFETCH(QString, rule);
    m_claimOverrides = overrides;
    const FlowResult result = run(baseRequest(), QStringLiteral("?code=c&state={state}"));
    if (rule.isEmpty()) {
        QVERIFY2(result.ok(), qPrintable(result.error.message));
        return;
    }
    QCOMPARE(result.error.kind, FlowError::Kind::Validation);
    QCOMPARE(result.error.rule, rule);
    QVERIFY(!result.tokens.idToken.isEmpty()); // nothing is lost: the token is kept to show
}

void TestAuthorizationCodeFlow::implicitTokensComeFromTheFragment_data()
{
    QTest::addColumn<QString>("responseType");
    QTest::addColumn<QString>("callback");
    QTest::addColumn<bool>("idToken");
    QTest::newRow("id_token_token")
        << QStringLiteral("id_token token")
        << QStringLiteral("#access_token=at&token_type=Bearer&expires_in=60&id_token={id_token}"
                          "&state={state}&iss={iss}")
        << true;
    // Plain OAuth 2.0 implicit (RFC 6749 §4.2): an access token and no ID token.
    QTest::newRow("token") << QStringLiteral("token")
                           << QStringLiteral(
                                  "#access_token=at&token_type=Bearer&expires_in=60&scope=openid"
                                  "&state={state}&iss={iss}")
                           << false;
}

void TestAuthorizationCodeFlow::implicitTokensComeFromTheFragment()
{
    QFETCH(QString, responseType);
    QFETCH(QString, callback);
    QFETCH(bool, idToken);
    AuthorizationRequest request = baseRequest();
    request.responseType = responseType;
    const FlowResult result = run(request, callback);
    QVERIFY2(result.ok(), qPrintable(result.error.message));
    QCOMPARE(QUrlQuery(result.authorizationUrl)
                 .queryItemValue(QStringLiteral("response_type"), QUrl::FullyDecoded),
             responseType);
    QCOMPARE(result.redirect.source, Redirect::RedirectResult::Source::Fragment);
    QCOMPARE(result.tokens.accessToken, QStringLiteral("at"));
    QCOMPARE(result.tokens.tokenType, QStringLiteral("Bearer"));
    QCOMPARE(result.tokens.expiresIn, 60);
    QCOMPARE(!result.tokens.idToken.isEmpty(), idToken);
    QCOMPARE(tokenRequests(), 0);                           // implicit: no token endpoint
    QCOMPARE(m_server->requests().size(), idToken ? 1 : 0); // the keys, for an ID token
    QVERIFY(!m_flow->result().authorizationUrl.toEncoded().contains("code_challenge"));
    QStringList passed;
    for (const Finding &finding : result.checks) {
        if (finding.status == Finding::Status::Pass)
            passed << finding.rule;
    }
    QVERIFY(passed.contains(QStringLiteral("state_matches")));
    QVERIFY(!passed.contains(QStringLiteral("code_present")));
    QCOMPARE(passed.contains(QStringLiteral("id_token_at_hash")), idToken);
    QCOMPARE(passed.contains(QStringLiteral("signature_verified")), idToken);

    // Without its access token, a token response is not a success.
    const FlowResult missing =
        run(request, QStringLiteral("#token_type=Bearer&id_token={id_token}&state={state}"));
    QCOMPARE(missing.error.kind, FlowError::Kind::Validation);
    QCOMPARE(missing.error.rule, QStringLiteral("response_tokens_present"));
}

void TestAuthorizationCodeFlow::implicitResponseWithoutItsTokensIsRejected()
{
    AuthorizationRequest request = baseRequest();
    request.responseType = QStringLiteral("id_token token");
    const FlowResult result =
        run(request, QStringLiteral("#access_token=at&token_type=Bearer&state={state}"));
    QCOMPARE(result.error.kind, FlowError::Kind::Validation);
    QCOMPARE(result.error.rule, QStringLiteral("response_tokens_present"));
}

void TestAuthorizationCodeFlow::issMayBeLeftToTheIdTokenOnlyWhenOneIsThere()
{
    AuthorizationRequest request = baseRequest();
    request.issParameterRequired = true;
    request.responseType = QStringLiteral("code id_token");
    FlowResult result = run(request, QStringLiteral("#code=c&id_token={id_token}&state={state}"));
    QVERIFY2(result.ok(), qPrintable(result.error.message));
    // Without an ID token in the response, a missing iss fails as before.
    request.responseType = QStringLiteral("code token");
    result =
        run(request, QStringLiteral("#code=c&access_token=at&token_type=Bearer&state={state}"));
    QCOMPARE(result.error.rule, QStringLiteral("iss_present"));
    QCOMPARE(tokenRequests(), 1); // only the first run's
}

void TestAuthorizationCodeFlow::hybridIdTokenIsCheckedBeforeTheCodeIsUsed_data()
{
    QTest::addColumn<QString>("responseType");
    QTest::addColumn<QJsonObject>("overrides");
    QTest::addColumn<QString>("rule");
    const QJsonValue absent(QJsonValue::Null);
    QTest::newRow("control_code_id_token")
        << QStringLiteral("code id_token") << QJsonObject() << QString();
    QTest::newRow("control_code_id_token_token")
        << QStringLiteral("code id_token token") << QJsonObject() << QString();
    QTest::newRow("c_hash_of_another_code_fails")
        << QStringLiteral("code id_token")
        << QJsonObject{{QStringLiteral("c_hash"),
                        Jose::IdTokenValidator::leftHalfHash("stolen", QStringLiteral("ES256"))}}
        << QStringLiteral("id_token_c_hash");
    QTest::newRow("c_hash_missing_fails")
        << QStringLiteral("code id_token") << QJsonObject{{QStringLiteral("c_hash"), absent}}
        << QStringLiteral("id_token_c_hash");
    QTest::newRow("at_hash_missing_fails_with_token")
        << QStringLiteral("code id_token token") << QJsonObject{{QStringLiteral("at_hash"), absent}}
        << QStringLiteral("id_token_at_hash");
    QTest::newRow("wrong_nonce_fails")
        << QStringLiteral("code id_token")
        << QJsonObject{{QStringLiteral("nonce"), QStringLiteral("replayed")}}
        << QStringLiteral("id_token_nonce");
}

void TestAuthorizationCodeFlow::hybridIdTokenIsCheckedBeforeTheCodeIsUsed()
{
    QFETCH(QString, responseType);
    QFETCH(QJsonObject, overrides);
    QFETCH(QString, rule);
    m_frontOverrides = overrides;
    AuthorizationRequest request = baseRequest();
    request.responseType = responseType;
    const FlowResult result =
        run(request, QStringLiteral("#code=c&access_token=at&token_type=Bearer&id_token={id_token}"
                                    "&state={state}"));
    if (rule.isEmpty()) {
        QVERIFY2(result.ok(), qPrintable(result.error.message));
        QCOMPARE(tokenRequests(), 1);
        return;
    }
    QCOMPARE(result.error.kind, FlowError::Kind::Validation);
    QCOMPARE(result.error.rule, rule);
    QCOMPARE(tokenRequests(), 0); // the code was never used
    const auto failed = std::find_if(result.checks.cbegin(), result.checks.cend(),
                                     [&rule](const Finding &f) { return f.rule == rule; });
    QVERIFY(failed != result.checks.cend());
    QCOMPARE(failed->subject, QStringLiteral("id_token (authorization response)"));
}

void TestAuthorizationCodeFlow::hybridEndsWithTheTokenEndpointsTokens()
{
    AuthorizationRequest request = baseRequest();
    request.responseType = QStringLiteral("code id_token");
    m_claimOverrides = {{QStringLiteral("sub"), QStringLiteral("mallory")}};
    // The front channel's token names alice; the token endpoint's names mallory.
    m_frontOverrides = {{QStringLiteral("sub"), QStringLiteral("alice")}};
    FlowResult result = run(request, QStringLiteral("#code=c&id_token={id_token}&state={state}"));
    QCOMPARE(result.error.rule, QStringLiteral("id_token_same_subject"));
    QCOMPARE(tokenRequests(), 1);

    m_claimOverrides = {};
    m_frontOverrides = {};
    result = run(request, QStringLiteral("#code=c&id_token={id_token}&state={state}"));
    QVERIFY2(result.ok(), qPrintable(result.error.message));
    QCOMPARE(result.tokens.accessToken, QStringLiteral("SlAV32hkKG")); // the token endpoint's
    QVERIFY(result.frontChannel.accessToken.isEmpty());
    QVERIFY(!result.frontChannel.idToken.isEmpty());
    QVERIFY(result.frontChannel.idToken != result.tokens.idToken);
}

void TestAuthorizationCodeFlow::userinfoSubMustEqualTheIdTokens()
{
    AuthorizationRequest request = baseRequest();
    request.callUserinfo = true;
    request.userinfoEndpoint = m_server->url("/userinfo");
    FlowResult result = run(request, QStringLiteral("?code=c&state={state}"));
    QVERIFY2(result.ok(), qPrintable(result.error.message));
    QCOMPARE(result.userinfo.value(QLatin1String("name")).toString(), QStringLiteral("Alice"));
    QCOMPARE(result.checks.constLast().rule, QStringLiteral("userinfo_sub_matches"));

    m_userinfoAnswer = R"({"sub":"bob"})";
    result = run(request, QStringLiteral("?code=c&state={state}"));
    QCOMPARE(result.error.kind, FlowError::Kind::Validation);
    QCOMPARE(result.error.rule, QStringLiteral("userinfo_sub_matches"));
    QCOMPARE(result.checks.constLast().actual, QStringLiteral("bob"));
}

void TestAuthorizationCodeFlow::unknownResponseTypeIsAUsageError()
{
    AuthorizationRequest request = baseRequest();
    request.responseType = QStringLiteral("code code");
    QSignalSpy ready(m_flow.get(), &AuthorizationCodeFlow::authorizationUrlReady);
    m_flow->start(request);
    QCOMPARE(ready.size(), 0);
    QCOMPARE(m_flow->result().error.kind, FlowError::Kind::Usage);
    request.responseType = QStringLiteral("id_token");
    request.scope = QStringLiteral("profile"); // an ID token needs openid
    m_flow->start(request);
    QCOMPARE(ready.size(), 0);
    QCOMPARE(m_flow->result().error.kind, FlowError::Kind::Usage);
}

QTEST_GUILESS_MAIN(TestAuthorizationCodeFlow)
#include "TestAuthorizationCodeFlow.moc"
