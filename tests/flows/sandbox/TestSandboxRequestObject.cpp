// flows/sandbox/SandboxRequestObject and the authorization endpoint's request parameter
// (OpenID Connect Core §6.1, RFC 9101): signatures by the client's registered key or its
// secret, alg none only where the client allows it, iss/aud/exp/client_id, and the object's
// claims taking precedence. Also a request object pushed through PAR. Fixed clock.
#include "SandboxRequestObject.h"
#include "SandboxTestKit.h"
#include "jose/Base64Url.h"
#include "jose/JwsSigner.h"

#include <QJsonArray>
#include <QTest>

using namespace Tokenscope;
using namespace Tokenscope::Testing;
using Sandbox::SandboxRequestObject;

namespace {

const QString issuer = QStringLiteral("http://127.0.0.1:1234");
const QString redirect = QStringLiteral("http://127.0.0.1:50123/callback");
const QDateTime now(QDate(2026, 1, 1), QTime(12, 0), Qt::UTC);

QByteArray signWith(const QJsonObject &claims, const QString &alg, const Jose::JwsSigner::Key &key)
{
    const QByteArray payload = QJsonDocument(claims).toJson(QJsonDocument::Compact);
    if (alg == QLatin1String("none"))
        return Jose::Base64Url::encode(R"({"alg":"none"})") + '.' +
               Jose::Base64Url::encode(payload) + '.';
    return Jose::JwsSigner::sign(
               QJsonObject{{QStringLiteral("alg"), alg},
                           {QStringLiteral("typ"), QStringLiteral("oauth-authz-req+jwt")}},
               payload, key)
        .compact;
}

QJsonObject claimsFor(const QString &clientId)
{
    return QJsonObject{{QStringLiteral("iss"), clientId},
                       {QStringLiteral("aud"), issuer},
                       {QStringLiteral("client_id"), clientId},
                       {QStringLiteral("exp"), now.toSecsSinceEpoch() + 300},
                       {QStringLiteral("response_type"), QStringLiteral("code")},
                       {QStringLiteral("redirect_uri"), redirect},
                       {QStringLiteral("scope"), QStringLiteral("openid profile")},
                       {QStringLiteral("state"), QStringLiteral("state-from-the-object")},
                       {QStringLiteral("max_age"), 600}};
}

} // namespace

class TestSandboxRequestObject final : public QObject
{
    Q_OBJECT

private slots:
    void resolve_data();
    void resolve();
    void authorizationEndpointUsesTheObject();
    void authorizationEndpointRefusesABadObject();
    void requestObjectThroughPar();
    void metadataAdvertisesRequestObjects();
};

void TestSandboxRequestObject::resolve_data()
{
    QTest::addColumn<QString>("clientId");
    QTest::addColumn<QString>("alg");
    QTest::addColumn<QString>("signer"); // "client", "stranger", "secret", "wrong-secret"
    QTest::addColumn<QString>("change"); // a claim to break, as "name=value" or "-name"
    QTest::addColumn<bool>("ok");
    QTest::addColumn<QString>("why");

    const QString pk = QStringLiteral("sandbox-private-key");
    const QString es = QStringLiteral("ES256");
    QTest::newRow("es256_by_the_clients_registered_key_is_accepted")
        << pk << es << QStringLiteral("client") << QString() << true << QString();
    QTest::newRow("es256_by_another_key_is_rejected")
        << pk << es << QStringLiteral("stranger") << QString() << false
        << QStringLiteral("signature");
    QTest::newRow("hs256_with_the_client_secret_is_accepted")
        << QStringLiteral("sandbox-confidential") << QStringLiteral("HS256")
        << QStringLiteral("secret") << QString() << true << QString();
    QTest::newRow("hs256_with_another_secret_is_rejected")
        << QStringLiteral("sandbox-confidential") << QStringLiteral("HS256")
        << QStringLiteral("wrong-secret") << QString() << false << QStringLiteral("signature");
    QTest::newRow("alg_none_is_rejected_by_default")
        << QStringLiteral("sandbox-public") << QStringLiteral("none") << QString() << QString()
        << false << QStringLiteral("unsigned");
    QTest::newRow("alg_none_is_accepted_where_the_client_allows_it")
        << QStringLiteral("sandbox-unsigned-request") << QStringLiteral("none") << QString()
        << QString() << true << QString();
    QTest::newRow("wrong_iss_is_rejected")
        << pk << es << QStringLiteral("client") << QStringLiteral("iss=someone-else") << false
        << QStringLiteral("iss");
    QTest::newRow("wrong_aud_is_rejected")
        << pk << es << QStringLiteral("client") << QStringLiteral("aud=https://other.example")
        << false << QStringLiteral("aud");
    QTest::newRow("missing_aud_is_rejected")
        << pk << es << QStringLiteral("client") << QStringLiteral("-aud") << false
        << QStringLiteral("aud");
    QTest::newRow("expired_is_rejected")
        << pk << es << QStringLiteral("client") << QStringLiteral("exp=past") << false
        << QStringLiteral("expired");
    QTest::newRow("other_client_id_inside_is_rejected")
        << pk << es << QStringLiteral("client") << QStringLiteral("client_id=sandbox-public")
        << false << QStringLiteral("client_id");
    QTest::newRow("nested_request_uri_is_rejected")
        << pk << es << QStringLiteral("client") << QStringLiteral("request_uri=urn:x") << false
        << QStringLiteral("request_uri");
}

void TestSandboxRequestObject::resolve()
{
    QFETCH(QString, clientId);
    QFETCH(QString, alg);
    QFETCH(QString, signer);
    QFETCH(QString, change);
    QFETCH(bool, ok);
    QFETCH(QString, why);
    Sandbox::SandboxDirectory directory;
    const Sandbox::SandboxClient *client = directory.client(clientId);
    QVERIFY(client);
    QJsonObject claims = claimsFor(clientId);
    if (change.startsWith(QLatin1Char('-'))) {
        claims.remove(change.mid(1));
    } else if (!change.isEmpty()) {
        const QString name = change.section(QLatin1Char('='), 0, 0);
        const QString value = change.section(QLatin1Char('='), 1);
        if (value == QLatin1String("past"))
            claims.insert(name, now.toSecsSinceEpoch() - 1);
        else
            claims.insert(name, value);
    }
    Jose::JwsSigner::Key key;
    if (signer == QLatin1String("client"))
        key = Jose::JwsSigner::Key::fromPem(client->privateKeyPem);
    else if (signer == QLatin1String("stranger"))
        key = Jose::JwsSigner::Key::generate(alg);
    else if (signer == QLatin1String("secret"))
        key = Jose::JwsSigner::Key::fromSecret(client->secret);
    else if (signer == QLatin1String("wrong-secret"))
        key = Jose::JwsSigner::Key::fromSecret("not-the-secret");
    const QByteArray jwt = signWith(claims, alg, key);
    QVERIFY(!jwt.isEmpty());
    const QHash<QString, QString> outer{{QStringLiteral("client_id"), clientId},
                                        {QStringLiteral("response_type"), QStringLiteral("code")},
                                        {QStringLiteral("scope"), QStringLiteral("openid")},
                                        {QStringLiteral("request"), QString::fromLatin1(jwt)}};
    const SandboxRequestObject::Result result =
        SandboxRequestObject::resolve(jwt, *client, issuer, now, outer);
    QCOMPARE(result.ok, ok);
    if (!ok) {
        QVERIFY2(result.description.contains(why), qPrintable(result.description));
        return;
    }
    // The object's claims win over the parameters outside it (Core §6.1).
    QCOMPARE(result.parameters.value(QStringLiteral("scope")), QStringLiteral("openid profile"));
    QCOMPARE(result.parameters.value(QStringLiteral("state")),
             QStringLiteral("state-from-the-object"));
    QCOMPARE(result.parameters.value(QStringLiteral("max_age")), QStringLiteral("600"));
    QVERIFY(!result.parameters.contains(QStringLiteral("request")));
    QVERIFY(!result.parameters.contains(QStringLiteral("iss")));
}

void TestSandboxRequestObject::authorizationEndpointUsesTheObject()
{
    SandboxKit kit;
    const Sandbox::SandboxClient *client =
        kit.provider->directory().client(QStringLiteral("sandbox-private-key"));
    QVERIFY(client);
    const QByteArray jwt = signWith(claimsFor(client->id), QStringLiteral("ES256"),
                                    Jose::JwsSigner::Key::fromPem(client->privateKeyPem));
    // Outside: only what OAuth requires; the rest (redirect_uri, state) is inside.
    const auto response = kit.authorize({{QStringLiteral("client_id"), client->id},
                                         {QStringLiteral("response_type"), QStringLiteral("code")},
                                         {QStringLiteral("scope"), QStringLiteral("openid")},
                                         {QStringLiteral("request"), QString::fromLatin1(jwt)}});
    QCOMPARE(response.status, 302);
    const QUrlQuery parameters = SandboxKit::redirectParameters(response);
    QCOMPARE(parameters.queryItemValue(QStringLiteral("state")),
             QStringLiteral("state-from-the-object"));
    QVERIFY(!parameters.queryItemValue(QStringLiteral("code")).isEmpty());
}

void TestSandboxRequestObject::authorizationEndpointRefusesABadObject()
{
    SandboxKit kit;
    const QByteArray jwt =
        signWith(claimsFor(QStringLiteral("sandbox-private-key")), QStringLiteral("ES256"),
                 Jose::JwsSigner::Key::generate(QStringLiteral("ES256")));
    const auto response = kit.provider->handle(
        get(QStringLiteral("/authorize"),
            form({{QStringLiteral("client_id"), QStringLiteral("sandbox-private-key")},
                  {QStringLiteral("response_type"), QStringLiteral("code")},
                  {QStringLiteral("request"), QString::fromLatin1(jwt)}})));
    // Not redirected: the redirect_uri inside an unverified object is not to be trusted.
    QCOMPARE(response.status, 400);
    QVERIFY(response.header("Location").isEmpty());
    QVERIFY(response.body.contains("invalid_request_object"));
}

void TestSandboxRequestObject::requestObjectThroughPar()
{
    SandboxKit kit;
    const Sandbox::SandboxClient *client =
        kit.provider->directory().client(QStringLiteral("sandbox-confidential"));
    const QByteArray jwt = signWith(claimsFor(client->id), QStringLiteral("HS256"),
                                    Jose::JwsSigner::Key::fromSecret(client->secret));
    const auto pushed = kit.provider->handle(formPost(
        QStringLiteral("/par"), form({{QStringLiteral("request"), QString::fromLatin1(jwt)}}),
        basic("sandbox-confidential", "sandbox-secret")));
    QCOMPARE(pushed.status, 201);
    const auto response =
        kit.authorize({{QStringLiteral("client_id"), client->id},
                       {QStringLiteral("request_uri"),
                        jsonOf(pushed).value(QLatin1String("request_uri")).toString()}});
    QCOMPARE(response.status, 302);
    QCOMPARE(SandboxKit::redirectParameters(response).queryItemValue(QStringLiteral("state")),
             QStringLiteral("state-from-the-object"));

    // A bad object is refused at the PAR endpoint already.
    const auto bad = kit.provider->handle(
        formPost(QStringLiteral("/par"),
                 form({{QStringLiteral("request"),
                        QString::fromLatin1(signWith(claimsFor(client->id), QStringLiteral("HS256"),
                                                     Jose::JwsSigner::Key::fromSecret("guess")))}}),
                 basic("sandbox-confidential", "sandbox-secret")));
    QCOMPARE(bad.status, 400);
    QCOMPARE(jsonOf(bad).value(QLatin1String("error")).toString(),
             QStringLiteral("invalid_request_object"));
}

void TestSandboxRequestObject::metadataAdvertisesRequestObjects()
{
    SandboxKit kit;
    const QJsonObject metadata = kit.provider->metadata();
    QVERIFY(metadata.value(QLatin1String("request_parameter_supported")).toBool());
    QVERIFY(metadata.value(QLatin1String("request_object_signing_alg_values_supported"))
                .toArray()
                .contains(QJsonValue(QStringLiteral("ES256"))));
}

QTEST_GUILESS_MAIN(TestSandboxRequestObject)
#include "TestSandboxRequestObject.moc"
