// --profile NAME against the real provider, with the secret in the real gnome-keyring of
// scripts/test's session: a profile saved by the CLI (confidential client, secret in the
// keychain) drives discover and a complete authorize (login over HTTP) with no secret on
// the command line or in the environment. Control runs prove the secret came from the
// keychain: without it (--no-keychain) authorize refuses, and with a wrong value stored
// there the provider rejects the client.
#include "support/HeadlessLogin.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>
#include <QUrlQuery>

class TestProfileInterop final : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void savedProfileDrivesDiscover();
    void savedProfileDrivesAuthorizeWithTheKeychainSecret();

private:
    struct Run
    {
        int exitCode = -1;
        QJsonObject document;
        QByteArray stderrBytes;
    };
    QProcessEnvironment environment(const QHash<QString, QString> &extra = {}) const;
    Run run(const QStringList &arguments, const QHash<QString, QString> &extra = {});
    Run authorize(const QStringList &extra);
    QString saveProfile(const QByteArray &secret);

    QString m_issuer;
    QTemporaryDir m_home;
};

void TestProfileInterop::initTestCase()
{
    m_issuer = qEnvironmentVariable("TOKENSCOPE_INTEROP_ISSUER");
    QVERIFY2(!m_issuer.isEmpty(), "TOKENSCOPE_INTEROP_ISSUER is set by the CTest fixture");
    if (qEnvironmentVariableIsEmpty("DBUS_SESSION_BUS_ADDRESS"))
        QFAIL("No D-Bus session bus: this test needs the unlocked gnome-keyring that "
              "scripts/test starts.");
    QVERIFY(m_home.isValid());
    for (const char *dir : {"config", "data", "cache", "runtime"})
        QVERIFY(QDir(m_home.path()).mkdir(QString::fromLatin1(dir)));
}

QProcessEnvironment TestProfileInterop::environment(const QHash<QString, QString> &extra) const
{
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(QStringLiteral("HOME"), m_home.path());
    env.insert(QStringLiteral("XDG_CONFIG_HOME"), m_home.path() + QStringLiteral("/config"));
    env.insert(QStringLiteral("XDG_DATA_HOME"), m_home.path() + QStringLiteral("/data"));
    env.insert(QStringLiteral("XDG_CACHE_HOME"), m_home.path() + QStringLiteral("/cache"));
    env.insert(QStringLiteral("XDG_RUNTIME_DIR"), m_home.path() + QStringLiteral("/runtime"));
    for (auto it = extra.cbegin(); it != extra.cend(); ++it)
        env.insert(it.key(), it.value());
    return env;
}

TestProfileInterop::Run TestProfileInterop::run(const QStringList &arguments,
                                                const QHash<QString, QString> &extra)
{
    QProcess cli;
    cli.setProcessEnvironment(environment(extra));
    cli.start(QStringLiteral(TOKENSCOPE_CLI_PATH), arguments);
    Run result;
    if (!QTest::qWaitFor([&] { return cli.state() == QProcess::NotRunning; }, 30'000)) {
        cli.kill();
        cli.waitForFinished();
    }
    result.exitCode = cli.exitStatus() == QProcess::NormalExit ? cli.exitCode() : -1;
    result.document = QJsonDocument::fromJson(cli.readAllStandardOutput()).object();
    result.stderrBytes = cli.readAllStandardError();
    return result;
}

QString TestProfileInterop::saveProfile(const QByteArray &secret)
{
    const Run saved =
        run({QStringLiteral("profile"), QStringLiteral("save"), QStringLiteral("interop"),
             QStringLiteral("--issuer"), m_issuer, QStringLiteral("--client-id"),
             QStringLiteral("tokenscope-confidential"), QStringLiteral("--client-secret-env"),
             QStringLiteral("SECRET"), QStringLiteral("--auth-method"),
             QStringLiteral("client_secret_basic"), QStringLiteral("--scope"),
             QStringLiteral("openid profile"), QStringLiteral("--redirect-uri"),
             QStringLiteral("http://127.0.0.1:29432/callback")},
            {{QStringLiteral("SECRET"), QString::fromLatin1(secret)}});
    if (saved.exitCode != 0)
        qWarning("profile save: %s", saved.stderrBytes.constData());
    return saved.document[QLatin1String("result")][QLatin1String("profile")][QLatin1String("id")]
        .toString();
}

TestProfileInterop::Run TestProfileInterop::authorize(const QStringList &extra)
{
    QProcess cli;
    cli.setProcessEnvironment(environment()); // no secret anywhere in it
    cli.start(QStringLiteral(TOKENSCOPE_CLI_PATH),
              QStringList{QStringLiteral("authorize"), QStringLiteral("--profile"),
                          QStringLiteral("interop"), QStringLiteral("--browser"),
                          QStringLiteral("print"), QStringLiteral("--wait"), QStringLiteral("30")} +
                  extra);
    QByteArray err;
    Tokenscope::Testing::HeadlessLogin::followPrinted(cli, &err);
    if (!QTest::qWaitFor([&] { return cli.state() == QProcess::NotRunning; }, 30'000)) {
        cli.kill();
        cli.waitForFinished();
    }
    Run run;
    run.exitCode = cli.exitStatus() == QProcess::NormalExit ? cli.exitCode() : -1;
    run.document = QJsonDocument::fromJson(cli.readAllStandardOutput()).object();
    run.stderrBytes = err + cli.readAllStandardError();
    return run;
}

void TestProfileInterop::savedProfileDrivesDiscover()
{
    QVERIFY(!saveProfile("tokenscope-secret").isEmpty());
    const Run r =
        run({QStringLiteral("discover"), QStringLiteral("--profile"), QStringLiteral("interop")});
    QVERIFY2(r.exitCode == 0, r.stderrBytes.constData());
    QCOMPARE(r.document[QLatin1String("result")][QLatin1String("issuer")].toString(), m_issuer);
    QCOMPARE(r.document[QLatin1String("profile")][QLatin1String("name")].toString(),
             QStringLiteral("interop"));
}

void TestProfileInterop::savedProfileDrivesAuthorizeWithTheKeychainSecret()
{
    const QString id = saveProfile("tokenscope-secret");
    QVERIFY(!id.isEmpty());
    // The secret is in the keyring (QtKeychain keeps binary values base64-encoded there).
    QProcess tool;
    tool.start(QStringLiteral("secret-tool"),
               {QStringLiteral("lookup"), QStringLiteral("server"), QStringLiteral("Tokenscope"),
                QStringLiteral("user"), id + QStringLiteral("/client_secret")});
    QVERIFY(tool.waitForFinished(20'000));
    QCOMPARE(QByteArray::fromBase64(tool.readAllStandardOutput().trimmed()),
             QByteArray("tokenscope-secret"));

    Run r = authorize({});
    QVERIFY2(r.exitCode == 0, r.stderrBytes.constData());
    QCOMPARE(r.document[QLatin1String("profile")][QLatin1String("secrets_used")].toArray(),
             QJsonArray{QStringLiteral("client_secret")});
    const QJsonObject result = r.document.value(QLatin1String("result")).toObject();
    QCOMPARE(result[QLatin1String("tokens")][QLatin1String("access_token")].toString(),
             QStringLiteral("[redacted]"));
    const QJsonArray exchanges = r.document.value(QLatin1String("exchanges")).toArray();
    bool basic = false;
    for (const QJsonValue &exchange : exchanges) {
        const QJsonArray headers =
            exchange[QLatin1String("request")][QLatin1String("headers")].toArray();
        for (const QJsonValue &header : headers) {
            if (header[0].toString().compare(QLatin1String("authorization"), Qt::CaseInsensitive) ==
                    0 &&
                header[1].toString().startsWith(QLatin1String("Basic ")))
                basic = true;
        }
    }
    QVERIFY2(basic, "the token request authenticated the client with HTTP Basic");

    // Controls. Without the keychain the profile's secret is not there: refused up front.
    r = run({QStringLiteral("authorize"), QStringLiteral("--profile"), QStringLiteral("interop"),
             QStringLiteral("--no-keychain")});
    QCOMPARE(r.exitCode, 2);
    // With a wrong value in the keychain, the provider rejects the client.
    QCOMPARE(saveProfile("not-the-secret"), id);
    r = authorize({});
    QCOMPARE(r.exitCode, 1);
    QCOMPARE(r.document[QLatin1String("error")][QLatin1String("error")].toString(),
             QStringLiteral("invalid_client"));
}

QTEST_GUILESS_MAIN(TestProfileInterop)
#include "TestProfileInterop.moc"
