#include "TestSigner.h"

#include <QJsonArray>
#include <QJsonDocument>

#include <openssl/bn.h>
#include <openssl/core_names.h>
#include <openssl/ecdsa.h>
#include <openssl/evp.h>

namespace Tokenscope::Testing {

namespace {

QByteArray base64Url(const QByteArray &bytes)
{
    return bytes.toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals);
}

QByteArray coordinate(EVP_PKEY *key, const char *name)
{
    BIGNUM *value = nullptr;
    if (EVP_PKEY_get_bn_param(key, name, &value) != 1)
        qFatal("TestSigner: cannot read %s", name);
    QByteArray out(32, '\0');
    BN_bn2binpad(value, reinterpret_cast<unsigned char *>(out.data()), 32);
    BN_free(value);
    return out;
}

} // namespace

struct TestSigner::Key
{
    EVP_PKEY *pkey = nullptr;
    ~Key() { EVP_PKEY_free(pkey); }
};

TestSigner::TestSigner(const QString &kid)
    : m_key(std::make_unique<Key>())
    , m_kid(kid)
{
    m_key->pkey = EVP_PKEY_Q_keygen(nullptr, nullptr, "EC", "P-256");
    if (!m_key->pkey)
        qFatal("TestSigner: key generation failed");
}

TestSigner::~TestSigner() = default;

QByteArray TestSigner::jwks() const
{
    const QJsonObject key{
        {QStringLiteral("kty"), QStringLiteral("EC")},
        {QStringLiteral("crv"), QStringLiteral("P-256")},
        {QStringLiteral("x"),
         QString::fromLatin1(base64Url(coordinate(m_key->pkey, OSSL_PKEY_PARAM_EC_PUB_X)))},
        {QStringLiteral("y"),
         QString::fromLatin1(base64Url(coordinate(m_key->pkey, OSSL_PKEY_PARAM_EC_PUB_Y)))},
        {QStringLiteral("kid"), m_kid},
        {QStringLiteral("alg"), QStringLiteral("ES256")},
        {QStringLiteral("use"), QStringLiteral("sig")},
    };
    return QJsonDocument(QJsonObject{{QStringLiteral("keys"), QJsonArray{key}}})
        .toJson(QJsonDocument::Compact);
}

QByteArray TestSigner::sign(const QJsonObject &claims, const QJsonObject &extraHeader) const
{
    QJsonObject header{{QStringLiteral("alg"), QStringLiteral("ES256")},
                       {QStringLiteral("kid"), m_kid}};
    for (auto it = extraHeader.begin(); it != extraHeader.end(); ++it)
        header.insert(it.key(), it.value());
    const QByteArray input = base64Url(QJsonDocument(header).toJson(QJsonDocument::Compact)) + '.' +
                             base64Url(QJsonDocument(claims).toJson(QJsonDocument::Compact));

    EVP_MD_CTX *context = EVP_MD_CTX_new();
    size_t size = 0;
    QByteArray der;
    if (EVP_DigestSignInit(context, nullptr, EVP_sha256(), nullptr, m_key->pkey) != 1 ||
        EVP_DigestSign(context, nullptr, &size,
                       reinterpret_cast<const unsigned char *>(input.constData()),
                       size_t(input.size())) != 1)
        qFatal("TestSigner: sign init failed");
    der.resize(qsizetype(size));
    if (EVP_DigestSign(context, reinterpret_cast<unsigned char *>(der.data()), &size,
                       reinterpret_cast<const unsigned char *>(input.constData()),
                       size_t(input.size())) != 1)
        qFatal("TestSigner: sign failed");
    EVP_MD_CTX_free(context);
    der.resize(qsizetype(size));

    // JWS wants R || S, 32 bytes each (RFC 7518 §3.4), not DER.
    const auto *in = reinterpret_cast<const unsigned char *>(der.constData());
    ECDSA_SIG *signature = d2i_ECDSA_SIG(nullptr, &in, long(der.size()));
    QByteArray raw(64, '\0');
    auto *out = reinterpret_cast<unsigned char *>(raw.data());
    BN_bn2binpad(ECDSA_SIG_get0_r(signature), out, 32);
    BN_bn2binpad(ECDSA_SIG_get0_s(signature), out + 32, 32);
    ECDSA_SIG_free(signature);
    return input + '.' + base64Url(raw);
}

} // namespace Tokenscope::Testing
