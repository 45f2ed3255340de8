// flows/sandbox/SandboxJarm and the authorization endpoint's JWT response modes (JARM): the
// response is one "response" parameter, a JWT signed with a key from the sandbox's JWKS,
// carrying iss, aud, exp and the parameters, in the query, the fragment or a form post.
#include "SandboxJarm.h"
#include "SandboxTestKit.h"
#include "jose/JwkSet.h"
#include "jose/JwsToken.h"
#include "jose/JwsVerifier.h"

#include <QJsonArray>
#include <QTest>

using namespace Tokenscope;
using namespace Tokenscope::Testing;
using Sandbox::SandboxJarm;

namespace {

const QString redirect = QStringLiteral("http://127.0.0.1:50123/callback");

} // namespace

class TestSandboxJarm final : public QObject
{
    Q_OBJECT

private slots:
    void deliveryMode_data();
    void deliveryMode();
    void responseIsASignedJwt_data();
    void responseIsASignedJwt();
    void tokensInQueryJwtAreRefused();
    void errorsAreWrappedToo();
    void metadataAdvertisesJarm();
};

void TestSandboxJarm::deliveryMode_data()
{
    QTest::addColumn<QString>("mode");
    QTest::addColumn<QString>("responseType");
    QTest::addColumn<QString>("delivery");
    QTest::newRow("jwt_with_code_is_query")
        << QStringLiteral("jwt") << QStringLiteral("code") << QStringLiteral("query");
    QTest::newRow("jwt_with_hybrid_is_fragment")
        << QStringLiteral("jwt") << QStringLiteral("code id_token") << QStringLiteral("fragment");
    QTest::newRow("query_jwt_is_query")
        << QStringLiteral("query.jwt") << QStringLiteral("code") << QStringLiteral("query");
    QTest::newRow("fragment_jwt_is_fragment")
        << QStringLiteral("fragment.jwt") << QStringLiteral("code") << QStringLiteral("fragment");
    QTest::newRow("plain_query_stays_query")
        << QStringLiteral("query") << QStringLiteral("id_token token") << QStringLiteral("query");
    QTest::newRow("form_post_jwt_is_form_post")
        << QStringLiteral("form_post.jwt") << QStringLiteral("code") << QStringLiteral("form_post");
}

void TestSandboxJarm::deliveryMode()
{
    QFETCH(QString, mode);
    QFETCH(QString, responseType);
    QFETCH(QString, delivery);
    QCOMPARE(SandboxJarm::isJwtMode(mode), mode.endsWith(QLatin1String("jwt")));
    QCOMPARE(SandboxJarm::deliveryMode(mode, responseType), delivery);
}

void TestSandboxJarm::responseIsASignedJwt_data()
{
    QTest::addColumn<QString>("clientId");
    QTest::addColumn<QString>("mode");
    QTest::addColumn<QString>("alg");
    QTest::newRow("jwt_rs256") << QStringLiteral("sandbox-confidential") << QStringLiteral("jwt")
                               << QStringLiteral("RS256");
    QTest::newRow("query_jwt_es256")
        << QStringLiteral("sandbox-post") << QStringLiteral("query.jwt") << QStringLiteral("ES256");
    QTest::newRow("fragment_jwt_eddsa")
        << QStringLiteral("sandbox-eddsa") << QStringLiteral("fragment.jwt")
        << QStringLiteral("EdDSA");
    QTest::newRow("form_post_jwt_rs256")
        << QStringLiteral("sandbox-confidential") << QStringLiteral("form_post.jwt")
        << QStringLiteral("RS256");
}

void TestSandboxJarm::responseIsASignedJwt()
{
    QFETCH(QString, clientId);
    QFETCH(QString, mode);
    QFETCH(QString, alg);
    SandboxKit kit;
    const auto response = kit.authorize({{QStringLiteral("client_id"), clientId},
                                         {QStringLiteral("redirect_uri"), redirect},
                                         {QStringLiteral("response_type"), QStringLiteral("code")},
                                         {QStringLiteral("response_mode"), mode},
                                         {QStringLiteral("scope"), QStringLiteral("openid")},
                                         {QStringLiteral("state"), QStringLiteral("jarm-state")}});
    QByteArray jwt;
    if (mode == QLatin1String("form_post.jwt")) {
        QCOMPARE(response.status, 200);
        static const QRegularExpression field(
            QStringLiteral("name=\"response\" value=\"([^\"]+)\""));
        jwt = field.match(QString::fromUtf8(response.body)).captured(1).toLatin1();
        QVERIFY(!response.body.contains("name=\"code\""));
    } else {
        QCOMPARE(response.status, 302);
        const QUrl location = QUrl::fromEncoded(response.header("Location"));
        QCOMPARE(location.hasFragment(), mode == QLatin1String("fragment.jwt"));
        const QUrlQuery parameters = SandboxKit::redirectParameters(response);
        QCOMPARE(parameters.queryItems().size(), 1); // only "response"
        jwt = parameters.queryItemValue(QStringLiteral("response")).toLatin1();
    }
    QVERIFY(!jwt.isEmpty());
    const auto parsed = Jose::JwsToken::parseCompact(jwt);
    QVERIFY(!parsed.isError());
    const Jose::JwkSet keys =
        Jose::JwkSet::fromJson(QJsonDocument(kit.keys.jwks()).toJson(QJsonDocument::Compact));
    const Jose::JwsVerifyResult verified = Jose::JwsVerifier::verify(parsed.token(), keys);
    QVERIFY2(verified.isVerified(), qPrintable(verified.error.message));
    QCOMPARE(verified.alg, alg);
    const QJsonObject claims = parsed.token().payloadObject();
    QCOMPARE(claims.value(QLatin1String("iss")).toString(), kit.provider->issuer());
    QCOMPARE(claims.value(QLatin1String("aud")).toString(), clientId);
    QCOMPARE(qint64(claims.value(QLatin1String("exp")).toDouble()),
             kit.clock.now().toSecsSinceEpoch() + SandboxJarm::lifetime);
    QCOMPARE(claims.value(QLatin1String("state")).toString(), QStringLiteral("jarm-state"));
    QVERIFY(!claims.value(QLatin1String("code")).toString().isEmpty());

    // The code inside works at the token endpoint (sandbox-post authenticates in the body,
    // the others with Basic).
    const bool inBody = clientId == QLatin1String("sandbox-post");
    QList<QPair<QString, QString>> fields{
        {QStringLiteral("grant_type"), QStringLiteral("authorization_code")},
        {QStringLiteral("code"), claims.value(QLatin1String("code")).toString()},
        {QStringLiteral("redirect_uri"), redirect}};
    if (inBody)
        fields << qMakePair(QStringLiteral("client_id"), clientId)
               << qMakePair(QStringLiteral("client_secret"), QStringLiteral("sandbox-secret"));
    const auto tokens = kit.provider->handle(
        formPost(QStringLiteral("/token"), form(fields),
                 inBody ? QByteArray() : basic(clientId.toLatin1(), "sandbox-secret")));
    QCOMPARE(tokens.status, 200);
}

void TestSandboxJarm::tokensInQueryJwtAreRefused()
{
    // Tokens must not travel in the query, signed or not (JARM §2.3.1 without encryption).
    SandboxKit kit;
    const auto response =
        kit.authorize({{QStringLiteral("client_id"), QStringLiteral("sandbox-public")},
                       {QStringLiteral("redirect_uri"), redirect},
                       {QStringLiteral("response_type"), QStringLiteral("id_token token")},
                       {QStringLiteral("response_mode"), QStringLiteral("query.jwt")},
                       {QStringLiteral("scope"), QStringLiteral("openid")},
                       {QStringLiteral("nonce"), QStringLiteral("n")}});
    QCOMPARE(response.status, 302);
    const QString jwt =
        SandboxKit::redirectParameters(response).queryItemValue(QStringLiteral("response"));
    const QJsonObject claims = Jose::JwsToken::parseCompact(jwt.toLatin1()).token().payloadObject();
    QCOMPARE(claims.value(QLatin1String("error")).toString(), QStringLiteral("invalid_request"));
    QVERIFY(!claims.contains(QLatin1String("access_token")));
}

void TestSandboxJarm::errorsAreWrappedToo()
{
    SandboxKit kit;
    const auto response = kit.provider->handle(
        get(QStringLiteral("/authorize"),
            form({{QStringLiteral("client_id"), QStringLiteral("sandbox-confidential")},
                  {QStringLiteral("redirect_uri"), redirect},
                  {QStringLiteral("response_type"), QStringLiteral("code")},
                  {QStringLiteral("response_mode"), QStringLiteral("jwt")},
                  {QStringLiteral("scope"), QStringLiteral("openid unknown-scope")}})));
    QCOMPARE(response.status, 302);
    const QUrlQuery parameters = SandboxKit::redirectParameters(response);
    QVERIFY(!parameters.hasQueryItem(QStringLiteral("error")));
    const QJsonObject claims = Jose::JwsToken::parseCompact(
                                   parameters.queryItemValue(QStringLiteral("response")).toLatin1())
                                   .token()
                                   .payloadObject();
    QCOMPARE(claims.value(QLatin1String("error")).toString(), QStringLiteral("invalid_scope"));
    QCOMPARE(claims.value(QLatin1String("aud")).toString(), QStringLiteral("sandbox-confidential"));
}

void TestSandboxJarm::metadataAdvertisesJarm()
{
    SandboxKit kit;
    const QJsonObject metadata = kit.provider->metadata();
    const QJsonArray modes = metadata.value(QLatin1String("response_modes_supported")).toArray();
    for (const QString &mode : SandboxJarm::modes())
        QVERIFY2(modes.contains(QJsonValue(mode)), qPrintable(mode));
    QVERIFY(modes.contains(QJsonValue(QStringLiteral("query"))));
    QVERIFY(!metadata.value(QLatin1String("authorization_signing_alg_values_supported"))
                 .toArray()
                 .isEmpty());
}

QTEST_GUILESS_MAIN(TestSandboxJarm)
#include "TestSandboxJarm.moc"
