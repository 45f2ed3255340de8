// Discovery against a loopback server whose answers each test chooses: which URLs are
// tried, in which order, what counts as metadata, and how each failure is named.
#include "common/Clock.h"
#include "discovery/DiscoveryClient.h"
#include "http/HttpClient.h"
#include "http/Transcript.h"
#include "support/LoopbackServer.h"

#include <QNetworkAccessManager>
#include <QSignalSpy>
#include <QTest>

using namespace Tokenscope;
using namespace Tokenscope::Discovery;
using Tokenscope::Testing::LoopbackServer;
using Tokenscope::Testing::ReceivedRequest;

namespace {

QByteArray metadataFor(const QByteArray &issuer)
{
    return R"({"issuer":")" + issuer + R"(",
  "authorization_endpoint":")" +
           issuer + R"(/authorize",
  "token_endpoint":")" +
           issuer + R"(/token",
  "jwks_uri":")" +
           issuer + R"(/jwks",
  "response_types_supported":["code"],
  "subject_types_supported":["public"],
  "id_token_signing_alg_values_supported":["RS256"],
  "code_challenge_methods_supported":["S256"]
})";
}

QByteArray base(const LoopbackServer &server)
{
    return "http://127.0.0.1:" + QByteArray::number(server.serverPort());
}

} // namespace

class TestDiscoveryClient final : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void cleanup();

    void openIdConfigurationIsFetchedAndChecked();
    void issuerWithPathFallsBackToRfc8414InsertedForm();
    void pastedMetadataUrlImpliesTheIssuer();
    void issuerMismatchIsAValidationFailure_data();
    void issuerMismatchIsAValidationFailure();
    void badAnswersAreNamed_data();
    void badAnswersAreNamed();
    void oauthErrorBodyIsKept();
    void transportErrorStopsAtOnce();
    void invalidIssuerIsRejectedBeforeAnyRequest();
    void redirectedMetadataIsRecordedHopByHop();
    void cancelEndsDiscovery();

private:
    DiscoveryResult discover(const QString &issuer);

    SystemClock m_clock;
    std::unique_ptr<QNetworkAccessManager> m_network;
    std::unique_ptr<Http::Transcript> m_transcript;
    std::unique_ptr<Http::HttpClient> m_http;
    std::unique_ptr<DiscoveryClient> m_discovery;
};

void TestDiscoveryClient::init()
{
    m_network = std::make_unique<QNetworkAccessManager>();
    m_transcript = std::make_unique<Http::Transcript>();
    m_http = std::make_unique<Http::HttpClient>(m_network.get(), m_transcript.get(), m_clock);
    m_discovery = std::make_unique<DiscoveryClient>(m_http.get());
}

void TestDiscoveryClient::cleanup()
{
    m_discovery.reset();
    m_http.reset();
    m_transcript.reset();
    m_network.reset();
}

DiscoveryResult TestDiscoveryClient::discover(const QString &issuer)
{
    QSignalSpy finished(m_discovery.get(), &DiscoveryClient::finished);
    m_discovery->discover(issuer);
    if (!finished.wait(20'000))
        qWarning("discovery did not finish");
    return m_discovery->result();
}

void TestDiscoveryClient::openIdConfigurationIsFetchedAndChecked()
{
    LoopbackServer server([](const ReceivedRequest &, QTcpSocket *) {});
    server.setHandler([&server](const ReceivedRequest &request, QTcpSocket *socket) {
        if (request.target == "/.well-known/openid-configuration")
            LoopbackServer::respondJson(socket, 200, metadataFor(base(server)));
        else
            LoopbackServer::respond(socket, 404, "Not Found", {}, {});
    });
    const DiscoveryResult result = discover(QString::fromLatin1(base(server)));
    QVERIFY2(result.ok(), qPrintable(result.error.message));
    QCOMPARE(result.metadata.issuer, QString::fromLatin1(base(server)));
    QCOMPARE(result.metadata.sourceKind, WellKnown::Kind::OpenIdConfiguration);
    QCOMPARE(result.metadata.endpoint(QStringLiteral("token_endpoint")),
             QUrl(QString::fromLatin1(base(server) + "/token")));
    QCOMPARE(result.metadata.codeChallengeMethods(), QStringList{QStringLiteral("S256")});
    QCOMPARE(result.metadata.rawDocument, metadataFor(base(server)));
    QCOMPARE(server.requests().size(), 1);
    QCOMPARE(result.exchanges.size(), 1);
    QCOMPARE(m_transcript->size(), 1);
    QCOMPARE(result.exchanges.constFirst().statusCode, 200);
}

void TestDiscoveryClient::issuerWithPathFallsBackToRfc8414InsertedForm()
{
    LoopbackServer server([](const ReceivedRequest &, QTcpSocket *) {});
    server.setHandler([&server](const ReceivedRequest &request, QTcpSocket *socket) {
        if (request.target == "/.well-known/oauth-authorization-server/tenant/7")
            LoopbackServer::respondJson(socket, 200,
                                        R"({"issuer":")" + base(server) +
                                            R"(/tenant/7","response_types_supported":["code"],)"
                                            R"("token_endpoint":")" +
                                            base(server) + R"(/tenant/7/token"})");
        else
            LoopbackServer::respond(socket, 404, "Not Found", {{"Content-Type", "text/plain"}},
                                    "no");
    });
    const DiscoveryResult result = discover(QString::fromLatin1(base(server) + "/tenant/7"));
    QVERIFY2(result.ok(), qPrintable(result.error.message));
    QCOMPARE(server.requests().size(), 2);
    QCOMPARE(server.requests().at(0).target,
             QByteArray("/tenant/7/.well-known/openid-configuration"));
    QCOMPARE(server.requests().at(1).target,
             QByteArray("/.well-known/oauth-authorization-server/tenant/7"));
    QCOMPARE(result.metadata.sourceKind, WellKnown::Kind::OAuthAuthorizationServer);
    QCOMPARE(result.exchanges.size(), 2);
    QCOMPARE(result.exchanges.at(0).statusCode, 404);
}

void TestDiscoveryClient::pastedMetadataUrlImpliesTheIssuer()
{
    LoopbackServer server([](const ReceivedRequest &, QTcpSocket *) {});
    server.setHandler([&server](const ReceivedRequest &, QTcpSocket *socket) {
        LoopbackServer::respondJson(socket, 200, metadataFor(base(server) + "/realms/demo"));
    });
    const DiscoveryResult result = discover(
        QString::fromLatin1(base(server) + "/realms/demo/.well-known/openid-configuration"));
    QVERIFY2(result.ok(), qPrintable(result.error.message));
    QCOMPARE(result.requestedIssuer.toString(), QString::fromLatin1(base(server) + "/realms/demo"));
    QCOMPARE(server.requests().size(), 1);
    QCOMPARE(server.requests().constFirst().target,
             QByteArray("/realms/demo/.well-known/openid-configuration"));
}

void TestDiscoveryClient::issuerMismatchIsAValidationFailure_data()
{
    QTest::addColumn<QByteArray>("claimedSuffix");
    QTest::addColumn<QByteArray>("requestedSuffix");
    QTest::addColumn<bool>("slashHint");
    QTest::newRow("other_host_is_rejected") << QByteArray("-evil") << QByteArray() << false;
    QTest::newRow("trailing_slash_difference_is_rejected_with_a_hint")
        << QByteArray() << QByteArray("/") << true;
}

void TestDiscoveryClient::issuerMismatchIsAValidationFailure()
{
    QFETCH(QByteArray, claimedSuffix);
    QFETCH(QByteArray, requestedSuffix);
    QFETCH(bool, slashHint);
    LoopbackServer server([](const ReceivedRequest &, QTcpSocket *) {});
    server.setHandler([&](const ReceivedRequest &, QTcpSocket *socket) {
        LoopbackServer::respondJson(socket, 200, metadataFor(base(server) + claimedSuffix));
    });
    const DiscoveryResult result = discover(QString::fromLatin1(base(server) + requestedSuffix));
    QCOMPARE(result.error.kind, DiscoveryError::Kind::IssuerMismatch);
    QCOMPARE(result.error.expected, QString::fromLatin1(base(server) + requestedSuffix));
    QCOMPARE(result.error.actual, QString::fromLatin1(base(server) + claimedSuffix));
    QCOMPARE(result.error.message.contains(QStringLiteral("trailing slash")), slashHint);
    // What the provider said stays visible.
    QCOMPARE(result.metadata.issuer, result.error.actual);
}

enum class Answer
{
    HtmlPage,
    MalformedJson,
    JsonArray,
    PlainText,
    NotFoundEverywhere
};

void TestDiscoveryClient::badAnswersAreNamed_data()
{
    QTest::addColumn<Answer>("answer");
    QTest::addColumn<DiscoveryError::Kind>("kind");
    QTest::addColumn<QString>("messagePart");
    QTest::newRow("html_page_is_named")
        << Answer::HtmlPage << DiscoveryError::Kind::HtmlPage << QStringLiteral("HTML");
    QTest::newRow("malformed_json_gives_line_and_column")
        << Answer::MalformedJson << DiscoveryError::Kind::MalformedJson
        << QStringLiteral("line 3, column");
    QTest::newRow("json_array_is_not_metadata")
        << Answer::JsonArray << DiscoveryError::Kind::NotAnObject
        << QStringLiteral("not an object");
    QTest::newRow("plain_text_is_not_json")
        << Answer::PlainText << DiscoveryError::Kind::NotJson << QStringLiteral("text/plain");
    QTest::newRow("not_found_everywhere_is_an_http_status")
        << Answer::NotFoundEverywhere << DiscoveryError::Kind::HttpStatus << QStringLiteral("404");
}

void TestDiscoveryClient::badAnswersAreNamed()
{
    QFETCH(Answer, answer);
    QFETCH(DiscoveryError::Kind, kind);
    QFETCH(QString, messagePart);
    LoopbackServer server([answer](const ReceivedRequest &request, QTcpSocket *socket) {
        const bool oidc = request.target == "/.well-known/openid-configuration";
        if (!oidc || answer == Answer::NotFoundEverywhere) {
            LoopbackServer::respond(socket, 404, "Not Found", {{"Content-Type", "text/html"}},
                                    "<html><body>Not Found</body></html>");
            return;
        }
        switch (answer) {
        case Answer::HtmlPage:
            LoopbackServer::respond(socket, 200, "OK", {{"Content-Type", "text/html"}},
                                    "<!DOCTYPE html><html><body>Sign in</body></html>");
            break;
        case Answer::MalformedJson:
            LoopbackServer::respondJson(socket, 200,
                                        "{\n  \"issuer\": \"x\",\n  \"jwks_uri\" \"y\"\n}");
            break;
        case Answer::JsonArray:
            LoopbackServer::respondJson(socket, 200, "[1, 2]");
            break;
        case Answer::PlainText:
            LoopbackServer::respond(socket, 200, "OK", {{"Content-Type", "text/plain"}}, "hello");
            break;
        case Answer::NotFoundEverywhere:
            break;
        }
    });
    const DiscoveryResult result = discover(QString::fromLatin1(base(server)));
    QCOMPARE(result.error.kind, kind);
    QVERIFY2(result.error.message.contains(messagePart), qPrintable(result.error.message));
    if (kind == DiscoveryError::Kind::MalformedJson) {
        QCOMPARE(result.error.line, 3);
        QCOMPARE(result.error.column, 14); // the opening quote of "y"
    }
    // Every candidate was tried and recorded: the OIDC location, then RFC 8414's.
    QCOMPARE(result.exchanges.size(), 2);
    QVERIFY(!result.ok());
}

void TestDiscoveryClient::oauthErrorBodyIsKept()
{
    LoopbackServer server([](const ReceivedRequest &, QTcpSocket *socket) {
        LoopbackServer::respondJson(
            socket, 400,
            R"({"error":"invalid_request","error_description":"tenant unknown","error_uri":"https://as.example/e"})");
    });
    const DiscoveryResult result = discover(QString::fromLatin1(base(server)));
    QCOMPARE(result.error.kind, DiscoveryError::Kind::HttpStatus);
    QCOMPARE(result.error.httpStatus, 400);
    QCOMPARE(result.error.error, QStringLiteral("invalid_request"));
    QCOMPARE(result.error.errorDescription, QStringLiteral("tenant unknown"));
    QCOMPARE(result.error.errorUri, QStringLiteral("https://as.example/e"));
    QVERIFY(result.error.message.contains(QStringLiteral("invalid_request")));
}

void TestDiscoveryClient::transportErrorStopsAtOnce()
{
    quint16 port = 0;
    {
        QTcpServer probe;
        QVERIFY(probe.listen(QHostAddress::LocalHost, 0));
        port = probe.serverPort();
    }
    const DiscoveryResult result = discover(QStringLiteral("http://127.0.0.1:%1").arg(port));
    QCOMPARE(result.error.kind, DiscoveryError::Kind::Transport);
    QCOMPARE(result.error.transportKind, Http::TransportErrorKind::ConnectionRefused);
    QCOMPARE(result.exchanges.size(), 1);
}

void TestDiscoveryClient::invalidIssuerIsRejectedBeforeAnyRequest()
{
    const DiscoveryResult result = discover(QStringLiteral("not a url"));
    QCOMPARE(result.error.kind, DiscoveryError::Kind::InvalidIssuer);
    QVERIFY(!result.error.message.isEmpty());
    QCOMPARE(m_transcript->size(), 0);
}

void TestDiscoveryClient::redirectedMetadataIsRecordedHopByHop()
{
    LoopbackServer server([](const ReceivedRequest &, QTcpSocket *) {});
    server.setHandler([&server](const ReceivedRequest &request, QTcpSocket *socket) {
        if (request.target == "/.well-known/openid-configuration")
            LoopbackServer::respond(socket, 302, "Found", {{"Location", "/static/metadata.json"}},
                                    {});
        else
            LoopbackServer::respondJson(socket, 200, metadataFor(base(server)));
    });
    const DiscoveryResult result = discover(QString::fromLatin1(base(server)));
    QVERIFY2(result.ok(), qPrintable(result.error.message));
    QCOMPARE(result.exchanges.size(), 2);
    QCOMPARE(result.exchanges.at(0).statusCode, 302);
    QCOMPARE(result.exchanges.at(1).hop, 1);
}

void TestDiscoveryClient::cancelEndsDiscovery()
{
    LoopbackServer server([](const ReceivedRequest &, QTcpSocket *) {}); // never answers
    QSignalSpy finished(m_discovery.get(), &DiscoveryClient::finished);
    m_discovery->discover(QString::fromLatin1(base(server)));
    QTRY_COMPARE(server.requests().size(), 1);
    QVERIFY(m_discovery->isRunning());
    m_discovery->cancel();
    QTRY_COMPARE(finished.size(), 1);
    QCOMPARE(m_discovery->result().error.kind, DiscoveryError::Kind::Cancelled);
    QVERIFY(!m_discovery->isRunning());
}

QTEST_GUILESS_MAIN(TestDiscoveryClient)
#include "TestDiscoveryClient.moc"
