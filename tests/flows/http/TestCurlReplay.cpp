// "Copy as curl" is exact: the command, run by bash and curl, makes a loopback server
// receive the same request line, the same headers in the same order, the same body.
#include "common/Clock.h"
#include "http/CurlCommand.h"
#include "http/HttpClient.h"
#include "http/PendingExchange.h"
#include "http/Transcript.h"
#include "support/LoopbackServer.h"

#include <QNetworkAccessManager>
#include <QProcess>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTest>

using namespace Tokenscope;
using namespace Tokenscope::Http;
using Tokenscope::Testing::LoopbackServer;
using Tokenscope::Testing::ReceivedRequest;

class TestCurlReplay final : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void replayedCommandSendsTheSameRequest_data();
    void replayedCommandSendsTheSameRequest();
};

void TestCurlReplay::initTestCase()
{
    if (QStandardPaths::findExecutable(QStringLiteral("curl")).isEmpty() ||
        QStandardPaths::findExecutable(QStringLiteral("bash")).isEmpty())
        QFAIL("curl and bash are needed (scripts/deps installs them)");
}

void TestCurlReplay::replayedCommandSendsTheSameRequest_data()
{
    QTest::addColumn<QByteArray>("method");
    QTest::addColumn<QByteArray>("path");
    QTest::addColumn<HeaderList>("headers");
    QTest::addColumn<QByteArray>("body");

    QTest::newRow("discovery_get")
        << QByteArray("GET") << QByteArray("/.well-known/openid-configuration") << HeaderList{}
        << QByteArray();
    QTest::newRow("token_request_with_basic_auth_and_form_body")
        << QByteArray("POST") << QByteArray("/token")
        << HeaderList{{"Content-Type", "application/x-www-form-urlencoded"},
                      {"Authorization", "Basic dG9rZW5zY29wZTpzM2NyM3Q="}}
        << QByteArray("grant_type=authorization_code&code=abc%2Bdef&redirect_uri="
                      "http%3A%2F%2F127.0.0.1%3A8765%2Fcallback&code_verifier=x-y_z.~");
    QTest::newRow("quotes_newlines_and_control_bytes_in_the_body")
        << QByteArray("PUT") << QByteArray("/register?x=%5B1%5D&y={a}")
        << HeaderList{{"Content-Type", "application/json"},
                      {"X-Note", "it's \"quoted\" $HOME `id`"}}
        << QByteArray("{\"name\": \"O'Brien\",\n \"tab\":\"\t\", \"bell\":\"\a\x01\"}\n");
    QTest::newRow("binary_body_with_nul_and_non_utf8_bytes")
        << QByteArray("POST") << QByteArray("/upload")
        << HeaderList{{"Content-Type", "application/octet-stream"}}
        << QByteArray("\x00\x01 100% \\x41 '\xe9\xff\x7f\n\x00end", 22);
    QTest::newRow("header_order_and_case_are_kept")
        << QByteArray("DELETE") << QByteArray("/clients/42")
        << HeaderList{{"x-lower", "1"}, {"X-UPPER", "2"}, {"Authorization", "Bearer eyJ.e30.sig"}}
        << QByteArray();
}

void TestCurlReplay::replayedCommandSendsTheSameRequest()
{
    QFETCH(QByteArray, method);
    QFETCH(QByteArray, path);
    QFETCH(HeaderList, headers);
    QFETCH(QByteArray, body);

    LoopbackServer server([](const ReceivedRequest &, QTcpSocket *socket) {
        LoopbackServer::respondJson(socket, 200, R"({"ok":true})");
    });
    SystemClock clock;
    QNetworkAccessManager network;
    Transcript transcript;
    HttpClient client(&network, &transcript, clock);
    HttpRequest request;
    request.method = method;
    request.url = QUrl::fromEncoded(server.url(path).toEncoded());
    request.headers = headers;
    request.body = body;
    PendingExchange *pending = client.send(request);
    QSignalSpy finished(pending, &PendingExchange::finished);
    QVERIFY(finished.wait());
    const Exchange exchange = pending->result();
    QVERIFY2(!exchange.error.isError(), qPrintable(exchange.error.message));
    QCOMPARE(server.requests().size(), 1);

    const QString command = CurlCommand::render(exchange, CurlCommand::Secrets::Show);
    QProcess bash;
    bash.start(QStringLiteral("bash"), {QStringLiteral("-c"), command});
    QVERIFY(QTest::qWaitFor([&] { return bash.state() == QProcess::NotRunning; }, 20'000));
    QVERIFY2(bash.exitCode() == 0, bash.readAllStandardError().constData());
    QVERIFY(bash.readAllStandardOutput().startsWith("HTTP/1.1 200"));

    QCOMPARE(server.requests().size(), 2);
    const ReceivedRequest &original = server.requests().at(0);
    const ReceivedRequest &replayed = server.requests().at(1);
    QCOMPARE(replayed.method, original.method);
    QCOMPARE(replayed.target, original.target);
    QCOMPARE(replayed.version, original.version);
    QCOMPARE(replayed.headers, original.headers);
    QCOMPARE(replayed.body, original.body);
    QCOMPARE(replayed.raw, original.raw);
}

QTEST_GUILESS_MAIN(TestCurlReplay)
#include "TestCurlReplay.moc"
