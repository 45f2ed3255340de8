// UserInfo and dynamic client registration against a real OpenID provider (oidc-provider
// on 127.0.0.1): a JSON UserInfo answer and a signed one (application/jwt, ES256, verified
// with the provider's keys, iss and aud checked), each compared with the ID token's sub; a
// client registered (RFC 7591), read, updated and deleted (RFC 7592), then used no more.
#include "authcode/AuthorizationCodeFlow.h"
#include "common/Clock.h"
#include "common/RandomSource.h"
#include "endpoints/RegistrationClient.h"
#include "endpoints/UserInfoClient.h"
#include "grants/TokenGrantFlow.h"
#include "http/HttpClient.h"
#include "http/Transcript.h"
#include "redirect/LoopbackListener.h"
#include "support/Discover.h"
#include "support/HeadlessLogin.h"

#include <QJsonArray>
#include <QNetworkAccessManager>
#include <QSignalSpy>
#include <QTest>

using namespace Tokenscope;
using namespace Tokenscope::Endpoints;

class TestEndpointInterop final : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void init();
    void cleanup();
    void userinfo_data();
    void userinfo();
    void userinfoWithAnUnknownTokenIsInvalidToken();
    void registerReadUpdateDelete();

private:
    AuthCode::FlowResult authorize(const QString &clientId);
    UserInfoResult userinfo(const UserInfoRequest &request);
    RegistrationResult wait(RegistrationClient &client);

    Discovery::ProviderMetadata m_metadata;
    SystemClock m_clock;
    SystemRandomSource m_random;
    std::unique_ptr<QNetworkAccessManager> m_network;
    std::unique_ptr<Http::Transcript> m_transcript;
    std::unique_ptr<Http::HttpClient> m_http;
};

void TestEndpointInterop::initTestCase()
{
    const QString issuer = qEnvironmentVariable("TOKENSCOPE_INTEROP_ISSUER");
    QVERIFY2(!issuer.isEmpty(), "TOKENSCOPE_INTEROP_ISSUER is set by the CTest fixture");
    init();
    const Discovery::DiscoveryResult discovered = Testing::discover(m_http.get(), issuer);
    QVERIFY2(discovered.ok(), qPrintable(discovered.error.message));
    m_metadata = discovered.metadata;
    cleanup();
}

void TestEndpointInterop::init()
{
    m_network = std::make_unique<QNetworkAccessManager>();
    m_transcript = std::make_unique<Http::Transcript>();
    m_http = std::make_unique<Http::HttpClient>(m_network.get(), m_transcript.get(), m_clock);
}

void TestEndpointInterop::cleanup()
{
    m_http.reset();
    m_transcript.reset();
    m_network.reset();
}

AuthCode::FlowResult TestEndpointInterop::authorize(const QString &clientId)
{
    Redirect::LoopbackListener listener;
    if (!listener.listen(0, QStringLiteral("/callback")))
        qWarning("cannot listen");
    AuthCode::AuthorizationRequest r;
    r.issuer = m_metadata.issuer;
    r.authorizationEndpoint = m_metadata.endpoint(QStringLiteral("authorization_endpoint"));
    r.tokenEndpoint = m_metadata.endpoint(QStringLiteral("token_endpoint"));
    r.issParameterRequired = m_metadata.authorizationResponseIssParameterSupported;
    r.clientId = clientId;
    r.authMethod = ClientAuth::ClientAuthentication::Method::None;
    r.scope = QStringLiteral("openid profile email");
    r.redirectUri = listener.redirectUri();
    r.jwksUri = m_metadata.endpoint(QStringLiteral("jwks_uri"));
    r.callUserinfo = false;
    AuthCode::AuthorizationCodeFlow flow(m_http.get(), m_random);
    connect(&listener, &Redirect::LoopbackListener::redirectReceived, &flow,
            &AuthCode::AuthorizationCodeFlow::handleRedirect);
    QSignalSpy finished(&flow, &AuthCode::AuthorizationCodeFlow::finished);
    flow.start(r);
    Testing::HeadlessLogin user;
    if (!user.run(flow.result().authorizationUrl, listener.redirectUri()))
        qWarning("%s", qPrintable(user.log().join(QLatin1Char('\n'))));
    if (finished.isEmpty() && !finished.wait(20'000))
        qWarning("the flow did not finish");
    return flow.result();
}

UserInfoResult TestEndpointInterop::userinfo(const UserInfoRequest &request)
{
    UserInfoClient client(m_http.get());
    QSignalSpy finished(&client, &UserInfoClient::finished);
    client.fetch(request);
    if (finished.isEmpty() && !finished.wait(20'000))
        qWarning("userinfo did not finish");
    return client.result();
}

void TestEndpointInterop::userinfo_data()
{
    QTest::addColumn<QString>("clientId");
    QTest::addColumn<bool>("signedAnswer");
    QTest::addColumn<int>("method");
    QTest::newRow("json_get_bearer")
        << QStringLiteral("tokenscope-public") << false << int(UserInfoRequest::Method::GetBearer);
    QTest::newRow("json_post_form")
        << QStringLiteral("tokenscope-public") << false << int(UserInfoRequest::Method::PostForm);
    QTest::newRow("signed_es256_core_5_3_2") << QStringLiteral("tokenscope-signed-userinfo") << true
                                             << int(UserInfoRequest::Method::GetBearer);
}

void TestEndpointInterop::userinfo()
{
    QFETCH(QString, clientId);
    QFETCH(bool, signedAnswer);
    QFETCH(int, method);
    const AuthCode::FlowResult tokens = authorize(clientId);
    QVERIFY2(tokens.ok(), qPrintable(tokens.error.message));
    UserInfoRequest request;
    request.endpoint = m_metadata.endpoint(QStringLiteral("userinfo_endpoint"));
    request.accessToken = tokens.tokens.accessToken;
    request.method = UserInfoRequest::Method(method);
    request.idToken = tokens.tokens.idToken;
    request.issuer = m_metadata.issuer;
    request.clientId = clientId;
    request.jwksUri = m_metadata.endpoint(QStringLiteral("jwks_uri"));
    const UserInfoResult result = userinfo(request);
    QVERIFY2(result.ok(), qPrintable(result.error.message));
    QCOMPARE(result.signedAnswer, signedAnswer);
    QCOMPARE(result.claims.value(QLatin1String("sub")).toString(), QStringLiteral("alice"));
    QCOMPARE(result.claims.value(QLatin1String("email")).toString(),
             QStringLiteral("alice@example.com"));
    QStringList passed;
    for (const Finding &f : result.checks) {
        if (f.status == Finding::Status::Pass)
            passed << f.rule;
    }
    QVERIFY(passed.contains(QStringLiteral("userinfo_sub_matches")));
    if (signedAnswer) {
        for (const char *rule : {"userinfo_signature", "userinfo_iss", "userinfo_aud"})
            QVERIFY2(passed.contains(QLatin1String(rule)), rule);
    }
}

void TestEndpointInterop::userinfoWithAnUnknownTokenIsInvalidToken()
{
    UserInfoRequest request;
    request.endpoint = m_metadata.endpoint(QStringLiteral("userinfo_endpoint"));
    request.accessToken = QStringLiteral("not-a-token-this-provider-issued");
    const UserInfoResult result = userinfo(request);
    QCOMPARE(result.error.kind, EndpointError::Kind::Provider);
    QCOMPARE(result.httpStatus, 401);
    QCOMPARE(result.challenge.scheme, QStringLiteral("Bearer"));
    QCOMPARE(result.error.oauth.error, QStringLiteral("invalid_token"));
}

RegistrationResult TestEndpointInterop::wait(RegistrationClient &client)
{
    QSignalSpy finished(&client, &RegistrationClient::finished);
    if (finished.isEmpty() && !finished.wait(20'000))
        qWarning("registration did not finish");
    return client.result();
}

void TestEndpointInterop::registerReadUpdateDelete()
{
    RegistrationClient client(m_http.get());
    const QJsonObject metadata{
        {QStringLiteral("client_name"), QStringLiteral("Tokenscope interop")},
        {QStringLiteral("redirect_uris"), QJsonArray{QStringLiteral("https://rp.example/cb")}},
        {QStringLiteral("grant_types"),
         QJsonArray{QStringLiteral("authorization_code"), QStringLiteral("client_credentials")}},
        {QStringLiteral("response_types"), QJsonArray{QStringLiteral("code")}},
        {QStringLiteral("token_endpoint_auth_method"), QStringLiteral("client_secret_post")},
    };
    QSignalSpy finished(&client, &RegistrationClient::finished);
    client.registerClient(m_metadata.endpoint(QStringLiteral("registration_endpoint")), metadata);
    QVERIFY(finished.wait(20'000));
    RegistrationResult registered = client.result();
    QVERIFY2(registered.ok(), qPrintable(registered.error.message));
    QCOMPARE(registered.httpStatus, 201);
    QVERIFY(!registered.clientId.isEmpty());
    QVERIFY(!registered.clientSecret.isEmpty());
    QVERIFY(!registered.registrationAccessToken.isEmpty());
    QVERIFY(registered.registrationClientUri.isValid());

    // The new client works at the token endpoint with the method it registered.
    {
        Grants::TokenGrantFlow grant(m_http.get(), m_random);
        QSignalSpy granted(&grant, &Grants::TokenGrantFlow::finished);
        Grants::TokenGrantRequest request;
        request.tokenEndpoint = m_metadata.endpoint(QStringLiteral("token_endpoint"));
        request.client.clientId = registered.clientId;
        request.client.secret = registered.clientSecret.toUtf8();
        request.client.method = ClientAuth::ClientAuthentication::Method::ClientSecretPost;
        grant.start(request);
        QVERIFY(granted.wait(20'000));
        QVERIFY2(grant.result().ok(), qPrintable(grant.result().error.message));
    }

    client.readClient(registered.registrationClientUri, registered.registrationAccessToken);
    QVERIFY(finished.wait(20'000));
    QVERIFY2(client.result().ok(), qPrintable(client.result().error.message));
    QCOMPARE(client.result().clientId, registered.clientId);
    QString token = client.result().registrationAccessToken.isEmpty()
                        ? registered.registrationAccessToken
                        : client.result().registrationAccessToken;

    QJsonObject renamed = client.result().client;
    for (const char *member : {"registration_access_token", "registration_client_uri",
                               "client_secret_expires_at", "client_id_issued_at"})
        renamed.remove(QLatin1String(member));
    renamed.insert(QStringLiteral("client_name"), QStringLiteral("Tokenscope renamed"));
    client.updateClient(registered.registrationClientUri, token, renamed);
    QVERIFY(finished.wait(20'000));
    QVERIFY2(client.result().ok(), qPrintable(client.result().error.message));
    QCOMPARE(client.result().client.value(QLatin1String("client_name")).toString(),
             QStringLiteral("Tokenscope renamed"));
    if (!client.result().registrationAccessToken.isEmpty())
        token = client.result().registrationAccessToken; // rotated on update

    client.deleteClient(registered.registrationClientUri, token);
    QVERIFY(finished.wait(20'000));
    QVERIFY2(client.result().ok(), qPrintable(client.result().error.message));
    QCOMPARE(client.result().httpStatus, 204);

    client.readClient(registered.registrationClientUri, token);
    QVERIFY(finished.wait(20'000));
    QCOMPARE(client.result().error.kind, EndpointError::Kind::Provider);
}

QTEST_GUILESS_MAIN(TestEndpointInterop)
#include "TestEndpointInterop.moc"
