// tokenscope-cli authorize --browser print against a real OpenID provider: the printed
// URL is followed by an HTTP client that logs in, and the CLI completes code + PKCE.
#include "support/HeadlessLogin.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTcpSocket>
#include <QTemporaryDir>
#include <QTest>
#include <QUrlQuery>

class TestAuthorizeCliInterop final : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void printedUrlCompletesCodeWithPkce();
    void providerErrorExitsWithOne();
    void hybridResponseInTheFragmentCompletes();
    void systemBrowserIsHandedTheUrl();
    void noRedirectWithinWaitExitsWithFourAndClosesTheListener();

private:
    struct Run
    {
        int exitCode = -1;
        QJsonObject document;
        QByteArray stderrBytes;
    };
    Run authorize(const QStringList &extra, bool expectLogin);

    QString m_issuer;
};

void TestAuthorizeCliInterop::initTestCase()
{
    m_issuer = qEnvironmentVariable("TOKENSCOPE_INTEROP_ISSUER");
    QVERIFY2(!m_issuer.isEmpty(), "TOKENSCOPE_INTEROP_ISSUER is set by the CTest fixture");
}

TestAuthorizeCliInterop::Run TestAuthorizeCliInterop::authorize(const QStringList &extra,
                                                                bool expectLogin)
{
    QProcess cli;
    cli.start(QStringLiteral(TOKENSCOPE_CLI_PATH),
              QStringList{QStringLiteral("authorize"), QStringLiteral("--issuer"), m_issuer,
                          QStringLiteral("--client-id"), QStringLiteral("tokenscope-public"),
                          QStringLiteral("--scope"), QStringLiteral("openid profile"),
                          QStringLiteral("--browser"), QStringLiteral("print"),
                          QStringLiteral("--wait"), QStringLiteral("30")} +
                  extra);
    Run run;
    QByteArray err;
    const bool delivered = Tokenscope::Testing::HeadlessLogin::followPrinted(cli, &err);
    if (expectLogin && !delivered)
        qWarning("the printed URL was not followed to the redirect URI");
    if (!QTest::qWaitFor([&] { return cli.state() == QProcess::NotRunning; }, 30'000)) {
        cli.kill();
        cli.waitForFinished();
    }
    run.exitCode = cli.exitStatus() == QProcess::NormalExit ? cli.exitCode() : -1;
    run.document = QJsonDocument::fromJson(cli.readAllStandardOutput()).object();
    run.stderrBytes = err + cli.readAllStandardError();
    return run;
}

void TestAuthorizeCliInterop::printedUrlCompletesCodeWithPkce()
{
    const Run run = authorize({}, true);
    QVERIFY2(run.exitCode == 0, run.stderrBytes.constData());
    QVERIFY(run.document.value(QLatin1String("ok")).toBool());
    QCOMPARE(run.document.value(QLatin1String("flow")).toString(), QStringLiteral("authorize"));
    const QJsonObject result = run.document.value(QLatin1String("result")).toObject();
    const QJsonObject tokens = result.value(QLatin1String("tokens")).toObject();
    // Masked by default: present, never printed.
    QCOMPARE(tokens.value(QLatin1String("access_token")).toString(), QStringLiteral("[redacted]"));
    QCOMPARE(tokens.value(QLatin1String("id_token")).toString(), QStringLiteral("[redacted]"));
    QCOMPARE(
        result.value(QLatin1String("claims")).toObject().value(QLatin1String("sub")).toString(),
        QStringLiteral("alice"));
    QStringList passed;
    const QJsonArray validation = result.value(QLatin1String("validation")).toArray();
    for (const QJsonValue &finding : validation) {
        if (finding[QLatin1String("status")].toString() == QLatin1String("pass"))
            passed << finding[QLatin1String("rule")].toString();
    }
    for (const char *rule : {"state_matches", "iss_matches", "code_present", "signature_verified",
                             "id_token_iss", "id_token_aud", "id_token_sub", "id_token_exp",
                             "id_token_iat", "id_token_nonce", "userinfo_sub_matches"})
        QVERIFY2(passed.contains(QLatin1String(rule)), rule);
    // Discovery, token request, the provider's keys, userinfo: every exchange is there.
    const QJsonArray exchanges = run.document.value(QLatin1String("exchanges")).toArray();
    QCOMPARE(exchanges.size(), 4);
    const QString tokenBody =
        exchanges.at(1)[QLatin1String("request")][QLatin1String("body")].toString();
    QVERIFY2(tokenBody.contains(QStringLiteral("code_verifier=[redacted]")), qPrintable(tokenBody));
    QVERIFY(!run.stderrBytes.contains("tokenscope-cli:"));
}

void TestAuthorizeCliInterop::providerErrorExitsWithOne()
{
    // PKCE is required for this public client: the provider answers with an error.
    const Run run = authorize({QStringLiteral("--pkce"), QStringLiteral("none")}, false);
    QCOMPARE(run.exitCode, 1);
    const QJsonObject error = run.document.value(QLatin1String("error")).toObject();
    QCOMPARE(error.value(QLatin1String("kind")).toString(), QStringLiteral("provider"));
    QCOMPARE(error.value(QLatin1String("error")).toString(), QStringLiteral("invalid_request"));
    QVERIFY(run.stderrBytes.contains("tokenscope-cli: "));
}

void TestAuthorizeCliInterop::hybridResponseInTheFragmentCompletes()
{
    // The loopback page relays the fragment; the front-channel ID token is checked
    // (c_hash included) before the code is exchanged.
    const Run run = authorize({QStringLiteral("--client-id"), QStringLiteral("tokenscope-hybrid"),
                               QStringLiteral("--response-type"), QStringLiteral("code id_token")},
                              true);
    QVERIFY2(run.exitCode == 0, run.stderrBytes.constData());
    const QJsonObject result = run.document.value(QLatin1String("result")).toObject();
    QCOMPARE(result.value(QLatin1String("response_source")).toString(), QStringLiteral("fragment"));
    const QJsonObject front = result.value(QLatin1String("front_channel")).toObject();
    QCOMPARE(front[QLatin1String("claims")][QLatin1String("sub")].toString(),
             QStringLiteral("alice"));
    QCOMPARE(front[QLatin1String("response")][QLatin1String("id_token")].toString(),
             QStringLiteral("[redacted]"));
    QStringList frontPassed;
    const QJsonArray validation = result.value(QLatin1String("validation")).toArray();
    for (const QJsonValue &finding : validation) {
        QVERIFY2(finding[QLatin1String("status")].toString() != QLatin1String("fail"),
                 qPrintable(finding[QLatin1String("message")].toString()));
        if (finding[QLatin1String("subject")].toString().contains(QLatin1String("authorization")))
            frontPassed << finding[QLatin1String("rule")].toString();
    }
    for (const char *rule : {"signature_verified", "id_token_nonce", "id_token_c_hash"})
        QVERIFY2(frontPassed.contains(QLatin1String(rule)), rule);
    QVERIFY(frontPassed.contains(QLatin1String("id_token_c_hash")));
}

void TestAuthorizeCliInterop::systemBrowserIsHandedTheUrl()
{
    // --browser system hands the URL to the desktop (xdg-open). A stand-in xdg-open
    // first on PATH writes it down; a headless user then follows it, as a browser would.
    QTemporaryDir bin;
    QVERIFY(bin.isValid());
    const QString opened = bin.filePath(QStringLiteral("opened.txt"));
    QFile script(bin.filePath(QStringLiteral("xdg-open")));
    QVERIFY(script.open(QIODevice::WriteOnly));
    script.write("#!/bin/sh\nprintf '%s' \"$1\" > \"" + opened.toUtf8() + "\"\n");
    script.close();
    script.setPermissions(QFile::ReadOwner | QFile::WriteOwner | QFile::ExeOwner);

    QProcess cli;
    QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
    environment.insert(QStringLiteral("PATH"),
                       bin.path() + QLatin1Char(':') + environment.value(QStringLiteral("PATH")));
    cli.setProcessEnvironment(environment);
    cli.start(QStringLiteral(TOKENSCOPE_CLI_PATH),
              {QStringLiteral("authorize"), QStringLiteral("--issuer"), m_issuer,
               QStringLiteral("--client-id"), QStringLiteral("tokenscope-public"),
               QStringLiteral("--browser"), QStringLiteral("system"), QStringLiteral("--wait"),
               QStringLiteral("30")});
    QUrl url;
    QVERIFY(QTest::qWaitFor(
        [&] {
            QFile file(opened);
            if (file.open(QIODevice::ReadOnly))
                url = QUrl::fromEncoded(file.readAll().trimmed());
            return url.isValid() || cli.state() == QProcess::NotRunning;
        },
        20'000));
    QVERIFY2(url.isValid(), cli.readAllStandardError().constData());
    const QUrl redirectUri(
        QUrlQuery(url).queryItemValue(QStringLiteral("redirect_uri"), QUrl::FullyDecoded));
    Tokenscope::Testing::HeadlessLogin user;
    QVERIFY2(user.run(url, redirectUri), qPrintable(user.log().join(u'\n')));
    // waitForFinished() is false for a process that already ended: wait on its state.
    QTRY_VERIFY_WITH_TIMEOUT(cli.state() == QProcess::NotRunning, 30'000);
    QCOMPARE(cli.exitCode(), 0);
    const QJsonObject document = QJsonDocument::fromJson(cli.readAllStandardOutput()).object();
    QVERIFY(document.value(QLatin1String("ok")).toBool());
}

void TestAuthorizeCliInterop::noRedirectWithinWaitExitsWithFourAndClosesTheListener()
{
    QProcess cli;
    cli.start(QStringLiteral(TOKENSCOPE_CLI_PATH),
              {QStringLiteral("authorize"), QStringLiteral("--issuer"), m_issuer,
               QStringLiteral("--client-id"), QStringLiteral("tokenscope-public"),
               QStringLiteral("--browser"), QStringLiteral("print"), QStringLiteral("--wait"),
               QStringLiteral("2")});
    QByteArray err;
    const QUrl url = Tokenscope::Testing::HeadlessLogin::printedAuthorizationUrl(cli, &err);
    QVERIFY2(url.isValid(), err.constData());
    const QUrl redirectUri(
        QUrlQuery(url).queryItemValue(QStringLiteral("redirect_uri"), QUrl::FullyDecoded));
    const quint16 port = quint16(redirectUri.port());
    QVERIFY(port > 0);
    {
        // Nobody follows the URL; the listener is there meanwhile.
        QTcpSocket waiting;
        waiting.connectToHost(QHostAddress::LocalHost, port);
        QVERIFY(waiting.waitForConnected(1000));
    }
    QTRY_VERIFY_WITH_TIMEOUT(cli.state() == QProcess::NotRunning, 20'000);
    QCOMPARE(cli.exitStatus(), QProcess::NormalExit);
    // The contract: 4 for network, TLS, timeout.
    QCOMPARE(cli.exitCode(), 4);
    const QJsonObject document = QJsonDocument::fromJson(cli.readAllStandardOutput()).object();
    QVERIFY(!document.value(QLatin1String("ok")).toBool());
    const QJsonObject error = document.value(QLatin1String("error")).toObject();
    QCOMPARE(error.value(QLatin1String("kind")).toString(), QStringLiteral("cancelled"));
    QVERIFY2(error.value(QLatin1String("message")).toString().contains(QLatin1String("--wait")),
             qPrintable(error.value(QLatin1String("message")).toString()));
    // Discovery only: no token request was made.
    QCOMPARE(document.value(QLatin1String("exchanges")).toArray().size(), 1);
    // The listener is gone: the port refuses connections.
    QTcpSocket refused;
    refused.connectToHost(QHostAddress::LocalHost, port);
    QVERIFY(!refused.waitForConnected(2000));
}

QTEST_GUILESS_MAIN(TestAuthorizeCliInterop)
#include "TestAuthorizeCliInterop.moc"
