#include "JweDecryptor.h"

#include "Base64Url.h"
#include "JsonDuplicates.h"
#include "JwsSigner.h"
#include "OpenSslPtr.h"
#include "common/JsonReader.h"
#include "common/Utf8.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QStringList>

#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/rsa.h>

#ifdef TOKENSCOPE_HAVE_LIBJOSE
extern "C" {
#include <jose/jose.h>
}
#include <cstdarg>
#include <cstdio>
#include <cstdlib>
#endif

namespace Tokenscope::Jose {

namespace {

const QStringList &keyAlgorithms()
{
    static const QStringList names{QStringLiteral("RSA-OAEP"),
                                   QStringLiteral("RSA-OAEP-256"),
                                   QStringLiteral("RSA1_5"),
                                   QStringLiteral("A128KW"),
                                   QStringLiteral("A192KW"),
                                   QStringLiteral("A256KW"),
                                   QStringLiteral("A128GCMKW"),
                                   QStringLiteral("A192GCMKW"),
                                   QStringLiteral("A256GCMKW"),
                                   QStringLiteral("ECDH-ES"),
                                   QStringLiteral("ECDH-ES+A128KW"),
                                   QStringLiteral("ECDH-ES+A192KW"),
                                   QStringLiteral("ECDH-ES+A256KW"),
                                   QStringLiteral("PBES2-HS256+A128KW"),
                                   QStringLiteral("PBES2-HS384+A192KW"),
                                   QStringLiteral("PBES2-HS512+A256KW"),
                                   QStringLiteral("dir")};
    return names;
}

const QStringList &contentAlgorithms()
{
    static const QStringList names{QStringLiteral("A128CBC-HS256"), QStringLiteral("A192CBC-HS384"),
                                   QStringLiteral("A256CBC-HS512"), QStringLiteral("A128GCM"),
                                   QStringLiteral("A192GCM"),       QStringLiteral("A256GCM")};
    return names;
}

JweDecryptor::Result failed(JweDecryptor::Result result, JoseError::Kind kind,
                            const QString &message)
{
    result.error = {kind, message};
    return result;
}

#ifdef TOKENSCOPE_HAVE_LIBJOSE
struct JsonDeleter
{
    void operator()(json_t *json) const { json_decref(json); }
};
using JsonPtr = std::unique_ptr<json_t, JsonDeleter>;
struct CfgDeleter
{
    void operator()(jose_cfg_t *cfg) const { jose_cfg_decref(cfg); }
};
using CfgPtr = std::unique_ptr<jose_cfg_t, CfgDeleter>;

// libjose 11 (Debian 12) cannot use RSA keys with OpenSSL 3: its RSA key wrapping fails
// outright. So the RSA key unwrap is OpenSSL's EVP with the padding JWA names (RFC 7518
// §4.2, §4.3), and libjose decrypts the content with the unwrapped CEK. Tries each RSA
// private key given (a JWK or the keys of a JWK Set); empty when none unwraps.
QByteArray unwrapRsa(const QString &alg, const QByteArray &encryptedKey, const QJsonObject &keys)
{
    QJsonArray candidates = keys.value(QLatin1String("keys")).toArray();
    if (!keys.contains(QLatin1String("keys")))
        candidates.append(keys);
    for (const QJsonValue &candidate : candidates) {
        const QJsonObject jwk = candidate.toObject();
        if (jwk.value(QLatin1String("kty")).toString() != QLatin1String("RSA") ||
            !jwk.contains(QLatin1String("d")))
            continue;
        const JwsSigner::Key key =
            JwsSigner::Key::fromJwk(QJsonDocument(jwk).toJson(QJsonDocument::Compact));
        if (key.isNull() || !key.pkey())
            continue;
        const OpenSsl::PkeyCtxPtr context(EVP_PKEY_CTX_new(key.pkey(), nullptr));
        if (!context || EVP_PKEY_decrypt_init(context.get()) <= 0)
            continue;
        const bool oaep = alg != QLatin1String("RSA1_5");
        if (EVP_PKEY_CTX_set_rsa_padding(context.get(),
                                         oaep ? RSA_PKCS1_OAEP_PADDING : RSA_PKCS1_PADDING) <= 0)
            continue;
        if (alg == QLatin1String("RSA-OAEP-256") &&
            (EVP_PKEY_CTX_set_rsa_oaep_md(context.get(), EVP_sha256()) <= 0 ||
             EVP_PKEY_CTX_set_rsa_mgf1_md(context.get(), EVP_sha256()) <= 0))
            continue;
        const auto *in = reinterpret_cast<const unsigned char *>(encryptedKey.constData());
        std::size_t size = 0;
        if (EVP_PKEY_decrypt(context.get(), nullptr, &size, in, std::size_t(encryptedKey.size())) <=
            0)
            continue;
        QByteArray cek(qsizetype(size), '\0');
        if (EVP_PKEY_decrypt(context.get(), reinterpret_cast<unsigned char *>(cek.data()), &size,
                             in, std::size_t(encryptedKey.size())) <= 0) {
            OPENSSL_cleanse(cek.data(), std::size_t(cek.size()));
            continue;
        }
        cek.truncate(qsizetype(size));
        return cek;
    }
    return {};
}

// libjose reports through this instead of writing to stderr; the last message is kept.
void collectError(void *misc, const char *, int, uint64_t, const char *format, va_list arguments)
{
    char text[256];
    std::vsnprintf(text, sizeof text, format, arguments);
    *static_cast<QByteArray *>(misc) = QByteArray(text);
}
#endif

} // namespace

bool JweDecryptor::isAvailable()
{
#ifdef TOKENSCOPE_HAVE_LIBJOSE
    return true;
#else
    return false;
#endif
}

JweDecryptor::Result JweDecryptor::decrypt(const QByteArray &compact, const QByteArray &keys,
                                           const JwsLimits &limits)
{
    Result result;
    if (compact.size() > limits.maxTokenBytes)
        return failed(result, JoseError::Kind::TooLarge,
                      tr("The token is %1 bytes long; the limit is %2.")
                          .arg(compact.size())
                          .arg(limits.maxTokenBytes));
    int dots = 0;
    for (const char c : compact) {
        if (c == '.' && ++dots > 4)
            break;
    }
    if (dots != 4)
        return failed(result, JoseError::Kind::WrongSegmentCount,
                      tr("A compact JWE has five segments."));
    const QList<QByteArray> segments = compact.split('.');
    static const char *const names[] = {"protected header", "encrypted key", "IV", "ciphertext",
                                        "tag"};
    QList<QByteArray> decoded;
    for (int i = 0; i < 5; ++i) {
        QByteArray bytes;
        Base64Url::Problem problem = Base64Url::Problem::None;
        if (!Base64Url::decode(segments.at(i), &bytes, &problem))
            return failed(result, JoseError::Kind::InvalidBase64Url,
                          tr("The %1 is not valid base64url (%2).")
                              .arg(QString::fromLatin1(names[i]), Base64Url::problemName(problem)));
        decoded.append(bytes);
    }
    if (decoded.at(2).isEmpty() || decoded.at(3).isEmpty() || decoded.at(4).isEmpty())
        return failed(result, JoseError::Kind::MalformedJwsJson,
                      tr("The IV, the ciphertext and the tag of a JWE must not be empty."));

    const QByteArray &headerBytes = decoded.at(0);
    const JsonParseResult parsed = JsonReader::parse(headerBytes);
    if (!isValidUtf8(headerBytes) || !parsed.ok || !parsed.document.isObject())
        return failed(result, JoseError::Kind::HeaderNotObject,
                      tr("The JWE protected header is not a JSON object."));
    const QString duplicate = JsonDuplicates::firstDuplicate(headerBytes);
    if (!duplicate.isNull())
        return failed(result, JoseError::Kind::DuplicateMember,
                      tr("The header has the member \"%1\" twice.").arg(duplicate));
    result.header = parsed.document.object();
    const QJsonValue alg = result.header.value(QLatin1String("alg"));
    const QJsonValue enc = result.header.value(QLatin1String("enc"));
    if (!alg.isString() || !enc.isString())
        return failed(result, JoseError::Kind::MissingAlg,
                      tr("A JWE header needs \"alg\" and \"enc\" strings."));
    if (!keyAlgorithms().contains(alg.toString()))
        return failed(
            result, JoseError::Kind::UnsupportedAlg,
            tr("The key management algorithm \"%1\" is not supported.").arg(alg.toString()));
    if (!contentAlgorithms().contains(enc.toString()))
        return failed(result, JoseError::Kind::UnsupportedAlg,
                      tr("The content encryption \"%1\" is not supported.").arg(enc.toString()));
    if (result.header.contains(QLatin1String("zip")))
        return failed(result, JoseError::Kind::UnsupportedAlg,
                      tr("Compressed JWE (\"zip\") are refused: decompressing before the "
                         "sender is known invites compression bombs (RFC 8725 §3.6)."));
    if (result.header.contains(QLatin1String("crit")))
        return failed(result, JoseError::Kind::UnsupportedCrit,
                      tr("\"crit\" requires extensions that are not understood."));
    if (alg.toString() == QLatin1String("RSA1_5"))
        result.findings.append(Finding{QStringLiteral("jwe_alg_rsa1_5"), Finding::Status::Warn,
                                       tr("RSA1_5 key encryption is open to padding oracle "
                                          "attacks; RSA-OAEP is the safe choice."),
                                       QStringLiteral("RSA-OAEP"), alg.toString(),
                                       QStringLiteral("RFC 8725 §3.2, RFC 7518 §4.2")});
    if (alg.toString().startsWith(QLatin1String("PBES2"))) {
        const QJsonValue p2c = result.header.value(QLatin1String("p2c"));
        const double count = p2c.toDouble(-1);
        if (!p2c.isDouble() || count < 1 || count != double(qint64(count)))
            return failed(result, JoseError::Kind::MalformedJwsJson,
                          tr("PBES2 needs a positive whole \"p2c\"."));
        if (count > double(maximumPbes2Count))
            return failed(result, JoseError::Kind::TooLarge,
                          tr("\"p2c\" asks for %1 PBES2 iterations; more than %2 are refused "
                             "(the cost would be the attacker's choice).")
                              .arg(qint64(count))
                              .arg(maximumPbes2Count));
        if (count < 1000)
            result.findings.append(Finding{QStringLiteral("jwe_pbes2_count"), Finding::Status::Warn,
                                           tr("PBES2 with %1 iterations; at least 1000 are "
                                              "recommended.")
                                               .arg(qint64(count)),
                                           QStringLiteral("1000"), QString::number(qint64(count)),
                                           QStringLiteral("RFC 7518 §4.8.1.2")});
    }

    const JsonParseResult keyDocument = JsonReader::parse(keys);
    if (!keyDocument.ok || !keyDocument.document.isObject())
        return failed(result, JoseError::Kind::InvalidKey,
                      tr("The decryption key is not a JWK or a JWK Set."));
    const QString keyDuplicate = JsonDuplicates::firstDuplicate(keys);
    if (!keyDuplicate.isNull())
        return failed(result, JoseError::Kind::DuplicateMember,
                      tr("The key has the member \"%1\" twice.").arg(keyDuplicate));

#ifdef TOKENSCOPE_HAVE_LIBJOSE
    const JsonPtr jwe(json_object());
    const char *const members[] = {"protected", "encrypted_key", "iv", "ciphertext", "tag"};
    for (int i = 0; i < 5; ++i) {
        if (i == 1 && segments.at(i).isEmpty())
            continue; // dir and ECDH-ES have no encrypted key
        json_object_set_new(
            jwe.get(), members[i],
            json_stringn(segments.at(i).constData(), std::size_t(segments.at(i).size())));
    }
    json_error_t jsonError;
    const JsonPtr jwk(json_loadb(keys.constData(), std::size_t(keys.size()), 0, &jsonError));
    if (!jwk)
        return failed(result, JoseError::Kind::InvalidKey,
                      tr("The decryption key is not a JWK or a JWK Set."));
    QByteArray problem;
    const CfgPtr cfg(jose_cfg());
    jose_cfg_set_err_func(cfg.get(), collectError, &problem);
    std::size_t size = 0;
    void *plaintext = nullptr;
    if (alg.toString().startsWith(QLatin1String("RSA"))) {
        QByteArray cek = unwrapRsa(alg.toString(), decoded.at(1), keyDocument.document.object());
        if (!cek.isEmpty()) {
            const QByteArray k = Base64Url::encode(cek);
            OPENSSL_cleanse(cek.data(), std::size_t(cek.size()));
            const JsonPtr cekJwk(
                json_pack("{s:s,s:s%}", "kty", "oct", "k", k.constData(), std::size_t(k.size())));
            plaintext = jose_jwe_dec_cek(cfg.get(), jwe.get(), cekJwk.get(), &size);
        }
    } else {
        plaintext = jose_jwe_dec(cfg.get(), jwe.get(), nullptr, jwk.get(), &size);
    }
    if (!plaintext) {
        QString message = tr("The JWE does not decrypt with the key(s) given.");
        if (!problem.isEmpty())
            message += QLatin1Char(' ') + QString::fromUtf8(problem);
        return failed(result, JoseError::Kind::DecryptionFailed, message);
    }
    result.plaintext = QByteArray(static_cast<const char *>(plaintext), qsizetype(size));
    OPENSSL_cleanse(plaintext, size);
    std::free(plaintext);
    return result;
#else
    return failed(result, JoseError::Kind::JweNotSupported,
                  tr("This build of Tokenscope has no JWE decryption (libjose was not found)."));
#endif
}

} // namespace Tokenscope::Jose
