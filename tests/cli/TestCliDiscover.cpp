// tokenscope-cli discover as scripts use it: one JSON document on stdout, one line on
// stderr when something is wrong, and the exit code of the CLI contract.
#include "support/LoopbackServer.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTest>

using Tokenscope::Testing::LoopbackServer;
using Tokenscope::Testing::ReceivedRequest;

namespace {

struct Run
{
    int exitCode = -1;
    QJsonObject document;
    QByteArray stdoutBytes;
    QByteArray stderrBytes;
};

QByteArray base(const LoopbackServer &server)
{
    return "http://127.0.0.1:" + QByteArray::number(server.serverPort());
}

QByteArray metadataFor(const QByteArray &issuer)
{
    return R"({"issuer":")" + issuer + R"(","authorization_endpoint":")" + issuer +
           R"(/authorize","token_endpoint":")" + issuer + R"(/token","jwks_uri":")" + issuer +
           R"(/jwks","response_types_supported":["code"],"subject_types_supported":["public"],)"
           R"("id_token_signing_alg_values_supported":["RS256"],)"
           R"("code_challenge_methods_supported":["S256"]})";
}

} // namespace

class TestCliDiscover final : public QObject
{
    Q_OBJECT

private slots:
    void printsMetadataAndTheRawExchange();
    void exitCodesFollowTheContract_data();
    void exitCodesFollowTheContract();
    void secretsAreMaskedUnlessAsked();
    void helpAndVersion();

private:
    // Runs the CLI while this process's event loop keeps the loopback server answering.
    static Run run(const QStringList &arguments);
};

Run TestCliDiscover::run(const QStringList &arguments)
{
    QProcess process;
    process.start(QStringLiteral(TOKENSCOPE_CLI_PATH), arguments);
    Run result;
    if (!QTest::qWaitFor([&] { return process.state() == QProcess::NotRunning; }, 30'000)) {
        process.kill();
        process.waitForFinished();
        qWarning("tokenscope-cli did not finish");
        return result;
    }
    result.exitCode = process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -1;
    result.stdoutBytes = process.readAllStandardOutput();
    result.stderrBytes = process.readAllStandardError();
    result.document = QJsonDocument::fromJson(result.stdoutBytes).object();
    return result;
}

void TestCliDiscover::printsMetadataAndTheRawExchange()
{
    LoopbackServer server([](const ReceivedRequest &, QTcpSocket *) {});
    server.setHandler([&server](const ReceivedRequest &, QTcpSocket *socket) {
        LoopbackServer::respondJson(socket, 200, metadataFor(base(server)));
    });
    const Run r = run({QStringLiteral("discover"), QString::fromLatin1(base(server))});
    QCOMPARE(r.exitCode, 0);
    QVERIFY(r.stderrBytes.isEmpty());
    QCOMPARE(r.document.value(QLatin1String("ok")).toBool(), true);
    QCOMPARE(r.document.value(QLatin1String("flow")).toString(), QStringLiteral("discover"));
    const QJsonObject result = r.document.value(QLatin1String("result")).toObject();
    QCOMPARE(result.value(QLatin1String("issuer")).toString(), QString::fromLatin1(base(server)));
    QCOMPARE(result.value(QLatin1String("endpoints"))
                 .toObject()
                 .value(QLatin1String("token_endpoint"))
                 .toString(),
             QString::fromLatin1(base(server) + "/token"));
    QVERIFY(result.value(QLatin1String("validation")).isArray());

    const QJsonArray exchanges = r.document.value(QLatin1String("exchanges")).toArray();
    QCOMPARE(exchanges.size(), 1);
    const QJsonObject exchange = exchanges.first().toObject();
    const QJsonObject request = exchange.value(QLatin1String("request")).toObject();
    QCOMPARE(request.value(QLatin1String("method")).toString(), QStringLiteral("GET"));
    // The headers printed are the headers the server received, in order.
    const ReceivedRequest &wire = server.requests().constFirst();
    const QJsonArray headers = request.value(QLatin1String("headers")).toArray();
    QCOMPARE(headers.size(), wire.headers.size());
    for (qsizetype i = 0; i < headers.size(); ++i) {
        QCOMPARE(headers.at(i).toArray().at(0).toString().toLatin1(), wire.headers.at(i).first);
        QCOMPARE(headers.at(i).toArray().at(1).toString().toLatin1(), wire.headers.at(i).second);
    }
    const QJsonObject response = exchange.value(QLatin1String("response")).toObject();
    QCOMPARE(response.value(QLatin1String("status")).toInt(), 200);
    QCOMPARE(response.value(QLatin1String("body")).toString().toUtf8(), metadataFor(base(server)));
    QVERIFY(exchange.value(QLatin1String("ms")).toDouble() >= 0);
}

enum class Scenario
{
    MalformedUrl,
    Unreachable,
    HtmlBody,
    MalformedJson,
    IssuerMismatch,
    MissingIssuerArgument,
    BadOption
};

void TestCliDiscover::exitCodesFollowTheContract_data()
{
    QTest::addColumn<Scenario>("scenario");
    QTest::addColumn<int>("exitCode");
    QTest::addColumn<QString>("kind");
    QTest::addColumn<QString>("stderrPart");
    QTest::newRow("malformed_url_is_a_usage_error")
        << Scenario::MalformedUrl << 2 << QStringLiteral("usage") << QStringLiteral("not a valid");
    QTest::newRow("missing_issuer_is_a_usage_error")
        << Scenario::MissingIssuerArgument << 2 << QStringLiteral("usage")
        << QStringLiteral("ISSUER");
    QTest::newRow("bad_option_value_is_a_usage_error")
        << Scenario::BadOption << 2 << QStringLiteral("usage") << QStringLiteral("--timeout");
    QTest::newRow("unreachable_host_is_a_network_error")
        << Scenario::Unreachable << 4 << QStringLiteral("transport") << QStringLiteral("refused");
    QTest::newRow("html_body_is_a_provider_error")
        << Scenario::HtmlBody << 1 << QStringLiteral("html_page") << QStringLiteral("HTML");
    QTest::newRow("malformed_json_is_a_provider_error_with_position")
        << Scenario::MalformedJson << 1 << QStringLiteral("malformed_json")
        << QStringLiteral("line 1");
    QTest::newRow("issuer_mismatch_is_a_validation_failure")
        << Scenario::IssuerMismatch << 3 << QStringLiteral("issuer_mismatch")
        << QStringLiteral("https://impostor.example");
}

void TestCliDiscover::exitCodesFollowTheContract()
{
    QFETCH(Scenario, scenario);
    QFETCH(int, exitCode);
    QFETCH(QString, kind);
    QFETCH(QString, stderrPart);

    LoopbackServer server([scenario](const ReceivedRequest &request, QTcpSocket *socket) {
        const bool oidc = request.target == "/.well-known/openid-configuration";
        if (scenario == Scenario::HtmlBody)
            LoopbackServer::respond(socket, 200, "OK", {{"Content-Type", "text/html"}},
                                    "<html><body>Login</body></html>");
        else if (scenario == Scenario::MalformedJson && oidc)
            LoopbackServer::respondJson(socket, 200, R"({"issuer": )");
        else if (scenario == Scenario::IssuerMismatch && oidc)
            LoopbackServer::respondJson(socket, 200, metadataFor("https://impostor.example"));
        else
            LoopbackServer::respond(socket, 404, "Not Found", {}, {});
    });
    QString issuer = QString::fromLatin1(base(server));
    QStringList arguments{QStringLiteral("discover")};
    switch (scenario) {
    case Scenario::MalformedUrl:
        arguments << QStringLiteral("http//missing-colon");
        break;
    case Scenario::MissingIssuerArgument:
        break;
    case Scenario::BadOption:
        arguments << QStringLiteral("--timeout") << QStringLiteral("soon") << issuer;
        break;
    case Scenario::Unreachable: {
        QTcpServer probe;
        QVERIFY(probe.listen(QHostAddress::LocalHost, 0));
        arguments << QStringLiteral("http://127.0.0.1:%1").arg(probe.serverPort());
        break; // the probe closes here: nothing listens on that port any more
    }
    default:
        arguments << issuer;
    }

    const Run r = run(arguments);
    QCOMPARE(r.exitCode, exitCode);
    QCOMPARE(r.document.value(QLatin1String("ok")).toBool(true), false);
    QCOMPARE(
        r.document.value(QLatin1String("error")).toObject().value(QLatin1String("kind")).toString(),
        kind);
    const QList<QByteArray> lines = r.stderrBytes.trimmed().split('\n');
    QVERIFY2(lines.first().startsWith("tokenscope-cli: "), r.stderrBytes.constData());
    QVERIFY2(QString::fromUtf8(lines.first()).contains(stderrPart), r.stderrBytes.constData());
    if (scenario == Scenario::IssuerMismatch) {
        const QJsonObject error = r.document.value(QLatin1String("error")).toObject();
        QCOMPARE(error.value(QLatin1String("expected")).toString(), issuer);
        QCOMPARE(error.value(QLatin1String("actual")).toString(),
                 QStringLiteral("https://impostor.example"));
    }
}

void TestCliDiscover::secretsAreMaskedUnlessAsked()
{
    // A provider echoing a secret-looking member: masked by default, shown on request.
    LoopbackServer server([](const ReceivedRequest &, QTcpSocket *) {});
    server.setHandler([&server](const ReceivedRequest &, QTcpSocket *socket) {
        QByteArray body = metadataFor(base(server));
        body.chop(1);
        body += R"(,"registration_access_token":"reg-token-123456"})";
        LoopbackServer::respondJson(socket, 200, body);
    });
    const QString issuer = QString::fromLatin1(base(server));
    const Run masked = run({QStringLiteral("discover"), issuer});
    QCOMPARE(masked.exitCode, 0);
    QVERIFY(!masked.stdoutBytes.contains("reg-token-123456"));
    QVERIFY(masked.stdoutBytes.contains("[redacted]"));
    const Run shown = run({QStringLiteral("discover"), QStringLiteral("--show-secrets"), issuer});
    QCOMPARE(shown.exitCode, 0);
    QVERIFY(shown.stdoutBytes.contains("reg-token-123456"));
}

void TestCliDiscover::helpAndVersion()
{
    const Run version = run({QStringLiteral("--version")});
    QCOMPARE(version.exitCode, 0);
    QCOMPARE(version.stdoutBytes.trimmed(), QByteArray("tokenscope-cli " TOKENSCOPE_VERSION));
    const Run help = run({QStringLiteral("discover"), QStringLiteral("--help")});
    QCOMPARE(help.exitCode, 0);
    QVERIFY(help.stdoutBytes.contains("--well-known"));
    QVERIFY(help.stdoutBytes.contains("--ca-file"));
    const Run unknown = run({QStringLiteral("frobnicate")});
    QCOMPARE(unknown.exitCode, 2);
    QVERIFY(unknown.stderrBytes.contains("frobnicate"));
}

QTEST_GUILESS_MAIN(TestCliDiscover)
#include "TestCliDiscover.moc"
