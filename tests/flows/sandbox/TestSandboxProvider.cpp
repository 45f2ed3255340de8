// flows/sandbox/SandboxProvider: the sandbox authorization server's protocol logic, driven
// through handle() with a fixed clock and keys in a temporary directory.
#include "SandboxTestKit.h"
#include "authcode/Pkce.h"
#include "jose/IdTokenValidator.h"
#include "jose/JwkSet.h"
#include "jose/JwsToken.h"
#include "jose/JwsVerifier.h"

#include <QJsonArray>
#include <QTest>

using namespace Tokenscope;
using namespace Tokenscope::Testing;
using Sandbox::HttpResponse;
using Sandbox::SandboxProvider;

namespace {

const QByteArray verifierS256 = "dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk";
const QByteArray challengeS256 = "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM";
const QString loopbackRedirect = QStringLiteral("http://127.0.0.1:50123/callback");

QList<QPair<QString, QString>> codeRequest(const QString &clientId,
                                           const QString &method = QStringLiteral("S256"),
                                           const QByteArray &challenge = challengeS256)
{
    QList<QPair<QString, QString>> out{
        {QStringLiteral("client_id"), clientId},
        {QStringLiteral("redirect_uri"), loopbackRedirect},
        {QStringLiteral("response_type"), QStringLiteral("code")},
        {QStringLiteral("scope"), QStringLiteral("openid profile email offline_access")},
        {QStringLiteral("state"), QStringLiteral("st&te=1")},
        {QStringLiteral("nonce"), QStringLiteral("n-0S6")}};
    if (!challenge.isEmpty()) {
        out.append({QStringLiteral("code_challenge"), QString::fromLatin1(challenge)});
        out.append({QStringLiteral("code_challenge_method"), method});
    }
    return out;
}

QByteArray redeem(const QString &code, const QByteArray &verifier = verifierS256,
                  const QString &clientId = QStringLiteral("sandbox-public"),
                  const QString &redirect = loopbackRedirect)
{
    QList<QPair<QString, QString>> pairs{
        {QStringLiteral("grant_type"), QStringLiteral("authorization_code")},
        {QStringLiteral("code"), code},
        {QStringLiteral("redirect_uri"), redirect},
        {QStringLiteral("client_id"), clientId}};
    if (!verifier.isEmpty())
        pairs.append({QStringLiteral("code_verifier"), QString::fromLatin1(verifier)});
    return form(pairs);
}

} // namespace

class TestSandboxProvider : public QObject
{
    Q_OBJECT

private slots:
    void discoveryNamesEveryEndpointAndIss();
    void jwksHasThreeAlgorithmsAndKeysPersist();
    void pkceVerification_data();
    void pkceVerification();
    void redirectMatching_data();
    void redirectMatching();
    void codeFlowS256IssuesVerifiableIdToken();
    void codeFlowPlain();
    void publicClientWithoutPkceIsRefused();
    void codeIsSingleUseAndReplayRevokesTokens();
    void codeIsBoundToClientRedirectAndVerifier_data();
    void codeIsBoundToClientRedirectAndVerifier();
    void codeExpiresAfterSixtySeconds();
    void refreshRotatesAndReuseRevokesGrant();
    void clientCredentialsAndAuthMethods_data();
    void clientCredentialsAndAuthMethods();
    void introspectionAndRevocation();
    void userinfoErrorsCarryWwwAuthenticate();
    void hybridAndImplicitResponses_data();
    void hybridAndImplicitResponses();
    void formPostAutoSubmits();
    void hostileLoginNameIsEscaped();
    void chineseUserClaims();
    void badAuthorizationRequests_data();
    void badAuthorizationRequests();
};

void TestSandboxProvider::discoveryNamesEveryEndpointAndIss()
{
    SandboxKit kit;
    for (const QString &path : {QStringLiteral("/.well-known/openid-configuration"),
                                QStringLiteral("/.well-known/oauth-authorization-server")}) {
        const HttpResponse response = kit.provider->handle(get(path));
        QCOMPARE(response.status, 200);
        const QJsonObject metadata = jsonOf(response);
        QCOMPARE(metadata.value(QLatin1String("issuer")).toString(),
                 QStringLiteral("http://127.0.0.1:1234"));
        QCOMPARE(metadata.value(QLatin1String("token_endpoint")).toString(),
                 QStringLiteral("http://127.0.0.1:1234/token"));
        QVERIFY(metadata.value(QLatin1String("authorization_response_iss_parameter_supported"))
                    .toBool());
        QCOMPARE(metadata.value(QLatin1String("code_challenge_methods_supported")).toArray().size(),
                 2);
    }
}

void TestSandboxProvider::jwksHasThreeAlgorithmsAndKeysPersist()
{
    SandboxKit kit;
    const HttpResponse response = kit.provider->handle(get(QStringLiteral("/jwks")));
    const Jose::JwkSet set = Jose::JwkSet::fromJson(response.body);
    QVERIFY(!set.isError());
    QCOMPARE(set.keys.size(), 3);
    for (const Jose::Jwk &key : set.keys)
        QVERIFY2(!key.isPrivate(), qPrintable(key.kid()));
    // The same directory gives the same keys on the next start; the files are 0600.
    Sandbox::SandboxKeys again;
    QString error;
    QVERIFY2(again.load(kit.keyDir.path(), &error), qPrintable(error));
    QCOMPARE(again.jwks(), kit.keys.jwks());
    const QFileDevice::Permissions permissions =
        QFile::permissions(kit.keyDir.path() + QStringLiteral("/rs256.pem"));
    QCOMPARE(permissions & ~(QFileDevice::ReadOwner | QFileDevice::WriteOwner |
                             QFileDevice::ReadUser | QFileDevice::WriteUser),
             QFileDevice::Permissions());
}

void TestSandboxProvider::pkceVerification_data()
{
    QTest::addColumn<QByteArray>("verifier");
    QTest::addColumn<QByteArray>("challenge");
    QTest::addColumn<QString>("method");
    QTest::addColumn<bool>("valid");
    const QByteArray plain43 = "abcdefghijklmnopqrstuvwxyz0123456789-._~ABC";
    QTest::newRow("s256_rfc7636_appendix_b_vector")
        << verifierS256 << challengeS256 << QStringLiteral("S256") << true;
    QTest::newRow("s256_wrong_verifier_is_rejected")
        << QByteArray("dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXX") << challengeS256
        << QStringLiteral("S256") << false;
    QTest::newRow("plain_equal_verifier_matches")
        << plain43 << plain43 << QStringLiteral("plain") << true;
    QTest::newRow("plain_different_verifier_is_rejected")
        << plain43 << QByteArray(plain43).replace('a', 'b') << QStringLiteral("plain") << false;
    QTest::newRow("s256_verifier_against_plain_challenge_is_rejected")
        << verifierS256 << challengeS256 << QStringLiteral("plain") << false;
    QTest::newRow("verifier_of_42_characters_is_rejected")
        << plain43.left(42) << plain43.left(42) << QStringLiteral("plain") << false;
    QTest::newRow("verifier_of_129_characters_is_rejected")
        << QByteArray(129, 'a') << QByteArray(129, 'a') << QStringLiteral("plain") << false;
    QTest::newRow("verifier_with_a_space_is_rejected")
        << QByteArray(plain43).replace('a', ' ') << QByteArray(plain43).replace('a', ' ')
        << QStringLiteral("plain") << false;
    QTest::newRow("unknown_method_is_rejected")
        << plain43 << plain43 << QStringLiteral("S512") << false;
}

void TestSandboxProvider::pkceVerification()
{
    QFETCH(QByteArray, verifier);
    QFETCH(QByteArray, challenge);
    QFETCH(QString, method);
    QFETCH(bool, valid);
    QCOMPARE(SandboxProvider::verifyPkce(verifier, challenge, method), valid);
}

void TestSandboxProvider::redirectMatching_data()
{
    QTest::addColumn<QString>("client");
    QTest::addColumn<QString>("candidate");
    QTest::addColumn<bool>("matches");
    const QString pub = QStringLiteral("sandbox-public");
    const QString conf = QStringLiteral("sandbox-confidential");
    QTest::newRow("loopback_any_port_matches") << pub << loopbackRedirect << true;
    QTest::newRow("loopback_without_port_matches")
        << pub << QStringLiteral("http://127.0.0.1/callback") << true;
    QTest::newRow("ipv6_loopback_any_port_matches")
        << pub << QStringLiteral("http://[::1]:8080/callback") << true;
    QTest::newRow("confidential_loopback_any_port_matches")
        << conf << QStringLiteral("http://127.0.0.1:9/callback") << true;
    QTest::newRow("custom_scheme_exact_matches")
        << pub << QStringLiteral("com.tokenscope.app:/callback") << true;
    QTest::newRow("custom_scheme_other_path_is_rejected")
        << pub << QStringLiteral("com.tokenscope.app:/other") << false;
    QTest::newRow("localhost_name_is_rejected")
        << pub << QStringLiteral("http://localhost:50123/callback") << false;
    QTest::newRow("other_path_is_rejected")
        << pub << QStringLiteral("http://127.0.0.1:50123/callback/x") << false;
    QTest::newRow("trailing_slash_is_rejected")
        << pub << QStringLiteral("http://127.0.0.1:50123/callback/") << false;
    QTest::newRow("https_scheme_is_rejected")
        << pub << QStringLiteral("https://127.0.0.1:50123/callback") << false;
    QTest::newRow("extra_query_is_rejected")
        << pub << QStringLiteral("http://127.0.0.1:50123/callback?x=1") << false;
    QTest::newRow("fragment_is_rejected")
        << pub << QStringLiteral("http://127.0.0.1:50123/callback#x") << false;
    QTest::newRow("userinfo_is_rejected")
        << pub << QStringLiteral("http://evil@127.0.0.1:50123/callback") << false;
    QTest::newRow("other_host_is_rejected")
        << pub << QStringLiteral("http://127.0.0.2:50123/callback") << false;
    QTest::newRow("custom_scheme_not_registered_for_confidential")
        << conf << QStringLiteral("com.tokenscope.app:/callback") << false;
}

void TestSandboxProvider::redirectMatching()
{
    QFETCH(QString, client);
    QFETCH(QString, candidate);
    QFETCH(bool, matches);
    SandboxKit kit;
    const Sandbox::SandboxClient *c = kit.provider->directory().client(client);
    QVERIFY(c);
    QCOMPARE(SandboxProvider::redirectUriMatches(*c, QUrl(candidate, QUrl::StrictMode)), matches);
}

void TestSandboxProvider::codeFlowS256IssuesVerifiableIdToken()
{
    SandboxKit kit;
    const HttpResponse redirect = kit.authorize(codeRequest(QStringLiteral("sandbox-public")));
    QCOMPARE(redirect.status, 302);
    QVERIFY(redirect.header("Location").startsWith(QByteArray(loopbackRedirect.toUtf8() + '?')));
    const QUrlQuery parameters = SandboxKit::redirectParameters(redirect);
    QCOMPARE(parameters.queryItemValue(QStringLiteral("state"), QUrl::FullyDecoded),
             QStringLiteral("st&te=1"));
    QCOMPARE(parameters.queryItemValue(QStringLiteral("iss"), QUrl::FullyDecoded),
             QStringLiteral("http://127.0.0.1:1234"));
    const QString code = parameters.queryItemValue(QStringLiteral("code"), QUrl::FullyDecoded);
    QVERIFY(!code.isEmpty());

    const HttpResponse tokens =
        kit.provider->handle(formPost(QStringLiteral("/token"), redeem(code)));
    QCOMPARE(tokens.status, 200);
    const QJsonObject body = jsonOf(tokens);
    QCOMPARE(body.value(QLatin1String("token_type")).toString(), QStringLiteral("Bearer"));
    QVERIFY(!body.value(QLatin1String("refresh_token")).toString().isEmpty());
    const auto parsed =
        Jose::JwsToken::parseCompact(body.value(QLatin1String("id_token")).toString().toLatin1());
    QVERIFY(!parsed.isError());
    QCOMPARE(parsed.token().alg(), QStringLiteral("RS256"));
    const Jose::JwkSet keys =
        Jose::JwkSet::fromJson(kit.provider->handle(get(QStringLiteral("/jwks"))).body);
    QVERIFY(Jose::JwsVerifier::verify(parsed.token(), keys).isVerified());

    Jose::IdTokenExpectations expected;
    expected.issuer = QStringLiteral("http://127.0.0.1:1234");
    expected.clientId = QStringLiteral("sandbox-public");
    expected.nonce = QStringLiteral("n-0S6");
    expected.now = kit.clock.now();
    expected.accessToken = body.value(QLatin1String("access_token")).toString();
    expected.alg = QStringLiteral("RS256");
    const Findings findings =
        Jose::IdTokenValidator::validate(parsed.token().payloadObject(), expected);
    for (const Finding &finding : findings)
        QVERIFY2(finding.status != Finding::Status::Fail,
                 qPrintable(finding.rule + QStringLiteral(": ") + finding.message));
    const QJsonObject claims = parsed.token().payloadObject();
    QCOMPARE(claims.value(QLatin1String("sub")).toString(), QStringLiteral("alice"));
    QVERIFY(claims.contains(QLatin1String("auth_time")));
    QVERIFY(claims.contains(QLatin1String("sid")));
    QCOMPARE(claims.value(QLatin1String("name")).toString(), QStringLiteral("Alice Liddell"));
}

void TestSandboxProvider::codeFlowPlain()
{
    SandboxKit kit;
    const QByteArray verifier = "plain-verifier-plain-verifier-plain-verifier";
    const HttpResponse redirect = kit.authorize(
        codeRequest(QStringLiteral("sandbox-public"), QStringLiteral("plain"), verifier));
    const QString code = SandboxKit::redirectParameters(redirect).queryItemValue(
        QStringLiteral("code"), QUrl::FullyDecoded);
    const HttpResponse tokens =
        kit.provider->handle(formPost(QStringLiteral("/token"), redeem(code, verifier)));
    QCOMPARE(tokens.status, 200);
}

void TestSandboxProvider::publicClientWithoutPkceIsRefused()
{
    SandboxKit kit;
    const HttpResponse response = kit.provider->handle(
        get(QStringLiteral("/authorize"),
            form(codeRequest(QStringLiteral("sandbox-public"), {}, QByteArray()))));
    QCOMPARE(response.status, 302);
    const QUrlQuery parameters = SandboxKit::redirectParameters(response);
    QCOMPARE(parameters.queryItemValue(QStringLiteral("error")), QStringLiteral("invalid_request"));
    QCOMPARE(parameters.queryItemValue(QStringLiteral("iss"), QUrl::FullyDecoded),
             QStringLiteral("http://127.0.0.1:1234"));
}

void TestSandboxProvider::codeIsSingleUseAndReplayRevokesTokens()
{
    SandboxKit kit;
    const QString code =
        SandboxKit::redirectParameters(kit.authorize(codeRequest(QStringLiteral("sandbox-public"))))
            .queryItemValue(QStringLiteral("code"), QUrl::FullyDecoded);
    const QJsonObject first =
        jsonOf(kit.provider->handle(formPost(QStringLiteral("/token"), redeem(code))));
    const QByteArray accessToken = first.value(QLatin1String("access_token")).toString().toLatin1();
    const QByteArray refreshToken =
        first.value(QLatin1String("refresh_token")).toString().toLatin1();
    QCOMPARE(
        kit.provider->handle(get(QStringLiteral("/userinfo"), {}, "Bearer " + accessToken)).status,
        200);

    const HttpResponse second =
        kit.provider->handle(formPost(QStringLiteral("/token"), redeem(code)));
    QCOMPARE(second.status, 400);
    QCOMPARE(jsonOf(second).value(QLatin1String("error")).toString(),
             QStringLiteral("invalid_grant"));
    // RFC 6749 §4.1.2: the tokens issued with the code are revoked.
    QCOMPARE(
        kit.provider->handle(get(QStringLiteral("/userinfo"), {}, "Bearer " + accessToken)).status,
        401);
    const HttpResponse refresh = kit.provider->handle(
        formPost(QStringLiteral("/token"),
                 form({{QStringLiteral("grant_type"), QStringLiteral("refresh_token")},
                       {QStringLiteral("refresh_token"), QString::fromLatin1(refreshToken)},
                       {QStringLiteral("client_id"), QStringLiteral("sandbox-public")}})));
    QCOMPARE(jsonOf(refresh).value(QLatin1String("error")).toString(),
             QStringLiteral("invalid_grant"));
}

void TestSandboxProvider::codeIsBoundToClientRedirectAndVerifier_data()
{
    QTest::addColumn<QString>("clientId");
    QTest::addColumn<QByteArray>("authorization");
    QTest::addColumn<QString>("redirect");
    QTest::addColumn<QByteArray>("verifier");
    QTest::addColumn<QString>("error");
    const QByteArray none;
    QTest::newRow("redeemed_by_its_client_succeeds")
        << QStringLiteral("sandbox-public") << none << loopbackRedirect << verifierS256
        << QString();
    QTest::newRow("other_client_is_invalid_grant")
        << QString() << basic("sandbox-confidential", "sandbox-secret") << loopbackRedirect
        << verifierS256 << QStringLiteral("invalid_grant");
    QTest::newRow("other_port_redirect_is_invalid_grant")
        << QStringLiteral("sandbox-public") << none
        << QStringLiteral("http://127.0.0.1:50124/callback") << verifierS256
        << QStringLiteral("invalid_grant");
    QTest::newRow("missing_redirect_is_invalid_grant")
        << QStringLiteral("sandbox-public") << none << QString() << verifierS256
        << QStringLiteral("invalid_grant");
    QTest::newRow("wrong_verifier_is_invalid_grant")
        << QStringLiteral("sandbox-public") << none << loopbackRedirect
        << QByteArray("dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXX")
        << QStringLiteral("invalid_grant");
    QTest::newRow("missing_verifier_is_invalid_grant")
        << QStringLiteral("sandbox-public") << none << loopbackRedirect << QByteArray()
        << QStringLiteral("invalid_grant");
    QTest::newRow("challenge_sent_as_verifier_is_invalid_grant")
        << QStringLiteral("sandbox-public") << none << loopbackRedirect << challengeS256
        << QStringLiteral("invalid_grant");
}

void TestSandboxProvider::codeIsBoundToClientRedirectAndVerifier()
{
    QFETCH(QString, clientId);
    QFETCH(QByteArray, authorization);
    QFETCH(QString, redirect);
    QFETCH(QByteArray, verifier);
    QFETCH(QString, error);
    SandboxKit kit;
    const QString code =
        SandboxKit::redirectParameters(kit.authorize(codeRequest(QStringLiteral("sandbox-public"))))
            .queryItemValue(QStringLiteral("code"), QUrl::FullyDecoded);
    QList<QPair<QString, QString>> pairs{
        {QStringLiteral("grant_type"), QStringLiteral("authorization_code")},
        {QStringLiteral("code"), code}};
    if (!redirect.isEmpty())
        pairs.append({QStringLiteral("redirect_uri"), redirect});
    if (!clientId.isEmpty())
        pairs.append({QStringLiteral("client_id"), clientId});
    if (!verifier.isEmpty())
        pairs.append({QStringLiteral("code_verifier"), QString::fromLatin1(verifier)});
    const HttpResponse response =
        kit.provider->handle(formPost(QStringLiteral("/token"), form(pairs), authorization));
    QCOMPARE(jsonOf(response).value(QLatin1String("error")).toString(), error);
    QCOMPARE(response.status, error.isEmpty() ? 200 : 400);
}

void TestSandboxProvider::codeExpiresAfterSixtySeconds()
{
    SandboxKit kit;
    const QString code =
        SandboxKit::redirectParameters(kit.authorize(codeRequest(QStringLiteral("sandbox-public"))))
            .queryItemValue(QStringLiteral("code"), QUrl::FullyDecoded);
    kit.clock.advance(SandboxProvider::codeLifetime);
    const HttpResponse response =
        kit.provider->handle(formPost(QStringLiteral("/token"), redeem(code)));
    QCOMPARE(jsonOf(response).value(QLatin1String("error")).toString(),
             QStringLiteral("invalid_grant"));
}

void TestSandboxProvider::refreshRotatesAndReuseRevokesGrant()
{
    SandboxKit kit;
    const QString code =
        SandboxKit::redirectParameters(kit.authorize(codeRequest(QStringLiteral("sandbox-public"))))
            .queryItemValue(QStringLiteral("code"), QUrl::FullyDecoded);
    const QJsonObject first =
        jsonOf(kit.provider->handle(formPost(QStringLiteral("/token"), redeem(code))));
    const QString refresh1 = first.value(QLatin1String("refresh_token")).toString();
    auto refresh = [&kit](const QString &token) {
        return kit.provider->handle(
            formPost(QStringLiteral("/token"),
                     form({{QStringLiteral("grant_type"), QStringLiteral("refresh_token")},
                           {QStringLiteral("refresh_token"), token},
                           {QStringLiteral("client_id"), QStringLiteral("sandbox-public")}})));
    };
    const HttpResponse rotated = refresh(refresh1);
    QCOMPARE(rotated.status, 200);
    const QString refresh2 = jsonOf(rotated).value(QLatin1String("refresh_token")).toString();
    const QByteArray access2 =
        jsonOf(rotated).value(QLatin1String("access_token")).toString().toLatin1();
    QVERIFY(!refresh2.isEmpty());
    QVERIFY(refresh2 != refresh1);
    QCOMPARE(kit.provider->handle(get(QStringLiteral("/userinfo"), {}, "Bearer " + access2)).status,
             200);

    // The old refresh token again: reuse. The whole grant goes.
    const HttpResponse reuse = refresh(refresh1);
    QCOMPARE(reuse.status, 400);
    QCOMPARE(jsonOf(reuse).value(QLatin1String("error")).toString(),
             QStringLiteral("invalid_grant"));
    QCOMPARE(kit.provider->handle(get(QStringLiteral("/userinfo"), {}, "Bearer " + access2)).status,
             401);
    QCOMPARE(jsonOf(refresh(refresh2)).value(QLatin1String("error")).toString(),
             QStringLiteral("invalid_grant"));
}

void TestSandboxProvider::clientCredentialsAndAuthMethods_data()
{
    QTest::addColumn<QByteArray>("authorization");
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<int>("status");
    QTest::addColumn<QString>("error");
    const QByteArray cc = "grant_type=client_credentials";
    QTest::newRow("basic_client_succeeds")
        << basic("sandbox-service", "sandbox-secret") << cc << 200 << QString();
    QTest::newRow("basic_with_wrong_secret_is_invalid_client")
        << basic("sandbox-service", "nope") << cc << 401 << QStringLiteral("invalid_client");
    QTest::newRow("post_client_succeeds")
        << QByteArray() << cc + "&client_id=sandbox-post&client_secret=sandbox-secret" << 200
        << QString();
    QTest::newRow("post_client_using_basic_is_invalid_client")
        << basic("sandbox-post", "sandbox-secret") << cc << 401 << QStringLiteral("invalid_client");
    QTest::newRow("basic_client_using_post_is_invalid_client")
        << QByteArray() << cc + "&client_id=sandbox-service&client_secret=sandbox-secret" << 401
        << QStringLiteral("invalid_client");
    QTest::newRow("two_methods_at_once_is_invalid_client")
        << basic("sandbox-service", "sandbox-secret")
        << cc + "&client_id=sandbox-service&client_secret=sandbox-secret" << 401
        << QStringLiteral("invalid_client");
    QTest::newRow("unknown_client_is_invalid_client")
        << basic("nobody", "x") << cc << 401 << QStringLiteral("invalid_client");
    QTest::newRow("public_client_may_not_use_client_credentials")
        << QByteArray() << cc + "&client_id=sandbox-public" << 400
        << QStringLiteral("unauthorized_client");
    QTest::newRow("unknown_grant_type") << basic("sandbox-service", "sandbox-secret")
                                        << QByteArray("grant_type=urn%3Aexample%3Anone") << 400
                                        << QStringLiteral("unsupported_grant_type");
    QTest::newRow("repeated_parameter_is_invalid_request")
        << basic("sandbox-service", "sandbox-secret") << cc + '&' + cc << 400
        << QStringLiteral("invalid_request");
    QTest::newRow("bad_base64_is_invalid_client")
        << QByteArray("Basic %%%") << cc << 401 << QStringLiteral("invalid_client");
}

void TestSandboxProvider::clientCredentialsAndAuthMethods()
{
    QFETCH(QByteArray, authorization);
    QFETCH(QByteArray, body);
    QFETCH(int, status);
    QFETCH(QString, error);
    SandboxKit kit;
    const HttpResponse response =
        kit.provider->handle(formPost(QStringLiteral("/token"), body, authorization));
    QCOMPARE(response.status, status);
    QCOMPARE(jsonOf(response).value(QLatin1String("error")).toString(), error);
    if (status == 401)
        QVERIFY(response.header("WWW-Authenticate").startsWith("Basic"));
    if (status == 200)
        QVERIFY(!jsonOf(response).value(QLatin1String("access_token")).toString().isEmpty());
}

void TestSandboxProvider::introspectionAndRevocation()
{
    SandboxKit kit;
    const QByteArray auth = basic("sandbox-confidential", "sandbox-secret");
    const QString token =
        jsonOf(kit.provider->handle(
                   formPost(QStringLiteral("/token"), "grant_type=client_credentials", auth)))
            .value(QLatin1String("access_token"))
            .toString();
    const QByteArray tokenForm = form({{QStringLiteral("token"), token}});
    QJsonObject info =
        jsonOf(kit.provider->handle(formPost(QStringLiteral("/introspect"), tokenForm, auth)));
    QVERIFY(info.value(QLatin1String("active")).toBool());
    QCOMPARE(info.value(QLatin1String("client_id")).toString(),
             QStringLiteral("sandbox-confidential"));
    // A public client may not introspect.
    QCOMPARE(kit.provider
                 ->handle(formPost(QStringLiteral("/introspect"),
                                   tokenForm + "&client_id=sandbox-public"))
                 .status,
             401);
    // Another client's revocation is answered 200 but does nothing (RFC 7009 §2.2).
    QCOMPARE(kit.provider
                 ->handle(formPost(QStringLiteral("/revoke"), tokenForm,
                                   basic("sandbox-service", "sandbox-secret")))
                 .status,
             200);
    QVERIFY(jsonOf(kit.provider->handle(formPost(QStringLiteral("/introspect"), tokenForm, auth)))
                .value(QLatin1String("active"))
                .toBool());
    QCOMPARE(kit.provider->handle(formPost(QStringLiteral("/revoke"), tokenForm, auth)).status,
             200);
    info = jsonOf(kit.provider->handle(formPost(QStringLiteral("/introspect"), tokenForm, auth)));
    QCOMPARE(info, QJsonObject({{QStringLiteral("active"), false}}));
    // Expired tokens are inactive.
    const QString other =
        jsonOf(kit.provider->handle(
                   formPost(QStringLiteral("/token"), "grant_type=client_credentials", auth)))
            .value(QLatin1String("access_token"))
            .toString();
    kit.clock.advance(SandboxProvider::accessTokenLifetime);
    QVERIFY(!jsonOf(kit.provider->handle(formPost(QStringLiteral("/introspect"),
                                                  form({{QStringLiteral("token"), other}}), auth)))
                 .value(QLatin1String("active"))
                 .toBool());
}

void TestSandboxProvider::userinfoErrorsCarryWwwAuthenticate()
{
    SandboxKit kit;
    HttpResponse response = kit.provider->handle(get(QStringLiteral("/userinfo")));
    QCOMPARE(response.status, 401);
    QCOMPARE(response.header("WWW-Authenticate"),
             QByteArray("Bearer realm=\"tokenscope-sandbox\""));
    response = kit.provider->handle(get(QStringLiteral("/userinfo"), {}, "Bearer not-a-token"));
    QCOMPARE(response.status, 401);
    QVERIFY(response.header("WWW-Authenticate").contains("error=\"invalid_token\""));
    // A client_credentials token has no user: insufficient_scope.
    const QString token =
        jsonOf(
            kit.provider->handle(formPost(QStringLiteral("/token"), "grant_type=client_credentials",
                                          basic("sandbox-service", "sandbox-secret"))))
            .value(QLatin1String("access_token"))
            .toString();
    response =
        kit.provider->handle(get(QStringLiteral("/userinfo"), {}, "Bearer " + token.toLatin1()));
    QCOMPARE(response.status, 403);
    QVERIFY(response.header("WWW-Authenticate").contains("insufficient_scope"));
}

void TestSandboxProvider::hybridAndImplicitResponses_data()
{
    QTest::addColumn<QString>("responseType");
    QTest::addColumn<QString>("client");
    QTest::addColumn<QString>("alg");
    QTest::addColumn<QStringList>("present");
    QTest::addColumn<QStringList>("hashes");
    const QString pub = QStringLiteral("sandbox-public");
    QTest::newRow("id_token") << QStringLiteral("id_token") << pub << QStringLiteral("RS256")
                              << QStringList{QStringLiteral("id_token")} << QStringList{};
    QTest::newRow("id_token_token")
        << QStringLiteral("id_token token") << pub << QStringLiteral("RS256")
        << QStringList{QStringLiteral("id_token"), QStringLiteral("access_token")}
        << QStringList{QStringLiteral("at_hash")};
    QTest::newRow("code_id_token_es256")
        << QStringLiteral("code id_token") << QStringLiteral("sandbox-post")
        << QStringLiteral("ES256")
        << QStringList{QStringLiteral("code"), QStringLiteral("id_token")}
        << QStringList{QStringLiteral("c_hash"), QStringLiteral("s_hash")};
    QTest::newRow("code_token") << QStringLiteral("code token") << pub << QStringLiteral("")
                                << QStringList{QStringLiteral("code"),
                                               QStringLiteral("access_token")}
                                << QStringList{};
    QTest::newRow("code_id_token_token_eddsa")
        << QStringLiteral("token code id_token") << QStringLiteral("sandbox-eddsa")
        << QStringLiteral("EdDSA")
        << QStringList{QStringLiteral("code"), QStringLiteral("id_token"),
                       QStringLiteral("access_token")}
        << QStringList{QStringLiteral("c_hash"), QStringLiteral("at_hash"),
                       QStringLiteral("s_hash")};
}

void TestSandboxProvider::hybridAndImplicitResponses()
{
    QFETCH(QString, responseType);
    QFETCH(QString, client);
    QFETCH(QString, alg);
    QFETCH(QStringList, present);
    QFETCH(QStringList, hashes);
    SandboxKit kit;
    QList<QPair<QString, QString>> request = codeRequest(client);
    request[2].second = responseType;
    const HttpResponse response = kit.authorize(request);
    QCOMPARE(response.status, 302);
    QVERIFY(QUrl::fromEncoded(response.header("Location")).hasFragment());
    const QUrlQuery parameters = SandboxKit::redirectParameters(response);
    for (const QString &name : present)
        QVERIFY2(parameters.hasQueryItem(name), qPrintable(name));
    QVERIFY(parameters.hasQueryItem(QStringLiteral("iss")));
    if (alg.isEmpty())
        return;
    const auto parsed = Jose::JwsToken::parseCompact(
        parameters.queryItemValue(QStringLiteral("id_token")).toLatin1());
    QVERIFY(!parsed.isError());
    QCOMPARE(parsed.token().alg(), alg);
    const Jose::JwkSet keys =
        Jose::JwkSet::fromJson(kit.provider->handle(get(QStringLiteral("/jwks"))).body);
    QVERIFY(Jose::JwsVerifier::verify(parsed.token(), keys).isVerified());
    const QJsonObject claims = parsed.token().payloadObject();
    for (const QString &hash : hashes)
        QVERIFY2(claims.contains(hash), qPrintable(hash));
    Jose::IdTokenExpectations expected;
    expected.issuer = QStringLiteral("http://127.0.0.1:1234");
    expected.clientId = client;
    expected.nonce = QStringLiteral("n-0S6");
    expected.now = kit.clock.now();
    expected.alg = alg;
    expected.accessToken = parameters.queryItemValue(QStringLiteral("access_token"));
    expected.code = parameters.queryItemValue(QStringLiteral("code"));
    expected.state = QStringLiteral("st&te=1");
    expected.fromAuthorizationEndpoint = true;
    const Findings findings = Jose::IdTokenValidator::validate(claims, expected);
    for (const Finding &finding : findings)
        QVERIFY2(finding.status != Finding::Status::Fail,
                 qPrintable(finding.rule + QStringLiteral(": ") + finding.message));
}

void TestSandboxProvider::formPostAutoSubmits()
{
    SandboxKit kit;
    QList<QPair<QString, QString>> request = codeRequest(QStringLiteral("sandbox-public"));
    request.append({QStringLiteral("response_mode"), QStringLiteral("form_post")});
    const HttpResponse response = kit.authorize(request);
    QCOMPARE(response.status, 200);
    const QString page = QString::fromUtf8(response.body);
    QVERIFY(page.contains(QStringLiteral("action=\"") + loopbackRedirect + QLatin1Char('"')));
    QVERIFY(page.contains(QStringLiteral("name=\"code\"")));
    QVERIFY(page.contains(QStringLiteral("name=\"state\" value=\"st&amp;te=1\"")));
    QVERIFY(page.contains(QStringLiteral("name=\"iss\"")));
    QVERIFY(page.contains(QStringLiteral("document.forms[0].submit()")));
}

void TestSandboxProvider::hostileLoginNameIsEscaped()
{
    SandboxKit kit;
    const QString hostile = QStringLiteral("<script>alert(\"x\")</script>'&");
    const HttpResponse loginPage = kit.provider->handle(
        get(QStringLiteral("/authorize"), form(codeRequest(QStringLiteral("sandbox-public")))));
    const QString interaction = SandboxKit::interactionOf(loginPage.body);
    const HttpResponse consent = kit.provider->handle(formPost(
        QStringLiteral("/login"),
        form({{QStringLiteral("interaction"), interaction}, {QStringLiteral("login"), hostile}})));
    QCOMPARE(consent.status, 200);
    const QString page = QString::fromUtf8(consent.body);
    QVERIFY(!page.contains(QStringLiteral("<script>alert")));
    QVERIFY(page.contains(
        QStringLiteral("&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;&#39;&amp;")));
    // A hostile state is escaped in the form_post page too.
    QList<QPair<QString, QString>> request = codeRequest(QStringLiteral("sandbox-public"));
    request[4].second = QStringLiteral("\"><script>x()</script>");
    request.append({QStringLiteral("response_mode"), QStringLiteral("form_post")});
    const QString posted = QString::fromUtf8(kit.authorize(request).body);
    QVERIFY(!posted.contains(QStringLiteral("<script>x()")));
}

void TestSandboxProvider::chineseUserClaims()
{
    SandboxKit kit;
    const HttpResponse redirect =
        kit.authorize(codeRequest(QStringLiteral("sandbox-public")), QStringLiteral("李雷"));
    const QString code = SandboxKit::redirectParameters(redirect).queryItemValue(
        QStringLiteral("code"), QUrl::FullyDecoded);
    const QJsonObject tokens =
        jsonOf(kit.provider->handle(formPost(QStringLiteral("/token"), redeem(code))));
    const HttpResponse info = kit.provider->handle(
        get(QStringLiteral("/userinfo"), {},
            "Bearer " + tokens.value(QLatin1String("access_token")).toString().toLatin1()));
    QCOMPARE(info.status, 200);
    const QJsonObject claims = jsonOf(info);
    QCOMPARE(claims.value(QLatin1String("sub")).toString(), QStringLiteral("li.lei"));
    QCOMPARE(claims.value(QLatin1String("name")).toString(), QStringLiteral("李雷"));
    QCOMPARE(claims.value(QLatin1String("given_name")).toString(), QStringLiteral("雷"));
    QCOMPARE(claims.value(QLatin1String("family_name")).toString(), QStringLiteral("李"));
    QCOMPARE(claims.value(QLatin1String("locale")).toString(), QStringLiteral("zh-CN"));
}

void TestSandboxProvider::badAuthorizationRequests_data()
{
    QTest::addColumn<QByteArray>("query");
    QTest::addColumn<int>("status");
    QTest::addColumn<QString>("error");
    const QByteArray base =
        "client_id=sandbox-confidential&redirect_uri=http%3A%2F%2F127.0.0.1%3A7%2Fcallback";
    QTest::newRow("unknown_client_gets_a_page") << QByteArray("client_id=x") << 400 << QString();
    QTest::newRow("unregistered_redirect_gets_a_page")
        << QByteArray("client_id=sandbox-public&redirect_uri=https%3A%2F%2Fevil.example%2F") << 400
        << QString();
    QTest::newRow("missing_response_type")
        << base << 302 << QStringLiteral("unsupported_response_type");
    QTest::newRow("unknown_response_type") << base + "&response_type=code%20code" << 302
                                           << QStringLiteral("unsupported_response_type");
    QTest::newRow("unknown_scope")
        << base + "&response_type=code&scope=admin" << 302 << QStringLiteral("invalid_scope");
    QTest::newRow("id_token_without_openid")
        << base + "&response_type=id_token&nonce=n&scope=profile" << 302
        << QStringLiteral("invalid_request");
    QTest::newRow("id_token_without_nonce") << base + "&response_type=id_token&scope=openid" << 302
                                            << QStringLiteral("invalid_request");
    QTest::newRow("token_in_query_is_refused") << base + "&response_type=token&response_mode=query"
                                               << 302 << QStringLiteral("invalid_request");
    QTest::newRow("repeated_parameter")
        << base + "&response_type=code&state=a&state=b" << 302 << QStringLiteral("invalid_request");
    QTest::newRow("unknown_challenge_method")
        << base + "&response_type=code&code_challenge=" + challengeS256 +
               "&code_challenge_method=S512"
        << 302 << QStringLiteral("invalid_request");
    QTest::newRow("service_client_may_not_authorize")
        << QByteArray("client_id=sandbox-service&redirect_uri=http%3A%2F%2F127.0.0.1%2Fcallback")
        << 400 << QString();
    QTest::newRow("percent_garbage_does_not_crash")
        << QByteArray("client_id=%ZZ%&redirect_uri=%%%") << 400 << QString();
}

void TestSandboxProvider::badAuthorizationRequests()
{
    QFETCH(QByteArray, query);
    QFETCH(int, status);
    QFETCH(QString, error);
    SandboxKit kit;
    const HttpResponse response = kit.provider->handle(get(QStringLiteral("/authorize"), query));
    QCOMPARE(response.status, status);
    if (!error.isEmpty())
        QCOMPARE(SandboxKit::redirectParameters(response).queryItemValue(QStringLiteral("error")),
                 error);
}

QTEST_GUILESS_MAIN(TestSandboxProvider)
#include "TestSandboxProvider.moc"
