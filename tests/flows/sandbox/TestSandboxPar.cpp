// flows/sandbox/SandboxPar and the sandbox's PAR endpoint (RFC 9126): client
// authentication, the request_uri and its lifetime, single use, the client that pushed it,
// and a client that must push its requests. Fixed clock.
#include "SandboxPar.h"
#include "SandboxTestKit.h"

#include <QTest>

using namespace Tokenscope;
using namespace Tokenscope::Testing;
using Sandbox::SandboxPar;

namespace {

const QString redirect = QStringLiteral("http://127.0.0.1:50123/callback");

QList<QPair<QString, QString>> codeParameters(const QString &clientId)
{
    return {{QStringLiteral("client_id"), clientId},
            {QStringLiteral("redirect_uri"), redirect},
            {QStringLiteral("response_type"), QStringLiteral("code")},
            {QStringLiteral("scope"), QStringLiteral("openid")},
            {QStringLiteral("state"), QStringLiteral("pushed-state")}};
}

} // namespace

class TestSandboxPar final : public QObject
{
    Q_OBJECT

private slots:
    void storeIsSingleUseAndExpires();
    void storeRefusesAnotherClient();
    void endpointRequiresClientAuthentication();
    void endpointRefusesAnUnregisteredRedirectUri();
    void endpointRefusesAPushedRequestUri();
    void pushedRequestIsUsedOnceAtTheAuthorizationEndpoint();
    void pushedRequestExpires();
    void clientThatRequiresParCannotSkipIt();
    void metadataNamesTheEndpoint();

private:
    static QString push(SandboxKit &kit, const QString &clientId, const QByteArray &auth,
                        Sandbox::HttpResponse *out = nullptr);
};

void TestSandboxPar::storeIsSingleUseAndExpires()
{
    FixedClock clock(QDateTime(QDate(2026, 1, 1), QTime(12, 0), Qt::UTC));
    SystemRandomSource random;
    SandboxPar par(clock, random);
    const QString uri =
        par.push(QStringLiteral("c"), {{QStringLiteral("scope"), QStringLiteral("openid")}});
    QVERIFY(uri.startsWith(QLatin1String("urn:ietf:params:oauth:request_uri:")));
    QVERIFY(uri.size() > SandboxPar::uriPrefix().size() + 40); // 256 random bits
    QHash<QString, QString> parameters;
    QString problem;
    QVERIFY(par.take(uri, QStringLiteral("c"), &parameters, &problem));
    QCOMPARE(parameters.value(QStringLiteral("scope")), QStringLiteral("openid"));
    QVERIFY(!par.take(uri, QStringLiteral("c"), &parameters, &problem));
    QVERIFY(problem.contains(QLatin1String("used")));

    const QString later = par.push(QStringLiteral("c"), {});
    clock.advance(SandboxPar::lifetime);
    QVERIFY(!par.take(later, QStringLiteral("c"), &parameters, &problem));
}

void TestSandboxPar::storeRefusesAnotherClient()
{
    FixedClock clock(QDateTime(QDate(2026, 1, 1), QTime(12, 0), Qt::UTC));
    SystemRandomSource random;
    SandboxPar par(clock, random);
    const QString uri = par.push(QStringLiteral("c"), {});
    QHash<QString, QString> parameters;
    QString problem;
    QVERIFY(!par.take(uri, QStringLiteral("mallory"), &parameters, &problem));
    QVERIFY(problem.contains(QLatin1String("another client")));
    // …and the attempt does not use it up for its owner.
    QVERIFY(par.take(uri, QStringLiteral("c"), &parameters, &problem));
}

QString TestSandboxPar::push(SandboxKit &kit, const QString &clientId, const QByteArray &auth,
                             Sandbox::HttpResponse *out)
{
    const Sandbox::HttpResponse response = kit.provider->handle(
        formPost(QStringLiteral("/par"), form(codeParameters(clientId)), auth));
    if (out)
        *out = response;
    return jsonOf(response).value(QLatin1String("request_uri")).toString();
}

void TestSandboxPar::endpointRequiresClientAuthentication()
{
    SandboxKit kit;
    Sandbox::HttpResponse response;
    QVERIFY(push(kit, QStringLiteral("sandbox-confidential"),
                 basic("sandbox-confidential", "wrong"), &response)
                .isEmpty());
    QCOMPARE(response.status, 401);
    QCOMPARE(jsonOf(response).value(QLatin1String("error")).toString(),
             QStringLiteral("invalid_client"));
    QVERIFY(!push(kit, QStringLiteral("sandbox-confidential"),
                  basic("sandbox-confidential", "sandbox-secret"), &response)
                 .isEmpty());
    QCOMPARE(response.status, 201);
    QCOMPARE(jsonOf(response).value(QLatin1String("expires_in")).toInt(),
             int(SandboxPar::lifetime));
}

void TestSandboxPar::endpointRefusesAnUnregisteredRedirectUri()
{
    SandboxKit kit;
    auto parameters = codeParameters(QStringLiteral("sandbox-confidential"));
    parameters[1].second = QStringLiteral("https://attacker.example/callback");
    const auto response = kit.provider->handle(formPost(
        QStringLiteral("/par"), form(parameters), basic("sandbox-confidential", "sandbox-secret")));
    QCOMPARE(response.status, 400);
    QCOMPARE(jsonOf(response).value(QLatin1String("error")).toString(),
             QStringLiteral("invalid_request"));
}

void TestSandboxPar::endpointRefusesAPushedRequestUri()
{
    SandboxKit kit;
    auto parameters = codeParameters(QStringLiteral("sandbox-confidential"));
    parameters.append({QStringLiteral("request_uri"), QStringLiteral("urn:x")});
    const auto response = kit.provider->handle(formPost(
        QStringLiteral("/par"), form(parameters), basic("sandbox-confidential", "sandbox-secret")));
    QCOMPARE(response.status, 400);
}

void TestSandboxPar::pushedRequestIsUsedOnceAtTheAuthorizationEndpoint()
{
    SandboxKit kit;
    const QString uri = push(kit, QStringLiteral("sandbox-confidential"),
                             basic("sandbox-confidential", "sandbox-secret"));
    QVERIFY(!uri.isEmpty());
    const QList<QPair<QString, QString>> byReference{
        {QStringLiteral("client_id"), QStringLiteral("sandbox-confidential")},
        {QStringLiteral("request_uri"), uri}};
    const auto response = kit.authorize(byReference);
    QCOMPARE(response.status, 302);
    const QUrlQuery parameters = SandboxKit::redirectParameters(response);
    QVERIFY(!parameters.queryItemValue(QStringLiteral("code")).isEmpty());
    QCOMPARE(parameters.queryItemValue(QStringLiteral("state")), QStringLiteral("pushed-state"));
    QVERIFY(QUrl::fromEncoded(response.header("Location")).toString().startsWith(redirect));

    const auto again = kit.provider->handle(get(QStringLiteral("/authorize"), form(byReference)));
    QCOMPARE(again.status, 400);
    QVERIFY(again.body.contains("invalid_request_uri"));
    // Another client cannot use it either, nor a made-up one.
    const QString other = push(kit, QStringLiteral("sandbox-confidential"),
                               basic("sandbox-confidential", "sandbox-secret"));
    const auto foreign = kit.provider->handle(
        get(QStringLiteral("/authorize"),
            form({{QStringLiteral("client_id"), QStringLiteral("sandbox-public")},
                  {QStringLiteral("request_uri"), other}})));
    QCOMPARE(foreign.status, 400);
}

void TestSandboxPar::pushedRequestExpires()
{
    SandboxKit kit;
    const QString uri = push(kit, QStringLiteral("sandbox-confidential"),
                             basic("sandbox-confidential", "sandbox-secret"));
    kit.clock.advance(SandboxPar::lifetime + 1);
    const auto response = kit.provider->handle(
        get(QStringLiteral("/authorize"),
            form({{QStringLiteral("client_id"), QStringLiteral("sandbox-confidential")},
                  {QStringLiteral("request_uri"), uri}})));
    QCOMPARE(response.status, 400);
    QVERIFY(response.body.contains("invalid_request_uri"));
}

void TestSandboxPar::clientThatRequiresParCannotSkipIt()
{
    SandboxKit kit;
    const auto direct = kit.provider->handle(
        get(QStringLiteral("/authorize"), form(codeParameters(QStringLiteral("sandbox-par")))));
    QCOMPARE(direct.status, 400);
    QVERIFY(direct.body.contains("PAR"));
    const QString uri =
        push(kit, QStringLiteral("sandbox-par"), basic("sandbox-par", "sandbox-secret"));
    QVERIFY(!uri.isEmpty());
    const auto pushed = kit.authorize({{QStringLiteral("client_id"), QStringLiteral("sandbox-par")},
                                       {QStringLiteral("request_uri"), uri}});
    QCOMPARE(pushed.status, 302);
    QVERIFY(
        !SandboxKit::redirectParameters(pushed).queryItemValue(QStringLiteral("code")).isEmpty());
}

void TestSandboxPar::metadataNamesTheEndpoint()
{
    SandboxKit kit;
    const QJsonObject metadata = kit.provider->metadata();
    QCOMPARE(metadata.value(QLatin1String("pushed_authorization_request_endpoint")).toString(),
             QStringLiteral("http://127.0.0.1:1234/par"));
}

QTEST_GUILESS_MAIN(TestSandboxPar)
#include "TestSandboxPar.moc"
