// A profile saved in the app is the one the command line uses: typed into the profiles
// tab, saved with its secret in the real keyring (gnome-keyring in scripts/test's
// session), then `tokenscope-cli --profile NAME` discovers and completes the
// authorization code flow against the real provider with the secret from the keychain.
// Nothing of the secret is on the command line, in the environment or in any file; the
// keyring holds it (secret-tool finds it), and random canaries typed as other secrets are
// in no file of the home or of the session's XDG directories.
#include "common/Clock.h"
#include "discovery/DiscoveryClient.h"
#include "http/HttpClient.h"
#include "http/Transcript.h"
#include "keychain/KeychainSecretStore.h"
#include "profiles/ProfileEditor.h"
#include "profiles/ProfileListPanel.h"
#include "profiles/ProfileManager.h"
#include "profiles/ProfileStore.h"
#include "profiles/SecretKey.h"
#include "support/HeadlessLogin.h"

#include <QApplication>
#include <QComboBox>
#include <QDirIterator>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLineEdit>
#include <QNetworkAccessManager>
#include <QPlainTextEdit>
#include <QProcess>
#include <QPushButton>
#include <QRandomGenerator>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <QUrlQuery>

using namespace Tokenscope;

namespace {

QTemporaryDir &home()
{
    static QTemporaryDir directory;
    return directory;
}

const QByteArray Secret = "tokenscope-secret"; // the interop provider's confidential client

// The session's own XDG directories (where the keyring daemon keeps its files and its
// socket), as they were before main() pointed the app's at the temporary home.
QStringList &sessionDirectories()
{
    static QStringList directories;
    return directories;
}

QByteArray randomCanary(const char *what)
{
    return QByteArray(what) + "-canary-" +
           QByteArray::number(QRandomGenerator::global()->generate64(), 36) +
           QByteArray::number(QRandomGenerator::global()->generate64(), 36);
}

} // namespace

class TestProfileAppToCli final : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void profileSavedInTheAppDrivesTheCli();

private:
    QJsonObject runCli(const QStringList &arguments, int *exitCode, bool login);
    QString m_issuer;
};

void TestProfileAppToCli::initTestCase()
{
    m_issuer = qEnvironmentVariable("TOKENSCOPE_INTEROP_ISSUER");
    QVERIFY2(!m_issuer.isEmpty(), "TOKENSCOPE_INTEROP_ISSUER is set by the CTest fixture");
    QVERIFY(Profiles::ProfileStore::defaultDirectory().startsWith(home().path()));
}

QJsonObject TestProfileAppToCli::runCli(const QStringList &arguments, int *exitCode, bool login)
{
    QProcess cli;
    cli.start(QStringLiteral(TOKENSCOPE_CLI_PATH), arguments);
    QByteArray err;
    if (login)
        Testing::HeadlessLogin::followPrinted(cli, &err);
    if (!QTest::qWaitFor([&cli] { return cli.state() == QProcess::NotRunning; }, 30'000)) {
        cli.kill();
        cli.waitForFinished();
    }
    *exitCode = cli.exitStatus() == QProcess::NormalExit ? cli.exitCode() : -1;
    if (*exitCode != 0)
        qWarning("%s", QByteArray(err + cli.readAllStandardError()).constData());
    return QJsonDocument::fromJson(cli.readAllStandardOutput()).object();
}

void TestProfileAppToCli::profileSavedInTheAppDrivesTheCli()
{
    // The app's side, as main.cpp builds it.
    QNetworkAccessManager network;
    SystemClock clock;
    Http::Transcript transcript;
    Http::HttpClient http(&network, &transcript, clock);
    Discovery::DiscoveryClient discovery(&http);
    Profiles::ProfileStore store(Profiles::ProfileStore::defaultDirectory());
    Keychain::KeychainSecretStore keychain;
    Profiles::ProfileManager manager(store, keychain);
    ProfileListPanel panel(&manager, &discovery, SecretBackend::SystemKeychain);
    panel.show();

    QTest::mouseClick(panel.findChild<QPushButton *>(QStringLiteral("newProfileButton")),
                      Qt::LeftButton);
    const auto type = [&panel](const char *name, const QString &text) {
        auto *edit = panel.findChild<QLineEdit *>(QString::fromLatin1(name));
        QVERIFY2(edit, name);
        edit->clear();
        QTest::keyClicks(edit, text);
    };
    type("nameEdit", QStringLiteral("Made in the app"));
    type("issuerEdit", m_issuer);
    type("clientIdEdit", QStringLiteral("tokenscope-confidential"));
    type("clientSecretEdit", QString::fromLatin1(Secret));
    // Random canaries the provider never sees: the resource owner's password, and a DPoP key
    // whose inner line is a canary too.
    const QByteArray password = randomCanary("password");
    const QByteArray dpopKeyLine = randomCanary("dpop-key").toBase64();
    const QByteArray dpopKey =
        "-----BEGIN PRIVATE KEY-----\n" + dpopKeyLine + "\n-----END PRIVATE KEY-----\n";
    type("passwordEdit", QString::fromLatin1(password));
    panel.findChild<QPlainTextEdit *>(QStringLiteral("dpopKeyEdit"))
        ->setPlainText(QString::fromLatin1(dpopKey));
    // A web client: its redirect URI is matched exactly, port included.
    panel.findChild<QPlainTextEdit *>(QStringLiteral("redirectUrisEdit"))
        ->setPlainText(QStringLiteral("http://127.0.0.1:29433/callback"));
    auto *method = panel.findChild<QComboBox *>(QStringLiteral("authMethodCombo"));
    method->setCurrentIndex(method->findData(QStringLiteral("client_secret_basic")));
    QVERIFY2(method->currentIndex() >= 0, "client_secret_basic is offered");
    QSignalSpy saved(panel.editor(), &ProfileEditor::saved);
    auto *save = panel.findChild<QPushButton *>(QStringLiteral("saveButton"));
    QVERIFY2(save->isEnabled(), qPrintable(panel.editor()->problems().join(u'\n')));
    QTest::mouseClick(save, Qt::LeftButton);
    QVERIFY(saved.wait(20'000));
    const QUuid id = panel.editor()->savedProfile().id;
    QVERIFY(panel.editor()->savedProfile().secrets.contains(Profiles::SecretKind::Password));

    // The keyring has them: secret-tool finds each entry by QtKeychain's libsecret
    // attributes ("server" = the service, "user" = the key; values base64, type "base64").
    const auto keyring = [](const QString &key) -> QByteArray {
        QProcess tool;
        tool.start(QStringLiteral("secret-tool"),
                   {QStringLiteral("search"), QStringLiteral("--all"), QStringLiteral("server"),
                    Profiles::SecretKey::serviceName(), QStringLiteral("user"), key});
        if (!tool.waitForFinished(20'000))
            tool.kill();
        return tool.readAllStandardOutput() + tool.readAllStandardError();
    };
    for (const auto &[kind, value] : {qMakePair(Profiles::SecretKind::ClientSecret, Secret),
                                      qMakePair(Profiles::SecretKind::Password, password),
                                      qMakePair(Profiles::SecretKind::DpopKey, dpopKey)}) {
        const QString key = Profiles::SecretKey::build(id, kind);
        const QByteArray found = keyring(key);
        QVERIFY2(found.contains(QByteArray("attribute.user = " + key.toUtf8())), found.constData());
        QVERIFY2(found.contains(QByteArray("secret = " + value.toBase64())), found.constData());
    }
    // The command line finds it by name, with the secret from the keychain.
    int exitCode = -1;
    QJsonObject document = runCli({QStringLiteral("discover"), QStringLiteral("--profile"),
                                   QStringLiteral("Made in the app")},
                                  &exitCode, false);
    QCOMPARE(exitCode, 0);
    QCOMPARE(document[QLatin1String("result")][QLatin1String("issuer")].toString(), m_issuer);

    document =
        runCli({QStringLiteral("authorize"), QStringLiteral("--profile"),
                QStringLiteral("Made in the app"), QStringLiteral("--wait"), QStringLiteral("30")},
               &exitCode, true);
    QCOMPARE(exitCode, 0);
    // The token request authenticated with HTTP Basic: the secret came from the keychain.
    bool basic = false;
    const QJsonArray exchanges = document[QLatin1String("exchanges")].toArray();
    for (const QJsonValue &exchange : exchanges) {
        const QJsonArray headers =
            exchange[QLatin1String("request")][QLatin1String("headers")].toArray();
        for (const QJsonValue &header : headers) {
            if (header[0].toString() == QLatin1String("Authorization") &&
                header[1].toString().startsWith(QLatin1String("Basic ")))
                basic = true;
        }
    }
    QVERIFY(basic);

    // And no secret is in any file of this home or of the session's directories (the
    // keyring's runtime and data folders included), in any common encoding.
    QList<QByteArray> forms;
    for (const QByteArray &secret : {Secret, password, dpopKey, dpopKeyLine}) {
        forms << secret << secret.toBase64()
              << secret.toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals)
              << QUrl::toPercentEncoding(QString::fromLatin1(secret));
    }
    int files = 0;
    const QStringList roots = QStringList{home().path()} + sessionDirectories();
    for (const QString &root : roots) {
        QDirIterator it(root, QDir::Files | QDir::Hidden | QDir::System,
                        QDirIterator::Subdirectories);
        while (it.hasNext()) {
            QFile file(it.next());
            if (!file.open(QIODevice::ReadOnly))
                continue; // sockets
            const QByteArray bytes = file.readAll();
            ++files;
            for (const QByteArray &form : std::as_const(forms))
                QVERIFY2(!bytes.contains(form), qPrintable(file.fileName()));
        }
    }
    QVERIFY(files > 0); // the profile file, at least
}

int main(int argc, char *argv[])
{
    if (!home().isValid())
        return 2;
    for (const char *variable :
         {"XDG_CONFIG_HOME", "XDG_DATA_HOME", "XDG_CACHE_HOME", "XDG_RUNTIME_DIR"}) {
        if (!qEnvironmentVariableIsEmpty(variable))
            sessionDirectories().append(qEnvironmentVariable(variable));
    }
    // The app's identity, so that its profile directory is the command line's.
    for (const char *variable : {"XDG_CONFIG_HOME", "XDG_DATA_HOME", "XDG_CACHE_HOME"})
        qputenv(variable,
                QFile::encodeName(home().path() + u'/' + QString::fromLatin1(variable).toLower()));
    QApplication app(argc, argv);
    QCoreApplication::setOrganizationName(QStringLiteral("Tokenscope"));
    QCoreApplication::setApplicationName(QStringLiteral("Tokenscope"));
    TestProfileAppToCli test;
    return QTest::qExec(&test, argc, argv);
}

#include "TestProfileAppToCli.moc"
