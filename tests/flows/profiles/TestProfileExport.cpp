// The profile export file: secrets left out (placeholders) unless asked for with a
// passphrase; then AES-256-GCM under an scrypt key. Every way a file can be wrong ends in a
// named error: wrong passphrase, tampered tag/ciphertext/profile, truncation, versions,
// duplicates, hostile KDF parameters.
#include "common/RandomSource.h"
#include "profiles/ProfileExport.h"

#include <QElapsedTimer>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRandomGenerator>
#include <QTest>

using namespace Tokenscope::Profiles;
using Tokenscope::SystemRandomSource;

namespace {

// Tests use scrypt's cheapest accepted cost; defaultCostTakesMeasuredTime covers the default.
const ScryptParameters Cheap{1024, 8, 1};
const QByteArray Good("horse-battery-staple");

QByteArray randomBytes(int size)
{
    QByteArray bytes(size, Qt::Uninitialized);
    for (char &byte : bytes) {
        byte = static_cast<char>(QRandomGenerator::global()->bounded(256));
    }
    return bytes;
}

Profile sampleProfile(const QString &name)
{
    Profile profile = Profile::create(name);
    profile.provider.issuer = QUrl(QStringLiteral("https://issuer.example"));
    profile.client.clientId = QStringLiteral("client-") + name;
    profile.client.authMethod = QStringLiteral("client_secret_basic");
    profile.client.defaultScopes = {QStringLiteral("openid"), QStringLiteral("email")};
    profile.secrets.insert(SecretKind::ClientSecret, {SecretRef::Location::SecretStore, {}});
    profile.secrets.insert(SecretKind::Password, {SecretRef::Location::SecretStore, {}});
    profile.secrets.insert(SecretKind::PrivateKey,
                           {SecretRef::Location::File, QStringLiteral("/keys/client.pem")});
    return profile;
}

QJsonObject parse(const QByteArray &bytes)
{
    return QJsonDocument::fromJson(bytes).object();
}

QByteArray serialize(const QJsonObject &object)
{
    return QJsonDocument(object).toJson(QJsonDocument::Indented);
}

// Flips one bit of a base64 member of encrypted_secrets.
QJsonObject flipBit(QJsonObject document, const QString &member)
{
    QJsonObject encrypted = document.value(QStringLiteral("encrypted_secrets")).toObject();
    QByteArray bytes = QByteArray::fromBase64(encrypted.value(member).toString().toLatin1());
    bytes[bytes.size() / 2] = static_cast<char>(bytes.at(bytes.size() / 2) ^ 0x01);
    encrypted.insert(member, QString::fromLatin1(bytes.toBase64()));
    document.insert(QStringLiteral("encrypted_secrets"), encrypted);
    return document;
}

QJsonObject setKdf(QJsonObject document, const QString &member, const QJsonValue &value)
{
    QJsonObject encrypted = document.value(QStringLiteral("encrypted_secrets")).toObject();
    QJsonObject kdf = encrypted.value(QStringLiteral("kdf")).toObject();
    kdf.insert(member, value);
    encrypted.insert(QStringLiteral("kdf"), kdf);
    document.insert(QStringLiteral("encrypted_secrets"), encrypted);
    return document;
}

QJsonObject setProfileMember(QJsonObject document, int index, const QString &member,
                             const QJsonValue &value)
{
    QJsonArray profiles = document.value(QStringLiteral("profiles")).toArray();
    QJsonObject profile = profiles.at(index).toObject();
    profile.insert(member, value);
    profiles.replace(index, profile);
    document.insert(QStringLiteral("profiles"), profiles);
    return document;
}

} // namespace

class TestProfileExport final : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();

    void secretsAreLeftOutByDefault();
    void encryptedSecretsRoundTrip_data();
    void encryptedSecretsRoundTrip();
    void kdfParametersAndSaltAreRecorded();
    void exportRefuses_data();
    void exportRefuses();
    void readRejects_data();
    void readRejects();
    void withoutPassphraseTheProfilesAreStillPreviewed();
    void scryptMatchesRfc7914Vector();
    void defaultCostTakesMeasuredTime();

private:
    QByteArray encryptedExport(const QByteArray &passphrase);

    SystemRandomSource m_random;
    QList<Profile> m_profiles;
    QHash<QUuid, SecretValues> m_secrets;
};

void TestProfileExport::initTestCase()
{
    m_profiles = {sampleProfile(QStringLiteral("alpha")), sampleProfile(QStringLiteral("beta"))};
    for (const Profile &profile : std::as_const(m_profiles)) {
        m_secrets[profile.id] = {{SecretKind::ClientSecret, "secret-" + randomBytes(8).toHex()},
                                 {SecretKind::Password, "password-" + randomBytes(8).toHex()}};
    }
}

QByteArray TestProfileExport::encryptedExport(const QByteArray &passphrase)
{
    const ExportWriteResult written =
        ProfileExport::write(m_profiles, m_secrets, {true, passphrase, Cheap}, m_random,
                             QDateTime::currentDateTimeUtc());
    if (!written.ok()) {
        qWarning() << written.error.message;
    }
    return written.document;
}

void TestProfileExport::secretsAreLeftOutByDefault()
{
    const ExportWriteResult written =
        ProfileExport::write(m_profiles, m_secrets, {}, m_random, QDateTime::currentDateTimeUtc());
    QVERIFY(written.ok());
    for (const SecretValues &values : std::as_const(m_secrets)) {
        for (const QByteArray &value : values) {
            QVERIFY(!written.document.contains(value));
            QVERIFY(!written.document.contains(value.toBase64()));
        }
    }
    const QJsonObject document = parse(written.document);
    QCOMPARE(document.value(QStringLiteral("format")).toString(),
             QStringLiteral("tokenscope-profile-export"));
    QCOMPARE(document.value(QStringLiteral("version")).toInt(), 1);
    QVERIFY(document.value(QStringLiteral("encrypted_secrets")).isNull());
    const QJsonObject secrets = document.value(QStringLiteral("profiles"))
                                    .toArray()
                                    .at(0)
                                    .toObject()
                                    .value(QStringLiteral("secrets"))
                                    .toObject();
    QCOMPARE(secrets.value(QStringLiteral("client_secret"))
                 .toObject()
                 .value(QStringLiteral("value"))
                 .toString(),
             ProfileExport::notExportedPlaceholder());

    const ExportReadResult read = ProfileExport::read(written.document, {});
    QVERIFY2(read.ok(), qPrintable(read.error.message));
    QCOMPARE(read.profiles.size(), 2);
    QVERIFY(!read.hasEncryptedSecrets);
    QVERIFY(read.secrets.isEmpty());
    // Keychain references that this file does not deliver are dropped (and named); the
    // file reference stays.
    const Profile &alpha = read.profiles.at(0);
    QCOMPARE(alpha.name, QStringLiteral("alpha"));
    QCOMPARE(alpha.id, m_profiles.at(0).id);
    QVERIFY(!alpha.secrets.contains(SecretKind::ClientSecret));
    QCOMPARE(alpha.secrets.value(SecretKind::PrivateKey).path, QStringLiteral("/keys/client.pem"));
    QList<SecretKind> leftOut = read.secretsLeftOut.value(alpha.id);
    std::sort(leftOut.begin(), leftOut.end());
    QCOMPARE(leftOut, (QList<SecretKind>{SecretKind::ClientSecret, SecretKind::Password}));
    Profile expected = m_profiles.at(0);
    expected.secrets.remove(SecretKind::ClientSecret);
    expected.secrets.remove(SecretKind::Password);
    QCOMPARE(alpha, expected);
}

void TestProfileExport::encryptedSecretsRoundTrip_data()
{
    QTest::addColumn<int>("size");
    QTest::newRow("one_byte") << 1;
    QTest::newRow("bytes_2561") << 2561;
    QTest::newRow("kib_16_binary") << 16 * 1024;
}

void TestProfileExport::encryptedSecretsRoundTrip()
{
    QFETCH(int, size);
    const Profile profile = sampleProfile(QStringLiteral("binary"));
    const QByteArray value = randomBytes(size);
    const QHash<QUuid, SecretValues> secrets{{profile.id, {{SecretKind::ClientSecret, value}}}};
    const ExportWriteResult written =
        ProfileExport::write({profile}, secrets, {true, "correct horse", Cheap}, m_random,
                             QDateTime::currentDateTimeUtc());
    QVERIFY2(written.ok(), qPrintable(written.error.message));
    if (size >= 8) {
        QVERIFY(!written.document.contains(value));
        QVERIFY(!written.document.contains(value.toBase64()));
    }

    const ExportReadResult read = ProfileExport::read(written.document, "correct horse");
    QVERIFY2(read.ok(), qPrintable(read.error.message));
    QVERIFY(read.hasEncryptedSecrets);
    QCOMPARE(read.secrets.value(profile.id).value(SecretKind::ClientSecret), value);
    // Delivered: the reference is back; not delivered (no password value given): left out.
    QVERIFY(read.profiles.at(0).secrets.contains(SecretKind::ClientSecret));
    QVERIFY(!read.profiles.at(0).secrets.contains(SecretKind::Password));
    QCOMPARE(read.secretsLeftOut.value(profile.id), QList<SecretKind>{SecretKind::Password});
}

void TestProfileExport::kdfParametersAndSaltAreRecorded()
{
    const QJsonObject first = parse(encryptedExport(Good));
    const QJsonObject second = parse(encryptedExport(Good));
    const QJsonObject kdf = first.value(QStringLiteral("encrypted_secrets"))
                                .toObject()
                                .value(QStringLiteral("kdf"))
                                .toObject();
    QCOMPARE(kdf.value(QStringLiteral("name")).toString(), QStringLiteral("scrypt"));
    QCOMPARE(kdf.value(QStringLiteral("n")).toInteger(), 1024);
    QCOMPARE(kdf.value(QStringLiteral("r")).toInteger(), 8);
    QCOMPARE(kdf.value(QStringLiteral("p")).toInteger(), 1);
    QCOMPARE(QByteArray::fromBase64(kdf.value(QStringLiteral("salt")).toString().toLatin1()).size(),
             16);
    QCOMPARE(first.value(QStringLiteral("encrypted_secrets"))
                 .toObject()
                 .value(QStringLiteral("cipher"))
                 .toString(),
             QStringLiteral("AES-256-GCM"));
    // A fresh salt and IV each time.
    QVERIFY(
        first.value(QStringLiteral("encrypted_secrets")).toObject().value(QStringLiteral("kdf")) !=
        second.value(QStringLiteral("encrypted_secrets")).toObject().value(QStringLiteral("kdf")));
    const ExportReadResult read = ProfileExport::read(serialize(first), Good);
    QVERIFY(read.ok());
    QCOMPARE(read.kdf, Cheap);
}

void TestProfileExport::exportRefuses_data()
{
    QTest::addColumn<QString>("row");
    QTest::addColumn<ProfileExportError::Kind>("kind");
    QTest::newRow("secrets_without_passphrase")
        << QStringLiteral("no_passphrase") << ProfileExportError::Kind::PassphraseRequired;
    QTest::newRow("duplicate_names")
        << QStringLiteral("names") << ProfileExportError::Kind::DuplicateName;
    QTest::newRow("duplicate_ids")
        << QStringLiteral("ids") << ProfileExportError::Kind::DuplicateId;
    QTest::newRow("scrypt_n_not_a_power_of_two")
        << QStringLiteral("kdf") << ProfileExportError::Kind::KdfParameters;
}

void TestProfileExport::exportRefuses()
{
    QFETCH(QString, row);
    QFETCH(ProfileExportError::Kind, kind);
    QList<Profile> profiles = m_profiles;
    ExportOptions options{true, Good, Cheap};
    if (row == QLatin1String("no_passphrase")) {
        options.passphrase.clear();
    } else if (row == QLatin1String("names")) {
        profiles[1].name = profiles[0].name;
    } else if (row == QLatin1String("ids")) {
        profiles[1].id = profiles[0].id;
    } else {
        options.kdf.n = 3000;
    }
    const ExportWriteResult written = ProfileExport::write(profiles, m_secrets, options, m_random,
                                                           QDateTime::currentDateTimeUtc());
    QCOMPARE(written.error.kind, kind);
    QVERIFY(written.document.isEmpty());
}

void TestProfileExport::readRejects_data()
{
    QTest::addColumn<QString>("mutation");
    QTest::addColumn<QByteArray>("passphrase");
    QTest::addColumn<ProfileExportError::Kind>("kind");
    using K = ProfileExportError::Kind;
    QTest::newRow("wrong_passphrase_is_named")
        << "none" << QByteArray("wrong") << K::WrongPassphrase;
    QTest::newRow("missing_passphrase_is_required")
        << "none" << QByteArray() << K::PassphraseRequired;
    QTest::newRow("truncated_file_is_malformed_json") << "truncate" << Good << K::MalformedJson;
    QTest::newRow("tampered_tag_is_tampered") << "tag" << Good << K::Tampered;
    QTest::newRow("tampered_ciphertext_is_tampered") << "ciphertext" << Good << K::Tampered;
    QTest::newRow("changed_issuer_is_tampered") << "issuer" << Good << K::Tampered;
    QTest::newRow("renamed_profile_is_tampered") << "rename" << Good << K::Tampered;
    QTest::newRow("changed_salt_is_wrong_passphrase") << "salt" << Good << K::WrongPassphrase;
    QTest::newRow("short_iv_is_tampered") << "short_iv" << Good << K::Tampered;
    QTest::newRow("newer_version_is_unsupported") << "version_2" << Good << K::UnsupportedVersion;
    QTest::newRow("missing_version_is_unsupported")
        << "no_version" << Good << K::UnsupportedVersion;
    QTest::newRow("other_format_is_not_an_export") << "format" << Good << K::NotAnExport;
    QTest::newRow("a_profile_file_is_not_an_export") << "profile_file" << Good << K::NotAnExport;
    QTest::newRow("duplicate_names_are_rejected") << "dup_name" << Good << K::DuplicateName;
    QTest::newRow("duplicate_ids_are_rejected") << "dup_id" << Good << K::DuplicateId;
    QTest::newRow("scrypt_n_2_21_is_refused") << "kdf_n_big" << Good << K::KdfParameters;
    QTest::newRow("scrypt_r_0_is_refused") << "kdf_r_zero" << Good << K::KdfParameters;
    QTest::newRow("unknown_cipher_is_invalid") << "cipher" << Good << K::InvalidField;
    QTest::newRow("profile_with_bad_field_is_invalid") << "bad_field" << Good << K::InvalidField;
    QTest::newRow("ciphertext_not_base64_is_invalid") << "not_base64" << Good << K::InvalidField;
}

void TestProfileExport::readRejects()
{
    QFETCH(QString, mutation);
    QFETCH(QByteArray, passphrase);
    QFETCH(ProfileExportError::Kind, kind);
    const QByteArray original = encryptedExport(Good);
    QVERIFY(!original.isEmpty());
    QVERIFY(ProfileExport::read(original, Good).ok()); // the unchanged file opens

    QJsonObject document = parse(original);
    QByteArray bytes;
    const QString m = mutation;
    if (m == QLatin1String("none")) {
        bytes = original;
    } else if (m == QLatin1String("truncate")) {
        bytes = original.left(original.size() * 2 / 3);
    } else if (m == QLatin1String("tag") || m == QLatin1String("ciphertext")) {
        bytes = serialize(flipBit(document, m));
    } else if (m == QLatin1String("issuer")) {
        QJsonArray profiles = document.value(QStringLiteral("profiles")).toArray();
        QJsonObject profile = profiles.at(1).toObject();
        QJsonObject provider = profile.value(QStringLiteral("provider")).toObject();
        provider.insert(QStringLiteral("issuer"), QStringLiteral("https://attacker.example"));
        profile.insert(QStringLiteral("provider"), provider);
        profiles.replace(1, profile);
        document.insert(QStringLiteral("profiles"), profiles);
        bytes = serialize(document);
    } else if (m == QLatin1String("rename")) {
        bytes = serialize(
            setProfileMember(document, 0, QStringLiteral("name"), QStringLiteral("renamed")));
    } else if (m == QLatin1String("salt")) {
        bytes = serialize(setKdf(document, QStringLiteral("salt"),
                                 QString::fromLatin1(randomBytes(16).toBase64())));
    } else if (m == QLatin1String("short_iv")) {
        QJsonObject encrypted = document.value(QStringLiteral("encrypted_secrets")).toObject();
        encrypted.insert(QStringLiteral("iv"), QString::fromLatin1(randomBytes(8).toBase64()));
        document.insert(QStringLiteral("encrypted_secrets"), encrypted);
        bytes = serialize(document);
    } else if (m == QLatin1String("version_2")) {
        document.insert(QStringLiteral("version"), 2);
        bytes = serialize(document);
    } else if (m == QLatin1String("no_version")) {
        document.remove(QStringLiteral("version"));
        bytes = serialize(document);
    } else if (m == QLatin1String("format")) {
        document.insert(QStringLiteral("format"), QStringLiteral("something-else"));
        bytes = serialize(document);
    } else if (m == QLatin1String("profile_file")) {
        bytes = serialize(document.value(QStringLiteral("profiles")).toArray().at(0).toObject());
    } else if (m == QLatin1String("dup_name")) {
        bytes = serialize(
            setProfileMember(document, 1, QStringLiteral("name"), QStringLiteral("alpha")));
    } else if (m == QLatin1String("dup_id")) {
        bytes = serialize(setProfileMember(document, 1, QStringLiteral("id"),
                                           m_profiles.at(0).id.toString(QUuid::WithoutBraces)));
    } else if (m == QLatin1String("kdf_n_big")) {
        bytes = serialize(setKdf(document, QStringLiteral("n"), double(1 << 21)));
    } else if (m == QLatin1String("kdf_r_zero")) {
        bytes = serialize(setKdf(document, QStringLiteral("r"), 0));
    } else if (m == QLatin1String("cipher")) {
        QJsonObject encrypted = document.value(QStringLiteral("encrypted_secrets")).toObject();
        encrypted.insert(QStringLiteral("cipher"), QStringLiteral("AES-128-CBC"));
        document.insert(QStringLiteral("encrypted_secrets"), encrypted);
        bytes = serialize(document);
    } else if (m == QLatin1String("bad_field")) {
        bytes = serialize(setProfileMember(document, 0, QStringLiteral("client"), 42));
    } else if (m == QLatin1String("not_base64")) {
        QJsonObject encrypted = document.value(QStringLiteral("encrypted_secrets")).toObject();
        encrypted.insert(QStringLiteral("ciphertext"), QStringLiteral("*not base64*"));
        document.insert(QStringLiteral("encrypted_secrets"), encrypted);
        bytes = serialize(document);
    } else {
        QFAIL("unknown mutation");
    }

    const ExportReadResult read = ProfileExport::read(bytes, passphrase);
    QCOMPARE(read.error.kind, kind);
    QVERIFY(!read.error.message.isEmpty());
    QVERIFY(!read.error.message.contains(
        QString::fromLatin1(passphrase.isEmpty() ? "\x01" : passphrase)));
    QVERIFY(read.secrets.isEmpty()); // nothing of the secrets leaks out of a failed read
}

void TestProfileExport::withoutPassphraseTheProfilesAreStillPreviewed()
{
    const ExportReadResult read = ProfileExport::read(encryptedExport(Good), {});
    QCOMPARE(read.error.kind, ProfileExportError::Kind::PassphraseRequired);
    QVERIFY(read.hasEncryptedSecrets);
    QCOMPARE(read.profiles.size(), 2);
    QCOMPARE(read.profiles.at(1).name, QStringLiteral("beta"));
}

void TestProfileExport::scryptMatchesRfc7914Vector()
{
    // RFC 7914 §12, the second vector: P="password", S="NaCl", N=1024, r=8, p=16, dkLen=64.
    const QByteArray key = ProfileExport::deriveKey("password", "NaCl", {1024, 8, 16}, 64);
    QCOMPARE(key.toHex(),
             QByteArray("fdbabe1c9d3472007856e7190d01e9fe7c6ad7cbc8237830e77376634b373162"
                        "2eaf30d92e22a3886ff109279d9830dac727afb94a83ee6d8360cbdfa2cc0640"));
}

void TestProfileExport::defaultCostTakesMeasuredTime()
{
    const ScryptParameters defaults;
    QCOMPARE(defaults.n, quint64(1) << 15);
    QCOMPARE(defaults.r, 8u);
    QCOMPARE(defaults.p, 1u);
    QVERIFY(defaults.whyOutOfRange().isEmpty());
    QElapsedTimer timer;
    timer.start();
    const QByteArray key = ProfileExport::deriveKey(Good, randomBytes(16), defaults, 64);
    const qint64 ms = timer.elapsed();
    QCOMPARE(key.size(), 64); // 32 MiB of scrypt memory: above OpenSSL's default maxmem
    qInfo("scrypt N=2^15 r=8 p=1 derive: %lld ms", ms);
}

QTEST_GUILESS_MAIN(TestProfileExport)
#include "TestProfileExport.moc"
