// flows/sandbox: the password, device code, CIBA, token exchange and JWT bearer grants and
// client authentication with client_secret_jwt and private_key_jwt, driven through
// SandboxProvider::handle() on a fixed clock.
#include "SandboxClientAssertion.h"
#include "SandboxDeferredGrants.h"
#include "SandboxTestKit.h"
#include "jose/Base64Url.h"
#include "jose/JwsSigner.h"

#include <QJsonArray>
#include <QRegularExpression>
#include <QTest>

using namespace Tokenscope;
using namespace Tokenscope::Testing;
using Sandbox::HttpResponse;

namespace {

const QString issuer = QStringLiteral("http://127.0.0.1:1234");
const QString tokenEndpoint = QStringLiteral("http://127.0.0.1:1234/token");
const QString jwtSecret = QStringLiteral("sandbox-jwt-secret-0123456789abcdef");
const QString assertionType =
    QStringLiteral("urn:ietf:params:oauth:client-assertion-type:jwt-bearer");
const QString tokenType = QStringLiteral("urn:ietf:params:oauth:token-type:");

QString errorOf(const HttpResponse &response)
{
    return jsonOf(response).value(QLatin1String("error")).toString();
}

QByteArray signJwt(const QJsonObject &claims, const Jose::JwsSigner::Key &key, const QString &alg,
                   const QString &kid = {})
{
    QJsonObject header{{QStringLiteral("alg"), alg},
                       {QStringLiteral("typ"), QStringLiteral("JWT")}};
    if (!kid.isEmpty())
        header.insert(QStringLiteral("kid"), kid);
    const Jose::JwsSigner::Result result =
        Jose::JwsSigner::sign(header, QJsonDocument(claims).toJson(QJsonDocument::Compact), key);
    if (result.isError())
        qFatal("signing failed");
    return result.compact;
}

struct GrantKit : SandboxKit
{
    // Registers a CIBA client (RFC 7591) with `extra` metadata; its id and secret, or the
    // registration response's error in *error.
    QPair<QString, QByteArray> registerCiba(const QJsonObject &extra, QString *error = nullptr)
    {
        QJsonObject metadata{
            {QStringLiteral("grant_types"),
             QJsonArray{QStringLiteral("urn:openid:params:grant-type:ciba")}},
            {QStringLiteral("response_types"), QJsonArray()},
            {QStringLiteral("token_endpoint_auth_method"), QStringLiteral("client_secret_basic")}};
        for (auto it = extra.begin(); it != extra.end(); ++it)
            metadata.insert(it.key(), it.value());
        Sandbox::HttpRequest request = formPost(
            QStringLiteral("/register"), QJsonDocument(metadata).toJson(QJsonDocument::Compact));
        request.headers = {{QByteArray("host"), QByteArray("127.0.0.1")},
                           {QByteArray("content-type"), QByteArray("application/json")}};
        const HttpResponse response = provider->handle(request);
        const QJsonObject answer = jsonOf(response);
        if (error)
            *error = answer.value(QLatin1String("error")).toString();
        lastRegistration = answer;
        return {answer.value(QLatin1String("client_id")).toString(),
                answer.value(QLatin1String("client_secret")).toString().toLatin1()};
    }
    QJsonObject lastRegistration;

    qint64 now() const { return clock.now().toSecsSinceEpoch(); }

    QJsonObject assertionClaims(const QString &clientId, const QString &jti,
                                const QString &sub = {})
    {
        return QJsonObject{{QStringLiteral("iss"), clientId},
                           {QStringLiteral("sub"), sub.isEmpty() ? clientId : sub},
                           {QStringLiteral("aud"), tokenEndpoint},
                           {QStringLiteral("iat"), now()},
                           {QStringLiteral("exp"), now() + 60},
                           {QStringLiteral("jti"), jti}};
    }
    Jose::JwsSigner::Key clientKey() const
    {
        return Jose::JwsSigner::Key::fromPem(
            provider->directory().client(QStringLiteral("sandbox-private-key"))->privateKeyPem);
    }
    HttpResponse token(const QList<QPair<QString, QString>> &pairs,
                       const QByteArray &authorization = {})
    {
        return provider->handle(formPost(QStringLiteral("/token"), form(pairs), authorization));
    }
    HttpResponse withAssertion(const QByteArray &assertion, const QString &clientId = {})
    {
        QList<QPair<QString, QString>> pairs{
            {QStringLiteral("grant_type"), QStringLiteral("client_credentials")},
            {QStringLiteral("client_assertion_type"), assertionType},
            {QStringLiteral("client_assertion"), QString::fromLatin1(assertion)}};
        if (!clientId.isEmpty())
            pairs.append({QStringLiteral("client_id"), clientId});
        return token(pairs);
    }
    QString passwordToken(const QString &scope)
    {
        return jsonOf(token({{QStringLiteral("grant_type"), QStringLiteral("password")},
                             {QStringLiteral("username"), QStringLiteral("alice")},
                             {QStringLiteral("password"), QStringLiteral("sandbox")},
                             {QStringLiteral("scope"), scope}},
                            basic("sandbox-confidential", "sandbox-secret")))
            .value(QLatin1String("access_token"))
            .toString();
    }
    QJsonObject introspect(const QString &value)
    {
        return jsonOf(provider->handle(formPost(QStringLiteral("/introspect"),
                                                form({{QStringLiteral("token"), value}}),
                                                basic("sandbox-confidential", "sandbox-secret"))));
    }
};

} // namespace

class TestSandboxGrants : public QObject
{
    Q_OBJECT

private slots:
    void passwordGrant_data();
    void passwordGrant();
    void deviceFlowStates();
    void deviceFlowExpiresAndDenies();
    void devicePageRejectsUnknownCodes();
    void cibaApprovalPageAndAutoApproval();
    void cibaErrors_data();
    void cibaErrors();
    void cibaPingRegistration_data();
    void cibaPingRegistration();
    void cibaPingNeedsTheNotificationToken_data();
    void cibaPingNeedsTheNotificationToken();
    void cibaPingNotifiesApprovalAndDenial();
    void cibaPollClientsAreNotNotified();
    void clientSecretJwt_data();
    void clientSecretJwt();
    void privateKeyJwtAndJtiReplay();
    void assertionMayNameTheEndpointCalled();
    void tokenExchangeChecksTheSubject_data();
    void tokenExchangeChecksTheSubject();
    void tokenExchangeActAndAudience();
    void jwtBearerGrant_data();
    void jwtBearerGrant();
    void discoveryAdvertisesTheGrants();
};

void TestSandboxGrants::passwordGrant_data()
{
    QTest::addColumn<QString>("username");
    QTest::addColumn<QString>("password");
    QTest::addColumn<QByteArray>("authorization");
    QTest::addColumn<int>("status");
    QTest::addColumn<QString>("error");
    const QByteArray conf = basic("sandbox-confidential", "sandbox-secret");
    QTest::newRow("test_user_with_sandbox_password_succeeds")
        << QStringLiteral("bob") << QStringLiteral("sandbox") << conf << 200 << QString();
    QTest::newRow("wrong_password_is_invalid_grant")
        << QStringLiteral("bob") << QStringLiteral("bob") << conf << 400
        << QStringLiteral("invalid_grant");
    QTest::newRow("ad_hoc_user_is_invalid_grant")
        << QStringLiteral("mallory") << QStringLiteral("sandbox") << conf << 400
        << QStringLiteral("invalid_grant");
    QTest::newRow("missing_username_is_invalid_request")
        << QString() << QStringLiteral("sandbox") << conf << 400
        << QStringLiteral("invalid_request");
    QTest::newRow("client_without_the_grant_is_unauthorized_client")
        << QStringLiteral("bob") << QStringLiteral("sandbox")
        << basic("sandbox-service", "sandbox-secret") << 400
        << QStringLiteral("unauthorized_client");
}

void TestSandboxGrants::passwordGrant()
{
    QFETCH(QString, username);
    QFETCH(QString, password);
    QFETCH(QByteArray, authorization);
    QFETCH(int, status);
    QFETCH(QString, error);
    GrantKit kit;
    const HttpResponse response =
        kit.token({{QStringLiteral("grant_type"), QStringLiteral("password")},
                   {QStringLiteral("username"), username},
                   {QStringLiteral("password"), password},
                   {QStringLiteral("scope"), QStringLiteral("openid profile")}},
                  authorization);
    QCOMPARE(response.status, status);
    QCOMPARE(errorOf(response), error);
    if (status != 200)
        return;
    const QJsonObject tokens = jsonOf(response);
    QVERIFY(!tokens.value(QLatin1String("refresh_token")).toString().isEmpty());
    QVERIFY(!tokens.value(QLatin1String("id_token")).toString().isEmpty());
    const HttpResponse info = kit.provider->handle(
        get(QStringLiteral("/userinfo"), {},
            "Bearer " + tokens.value(QLatin1String("access_token")).toString().toLatin1()));
    QCOMPARE(jsonOf(info).value(QLatin1String("sub")).toString(), username);
    QCOMPARE(jsonOf(info).value(QLatin1String("name")).toString(), QStringLiteral("Bob Builder"));
}

void TestSandboxGrants::deviceFlowStates()
{
    GrantKit kit;
    const HttpResponse started = kit.provider->handle(formPost(
        QStringLiteral("/device_authorization"),
        form({{QStringLiteral("client_id"), QStringLiteral("sandbox-device")},
              {QStringLiteral("scope"), QStringLiteral("openid profile offline_access")}})));
    QCOMPARE(started.status, 200);
    const QJsonObject device = jsonOf(started);
    const QString deviceCode = device.value(QLatin1String("device_code")).toString();
    const QString userCode = device.value(QLatin1String("user_code")).toString();
    QVERIFY(
        QRegularExpression(QStringLiteral("^[BCDFGHJKLMNPQRSTVWXZ]{4}-[BCDFGHJKLMNPQRSTVWXZ]{4}$"))
            .match(userCode)
            .hasMatch());
    QCOMPARE(device.value(QLatin1String("interval")).toInt(), 5);
    QCOMPARE(device.value(QLatin1String("verification_uri")).toString(),
             issuer + QStringLiteral("/device"));
    QCOMPARE(device.value(QLatin1String("verification_uri_complete")).toString(),
             issuer + QStringLiteral("/device?user_code=") + userCode);

    auto poll = [&] {
        return kit.token({{QStringLiteral("grant_type"),
                           QStringLiteral("urn:ietf:params:oauth:grant-type:device_code")},
                          {QStringLiteral("device_code"), deviceCode},
                          {QStringLiteral("client_id"), QStringLiteral("sandbox-device")}});
    };
    QCOMPARE(errorOf(poll()), QStringLiteral("authorization_pending"));
    kit.clock.advance(2);
    QCOMPARE(errorOf(poll()), QStringLiteral("slow_down"));
    // The interval is now 10 s: 6 s later is still too fast, 10 s later is fine.
    kit.clock.advance(6);
    QCOMPARE(errorOf(poll()), QStringLiteral("slow_down"));
    kit.clock.advance(15);
    QCOMPARE(errorOf(poll()), QStringLiteral("authorization_pending"));

    // The person opens verification_uri_complete: the code is prefilled.
    const HttpResponse prefilled = kit.provider->handle(
        get(QStringLiteral("/device"), "user_code=" + QUrl::toPercentEncoding(userCode)));
    QCOMPARE(prefilled.status, 200);
    QVERIFY(prefilled.body.contains(QByteArray("value=\"" + userCode.toLatin1() + '"')));
    // Typed in lower case without the dash: still found; then login and consent.
    const HttpResponse login = kit.provider->handle(formPost(
        QStringLiteral("/device"),
        form({{QStringLiteral("user_code"), userCode.toLower().remove(QLatin1Char('-'))}})));
    QCOMPARE(login.status, 200);
    const QString interaction = SandboxKit::interactionOf(login.body);
    QVERIFY(!interaction.isEmpty());
    const HttpResponse consent = kit.provider->handle(formPost(
        QStringLiteral("/login"), form({{QStringLiteral("interaction"), interaction},
                                        {QStringLiteral("login"), QStringLiteral("bob")}})));
    QVERIFY(consent.body.contains("<li>offline_access</li>"));
    const HttpResponse done = kit.provider->handle(formPost(
        QStringLiteral("/consent"), form({{QStringLiteral("interaction"), interaction},
                                          {QStringLiteral("decision"), QStringLiteral("allow")}})));
    QCOMPARE(done.status, 200);
    QVERIFY(done.body.contains("You may close this page"));

    kit.clock.advance(15); // the interval after two slow_downs
    const HttpResponse tokens = poll();
    QCOMPARE(tokens.status, 200);
    QVERIFY(!jsonOf(tokens).value(QLatin1String("refresh_token")).toString().isEmpty());
    QVERIFY(!jsonOf(tokens).value(QLatin1String("id_token")).toString().isEmpty());
    QCOMPARE(kit.introspect(jsonOf(tokens).value(QLatin1String("access_token")).toString())
                 .value(QLatin1String("sub"))
                 .toString(),
             QStringLiteral("bob"));
    // The device code gives tokens once.
    kit.clock.advance(10);
    QCOMPARE(errorOf(poll()), QStringLiteral("invalid_grant"));
}

void TestSandboxGrants::deviceFlowExpiresAndDenies()
{
    GrantKit kit;
    auto start = [&] {
        return jsonOf(kit.provider->handle(
            formPost(QStringLiteral("/device_authorization"),
                     form({{QStringLiteral("client_id"), QStringLiteral("sandbox-device")}}))));
    };
    auto poll = [&](const QString &deviceCode, const QString &client) {
        return kit.token({{QStringLiteral("grant_type"),
                           QStringLiteral("urn:ietf:params:oauth:grant-type:device_code")},
                          {QStringLiteral("device_code"), deviceCode},
                          {QStringLiteral("client_id"), client}});
    };
    // Denied on the consent page.
    const QJsonObject denied = start();
    const HttpResponse login = kit.provider->handle(formPost(
        QStringLiteral("/device"), form({{QStringLiteral("user_code"),
                                          denied.value(QLatin1String("user_code")).toString()}})));
    const QString interaction = SandboxKit::interactionOf(login.body);
    kit.provider->handle(formPost(QStringLiteral("/login"),
                                  form({{QStringLiteral("interaction"), interaction},
                                        {QStringLiteral("login"), QStringLiteral("alice")}})));
    const HttpResponse deny = kit.provider->handle(formPost(
        QStringLiteral("/consent"), form({{QStringLiteral("interaction"), interaction},
                                          {QStringLiteral("decision"), QStringLiteral("deny")}})));
    QCOMPARE(deny.status, 200);
    QVERIFY(deny.body.contains("not allowed"));
    const HttpResponse deniedPoll = poll(denied.value(QLatin1String("device_code")).toString(),
                                         QStringLiteral("sandbox-device"));
    QCOMPARE(deniedPoll.status, 400);
    QCOMPARE(errorOf(deniedPoll), QStringLiteral("access_denied"));

    // A client without the grant is refused; after 600 s the code is expired_token.
    const QJsonObject late = start();
    const QString code = late.value(QLatin1String("device_code")).toString();
    QCOMPARE(errorOf(poll(code, QStringLiteral("sandbox-public"))),
             QStringLiteral("unauthorized_client"));
    kit.clock.advance(Sandbox::SandboxDeferredGrants::deviceLifetime);
    QCOMPARE(errorOf(poll(code, QStringLiteral("sandbox-device"))),
             QStringLiteral("expired_token"));
    // …and its user code no longer opens a sign-in.
    const HttpResponse page = kit.provider->handle(formPost(
        QStringLiteral("/device"),
        form({{QStringLiteral("user_code"), late.value(QLatin1String("user_code")).toString()}})));
    QCOMPARE(page.status, 400);
    QVERIFY(SandboxKit::interactionOf(page.body).isEmpty());
}

void TestSandboxGrants::devicePageRejectsUnknownCodes()
{
    GrantKit kit;
    const HttpResponse page = kit.provider->handle(
        formPost(QStringLiteral("/device"),
                 form({{QStringLiteral("user_code"), QStringLiteral("<script>x</script>")}})));
    QCOMPARE(page.status, 400);
    QVERIFY(!page.body.contains("<script>x"));
    QVERIFY(page.body.contains("unknown or has expired"));
    // A public client without the grant, and an unknown scope.
    QCOMPARE(errorOf(kit.provider->handle(formPost(
                 QStringLiteral("/device_authorization"),
                 form({{QStringLiteral("client_id"), QStringLiteral("sandbox-public")}})))),
             QStringLiteral("unauthorized_client"));
    QCOMPARE(errorOf(kit.provider->handle(
                 formPost(QStringLiteral("/device_authorization"),
                          form({{QStringLiteral("client_id"), QStringLiteral("sandbox-device")},
                                {QStringLiteral("scope"), QStringLiteral("root")}})))),
             QStringLiteral("invalid_scope"));
}

void TestSandboxGrants::cibaApprovalPageAndAutoApproval()
{
    GrantKit kit;
    const QByteArray auth = basic("sandbox-ciba", "sandbox-secret");
    auto start = [&](const QString &hint) {
        return kit.provider->handle(
            formPost(QStringLiteral("/backchannel-authentication"),
                     form({{QStringLiteral("scope"), QStringLiteral("openid profile")},
                           {QStringLiteral("login_hint"), hint},
                           {QStringLiteral("binding_message"), QStringLiteral("W4SCT <b>")}}),
                     auth));
    };
    auto poll = [&](const QString &id) {
        return kit.token(
            {{QStringLiteral("grant_type"), QStringLiteral("urn:openid:params:grant-type:ciba")},
             {QStringLiteral("auth_req_id"), id}},
            auth);
    };
    const HttpResponse started = start(QStringLiteral("alice"));
    QCOMPARE(started.status, 200);
    const QString id = jsonOf(started).value(QLatin1String("auth_req_id")).toString();
    QCOMPARE(jsonOf(started).value(QLatin1String("expires_in")).toInt(), 300);
    QCOMPARE(errorOf(poll(id)), QStringLiteral("authorization_pending"));
    kit.clock.advance(1);
    QCOMPARE(errorOf(poll(id)), QStringLiteral("slow_down"));

    // The approval page lists it with its binding message, escaped.
    const HttpResponse page = kit.provider->handle(get(QStringLiteral("/backchannel")));
    QCOMPARE(page.status, 200);
    QVERIFY(page.body.contains("W4SCT &lt;b&gt;"));
    QVERIFY(page.body.contains(id.toLatin1()));
    const HttpResponse approved = kit.provider->handle(
        formPost(QStringLiteral("/backchannel"),
                 form({{QStringLiteral("auth_req_id"), id},
                       {QStringLiteral("decision"), QStringLiteral("allow")}})));
    QCOMPARE(approved.status, 200);
    QVERIFY(!approved.body.contains(id.toLatin1())); // no longer pending
    kit.clock.advance(20);
    const HttpResponse tokens = poll(id);
    QCOMPARE(tokens.status, 200);
    QVERIFY(!jsonOf(tokens).value(QLatin1String("id_token")).toString().isEmpty());

    // "+auto": approved at once.
    const QString autoId =
        jsonOf(start(QStringLiteral("bob+auto"))).value(QLatin1String("auth_req_id")).toString();
    const HttpResponse autoTokens = poll(autoId);
    QCOMPARE(autoTokens.status, 200);
    QCOMPARE(kit.introspect(jsonOf(autoTokens).value(QLatin1String("access_token")).toString())
                 .value(QLatin1String("sub"))
                 .toString(),
             QStringLiteral("bob"));

    // acr_values: the first supported value becomes the ID token's acr.
    const HttpResponse withAcr = kit.provider->handle(
        formPost(QStringLiteral("/backchannel-authentication"),
                 form({{QStringLiteral("scope"), QStringLiteral("openid")},
                       {QStringLiteral("login_hint"), QStringLiteral("alice+auto")},
                       {QStringLiteral("acr_values"),
                        QStringLiteral("urn:example:gold urn:tokenscope:sandbox:mfa")}}),
                 auth));
    const QString idToken =
        jsonOf(poll(jsonOf(withAcr).value(QLatin1String("auth_req_id")).toString()))
            .value(QLatin1String("id_token"))
            .toString();
    QCOMPARE(QJsonDocument::fromJson(QByteArray::fromBase64(idToken.toLatin1().split('.').value(1),
                                                            QByteArray::Base64UrlEncoding))
                 .object()
                 .value(QLatin1String("acr"))
                 .toString(),
             QStringLiteral("urn:tokenscope:sandbox:mfa"));

    // Denied on the page, then expired.
    const QString deniedId =
        jsonOf(start(QStringLiteral("li.lei"))).value(QLatin1String("auth_req_id")).toString();
    kit.provider->handle(formPost(QStringLiteral("/backchannel"),
                                  form({{QStringLiteral("auth_req_id"), deniedId},
                                        {QStringLiteral("decision"), QStringLiteral("deny")}})));
    QCOMPARE(errorOf(poll(deniedId)), QStringLiteral("access_denied"));
    const QString expiredId =
        jsonOf(start(QStringLiteral("alice"))).value(QLatin1String("auth_req_id")).toString();
    kit.clock.advance(300);
    QCOMPARE(errorOf(poll(expiredId)), QStringLiteral("expired_token"));
}

void TestSandboxGrants::cibaErrors_data()
{
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<QByteArray>("authorization");
    QTest::addColumn<int>("status");
    QTest::addColumn<QString>("error");
    const QByteArray auth = basic("sandbox-ciba", "sandbox-secret");
    QTest::newRow("unknown_user_is_unknown_user_id")
        << QByteArray("scope=openid&login_hint=mallory") << auth << 400
        << QStringLiteral("unknown_user_id");
    QTest::newRow("missing_openid_scope_is_invalid_scope")
        << QByteArray("scope=api&login_hint=alice") << auth << 400
        << QStringLiteral("invalid_scope");
    QTest::newRow("missing_hint_is_invalid_request")
        << QByteArray("scope=openid") << auth << 400 << QStringLiteral("invalid_request");
    QTest::newRow("long_binding_message_is_invalid_binding_message")
        << QByteArray("scope=openid&login_hint=alice&binding_message=" + QByteArray(101, 'x'))
        << auth << 400 << QStringLiteral("invalid_binding_message");
    QTest::newRow("client_without_the_grant_is_unauthorized_client")
        << QByteArray("scope=openid&login_hint=alice")
        << basic("sandbox-confidential", "sandbox-secret") << 400
        << QStringLiteral("unauthorized_client");
    QTest::newRow("public_client_is_invalid_client")
        << QByteArray("scope=openid&login_hint=alice&client_id=sandbox-device") << QByteArray()
        << 401 << QStringLiteral("invalid_client");
}

void TestSandboxGrants::cibaErrors()
{
    QFETCH(QByteArray, body);
    QFETCH(QByteArray, authorization);
    QFETCH(int, status);
    QFETCH(QString, error);
    GrantKit kit;
    const HttpResponse response = kit.provider->handle(
        formPost(QStringLiteral("/backchannel-authentication"), body, authorization));
    QCOMPARE(response.status, status);
    QCOMPARE(errorOf(response), error);
    if (status == 401)
        QVERIFY(!response.header("WWW-Authenticate").isEmpty());
}

namespace {

const QString notifyUrl = QStringLiteral("http://127.0.0.1:48123/ciba/notify");
const QString notificationToken = QStringLiteral("8d67dc78-7faa-4d41-aabd-67707b374255");

QJsonObject pingMetadata(const QString &endpoint = notifyUrl)
{
    return QJsonObject{{QStringLiteral("backchannel_token_delivery_mode"), QStringLiteral("ping")},
                       {QStringLiteral("backchannel_client_notification_endpoint"), endpoint}};
}

HttpResponse backchannel(GrantKit &kit, const QByteArray &auth, const QString &hint,
                         const QString &token = {})
{
    QList<QPair<QString, QString>> pairs{{QStringLiteral("scope"), QStringLiteral("openid")},
                                         {QStringLiteral("login_hint"), hint}};
    if (!token.isEmpty())
        pairs.append({QStringLiteral("client_notification_token"), token});
    return kit.provider->handle(
        formPost(QStringLiteral("/backchannel-authentication"), form(pairs), auth));
}

} // namespace

void TestSandboxGrants::cibaPingRegistration_data()
{
    QTest::addColumn<QJsonObject>("metadata");
    QTest::addColumn<QString>("error");
    QTest::newRow("ping_with_a_loopback_endpoint_is_registered") << pingMetadata() << QString();
    QTest::newRow("ping_without_an_endpoint_is_invalid_client_metadata")
        << QJsonObject{{QStringLiteral("backchannel_token_delivery_mode"), QStringLiteral("ping")}}
        << QStringLiteral("invalid_client_metadata");
    QTest::newRow("push_is_not_offered")
        << QJsonObject{{QStringLiteral("backchannel_token_delivery_mode"), QStringLiteral("push")},
                       {QStringLiteral("backchannel_client_notification_endpoint"), notifyUrl}}
        << QStringLiteral("invalid_client_metadata");
    QTest::newRow("a_remote_endpoint_is_refused")
        << pingMetadata(QStringLiteral("https://rp.example.com/ciba/notify"))
        << QStringLiteral("invalid_client_metadata");
    QTest::newRow("a_relative_endpoint_is_refused") << pingMetadata(QStringLiteral("/ciba/notify"))
                                                    << QStringLiteral("invalid_client_metadata");
}

void TestSandboxGrants::cibaPingRegistration()
{
    QFETCH(QJsonObject, metadata);
    QFETCH(QString, error);
    GrantKit kit;
    QString problem;
    const auto client = kit.registerCiba(metadata, &problem);
    QCOMPARE(problem, error);
    if (!error.isEmpty())
        return;
    QVERIFY(!client.first.isEmpty());
    // The registration response and the directory both carry the ping metadata.
    QCOMPARE(
        kit.lastRegistration.value(QLatin1String("backchannel_token_delivery_mode")).toString(),
        QStringLiteral("ping"));
    QCOMPARE(kit.lastRegistration.value(QLatin1String("backchannel_client_notification_endpoint"))
                 .toString(),
             notifyUrl);
    const Sandbox::SandboxClient *registered = kit.provider->directory().client(client.first);
    QVERIFY(registered);
    QVERIFY(registered->isCibaPing());
    QCOMPARE(registered->backchannelClientNotificationEndpoint, QUrl(notifyUrl));
    // A CIBA client registered without a mode polls.
    kit.registerCiba({});
    QCOMPARE(
        kit.lastRegistration.value(QLatin1String("backchannel_token_delivery_mode")).toString(),
        QStringLiteral("poll"));
}

void TestSandboxGrants::cibaPingNeedsTheNotificationToken_data()
{
    QTest::addColumn<QString>("token");
    QTest::addColumn<QString>("error");
    QTest::newRow("missing_token_is_invalid_request")
        << QString() << QStringLiteral("invalid_request");
    QTest::newRow("token_with_a_space_is_invalid_request")
        << QStringLiteral("two words") << QStringLiteral("invalid_request");
    QTest::newRow("token_over_1024_characters_is_invalid_request")
        << QString(1025, QLatin1Char('a')) << QStringLiteral("invalid_request");
    QTest::newRow("bearer_token_is_accepted") << notificationToken << QString();
    QTest::newRow("b64token_with_padding_is_accepted")
        << QStringLiteral("YWxpY2U+Lw==") << QString();
}

void TestSandboxGrants::cibaPingNeedsTheNotificationToken()
{
    QFETCH(QString, token);
    QFETCH(QString, error);
    GrantKit kit;
    const auto client = kit.registerCiba(pingMetadata());
    const HttpResponse response = backchannel(kit, basic(client.first.toLatin1(), client.second),
                                              QStringLiteral("alice"), token);
    QCOMPARE(errorOf(response), error);
    QCOMPARE(response.status, error.isEmpty() ? 200 : 400);
    QVERIFY(kit.provider->takeNotifications().isEmpty()); // nobody decided yet
}

void TestSandboxGrants::cibaPingNotifiesApprovalAndDenial()
{
    GrantKit kit;
    const auto client = kit.registerCiba(pingMetadata());
    const QByteArray auth = basic(client.first.toLatin1(), client.second);
    auto poll = [&](const QString &id) {
        return kit.token(
            {{QStringLiteral("grant_type"), QStringLiteral("urn:openid:params:grant-type:ciba")},
             {QStringLiteral("auth_req_id"), id}},
            auth);
    };
    auto decide = [&](const QString &id, const QString &decision) {
        return kit.provider->handle(formPost(
            QStringLiteral("/backchannel"),
            form({{QStringLiteral("auth_req_id"), id}, {QStringLiteral("decision"), decision}})));
    };
    auto checkNotification = [&](const Sandbox::SandboxProvider::Notification &n,
                                 const QString &id) {
        QCOMPARE(n.endpoint, QUrl(notifyUrl));
        QCOMPARE(n.authorization(), "Bearer " + notificationToken.toLatin1());
        QCOMPARE(QJsonDocument::fromJson(n.body).object(),
                 (QJsonObject{{QStringLiteral("auth_req_id"), id}}));
        QCOMPARE(n.clientId, client.first);
    };

    // Approved on the page: one notification, then the token request (at once: no
    // slow_down although the client polled a second ago).
    const QString id = jsonOf(backchannel(kit, auth, QStringLiteral("alice"), notificationToken))
                           .value(QLatin1String("auth_req_id"))
                           .toString();
    QVERIFY(!id.isEmpty());
    QCOMPARE(errorOf(poll(id)), QStringLiteral("authorization_pending"));
    QVERIFY(kit.provider->takeNotifications().isEmpty());
    kit.clock.advance(1);
    QCOMPARE(decide(id, QStringLiteral("allow")).status, 200);
    const auto approved = kit.provider->takeNotifications();
    QCOMPARE(approved.size(), 1);
    checkNotification(approved.at(0), id);
    QVERIFY(kit.provider->takeNotifications().isEmpty()); // taken once
    const HttpResponse tokens = poll(id);
    QCOMPARE(tokens.status, 200);
    QVERIFY(!jsonOf(tokens).value(QLatin1String("id_token")).toString().isEmpty());

    // Denied on the page: notified as well; the token request says access_denied.
    const QString deniedId =
        jsonOf(backchannel(kit, auth, QStringLiteral("bob"), notificationToken))
            .value(QLatin1String("auth_req_id"))
            .toString();
    QCOMPARE(decide(deniedId, QStringLiteral("deny")).status, 200);
    const auto denied = kit.provider->takeNotifications();
    QCOMPARE(denied.size(), 1);
    checkNotification(denied.at(0), deniedId);
    QCOMPARE(errorOf(poll(deniedId)), QStringLiteral("access_denied"));

    // "+auto": the notification is due when the backchannel response is.
    const QString autoId =
        jsonOf(backchannel(kit, auth, QStringLiteral("alice+auto"), notificationToken))
            .value(QLatin1String("auth_req_id"))
            .toString();
    const auto automatic = kit.provider->takeNotifications();
    QCOMPARE(automatic.size(), 1);
    checkNotification(automatic.at(0), autoId);
    QCOMPARE(poll(autoId).status, 200);
}

void TestSandboxGrants::cibaPollClientsAreNotNotified()
{
    GrantKit kit;
    const QByteArray auth = basic("sandbox-ciba", "sandbox-secret");
    // A poll client's client_notification_token is ignored, and nothing is sent.
    const QString id = jsonOf(backchannel(kit, auth, QStringLiteral("alice"), notificationToken))
                           .value(QLatin1String("auth_req_id"))
                           .toString();
    kit.provider->handle(formPost(QStringLiteral("/backchannel"),
                                  form({{QStringLiteral("auth_req_id"), id},
                                        {QStringLiteral("decision"), QStringLiteral("allow")}})));
    backchannel(kit, auth, QStringLiteral("bob+auto"));
    QVERIFY(kit.provider->takeNotifications().isEmpty());
    const auto registered = kit.registerCiba({});
    backchannel(kit, basic(registered.first.toLatin1(), registered.second),
                QStringLiteral("alice+auto"), notificationToken);
    QVERIFY(kit.provider->takeNotifications().isEmpty());
}

void TestSandboxGrants::clientSecretJwt_data()
{
    QTest::addColumn<QString>("secret");
    QTest::addColumn<QString>("alg");
    QTest::addColumn<QString>("aud");
    QTest::addColumn<qint64>("expIn");
    QTest::addColumn<int>("status");
    QTest::newRow("hs256_with_the_client_secret_succeeds")
        << jwtSecret << QStringLiteral("HS256") << tokenEndpoint << qint64(60) << 200;
    QTest::newRow("issuer_as_audience_succeeds")
        << jwtSecret << QStringLiteral("HS512") << issuer << qint64(60) << 200;
    QTest::newRow("wrong_secret_is_invalid_client")
        << QStringLiteral("not-the-secret-0123456789abcdefghij") << QStringLiteral("HS256")
        << tokenEndpoint << qint64(60) << 401;
    QTest::newRow("other_audience_is_invalid_client")
        << jwtSecret << QStringLiteral("HS256") << QStringLiteral("https://elsewhere.example")
        << qint64(60) << 401;
    QTest::newRow("expired_assertion_is_invalid_client")
        << jwtSecret << QStringLiteral("HS256") << tokenEndpoint << qint64(-1) << 401;
    QTest::newRow("assertion_for_a_day_is_invalid_client")
        << jwtSecret << QStringLiteral("HS256") << tokenEndpoint << qint64(86400) << 401;
}

void TestSandboxGrants::clientSecretJwt()
{
    QFETCH(QString, secret);
    QFETCH(QString, alg);
    QFETCH(QString, aud);
    QFETCH(qint64, expIn);
    QFETCH(int, status);
    GrantKit kit;
    QJsonObject claims = kit.assertionClaims(QStringLiteral("sandbox-jwt"), QStringLiteral("j-1"));
    claims.insert(QStringLiteral("aud"), aud);
    claims.insert(QStringLiteral("exp"), kit.now() + expIn);
    const QByteArray assertion =
        signJwt(claims, Jose::JwsSigner::Key::fromSecret(secret.toLatin1()), alg);
    const HttpResponse response = kit.withAssertion(assertion);
    QCOMPARE(response.status, status);
    if (status == 401) {
        QCOMPARE(errorOf(response), QStringLiteral("invalid_client"));
        QVERIFY(response.header("WWW-Authenticate").startsWith("Basic"));
    }
}

// Client authentication at introspection with private_key_jwt: aud may be the endpoint
// called (as oidc-provider accepts), besides the token endpoint and the issuer; another
// endpoint's URL is refused.
void TestSandboxGrants::assertionMayNameTheEndpointCalled()
{
    GrantKit kit;
    const auto introspect = [&kit](const QString &aud, const QString &jti) {
        QJsonObject claims = kit.assertionClaims(QStringLiteral("sandbox-private-key"), jti);
        claims.insert(QStringLiteral("aud"), aud);
        const QByteArray assertion = signJwt(claims, kit.clientKey(), QStringLiteral("ES256"));
        return kit.provider
            ->handle(formPost(
                QStringLiteral("/introspect"),
                form({{QStringLiteral("token"), QStringLiteral("unknown")},
                      {QStringLiteral("client_assertion_type"), assertionType},
                      {QStringLiteral("client_assertion"), QString::fromLatin1(assertion)}})))
            .status;
    };
    QCOMPARE(introspect(issuer + QStringLiteral("/introspect"), QStringLiteral("e1")), 200);
    QCOMPARE(introspect(tokenEndpoint, QStringLiteral("e2")), 200);
    QCOMPARE(introspect(issuer, QStringLiteral("e3")), 200);
    QCOMPARE(introspect(issuer + QStringLiteral("/revoke"), QStringLiteral("e4")), 401);
    QCOMPARE(
        introspect(QStringLiteral("https://elsewhere.example/introspect"), QStringLiteral("e5")),
        401);
}

void TestSandboxGrants::privateKeyJwtAndJtiReplay()
{
    GrantKit kit;
    const QByteArray assertion =
        signJwt(kit.assertionClaims(QStringLiteral("sandbox-private-key"), QStringLiteral("once")),
                kit.clientKey(), QStringLiteral("ES256"), QStringLiteral("sandbox-private-key-1"));
    QCOMPARE(kit.withAssertion(assertion, QStringLiteral("sandbox-private-key")).status, 200);
    // The same jti again: replay.
    const HttpResponse replay = kit.withAssertion(assertion);
    QCOMPARE(replay.status, 401);
    QVERIFY(jsonOf(replay)
                .value(QLatin1String("error_description"))
                .toString()
                .contains(QLatin1String("jti")));
    // Signed by another key; HS256 with a made-up secret (key confusion); the client secret
    // method for a private_key_jwt client; a mismatching client_id; alg none.
    QString error;
    const Jose::JwsSigner::Key other =
        Jose::JwsSigner::Key::generate(QStringLiteral("ES256"), &error);
    QCOMPARE(kit.withAssertion(signJwt(kit.assertionClaims(QStringLiteral("sandbox-private-key"),
                                                           QStringLiteral("k2")),
                                       other, QStringLiteral("ES256")))
                 .status,
             401);
    QCOMPARE(
        kit.withAssertion(signJwt(kit.assertionClaims(QStringLiteral("sandbox-private-key"),
                                                      QStringLiteral("k3")),
                                  Jose::JwsSigner::Key::fromSecret("x"), QStringLiteral("HS256")))
            .status,
        401);
    QCOMPARE(kit.withAssertion(signJwt(kit.assertionClaims(QStringLiteral("sandbox-private-key"),
                                                           QStringLiteral("k4")),
                                       kit.clientKey(), QStringLiteral("ES256")),
                               QStringLiteral("sandbox-jwt"))
                 .status,
             401);
    const QByteArray none =
        Jose::Base64Url::encode("{\"alg\":\"none\"}") + '.' +
        Jose::Base64Url::encode(
            QJsonDocument(
                kit.assertionClaims(QStringLiteral("sandbox-private-key"), QStringLiteral("k5")))
                .toJson(QJsonDocument::Compact)) +
        '.';
    QCOMPARE(kit.withAssertion(none).status, 401);
    QCOMPARE(kit.withAssertion("garbage.not.jwt").status, 401);
    QJsonObject huge =
        kit.assertionClaims(QStringLiteral("sandbox-private-key"), QStringLiteral("k7"));
    huge.insert(QStringLiteral("exp"), 1e300);
    QCOMPARE(kit.withAssertion(signJwt(huge, kit.clientKey(), QStringLiteral("ES256"))).status,
             401);
    // A wrong assertion type.
    const HttpResponse wrongType =
        kit.token({{QStringLiteral("grant_type"), QStringLiteral("client_credentials")},
                   {QStringLiteral("client_assertion_type"), QStringLiteral("urn:x")},
                   {QStringLiteral("client_assertion"), QString::fromLatin1(assertion)}});
    QCOMPARE(wrongType.status, 401);
    // sub differing from iss is not client authentication.
    QCOMPARE(kit.withAssertion(
                    signJwt(kit.assertionClaims(QStringLiteral("sandbox-private-key"),
                                                QStringLiteral("k6"), QStringLiteral("alice")),
                            kit.clientKey(), QStringLiteral("ES256")))
                 .status,
             401);
    // Once the assertion expired, its jti is forgotten, and a fresh one works.
    kit.clock.advance(120);
    QCOMPARE(kit.withAssertion(signJwt(kit.assertionClaims(QStringLiteral("sandbox-private-key"),
                                                           QStringLiteral("once")),
                                       kit.clientKey(), QStringLiteral("ES256")))
                 .status,
             200);
}

void TestSandboxGrants::tokenExchangeChecksTheSubject_data()
{
    QTest::addColumn<QString>("subject"); // "access", "refresh", "id", "foreign", "revoked"
    QTest::addColumn<QString>("type");
    QTest::addColumn<int>("status");
    QTest::addColumn<QString>("error");
    QTest::newRow("access_token_as_access_token_succeeds")
        << QStringLiteral("access") << QStringLiteral("access_token") << 200 << QString();
    QTest::newRow("id_token_as_id_token_succeeds")
        << QStringLiteral("id") << QStringLiteral("id_token") << 200 << QString();
    QTest::newRow("id_token_as_jwt_succeeds")
        << QStringLiteral("id") << QStringLiteral("jwt") << 200 << QString();
    QTest::newRow("refresh_token_as_refresh_token_succeeds")
        << QStringLiteral("refresh") << QStringLiteral("refresh_token") << 200 << QString();
    QTest::newRow("access_token_declared_refresh_is_invalid_request")
        << QStringLiteral("access") << QStringLiteral("refresh_token") << 400
        << QStringLiteral("invalid_request");
    QTest::newRow("jwt_signed_by_someone_else_is_invalid_request")
        << QStringLiteral("foreign") << QStringLiteral("jwt") << 400
        << QStringLiteral("invalid_request");
    QTest::newRow("revoked_access_token_is_invalid_request")
        << QStringLiteral("revoked") << QStringLiteral("access_token") << 400
        << QStringLiteral("invalid_request");
    QTest::newRow("unknown_token_type_is_invalid_request")
        << QStringLiteral("access") << QStringLiteral("saml2") << 400
        << QStringLiteral("invalid_request");
}

void TestSandboxGrants::tokenExchangeChecksTheSubject()
{
    QFETCH(QString, subject);
    QFETCH(QString, type);
    QFETCH(int, status);
    QFETCH(QString, error);
    GrantKit kit;
    const QByteArray auth = basic("sandbox-confidential", "sandbox-secret");
    const QJsonObject tokens = jsonOf(
        kit.token({{QStringLiteral("grant_type"), QStringLiteral("password")},
                   {QStringLiteral("username"), QStringLiteral("alice")},
                   {QStringLiteral("password"), QStringLiteral("sandbox")},
                   {QStringLiteral("scope"), QStringLiteral("openid profile offline_access")}},
                  auth));
    QString value;
    if (subject == QLatin1String("access") || subject == QLatin1String("revoked"))
        value = tokens.value(QLatin1String("access_token")).toString();
    else if (subject == QLatin1String("refresh"))
        value = tokens.value(QLatin1String("refresh_token")).toString();
    else if (subject == QLatin1String("id"))
        value = tokens.value(QLatin1String("id_token")).toString();
    else
        value = QString::fromLatin1(
            signJwt(QJsonObject{{QStringLiteral("iss"), issuer},
                                {QStringLiteral("sub"), QStringLiteral("alice")},
                                {QStringLiteral("exp"), kit.now() + 60}},
                    Jose::JwsSigner::Key::generate(QStringLiteral("RS256")),
                    QStringLiteral("RS256"), kit.keys.kid(QStringLiteral("RS256"))));
    if (subject == QLatin1String("revoked"))
        kit.provider->handle(
            formPost(QStringLiteral("/revoke"), form({{QStringLiteral("token"), value}}), auth));
    const HttpResponse response =
        kit.token({{QStringLiteral("grant_type"),
                    QStringLiteral("urn:ietf:params:oauth:grant-type:token-exchange")},
                   {QStringLiteral("subject_token"), value},
                   {QStringLiteral("subject_token_type"), tokenType + type}},
                  auth);
    QCOMPARE(response.status, status);
    QCOMPARE(errorOf(response), error);
    if (status == 200) {
        QCOMPARE(jsonOf(response).value(QLatin1String("issued_token_type")).toString(),
                 tokenType + QStringLiteral("access_token"));
        QCOMPARE(kit.introspect(jsonOf(response).value(QLatin1String("access_token")).toString())
                     .value(QLatin1String("sub"))
                     .toString(),
                 QStringLiteral("alice"));
    }
}

void TestSandboxGrants::tokenExchangeActAndAudience()
{
    GrantKit kit;
    const QByteArray auth = basic("sandbox-confidential", "sandbox-secret");
    const QString subject = kit.passwordToken(QStringLiteral("openid api"));
    const QString actor =
        jsonOf(kit.token({{QStringLiteral("grant_type"), QStringLiteral("client_credentials")}},
                         basic("sandbox-service", "sandbox-secret")))
            .value(QLatin1String("access_token"))
            .toString();
    const QString exchange = QStringLiteral("urn:ietf:params:oauth:grant-type:token-exchange");
    const HttpResponse delegated = kit.token(
        {{QStringLiteral("grant_type"), exchange},
         {QStringLiteral("subject_token"), subject},
         {QStringLiteral("subject_token_type"), tokenType + QStringLiteral("access_token")},
         {QStringLiteral("actor_token"), actor},
         {QStringLiteral("actor_token_type"), tokenType + QStringLiteral("access_token")},
         {QStringLiteral("audience"), QStringLiteral("https://api.example")},
         {QStringLiteral("scope"), QStringLiteral("api")}},
        auth);
    QCOMPARE(delegated.status, 200);
    QCOMPARE(jsonOf(delegated).value(QLatin1String("scope")).toString(), QStringLiteral("api"));
    const QString first = jsonOf(delegated).value(QLatin1String("access_token")).toString();
    const QJsonObject introspected = kit.introspect(first);
    QCOMPARE(
        introspected.value(QLatin1String("act")).toObject().value(QLatin1String("sub")).toString(),
        QStringLiteral("sandbox-service"));
    QCOMPARE(introspected.value(QLatin1String("aud")).toArray().first().toString(),
             QStringLiteral("https://api.example"));

    // Exchanged again as a JWT with another actor: the prior actor nests under act.
    const QString actor2 = kit.passwordToken(QStringLiteral("api"));
    const HttpResponse chained = kit.token(
        {{QStringLiteral("grant_type"), exchange},
         {QStringLiteral("subject_token"), first},
         {QStringLiteral("subject_token_type"), tokenType + QStringLiteral("access_token")},
         {QStringLiteral("actor_token"), actor2},
         {QStringLiteral("actor_token_type"), tokenType + QStringLiteral("access_token")},
         {QStringLiteral("requested_token_type"), tokenType + QStringLiteral("jwt")},
         {QStringLiteral("resource"), QStringLiteral("https://rs.example/v1")}},
        auth);
    QCOMPARE(chained.status, 200);
    QCOMPARE(jsonOf(chained).value(QLatin1String("issued_token_type")).toString(),
             tokenType + QStringLiteral("jwt"));
    QCOMPARE(jsonOf(chained).value(QLatin1String("token_type")).toString(), QStringLiteral("N_A"));
    const QByteArray jwt =
        jsonOf(chained).value(QLatin1String("access_token")).toString().toLatin1();
    const QJsonObject payload =
        QJsonDocument::fromJson(
            QByteArray::fromBase64(jwt.split('.').value(1), QByteArray::Base64UrlEncoding))
            .object();
    QCOMPARE(payload.value(QLatin1String("sub")).toString(), QStringLiteral("alice"));
    const QJsonObject act = payload.value(QLatin1String("act")).toObject();
    QCOMPARE(act.value(QLatin1String("sub")).toString(), QStringLiteral("alice"));
    QCOMPARE(act.value(QLatin1String("act")).toObject().value(QLatin1String("sub")).toString(),
             QStringLiteral("sandbox-service"));
    QCOMPARE(payload.value(QLatin1String("aud")).toArray().first().toString(),
             QStringLiteral("https://rs.example/v1"));

    // Wider scope, a relative resource, an actor token without its type.
    auto bad = [&](const QList<QPair<QString, QString>> &extra) {
        QList<QPair<QString, QString>> pairs{
            {QStringLiteral("grant_type"), exchange},
            {QStringLiteral("subject_token"), subject},
            {QStringLiteral("subject_token_type"), tokenType + QStringLiteral("access_token")}};
        return errorOf(kit.token(pairs + extra, auth));
    };
    QCOMPARE(bad({{QStringLiteral("scope"), QStringLiteral("email")}}),
             QStringLiteral("invalid_scope"));
    QCOMPARE(bad({{QStringLiteral("resource"), QStringLiteral("/relative")}}),
             QStringLiteral("invalid_target"));
    QCOMPARE(bad({{QStringLiteral("actor_token"), actor}}), QStringLiteral("invalid_request"));
    QCOMPARE(bad({{QStringLiteral("requested_token_type"), tokenType + QStringLiteral("saml1")}}),
             QStringLiteral("invalid_request"));
}

void TestSandboxGrants::jwtBearerGrant_data()
{
    QTest::addColumn<QString>("sub");
    QTest::addColumn<bool>("ownKey");
    QTest::addColumn<QString>("aud");
    QTest::addColumn<int>("status");
    QTest::newRow("test_user_signed_by_the_client_key_succeeds")
        << QStringLiteral("li.lei") << true << tokenEndpoint << 200;
    QTest::newRow("unknown_user_is_invalid_grant")
        << QStringLiteral("mallory") << true << tokenEndpoint << 400;
    QTest::newRow("other_key_is_invalid_grant")
        << QStringLiteral("alice") << false << tokenEndpoint << 400;
    QTest::newRow("other_audience_is_invalid_grant")
        << QStringLiteral("alice") << true << QStringLiteral("http://127.0.0.1:1234/userinfo")
        << 400;
}

void TestSandboxGrants::jwtBearerGrant()
{
    QFETCH(QString, sub);
    QFETCH(bool, ownKey);
    QFETCH(QString, aud);
    QFETCH(int, status);
    GrantKit kit;
    QJsonObject claims =
        kit.assertionClaims(QStringLiteral("sandbox-private-key"), QStringLiteral("grant-1"), sub);
    claims.insert(QStringLiteral("aud"), aud);
    const QByteArray grant = signJwt(
        claims, ownKey ? kit.clientKey() : Jose::JwsSigner::Key::generate(QStringLiteral("ES256")),
        QStringLiteral("ES256"));
    auto request = [&] {
        const QByteArray auth =
            signJwt(kit.assertionClaims(QStringLiteral("sandbox-private-key"),
                                        QStringLiteral("auth-") + QString::number(kit.now()) +
                                            QString::number(qintptr(&claims))),
                    kit.clientKey(), QStringLiteral("ES256"));
        return kit.token({{QStringLiteral("grant_type"),
                           QStringLiteral("urn:ietf:params:oauth:grant-type:jwt-bearer")},
                          {QStringLiteral("assertion"), QString::fromLatin1(grant)},
                          {QStringLiteral("scope"), QStringLiteral("openid profile")},
                          {QStringLiteral("client_assertion_type"), assertionType},
                          {QStringLiteral("client_assertion"), QString::fromLatin1(auth)}});
    };
    const HttpResponse response = request();
    QCOMPARE(response.status, status);
    if (status != 200) {
        QCOMPARE(errorOf(response), QStringLiteral("invalid_grant"));
        return;
    }
    QVERIFY(!jsonOf(response).contains(QLatin1String("refresh_token")));
    QCOMPARE(kit.introspect(jsonOf(response).value(QLatin1String("access_token")).toString())
                 .value(QLatin1String("sub"))
                 .toString(),
             sub);
    // The same grant assertion again: its jti is spent.
    kit.clock.advance(1);
    const HttpResponse replay = request();
    QCOMPARE(replay.status, 400);
    QCOMPARE(errorOf(replay), QStringLiteral("invalid_grant"));
}

void TestSandboxGrants::discoveryAdvertisesTheGrants()
{
    GrantKit kit;
    const QJsonObject metadata =
        jsonOf(kit.provider->handle(get(QStringLiteral("/.well-known/openid-configuration"))));
    const QJsonArray grants = metadata.value(QLatin1String("grant_types_supported")).toArray();
    for (const QString &grant : {QStringLiteral("password"),
                                 QStringLiteral("urn:ietf:params:oauth:grant-type:device_code"),
                                 QStringLiteral("urn:openid:params:grant-type:ciba"),
                                 QStringLiteral("urn:ietf:params:oauth:grant-type:token-exchange"),
                                 QStringLiteral("urn:ietf:params:oauth:grant-type:jwt-bearer")})
        QVERIFY2(grants.contains(grant), qPrintable(grant));
    const QJsonArray methods =
        metadata.value(QLatin1String("token_endpoint_auth_methods_supported")).toArray();
    QVERIFY(methods.contains(QStringLiteral("client_secret_jwt")));
    QVERIFY(methods.contains(QStringLiteral("private_key_jwt")));
    QCOMPARE(metadata.value(QLatin1String("device_authorization_endpoint")).toString(),
             issuer + QStringLiteral("/device_authorization"));
    QCOMPARE(metadata.value(QLatin1String("backchannel_authentication_endpoint")).toString(),
             issuer + QStringLiteral("/backchannel-authentication"));
    QCOMPARE(metadata.value(QLatin1String("backchannel_token_delivery_modes_supported")).toArray(),
             (QJsonArray{QStringLiteral("poll"), QStringLiteral("ping")}));
    QCOMPARE(metadata.value(QLatin1String("registration_endpoint")).toString(),
             issuer + QStringLiteral("/register"));
    QCOMPARE(metadata.value(QLatin1String("end_session_endpoint")).toString(),
             issuer + QStringLiteral("/end_session"));
    QVERIFY(metadata.value(QLatin1String("claims_parameter_supported")).toBool());
}

QTEST_GUILESS_MAIN(TestSandboxGrants)
#include "TestSandboxGrants.moc"
