// Profiles as JSON files: every field survives a round trip, files are private (0600),
// carry a schema version and migrate from older ones, a save never clobbers a file that
// changed on disk unless forced, and a broken file is reported rather than fatal.
#include "profiles/ProfileJson.h"
#include "profiles/ProfileStore.h"

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTest>

using namespace Tokenscope::Profiles;

Q_DECLARE_METATYPE(Tokenscope::Profiles::ProfileError::Kind)

namespace {

Profile fullProfile()
{
    Profile p = Profile::create(QStringLiteral("Sandbox — staging \xe2\x82\xac"));
    p.notes = QStringLiteral("line one\nline two, \"quoted\"");
    p.provider.issuer = QUrl(QStringLiteral("https://login.example.com/realms/a%20b"));
    p.provider.endpoints.insert(QStringLiteral("token_endpoint"),
                                QUrl(QStringLiteral("https://login.example.com/token")));
    p.provider.endpoints.insert(QStringLiteral("authorization_endpoint"),
                                QUrl(QStringLiteral("https://login.example.com/auth?x=1")));
    p.provider.discoveryDocument = QJsonObject{
        {QStringLiteral("issuer"), QStringLiteral("https://login.example.com/realms/a%20b")},
        {QStringLiteral("scopes_supported"),
         QJsonArray{QStringLiteral("openid"), QStringLiteral("email")}},
        {QStringLiteral("nested"), QJsonObject{{QStringLiteral("n"), 3.5}}}};
    p.provider.discoveryFetchedAt = QDateTime(QDate(2026, 3, 14), QTime(15, 9, 26, 535), Qt::UTC);
    p.provider.builtInSandbox = true;
    p.client.clientId = QStringLiteral("tokenscope-cli");
    p.client.authMethod = QStringLiteral("private_key_jwt");
    p.client.redirectUris = {QUrl(QStringLiteral("http://127.0.0.1:0/callback")),
                             QUrl(QStringLiteral("com.example.app:/oauth2redirect"))};
    p.client.defaultScopes = {QStringLiteral("openid"), QStringLiteral("offline_access")};
    p.client.extraAuthorizationParameters = {
        {QStringLiteral("resource"), QStringLiteral("https://api.example.com")},
        {QStringLiteral("resource"), QStringLiteral("https://other.example.com")},
        {QStringLiteral("prompt"), QStringLiteral("consent")}};
    p.client.extraTokenParameters = {{QStringLiteral("audience"), QStringLiteral("api")}};
    p.client.pkceMethod = QStringLiteral("S256");
    p.client.responseType = QStringLiteral("code id_token");
    p.client.responseMode = QStringLiteral("form_post");
    p.client.redirectCapture = QStringLiteral("system_browser");
    p.client.browserSession = QStringLiteral("persistent");
    p.client.tls.caFile = QStringLiteral("certs/ca.pem");
    p.client.tls.trustedCertificateSha256 = {QByteArray("ab:cd:ef"), QByteArray("0123")};
    p.secrets.insert(SecretKind::ClientSecret, SecretRef{SecretRef::Location::SecretStore, {}});
    p.secrets.insert(SecretKind::PrivateKey,
                     SecretRef{SecretRef::Location::File, QStringLiteral("keys/client.pem")});
    p.secrets.insert(SecretKind::RefreshToken, SecretRef{SecretRef::Location::SecretStore, {}});
    p.storeRefreshTokens = true;
    return p;
}

QJsonObject readJson(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        return {};
    }
    return QJsonDocument::fromJson(file.readAll()).object();
}

bool writeFile(const QString &path, const QByteArray &bytes)
{
    QFile file(path);
    return file.open(QIODevice::WriteOnly | QIODevice::Truncate) &&
           file.write(bytes) == bytes.size();
}

constexpr QFileDevice::Permissions GroupOrOther = QFileDevice::ReadGroup | QFileDevice::WriteGroup |
                                                  QFileDevice::ExeGroup | QFileDevice::ReadOther |
                                                  QFileDevice::WriteOther | QFileDevice::ExeOther;

} // namespace

class TestProfileStore final : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void cleanup();

    void everyFieldRoundTripsThroughTheFile();
    void emptyProfileRoundTrips();
    void fileAndDirectoryAreOwnerOnly();
    void aLooserModeIsTightenedOnSave();
    void schemaVersionIsWritten();
    void migration_data();
    void migration();
    void unversionedFileGetsAStableIdAndIsRewrittenInPlace();
    void saveAfterAChangeOnDiskFailsUnlessForced();
    void saveAfterTheFileVanishedFailsUnlessForced();
    void saveOverAFileThisStoreNeverReadFails();
    void renameKeepsIdAndFile();
    void removeDeletesTheFile();
    void listingReportsBrokenFilesAndKeepsTheRest();
    void invalidFields_data();
    void invalidFields();

private:
    std::unique_ptr<QTemporaryDir> m_tmp;
    QString m_dir;
};

void TestProfileStore::init()
{
    m_tmp = std::make_unique<QTemporaryDir>();
    QVERIFY(m_tmp->isValid());
    m_dir = m_tmp->filePath(QStringLiteral("config/profiles")); // created by the first save
}

void TestProfileStore::cleanup()
{
    m_tmp.reset();
}

void TestProfileStore::everyFieldRoundTripsThroughTheFile()
{
    const Profile original = fullProfile();
    {
        ProfileStore store(m_dir);
        const ProfileError error = store.save(original);
        QVERIFY2(!error.isError(), qPrintable(error.message));
    }
    ProfileStore fresh(m_dir);
    const ProfileLoad loaded = fresh.load(original.id);
    QVERIFY2(!loaded.error.isError(), qPrintable(loaded.error.message));
    QCOMPARE(loaded.profile.name, original.name);
    QCOMPARE(loaded.profile.provider.discoveryFetchedAt, original.provider.discoveryFetchedAt);
    QCOMPARE(loaded.profile.client.redirectUris, original.client.redirectUris);
    QCOMPARE(loaded.profile.secrets.value(SecretKind::PrivateKey).path,
             QStringLiteral("keys/client.pem"));
    QVERIFY(loaded.profile == original);

    // The references say where a secret is, never what it is.
    const QJsonObject json = readJson(fresh.pathFor(original.id));
    QCOMPARE(json.value(QStringLiteral("secrets"))
                 .toObject()
                 .value(QStringLiteral("client_secret"))
                 .toObject(),
             QJsonObject({{QStringLiteral("stored_in"), QStringLiteral("keychain")}}));
}

void TestProfileStore::emptyProfileRoundTrips()
{
    const Profile original = Profile::create(QString());
    ProfileStore store(m_dir);
    QVERIFY(!store.save(original).isError());
    ProfileStore fresh(m_dir);
    const ProfileLoad loaded = fresh.load(original.id);
    QVERIFY2(!loaded.error.isError(), qPrintable(loaded.error.message));
    QVERIFY(loaded.profile == original);
}

void TestProfileStore::fileAndDirectoryAreOwnerOnly()
{
    ProfileStore store(m_dir);
    const Profile profile = fullProfile();
    QVERIFY(!store.save(profile).isError());
    const QFileDevice::Permissions file = QFile::permissions(store.pathFor(profile.id));
    QCOMPARE(file & GroupOrOther, QFileDevice::Permissions());
    QVERIFY(file.testFlag(QFileDevice::ReadOwner) && file.testFlag(QFileDevice::WriteOwner));
    QVERIFY(!file.testFlag(QFileDevice::ExeOwner));
    QCOMPARE(QFile::permissions(m_dir) & GroupOrOther, QFileDevice::Permissions());
}

void TestProfileStore::aLooserModeIsTightenedOnSave()
{
    ProfileStore store(m_dir);
    Profile profile = fullProfile();
    QVERIFY(!store.save(profile).isError());
    const QString path = store.pathFor(profile.id);
    QVERIFY(QFile::setPermissions(path, QFileDevice::ReadOwner | QFileDevice::WriteOwner |
                                            QFileDevice::ReadGroup | QFileDevice::ReadOther));
    profile.notes = QStringLiteral("changed");
    QVERIFY(!store.save(profile).isError()); // a mode change is not a content change
    QCOMPARE(QFile::permissions(path) & GroupOrOther, QFileDevice::Permissions());
}

void TestProfileStore::schemaVersionIsWritten()
{
    ProfileStore store(m_dir);
    const Profile profile = fullProfile();
    QVERIFY(!store.save(profile).isError());
    const QJsonObject json = readJson(store.pathFor(profile.id));
    QCOMPARE(json.value(QStringLiteral("schema_version")).toInt(-1),
             ProfileJson::CurrentSchemaVersion);
    QCOMPARE(json.value(QStringLiteral("id")).toString(),
             profile.id.toString(QUuid::WithoutBraces));
}

void TestProfileStore::migration_data()
{
    QTest::addColumn<QByteArray>("document");
    QTest::addColumn<ProfileError::Kind>("error");
    QTest::addColumn<int>("readVersion");

    QTest::newRow("v0_flat_document_migrates_to_v1")
        << QByteArray("{\"id\": \"0f8fad5b-d9cb-469f-a165-70867728950e\", \"name\": \"Old\","
                      " \"issuer\": \"https://op.example.com\", \"client_id\": \"app\","
                      " \"auth_method\": \"client_secret_basic\","
                      " \"scope\": \"openid  profile email\","
                      " \"redirect_uri\": \"http://127.0.0.1:8080/cb\","
                      " \"client_secret_in_keychain\": true}")
        << ProfileError::Kind::None << 0;
    QTest::newRow("v1_document_needs_no_migration")
        << QByteArray("{\"schema_version\": 1, \"id\": \"0f8fad5b-d9cb-469f-a165-70867728950e\","
                      " \"name\": \"Old\", \"provider\": {\"issuer\": \"https://op.example.com\"},"
                      " \"client\": {\"client_id\": \"app\", \"auth_method\": "
                      "\"client_secret_basic\", \"scopes\": [\"openid\", \"profile\", "
                      "\"email\"], \"redirect_uris\": [\"http://127.0.0.1:8080/cb\"]},"
                      " \"secrets\": {\"client_secret\": {\"stored_in\": \"keychain\"}}}")
        << ProfileError::Kind::None << 1;
    QTest::newRow("newer_schema_is_refused")
        << QByteArray("{\"schema_version\": 2, \"id\": \"0f8fad5b-d9cb-469f-a165-70867728950e\"}")
        << ProfileError::Kind::NewerSchema << 2;
    QTest::newRow("fractional_schema_version_is_invalid")
        << QByteArray("{\"schema_version\": 1.5}") << ProfileError::Kind::InvalidField << -1;
    QTest::newRow("string_schema_version_is_invalid")
        << QByteArray("{\"schema_version\": \"1\"}") << ProfileError::Kind::InvalidField << -1;
}

void TestProfileStore::migration()
{
    QFETCH(QByteArray, document);
    QFETCH(ProfileError::Kind, error);
    QFETCH(int, readVersion);

    const QJsonObject json = QJsonDocument::fromJson(document).object();
    QVERIFY(!json.isEmpty());
    const ProfileParseResult parsed = ProfileJson::fromJson(json);
    QCOMPARE(parsed.error.kind, error);
    QCOMPARE(parsed.readVersion, readVersion);
    if (error != ProfileError::Kind::None) {
        return;
    }
    const Profile &p = parsed.profile;
    QCOMPARE(p.id, QUuid(QStringLiteral("0f8fad5b-d9cb-469f-a165-70867728950e")));
    QCOMPARE(p.name, QStringLiteral("Old"));
    QCOMPARE(p.provider.issuer, QUrl(QStringLiteral("https://op.example.com")));
    QCOMPARE(p.client.clientId, QStringLiteral("app"));
    QCOMPARE(p.client.authMethod, QStringLiteral("client_secret_basic"));
    QCOMPARE(p.client.defaultScopes,
             QStringList(
                 {QStringLiteral("openid"), QStringLiteral("profile"), QStringLiteral("email")}));
    QCOMPARE(p.client.redirectUris, QList<QUrl>{QUrl(QStringLiteral("http://127.0.0.1:8080/cb"))});
    QCOMPARE(p.secrets.keys(), QList<SecretKind>{SecretKind::ClientSecret});
    QCOMPARE(p.secrets.value(SecretKind::ClientSecret).location, SecretRef::Location::SecretStore);

    // The migration step alone, from 0 to 1, produces the same document as one written by v1.
    if (readVersion == 0) {
        const QJsonObject v1 = ProfileJson::migrateStep(json, 0);
        QCOMPARE(v1.value(QStringLiteral("schema_version")).toInt(), 1);
        QCOMPARE(ProfileJson::schemaVersion(v1), 1);
        QVERIFY(ProfileJson::fromJson(v1).profile == p);
    }
}

void TestProfileStore::unversionedFileGetsAStableIdAndIsRewrittenInPlace()
{
    QVERIFY(QDir().mkpath(m_dir));
    const QString path = m_dir + QStringLiteral("/work.json");
    QVERIFY(writeFile(path, "{\"name\": \"Work\", \"issuer\": \"https://op.example.com\"}"));

    ProfileStore store(m_dir);
    ProfileListing first = store.list();
    QCOMPARE(first.problems.size(), 0);
    QCOMPARE(first.profiles.size(), 1);
    QVERIFY(!first.profiles.constFirst().id.isNull());
    QCOMPARE(ProfileStore(m_dir).list().profiles.constFirst().id, first.profiles.constFirst().id);

    Profile profile = first.profiles.constFirst();
    profile.notes = QStringLiteral("migrated");
    const ProfileError error = store.save(profile);
    QVERIFY2(!error.isError(), qPrintable(error.message));
    QCOMPARE(QDir(m_dir).entryList(QDir::Files), QStringList{QStringLiteral("work.json")});
    const QJsonObject json = readJson(path);
    QCOMPARE(json.value(QStringLiteral("schema_version")).toInt(), 1);
    QCOMPARE(json.value(QStringLiteral("id")).toString(),
             profile.id.toString(QUuid::WithoutBraces));
    QCOMPARE(ProfileStore(m_dir).list().profiles.constFirst(), profile);
}

void TestProfileStore::saveAfterAChangeOnDiskFailsUnlessForced()
{
    Profile profile = fullProfile();
    ProfileStore store(m_dir);
    QVERIFY(!store.save(profile).isError());
    QVERIFY(!store.load(profile.id).error.isError());

    // Another process (another store) changes the file behind this store's back.
    {
        ProfileStore other(m_dir);
        Profile theirs = other.load(profile.id).profile;
        theirs.notes = QStringLiteral("edited elsewhere");
        QVERIFY(!other.save(theirs).isError());
    }
    profile.name = QStringLiteral("mine");
    const ProfileError guarded = store.save(profile);
    QCOMPARE(guarded.kind, ProfileError::Kind::ChangedOnDisk);
    QCOMPARE(ProfileError::kindName(guarded.kind), QStringLiteral("changed_on_disk"));
    QCOMPARE(guarded.path, store.pathFor(profile.id));
    QCOMPARE(ProfileStore(m_dir).load(profile.id).profile.notes,
             QStringLiteral("edited elsewhere"));
    QCOMPARE(store.checkGuard(profile).kind, ProfileError::Kind::ChangedOnDisk);

    QVERIFY(!store.save(profile, SaveMode::Force).isError());
    QCOMPARE(ProfileStore(m_dir).load(profile.id).profile.name, QStringLiteral("mine"));
    // After the forced save the store knows the file again: a guarded save works.
    profile.notes = QStringLiteral("again");
    QVERIFY(!store.save(profile).isError());

    // A change by hand, same size and quick enough to keep the modification time's second.
    const QString path = store.pathFor(profile.id);
    QFile file(path);
    QVERIFY(file.open(QIODevice::ReadOnly));
    QByteArray bytes = file.readAll();
    file.close();
    const qsizetype at = bytes.indexOf("again");
    QVERIFY(at > 0);
    bytes[at] = 'A';
    QVERIFY(writeFile(path, bytes));
    QCOMPARE(store.save(profile).kind, ProfileError::Kind::ChangedOnDisk);
}

void TestProfileStore::saveAfterTheFileVanishedFailsUnlessForced()
{
    const Profile profile = fullProfile();
    ProfileStore store(m_dir);
    QVERIFY(!store.save(profile).isError());
    QVERIFY(QFile::remove(store.pathFor(profile.id)));
    QCOMPARE(store.save(profile).kind, ProfileError::Kind::ChangedOnDisk);
    QVERIFY(!store.save(profile, SaveMode::Force).isError());
    QVERIFY(QFile::exists(store.pathFor(profile.id)));
}

void TestProfileStore::saveOverAFileThisStoreNeverReadFails()
{
    const Profile profile = fullProfile();
    QVERIFY(!ProfileStore(m_dir).save(profile).isError());
    ProfileStore store(m_dir);
    QCOMPARE(store.save(profile).kind, ProfileError::Kind::ChangedOnDisk);
    QVERIFY(!store.save(profile, SaveMode::Force).isError());
}

void TestProfileStore::renameKeepsIdAndFile()
{
    ProfileStore store(m_dir);
    Profile profile = fullProfile();
    QVERIFY(!store.save(profile).isError());
    profile.name = QStringLiteral("Renamed");
    QVERIFY(!store.save(profile).isError());

    const ProfileListing listing = ProfileStore(m_dir).list();
    QCOMPARE(listing.profiles.size(), 1);
    QCOMPARE(listing.profiles.constFirst().id, profile.id);
    QCOMPARE(listing.profiles.constFirst().name, QStringLiteral("Renamed"));
    QCOMPARE(QDir(m_dir).entryList(QDir::Files | QDir::Hidden),
             QStringList{profile.id.toString(QUuid::WithoutBraces) + QStringLiteral(".json")});
}

void TestProfileStore::removeDeletesTheFile()
{
    ProfileStore store(m_dir);
    const Profile kept = Profile::create(QStringLiteral("kept"));
    const Profile gone = Profile::create(QStringLiteral("gone"));
    QVERIFY(!store.save(kept).isError());
    QVERIFY(!store.save(gone).isError());
    QVERIFY(!store.remove(gone.id).isError());
    QVERIFY(!QFile::exists(store.pathFor(gone.id)));
    QVERIFY(QFile::exists(store.pathFor(kept.id)));
    QCOMPARE(store.load(gone.id).error.kind, ProfileError::Kind::NotFound);
    QCOMPARE(store.remove(gone.id).kind, ProfileError::Kind::NotFound);
    QCOMPARE(store.list().profiles.size(), 1);
}

void TestProfileStore::listingReportsBrokenFilesAndKeepsTheRest()
{
    ProfileStore store(m_dir);
    const Profile b = Profile::create(QStringLiteral("b"));
    const Profile a = Profile::create(QStringLiteral("a"));
    QVERIFY(!store.save(b).isError());
    QVERIFY(!store.save(a).isError());
    QVERIFY(
        writeFile(m_dir + QStringLiteral("/1-truncated.json"), "{\"schema_version\": 1,\n  \"na"));
    QVERIFY(writeFile(m_dir + QStringLiteral("/2-array.json"), "[]"));
    QVERIFY(writeFile(m_dir + QStringLiteral("/3-newer.json"), "{\"schema_version\": 7}"));
    QVERIFY(writeFile(m_dir + QStringLiteral("/4-empty.json"), ""));
    QVERIFY(writeFile(m_dir + QStringLiteral("/notes.txt"), "not a profile"));

    for (int i = 0; i < 4; ++i) {
        QTest::ignoreMessage(QtWarningMsg, QRegularExpression(QStringLiteral("^skipping ")));
    }
    const ProfileListing listing = store.list();
    QCOMPARE(listing.profiles.size(), 2);
    QCOMPARE(listing.profiles.at(0).name, QStringLiteral("a")); // sorted by name
    QCOMPARE(listing.profiles.at(1).name, QStringLiteral("b"));
    QCOMPARE(listing.problems.size(), 4);
    QCOMPARE(listing.problems.at(0).path, m_dir + QStringLiteral("/1-truncated.json"));
    QCOMPARE(listing.problems.at(0).error.kind, ProfileError::Kind::MalformedJson);
    QVERIFY2(listing.problems.at(0).error.message.contains(QLatin1String("line 2")),
             qPrintable(listing.problems.at(0).error.message));
    QCOMPARE(listing.problems.at(1).error.kind, ProfileError::Kind::NotAnObject);
    QCOMPARE(listing.problems.at(2).error.kind, ProfileError::Kind::NewerSchema);
    QCOMPARE(listing.problems.at(3).error.kind, ProfileError::Kind::MalformedJson);
}

void TestProfileStore::invalidFields_data()
{
    QTest::addColumn<QByteArray>("document");
    QTest::addColumn<QString>("field");

    const QByteArray head(
        "{\"schema_version\": 1, \"id\": \"0f8fad5b-d9cb-469f-a165-70867728950e\", ");
    QTest::newRow("id_that_is_not_a_uuid_is_named")
        << QByteArray("{\"schema_version\": 1, \"id\": \"profile-1\"}") << QStringLiteral("id");
    QTest::newRow("name_that_is_a_number_is_named")
        << head + "\"name\": 3}" << QStringLiteral("name");
    QTest::newRow("redirect_uris_that_is_a_string_is_named")
        << head + "\"client\": {\"redirect_uris\": \"http://127.0.0.1/cb\"}}"
        << QStringLiteral("client.redirect_uris");
    QTest::newRow("sandbox_flag_that_is_a_string_is_named")
        << head + "\"provider\": {\"sandbox\": \"yes\"}}" << QStringLiteral("provider.sandbox");
    QTest::newRow("parameter_without_value_is_named")
        << head + "\"client\": {\"token_parameters\": [{\"name\": \"a\"}]}}"
        << QStringLiteral("client.token_parameters");
    QTest::newRow("unknown_secret_kind_is_named")
        << head + "\"secrets\": {\"api_key\": {\"stored_in\": \"keychain\"}}}"
        << QStringLiteral("secrets.api_key");
    QTest::newRow("secret_value_in_the_file_is_refused")
        << head + "\"secrets\": {\"client_secret\": {\"stored_in\": \"s3cr3t\"}}}"
        << QStringLiteral("secrets.client_secret.stored_in");
    QTest::newRow("fetched_at_that_is_not_a_time_is_named")
        << head + "\"provider\": {\"discovery\": {\"fetched_at\": \"yesterday\"}}}"
        << QStringLiteral("provider.discovery.fetched_at");
}

void TestProfileStore::invalidFields()
{
    QFETCH(QByteArray, document);
    QFETCH(QString, field);
    const QJsonObject json = QJsonDocument::fromJson(document).object();
    QVERIFY(!json.isEmpty());
    const ProfileParseResult parsed = ProfileJson::fromJson(json);
    QCOMPARE(parsed.error.kind, ProfileError::Kind::InvalidField);
    QCOMPARE(parsed.error.field, field);
    QVERIFY2(parsed.error.message.contains(field), qPrintable(parsed.error.message));
}

QTEST_GUILESS_MAIN(TestProfileStore)
#include "TestProfileStore.moc"
