// Dynamic client registration (RFC 7591, RFC 7592) against a loopback server: the request as
// sent (JSON, Bearer initial access token), the findings on an answer that bends the rules,
// and the management calls' methods and credentials.
#include "common/Clock.h"
#include "endpoints/RegistrationClient.h"
#include "http/HttpClient.h"
#include "http/Transcript.h"
#include "support/LoopbackServer.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QNetworkAccessManager>
#include <QSignalSpy>
#include <QTest>

using namespace Tokenscope;
using namespace Tokenscope::Endpoints;
using Tokenscope::Testing::LoopbackServer;
using Tokenscope::Testing::ReceivedRequest;

class TestRegistrationClient final : public QObject
{
    Q_OBJECT

private slots:
    void registerAsSentAndOddAnswers();
    void managementUsesTheRegistrationAccessToken();
    void answerWithoutClientIdFails();
};

namespace {
struct Fixture
{
    explicit Fixture(LoopbackServer::Handler handler)
        : server(std::move(handler))
        , http(&network, &transcript, clock)
        , client(&http)
    {}
    RegistrationResult wait()
    {
        QSignalSpy finished(&client, &RegistrationClient::finished);
        if (!finished.wait(10'000))
            qWarning("registration did not finish");
        return client.result();
    }
    LoopbackServer server;
    QNetworkAccessManager network;
    Http::Transcript transcript;
    SystemClock clock;
    Http::HttpClient http;
    RegistrationClient client;
};
} // namespace

void TestRegistrationClient::registerAsSentAndOddAnswers()
{
    Fixture f([](const ReceivedRequest &, QTcpSocket *socket) {
        // 200 instead of 201, client_name changed, grant_types dropped, a secret without
        // client_secret_expires_at, no registration_client_uri.
        LoopbackServer::respondJson(socket, 200,
                                    R"({"client_id":"new","client_secret":"s3cret",)"
                                    R"("client_name":"Renamed by the server",)"
                                    R"("redirect_uris":["https://rp.example/cb"]})");
    });
    const QJsonObject metadata{
        {QStringLiteral("client_name"), QStringLiteral("Mine")},
        {QStringLiteral("redirect_uris"), QJsonArray{QStringLiteral("https://rp.example/cb")}},
        {QStringLiteral("grant_types"), QJsonArray{QStringLiteral("authorization_code")}}};
    f.client.registerClient(f.server.url("/register"), metadata, QStringLiteral("iat-1"));
    const RegistrationResult result = f.wait();
    QVERIFY2(result.ok(), qPrintable(result.error.message));
    QCOMPARE(result.clientId, QStringLiteral("new"));
    QCOMPARE(result.clientSecret, QStringLiteral("s3cret"));
    const ReceivedRequest &sent = f.server.requests().constFirst();
    QCOMPARE(sent.method, QByteArray("POST"));
    QCOMPARE(sent.header("Authorization"), QByteArray("Bearer iat-1"));
    QCOMPARE(sent.header("Content-Type"), QByteArray("application/json"));
    QCOMPARE(QJsonDocument::fromJson(sent.body).object(), metadata);
    QStringList rules;
    for (const Finding &finding : result.checks)
        rules << finding.rule + QLatin1Char(':') + finding.subject;
    for (const char *rule :
         {"registration_status:", "registration_secret_expiry:", "registration_client_uri:",
          "registration_metadata_changed:client_name", "registration_metadata_changed:grant_types"})
        QVERIFY2(rules.contains(QLatin1String(rule)), rule);
    QVERIFY(!rules.contains(QStringLiteral("registration_metadata_changed:redirect_uris")));
}

void TestRegistrationClient::managementUsesTheRegistrationAccessToken()
{
    Fixture f([](const ReceivedRequest &request, QTcpSocket *socket) {
        if (request.method == "DELETE")
            LoopbackServer::respond(socket, 204, "No Content", {}, {});
        else
            LoopbackServer::respondJson(socket, 200, R"({"client_id":"c1"})");
    });
    const QUrl uri = f.server.url("/register/c1");
    f.client.readClient(uri, QStringLiteral("rat"));
    QVERIFY(f.wait().ok());
    f.client.updateClient(uri, QStringLiteral("rat"),
                          {{QStringLiteral("client_id"), QStringLiteral("c1")}});
    QVERIFY(f.wait().ok());
    f.client.deleteClient(uri, QStringLiteral("rat"));
    const RegistrationResult deleted = f.wait();
    QVERIFY(deleted.ok());
    QCOMPARE(deleted.checks.constLast().rule, QStringLiteral("registration_deleted"));
    QCOMPARE(deleted.checks.constLast().status, Finding::Status::Pass);
    QList<QByteArray> methods;
    for (const ReceivedRequest &r : f.server.requests()) {
        methods << r.method;
        QCOMPARE(r.header("Authorization"), QByteArray("Bearer rat"));
        QCOMPARE(r.target, QByteArray("/register/c1"));
    }
    QCOMPARE(methods, (QList<QByteArray>{"GET", "PUT", "DELETE"}));

    // Without the registration access token nothing is sent.
    f.client.readClient(uri, QString());
    QCOMPARE(f.client.result().error.kind, EndpointError::Kind::Usage);
    QCOMPARE(f.server.requests().size(), 3);
}

void TestRegistrationClient::answerWithoutClientIdFails()
{
    Fixture f([](const ReceivedRequest &, QTcpSocket *socket) {
        LoopbackServer::respondJson(socket, 201, R"({"client_name":"x"})");
    });
    f.client.registerClient(f.server.url("/register"), {});
    const RegistrationResult result = f.wait();
    QCOMPARE(result.error.kind, EndpointError::Kind::Validation);
    QCOMPARE(result.error.rule, QStringLiteral("registration_client_id"));
}

QTEST_GUILESS_MAIN(TestRegistrationClient)
#include "TestRegistrationClient.moc"
