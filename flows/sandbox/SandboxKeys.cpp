#include "SandboxKeys.h"

#include "jose/Base64Url.h"
#include "jose/Jwk.h"
#include "jose/OpenSslPtr.h"

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QSaveFile>
#include <QStandardPaths>

#include <openssl/bio.h>
#include <openssl/core_names.h>
#include <openssl/ec.h>
#include <openssl/evp.h>
#include <openssl/pem.h>

namespace Tokenscope::Sandbox {

namespace {

using Jose::OpenSsl::Deleter;
using PkeyPtr = std::unique_ptr<EVP_PKEY, Deleter<EVP_PKEY_free>>;
using BioPtr = std::unique_ptr<BIO, Deleter<BIO_free>>;
using MdCtxPtr = Jose::OpenSsl::MdCtxPtr;
using BnPtr = Jose::OpenSsl::BignumPtr;
using SigPtr = Jose::OpenSsl::EcdsaSigPtr;

const char *const fileNames[3] = {"rs256.pem", "es256.pem", "eddsa.pem"};

QByteArray b64(const QByteArray &bytes)
{
    return Jose::Base64Url::encode(bytes);
}

QByteArray bnBytes(const BIGNUM *bn, int size)
{
    const int n = size > 0 ? size : BN_num_bytes(bn);
    QByteArray out(n, '\0');
    if (BN_bn2binpad(bn, reinterpret_cast<unsigned char *>(out.data()), n) != n)
        return {};
    return out;
}

QByteArray bnParam(EVP_PKEY *key, const char *name, int size)
{
    BIGNUM *raw = nullptr;
    if (EVP_PKEY_get_bn_param(key, name, &raw) != 1)
        return {};
    BnPtr bn(raw);
    return bnBytes(bn.get(), size);
}

PkeyPtr generate(int index)
{
    switch (index) {
    case 0:
        return PkeyPtr(EVP_PKEY_Q_keygen(nullptr, nullptr, "RSA", size_t(2048)));
    case 1:
        return PkeyPtr(EVP_PKEY_Q_keygen(nullptr, nullptr, "EC", "P-256"));
    default:
        return PkeyPtr(EVP_PKEY_Q_keygen(nullptr, nullptr, "ED25519"));
    }
}

bool expectedType(EVP_PKEY *key, int index)
{
    switch (index) {
    case 0:
        return EVP_PKEY_is_a(key, "RSA") && EVP_PKEY_get_bits(key) >= 2048;
    case 1:
        return EVP_PKEY_is_a(key, "EC") && EVP_PKEY_get_bits(key) == 256;
    default:
        return EVP_PKEY_is_a(key, "ED25519");
    }
}

} // namespace

struct SandboxKeys::Key
{
    PkeyPtr pkey;
    QJsonObject jwk;
    QString kid;
};

SandboxKeys::SandboxKeys() = default;
SandboxKeys::~SandboxKeys() = default;

QString SandboxKeys::defaultDirectory()
{
    return QStandardPaths::writableLocation(QStandardPaths::AppDataLocation) +
           QStringLiteral("/sandbox");
}

QStringList SandboxKeys::algorithms()
{
    return {QStringLiteral("RS256"), QStringLiteral("ES256"), QStringLiteral("EdDSA")};
}

int SandboxKeys::index(const QString &alg)
{
    return int(algorithms().indexOf(alg));
}

bool SandboxKeys::has(const QString &alg) const
{
    const int i = index(alg);
    return i >= 0 && m_keys[i];
}

QString SandboxKeys::kid(const QString &alg) const
{
    return has(alg) ? m_keys[index(alg)]->kid : QString();
}

bool SandboxKeys::load(const QString &directory, QString *error)
{
    auto failed = [error](const QString &message) {
        if (error)
            *error = message;
        return false;
    };
    if (!QDir().mkpath(directory))
        return failed(tr("cannot create the key directory %1").arg(directory));
    QFile::setPermissions(directory,
                          QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ExeOwner);
    for (int i = 0; i < 3; ++i) {
        const QString path = directory + QLatin1Char('/') + QLatin1String(fileNames[i]);
        PkeyPtr key;
        QFile file(path);
        if (file.exists()) {
            if (!file.open(QIODevice::ReadOnly))
                return failed(tr("cannot read the key file %1").arg(path));
            const QByteArray pem = file.readAll();
            BioPtr bio(BIO_new_mem_buf(pem.constData(), int(pem.size())));
            key.reset(PEM_read_bio_PrivateKey(bio.get(), nullptr, nullptr, nullptr));
            if (!key || !expectedType(key.get(), i))
                return failed(tr("the key file %1 does not hold the expected key").arg(path));
        } else {
            key = generate(i);
            if (!key)
                return failed(tr("OpenSSL could not generate a key"));
            BioPtr bio(BIO_new(BIO_s_mem()));
            if (PEM_write_bio_PrivateKey(bio.get(), key.get(), nullptr, nullptr, 0, nullptr,
                                         nullptr) != 1)
                return failed(tr("OpenSSL could not encode a key"));
            char *data = nullptr;
            const long size = BIO_get_mem_data(bio.get(), &data);
            QSaveFile out(path);
            if (!out.open(QIODevice::WriteOnly))
                return failed(tr("cannot write the key file %1").arg(path));
            out.setPermissions(QFileDevice::ReadOwner | QFileDevice::WriteOwner);
            out.write(data, size);
            if (!out.commit())
                return failed(tr("cannot write the key file %1").arg(path));
            QFile::setPermissions(path, QFileDevice::ReadOwner | QFileDevice::WriteOwner);
        }
        QJsonObject jwk;
        if (i == 0) {
            jwk.insert(QStringLiteral("kty"), QStringLiteral("RSA"));
            jwk.insert(QStringLiteral("n"),
                       QString::fromLatin1(b64(bnParam(key.get(), OSSL_PKEY_PARAM_RSA_N, 0))));
            jwk.insert(QStringLiteral("e"),
                       QString::fromLatin1(b64(bnParam(key.get(), OSSL_PKEY_PARAM_RSA_E, 0))));
        } else if (i == 1) {
            jwk.insert(QStringLiteral("kty"), QStringLiteral("EC"));
            jwk.insert(QStringLiteral("crv"), QStringLiteral("P-256"));
            jwk.insert(QStringLiteral("x"),
                       QString::fromLatin1(b64(bnParam(key.get(), OSSL_PKEY_PARAM_EC_PUB_X, 32))));
            jwk.insert(QStringLiteral("y"),
                       QString::fromLatin1(b64(bnParam(key.get(), OSSL_PKEY_PARAM_EC_PUB_Y, 32))));
        } else {
            QByteArray raw(32, '\0');
            size_t length = 32;
            if (EVP_PKEY_get_raw_public_key(
                    key.get(), reinterpret_cast<unsigned char *>(raw.data()), &length) != 1 ||
                length != 32)
                return failed(tr("OpenSSL could not export a public key"));
            jwk.insert(QStringLiteral("kty"), QStringLiteral("OKP"));
            jwk.insert(QStringLiteral("crv"), QStringLiteral("Ed25519"));
            jwk.insert(QStringLiteral("x"), QString::fromLatin1(b64(raw)));
        }
        const Jose::Jwk parsed = Jose::Jwk::fromJson(jwk);
        if (parsed.isNull())
            return failed(tr("the sandbox key %1 is not a valid JWK").arg(algorithms().at(i)));
        jwk.insert(QStringLiteral("kid"), parsed.thumbprint());
        jwk.insert(QStringLiteral("use"), QStringLiteral("sig"));
        jwk.insert(QStringLiteral("alg"), algorithms().at(i));
        auto entry = std::make_unique<Key>();
        entry->pkey = std::move(key);
        entry->jwk = jwk;
        entry->kid = parsed.thumbprint();
        m_keys[i] = std::move(entry);
    }
    return true;
}

QJsonObject SandboxKeys::jwks() const
{
    QJsonArray keys;
    for (const auto &key : m_keys)
        if (key)
            keys.append(key->jwk);
    return QJsonObject{{QStringLiteral("keys"), keys}};
}

QByteArray SandboxKeys::signature(const QString &alg, const QByteArray &input) const
{
    const int i = index(alg);
    if (i < 0 || !m_keys[i])
        return {};
    EVP_PKEY *key = m_keys[i]->pkey.get();
    MdCtxPtr ctx(EVP_MD_CTX_new());
    const EVP_MD *md = i == 2 ? nullptr : EVP_sha256();
    if (!ctx || EVP_DigestSignInit(ctx.get(), nullptr, md, nullptr, key) != 1)
        return {};
    const auto *data = reinterpret_cast<const unsigned char *>(input.constData());
    size_t length = 0;
    if (EVP_DigestSign(ctx.get(), nullptr, &length, data, size_t(input.size())) != 1)
        return {};
    QByteArray out(qsizetype(length), '\0');
    if (EVP_DigestSign(ctx.get(), reinterpret_cast<unsigned char *>(out.data()), &length, data,
                       size_t(input.size())) != 1)
        return {};
    out.resize(qsizetype(length));
    if (i != 1)
        return out;
    // ECDSA: DER → R || S, each 32 bytes (RFC 7518 §3.4).
    const auto *der = reinterpret_cast<const unsigned char *>(out.constData());
    SigPtr sig(d2i_ECDSA_SIG(nullptr, &der, long(out.size())));
    if (!sig)
        return {};
    return bnBytes(ECDSA_SIG_get0_r(sig.get()), 32) + bnBytes(ECDSA_SIG_get0_s(sig.get()), 32);
}

QByteArray SandboxKeys::sign(const QString &alg, const QByteArray &payload,
                             const QByteArray &typ) const
{
    if (!has(alg))
        return {};
    const QJsonObject header{{QStringLiteral("alg"), alg},
                             {QStringLiteral("kid"), kid(alg)},
                             {QStringLiteral("typ"), QString::fromLatin1(typ)}};
    const QByteArray input =
        b64(QJsonDocument(header).toJson(QJsonDocument::Compact)) + '.' + b64(payload);
    const QByteArray sig = signature(alg, input);
    if (sig.isEmpty())
        return {};
    return input + '.' + b64(sig);
}

} // namespace Tokenscope::Sandbox
