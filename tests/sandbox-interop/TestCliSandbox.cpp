// tokenscope-cli sandbox as scripts use it: the real executable as a process. It announces
// its issuer on stderr, serves, logs one line per request, stops with exit code 0 on SIGTERM
// and SIGINT, keeps its keys across runs, and refuses bad usage with exit code 2. With
// --break, the switch is announced and tokenscope-cli authorize fails at the named check.
// tokenscope-cli ciba --ping against it: the tokens come after the sandbox's notification,
// with no poll before it.
#include "support/HeadlessLogin.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QProcess>
#include <QProcessEnvironment>
#include <QRegularExpression>
#include <QSignalSpy>
#include <QTcpServer>
#include <QTemporaryDir>
#include <QTest>

#include <csignal>

class TestCliSandbox final : public QObject
{
    Q_OBJECT

private slots:
    void servesAndStopsOnSignal_data();
    void servesAndStopsOnSignal();
    void keysAreKeptAcrossRuns();
    void badUsage_data();
    void badUsage();
    void breakSwitchIsCaughtByAuthorize_data();
    void breakSwitchIsCaughtByAuthorize();
    void providerErrorIsExplained();
    void cibaPingWaitsForTheNotification();
    void cibaPingUsage_data();
    void cibaPingUsage();

private:
    // Starts the sandbox and waits for its issuer line; empty on failure.
    // What stderr said so far is appended to *err when given.
    QString start(QProcess &process, const QString &keyDir, const QStringList &extra = {},
                  QByteArray *stderrSeen = nullptr);
    QByteArray fetch(const QString &url);
};

QString TestCliSandbox::start(QProcess &process, const QString &keyDir, const QStringList &extra,
                              QByteArray *stderrSeen)
{
    process.start(QStringLiteral(TOKENSCOPE_CLI_PATH),
                  QStringList{QStringLiteral("sandbox"), QStringLiteral("--key-dir"), keyDir} +
                      extra);
    if (!process.waitForStarted(10'000))
        return {};
    static const QRegularExpression line(
        QStringLiteral("sandbox_issuer: (http://127\\.0\\.0\\.1:\\d+)\n"));
    QByteArray err;
    QString issuer;
    const bool ready = QTest::qWaitFor(
        [&] {
            err += process.readAllStandardError();
            issuer = line.match(QString::fromUtf8(err)).captured(1);
            return !issuer.isEmpty() || process.state() == QProcess::NotRunning;
        },
        20'000);
    if (!ready)
        qWarning("no issuer line: %s", err.constData());
    if (stderrSeen)
        *stderrSeen += err;
    return issuer;
}

QByteArray TestCliSandbox::fetch(const QString &url)
{
    QNetworkAccessManager network;
    QNetworkReply *reply = network.get(QNetworkRequest(QUrl(url)));
    QSignalSpy finished(reply, &QNetworkReply::finished);
    if (!finished.wait(10'000))
        return {};
    reply->deleteLater();
    return reply->readAll();
}

void TestCliSandbox::servesAndStopsOnSignal_data()
{
    QTest::addColumn<int>("signal");
    QTest::newRow("sigterm_stops_with_exit_0") << int(SIGTERM);
    QTest::newRow("sigint_stops_with_exit_0") << int(SIGINT);
}

void TestCliSandbox::servesAndStopsOnSignal()
{
    QFETCH(int, signal);
    QTemporaryDir keys;
    QProcess process;
    const QString issuer = start(process, keys.path());
    QVERIFY(!issuer.isEmpty());
    const QJsonObject metadata =
        QJsonDocument::fromJson(fetch(issuer + QStringLiteral("/.well-known/openid-configuration")))
            .object();
    QCOMPARE(metadata.value(QLatin1String("issuer")).toString(), issuer);
    ::kill(pid_t(process.processId()), signal);
    QVERIFY(process.waitForFinished(10'000));
    QCOMPARE(process.exitStatus(), QProcess::NormalExit);
    QCOMPARE(process.exitCode(), 0);
    const QString log = QString::fromUtf8(process.readAllStandardError());
    QVERIFY2(log.contains(QStringLiteral("GET /.well-known/openid-configuration 200\n")),
             qPrintable(log));
    QCOMPARE(process.readAllStandardOutput(), QByteArray());
}

void TestCliSandbox::keysAreKeptAcrossRuns()
{
    QTemporaryDir keys;
    QByteArray jwks[2];
    for (QByteArray &set : jwks) {
        QProcess process;
        const QString issuer = start(process, keys.path());
        QVERIFY(!issuer.isEmpty());
        set = fetch(issuer + QStringLiteral("/jwks"));
        process.terminate();
        QVERIFY(process.waitForFinished(10'000));
    }
    QVERIFY(jwks[0].contains("\"EdDSA\""));
    QCOMPARE(jwks[1], jwks[0]);
}

void TestCliSandbox::badUsage_data()
{
    QTest::addColumn<QStringList>("arguments");
    QTest::newRow("port_not_a_number")
        << QStringList{QStringLiteral("--port"), QStringLiteral("x")};
    QTest::newRow("port_too_large")
        << QStringList{QStringLiteral("--port"), QStringLiteral("70000")};
    QTest::newRow("unknown_option") << QStringList{QStringLiteral("--bogus")};
    QTest::newRow("positional_argument") << QStringList{QStringLiteral("extra")};
    QTest::newRow("unknown_break_switch")
        << QStringList{QStringLiteral("--break"), QStringLiteral("wrong_state,bogus")};
}

void TestCliSandbox::badUsage()
{
    QFETCH(QStringList, arguments);
    QProcess process;
    process.start(QStringLiteral(TOKENSCOPE_CLI_PATH),
                  QStringList{QStringLiteral("sandbox")} + arguments);
    QVERIFY(process.waitForFinished(10'000));
    QCOMPARE(process.exitCode(), 2);
    QVERIFY(process.readAllStandardError().startsWith("tokenscope-cli sandbox: "));
}

void TestCliSandbox::breakSwitchIsCaughtByAuthorize_data()
{
    QTest::addColumn<QString>("fault");
    QTest::addColumn<QString>("rule");
    QTest::newRow("wrong_state_exits_3_at_state_matches")
        << QStringLiteral("wrong_state") << QStringLiteral("state_matches");
    QTest::newRow("id_token_wrong_aud_exits_3_at_id_token_aud")
        << QStringLiteral("id_token_wrong_aud") << QStringLiteral("id_token_aud");
}

void TestCliSandbox::breakSwitchIsCaughtByAuthorize()
{
    QFETCH(QString, fault);
    QFETCH(QString, rule);
    QTemporaryDir keys;
    QProcess sandbox;
    QByteArray log;
    const QString issuer = start(sandbox, keys.path(), {QStringLiteral("--break"), fault}, &log);
    QVERIFY(!issuer.isEmpty());
    QVERIFY(QTest::qWaitFor(
        [&] {
            log += sandbox.readAllStandardError();
            return log.contains(QByteArray("sandbox_break: " + fault.toUtf8() + '\n'));
        },
        5'000));
    const QJsonObject shown =
        QJsonDocument::fromJson(fetch(issuer + QStringLiteral("/sandbox/faults"))).object();
    QCOMPARE(shown.value(QLatin1String("faults")).toArray(), QJsonArray{fault});

    QProcess cli;
    cli.start(QStringLiteral(TOKENSCOPE_CLI_PATH),
              {QStringLiteral("authorize"), QStringLiteral("--issuer"), issuer,
               QStringLiteral("--client-id"), QStringLiteral("sandbox-public"),
               QStringLiteral("--scope"), QStringLiteral("openid profile"),
               QStringLiteral("--browser"), QStringLiteral("print"), QStringLiteral("--wait"),
               QStringLiteral("30")});
    QByteArray err;
    // The redirect reaches the CLI's listener, which may answer it with an error page.
    Tokenscope::Testing::HeadlessLogin::followPrinted(cli, &err);
    if (!QTest::qWaitFor([&] { return cli.state() == QProcess::NotRunning; }, 30'000)) {
        cli.kill();
        cli.waitForFinished();
        QFAIL(err.constData());
    }
    QCOMPARE(cli.exitCode(), 3); // validation failed
    const QByteArray out = cli.readAllStandardOutput();
    QVERIFY2(out.contains(rule.toUtf8()), out.constData());
    sandbox.terminate();
    QVERIFY(sandbox.waitForFinished(10'000));
}

void TestCliSandbox::providerErrorIsExplained()
{
    // A wrong client secret: the provider's own error, and beside it what it usually means.
    QTemporaryDir keys;
    QProcess sandbox;
    const QString issuer = start(sandbox, keys.path());
    QVERIFY(!issuer.isEmpty());
    QProcess cli;
    QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
    environment.insert(QStringLiteral("TOKENSCOPE_TEST_SECRET"), QStringLiteral("not-the-secret"));
    cli.setProcessEnvironment(environment);
    cli.start(QStringLiteral(TOKENSCOPE_CLI_PATH),
              {QStringLiteral("token"), QStringLiteral("--grant"),
               QStringLiteral("client_credentials"), QStringLiteral("--issuer"), issuer,
               QStringLiteral("--client-id"), QStringLiteral("sandbox-service"),
               QStringLiteral("--client-secret-env"), QStringLiteral("TOKENSCOPE_TEST_SECRET")});
    QVERIFY(QTest::qWaitFor([&] { return cli.state() == QProcess::NotRunning; }, 30'000));
    QCOMPARE(cli.exitCode(), 1); // the provider answered with an error
    const QJsonObject error = QJsonDocument::fromJson(cli.readAllStandardOutput())
                                  .object()
                                  .value(QLatin1String("error"))
                                  .toObject();
    QCOMPARE(error.value(QLatin1String("error")).toString(), QStringLiteral("invalid_client"));
    QVERIFY(!error.value(QLatin1String("error_description")).toString().isEmpty());
    QVERIFY2(
        error.value(QLatin1String("explanation")).toString().contains(QStringLiteral("client_id")),
        qPrintable(error.value(QLatin1String("explanation")).toString()));
    sandbox.terminate();
    QVERIFY(sandbox.waitForFinished(10'000));
}

void TestCliSandbox::cibaPingWaitsForTheNotification()
{
    QTemporaryDir keys;
    QProcess sandbox;
    QByteArray log;
    const QString issuer = start(sandbox, keys.path(), {}, &log);
    QVERIFY(!issuer.isEmpty());

    // A free port for the client's notification endpoint: bound, then released.
    quint16 port = 0;
    {
        QTcpServer probe;
        QVERIFY(probe.listen(QHostAddress::LocalHost, 0));
        port = probe.serverPort();
    }
    const QString notifyUrl = QStringLiteral("http://127.0.0.1:%1/ciba/notify").arg(port);

    // Register a ping client (RFC 7591) with that endpoint.
    QNetworkAccessManager network;
    QNetworkRequest registration(QUrl(issuer + QStringLiteral("/register")));
    registration.setHeader(QNetworkRequest::ContentTypeHeader,
                           QByteArrayLiteral("application/json"));
    QNetworkReply *reply = network.post(
        registration,
        QJsonDocument(
            QJsonObject{{QStringLiteral("grant_types"),
                         QJsonArray{QStringLiteral("urn:openid:params:grant-type:ciba")}},
                        {QStringLiteral("response_types"), QJsonArray()},
                        {QStringLiteral("backchannel_token_delivery_mode"), QStringLiteral("ping")},
                        {QStringLiteral("backchannel_client_notification_endpoint"), notifyUrl}})
            .toJson(QJsonDocument::Compact));
    QSignalSpy registered(reply, &QNetworkReply::finished);
    QVERIFY(registered.wait(10'000));
    reply->deleteLater();
    const QJsonObject client = QJsonDocument::fromJson(reply->readAll()).object();
    QVERIFY2(client.contains(QLatin1String("client_id")),
             QJsonDocument(client).toJson().constData());

    QProcess cli;
    QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
    environment.insert(QStringLiteral("TOKENSCOPE_TEST_SECRET"),
                       client.value(QLatin1String("client_secret")).toString());
    cli.setProcessEnvironment(environment);
    cli.start(QStringLiteral(TOKENSCOPE_CLI_PATH),
              {QStringLiteral("ciba"), QStringLiteral("--issuer"), issuer,
               QStringLiteral("--client-id"), client.value(QLatin1String("client_id")).toString(),
               QStringLiteral("--client-secret-env"), QStringLiteral("TOKENSCOPE_TEST_SECRET"),
               QStringLiteral("--login-hint"), QStringLiteral("alice+auto"),
               QStringLiteral("--ping"), notifyUrl, QStringLiteral("--wait"),
               QStringLiteral("30")});
    if (!QTest::qWaitFor([&] { return cli.state() == QProcess::NotRunning; }, 40'000)) {
        cli.kill();
        cli.waitForFinished();
        QFAIL(cli.readAllStandardError().constData());
    }
    const QByteArray err = cli.readAllStandardError();
    const QByteArray out = cli.readAllStandardOutput();
    QVERIFY2(cli.exitCode() == 0, err.constData());
    QVERIFY2(err.contains(QByteArray("client_notification_endpoint: " + notifyUrl.toUtf8() + '\n')),
             err.constData());
    const QJsonObject result =
        QJsonDocument::fromJson(out).object().value(QLatin1String("result")).toObject();
    QCOMPARE(result.value(QLatin1String("mode")).toString(), QStringLiteral("ping"));
    QCOMPARE(result.value(QLatin1String("notified")).toBool(), true);
    QCOMPARE(result.value(QLatin1String("polls")).toInt(), 1);
    QVERIFY(!result.value(QLatin1String("tokens"))
                 .toObject()
                 .value(QLatin1String("id_token"))
                 .toString()
                 .isEmpty());
    int tokenRequests = 0;
    for (const QJsonValue &exchange :
         QJsonDocument::fromJson(out).object().value(QLatin1String("exchanges")).toArray())
        tokenRequests += exchange.toObject()
                             .value(QLatin1String("request"))
                             .toObject()
                             .value(QLatin1String("url"))
                             .toString()
                             .endsWith(QLatin1String("/token"));
    QCOMPARE(tokenRequests, 1);

    // The sandbox's own log: the notification was answered 204, and one token request came.
    QVERIFY(QTest::qWaitFor(
        [&] {
            log += sandbox.readAllStandardError();
            return log.contains("POST /token 200") &&
                   log.contains(QByteArray("notify " + notifyUrl.toUtf8() + " 204"));
        },
        5'000));
    QCOMPARE(log.count("POST /token"), 1);
    sandbox.terminate();
    QVERIFY(sandbox.waitForFinished(10'000));
}

void TestCliSandbox::cibaPingUsage_data()
{
    QTest::addColumn<QString>("url");
    QTest::newRow("remote_host_is_usage") << QStringLiteral("http://example.com/x");
    QTest::newRow("https_is_usage") << QStringLiteral("https://127.0.0.1:0/x");
    QTest::newRow("missing_port_is_usage") << QStringLiteral("http://127.0.0.1/x");
    QTest::newRow("not_a_url_is_usage") << QStringLiteral("ciba-notify");
}

void TestCliSandbox::cibaPingUsage()
{
    QFETCH(QString, url);
    QProcess cli;
    QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
    environment.insert(QStringLiteral("TOKENSCOPE_TEST_SECRET"), QStringLiteral("sandbox-secret"));
    cli.setProcessEnvironment(environment);
    cli.start(QStringLiteral(TOKENSCOPE_CLI_PATH),
              {QStringLiteral("ciba"), QStringLiteral("--issuer"),
               QStringLiteral("http://127.0.0.1:9"), QStringLiteral("--client-id"),
               QStringLiteral("sandbox-ciba"), QStringLiteral("--client-secret-env"),
               QStringLiteral("TOKENSCOPE_TEST_SECRET"), QStringLiteral("--login-hint"),
               QStringLiteral("alice"), QStringLiteral("--ping"), url});
    QVERIFY(cli.waitForFinished(10'000));
    QCOMPARE(cli.exitCode(), 2);
    QVERIFY(cli.readAllStandardError().contains("--ping"));
}

QTEST_GUILESS_MAIN(TestCliSandbox)
#include "TestCliSandbox.moc"
