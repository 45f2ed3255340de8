// flows/sandbox: dynamic client registration (RFC 7591/7592), RP-initiated logout, and the
// authorization request's prompt, max_age, claims and acr_values with the sandbox's sign-in
// session cookie, driven through SandboxProvider::handle() on a fixed clock.
#include "SandboxTestKit.h"
#include "authcode/Pkce.h"

#include <QJsonArray>
#include <QTest>

using namespace Tokenscope;
using namespace Tokenscope::Testing;
using Sandbox::HttpResponse;

namespace {

const QString redirect = QStringLiteral("http://127.0.0.1:50123/callback");
const QByteArray verifier = "dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk";
const QByteArray challenge = "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM";

QString errorOf(const HttpResponse &response)
{
    return jsonOf(response).value(QLatin1String("error")).toString();
}

Sandbox::HttpRequest jsonRequest(const QByteArray &method, const QString &path,
                                 const QJsonObject &body, const QByteArray &token = {})
{
    Sandbox::HttpRequest request = formPost(path, QJsonDocument(body).toJson());
    request.method = method;
    request.headers[1].second = "application/json";
    if (!token.isEmpty())
        request.headers.append({QByteArray("authorization"), "Bearer " + token});
    return request;
}

QJsonObject payloadOf(const QString &jwt)
{
    return QJsonDocument::fromJson(QByteArray::fromBase64(jwt.toLatin1().split('.').value(1),
                                                          QByteArray::Base64UrlEncoding))
        .object();
}

QList<QPair<QString, QString>> request(const QList<QPair<QString, QString>> &extra = {},
                                       const QString &clientId = QStringLiteral("sandbox-public"))
{
    QList<QPair<QString, QString>> out{
        {QStringLiteral("client_id"), clientId},
        {QStringLiteral("redirect_uri"), redirect},
        {QStringLiteral("response_type"), QStringLiteral("code")},
        {QStringLiteral("scope"), QStringLiteral("openid")},
        {QStringLiteral("state"), QStringLiteral("s1")},
        {QStringLiteral("code_challenge"), QString::fromLatin1(challenge)},
        {QStringLiteral("code_challenge_method"), QStringLiteral("S256")}};
    return out + extra;
}

struct EndpointKit : SandboxKit
{
    QByteArray cookie; // "name=value" of the sandbox session

    HttpResponse start(const QList<QPair<QString, QString>> &parameters)
    {
        Sandbox::HttpRequest r = get(QStringLiteral("/authorize"), form(parameters));
        if (!cookie.isEmpty())
            r.headers.append({QByteArray("cookie"), "other=1; " + cookie});
        return provider->handle(r);
    }
    // Sign in through the pages, keeping the session cookie; returns the final redirect.
    HttpResponse signIn(const QList<QPair<QString, QString>> &parameters,
                        const QString &login = QStringLiteral("alice"))
    {
        const QString interaction = interactionOf(start(parameters).body);
        const HttpResponse consent = provider->handle(
            formPost(QStringLiteral("/login"), form({{QStringLiteral("interaction"), interaction},
                                                     {QStringLiteral("login"), login}})));
        cookie = consent.header("Set-Cookie").split(';').first();
        return allow(interaction);
    }
    HttpResponse allow(const QString &interaction)
    {
        return provider->handle(
            formPost(QStringLiteral("/consent"),
                     form({{QStringLiteral("interaction"), interaction},
                           {QStringLiteral("decision"), QStringLiteral("allow")}})));
    }
    QJsonObject redeem(const HttpResponse &redirectResponse,
                       const QString &clientId = QStringLiteral("sandbox-public"),
                       const QByteArray &authorization = {})
    {
        const QString code =
            redirectParameters(redirectResponse).queryItemValue(QStringLiteral("code"));
        return jsonOf(provider->handle(
            formPost(QStringLiteral("/token"),
                     form({{QStringLiteral("grant_type"), QStringLiteral("authorization_code")},
                           {QStringLiteral("code"), code},
                           {QStringLiteral("redirect_uri"), redirect},
                           {QStringLiteral("client_id"), clientId},
                           {QStringLiteral("code_verifier"), QString::fromLatin1(verifier)}}),
                     authorization)));
    }
};

} // namespace

class TestSandboxEndpoints : public QObject
{
    Q_OBJECT

private slots:
    void registrationRoundTrip();
    void registrationErrors_data();
    void registrationErrors();
    void promptNoneAndLogin();
    void maxAgeForcesLoginAndSetsAuthTime();
    void endSessionLogsOutAndEchoesState();
    void endSessionRefusesBadRequests_data();
    void endSessionRefusesBadRequests();
    void claimsParameterAndAcr();
    void badPromptAndClaimsAreInvalidRequest_data();
    void badPromptAndClaimsAreInvalidRequest();
    void hostileInputIsAnswered_data();
    void hostileInputIsAnswered();
};

void TestSandboxEndpoints::registrationRoundTrip()
{
    EndpointKit kit;
    const HttpResponse created = kit.provider->handle(jsonRequest(
        "POST", QStringLiteral("/register"),
        QJsonObject{{QStringLiteral("redirect_uris"),
                     QJsonArray{QStringLiteral("http://127.0.0.1/callback")}},
                    {QStringLiteral("grant_types"), QJsonArray{QStringLiteral("authorization_code"),
                                                               QStringLiteral("refresh_token")}},
                    {QStringLiteral("client_name"), QStringLiteral("我的应用")}}));
    QCOMPARE(created.status, 201);
    const QJsonObject client = jsonOf(created);
    const QString id = client.value(QLatin1String("client_id")).toString();
    const QByteArray secret = client.value(QLatin1String("client_secret")).toString().toLatin1();
    const QByteArray token =
        client.value(QLatin1String("registration_access_token")).toString().toLatin1();
    QVERIFY(!id.isEmpty() && !secret.isEmpty() && !token.isEmpty());
    QCOMPARE(client.value(QLatin1String("token_endpoint_auth_method")).toString(),
             QStringLiteral("client_secret_basic"));
    QCOMPARE(client.value(QLatin1String("registration_client_uri")).toString(),
             QStringLiteral("http://127.0.0.1:1234/register/") + id);

    // The new client signs a user in and redeems the code with its secret.
    const QJsonObject tokens =
        kit.redeem(kit.signIn(request({}, id)), id, basic(id.toLatin1(), secret));
    QVERIFY2(!tokens.value(QLatin1String("access_token")).toString().isEmpty(),
             QJsonDocument(tokens).toJson().constData());

    // RFC 7592: read, with the right token only.
    const QString path = QStringLiteral("/register/") + id;
    const HttpResponse read = kit.provider->handle(get(path, {}, "Bearer " + token));
    QCOMPARE(read.status, 200);
    QCOMPARE(jsonOf(read).value(QLatin1String("client_name")).toString(),
             QStringLiteral("我的应用"));
    const HttpResponse wrong = kit.provider->handle(get(path, {}, "Bearer nope"));
    QCOMPARE(wrong.status, 401);
    QCOMPARE(errorOf(wrong), QStringLiteral("invalid_token"));
    QVERIFY(wrong.header("WWW-Authenticate").startsWith("Bearer"));
    QCOMPARE(kit.provider->handle(get(path)).status, 401);
    // A preconfigured client can't be managed.
    QCOMPARE(
        kit.provider->handle(get(QStringLiteral("/register/sandbox-public"), {}, "Bearer " + token))
            .status,
        401);

    // Update: now it may use client_credentials too.
    auto cc = [&] {
        return kit.provider->handle(formPost(QStringLiteral("/token"),
                                             "grant_type=client_credentials",
                                             basic(id.toLatin1(), secret)));
    };
    QCOMPARE(errorOf(cc()), QStringLiteral("unauthorized_client"));
    QJsonObject updated = jsonOf(read);
    updated.remove(QStringLiteral("registration_access_token"));
    updated.remove(QStringLiteral("registration_client_uri"));
    updated.insert(QStringLiteral("grant_types"), QJsonArray{QStringLiteral("authorization_code"),
                                                             QStringLiteral("client_credentials")});
    const HttpResponse put = kit.provider->handle(jsonRequest("PUT", path, updated, token));
    QCOMPARE(put.status, 200);
    QCOMPARE(cc().status, 200);
    updated.insert(QStringLiteral("client_id"), QStringLiteral("someone-else"));
    QCOMPARE(errorOf(kit.provider->handle(jsonRequest("PUT", path, updated, token))),
             QStringLiteral("invalid_client_metadata"));

    // Delete: gone, its credentials no longer work.
    Sandbox::HttpRequest del = get(path, {}, "Bearer " + token);
    del.method = "DELETE";
    QCOMPARE(kit.provider->handle(del).status, 204);
    QCOMPARE(kit.provider->handle(get(path, {}, "Bearer " + token)).status, 401);
    QCOMPARE(cc().status, 401);
}

void TestSandboxEndpoints::registrationErrors_data()
{
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<QString>("error");
    QTest::newRow("not_json_is_invalid_client_metadata")
        << QByteArray("redirect_uris=x") << QStringLiteral("invalid_client_metadata");
    QTest::newRow("fragment_in_redirect_uri_is_invalid_redirect_uri")
        << QByteArray(R"({"redirect_uris":["http://127.0.0.1/cb#x"]})")
        << QStringLiteral("invalid_redirect_uri");
    QTest::newRow("code_grant_without_redirect_uris_is_invalid_redirect_uri")
        << QByteArray(R"({"client_name":"x"})") << QStringLiteral("invalid_redirect_uri");
    QTest::newRow("unknown_auth_method_is_invalid_client_metadata")
        << QByteArray(
               R"({"redirect_uris":["http://127.0.0.1/cb"],"token_endpoint_auth_method":"tls_client_auth"})")
        << QStringLiteral("invalid_client_metadata");
    QTest::newRow("private_key_jwt_without_jwks_is_invalid_client_metadata")
        << QByteArray(
               R"({"redirect_uris":["http://127.0.0.1/cb"],"token_endpoint_auth_method":"private_key_jwt"})")
        << QStringLiteral("invalid_client_metadata");
    QTest::newRow("private_key_in_jwks_is_invalid_client_metadata")
        << QByteArray(
               R"({"redirect_uris":["http://127.0.0.1/cb"],"jwks":{"keys":[{"kty":"oct","k":"c2VjcmV0c2VjcmV0"}]}})")
        << QStringLiteral("invalid_client_metadata");
    QTest::newRow("token_response_type_without_implicit_is_invalid_client_metadata")
        << QByteArray(
               R"({"redirect_uris":["http://127.0.0.1/cb"],"response_types":["code","token"]})")
        << QStringLiteral("invalid_client_metadata");
    QTest::newRow("unknown_grant_type_is_invalid_client_metadata")
        << QByteArray(R"({"grant_types":["urn:x"]})") << QStringLiteral("invalid_client_metadata");
    QTest::newRow("grant_types_not_an_array_is_invalid_client_metadata")
        << QByteArray(R"({"grant_types":"client_credentials"})")
        << QStringLiteral("invalid_client_metadata");
}

void TestSandboxEndpoints::registrationErrors()
{
    QFETCH(QByteArray, body);
    QFETCH(QString, error);
    EndpointKit kit;
    Sandbox::HttpRequest r = formPost(QStringLiteral("/register"), body);
    if (body.startsWith('{'))
        r.headers[1].second = "application/json";
    const HttpResponse response = kit.provider->handle(r);
    QCOMPARE(response.status, 400);
    QCOMPARE(errorOf(response), error);
}

void TestSandboxEndpoints::promptNoneAndLogin()
{
    EndpointKit kit;
    // Nobody signed in: prompt=none is login_required, sent to the client with state.
    const HttpResponse none =
        kit.start(request({{QStringLiteral("prompt"), QStringLiteral("none")}}));
    QCOMPARE(none.status, 302);
    QCOMPARE(SandboxKit::redirectParameters(none).queryItemValue(QStringLiteral("error")),
             QStringLiteral("login_required"));
    QCOMPARE(SandboxKit::redirectParameters(none).queryItemValue(QStringLiteral("state")),
             QStringLiteral("s1"));
    // Sign in: the login response sets the session cookie.
    QVERIFY(
        !kit.redeem(kit.signIn(request())).value(QLatin1String("id_token")).toString().isEmpty());
    QVERIFY(kit.cookie.startsWith("tokenscope_sandbox_session="));
    // With the session, prompt=none answers at once with a code.
    const HttpResponse silent =
        kit.start(request({{QStringLiteral("prompt"), QStringLiteral("none")}}));
    QCOMPARE(silent.status, 302);
    const QJsonObject tokens = kit.redeem(silent);
    QCOMPARE(payloadOf(tokens.value(QLatin1String("id_token")).toString())
                 .value(QLatin1String("sub"))
                 .toString(),
             QStringLiteral("alice"));
    // Without prompt the session skips the login page (consent page); prompt=login doesn't.
    const HttpResponse consent = kit.start(request());
    QVERIFY(consent.body.contains("action=\"/consent\""));
    const HttpResponse login =
        kit.start(request({{QStringLiteral("prompt"), QStringLiteral("login")}}));
    QVERIFY(login.body.contains("action=\"/login\""));
    QVERIFY(!login.body.contains("action=\"/consent\""));
}

void TestSandboxEndpoints::maxAgeForcesLoginAndSetsAuthTime()
{
    EndpointKit kit;
    const qint64 signedInAt = kit.clock.now().toSecsSinceEpoch();
    kit.signIn(request());
    kit.clock.advance(100);
    const HttpResponse tooOld =
        kit.start(request({{QStringLiteral("max_age"), QStringLiteral("60")}}));
    QVERIFY(tooOld.body.contains("action=\"/login\""));
    const HttpResponse silentTooOld =
        kit.start(request({{QStringLiteral("max_age"), QStringLiteral("60")},
                           {QStringLiteral("prompt"), QStringLiteral("none")}}));
    QCOMPARE(SandboxKit::redirectParameters(silentTooOld).queryItemValue(QStringLiteral("error")),
             QStringLiteral("login_required"));
    const HttpResponse fresh =
        kit.start(request({{QStringLiteral("max_age"), QStringLiteral("600")},
                           {QStringLiteral("prompt"), QStringLiteral("none")}}));
    const QJsonObject claims =
        payloadOf(kit.redeem(fresh).value(QLatin1String("id_token")).toString());
    QCOMPARE(qint64(claims.value(QLatin1String("auth_time")).toDouble()), signedInAt);
    // Signing in again (forced by max_age) moves auth_time.
    const QJsonObject again = payloadOf(
        kit.redeem(kit.signIn(request({{QStringLiteral("max_age"), QStringLiteral("60")}})))
            .value(QLatin1String("id_token"))
            .toString());
    QCOMPARE(qint64(again.value(QLatin1String("auth_time")).toDouble()), signedInAt + 100);
}

void TestSandboxEndpoints::endSessionLogsOutAndEchoesState()
{
    EndpointKit kit;
    const QString idToken =
        kit.redeem(kit.signIn(request())).value(QLatin1String("id_token")).toString();
    Sandbox::HttpRequest logout = get(QStringLiteral("/end_session"),
                                      form({{QStringLiteral("id_token_hint"), idToken},
                                            {QStringLiteral("post_logout_redirect_uri"),
                                             QStringLiteral("http://127.0.0.1:5555/logged-out")},
                                            {QStringLiteral("state"), QStringLiteral("bye &1")}}));
    logout.headers.append({QByteArray("cookie"), kit.cookie});
    const HttpResponse response = kit.provider->handle(logout);
    QCOMPARE(response.status, 302);
    QCOMPARE(response.header("Location"),
             QByteArray("http://127.0.0.1:5555/logged-out?state=bye%20%261"));
    QVERIFY(response.header("Set-Cookie").contains("Max-Age=0"));
    // The session is over: prompt=none is login_required again.
    const HttpResponse none =
        kit.start(request({{QStringLiteral("prompt"), QStringLiteral("none")}}));
    QCOMPARE(SandboxKit::redirectParameters(none).queryItemValue(QStringLiteral("error")),
             QStringLiteral("login_required"));
    // Without a redirect: a page.
    const HttpResponse page = kit.provider->handle(get(QStringLiteral("/end_session")));
    QCOMPARE(page.status, 200);
    QVERIFY(page.body.contains("signed out"));
}

void TestSandboxEndpoints::endSessionRefusesBadRequests_data()
{
    QTest::addColumn<QString>("hint"); // "good", "forged", ""
    QTest::addColumn<QString>("clientId");
    QTest::addColumn<QString>("target");
    QTest::newRow("unregistered_post_logout_redirect_uri")
        << QStringLiteral("good") << QString() << QStringLiteral("https://evil.example/");
    QTest::newRow("redirect_without_a_client")
        << QString() << QString() << QStringLiteral("http://127.0.0.1/logged-out");
    QTest::newRow("client_id_not_the_hint_audience")
        << QStringLiteral("good") << QStringLiteral("sandbox-confidential")
        << QStringLiteral("http://127.0.0.1/logged-out");
    QTest::newRow("forged_id_token_hint") << QStringLiteral("forged") << QString() << QString();
}

void TestSandboxEndpoints::endSessionRefusesBadRequests()
{
    QFETCH(QString, hint);
    QFETCH(QString, clientId);
    QFETCH(QString, target);
    EndpointKit kit;
    QString idToken = kit.redeem(kit.signIn(request())).value(QLatin1String("id_token")).toString();
    if (hint == QLatin1String("forged"))
        idToken = idToken.left(idToken.lastIndexOf(QLatin1Char('.')) + 1) + QStringLiteral("AAAA");
    QList<QPair<QString, QString>> pairs;
    if (!hint.isEmpty())
        pairs.append({QStringLiteral("id_token_hint"), idToken});
    if (!clientId.isEmpty())
        pairs.append({QStringLiteral("client_id"), clientId});
    if (!target.isEmpty())
        pairs.append({QStringLiteral("post_logout_redirect_uri"), target});
    Sandbox::HttpRequest logout = get(QStringLiteral("/end_session"), form(pairs));
    logout.headers.append({QByteArray("cookie"), kit.cookie});
    const HttpResponse response = kit.provider->handle(logout);
    QCOMPARE(response.status, 400);
    QVERIFY(response.header("Location").isEmpty());
    // Still signed in.
    QCOMPARE(kit.start(request({{QStringLiteral("prompt"), QStringLiteral("none")}})).status, 302);
    QVERIFY(SandboxKit::redirectParameters(
                kit.start(request({{QStringLiteral("prompt"), QStringLiteral("none")}})))
                .hasQueryItem(QStringLiteral("code")));
}

void TestSandboxEndpoints::claimsParameterAndAcr()
{
    EndpointKit kit;
    const QJsonObject tokens = kit.redeem(kit.signIn(
        request({{QStringLiteral("claims"),
                  QStringLiteral(
                      R"({"id_token":{"email":{"essential":true}},"userinfo":{"locale":null}})")},
                 {QStringLiteral("acr_values"),
                  QStringLiteral("urn:example:unknown urn:tokenscope:sandbox:mfa")}})));
    const QJsonObject idClaims = payloadOf(tokens.value(QLatin1String("id_token")).toString());
    // Only the openid scope: email comes from the claims parameter alone.
    QCOMPARE(idClaims.value(QLatin1String("email")).toString(),
             QStringLiteral("alice@example.com"));
    QVERIFY(!idClaims.contains(QLatin1String("name")));
    QCOMPARE(idClaims.value(QLatin1String("acr")).toString(),
             QStringLiteral("urn:tokenscope:sandbox:mfa"));
    const QJsonObject info = jsonOf(kit.provider->handle(
        get(QStringLiteral("/userinfo"), {},
            "Bearer " + tokens.value(QLatin1String("access_token")).toString().toLatin1())));
    QCOMPARE(info.value(QLatin1String("locale")).toString(), QStringLiteral("en-GB"));
    QVERIFY(!info.contains(QLatin1String("email")));
    // Without them: neither.
    const QJsonObject plain =
        payloadOf(kit.redeem(kit.signIn(request())).value(QLatin1String("id_token")).toString());
    QVERIFY(!plain.contains(QLatin1String("email")));
    QVERIFY(!plain.contains(QLatin1String("acr")));
}

void TestSandboxEndpoints::badPromptAndClaimsAreInvalidRequest_data()
{
    QTest::addColumn<QString>("name");
    QTest::addColumn<QString>("value");
    QTest::newRow("prompt_none_with_login")
        << QStringLiteral("prompt") << QStringLiteral("none login");
    QTest::newRow("unknown_prompt") << QStringLiteral("prompt") << QStringLiteral("shout");
    QTest::newRow("negative_max_age") << QStringLiteral("max_age") << QStringLiteral("-1");
    QTest::newRow("max_age_not_a_number") << QStringLiteral("max_age") << QStringLiteral("soon");
    QTest::newRow("claims_not_json") << QStringLiteral("claims") << QStringLiteral("{nope");
    QTest::newRow("claims_member_not_an_object")
        << QStringLiteral("claims") << QStringLiteral(R"({"userinfo":[]})");
}

void TestSandboxEndpoints::badPromptAndClaimsAreInvalidRequest()
{
    QFETCH(QString, name);
    QFETCH(QString, value);
    EndpointKit kit;
    const HttpResponse response = kit.start(request({{name, value}}));
    QCOMPARE(response.status, 302);
    QCOMPARE(SandboxKit::redirectParameters(response).queryItemValue(QStringLiteral("error")),
             QStringLiteral("invalid_request"));
    // The refused interaction is gone: its id can't be used to sign in.
    QVERIFY(SandboxKit::interactionOf(response.body).isEmpty());
}

void TestSandboxEndpoints::hostileInputIsAnswered_data()
{
    QTest::addColumn<QByteArray>("method");
    QTest::addColumn<QString>("path");
    QTest::addColumn<QByteArray>("contentType");
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<int>("status");
    const QByteArray formType = "application/x-www-form-urlencoded";
    QTest::newRow("device_authorization_get")
        << QByteArray("GET") << QStringLiteral("/device_authorization") << QByteArray()
        << QByteArray() << 405;
    QTest::newRow("device_authorization_json")
        << QByteArray("POST") << QStringLiteral("/device_authorization")
        << QByteArray("application/json") << QByteArray("{}") << 400;
    QTest::newRow("device_authorization_repeated")
        << QByteArray("POST") << QStringLiteral("/device_authorization") << formType
        << QByteArray("client_id=sandbox-device&client_id=sandbox-device") << 400;
    QTest::newRow("device_page_not_a_form") << QByteArray("POST") << QStringLiteral("/device")
                                            << QByteArray("text/plain") << QByteArray("x") << 400;
    QTest::newRow("backchannel_unknown_request")
        << QByteArray("POST") << QStringLiteral("/backchannel") << formType
        << QByteArray("auth_req_id=nope&decision=allow") << 400;
    QTest::newRow("backchannel_authentication_no_client")
        << QByteArray("POST") << QStringLiteral("/backchannel-authentication") << formType
        << QByteArray("login_hint=alice&scope=openid") << 401;
    QTest::newRow("register_delete_without_id")
        << QByteArray("DELETE") << QStringLiteral("/register") << QByteArray() << QByteArray()
        << 405;
    QTest::newRow("register_truncated_json")
        << QByteArray("POST") << QStringLiteral("/register") << QByteArray("application/json")
        << QByteArray("{\"redirect_uris\":[") << 400;
    QTest::newRow("register_array") << QByteArray("POST") << QStringLiteral("/register")
                                    << QByteArray("application/json") << QByteArray("[1,2]") << 400;
    QTest::newRow("register_read_no_token")
        << QByteArray("GET") << QStringLiteral("/register/") << QByteArray() << QByteArray() << 401;
    QTest::newRow("end_session_put") << QByteArray("PUT") << QStringLiteral("/end_session")
                                     << QByteArray() << QByteArray() << 405;
    QTest::newRow("end_session_garbage_hint")
        << QByteArray("POST") << QStringLiteral("/end_session") << formType
        << QByteArray("id_token_hint=a.b.c&post_logout_redirect_uri=%%%") << 400;
    QTest::newRow("token_exchange_garbage_subject")
        << QByteArray("POST") << QStringLiteral("/token") << formType
        << QByteArray("client_id=sandbox-public&grant_type=urn%3Aietf%3Aparams%3Aoauth%3Agrant-"
                      "type%3Atoken-exchange&subject_token=x")
        << 400;
    QTest::newRow("device_code_missing")
        << QByteArray("POST") << QStringLiteral("/token") << formType
        << QByteArray("client_id=sandbox-device&grant_type=urn%3Aietf%3Aparams%3Aoauth%3Agrant-"
                      "type%3Adevice_code")
        << 400;
}

void TestSandboxEndpoints::hostileInputIsAnswered()
{
    QFETCH(QByteArray, method);
    QFETCH(QString, path);
    QFETCH(QByteArray, contentType);
    QFETCH(QByteArray, body);
    QFETCH(int, status);
    EndpointKit kit;
    Sandbox::HttpRequest r = get(path);
    r.method = method;
    if (!contentType.isEmpty())
        r.headers.append({QByteArray("content-type"), contentType});
    r.body = body;
    QCOMPARE(kit.provider->handle(r).status, status);
}

QTEST_GUILESS_MAIN(TestSandboxEndpoints)
#include "TestSandboxEndpoints.moc"
