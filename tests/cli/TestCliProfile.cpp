// tokenscope-cli profile … and --profile NAME, as scripts use them: the real executable in
// a temporary HOME, with no secret service on the session bus (the keychain parts against a
// real gnome-keyring are in TestCliProfileKeychain). A save whose secret the keychain can't
// take still saves the profile, names the secret and exits 5 with no byte of it on disk;
// exports leave secrets out; imports preview first; --profile fills discover and authorize
// and explicit options win.
#include "support/LoopbackServer.h"

#include <QDirIterator>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QRandomGenerator>
#include <QTemporaryDir>
#include <QTest>
#include <QUrlQuery>

using Tokenscope::Testing::LoopbackServer;
using Tokenscope::Testing::ReceivedRequest;

namespace {

struct Run
{
    int exitCode = -1;
    QJsonObject document;
    QByteArray stdoutBytes;
    QByteArray stderrBytes;

    QJsonObject result() const { return document.value(QLatin1String("result")).toObject(); }
    QJsonObject error() const { return document.value(QLatin1String("error")).toObject(); }
};

QByteArray metadataFor(const QByteArray &issuer)
{
    return R"({"issuer":")" + issuer + R"(","authorization_endpoint":")" + issuer +
           R"(/authorize","token_endpoint":")" + issuer + R"(/token","jwks_uri":")" + issuer +
           R"(/jwks","response_types_supported":["code"],"subject_types_supported":["public"],)"
           R"("id_token_signing_alg_values_supported":["RS256"],)"
           R"("code_challenge_methods_supported":["S256"]})";
}

QByteArray canary(const char *what)
{
    return QByteArray(what) + '-' +
           QByteArray::number(QRandomGenerator::global()->generate64(), 36) + "-x";
}

} // namespace

class TestCliProfile final : public QObject
{
    Q_OBJECT

private slots:
    void init();

    void unavailableKeychainSavesWithoutTheSecretAndExitsFive();
    void saveCreatesThenUpdatesOnlyWhatIsGiven();
    void noKeychainSaysSoAndRecordsNoSecret();
    void deleteRemovesTheProfile();
    void usageErrors_data();
    void usageErrors();
    void exportLeavesSecretsOutByDefault();
    void importPreviewsThenApplies();
    void importRejectsWrongPassphraseAndTampering();
    void profileFillsDiscover();
    void profileFillsAuthorizeAndExplicitOptionsWin();
    void profileIsRefusedWhereNoProviderIsTalkedTo();
    void unreadableProfileKeyExitsFive();
    void profileFileThatCannotBeWrittenIsALocalError();

private:
    Run run(const QStringList &arguments, const QHash<QString, QString> &environment = {});
    // authorize: returns the printed authorization URL (the process is then stopped).
    QUrl authorizationUrl(const QStringList &arguments, QByteArray *stderrBytes);
    QProcessEnvironment environment(const QHash<QString, QString> &extra) const;
    QStringList filesContaining(const QByteArray &needle) const;
    QString profilesDirectory() const;

    std::unique_ptr<QTemporaryDir> m_home;
};

void TestCliProfile::init()
{
    m_home = std::make_unique<QTemporaryDir>();
    QVERIFY(m_home->isValid());
    for (const char *dir : {"config", "data", "cache", "runtime", "exports"})
        QVERIFY(QDir(m_home->path()).mkdir(QString::fromLatin1(dir)));
}

QProcessEnvironment TestCliProfile::environment(const QHash<QString, QString> &extra) const
{
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    const QString home = m_home->path();
    env.insert(QStringLiteral("HOME"), home);
    env.insert(QStringLiteral("XDG_CONFIG_HOME"), home + QStringLiteral("/config"));
    env.insert(QStringLiteral("XDG_DATA_HOME"), home + QStringLiteral("/data"));
    env.insert(QStringLiteral("XDG_CACHE_HOME"), home + QStringLiteral("/cache"));
    env.insert(QStringLiteral("XDG_RUNTIME_DIR"), home + QStringLiteral("/runtime"));
    // No secret service: the keychain is unavailable, and says so quickly.
    env.insert(QStringLiteral("DBUS_SESSION_BUS_ADDRESS"),
               QStringLiteral("unix:path=/nonexistent"));
    for (auto it = extra.cbegin(); it != extra.cend(); ++it)
        env.insert(it.key(), it.value());
    return env;
}

QString TestCliProfile::profilesDirectory() const
{
    return m_home->path() + QStringLiteral("/config/Tokenscope/Tokenscope/profiles");
}

Run TestCliProfile::run(const QStringList &arguments, const QHash<QString, QString> &extra)
{
    QProcess process;
    process.setProcessEnvironment(environment(extra));
    process.start(QStringLiteral(TOKENSCOPE_CLI_PATH),
                  arguments + QStringList{QStringLiteral("--compact")});
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

QUrl TestCliProfile::authorizationUrl(const QStringList &arguments, QByteArray *stderrBytes)
{
    QProcess process;
    process.setProcessEnvironment(environment({}));
    process.start(QStringLiteral(TOKENSCOPE_CLI_PATH),
                  QStringList{QStringLiteral("authorize")} + arguments +
                      QStringList{QStringLiteral("--browser"), QStringLiteral("print")});
    QUrl url;
    const bool printed = QTest::qWaitFor(
        [&] {
            *stderrBytes += process.readAllStandardError();
            const qsizetype at = stderrBytes->indexOf("authorization_url: ");
            const qsizetype end = stderrBytes->indexOf('\n', at);
            if (at >= 0 && end > at)
                url = QUrl::fromEncoded(stderrBytes->mid(at + 19, end - at - 19).trimmed());
            return url.isValid() || process.state() == QProcess::NotRunning;
        },
        20'000);
    if (!printed)
        qWarning("authorize printed no authorization_url");
    process.kill();
    process.waitForFinished();
    *stderrBytes += process.readAllStandardError();
    return url;
}

QStringList TestCliProfile::filesContaining(const QByteArray &needle) const
{
    QStringList hits;
    const QList<QByteArray> forms = {
        needle, needle.toBase64(),
        needle.toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals),
        needle.toPercentEncoding()};
    QDirIterator it(m_home->path(), QDir::Files | QDir::Hidden | QDir::System,
                    QDirIterator::Subdirectories);
    while (it.hasNext()) {
        const QString path = it.next();
        QFile file(path);
        if (!file.open(QIODevice::ReadOnly))
            continue;
        const QByteArray bytes = file.readAll();
        for (const QByteArray &form : forms) {
            if (bytes.contains(form))
                hits.append(path);
        }
    }
    return hits;
}

void TestCliProfile::unavailableKeychainSavesWithoutTheSecretAndExitsFive()
{
    const QByteArray secret = canary("client-secret");
    const Run r = run({QStringLiteral("profile"), QStringLiteral("save"), QStringLiteral("prod"),
                       QStringLiteral("--issuer"), QStringLiteral("https://issuer.example"),
                       QStringLiteral("--client-id"), QStringLiteral("web"),
                       QStringLiteral("--client-secret-env"), QStringLiteral("PROD_SECRET")},
                      {{QStringLiteral("PROD_SECRET"), QString::fromLatin1(secret)}});
    QCOMPARE(r.exitCode, 5);
    QCOMPARE(r.error().value(QLatin1String("kind")).toString(), QStringLiteral("keychain"));
    const QString message = r.error().value(QLatin1String("message")).toString();
    QVERIFY2(message.contains(QLatin1String("client_secret")) &&
                 message.contains(QStringLiteral("“prod” was saved")),
             qPrintable(message));
    const QJsonObject notStored =
        r.error().value(QLatin1String("not_stored")).toArray().at(0).toObject();
    QCOMPARE(notStored.value(QLatin1String("kind")).toString(), QStringLiteral("client_secret"));
    QCOMPARE(notStored.value(QLatin1String("reason")).toString(), QStringLiteral("unavailable"));
    QVERIFY(r.stderrBytes.startsWith("tokenscope-cli: profile “prod” was saved without"));

    // Saved, without a reference to the secret that is not stored…
    const Run listed = run({QStringLiteral("profile"), QStringLiteral("list")});
    QCOMPARE(listed.exitCode, 0);
    const QJsonArray profiles = listed.result().value(QLatin1String("profiles")).toArray();
    QCOMPARE(profiles.size(), 1);
    QCOMPARE(profiles.at(0)[QLatin1String("name")].toString(), QStringLiteral("prod"));
    QCOMPARE(profiles.at(0)[QLatin1String("client_id")].toString(), QStringLiteral("web"));
    QVERIFY(profiles.at(0)[QLatin1String("secrets")].toArray().isEmpty());
    QCOMPARE(QDir(profilesDirectory()).entryList({QStringLiteral("*.json")}).size(), 1);
    // …and not one byte of it anywhere under HOME, in any encoding.
    QCOMPARE(filesContaining(secret), QStringList());
    QVERIFY(!r.stdoutBytes.contains(secret));
}

void TestCliProfile::saveCreatesThenUpdatesOnlyWhatIsGiven()
{
    Run r = run({QStringLiteral("profile"), QStringLiteral("save"), QStringLiteral("dev"),
                 QStringLiteral("--issuer"), QStringLiteral("https://dev.example"),
                 QStringLiteral("--client-id"), QStringLiteral("one"), QStringLiteral("--scope"),
                 QStringLiteral("openid email"), QStringLiteral("--redirect-uri"),
                 QStringLiteral("http://127.0.0.1:0/cb"), QStringLiteral("--pkce"),
                 QStringLiteral("S256"), QStringLiteral("--token-endpoint"),
                 QStringLiteral("https://dev.example/oauth/token")});
    QVERIFY2(r.exitCode == 0, r.stderrBytes.constData());
    QCOMPARE(r.result().value(QLatin1String("action")).toString(), QStringLiteral("created"));
    const QString id = r.result()[QLatin1String("profile")][QLatin1String("id")].toString();

    r = run({QStringLiteral("profile"), QStringLiteral("save"), QStringLiteral("dev"),
             QStringLiteral("--client-id"), QStringLiteral("two")});
    QCOMPARE(r.exitCode, 0);
    QCOMPARE(r.result().value(QLatin1String("action")).toString(), QStringLiteral("updated"));

    r = run({QStringLiteral("profile"), QStringLiteral("show"), QStringLiteral("dev")});
    QCOMPARE(r.exitCode, 0);
    const QJsonObject profile = r.result().value(QLatin1String("profile")).toObject();
    QCOMPARE(profile[QLatin1String("id")].toString(), id);
    QCOMPARE(profile[QLatin1String("client")][QLatin1String("client_id")].toString(),
             QStringLiteral("two"));
    QCOMPARE(profile[QLatin1String("client")][QLatin1String("scopes")].toArray(),
             QJsonArray({QStringLiteral("openid"), QStringLiteral("email")}));
    QCOMPARE(profile[QLatin1String("client")][QLatin1String("pkce")].toString(),
             QStringLiteral("S256"));
    QCOMPARE(profile[QLatin1String("provider")][QLatin1String("issuer")].toString(),
             QStringLiteral("https://dev.example"));
    QCOMPARE(profile[QLatin1String("provider")][QLatin1String("endpoints")]
                    [QLatin1String("token_endpoint")]
                        .toString(),
             QStringLiteral("https://dev.example/oauth/token"));
    QVERIFY(!r.result().contains(QLatin1String("secret_values")));

    // Renaming keeps the id (and so the keychain entries, which follow the id).
    r = run({QStringLiteral("profile"), QStringLiteral("save"), QStringLiteral("dev"),
             QStringLiteral("--rename"), QStringLiteral("staging")});
    QCOMPARE(r.exitCode, 0);
    r = run({QStringLiteral("profile"), QStringLiteral("show"), QStringLiteral("staging")});
    QCOMPARE(r.exitCode, 0);
    QCOMPARE(r.result()[QLatin1String("profile")][QLatin1String("id")].toString(), id);
    QCOMPARE(
        run({QStringLiteral("profile"), QStringLiteral("show"), QStringLiteral("dev")}).exitCode,
        2);
}

void TestCliProfile::noKeychainSaysSoAndRecordsNoSecret()
{
    const QByteArray secret = canary("no-keychain");
    const Run r = run({QStringLiteral("profile"), QStringLiteral("save"), QStringLiteral("mem"),
                       QStringLiteral("--client-id"), QStringLiteral("c"),
                       QStringLiteral("--client-secret-env"), QStringLiteral("S"),
                       QStringLiteral("--no-keychain")},
                      {{QStringLiteral("S"), QString::fromLatin1(secret)}});
    QVERIFY2(r.exitCode == 0, r.stderrBytes.constData());
    QCOMPARE(r.result().value(QLatin1String("secret_store")).toString(), QStringLiteral("memory"));
    const QJsonObject entry = r.result().value(QLatin1String("secrets")).toArray().at(0).toObject();
    QCOMPARE(entry.value(QLatin1String("kind")).toString(), QStringLiteral("client_secret"));
    QCOMPARE(entry.value(QLatin1String("stored")).toBool(), false);
    QCOMPARE(entry.value(QLatin1String("reason")).toString(), QStringLiteral("no_keychain"));
    QVERIFY(r.result()[QLatin1String("profile")][QLatin1String("secrets")].toArray().isEmpty());
    QCOMPARE(filesContaining(secret), QStringList());
}

void TestCliProfile::deleteRemovesTheProfile()
{
    QCOMPARE(run({QStringLiteral("profile"), QStringLiteral("save"), QStringLiteral("a")}).exitCode,
             0);
    QCOMPARE(run({QStringLiteral("profile"), QStringLiteral("save"), QStringLiteral("b")}).exitCode,
             0);
    // With the memory store the keychain part trivially succeeds.
    Run r = run({QStringLiteral("profile"), QStringLiteral("delete"), QStringLiteral("a"),
                 QStringLiteral("--no-keychain")});
    QVERIFY2(r.exitCode == 0, r.stderrBytes.constData());
    QCOMPARE(r.result()[QLatin1String("deleted")][QLatin1String("name")].toString(),
             QStringLiteral("a"));
    // Without a secret service the file goes, but the keychain entries can't be checked:
    // exit 5, naming them.
    r = run({QStringLiteral("profile"), QStringLiteral("delete"), QStringLiteral("b")});
    QCOMPARE(r.exitCode, 5);
    QCOMPARE(r.error().value(QLatin1String("kind")).toString(), QStringLiteral("keychain"));
    QVERIFY(!r.error().value(QLatin1String("not_deleted")).toArray().isEmpty());
    r = run({QStringLiteral("profile"), QStringLiteral("list")});
    QCOMPARE(r.result().value(QLatin1String("profiles")).toArray().size(), 0);
    r = run({QStringLiteral("profile"), QStringLiteral("delete"), QStringLiteral("a")});
    QCOMPARE(r.exitCode, 2);
    QCOMPARE(r.error().value(QLatin1String("kind")).toString(),
             QStringLiteral("profile_not_found"));
}

void TestCliProfile::usageErrors_data()
{
    QTest::addColumn<QStringList>("arguments");
    QTest::newRow("no_subcommand") << QStringList{QStringLiteral("profile")};
    QTest::newRow("unknown_subcommand")
        << QStringList{QStringLiteral("profile"), QStringLiteral("frobnicate")};
    QTest::newRow("show_needs_a_name")
        << QStringList{QStringLiteral("profile"), QStringLiteral("show")};
    QTest::newRow("save_refuses_a_blank_name")
        << QStringList{QStringLiteral("profile"), QStringLiteral("save"), QStringLiteral(" ")};
    QTest::newRow("secret_variable_must_be_set")
        << QStringList{QStringLiteral("profile"), QStringLiteral("save"), QStringLiteral("x"),
                       QStringLiteral("--client-secret-env"), QStringLiteral("UNSET_VARIABLE_42")};
    QTest::newRow("refresh_token_needs_the_profile_to_keep_them")
        << QStringList{QStringLiteral("profile"), QStringLiteral("save"), QStringLiteral("x"),
                       QStringLiteral("--refresh-token-env"), QStringLiteral("HOME")};
    QTest::newRow("bad_auth_method")
        << QStringList{QStringLiteral("profile"), QStringLiteral("save"), QStringLiteral("x"),
                       QStringLiteral("--auth-method"), QStringLiteral("magic")};
    QTest::newRow("client_certificate_needs_its_key")
        << QStringList{QStringLiteral("profile"), QStringLiteral("save"), QStringLiteral("x"),
                       QStringLiteral("--client-cert-file"), QStringLiteral("/etc/hostname")};
    QTest::newRow("unreadable_dpop_key_file")
        << QStringList{QStringLiteral("profile"), QStringLiteral("save"), QStringLiteral("x"),
                       QStringLiteral("--dpop-key-file"), QStringLiteral("/nonexistent/dpop.pem")};
    QTest::newRow("token_parameter_needs_name_and_value")
        << QStringList{QStringLiteral("profile"), QStringLiteral("save"), QStringLiteral("x"),
                       QStringLiteral("--token-param"), QStringLiteral("audience")};
    QTest::newRow("export_needs_output")
        << QStringList{QStringLiteral("profile"), QStringLiteral("export")};
    QTest::newRow("include_secrets_needs_a_passphrase") << QStringList{
        QStringLiteral("profile"), QStringLiteral("export"), QStringLiteral("--output"),
        QStringLiteral("x.json"), QStringLiteral("--include-secrets")};
    QTest::newRow("import_needs_a_file")
        << QStringList{QStringLiteral("profile"), QStringLiteral("import")};
}

void TestCliProfile::usageErrors()
{
    QFETCH(QStringList, arguments);
    const Run r = run(arguments);
    QCOMPARE(r.exitCode, 2);
    QCOMPARE(r.error().value(QLatin1String("kind")).toString(), QStringLiteral("usage"));
    QVERIFY(!r.error().value(QLatin1String("message")).toString().isEmpty());
    QVERIFY(!QFileInfo::exists(profilesDirectory())); // nothing was written
}

void TestCliProfile::exportLeavesSecretsOutByDefault()
{
    QCOMPARE(run({QStringLiteral("profile"), QStringLiteral("save"), QStringLiteral("one"),
                  QStringLiteral("--client-id"), QStringLiteral("c1")})
                 .exitCode,
             0);
    QCOMPARE(
        run({QStringLiteral("profile"), QStringLiteral("save"), QStringLiteral("two")}).exitCode,
        0);
    const QString file = m_home->path() + QStringLiteral("/exports/one.json");
    const Run r = run({QStringLiteral("profile"), QStringLiteral("export"), QStringLiteral("one"),
                       QStringLiteral("--output"), file});
    QVERIFY2(r.exitCode == 0, r.stderrBytes.constData());
    QCOMPARE(r.result().value(QLatin1String("profiles")).toArray(),
             QJsonArray{QStringLiteral("one")});
    QCOMPARE(r.result().value(QLatin1String("secrets_included")).toBool(), false);
    QFile exported(file);
    QVERIFY(exported.open(QIODevice::ReadOnly));
    QCOMPARE(exported.permissions() & (QFileDevice::ReadOther | QFileDevice::ReadGroup),
             QFileDevice::Permissions());
    const QJsonObject document = QJsonDocument::fromJson(exported.readAll()).object();
    QCOMPARE(document.value(QLatin1String("format")).toString(),
             QStringLiteral("tokenscope-profile-export"));
    QVERIFY(document.value(QLatin1String("encrypted_secrets")).isNull());
    QCOMPARE(document.value(QLatin1String("profiles")).toArray().size(), 1);

    // No NAME: every profile.
    const Run all =
        run({QStringLiteral("profile"), QStringLiteral("export"), QStringLiteral("--output"),
             m_home->path() + QStringLiteral("/exports/all.json")});
    QCOMPARE(all.exitCode, 0);
    QCOMPARE(all.result().value(QLatin1String("profiles")).toArray().size(), 2);
}

void TestCliProfile::importPreviewsThenApplies()
{
    QCOMPARE(run({QStringLiteral("profile"), QStringLiteral("save"), QStringLiteral("prod"),
                  QStringLiteral("--client-id"), QStringLiteral("exported")})
                 .exitCode,
             0);
    const QString file = m_home->path() + QStringLiteral("/exports/prod.json");
    QCOMPARE(
        run({QStringLiteral("profile"), QStringLiteral("export"), QStringLiteral("--output"), file})
            .exitCode,
        0);
    QCOMPARE(run({QStringLiteral("profile"), QStringLiteral("save"), QStringLiteral("prod"),
                  QStringLiteral("--client-id"), QStringLiteral("changed-since")})
                 .exitCode,
             0);

    auto actionOf = [](const Run &r) {
        return r.result()
            .value(QLatin1String("plan"))
            .toArray()
            .at(0)[QLatin1String("action")]
            .toString();
    };
    auto clientId = [this] {
        const Run shown =
            run({QStringLiteral("profile"), QStringLiteral("show"), QStringLiteral("prod")});
        return shown
            .result()[QLatin1String("profile")][QLatin1String("client")][QLatin1String("client_id")]
            .toString();
    };
    Run r = run(
        {QStringLiteral("profile"), QStringLiteral("import"), file, QStringLiteral("--dry-run")});
    QCOMPARE(r.exitCode, 0);
    QCOMPARE(actionOf(r), QStringLiteral("skip"));
    r = run({QStringLiteral("profile"), QStringLiteral("import"), file, QStringLiteral("--dry-run"),
             QStringLiteral("--overwrite")});
    QCOMPARE(r.exitCode, 0);
    QCOMPARE(actionOf(r), QStringLiteral("overwrite"));
    QCOMPARE(clientId(), QStringLiteral("changed-since")); // a dry run changes nothing
    // Without --overwrite, an existing profile is skipped, not replaced.
    r = run({QStringLiteral("profile"), QStringLiteral("import"), file});
    QCOMPARE(r.exitCode, 0);
    QVERIFY(r.result().value(QLatin1String("applied")).toArray().isEmpty());
    QCOMPARE(clientId(), QStringLiteral("changed-since"));
    r = run({QStringLiteral("profile"), QStringLiteral("import"), file,
             QStringLiteral("--overwrite"), QStringLiteral("--no-keychain")});
    QVERIFY2(r.exitCode == 0, r.stderrBytes.constData());
    QCOMPARE(
        r.result().value(QLatin1String("applied")).toArray().at(0)[QLatin1String("saved")].toBool(),
        true);
    QCOMPARE(clientId(), QStringLiteral("exported"));

    QCOMPARE(run({QStringLiteral("profile"), QStringLiteral("delete"), QStringLiteral("prod"),
                  QStringLiteral("--no-keychain")})
                 .exitCode,
             0);
    r = run({QStringLiteral("profile"), QStringLiteral("import"), file,
             QStringLiteral("--no-keychain")});
    QCOMPARE(r.exitCode, 0);
    QCOMPARE(actionOf(r), QStringLiteral("create"));
    QCOMPARE(clientId(), QStringLiteral("exported"));
}

void TestCliProfile::importRejectsWrongPassphraseAndTampering()
{
    QCOMPARE(run({QStringLiteral("profile"), QStringLiteral("save"), QStringLiteral("enc"),
                  QStringLiteral("--issuer"), QStringLiteral("https://good.example")})
                 .exitCode,
             0);
    const QString file = m_home->path() + QStringLiteral("/exports/enc.json");
    const QHash<QString, QString> good{{QStringLiteral("PASS"), QStringLiteral("correct horse")}};
    Run r = run({QStringLiteral("profile"), QStringLiteral("export"), QStringLiteral("--output"),
                 file, QStringLiteral("--include-secrets"), QStringLiteral("--passphrase-env"),
                 QStringLiteral("PASS")},
                good);
    QVERIFY2(r.exitCode == 0, r.stderrBytes.constData());
    QCOMPARE(r.result()[QLatin1String("encryption")][QLatin1String("n")].toInt(), 32768);

    const QStringList import{QStringLiteral("profile"), QStringLiteral("import"), file,
                             QStringLiteral("--overwrite"), QStringLiteral("--no-keychain")};
    r = run(import + QStringList{QStringLiteral("--passphrase-env"), QStringLiteral("PASS")},
            {{QStringLiteral("PASS"), QStringLiteral("wrong horse")}});
    QCOMPARE(r.exitCode, 3);
    QCOMPARE(r.error().value(QLatin1String("kind")).toString(), QStringLiteral("wrong_passphrase"));
    r = run(import);
    QCOMPARE(r.exitCode, 2);
    QCOMPARE(r.error().value(QLatin1String("kind")).toString(),
             QStringLiteral("passphrase_required"));
    r = run(import + QStringList{QStringLiteral("--dry-run")});
    QCOMPARE(r.exitCode, 0); // a preview needs no passphrase
    QCOMPARE(r.result().value(QLatin1String("encrypted_secrets")).toBool(), true);

    // The profiles are authenticated with the secrets: a changed issuer is caught.
    QFile exported(file);
    QVERIFY(exported.open(QIODevice::ReadOnly));
    QByteArray bytes = exported.readAll();
    exported.close();
    QVERIFY(bytes.contains("https://good.example"));
    bytes.replace("https://good.example", "https://evil.example");
    QVERIFY(exported.open(QIODevice::WriteOnly | QIODevice::Truncate));
    exported.write(bytes);
    exported.close();
    r = run(import + QStringList{QStringLiteral("--passphrase-env"), QStringLiteral("PASS")}, good);
    QCOMPARE(r.exitCode, 3);
    QCOMPARE(r.error().value(QLatin1String("kind")).toString(), QStringLiteral("tampered"));
    const Run shown =
        run({QStringLiteral("profile"), QStringLiteral("show"), QStringLiteral("enc")});
    QCOMPARE(
        shown.result()[QLatin1String("profile")][QLatin1String("provider")][QLatin1String("issuer")]
            .toString(),
        QStringLiteral("https://good.example"));
}

void TestCliProfile::profileFillsDiscover()
{
    LoopbackServer server([](const ReceivedRequest &, QTcpSocket *) {});
    const QByteArray base = "http://127.0.0.1:" + QByteArray::number(server.serverPort());
    server.setHandler([base](const ReceivedRequest &, QTcpSocket *socket) {
        LoopbackServer::respondJson(socket, 200, metadataFor(base));
    });
    QCOMPARE(run({QStringLiteral("profile"), QStringLiteral("save"), QStringLiteral("local"),
                  QStringLiteral("--issuer"), QString::fromLatin1(base)})
                 .exitCode,
             0);
    Run r = run({QStringLiteral("discover"), QStringLiteral("--profile"), QStringLiteral("local")});
    QVERIFY2(r.exitCode == 0, r.stderrBytes.constData());
    QCOMPARE(r.result().value(QLatin1String("issuer")).toString(), QString::fromLatin1(base));
    const QJsonObject profile = r.document.value(QLatin1String("profile")).toObject();
    QCOMPARE(profile.value(QLatin1String("name")).toString(), QStringLiteral("local"));
    QCOMPARE(profile.value(QLatin1String("secret_store")).toString(), QStringLiteral("keychain"));

    // An explicit ISSUER wins over the profile's.
    r = run({QStringLiteral("discover"), QStringLiteral("--profile"), QStringLiteral("local"),
             QStringLiteral("http://127.0.0.1:1")});
    QCOMPARE(r.exitCode, 4);

    r = run({QStringLiteral("discover"), QStringLiteral("--profile"), QStringLiteral("missing")});
    QCOMPARE(r.exitCode, 2);
    QVERIFY(
        r.error().value(QLatin1String("message")).toString().contains(QLatin1String("missing")));
}

void TestCliProfile::profileFillsAuthorizeAndExplicitOptionsWin()
{
    LoopbackServer server([](const ReceivedRequest &, QTcpSocket *) {});
    const QByteArray base = "http://127.0.0.1:" + QByteArray::number(server.serverPort());
    server.setHandler([base](const ReceivedRequest &, QTcpSocket *socket) {
        LoopbackServer::respondJson(socket, 200, metadataFor(base));
    });
    QCOMPARE(
        run({QStringLiteral("profile"), QStringLiteral("save"), QStringLiteral("app"),
             QStringLiteral("--issuer"), QString::fromLatin1(base), QStringLiteral("--client-id"),
             QStringLiteral("from-profile"), QStringLiteral("--scope"),
             QStringLiteral("openid email"), QStringLiteral("--redirect-uri"),
             QStringLiteral("http://127.0.0.1:0/from-profile"), QStringLiteral("--param"),
             QStringLiteral("ui_locales=de")})
            .exitCode,
        0);
    QByteArray err;
    QUrl url = authorizationUrl({QStringLiteral("--profile"), QStringLiteral("app")}, &err);
    QVERIFY2(url.isValid(), err.constData());
    QUrlQuery query(url);
    QCOMPARE(url.path(), QStringLiteral("/authorize"));
    QCOMPARE(query.queryItemValue(QStringLiteral("client_id")), QStringLiteral("from-profile"));
    QCOMPARE(query.queryItemValue(QStringLiteral("scope"), QUrl::FullyDecoded),
             QStringLiteral("openid email"));
    QCOMPARE(query.queryItemValue(QStringLiteral("ui_locales")), QStringLiteral("de"));
    QVERIFY(query.queryItemValue(QStringLiteral("redirect_uri"), QUrl::FullyDecoded)
                .endsWith(QLatin1String("/from-profile")));

    err.clear();
    url = authorizationUrl({QStringLiteral("--profile"), QStringLiteral("app"),
                            QStringLiteral("--client-id"), QStringLiteral("explicit"),
                            QStringLiteral("--scope"), QStringLiteral("openid")},
                           &err);
    QVERIFY2(url.isValid(), err.constData());
    query = QUrlQuery(url);
    QCOMPARE(query.queryItemValue(QStringLiteral("client_id")), QStringLiteral("explicit"));
    QCOMPARE(query.queryItemValue(QStringLiteral("scope")), QStringLiteral("openid"));

    // The profile's auth method applies too: it needs a secret, which --no-keychain leaves
    // out, so authorize refuses before any request.
    QCOMPARE(run({QStringLiteral("profile"), QStringLiteral("save"), QStringLiteral("app"),
                  QStringLiteral("--auth-method"), QStringLiteral("client_secret_basic")})
                 .exitCode,
             0);
    const Run r = run({QStringLiteral("authorize"), QStringLiteral("--profile"),
                       QStringLiteral("app"), QStringLiteral("--no-keychain")});
    QCOMPARE(r.exitCode, 2);
    QVERIFY2(r.error()
                 .value(QLatin1String("message"))
                 .toString()
                 .contains(QLatin1String("client_secret_basic")),
             r.stdoutBytes.constData());
}

void TestCliProfile::profileIsRefusedWhereNoProviderIsTalkedTo()
{
    const Run r = run({QStringLiteral("decode"), QStringLiteral("a.b.c"),
                       QStringLiteral("--profile"), QStringLiteral("x")});
    QCOMPARE(r.exitCode, 2);
    QVERIFY(
        r.error().value(QLatin1String("message")).toString().contains(QLatin1String("profile")));
}

void TestCliProfile::unreadableProfileKeyExitsFive()
{
    // A private_key_jwt profile whose key is in the keychain, and no secret service: the
    // token command can't read the key and stops before any request, with exit 5.
    QCOMPARE(run({QStringLiteral("profile"), QStringLiteral("save"), QStringLiteral("signer"),
                  QStringLiteral("--token-endpoint"), QStringLiteral("http://127.0.0.1:1/token"),
                  QStringLiteral("--client-id"), QStringLiteral("signer"),
                  QStringLiteral("--auth-method"), QStringLiteral("private_key_jwt")})
                 .exitCode,
             0);
    const QStringList files = QDir(profilesDirectory()).entryList({QStringLiteral("*.json")});
    QCOMPARE(files.size(), 1);
    QFile file(profilesDirectory() + u'/' + files.constFirst());
    QVERIFY(file.open(QIODevice::ReadOnly));
    QJsonObject json = QJsonDocument::fromJson(file.readAll()).object();
    file.close();
    // What a save with a working keychain writes: a reference, never the key.
    json.insert(
        QStringLiteral("secrets"),
        QJsonObject{{QStringLiteral("private_key"),
                     QJsonObject{{QStringLiteral("stored_in"), QStringLiteral("keychain")}}}});
    QVERIFY(file.open(QIODevice::WriteOnly | QIODevice::Truncate));
    file.write(QJsonDocument(json).toJson());
    file.close();

    Run r = run({QStringLiteral("token"), QStringLiteral("--grant"),
                 QStringLiteral("client_credentials"), QStringLiteral("--profile"),
                 QStringLiteral("signer")});
    QCOMPARE(r.exitCode, 5);
    QCOMPARE(r.error().value(QLatin1String("kind")).toString(), QStringLiteral("keychain"));
    QVERIFY2(r.error()
                 .value(QLatin1String("message"))
                 .toString()
                 .contains(QLatin1String("could not read private_key from the keychain")),
             r.stdoutBytes.constData());
    QCOMPARE(r.error()[QLatin1String("not_read")][0][QLatin1String("kind")].toString(),
             QStringLiteral("private_key"));
    QVERIFY(r.document.value(QLatin1String("exchanges")).toArray().isEmpty());
    // The same for the other commands that authenticate a client.
    r = run({QStringLiteral("introspect"), QStringLiteral("some-token"),
             QStringLiteral("--profile"), QStringLiteral("signer"),
             QStringLiteral("--introspection-endpoint"),
             QStringLiteral("http://127.0.0.1:1/introspect")});
    QCOMPARE(r.exitCode, 5);
    // --no-keychain reads nothing: the key is missing, a usage error naming it.
    r = run({QStringLiteral("token"), QStringLiteral("--grant"),
             QStringLiteral("client_credentials"), QStringLiteral("--profile"),
             QStringLiteral("signer"), QStringLiteral("--no-keychain")});
    QCOMPARE(r.exitCode, 2);
    QVERIFY(r.error()
                .value(QLatin1String("message"))
                .toString()
                .contains(QLatin1String("private_key_jwt needs --private-key")));
}

void TestCliProfile::profileFileThatCannotBeWrittenIsALocalError()
{
    // The profiles folder can't be made (a file is in its way; this holds for root too).
    QVERIFY(QDir().mkpath(QFileInfo(profilesDirectory()).path()));
    QFile blocker(profilesDirectory());
    QVERIFY(blocker.open(QIODevice::WriteOnly));
    blocker.close();
    const Run r = run({QStringLiteral("profile"), QStringLiteral("save"), QStringLiteral("local"),
                       QStringLiteral("--client-id"), QStringLiteral("web")});
    // A local file, not the network: usage (2), as for any file named on the command line.
    QCOMPARE(r.exitCode, 2);
    QCOMPARE(r.error().value(QLatin1String("kind")).toString(), QStringLiteral("profile_io"));
}

QTEST_GUILESS_MAIN(TestCliProfile)
#include "TestCliProfile.moc"
