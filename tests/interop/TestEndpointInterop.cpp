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
#include "support/HeadlessLogin.h"
#include "support/InteropProvider.h"

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
    std::unique_ptr<Testing::HttpStack> m_stack;
};

void TestEndpointInterop::initTestCase()
{
    const Discovery::DiscoveryResult discovered = Testing::discoverInteropProvider(m_clock);
    QVERIFY2(discovered.ok(), qPrintable(discovered.error.message));
    m_metadata = discovered.metadata;
}

void TestEndpointInterop::init()
{
    m_stack = std::make_unique<Testing::HttpStack>(m_clock);
}

void TestEndpointInterop::cleanup()
{
    m_stack.reset();
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
    AuthCode::AuthorizationCodeFlow flow(&m_stack->http, m_random);
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
    UserInfoClient client(&m_stack->http);
    QSignalSpy finished(&client, &UserInfoClient::finished);
    client.fetch(request);
    if (finished.isEmpty() && !finished.wait(20'000))
        qWarning("userinfo did not finish");
    return client.result();
}

namespace {

// The private half of the key tests/interop/provider.mjs registers for the client
// "tokenscope-encrypted-userinfo": a test key, used for nothing else.
QByteArray encryptionKey()
{
    return QByteArrayLiteral(
        R"({"kty":"RSA","n":"w1RalL4vXa0T49-zPXuNpn5fgHYrhGmAIjb5pLvy5W0RAZ-Ql2dQsjoKrPAnVo4MCeQZX-84fVrY7BpZ0IGIqmPuOfTJTxop5C79TnXkay0r1TrOvDLxVSVGOBWR9EeMFH02Hu66RcLiMkzL88TQsub3_K8AaiEgv_gWPWIrJ9sUv_1HuiIxQ3z4R1d_nMWBgYTGBdvlI93Mfzq-e-CYu17VsU6lNkdzU-5e4C-kCR1eVH8LZ6tKhfZd6uKUq4_yN8UsgSicpLVYd2rtv2U-x-rOqHCyWDuYvFtsa1cBoMdJ_8fDVWfk-6J42xvriyGPkVlieehBWhxLcIzv8lQzlw","e":"AQAB","d":"OLdmI9mDXGJ0q46Zd4lILKd2KJFneme93nFzFIvEcCy2qu9_pw7HRjEHR4bmDUJqqXaTjaEjGHcIFKpkGOB74-nnUunKiE7zCgBA6gbeX-Z6W0xbmhb6rzwHAyL0QeeCe7KNw_aSnM4FKxDUicBEzyW0rSjNaIOdBFDPeFxoZoY7Og3CbOe_r6iW6u3USaLgk4tyxKXx-r2QU9QY34pokH-ZhfgDZg6pv8MLhggFa2wgHuaTQ0DkkVVwvhqeE4cJJSfEBYHWBXj4iUTZMIcrYd8tZzylToMq4HM6bpBFP04fW_J4wgP2cUNcOFMznr7EsjH0FeIHsB4Y7vJ4JRjH2Q","p":"5jUSQThmzPyOkTwZnz5RxJ9DGd21sZgP4KxYN1XKMcxIjUwSJsSkt5tI1M1J3n8gw2Sb58KMGYP4NuGD9Qs0k56uLbsT6MAtfmqlbq5ZglO7Ahqw2Zqe0FdgYhBrFDWK9UhFmCSyTcSA8f1kOzw842mtleJtux73vx3pUaBwLTk","q":"2TbmGGIhCHg-2WYvnsszyX8yT9ljD2HrI8aAqa_eBR6xvH3-5TV3mzGEHK5uc-UOChqY5dTq462VRgEcin13MAWYNPpmlTBznl6788BG8yi6qybNHEqxOBWwPN3SQVtKBFXezwMKdU32iCsjsfofOEegToViDznA15BO3VT3N08","dp":"iox4Xx5l6Is79rb4KLomFjNP_DpOhwMg0zSGp08PsObk531YE1MYW5SuwbyH78wNWOutVU_mZ9jgQ494jrteulWvOMC2G8fF2aavyCxQnLpt-7c6psyDNprP3FVLTM9owXTsxcOYOGvCu2GouGnpr2jD20h6iDr8Gl8TNFheCyk","dq":"yLBfYXHwwUmQD_7IyrdGLspVqs7YJpM61MAHikASKrrUTqo-wnlm-72BKZrENFISaaVvVRImv5tWiupl-1K2t2jD21brRrYQbOdsUmZ5ZxpfddiQs64TFRV80o_EPlxhA6ZvCObvV7hjqiXpgfvtsmsDIuk704Nxt_j91KM3EiM","qi":"zsDNFrxz4lK0UCpCh8NLct0dU2Ri9eiQLJtJg2KmvrYEgPt-TrwSlxrPrw6MeaW1d17pl09S12A9fNynZW7RDusFTvxt4mo8Ux9GP5xLdo5szciVZHkbFHE8rbV1uq5vZoDVgvYnDUFO-_JDoVCa25FZ4bu91_HBecTpjOJPlFk","kid":"tokenscope-userinfo-enc","use":"enc","alg":"RSA-OAEP-256"})");
}

} // namespace

void TestEndpointInterop::userinfo_data()
{
    QTest::addColumn<QString>("clientId");
    QTest::addColumn<bool>("signedAnswer");
    QTest::addColumn<int>("method");
    QTest::addColumn<bool>("encryptedAnswer");
    QTest::newRow("json_get_bearer") << QStringLiteral("tokenscope-public") << false
                                     << int(UserInfoRequest::Method::GetBearer) << false;
    QTest::newRow("json_post_form") << QStringLiteral("tokenscope-public") << false
                                    << int(UserInfoRequest::Method::PostForm) << false;
    QTest::newRow("signed_es256_core_5_3_2") << QStringLiteral("tokenscope-signed-userinfo") << true
                                             << int(UserInfoRequest::Method::GetBearer) << false;
    // Signed, then encrypted to the client's key (RSA-OAEP-256 + A256GCM): decrypted with the
    // private key below, then verified like the signed one.
    QTest::newRow("signed_then_encrypted")
        << QStringLiteral("tokenscope-encrypted-userinfo") << true
        << int(UserInfoRequest::Method::GetBearer) << true;
}

void TestEndpointInterop::userinfo()
{
    QFETCH(QString, clientId);
    QFETCH(bool, signedAnswer);
    QFETCH(int, method);
    QFETCH(bool, encryptedAnswer);
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
    if (encryptedAnswer)
        request.decryptionKeys = encryptionKey();
    const UserInfoResult result = userinfo(request);
    QVERIFY2(result.ok(), qPrintable(result.error.message));
    QCOMPARE(result.signedAnswer, signedAnswer);
    QCOMPARE(result.encryptedAnswer, encryptedAnswer);
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
    RegistrationClient client(&m_stack->http);
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
        Grants::TokenGrantFlow grant(&m_stack->http, m_random);
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
