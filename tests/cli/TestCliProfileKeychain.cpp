// tokenscope-cli profile … against the real gnome-keyring of scripts/test's D-Bus session
// (label keychain): a saved secret is in the keyring (secret-tool finds it) and nowhere
// else; show masks it unless --show-secrets; renaming keeps the entries, deleting removes
// them; 1 B and 16 KiB binary secrets round trip. The canary test plants unique values as
// client secret, password, private key and refresh token, drives save/show/export/import/
// delete through the CLI and save/read/export/delete through the engine, then searches every
// file of the temporary HOME (config, data, cache, runtime, exports) and of the session's
// XDG directories (the keyring's own files) for them, raw, base64, base64url and
// URL-encoded: zero hits.
#include "common/RandomSource.h"
#include "keychain/KeychainSecretStore.h"
#include "profiles/ProfileExport.h"
#include "profiles/ProfileManager.h"
#include "sandbox/SandboxDirectory.h"

#include <QDirIterator>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QRandomGenerator>
#include <QScopeGuard>
#include <QTemporaryDir>
#include <QTest>
#include <QUrl>

using namespace Tokenscope::Profiles;

namespace {

constexpr int KeyringTimeoutMs = 20'000;

struct Run
{
    int exitCode = -1;
    QJsonObject document;
    QByteArray stdoutBytes;
    QByteArray stderrBytes;

    QJsonObject result() const { return document.value(QLatin1String("result")).toObject(); }
};

QByteArray canary(const char *what)
{
    return QByteArray(what) + "-canary-" +
           QByteArray::number(QRandomGenerator::global()->generate64(), 36) +
           QByteArray::number(QRandomGenerator::global()->generate64(), 36);
}

// The request bodies of a run's exchanges, joined.
QByteArray requestBodies(const QJsonObject &document)
{
    QByteArray bodies;
    const QJsonArray exchanges = document.value(QLatin1String("exchanges")).toArray();
    for (const QJsonValue &exchange : exchanges)
        bodies +=
            exchange[QLatin1String("request")][QLatin1String("body")].toString().toUtf8() + '\n';
    return bodies;
}

QByteArray randomBinary(int size)
{
    QByteArray bytes(size, Qt::Uninitialized);
    for (char &byte : bytes)
        byte = static_cast<char>(QRandomGenerator::global()->bounded(256));
    bytes[0] = '\0';
    return bytes;
}

} // namespace

class TestCliProfileKeychain final : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void init();

    void secretIsInTheKeyringAndMaskedUnlessAsked();
    void renameKeepsTheEntriesAndDeleteRemovesThem();
    void canariesReachNoFile();
    void profileSecretsDriveTheTokenCommand();

private:
    Run run(const QStringList &arguments, const QHash<QString, QString> &environment = {});
    // secret-tool lookup of a Tokenscope entry: the value, or a null array when absent.
    static QByteArray lookup(const QString &key);
    QString writeFile(const QString &name, const QByteArray &bytes);
    // Paths of files holding needle in any of its plain encodings.
    QStringList filesContaining(const QByteArray &needle, int *filesSearched) const;

    std::unique_ptr<QTemporaryDir> m_home;
};

void TestCliProfileKeychain::initTestCase()
{
    if (qEnvironmentVariableIsEmpty("DBUS_SESSION_BUS_ADDRESS"))
        QFAIL("No D-Bus session bus: run the keychain tests through scripts/test, which starts "
              "an unlocked gnome-keyring (see scripts/lib/test-session.sh).");
}

void TestCliProfileKeychain::init()
{
    m_home = std::make_unique<QTemporaryDir>();
    QVERIFY(m_home->isValid());
    for (const char *dir : {"config", "data", "cache", "runtime", "exports", "input"})
        QVERIFY(QDir(m_home->path()).mkdir(QString::fromLatin1(dir)));
}

Run TestCliProfileKeychain::run(const QStringList &arguments, const QHash<QString, QString> &extra)
{
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    const QString home = m_home->path();
    env.insert(QStringLiteral("HOME"), home);
    env.insert(QStringLiteral("XDG_CONFIG_HOME"), home + QStringLiteral("/config"));
    env.insert(QStringLiteral("XDG_DATA_HOME"), home + QStringLiteral("/data"));
    env.insert(QStringLiteral("XDG_CACHE_HOME"), home + QStringLiteral("/cache"));
    env.insert(QStringLiteral("XDG_RUNTIME_DIR"), home + QStringLiteral("/runtime"));
    for (auto it = extra.cbegin(); it != extra.cend(); ++it)
        env.insert(it.key(), it.value());
    QProcess process;
    process.setProcessEnvironment(env);
    process.start(QStringLiteral(TOKENSCOPE_CLI_PATH),
                  arguments + QStringList{QStringLiteral("--compact")});
    Run result;
    if (!QTest::qWaitFor([&] { return process.state() == QProcess::NotRunning; },
                         KeyringTimeoutMs)) {
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

QByteArray TestCliProfileKeychain::lookup(const QString &key)
{
    // QtKeychain's libsecret schema: attribute "server" is the service, "user" the key;
    // binary values are stored base64-encoded (attribute "type" = "base64").
    QProcess tool;
    tool.start(QStringLiteral("secret-tool"),
               {QStringLiteral("lookup"), QStringLiteral("server"), QStringLiteral("Tokenscope"),
                QStringLiteral("user"), key});
    if (!tool.waitForFinished(KeyringTimeoutMs) || tool.exitStatus() != QProcess::NormalExit ||
        tool.exitCode() != 0)
        return {};
    // setBinaryData: the keyring holds the value base64-encoded (QtKeychain's "base64" type).
    const QByteArray value = QByteArray::fromBase64(tool.readAllStandardOutput().trimmed());
    return value.isNull() ? QByteArray("") : value;
}

QString TestCliProfileKeychain::writeFile(const QString &name, const QByteArray &bytes)
{
    const QString path = m_home->path() + QStringLiteral("/input/") + name;
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly) || file.write(bytes) != bytes.size())
        qWarning("cannot write %s", qPrintable(path));
    return path;
}

QStringList TestCliProfileKeychain::filesContaining(const QByteArray &needle,
                                                    int *filesSearched) const
{
    const QList<QByteArray> forms = {
        needle, needle.toBase64(),
        needle.toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals),
        needle.toPercentEncoding()};
    QStringList roots{m_home->path()};
    for (const char *variable :
         {"XDG_DATA_HOME", "XDG_CONFIG_HOME", "XDG_CACHE_HOME", "XDG_RUNTIME_DIR"}) {
        if (!qEnvironmentVariableIsEmpty(variable))
            roots.append(qEnvironmentVariable(variable));
    }
    QStringList hits;
    *filesSearched = 0;
    for (const QString &root : std::as_const(roots)) {
        QDirIterator it(root, QDir::Files | QDir::Hidden | QDir::System,
                        QDirIterator::Subdirectories);
        while (it.hasNext()) {
            const QString path = it.next();
            if (path.startsWith(m_home->path() + QStringLiteral("/input/")))
                continue; // the files the test handed to the CLI on purpose
            QFile file(path);
            if (!file.open(QIODevice::ReadOnly))
                continue; // sockets and the like
            const QByteArray bytes = file.readAll();
            ++*filesSearched;
            for (const QByteArray &form : forms) {
                if (bytes.contains(form)) {
                    hits.append(path);
                    break;
                }
            }
        }
    }
    return hits;
}

void TestCliProfileKeychain::secretIsInTheKeyringAndMaskedUnlessAsked()
{
    const QByteArray oneByte("x");
    const QByteArray key16k = randomBinary(16 * 1024);
    const Run saved =
        run({QStringLiteral("profile"), QStringLiteral("save"), QStringLiteral("k"),
             QStringLiteral("--client-id"), QStringLiteral("c"),
             QStringLiteral("--client-secret-env"), QStringLiteral("S"),
             QStringLiteral("--private-key-file"), writeFile(QStringLiteral("key.bin"), key16k)},
            {{QStringLiteral("S"), QString::fromLatin1(oneByte)}});
    QVERIFY2(saved.exitCode == 0, saved.stdoutBytes.constData());
    const QString id = saved.result()[QLatin1String("profile")][QLatin1String("id")].toString();
    QCOMPARE(lookup(id + QStringLiteral("/client_secret")), oneByte);
    QVERIFY(!lookup(id + QStringLiteral("/private_key")).isNull());

    Run shown = run({QStringLiteral("profile"), QStringLiteral("show"), QStringLiteral("k")});
    QCOMPARE(shown.exitCode, 0);
    QVERIFY(!shown.result().contains(QLatin1String("secret_values")));
    QCOMPARE(shown
                 .result()[QLatin1String("profile")][QLatin1String("secrets")]
                          [QLatin1String("client_secret")][QLatin1String("stored_in")]
                 .toString(),
             QStringLiteral("keychain"));
    QVERIFY(!shown.stdoutBytes.contains(key16k.toBase64()));

    shown = run({QStringLiteral("profile"), QStringLiteral("show"), QStringLiteral("k"),
                 QStringLiteral("--show-secrets")});
    QCOMPARE(shown.exitCode, 0);
    const QJsonObject values = shown.result().value(QLatin1String("secret_values")).toObject();
    QCOMPARE(values.value(QLatin1String("client_secret")).toString(), QStringLiteral("x"));
    QCOMPARE(values.value(QLatin1String("private_key")).toString(),
             QString(QStringLiteral("base64:") + QString::fromLatin1(key16k.toBase64())));
}

void TestCliProfileKeychain::renameKeepsTheEntriesAndDeleteRemovesThem()
{
    const QByteArray secret = canary("rename");
    Run r = run({QStringLiteral("profile"), QStringLiteral("save"), QStringLiteral("before"),
                 QStringLiteral("--client-secret-env"), QStringLiteral("S"),
                 QStringLiteral("--password-env"), QStringLiteral("S")},
                {{QStringLiteral("S"), QString::fromLatin1(secret)}});
    QVERIFY2(r.exitCode == 0, r.stdoutBytes.constData());
    const QString id = r.result()[QLatin1String("profile")][QLatin1String("id")].toString();
    r = run({QStringLiteral("profile"), QStringLiteral("save"), QStringLiteral("before"),
             QStringLiteral("--rename"), QStringLiteral("after")});
    QCOMPARE(r.exitCode, 0);
    QCOMPARE(lookup(id + QStringLiteral("/client_secret")), secret);
    r = run({QStringLiteral("profile"), QStringLiteral("show"), QStringLiteral("after"),
             QStringLiteral("--show-secrets")});
    QCOMPARE(r.result()[QLatin1String("secret_values")][QLatin1String("password")].toString(),
             QString::fromLatin1(secret));

    r = run({QStringLiteral("profile"), QStringLiteral("delete"), QStringLiteral("after")});
    QVERIFY2(r.exitCode == 0, r.stdoutBytes.constData());
    QVERIFY(lookup(id + QStringLiteral("/client_secret")).isNull());
    QVERIFY(lookup(id + QStringLiteral("/password")).isNull());
}

void TestCliProfileKeychain::canariesReachNoFile()
{
    const QByteArray clientSecret = canary("client-secret");
    const QByteArray password = canary("password");
    const QByteArray privateKey =
        "-----BEGIN PRIVATE KEY-----\n" + canary("private-key") + "\n-----END PRIVATE KEY-----\n";
    const QByteArray refreshToken = canary("refresh-token");
    const QByteArray passphrase = canary("passphrase");
    const auto pem = [](const char *label, const QByteArray &body) -> QByteArray {
        return "-----BEGIN " + QByteArray(label) + "-----\n" + body + "\n-----END " +
               QByteArray(label) + "-----\n";
    };
    const QByteArray dpopKey = pem("PRIVATE KEY", canary("dpop-key"));
    const QByteArray requestKey = pem("PRIVATE KEY", canary("request-object-key"));
    const QByteArray certificate = pem("CERTIFICATE", canary("client-certificate"));
    const QByteArray clientKey = pem("PRIVATE KEY", canary("client-key"));
    // Not a secret: it must be found, which proves the search reads the files it should.
    const QByteArray clientId = canary("client-id");
    const QHash<QString, QString> env{{QStringLiteral("CS"), QString::fromLatin1(clientSecret)},
                                      {QStringLiteral("PW"), QString::fromLatin1(password)},
                                      {QStringLiteral("RT"), QString::fromLatin1(refreshToken)},
                                      {QStringLiteral("PASS"), QString::fromLatin1(passphrase)}};
    const QString keyFile = writeFile(QStringLiteral("key.pem"), privateKey);
    const QString exports = m_home->path() + QStringLiteral("/exports/");

    // The CLI.
    Run r = run({QStringLiteral("profile"),
                 QStringLiteral("save"),
                 QStringLiteral("canary"),
                 QStringLiteral("--client-id"),
                 QString::fromLatin1(clientId),
                 QStringLiteral("--client-secret-env"),
                 QStringLiteral("CS"),
                 QStringLiteral("--password-env"),
                 QStringLiteral("PW"),
                 QStringLiteral("--private-key-file"),
                 keyFile,
                 QStringLiteral("--dpop-key-file"),
                 writeFile(QStringLiteral("dpop.pem"), dpopKey),
                 QStringLiteral("--request-object-key-file"),
                 writeFile(QStringLiteral("request.pem"), requestKey),
                 QStringLiteral("--client-cert-file"),
                 writeFile(QStringLiteral("cert.pem"), certificate),
                 QStringLiteral("--client-key-file"),
                 writeFile(QStringLiteral("client-key.pem"), clientKey),
                 QStringLiteral("--store-refresh-tokens"),
                 QStringLiteral("--refresh-token-env"),
                 QStringLiteral("RT")},
                env);
    QVERIFY2(r.exitCode == 0, r.stdoutBytes.constData());
    QCOMPARE(r.result().value(QLatin1String("secrets")).toArray().size(), 8);
    const QString id = r.result()[QLatin1String("profile")][QLatin1String("id")].toString();
    QCOMPARE(lookup(id + QStringLiteral("/refresh_token")), refreshToken);
    QCOMPARE(lookup(id + QStringLiteral("/dpop_key")), dpopKey);
    QCOMPARE(lookup(id + QStringLiteral("/request_object_key")), requestKey);
    QCOMPARE(lookup(id + QStringLiteral("/client_certificate")), certificate);
    QCOMPARE(lookup(id + QStringLiteral("/client_key")), clientKey);
    QCOMPARE(run({QStringLiteral("profile"), QStringLiteral("list")}).exitCode, 0);
    r = run({QStringLiteral("profile"), QStringLiteral("show"), QStringLiteral("canary")});
    QCOMPARE(r.exitCode, 0);
    QVERIFY(!r.stdoutBytes.contains(clientSecret) && !r.stdoutBytes.contains(password));
    r = run({QStringLiteral("profile"), QStringLiteral("show"), QStringLiteral("canary"),
             QStringLiteral("--show-secrets")});
    QVERIFY(r.stdoutBytes.contains(clientSecret)); // asked for: on stdout, not on disk
    QCOMPARE(run({QStringLiteral("profile"), QStringLiteral("export"), QStringLiteral("--output"),
                  exports + QStringLiteral("plain.json")})
                 .exitCode,
             0);
    r = run({QStringLiteral("profile"), QStringLiteral("export"), QStringLiteral("--output"),
             exports + QStringLiteral("encrypted.json"), QStringLiteral("--include-secrets"),
             QStringLiteral("--passphrase-env"), QStringLiteral("PASS")},
            env);
    QVERIFY2(r.exitCode == 0, r.stdoutBytes.constData());
    QCOMPARE(run({QStringLiteral("profile"), QStringLiteral("import"),
                  exports + QStringLiteral("encrypted.json"), QStringLiteral("--dry-run")})
                 .exitCode,
             0);
    QCOMPARE(run({QStringLiteral("profile"), QStringLiteral("delete"), QStringLiteral("canary")})
                 .exitCode,
             0);
    r = run({QStringLiteral("profile"), QStringLiteral("import"),
             exports + QStringLiteral("encrypted.json"), QStringLiteral("--passphrase-env"),
             QStringLiteral("PASS")},
            env);
    QVERIFY2(r.exitCode == 0, r.stdoutBytes.constData());
    QCOMPARE(lookup(id + QStringLiteral("/password")), password); // back in the keyring

    // The engine, in this process, with its own store under the same HOME.
    Tokenscope::Keychain::KeychainSecretStore keychain;
    ProfileStore store(m_home->path() + QStringLiteral("/config/engine-profiles"));
    ProfileManager manager(store, keychain);
    Profile profile = Profile::create(QStringLiteral("engine-canary"));
    profile.client.clientId = QString::fromLatin1(clientId);
    profile.storeRefreshTokens = true;
    const SecretValues secrets{{SecretKind::ClientSecret, clientSecret},
                               {SecretKind::Password, password},
                               {SecretKind::PrivateKey, privateKey},
                               {SecretKind::RefreshToken, refreshToken}};
    std::optional<ProfileSaveResult> saved;
    manager.save(profile, secrets, SaveMode::Guarded, this,
                 [&saved](const ProfileSaveResult &result) { saved = result; });
    QTRY_VERIFY_WITH_TIMEOUT(saved.has_value(), KeyringTimeoutMs);
    QVERIFY(saved->ok() && saved->notStored().isEmpty());
    std::optional<SecretResult> read;
    manager.readSecret(profile.id, SecretKind::PrivateKey, this,
                       [&read](const SecretResult &result) { read = result; });
    QTRY_VERIFY_WITH_TIMEOUT(read.has_value(), KeyringTimeoutMs);
    QCOMPARE(read->value, privateKey);
    Tokenscope::SystemRandomSource random;
    const ExportWriteResult exported = ProfileExport::write(
        {saved->profile}, {{profile.id, secrets}}, {true, passphrase, ScryptParameters{}}, random,
        QDateTime::currentDateTimeUtc());
    QVERIFY(exported.ok());
    QFile engineExport(exports + QStringLiteral("engine.json"));
    QVERIFY(engineExport.open(QIODevice::WriteOnly));
    engineExport.write(exported.document);
    engineExport.close();
    std::optional<ProfileDeleteResult> deleted;
    manager.remove(profile.id, this,
                   [&deleted](const ProfileDeleteResult &result) { deleted = result; });
    QTRY_VERIFY_WITH_TIMEOUT(deleted.has_value(), KeyringTimeoutMs);
    QVERIFY(deleted->ok());

    // The search.
    int files = 0;
    const QStringList found = filesContaining(clientId, &files);
    QVERIFY2(found.size() >= 4, qPrintable(found.join(u' '))); // profiles and exports
    QVERIFY(files > found.size());
    int canaries = 0;
    for (const QByteArray &secret : {clientSecret, password, privateKey, refreshToken, passphrase,
                                     dpopKey, requestKey, certificate, clientKey}) {
        QCOMPARE(filesContaining(secret, &files), QStringList());
        ++canaries;
        // A PEM's inner base64 lines too: a reformatted key is still the key.
        if (secret.startsWith("-----")) {
            const QList<QByteArray> lines = secret.split('\n');
            for (const QByteArray &line : lines) {
                if (line.isEmpty() || line.startsWith("-----"))
                    continue;
                QCOMPARE(filesContaining(line, &files), QStringList());
                ++canaries;
            }
        }
    }
    qInfo("searched %d files for %d canaries in 4 encodings each: no hit", files, canaries);
}

void TestCliProfileKeychain::profileSecretsDriveTheTokenCommand()
{
    // The built-in sandbox provider, as `tokenscope-cli sandbox` runs it.
    QProcess sandbox;
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(QStringLiteral("XDG_DATA_HOME"), m_home->path() + QStringLiteral("/data"));
    sandbox.setProcessEnvironment(env);
    sandbox.start(QStringLiteral(TOKENSCOPE_CLI_PATH),
                  {QStringLiteral("sandbox"), QStringLiteral("--port"), QStringLiteral("0")});
    QByteArray sandboxOutput;
    QString issuer;
    QVERIFY(QTest::qWaitFor(
        [&] {
            sandboxOutput += sandbox.readAllStandardError();
            const qsizetype at = sandboxOutput.indexOf("sandbox_issuer: ");
            const qsizetype end = sandboxOutput.indexOf('\n', at);
            if (at < 0 || end < 0)
                return false;
            issuer = QString::fromUtf8(sandboxOutput.mid(at + 16, end - at - 16)).trimmed();
            return true;
        },
        KeyringTimeoutMs));
    const auto stopSandbox = qScopeGuard([&sandbox] {
        sandbox.terminate();
        if (!sandbox.waitForFinished(5000))
            sandbox.kill();
    });

    // A private_key_jwt profile: the key, the resource owner's password, and later a
    // refresh token, all in the keyring; an extra token parameter in the file.
    const QString keyFile = writeFile(QStringLiteral("sandbox-key.pem"),
                                      Tokenscope::Sandbox::SandboxDirectory()
                                          .client(QStringLiteral("sandbox-private-key"))
                                          ->privateKeyPem);
    Run r = run({QStringLiteral("profile"), QStringLiteral("save"), QStringLiteral("signer"),
                 QStringLiteral("--issuer"), issuer, QStringLiteral("--client-id"),
                 QStringLiteral("sandbox-private-key"), QStringLiteral("--auth-method"),
                 QStringLiteral("private_key_jwt"), QStringLiteral("--private-key-file"), keyFile,
                 QStringLiteral("--password-env"), QStringLiteral("PW"),
                 QStringLiteral("--store-refresh-tokens"), QStringLiteral("--token-param"),
                 QStringLiteral("x_from_profile=yes")},
                {{QStringLiteral("PW"), QStringLiteral("sandbox")}});
    QVERIFY2(r.exitCode == 0, r.stdoutBytes.constData());
    QVERIFY(QFile::remove(keyFile)); // from now on only the keyring has it

    // client_credentials: the assertion is signed with the key from the keyring.
    r = run({QStringLiteral("token"), QStringLiteral("--grant"),
             QStringLiteral("client_credentials"), QStringLiteral("--profile"),
             QStringLiteral("signer")});
    QVERIFY2(r.exitCode == 0, r.stdoutBytes.constData());
    QByteArray bodies = requestBodies(r.document);
    QVERIFY2(bodies.contains("client_assertion_type="), bodies.constData());
    QVERIFY2(bodies.contains("x_from_profile=yes"), bodies.constData());
    const QJsonArray used =
        r.document[QLatin1String("profile")][QLatin1String("secrets_used")].toArray();
    QVERIFY(used.contains(QStringLiteral("private_key")));
    QVERIFY(!used.contains(QStringLiteral("password"))); // not read where it is not needed
    // Without the keychain the key is missing: the profile alone does not have it.
    r = run({QStringLiteral("token"), QStringLiteral("--grant"),
             QStringLiteral("client_credentials"), QStringLiteral("--profile"),
             QStringLiteral("signer"), QStringLiteral("--no-keychain")});
    QCOMPARE(r.exitCode, 2);

    // password: the resource owner's password from the keyring.
    r = run({QStringLiteral("token"), QStringLiteral("--grant"), QStringLiteral("password"),
             QStringLiteral("--username"), QStringLiteral("alice"), QStringLiteral("--profile"),
             QStringLiteral("signer"), QStringLiteral("--scope"),
             QStringLiteral("openid offline_access"), QStringLiteral("--show-secrets")});
    QVERIFY2(r.exitCode == 0, r.stdoutBytes.constData());
    const QString refreshToken =
        r.result()[QLatin1String("tokens")][QLatin1String("refresh_token")].toString();
    QVERIFY2(!refreshToken.isEmpty(), r.stdoutBytes.constData());
    QVERIFY(r.document[QLatin1String("profile")][QLatin1String("secrets_used")].toArray().contains(
        QStringLiteral("password")));

    // refresh_token: kept in the profile, used when none is given.
    r = run({QStringLiteral("profile"), QStringLiteral("save"), QStringLiteral("signer"),
             QStringLiteral("--refresh-token-env"), QStringLiteral("RT")},
            {{QStringLiteral("RT"), refreshToken}});
    QVERIFY2(r.exitCode == 0, r.stdoutBytes.constData());
    r = run({QStringLiteral("token"), QStringLiteral("--grant"), QStringLiteral("refresh_token"),
             QStringLiteral("--profile"), QStringLiteral("signer"),
             QStringLiteral("--show-secrets")});
    QVERIFY2(r.exitCode == 0, r.stdoutBytes.constData());
    bodies = requestBodies(r.document);
    QVERIFY2(bodies.contains(QUrl::toPercentEncoding(refreshToken)), bodies.constData());
    QVERIFY(r.document[QLatin1String("profile")][QLatin1String("secrets_used")].toArray().contains(
        QStringLiteral("refresh_token")));
}

QTEST_GUILESS_MAIN(TestCliProfileKeychain)
#include "TestCliProfileKeychain.moc"
