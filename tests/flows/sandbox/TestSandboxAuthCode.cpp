// Our own engine against the sandbox, in-process: flows/authcode's AuthorizationCodeFlow
// discovers the sandbox, a headless user signs in and consents over HTTP, the loopback
// listener captures the response and the engine checks it and exchanges the code. PKCE plain
// is proven end to end here (oidc-provider refuses plain), S256 too, and each client
// authentication method, implicit and hybrid response types.
#include "SandboxEngineRig.h"
#include "SandboxServer.h"
#include "SandboxTestKit.h"
#include "authcode/AuthorizationCodeFlow.h"
#include "http/HttpClient.h"
#include "http/Transcript.h"
#include "redirect/LoopbackListener.h"
#include "support/Discover.h"
#include "support/HeadlessLogin.h"

#include <QNetworkAccessManager>
#include <QSignalSpy>
#include <QTest>

using namespace Tokenscope;
using namespace Tokenscope::AuthCode;
using ClientAuth::ClientAuthentication;

class TestSandboxAuthCode final : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void codeFlowCompletes_data();
    void codeFlowCompletes();
    void implicitAndHybridComplete_data();
    void implicitAndHybridComplete();

private:
    FlowResult runWith(const AuthorizationRequest &request, const QString &login);

    SandboxEngineRig m_rig;
};

void TestSandboxAuthCode::initTestCase()
{
    const QString problem = m_rig.start();
    QVERIFY2(problem.isEmpty(), qPrintable(problem));
    QVERIFY(m_rig.metadata.authorizationResponseIssParameterSupported);
}

FlowResult TestSandboxAuthCode::runWith(const AuthorizationRequest &base, const QString &login)
{
    Redirect::LoopbackListener listener;
    if (!listener.listen(0, QStringLiteral("/callback")))
        qWarning("cannot listen: %s", qPrintable(listener.errorString()));
    AuthorizationRequest r = base;
    r.redirectUri = listener.redirectUri();
    AuthorizationCodeFlow flow(m_rig.http.get(), m_rig.random);
    connect(&listener, &Redirect::LoopbackListener::redirectReceived, &flow,
            &AuthorizationCodeFlow::handleRedirect);
    QSignalSpy finished(&flow, &AuthorizationCodeFlow::finished);
    flow.start(r);
    Testing::HeadlessLogin user(login);
    if (!user.run(flow.result().authorizationUrl, listener.redirectUri()))
        qWarning("%s", qPrintable(user.log().join(QLatin1Char('\n'))));
    if (finished.isEmpty() && !finished.wait(20'000))
        qWarning("the flow did not finish");
    return flow.result();
}

void TestSandboxAuthCode::codeFlowCompletes_data()
{
    QTest::addColumn<QString>("clientId");
    QTest::addColumn<int>("authMethod");
    QTest::addColumn<int>("pkce");
    QTest::addColumn<QString>("responseMode");
    QTest::addColumn<QString>("login");
    QTest::addColumn<QString>("name");
    const int none = int(ClientAuthentication::Method::None);
    const int s256 = int(Pkce::Method::S256);
    const int plain = int(Pkce::Method::Plain);
    QTest::newRow("public_pkce_s256")
        << QStringLiteral("sandbox-public") << none << s256 << QString() << QStringLiteral("alice")
        << QStringLiteral("Alice Liddell");
    QTest::newRow("public_pkce_plain")
        << QStringLiteral("sandbox-public") << none << plain << QString() << QStringLiteral("bob")
        << QStringLiteral("Bob Builder");
    QTest::newRow("public_pkce_s256_form_post_chinese_user")
        << QStringLiteral("sandbox-public") << none << s256 << QStringLiteral("form_post")
        << QStringLiteral("li.lei") << QStringLiteral("李雷");
    QTest::newRow("confidential_basic")
        << QStringLiteral("sandbox-confidential")
        << int(ClientAuthentication::Method::ClientSecretBasic) << s256 << QString()
        << QStringLiteral("alice") << QStringLiteral("Alice Liddell");
    QTest::newRow("confidential_post_es256_without_pkce")
        << QStringLiteral("sandbox-post") << int(ClientAuthentication::Method::ClientSecretPost)
        << int(Pkce::Method::None) << QString() << QStringLiteral("alice")
        << QStringLiteral("Alice Liddell");
    QTest::newRow("confidential_basic_eddsa")
        << QStringLiteral("sandbox-eddsa") << int(ClientAuthentication::Method::ClientSecretBasic)
        << s256 << QString() << QStringLiteral("alice") << QStringLiteral("Alice Liddell");
    // RFC 7523 client assertions: HS256 over the secret, ES256 with the client's key.
    QTest::newRow("client_secret_jwt")
        << QStringLiteral("sandbox-jwt") << int(ClientAuthentication::Method::ClientSecretJwt)
        << s256 << QString() << QStringLiteral("alice") << QStringLiteral("Alice Liddell");
    QTest::newRow("private_key_jwt")
        << QStringLiteral("sandbox-private-key") << int(ClientAuthentication::Method::PrivateKeyJwt)
        << s256 << QString() << QStringLiteral("alice") << QStringLiteral("Alice Liddell");
}

void TestSandboxAuthCode::codeFlowCompletes()
{
    QFETCH(QString, clientId);
    QFETCH(int, authMethod);
    QFETCH(int, pkce);
    QFETCH(QString, responseMode);
    QFETCH(QString, login);
    QFETCH(QString, name);
    AuthorizationRequest r = m_rig.baseRequest();
    r.clientId = clientId;
    r.authMethod = ClientAuthentication::Method(authMethod);
    const Sandbox::SandboxClient *client = m_rig.provider->directory().client(clientId);
    QVERIFY(client);
    if (r.authMethod == ClientAuthentication::Method::PrivateKeyJwt)
        r.clientPrivateKey = client->privateKeyPem;
    else if (r.authMethod != ClientAuthentication::Method::None)
        r.clientSecret = client->secret;
    r.pkceMethod = Pkce::Method(pkce);
    r.responseMode = responseMode;
    const FlowResult result = runWith(r, login);
    QVERIFY2(result.ok(), qPrintable(result.error.message));
    QVERIFY(!result.tokens.accessToken.isEmpty());
    QVERIFY(!result.tokens.idToken.isEmpty());
    QVERIFY(!result.tokens.refreshToken.isEmpty());
    QCOMPARE(result.exchanges.size(), 3);
    QCOMPARE(result.exchanges.constFirst().statusCode, 200);
    QCOMPARE(result.exchanges.constFirst().requestBody.contains("code_verifier="),
             r.pkceMethod != Pkce::Method::None);
    const bool assertion = r.authMethod == ClientAuthentication::Method::ClientSecretJwt ||
                           r.authMethod == ClientAuthentication::Method::PrivateKeyJwt;
    QCOMPARE(result.exchanges.constFirst().requestBody.contains("client_assertion="), assertion);
    QCOMPARE(result.exchanges.constFirst().requestHeader("Authorization").isEmpty(),
             r.authMethod != ClientAuthentication::Method::ClientSecretBasic);
    QCOMPARE(result.userinfo.value(QLatin1String("name")).toString(), name);
    QStringList passed;
    for (const Finding &finding : result.checks) {
        QVERIFY2(finding.status != Finding::Status::Fail,
                 qPrintable(finding.rule + QStringLiteral(": ") + finding.message));
        if (finding.status == Finding::Status::Pass)
            passed << finding.rule;
    }
    for (const char *rule : {"iss_matches", "signature_verified", "id_token_iss", "id_token_aud",
                             "id_token_nonce", "userinfo_sub_matches"})
        QVERIFY2(passed.contains(QString::fromLatin1(rule)), rule);
}

void TestSandboxAuthCode::implicitAndHybridComplete_data()
{
    QTest::addColumn<QString>("responseType");
    QTest::addColumn<QString>("responseMode");
    QTest::newRow("implicit_token") << QStringLiteral("token") << QString();
    QTest::newRow("implicit_id_token") << QStringLiteral("id_token") << QString();
    QTest::newRow("implicit_id_token_token") << QStringLiteral("id_token token") << QString();
    QTest::newRow("hybrid_code_id_token") << QStringLiteral("code id_token") << QString();
    QTest::newRow("hybrid_code_token_form_post")
        << QStringLiteral("code token") << QStringLiteral("form_post");
    QTest::newRow("hybrid_code_id_token_token")
        << QStringLiteral("code id_token token") << QString();
}

void TestSandboxAuthCode::implicitAndHybridComplete()
{
    QFETCH(QString, responseType);
    QFETCH(QString, responseMode);
    AuthorizationRequest r = m_rig.baseRequest();
    r.responseType = responseType;
    r.responseMode = responseMode;
    const FlowResult result = runWith(r, QStringLiteral("alice"));
    QVERIFY2(result.ok(), qPrintable(result.error.message));
    QCOMPARE(result.tokens.accessToken.isEmpty(), responseType == QLatin1String("id_token"));
    QCOMPARE(result.tokens.idToken.isEmpty(), responseType == QLatin1String("token"));
    for (const Finding &finding : result.checks)
        QVERIFY2(finding.status != Finding::Status::Fail,
                 qPrintable(finding.rule + QStringLiteral(": ") + finding.message));
}

QTEST_GUILESS_MAIN(TestSandboxAuthCode)
#include "TestSandboxAuthCode.moc"
