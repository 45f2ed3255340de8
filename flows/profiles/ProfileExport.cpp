#include "ProfileExport.h"

#include "ProfileJson.h"
#include "common/JsonReader.h"
#include "common/RandomSource.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QMessageAuthenticationCode>
#include <QSet>

#include <openssl/core_names.h>
#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/kdf.h>
#include <openssl/params.h>

#include <memory>

namespace Tokenscope::Profiles {

namespace {

constexpr int SaltBytes = 16;
constexpr int IvBytes = 12; // the GCM nonce size NIST SP 800-38D recommends
constexpr int TagBytes = 16;
constexpr int KeyBytes = 32;
constexpr quint64 MaxScryptMemory = quint64(256) * 1024 * 1024;
const char KeyCheckLabel[] = "tokenscope-profile-export key check";

QString cipherName()
{
    return QStringLiteral("AES-256-GCM");
}

struct KdfCtxFree
{
    void operator()(EVP_KDF_CTX *ctx) const { EVP_KDF_CTX_free(ctx); }
};
struct CipherCtxFree
{
    void operator()(EVP_CIPHER_CTX *ctx) const { EVP_CIPHER_CTX_free(ctx); }
};
using KdfCtxPtr = std::unique_ptr<EVP_KDF_CTX, KdfCtxFree>;
using CipherCtxPtr = std::unique_ptr<EVP_CIPHER_CTX, CipherCtxFree>;

void wipe(QByteArray &bytes)
{
    if (!bytes.isEmpty()) {
        OPENSSL_cleanse(bytes.data(), size_t(bytes.size()));
    }
}

QString base64(const QByteArray &bytes)
{
    return QString::fromLatin1(bytes.toBase64());
}

bool fromBase64(const QJsonValue &value, QByteArray *out)
{
    if (!value.isString()) {
        return false;
    }
    const auto decoded = QByteArray::fromBase64Encoding(value.toString().toLatin1(),
                                                        QByteArray::AbortOnBase64DecodingErrors);
    if (!decoded) {
        return false;
    }
    *out = *decoded;
    return true;
}

QByteArray keyCheck(const QByteArray &checkKey)
{
    return QMessageAuthenticationCode::hash(QByteArray(KeyCheckLabel), checkKey,
                                            QCryptographicHash::Sha256);
}

// Everything the GCM tag authenticates besides the ciphertext: the header, the KDF record
// and every exported profile (placeholders included), as compact JSON (sorted keys).
QByteArray additionalData(int version, const QJsonObject &kdf, const QJsonArray &profiles)
{
    return QJsonDocument(QJsonObject{{QStringLiteral("format"), ProfileExport::formatName()},
                                     {QStringLiteral("version"), version},
                                     {QStringLiteral("cipher"), cipherName()},
                                     {QStringLiteral("kdf"), kdf},
                                     {QStringLiteral("profiles"), profiles}})
        .toJson(QJsonDocument::Compact);
}

bool gcmEncrypt(const QByteArray &key, const QByteArray &iv, const QByteArray &aad,
                const QByteArray &plaintext, QByteArray *ciphertext, QByteArray *tag)
{
    CipherCtxPtr ctx(EVP_CIPHER_CTX_new());
    int length = 0;
    if (!ctx || EVP_EncryptInit_ex(ctx.get(), EVP_aes_256_gcm(), nullptr, nullptr, nullptr) != 1 ||
        EVP_CIPHER_CTX_ctrl(ctx.get(), EVP_CTRL_GCM_SET_IVLEN, IvBytes, nullptr) != 1 ||
        EVP_EncryptInit_ex(ctx.get(), nullptr, nullptr,
                           reinterpret_cast<const unsigned char *>(key.constData()),
                           reinterpret_cast<const unsigned char *>(iv.constData())) != 1 ||
        EVP_EncryptUpdate(ctx.get(), nullptr, &length,
                          reinterpret_cast<const unsigned char *>(aad.constData()),
                          int(aad.size())) != 1) {
        return false;
    }
    ciphertext->resize(plaintext.size() + 16);
    if (EVP_EncryptUpdate(ctx.get(), reinterpret_cast<unsigned char *>(ciphertext->data()), &length,
                          reinterpret_cast<const unsigned char *>(plaintext.constData()),
                          int(plaintext.size())) != 1) {
        return false;
    }
    int total = length;
    if (EVP_EncryptFinal_ex(ctx.get(),
                            reinterpret_cast<unsigned char *>(ciphertext->data()) + total,
                            &length) != 1) {
        return false;
    }
    total += length;
    ciphertext->resize(total);
    tag->resize(TagBytes);
    return EVP_CIPHER_CTX_ctrl(ctx.get(), EVP_CTRL_GCM_GET_TAG, TagBytes, tag->data()) == 1;
}

// False when the tag does not verify (or OpenSSL failed): nothing of the plaintext is kept.
bool gcmDecrypt(const QByteArray &key, const QByteArray &iv, const QByteArray &aad,
                const QByteArray &ciphertext, QByteArray tag, QByteArray *plaintext)
{
    CipherCtxPtr ctx(EVP_CIPHER_CTX_new());
    int length = 0;
    if (!ctx || EVP_DecryptInit_ex(ctx.get(), EVP_aes_256_gcm(), nullptr, nullptr, nullptr) != 1 ||
        EVP_CIPHER_CTX_ctrl(ctx.get(), EVP_CTRL_GCM_SET_IVLEN, int(iv.size()), nullptr) != 1 ||
        EVP_DecryptInit_ex(ctx.get(), nullptr, nullptr,
                           reinterpret_cast<const unsigned char *>(key.constData()),
                           reinterpret_cast<const unsigned char *>(iv.constData())) != 1 ||
        EVP_DecryptUpdate(ctx.get(), nullptr, &length,
                          reinterpret_cast<const unsigned char *>(aad.constData()),
                          int(aad.size())) != 1) {
        return false;
    }
    QByteArray out(ciphertext.size() + 16, Qt::Uninitialized);
    if (EVP_DecryptUpdate(ctx.get(), reinterpret_cast<unsigned char *>(out.data()), &length,
                          reinterpret_cast<const unsigned char *>(ciphertext.constData()),
                          int(ciphertext.size())) != 1) {
        wipe(out);
        return false;
    }
    int total = length;
    if (EVP_CIPHER_CTX_ctrl(ctx.get(), EVP_CTRL_GCM_SET_TAG, int(tag.size()), tag.data()) != 1 ||
        EVP_DecryptFinal_ex(ctx.get(), reinterpret_cast<unsigned char *>(out.data()) + total,
                            &length) != 1) {
        wipe(out);
        return false;
    }
    total += length;
    out.resize(total);
    *plaintext = out;
    return true;
}

QJsonObject kdfJson(const ScryptParameters &parameters, const QByteArray &salt)
{
    return QJsonObject{{QStringLiteral("name"), QStringLiteral("scrypt")},
                       {QStringLiteral("n"), double(parameters.n)},
                       {QStringLiteral("r"), double(parameters.r)},
                       {QStringLiteral("p"), double(parameters.p)},
                       {QStringLiteral("salt"), base64(salt)}};
}

bool readCount(const QJsonObject &object, const QString &member, quint64 *out)
{
    const QJsonValue value = object.value(member);
    const double number = value.toDouble(-1);
    if (!value.isDouble() || number < 0 || number > 9007199254740992.0 ||
        number != double(quint64(number))) {
        return false;
    }
    *out = quint64(number);
    return true;
}

} // namespace

QString ScryptParameters::whyOutOfRange() const
{
    if (n < 1024 || n > (quint64(1) << 20) || (n & (n - 1)) != 0) {
        return ProfileExport::tr("scrypt n must be a power of two from 2^10 to 2^20, not %1")
            .arg(n);
    }
    if (r < 1 || r > 32) {
        return ProfileExport::tr("scrypt r must be from 1 to 32, not %1").arg(r);
    }
    if (p < 1 || p > 16) {
        return ProfileExport::tr("scrypt p must be from 1 to 16, not %1").arg(p);
    }
    if (128 * n * r > MaxScryptMemory) {
        return ProfileExport::tr("scrypt n and r ask for more than 256 MiB of memory");
    }
    return {};
}

QString ProfileExport::formatName()
{
    return QStringLiteral("tokenscope-profile-export");
}

QString ProfileExport::notExportedPlaceholder()
{
    return QStringLiteral("<not exported>");
}

QString ProfileExport::encryptedPlaceholder()
{
    return QStringLiteral("<encrypted>");
}

QByteArray ProfileExport::deriveKey(const QByteArray &passphrase, const QByteArray &salt,
                                    const ScryptParameters &parameters, int length)
{
    EVP_KDF *kdf = EVP_KDF_fetch(nullptr, "SCRYPT", nullptr);
    if (kdf == nullptr) {
        return {};
    }
    KdfCtxPtr ctx(EVP_KDF_CTX_new(kdf));
    EVP_KDF_free(kdf);
    if (!ctx) {
        return {};
    }
    QByteArray password(passphrase.constData(), passphrase.size()); // OSSL_PARAM wants non-const
    QByteArray saltCopy(salt.constData(), salt.size());
    uint64_t n = parameters.n;
    uint32_t r = parameters.r;
    uint32_t p = parameters.p;
    uint64_t maxMemory = MaxScryptMemory + 1024 * 1024;
    const OSSL_PARAM params[] = {
        OSSL_PARAM_construct_octet_string(OSSL_KDF_PARAM_PASSWORD, password.data(),
                                          size_t(password.size())),
        OSSL_PARAM_construct_octet_string(OSSL_KDF_PARAM_SALT, saltCopy.data(),
                                          size_t(saltCopy.size())),
        OSSL_PARAM_construct_uint64(OSSL_KDF_PARAM_SCRYPT_N, &n),
        OSSL_PARAM_construct_uint32(OSSL_KDF_PARAM_SCRYPT_R, &r),
        OSSL_PARAM_construct_uint32(OSSL_KDF_PARAM_SCRYPT_P, &p),
        OSSL_PARAM_construct_uint64(OSSL_KDF_PARAM_SCRYPT_MAXMEM, &maxMemory),
        OSSL_PARAM_construct_end(),
    };
    QByteArray key(length, Qt::Uninitialized);
    const bool ok = EVP_KDF_derive(ctx.get(), reinterpret_cast<unsigned char *>(key.data()),
                                   size_t(length), params) == 1;
    wipe(password);
    if (!ok) {
        wipe(key);
        return {};
    }
    return key;
}

ExportWriteResult ProfileExport::write(const QList<Profile> &profiles,
                                       const QHash<QUuid, SecretValues> &secrets,
                                       const ExportOptions &options, RandomSource &random,
                                       const QDateTime &now)
{
    ExportWriteResult result;
    QSet<QString> names;
    QSet<QUuid> ids;
    for (const Profile &profile : profiles) {
        if (names.contains(profile.name)) {
            result.error = {ProfileExportError::Kind::DuplicateName,
                            tr("two profiles are named “%1”").arg(profile.name),
                            QStringLiteral("name")};
            return result;
        }
        if (ids.contains(profile.id)) {
            result.error = {ProfileExportError::Kind::DuplicateId,
                            tr("two profiles have the id %1").arg(profile.id.toString()),
                            QStringLiteral("id")};
            return result;
        }
        names.insert(profile.name);
        ids.insert(profile.id);
    }
    if (options.includeSecrets) {
        if (options.passphrase.isEmpty()) {
            result.error = {ProfileExportError::Kind::PassphraseRequired,
                            tr("exporting secrets needs a passphrase"),
                            {}};
            return result;
        }
        if (const QString why = options.kdf.whyOutOfRange(); !why.isEmpty()) {
            result.error = {ProfileExportError::Kind::KdfParameters, why, {}};
            return result;
        }
    }

    QJsonArray profilesJson;
    QJsonObject plaintextJson;
    for (const Profile &profile : profiles) {
        QJsonObject json = ProfileJson::toJson(profile);
        QJsonObject secretsJson = json.value(QStringLiteral("secrets")).toObject();
        QJsonObject delivered;
        const SecretValues values = secrets.value(profile.id);
        for (auto it = profile.secrets.cbegin(); it != profile.secrets.cend(); ++it) {
            if (it.value().location != SecretRef::Location::SecretStore) {
                continue;
            }
            const QString kind = SecretKey::kindName(it.key());
            const bool deliver = options.includeSecrets && values.contains(it.key());
            QJsonObject ref = secretsJson.value(kind).toObject();
            ref.insert(QStringLiteral("value"),
                       deliver ? encryptedPlaceholder() : notExportedPlaceholder());
            secretsJson.insert(kind, ref);
            if (deliver) {
                delivered.insert(kind, base64(values.value(it.key())));
            }
        }
        json.insert(QStringLiteral("secrets"), secretsJson);
        profilesJson.append(json);
        if (!delivered.isEmpty()) {
            plaintextJson.insert(profile.id.toString(QUuid::WithoutBraces), delivered);
        }
    }

    QJsonObject document{
        {QStringLiteral("format"), formatName()},
        {QStringLiteral("version"), CurrentVersion},
        {QStringLiteral("exported_at"), now.toUTC().toString(Qt::ISODate)},
        {QStringLiteral("profiles"), profilesJson},
        {QStringLiteral("encrypted_secrets"), QJsonValue::Null},
    };

    if (options.includeSecrets) {
        const QByteArray salt = random.bytes(SaltBytes);
        const QByteArray iv = random.bytes(IvBytes);
        if (salt.size() != SaltBytes || iv.size() != IvBytes) {
            result.error = {
                ProfileExportError::Kind::Crypto, tr("the random generator failed"), {}};
            return result;
        }
        QByteArray keys = deriveKey(options.passphrase, salt, options.kdf, 2 * KeyBytes);
        if (keys.isEmpty()) {
            result.error = {ProfileExportError::Kind::Crypto, tr("scrypt failed"), {}};
            return result;
        }
        QByteArray key = keys.left(KeyBytes);
        const QByteArray check = keyCheck(keys.mid(KeyBytes));
        const QJsonObject kdf = kdfJson(options.kdf, salt);
        QByteArray plaintext = QJsonDocument(plaintextJson).toJson(QJsonDocument::Compact);
        QByteArray ciphertext;
        QByteArray tag;
        const bool encrypted =
            gcmEncrypt(key, iv, additionalData(CurrentVersion, kdf, profilesJson), plaintext,
                       &ciphertext, &tag);
        wipe(plaintext);
        wipe(keys);
        wipe(key);
        if (!encrypted) {
            result.error = {ProfileExportError::Kind::Crypto, tr("AES-256-GCM failed"), {}};
            return result;
        }
        document.insert(QStringLiteral("encrypted_secrets"),
                        QJsonObject{{QStringLiteral("cipher"), cipherName()},
                                    {QStringLiteral("kdf"), kdf},
                                    {QStringLiteral("iv"), base64(iv)},
                                    {QStringLiteral("key_check"), base64(check)},
                                    {QStringLiteral("ciphertext"), base64(ciphertext)},
                                    {QStringLiteral("tag"), base64(tag)}});
    }
    result.document = QJsonDocument(document).toJson(QJsonDocument::Indented);
    return result;
}

ExportReadResult ProfileExport::read(const QByteArray &bytes, const QByteArray &passphrase)
{
    ExportReadResult result;
    auto fail = [&result](ProfileExportError::Kind kind, const QString &message,
                          const QString &field = {}) {
        result.error = {kind, message, field};
        return result;
    };

    const JsonParseResult parsed = JsonReader::parse(bytes);
    if (!parsed.ok) {
        return fail(ProfileExportError::Kind::MalformedJson, parsed.message);
    }
    const QJsonObject document = parsed.document.object();
    if (!parsed.document.isObject() ||
        document.value(QStringLiteral("format")).toString() != formatName()) {
        return fail(ProfileExportError::Kind::NotAnExport,
                    tr("not a Tokenscope profile export (no \"format\": \"%1\")").arg(formatName()),
                    QStringLiteral("format"));
    }
    const QJsonValue versionValue = document.value(QStringLiteral("version"));
    if (!versionValue.isDouble() || versionValue.toDouble() != CurrentVersion) {
        return fail(ProfileExportError::Kind::UnsupportedVersion,
                    tr("export version %1 is not supported (this Tokenscope reads version %2)")
                        .arg(versionValue.isDouble() ? QString::number(versionValue.toDouble())
                                                     : tr("(missing)"))
                        .arg(CurrentVersion),
                    QStringLiteral("version"));
    }
    const QJsonValue profilesValue = document.value(QStringLiteral("profiles"));
    if (!profilesValue.isArray()) {
        return fail(ProfileExportError::Kind::InvalidField, tr("profiles must be an array"),
                    QStringLiteral("profiles"));
    }
    const QJsonArray profilesJson = profilesValue.toArray();
    QSet<QString> names;
    QSet<QUuid> ids;
    QHash<QUuid, QList<SecretKind>> placeholders; // keychain references, per profile
    for (qsizetype i = 0; i < profilesJson.size(); ++i) {
        const QString where = QStringLiteral("profiles[%1]").arg(i);
        if (!profilesJson.at(i).isObject()) {
            return fail(ProfileExportError::Kind::InvalidField,
                        tr("%1 must be an object").arg(where), where);
        }
        const ProfileParseResult profile = ProfileJson::fromJson(profilesJson.at(i).toObject());
        if (profile.error.isError()) {
            return fail(ProfileExportError::Kind::InvalidField,
                        where + QStringLiteral(": ") + profile.error.message,
                        where + u'.' + profile.error.field);
        }
        if (names.contains(profile.profile.name)) {
            return fail(ProfileExportError::Kind::DuplicateName,
                        tr("two profiles are named “%1”").arg(profile.profile.name),
                        where + QStringLiteral(".name"));
        }
        if (ids.contains(profile.profile.id)) {
            return fail(ProfileExportError::Kind::DuplicateId,
                        tr("two profiles have the id %1").arg(profile.profile.id.toString()),
                        where + QStringLiteral(".id"));
        }
        names.insert(profile.profile.name);
        ids.insert(profile.profile.id);
        Profile p = profile.profile;
        for (auto it = p.secrets.begin(); it != p.secrets.end();) {
            if (it.value().location == SecretRef::Location::SecretStore) {
                placeholders[p.id].append(it.key());
                it = p.secrets.erase(it); // back only when this document delivers the value
            } else {
                ++it;
            }
        }
        result.profiles.append(p);
    }
    // Until the secrets are open, every keychain secret counts as left out.
    result.secretsLeftOut = placeholders;

    const QJsonValue encryptedValue = document.value(QStringLiteral("encrypted_secrets"));
    if (encryptedValue.isUndefined() || encryptedValue.isNull()) {
        return result;
    }
    if (!encryptedValue.isObject()) {
        return fail(ProfileExportError::Kind::InvalidField,
                    tr("encrypted_secrets must be an object or null"),
                    QStringLiteral("encrypted_secrets"));
    }
    result.hasEncryptedSecrets = true;
    const QJsonObject encrypted = encryptedValue.toObject();
    if (encrypted.value(QStringLiteral("cipher")).toString() != cipherName()) {
        return fail(ProfileExportError::Kind::InvalidField,
                    tr("encrypted_secrets.cipher must be “%1”").arg(cipherName()),
                    QStringLiteral("encrypted_secrets.cipher"));
    }
    const QJsonObject kdf = encrypted.value(QStringLiteral("kdf")).toObject();
    quint64 n = 0;
    quint64 r = 0;
    quint64 p = 0;
    QByteArray salt;
    if (kdf.value(QStringLiteral("name")).toString() != QLatin1String("scrypt") ||
        !readCount(kdf, QStringLiteral("n"), &n) || !readCount(kdf, QStringLiteral("r"), &r) ||
        !readCount(kdf, QStringLiteral("p"), &p) ||
        !fromBase64(kdf.value(QStringLiteral("salt")), &salt) || salt.size() < 8) {
        return fail(ProfileExportError::Kind::InvalidField,
                    tr("encrypted_secrets.kdf must be {\"name\": \"scrypt\", \"n\", \"r\", \"p\", "
                       "\"salt\"}"),
                    QStringLiteral("encrypted_secrets.kdf"));
    }
    result.kdf = {n, quint32(qMin<quint64>(r, 0xffffffffu)),
                  quint32(qMin<quint64>(p, 0xffffffffu))};
    if (const QString why = result.kdf.whyOutOfRange(); !why.isEmpty()) {
        return fail(ProfileExportError::Kind::KdfParameters, why,
                    QStringLiteral("encrypted_secrets.kdf"));
    }
    QByteArray iv;
    QByteArray check;
    QByteArray ciphertext;
    QByteArray tag;
    const struct
    {
        const char *name;
        QByteArray *out;
    } fields[] = {{"iv", &iv}, {"key_check", &check}, {"ciphertext", &ciphertext}, {"tag", &tag}};
    for (const auto &field : fields) {
        const QString name = QString::fromLatin1(field.name);
        if (!fromBase64(encrypted.value(name), field.out)) {
            return fail(ProfileExportError::Kind::InvalidField,
                        tr("encrypted_secrets.%1 must be base64").arg(name),
                        QStringLiteral("encrypted_secrets.") + name);
        }
    }
    if (iv.size() != IvBytes || tag.size() != TagBytes || check.size() != 32) {
        return fail(ProfileExportError::Kind::Tampered,
                    tr("the encrypted secrets' iv, tag or key check has the wrong length"),
                    QStringLiteral("encrypted_secrets"));
    }
    if (passphrase.isEmpty()) {
        return fail(ProfileExportError::Kind::PassphraseRequired,
                    tr("the file holds encrypted secrets: a passphrase is needed to import them"));
    }

    QByteArray keys = deriveKey(passphrase, salt, result.kdf, 2 * KeyBytes);
    if (keys.isEmpty()) {
        return fail(ProfileExportError::Kind::Crypto, tr("scrypt failed"));
    }
    const QByteArray expectedCheck = keyCheck(keys.mid(KeyBytes));
    if (CRYPTO_memcmp(expectedCheck.constData(), check.constData(), size_t(check.size())) != 0) {
        wipe(keys);
        return fail(ProfileExportError::Kind::WrongPassphrase,
                    tr("the passphrase does not open the encrypted secrets"));
    }
    QByteArray plaintext;
    const bool opened =
        gcmDecrypt(keys.left(KeyBytes), iv, additionalData(CurrentVersion, kdf, profilesJson),
                   ciphertext, tag, &plaintext);
    wipe(keys);
    if (!opened) {
        return fail(ProfileExportError::Kind::Tampered,
                    tr("the file was changed after it was exported: the encrypted secrets or the "
                       "profiles they belong to do not match their authentication tag"));
    }
    const QJsonDocument secretsDocument = QJsonDocument::fromJson(plaintext);
    wipe(plaintext);
    const QJsonObject secretsJson = secretsDocument.object();
    for (Profile &profile : result.profiles) {
        const QJsonObject values =
            secretsJson.value(profile.id.toString(QUuid::WithoutBraces)).toObject();
        QList<SecretKind> &leftOut = result.secretsLeftOut[profile.id];
        for (auto it = values.constBegin(); it != values.constEnd(); ++it) {
            const std::optional<SecretKind> kind = SecretKey::kindFromName(it.key());
            QByteArray value;
            if (!kind || !fromBase64(it.value(), &value)) {
                return fail(ProfileExportError::Kind::InvalidField,
                            tr("the encrypted secrets hold an unknown kind or a bad value"),
                            QStringLiteral("encrypted_secrets"));
            }
            result.secrets[profile.id].insert(*kind, value);
            profile.secrets.insert(*kind, SecretRef{SecretRef::Location::SecretStore, {}});
            leftOut.removeAll(*kind);
        }
        if (leftOut.isEmpty()) {
            result.secretsLeftOut.remove(profile.id);
        }
    }
    return result;
}

} // namespace Tokenscope::Profiles
