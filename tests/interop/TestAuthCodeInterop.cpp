// Authorization code + PKCE against a real OpenID provider (oidc-provider on 127.0.0.1):
// the engine builds the request, a headless user logs in and consents over HTTP, the
// loopback listener captures the response, the engine checks it and exchanges the code.
#include "authcode/AuthorizationCodeFlow.h"
#include "common/Clock.h"
#include "common/RandomSource.h"
#include "discovery/DiscoveryClient.h"
#include "http/HttpClient.h"
#include "http/Transcript.h"
#include "redirect/LoopbackListener.h"
#include "support/HeadlessLogin.h"
#include "support/InteropProvider.h"

#include <QNetworkAccessManager>
#include <QSignalSpy>
#include <QTest>

using namespace Tokenscope;
using namespace Tokenscope::AuthCode;

class TestAuthCodeInterop final : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void init();
    void cleanup();
    void codeWithPkceCompletes_data();
    void codeWithPkceCompletes();
    void providerRefusesAMissingVerifier();
    void forgedStateIsRejectedBeforeTheTokenRequest();
    void implicitAndHybridComplete_data();
    void implicitAndHybridComplete();

private:
    AuthorizationRequest request(const QUrl &redirectUri) const;
    FlowResult runWith(const AuthorizationRequest &request, const QString &forgedState = {});

    Discovery::ProviderMetadata m_metadata;
    SystemClock m_clock;
    SystemRandomSource m_random;
    std::unique_ptr<Testing::HttpStack> m_stack;
};

void TestAuthCodeInterop::initTestCase()
{
    const Discovery::DiscoveryResult discovered = Testing::discoverInteropProvider(m_clock);
    QVERIFY2(discovered.ok(), qPrintable(discovered.error.message));
    m_metadata = discovered.metadata;
}

void TestAuthCodeInterop::init()
{
    m_stack = std::make_unique<Testing::HttpStack>(m_clock);
}

void TestAuthCodeInterop::cleanup()
{
    m_stack.reset();
}

AuthorizationRequest TestAuthCodeInterop::request(const QUrl &redirectUri) const
{
    AuthorizationRequest r;
    r.issuer = m_metadata.issuer;
    r.authorizationEndpoint = m_metadata.endpoint(QStringLiteral("authorization_endpoint"));
    r.tokenEndpoint = m_metadata.endpoint(QStringLiteral("token_endpoint"));
    r.issParameterRequired = m_metadata.authorizationResponseIssParameterSupported;
    r.clientId = QStringLiteral("tokenscope-public");
    r.authMethod = ClientAuth::ClientAuthentication::Method::None;
    r.scope = QStringLiteral("openid profile");
    r.redirectUri = redirectUri;
    r.jwksUri = m_metadata.endpoint(QStringLiteral("jwks_uri"));
    r.userinfoEndpoint = m_metadata.endpoint(QStringLiteral("userinfo_endpoint"));
    r.callUserinfo = true;
    return r;
}

FlowResult TestAuthCodeInterop::runWith(const AuthorizationRequest &base,
                                        const QString &forgedState)
{
    Redirect::LoopbackListener listener;
    if (!listener.listen(0, QStringLiteral("/callback")))
        qWarning("cannot listen: %s", qPrintable(listener.errorString()));
    AuthorizationRequest r = base;
    r.redirectUri = listener.redirectUri();
    AuthorizationCodeFlow flow(&m_stack->http, m_random);
    connect(&listener, &Redirect::LoopbackListener::redirectReceived, &flow,
            [&flow, forgedState](Redirect::RedirectResult result) {
                if (!forgedState.isEmpty()) {
                    for (auto &parameter : result.parameters) {
                        if (parameter.first == QLatin1String("state"))
                            parameter.second = forgedState;
                    }
                }
                flow.handleRedirect(result);
            });
    QSignalSpy finished(&flow, &AuthorizationCodeFlow::finished);
    flow.start(r);
    Testing::HeadlessLogin user;
    const bool delivered = user.run(flow.result().authorizationUrl, listener.redirectUri());
    if (!delivered)
        qWarning("%s", qPrintable(user.log().join(QLatin1Char('\n'))));
    if (finished.isEmpty() && !finished.wait(20'000))
        qWarning("the flow did not finish");
    return flow.result();
}

void TestAuthCodeInterop::codeWithPkceCompletes_data()
{
    QTest::addColumn<QString>("responseMode");
    QTest::newRow("query_response") << QString();
    QTest::newRow("form_post_response") << QStringLiteral("form_post");
}

void TestAuthCodeInterop::codeWithPkceCompletes()
{
    QFETCH(QString, responseMode);
    AuthorizationRequest r = request(QUrl());
    r.responseMode = responseMode;
    const FlowResult result = runWith(r);
    QVERIFY2(result.ok(), qPrintable(result.error.message));
    QVERIFY(!result.tokens.accessToken.isEmpty());
    QVERIFY(!result.tokens.idToken.isEmpty());
    QCOMPARE(result.tokens.tokenType, QStringLiteral("Bearer"));
    QCOMPARE(result.redirect.source, responseMode.isEmpty()
                                         ? Redirect::RedirectResult::Source::Query
                                         : Redirect::RedirectResult::Source::FormPost);
    // The provider sends iss (RFC 9207): checked and passed.
    const auto iss =
        std::find_if(result.checks.cbegin(), result.checks.cend(),
                     [](const Finding &f) { return f.rule == QLatin1String("iss_matches"); });
    QVERIFY(iss != result.checks.cend());
    QCOMPARE(iss->status, Finding::Status::Pass);
    // The token request went out once and carried the verifier; then the keys, then
    // UserInfo, whose sub is the ID token's.
    QCOMPARE(result.exchanges.size(), 3);
    QVERIFY(result.exchanges.constFirst().requestBody.contains("code_verifier="));
    QCOMPARE(result.exchanges.constFirst().statusCode, 200);
    QCOMPARE(result.exchanges.at(1).url, m_metadata.endpoint(QStringLiteral("jwks_uri")));
    QCOMPARE(result.userinfo.value(QLatin1String("sub")).toString(), QStringLiteral("alice"));
    QStringList passed;
    for (const Finding &finding : result.checks) {
        QVERIFY2(finding.status != Finding::Status::Fail, qPrintable(finding.message));
        if (finding.status == Finding::Status::Pass)
            passed << finding.rule;
    }
    for (const char *rule : {"signature_verified", "id_token_iss", "id_token_aud", "id_token_nonce",
                             "userinfo_sub_matches"})
        QVERIFY2(passed.contains(QString::fromLatin1(rule)), rule);
}

void TestAuthCodeInterop::implicitAndHybridComplete_data()
{
    QTest::addColumn<QString>("responseType");
    QTest::addColumn<QString>("responseMode");
    QTest::addColumn<QStringList>("frontRules"); // must pass on the front-channel ID token
    const QStringList common{QStringLiteral("signature_verified"),
                             QStringLiteral("id_token_nonce")};
    QTest::newRow("implicit_id_token") << QStringLiteral("id_token") << QString() << common;
    QTest::newRow("implicit_id_token_token")
        << QStringLiteral("id_token token") << QString()
        << (common + QStringList{QStringLiteral("id_token_at_hash")});
    QTest::newRow("hybrid_code_id_token")
        << QStringLiteral("code id_token") << QString()
        << (common + QStringList{QStringLiteral("id_token_c_hash")});
    QTest::newRow("hybrid_code_token_form_post")
        << QStringLiteral("code token") << QStringLiteral("form_post") << QStringList();
    QTest::newRow("hybrid_code_id_token_token_form_post")
        << QStringLiteral("code id_token token") << QStringLiteral("form_post")
        << (common +
            QStringList{QStringLiteral("id_token_c_hash"), QStringLiteral("id_token_at_hash")});
}

void TestAuthCodeInterop::implicitAndHybridComplete()
{
    QFETCH(QString, responseType);
    QFETCH(QString, responseMode);
    QFETCH(QStringList, frontRules);
    AuthorizationRequest r = request(QUrl());
    r.clientId = QStringLiteral("tokenscope-hybrid");
    r.responseType = responseType;
    r.responseMode = responseMode;
    const FlowResult result = runWith(r);
    QVERIFY2(result.ok(), qPrintable(result.error.message));
    QCOMPARE(result.redirect.source, responseMode.isEmpty()
                                         ? Redirect::RedirectResult::Source::Fragment
                                         : Redirect::RedirectResult::Source::FormPost);
    const ResponseType type(responseType);
    QCOMPARE(result.frontChannel.accessToken.isEmpty(), !type.hasToken());
    QCOMPARE(result.frontChannel.idToken.isEmpty(), !type.hasIdToken());
    QVERIFY(!result.tokens.accessToken.isEmpty() || responseType == QLatin1String("id_token"));
    const bool exchanged =
        std::any_of(result.exchanges.cbegin(), result.exchanges.cend(),
                    [&r](const Http::Exchange &e) { return e.url == r.tokenEndpoint; });
    QCOMPARE(exchanged, type.hasCode());
    for (const QString &rule : std::as_const(frontRules)) {
        const auto found =
            std::find_if(result.checks.cbegin(), result.checks.cend(), [&rule](const Finding &f) {
                return f.rule == rule && f.status == Finding::Status::Pass &&
                       (f.subject.isEmpty() || f.subject.contains(QLatin1String("authorization")));
            });
        QVERIFY2(found != result.checks.cend(), qPrintable(rule));
    }
    for (const Finding &finding : result.checks)
        QVERIFY2(finding.status != Finding::Status::Fail, qPrintable(finding.message));
}

void TestAuthCodeInterop::providerRefusesAMissingVerifier()
{
    // PKCE is required for this public client: without it the provider says so, and the
    // flow reports the provider's error as sent.
    AuthorizationRequest r = request(QUrl());
    r.pkceMethod = Pkce::Method::None;
    const FlowResult result = runWith(r);
    QCOMPARE(result.error.kind, FlowError::Kind::Provider);
    QCOMPARE(result.error.oauth.error, QStringLiteral("invalid_request"));
    QVERIFY(result.tokens.accessToken.isEmpty());
}

void TestAuthCodeInterop::forgedStateIsRejectedBeforeTheTokenRequest()
{
    const FlowResult result = runWith(request(QUrl()), QStringLiteral("forged-state"));
    QCOMPARE(result.error.kind, FlowError::Kind::Validation);
    QCOMPARE(result.error.rule, QStringLiteral("state_matches"));
    QCOMPARE(result.exchanges.size(), 0);
    QCOMPARE(m_stack->transcript.size(), 0);
}

QTEST_GUILESS_MAIN(TestAuthCodeInterop)
#include "TestAuthCodeInterop.moc"
