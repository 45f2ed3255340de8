// Token grants against a real OpenID provider (oidc-provider on 127.0.0.1): client
// credentials with a confidential client, then introspection, revocation and introspection
// again (inactive); a refresh token from the authorization code flow (offline_access,
// prompt=consent) refreshed with rotation, the refreshed ID token checked against the first,
// and the spent refresh token refused as reuse; the password grant the interop provider
// registers, with the right and a wrong password; token exchange (RFC 8693) with the grant the
// interop provider registers: a new access token for a client credentials one, a made-up
// subject token refused, an exchanged token exchanged again with an actor, and a resource
// indicator giving a JWT access token that names the actor; the JWT bearer grant (RFC 7523)
// with an assertion signed here, replayed and signed by an untrusted key; the SAML 2.0 bearer
// grant (RFC 7522) with pasted XML, encoded here, and with an expired assertion.
#include "authcode/AuthorizationCodeFlow.h"
#include "common/Clock.h"
#include "common/RandomSource.h"
#include "endpoints/IntrospectionClient.h"
#include "endpoints/RevocationClient.h"
#include "grants/TokenGrantFlow.h"
#include "http/HttpClient.h"
#include "http/Transcript.h"
#include "redirect/LoopbackListener.h"
#include "support/HeadlessLogin.h"
#include "support/InteropProvider.h"

#include <QDateTime>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QSignalSpy>
#include <QTest>

#include <openssl/evp.h>
#include <openssl/pem.h>

using namespace Tokenscope;
using namespace Tokenscope::Grants;
using Method = Tokenscope::ClientAuth::ClientAuthentication::Method;

class TestGrantInterop final : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void init();
    void cleanup();
    void clientCredentialsThenIntrospectRevokeIntrospect();
    void wrongSecretIsInvalidClient();
    void passwordGrantGetsATokenForTheUser();
    void refreshRotatesAndReuseIsRefused();
    void tokenExchangeIssuesANewAccessToken();
    void madeUpSubjectTokenIsInvalidGrant();
    void exchangedTokenIsExchangedAgainWithAnActor();
    void resourceIndicatorGivesAJwtNamingTheActor();
    void jwtBearerAssertionSignedHereIsAccepted();
    void jwtBearerReplayAndUntrustedKeyAreInvalidGrant();
    void samlBearerXmlIsEncodedAndAccepted();
    void expiredSamlAssertionIsInvalidGrant();

private:
    ClientAuth::ClientCredentials confidential() const;
    ClientAuth::ClientCredentials exchangeClient() const;
    QString clientCredentialsToken(const ClientAuth::ClientCredentials &client);
    TokenGrantRequest exchange(const QString &subjectToken) const;
    GrantResult grant(const TokenGrantRequest &request);
    Endpoints::IntrospectionResult introspect(const QString &token);
    Endpoints::IntrospectionResult introspect(const QString &token,
                                              const ClientAuth::ClientCredentials &client);
    ClientAuth::ClientCredentials assertionClient() const;
    TokenGrantRequest jwtBearer(const QByteArray &key) const;
    TokenGrantRequest samlBearer(const QDateTime &notOnOrAfter) const;

    Discovery::ProviderMetadata m_metadata;
    SystemClock m_clock;
    SystemRandomSource m_random;
    std::unique_ptr<Testing::HttpStack> m_stack;
    std::unique_ptr<TokenGrantFlow> m_flow;
};

void TestGrantInterop::initTestCase()
{
    const Discovery::DiscoveryResult discovered = Testing::discoverInteropProvider(m_clock);
    QVERIFY2(discovered.ok(), qPrintable(discovered.error.message));
    m_metadata = discovered.metadata;
}

void TestGrantInterop::init()
{
    m_stack = std::make_unique<Testing::HttpStack>(m_clock);
    m_flow = std::make_unique<TokenGrantFlow>(&m_stack->http, m_random);
}

void TestGrantInterop::cleanup()
{
    m_flow.reset();
    m_stack.reset();
}

// A confidential client of the interop provider with client_secret_basic.
static ClientAuth::ClientCredentials basicClient(const QString &clientId, const QByteArray &secret)
{
    ClientAuth::ClientCredentials client;
    client.clientId = clientId;
    client.secret = secret;
    client.method = Method::ClientSecretBasic;
    return client;
}

ClientAuth::ClientCredentials TestGrantInterop::confidential() const
{
    return basicClient(QStringLiteral("tokenscope-confidential"), "tokenscope-secret");
}

ClientAuth::ClientCredentials TestGrantInterop::exchangeClient() const
{
    return basicClient(QStringLiteral("tokenscope-exchange"), "tokenscope-exchange-secret");
}

QString TestGrantInterop::clientCredentialsToken(const ClientAuth::ClientCredentials &client)
{
    TokenGrantRequest request;
    request.grant = GrantType::ClientCredentials;
    request.tokenEndpoint = m_metadata.endpoint(QStringLiteral("token_endpoint"));
    request.client = client;
    request.scope = QStringLiteral("openid");
    const GrantResult result = grant(request);
    if (!result.ok())
        qWarning("client credentials failed: %s", qPrintable(result.error.message));
    return result.tokens.accessToken;
}

TokenGrantRequest TestGrantInterop::exchange(const QString &subjectToken) const
{
    TokenGrantRequest request;
    request.grant = GrantType::TokenExchange;
    request.tokenEndpoint = m_metadata.endpoint(QStringLiteral("token_endpoint"));
    request.client = exchangeClient();
    request.subjectToken = subjectToken;
    request.subjectTokenType = QStringLiteral("urn:ietf:params:oauth:token-type:access_token");
    return request;
}

static bool hasFinding(const GrantResult &result, const QString &rule)
{
    for (const Finding &f : result.checks) {
        if (f.rule == rule)
            return true;
    }
    return false;
}

GrantResult TestGrantInterop::grant(const TokenGrantRequest &request)
{
    QSignalSpy finished(m_flow.get(), &TokenGrantFlow::finished);
    m_flow->start(request);
    if (finished.isEmpty() && !finished.wait(20'000))
        qWarning("the grant did not finish");
    return m_flow->result();
}

Endpoints::IntrospectionResult TestGrantInterop::introspect(const QString &token)
{
    return introspect(token, confidential());
}

Endpoints::IntrospectionResult
TestGrantInterop::introspect(const QString &token, const ClientAuth::ClientCredentials &caller)
{
    Endpoints::IntrospectionClient client(&m_stack->http, m_random);
    QSignalSpy finished(&client, &Endpoints::IntrospectionClient::finished);
    client.introspect(
        {m_metadata.endpoint(QStringLiteral("introspection_endpoint")), token, QString(), caller});
    if (!finished.wait(20'000))
        qWarning("introspection did not finish");
    return client.result();
}

void TestGrantInterop::clientCredentialsThenIntrospectRevokeIntrospect()
{
    TokenGrantRequest request;
    request.grant = GrantType::ClientCredentials;
    request.tokenEndpoint = m_metadata.endpoint(QStringLiteral("token_endpoint"));
    request.client = confidential();
    const GrantResult result = grant(request);
    QVERIFY2(result.ok(), qPrintable(result.error.message));
    QVERIFY(!result.tokens.accessToken.isEmpty());
    QCOMPARE(result.tokens.tokenType, QStringLiteral("Bearer"));
    QCOMPARE(result.exchanges.constFirst().requestHeader("Authorization").left(6),
             QByteArray("Basic "));
    const QString token = result.tokens.accessToken;

    Endpoints::IntrospectionResult introspected = introspect(token);
    QVERIFY2(introspected.ok(), qPrintable(introspected.error.message));
    QVERIFY(introspected.active);
    QCOMPARE(introspected.claims.value(QLatin1String("client_id")).toString(),
             QStringLiteral("tokenscope-confidential"));

    Endpoints::RevocationClient revocation(&m_stack->http, m_random);
    QSignalSpy revoked(&revocation, &Endpoints::RevocationClient::finished);
    revocation.revoke({m_metadata.endpoint(QStringLiteral("revocation_endpoint")), token,
                       QStringLiteral("access_token"), confidential()});
    QVERIFY(revoked.wait(20'000));
    QVERIFY2(revocation.result().ok(), qPrintable(revocation.result().error.message));
    QCOMPARE(revocation.result().httpStatus, 200);

    introspected = introspect(token);
    QVERIFY2(introspected.ok(), qPrintable(introspected.error.message));
    QVERIFY(!introspected.active);
}

void TestGrantInterop::wrongSecretIsInvalidClient()
{
    TokenGrantRequest request;
    request.tokenEndpoint = m_metadata.endpoint(QStringLiteral("token_endpoint"));
    request.client = confidential();
    request.client.secret = "not-the-secret";
    const GrantResult result = grant(request);
    QCOMPARE(result.error.kind, GrantError::Kind::Provider);
    QCOMPARE(result.error.oauth.error, QStringLiteral("invalid_client"));
}

// The resource owner password grant, registered by the interop provider: the user's token
// for the right password (its sub the user name, as introspection says); the provider's
// invalid_grant for a wrong one, with its text and an explanation.
void TestGrantInterop::passwordGrantGetsATokenForTheUser()
{
    TokenGrantRequest request;
    request.grant = GrantType::Password;
    request.tokenEndpoint = m_metadata.endpoint(QStringLiteral("token_endpoint"));
    request.client =
        basicClient(QStringLiteral("tokenscope-password"), "tokenscope-password-secret");
    request.scope = QStringLiteral("openid profile");
    request.username = QStringLiteral("erin");
    request.password = "tokenscope-user-password";
    const GrantResult result = grant(request);
    QVERIFY2(result.ok(), qPrintable(result.error.message));
    QCOMPARE(result.grantType, QStringLiteral("password"));
    QCOMPARE(result.tokens.scope, QStringLiteral("openid profile"));
    const QString body = QString::fromUtf8(result.exchanges.constLast().requestBody);
    QVERIFY(body.contains(QLatin1String("username=erin")));
    const Endpoints::IntrospectionResult introspected =
        introspect(result.tokens.accessToken, request.client);
    QVERIFY(introspected.active);
    QCOMPARE(introspected.claims.value(QStringLiteral("sub")).toString(), QStringLiteral("erin"));

    request.password = "not-the-password";
    const GrantResult wrong = grant(request);
    QCOMPARE(wrong.error.kind, GrantError::Kind::Provider);
    QCOMPARE(wrong.error.oauth.error, QStringLiteral("invalid_grant"));
    QCOMPARE(wrong.error.oauth.errorDescription, QStringLiteral("wrong username or password"));
    QVERIFY(wrong.tokens.accessToken.isEmpty());
}

void TestGrantInterop::refreshRotatesAndReuseIsRefused()
{
    // A refresh token through the browser flow: the public client, offline_access.
    Redirect::LoopbackListener listener;
    QVERIFY(listener.listen(0, QStringLiteral("/callback")));
    AuthCode::AuthorizationRequest code;
    code.issuer = m_metadata.issuer;
    code.authorizationEndpoint = m_metadata.endpoint(QStringLiteral("authorization_endpoint"));
    code.tokenEndpoint = m_metadata.endpoint(QStringLiteral("token_endpoint"));
    code.issParameterRequired = m_metadata.authorizationResponseIssParameterSupported;
    code.clientId = QStringLiteral("tokenscope-public");
    code.authMethod = Method::None;
    code.scope = QStringLiteral("openid offline_access");
    code.prompt = QStringLiteral("consent");
    code.redirectUri = listener.redirectUri();
    code.jwksUri = m_metadata.endpoint(QStringLiteral("jwks_uri"));
    AuthCode::AuthorizationCodeFlow flow(&m_stack->http, m_random);
    connect(&listener, &Redirect::LoopbackListener::redirectReceived, &flow,
            &AuthCode::AuthorizationCodeFlow::handleRedirect);
    QSignalSpy codeFinished(&flow, &AuthCode::AuthorizationCodeFlow::finished);
    flow.start(code);
    Testing::HeadlessLogin user;
    QVERIFY2(user.run(flow.result().authorizationUrl, listener.redirectUri()),
             qPrintable(user.log().join(QLatin1Char('\n'))));
    QVERIFY(!codeFinished.isEmpty() || codeFinished.wait(20'000));
    QVERIFY2(flow.result().ok(), qPrintable(flow.result().error.message));
    const QString first = flow.result().tokens.refreshToken;
    QVERIFY2(!first.isEmpty(), "offline_access with prompt=consent gives a refresh token");

    TokenGrantRequest refresh;
    refresh.grant = GrantType::RefreshToken;
    refresh.tokenEndpoint = code.tokenEndpoint;
    refresh.client.clientId = code.clientId;
    refresh.client.method = Method::None;
    refresh.refreshToken = first;
    refresh.previousIdToken = flow.result().tokens.idToken;
    refresh.issuer = m_metadata.issuer;
    refresh.jwksUri = code.jwksUri;
    const GrantResult rotated = grant(refresh);
    QVERIFY2(rotated.ok(), qPrintable(rotated.error.message));
    QVERIFY(rotated.rotated);
    QCOMPARE(rotated.previousRefreshToken, first);
    QVERIFY(rotated.currentRefreshToken != first);
    QStringList passed;
    for (const Finding &f : rotated.checks) {
        if (f.status == Finding::Status::Pass)
            passed << f.rule;
    }
    for (const char *rule : {"refresh_token_rotated", "signature_verified",
                             "refresh_id_token_same_iss", "refresh_id_token_same_sub"})
        QVERIFY2(passed.contains(QLatin1String(rule)), rule);

    // The spent token again: oidc-provider detects the reuse and refuses it.
    const GrantResult reused = grant(refresh);
    QCOMPARE(reused.error.kind, GrantError::Kind::Provider);
    QCOMPARE(reused.error.oauth.error, QStringLiteral("invalid_grant"));
    QCOMPARE(reused.error.rule, QStringLiteral("refresh_token_reuse"));
}

void TestGrantInterop::tokenExchangeIssuesANewAccessToken()
{
    // Another client's access token is the subject: the provider looks it up.
    const QString subject = clientCredentialsToken(confidential());
    QVERIFY(!subject.isEmpty());

    const GrantResult result = grant(exchange(subject));
    QVERIFY2(result.ok(), qPrintable(result.error.message));
    QCOMPARE(result.grantType, QStringLiteral("urn:ietf:params:oauth:grant-type:token-exchange"));
    const QByteArray body = result.exchanges.constLast().requestBody;
    QVERIFY2(body.contains("grant_type=urn%3Aietf%3Aparams%3Aoauth%3Agrant-type%3Atoken-exchange"),
             body.constData());
    QVERIFY(body.contains(QByteArray("subject_token=" + subject.toLatin1())));
    QVERIFY(!result.tokens.accessToken.isEmpty());
    QVERIFY(result.tokens.accessToken != subject);
    QCOMPARE(result.tokens.tokenType, QStringLiteral("Bearer"));
    QVERIFY(result.tokens.expiresIn > 0);
    QCOMPARE(result.tokens.raw.value(QLatin1String("issued_token_type")).toString(),
             QStringLiteral("urn:ietf:params:oauth:token-type:access_token"));
    QVERIFY(!hasFinding(result, QStringLiteral("issued_token_type_present")));
    QCOMPARE(result.tokens.scope, QStringLiteral("openid"));

    // The new token is live, and belongs to the client that asked for it.
    const Endpoints::IntrospectionResult introspected = introspect(result.tokens.accessToken);
    QVERIFY2(introspected.ok(), qPrintable(introspected.error.message));
    QVERIFY(introspected.active);
    QCOMPARE(introspected.claims.value(QLatin1String("client_id")).toString(),
             QStringLiteral("tokenscope-exchange"));
    QVERIFY(!introspected.claims.contains(QLatin1String("act")));
}

void TestGrantInterop::madeUpSubjectTokenIsInvalidGrant()
{
    const GrantResult result = grant(exchange(QStringLiteral("not-a-token-this-provider-issued")));
    QCOMPARE(result.error.kind, GrantError::Kind::Provider);
    QCOMPARE(result.error.oauth.error, QStringLiteral("invalid_grant"));
    QCOMPARE(result.error.oauth.errorDescription,
             QStringLiteral("subject_token is not an active access token issued by this provider"));
    QVERIFY(result.tokens.accessToken.isEmpty());
    QCOMPARE(result.exchanges.constLast().statusCode, 400);
}

void TestGrantInterop::exchangedTokenIsExchangedAgainWithAnActor()
{
    const QString actor = clientCredentialsToken(exchangeClient());
    const QString subject = clientCredentialsToken(confidential());
    QVERIFY(!actor.isEmpty() && !subject.isEmpty());

    const GrantResult first = grant(exchange(subject));
    QVERIFY2(first.ok(), qPrintable(first.error.message));

    // The issued token as the next subject, now with an actor token.
    TokenGrantRequest again = exchange(first.tokens.accessToken);
    again.actorToken = actor;
    const GrantResult second = grant(again);
    QVERIFY2(second.ok(), qPrintable(second.error.message));
    QVERIFY(second.exchanges.constLast().requestBody.contains(
        "actor_token_type=urn%3Aietf%3Aparams%3Aoauth%3Atoken-type%3Aaccess_token"));
    QVERIFY(second.tokens.accessToken != first.tokens.accessToken);
    QCOMPARE(second.tokens.raw.value(QLatin1String("issued_token_type")).toString(),
             QStringLiteral("urn:ietf:params:oauth:token-type:access_token"));

    Endpoints::IntrospectionResult introspected = introspect(second.tokens.accessToken);
    QVERIFY2(introspected.ok(), qPrintable(introspected.error.message));
    QVERIFY(introspected.active);
    const QJsonObject act = introspected.claims.value(QLatin1String("act")).toObject();
    QCOMPARE(act.value(QLatin1String("sub")).toString(), QStringLiteral("tokenscope-exchange"));

    // And once more with the same actor: the earlier actor nests (RFC 8693 §4.1).
    TokenGrantRequest third = exchange(second.tokens.accessToken);
    third.actorToken = actor;
    const GrantResult chained = grant(third);
    QVERIFY2(chained.ok(), qPrintable(chained.error.message));
    introspected = introspect(chained.tokens.accessToken);
    QVERIFY(introspected.active);
    QCOMPARE(introspected.claims.value(QLatin1String("act"))
                 .toObject()
                 .value(QLatin1String("act"))
                 .toObject()
                 .value(QLatin1String("sub"))
                 .toString(),
             QStringLiteral("tokenscope-exchange"));
}

void TestGrantInterop::resourceIndicatorGivesAJwtNamingTheActor()
{
    const QString subject = clientCredentialsToken(confidential());
    const QString actor = clientCredentialsToken(exchangeClient());
    QVERIFY(!subject.isEmpty() && !actor.isEmpty());

    TokenGrantRequest request = exchange(subject);
    request.actorToken = actor;
    request.resources = {QStringLiteral("https://api.tokenscope.test")};
    const GrantResult result = grant(request);
    QVERIFY2(result.ok(), qPrintable(result.error.message));
    const QList<QByteArray> parts = result.tokens.accessToken.toLatin1().split('.');
    QCOMPARE(parts.size(), 3);
    const auto decode = [](const QByteArray &part) {
        return QJsonDocument::fromJson(
                   QByteArray::fromBase64(part, QByteArray::Base64UrlEncoding |
                                                    QByteArray::OmitTrailingEquals))
            .object();
    };
    const QJsonObject header = decode(parts.at(0));
    const QJsonObject claims = decode(parts.at(1));
    QCOMPARE(header.value(QLatin1String("typ")).toString(), QStringLiteral("at+jwt"));
    QCOMPARE(header.value(QLatin1String("alg")).toString(), QStringLiteral("ES256"));
    QCOMPARE(claims.value(QLatin1String("aud")).toString(),
             QStringLiteral("https://api.tokenscope.test"));
    QCOMPARE(claims.value(QLatin1String("iss")).toString(), m_metadata.issuer);
    QCOMPARE(claims.value(QLatin1String("act")).toObject().value(QLatin1String("sub")).toString(),
             QStringLiteral("tokenscope-exchange"));

    // A JWT access token is not stored by the provider, so it cannot be a subject token.
    const GrantResult jwtSubject = grant(exchange(result.tokens.accessToken));
    QCOMPARE(jwtSubject.error.oauth.error, QStringLiteral("invalid_grant"));
}

ClientAuth::ClientCredentials TestGrantInterop::assertionClient() const
{
    return basicClient(QStringLiteral("tokenscope-assertion"), "tokenscope-assertion-secret");
}

TokenGrantRequest TestGrantInterop::jwtBearer(const QByteArray &key) const
{
    TokenGrantRequest request;
    request.grant = GrantType::JwtBearer;
    request.tokenEndpoint = m_metadata.endpoint(QStringLiteral("token_endpoint"));
    request.client = assertionClient();
    request.scope = QStringLiteral("openid profile");
    request.signAssertion.key = key;
    request.signAssertion.alg = QStringLiteral("ES256");
    request.signAssertion.issuer = Testing::interopAssertionIssuer();
    request.signAssertion.subject = QStringLiteral("carol");
    request.signAssertion.audience = request.tokenEndpoint.toString();
    return request;
}

TokenGrantRequest TestGrantInterop::samlBearer(const QDateTime &notOnOrAfter) const
{
    const QString tokenEndpoint = m_metadata.endpoint(QStringLiteral("token_endpoint")).toString();
    TokenGrantRequest request;
    request.grant = GrantType::Saml2Bearer;
    request.tokenEndpoint = QUrl(tokenEndpoint);
    request.client = assertionClient();
    // Pasted as XML, as a user copies it from an identity provider's tooling.
    request.assertion = Testing::interopSamlAssertion(tokenEndpoint, notOnOrAfter);
    return request;
}

void TestGrantInterop::jwtBearerAssertionSignedHereIsAccepted()
{
    const GrantResult result = grant(jwtBearer(Testing::interopAssertionIssuerKey()));
    QVERIFY2(result.ok(), qPrintable(result.error.message));
    QVERIFY(!result.builtAssertion.isEmpty());
    QCOMPARE(result.grantType, QStringLiteral("urn:ietf:params:oauth:grant-type:jwt-bearer"));
    QCOMPARE(result.tokens.scope, QStringLiteral("openid profile"));
    // The provider verified the signature and took the subject from the assertion.
    const Endpoints::IntrospectionResult introspected =
        introspect(result.tokens.accessToken, assertionClient());
    QVERIFY2(introspected.ok(), qPrintable(introspected.error.message));
    QVERIFY(introspected.active);
    QCOMPARE(introspected.claims.value(QStringLiteral("sub")).toString(), QStringLiteral("carol"));
}

void TestGrantInterop::jwtBearerReplayAndUntrustedKeyAreInvalidGrant()
{
    const GrantResult first = grant(jwtBearer(Testing::interopAssertionIssuerKey()));
    QVERIFY2(first.ok(), qPrintable(first.error.message));
    // The same assertion pasted again: its jti was used.
    TokenGrantRequest replay = jwtBearer(QByteArray());
    replay.assertion = first.builtAssertion;
    const GrantResult replayed = grant(replay);
    QCOMPARE(replayed.error.kind, GrantError::Kind::Provider);
    QCOMPARE(replayed.error.oauth.error, QStringLiteral("invalid_grant"));
    QVERIFY2(replayed.error.oauth.errorDescription.contains(QLatin1String("jti")),
             qPrintable(replayed.error.oauth.errorDescription));

    // Signed by a key the provider does not trust (a fresh one).
    EVP_PKEY *fresh = EVP_EC_gen("P-256");
    QVERIFY(fresh);
    BIO *bio = BIO_new(BIO_s_mem());
    PEM_write_bio_PrivateKey(bio, fresh, nullptr, nullptr, 0, nullptr, nullptr);
    char *data = nullptr;
    const long size = BIO_get_mem_data(bio, &data);
    const QByteArray pem(data, int(size));
    BIO_free(bio);
    EVP_PKEY_free(fresh);
    const GrantResult untrusted = grant(jwtBearer(pem));
    QCOMPARE(untrusted.error.oauth.error, QStringLiteral("invalid_grant"));
    QVERIFY2(untrusted.error.oauth.errorDescription.contains(QLatin1String("signature")),
             qPrintable(untrusted.error.oauth.errorDescription));
    QVERIFY(untrusted.tokens.accessToken.isEmpty());
}

void TestGrantInterop::samlBearerXmlIsEncodedAndAccepted()
{
    const GrantResult result = grant(samlBearer(QDateTime::currentDateTimeUtc().addSecs(300)));
    QVERIFY2(result.ok(), qPrintable(result.error.message));
    QCOMPARE(result.grantType, QStringLiteral("urn:ietf:params:oauth:grant-type:saml2-bearer"));
    // Sent base64url without padding (RFC 7522 §2.1): the provider refuses anything else.
    const QByteArray body = result.exchanges.constLast().requestBody;
    QVERIFY(!body.contains("%3C")); // no XML went over the wire as is
    QVERIFY(!body.contains("%3D")); // no padding
    const Endpoints::IntrospectionResult introspected =
        introspect(result.tokens.accessToken, assertionClient());
    QVERIFY(introspected.active);
    QCOMPARE(introspected.claims.value(QStringLiteral("sub")).toString(), QStringLiteral("dave"));
}

void TestGrantInterop::expiredSamlAssertionIsInvalidGrant()
{
    const GrantResult result = grant(samlBearer(QDateTime::currentDateTimeUtc().addSecs(-60)));
    QCOMPARE(result.error.kind, GrantError::Kind::Provider);
    QCOMPARE(result.error.oauth.error, QStringLiteral("invalid_grant"));
    QVERIFY2(result.error.oauth.errorDescription.contains(QLatin1String("expired")),
             qPrintable(result.error.oauth.errorDescription));
    QVERIFY(result.tokens.accessToken.isEmpty());
}

QTEST_GUILESS_MAIN(TestGrantInterop)
#include "TestGrantInterop.moc"
