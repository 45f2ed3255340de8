#include "JwsSigner.h"

#include "Base64Url.h"
#include "JsonDuplicates.h"
#include "JwsAlgorithm.h"
#include "OpenSslPtr.h"

#include <QJsonDocument>
#include <QJsonParseError>

#include <openssl/core_names.h>
#include <openssl/crypto.h>
#include <openssl/ecdsa.h>
#include <openssl/hmac.h>
#include <openssl/pem.h>
#include <openssl/rand.h>
#include <openssl/rsa.h>

#include <vector>

namespace Tokenscope::Jose {

namespace {

using OpenSsl::bytes;
using OpenSsl::digest;
using OpenSsl::ecCoordinateBytes;

using Id = JwsAlgorithm::Id;
using Family = JwsAlgorithm::Family;

using BioPtr = std::unique_ptr<BIO, OpenSsl::Deleter<BIO_free>>;

std::shared_ptr<evp_pkey_st> share(EVP_PKEY *key)
{
    return std::shared_ptr<evp_pkey_st>(key, EVP_PKEY_free);
}

QString encoded(const QByteArray &data)
{
    return QString::fromLatin1(Base64Url::encode(data));
}

QByteArray bignumParam(EVP_PKEY *key, const char *name, int size = 0)
{
    BIGNUM *value = nullptr;
    if (EVP_PKEY_get_bn_param(key, name, &value) != 1)
        return {};
    const OpenSsl::BignumPtr owned(value);
    const int length = size > 0 ? size : BN_num_bytes(value);
    QByteArray out(length, '\0');
    BN_bn2binpad(value, reinterpret_cast<unsigned char *>(out.data()), length);
    return out;
}

// The JWK curve name of an EC key ("P-256", …), empty otherwise.
QString ecCurve(EVP_PKEY *key)
{
    char name[64] = {};
    size_t length = 0;
    if (EVP_PKEY_get_utf8_string_param(key, OSSL_PKEY_PARAM_GROUP_NAME, name, sizeof name,
                                       &length) != 1)
        return {};
    const QByteArray group(name, qsizetype(length));
    if (group == "prime256v1" || group == "P-256")
        return QStringLiteral("P-256");
    if (group == "secp384r1" || group == "P-384")
        return QStringLiteral("P-384");
    if (group == "secp521r1" || group == "P-521")
        return QStringLiteral("P-521");
    return {};
}

QByteArray member(const QJsonObject &jwk, const char *name, bool *ok)
{
    QByteArray out;
    const QJsonValue value = jwk.value(QLatin1String(name));
    if (!value.isString() || !Base64Url::decode(value.toString().toLatin1(), &out) || out.isEmpty())
        *ok = false;
    return out;
}

bool pushBignum(OSSL_PARAM_BLD *builder, const char *name, const QByteArray &value,
                std::vector<OpenSsl::BignumPtr> *keep)
{
    BIGNUM *number = BN_bin2bn(bytes(value), int(value.size()), nullptr);
    if (!number)
        return false;
    keep->emplace_back(number);
    return OSSL_PARAM_BLD_push_BN(builder, name, number) == 1;
}

EVP_PKEY *fromData(const char *type, OSSL_PARAM_BLD *builder)
{
    const OpenSsl::ParamPtr params(OSSL_PARAM_BLD_to_param(builder));
    const OpenSsl::PkeyCtxPtr context(EVP_PKEY_CTX_new_from_name(nullptr, type, nullptr));
    EVP_PKEY *key = nullptr;
    if (!params || !context || EVP_PKEY_fromdata_init(context.get()) != 1 ||
        EVP_PKEY_fromdata(context.get(), &key, EVP_PKEY_KEYPAIR, params.get()) != 1)
        return nullptr;
    return key;
}

} // namespace

JwsSigner::Key JwsSigner::Key::fromPem(const QByteArray &pem, QString *error)
{
    const BioPtr bio(BIO_new_mem_buf(pem.constData(), int(pem.size())));
    EVP_PKEY *key = bio ? PEM_read_bio_PrivateKey(bio.get(), nullptr, nullptr, nullptr) : nullptr;
    Key out;
    if (!key) {
        if (error)
            *error = tr("Not a PEM private key (PKCS #8 or a traditional RSA or EC key).");
        return out;
    }
    out.m_pkey = share(key);
    if (out.kty().isEmpty()) {
        if (error)
            *error = tr("This key type cannot sign a JWS.");
        return {};
    }
    return out;
}

JwsSigner::Key JwsSigner::Key::fromSecret(const QByteArray &secret)
{
    Key out;
    out.m_secret = secret;
    return out;
}

JwsSigner::Key JwsSigner::Key::fromJwk(const QByteArray &json, QString *error)
{
    QJsonParseError parseError;
    const QJsonDocument document = QJsonDocument::fromJson(json, &parseError);
    const QJsonObject jwk = document.object();
    Key out;
    const auto fail = [&](const QString &message) {
        if (error)
            *error = message;
        return Key();
    };
    if (parseError.error != QJsonParseError::NoError || !document.isObject())
        return fail(tr("The JWK is not a JSON object."));
    if (!JsonDuplicates::firstDuplicate(json).isNull())
        return fail(
            tr("The JWK repeats the member “%1”.").arg(JsonDuplicates::firstDuplicate(json)));
    const QString kty = jwk.value(QLatin1String("kty")).toString();
    bool ok = true;
    if (kty == QLatin1String("oct")) {
        const QByteArray k = member(jwk, "k", &ok);
        if (!ok)
            return fail(tr("An oct JWK needs its secret in \"k\" (base64url)."));
        return fromSecret(k);
    }
    if (!jwk.contains(QLatin1String("d")))
        return fail(tr("This JWK has no private part (\"d\"): it can verify but not sign."));
    OpenSsl::ParamBldPtr builder(OSSL_PARAM_BLD_new());
    std::vector<OpenSsl::BignumPtr> keep;
    EVP_PKEY *key = nullptr;
    if (kty == QLatin1String("RSA")) {
        static const char *const names[][2] = {
            {"n", OSSL_PKEY_PARAM_RSA_N},          {"e", OSSL_PKEY_PARAM_RSA_E},
            {"d", OSSL_PKEY_PARAM_RSA_D},          {"p", OSSL_PKEY_PARAM_RSA_FACTOR1},
            {"q", OSSL_PKEY_PARAM_RSA_FACTOR2},    {"dp", OSSL_PKEY_PARAM_RSA_EXPONENT1},
            {"dq", OSSL_PKEY_PARAM_RSA_EXPONENT2}, {"qi", OSSL_PKEY_PARAM_RSA_COEFFICIENT1},
        };
        const bool hasPrimes = jwk.contains(QLatin1String("p"));
        for (const auto &pair : names) {
            if (!hasPrimes && QByteArray(pair[0]) != "n" && QByteArray(pair[0]) != "e" &&
                QByteArray(pair[0]) != "d")
                continue;
            const QByteArray value = member(jwk, pair[0], &ok);
            if (!ok || !pushBignum(builder.get(), pair[1], value, &keep))
                return fail(tr("The RSA JWK member \"%1\" is missing or not base64url.")
                                .arg(QLatin1String(pair[0])));
        }
        key = fromData("RSA", builder.get());
    } else if (kty == QLatin1String("EC")) {
        const QString curve = jwk.value(QLatin1String("crv")).toString();
        const int size = ecCoordinateBytes(curve);
        const QByteArray x = member(jwk, "x", &ok);
        const QByteArray y = member(jwk, "y", &ok);
        const QByteArray d = member(jwk, "d", &ok);
        if (!ok || size == 0 || x.size() != size || y.size() != size)
            return fail(tr("The EC JWK needs crv (P-256, P-384, P-521), x, y and d."));
        const QByteArray group = curve == QLatin1String("P-256")   ? "prime256v1"
                                 : curve == QLatin1String("P-384") ? "secp384r1"
                                                                   : "secp521r1";
        QByteArray point = QByteArray(1, '\x04') + x + y;
        if (OSSL_PARAM_BLD_push_utf8_string(builder.get(), OSSL_PKEY_PARAM_GROUP_NAME,
                                            group.constData(), 0) != 1 ||
            OSSL_PARAM_BLD_push_octet_string(builder.get(), OSSL_PKEY_PARAM_PUB_KEY,
                                             point.constData(), size_t(point.size())) != 1 ||
            !pushBignum(builder.get(), OSSL_PKEY_PARAM_PRIV_KEY, d, &keep))
            return fail(tr("OpenSSL refused the EC key."));
        key = fromData("EC", builder.get());
    } else if (kty == QLatin1String("OKP")) {
        const QString curve = jwk.value(QLatin1String("crv")).toString();
        const QByteArray d = member(jwk, "d", &ok);
        const int type = curve == QLatin1String("Ed25519") ? EVP_PKEY_ED25519
                         : curve == QLatin1String("Ed448") ? EVP_PKEY_ED448
                                                           : 0;
        if (!ok || type == 0)
            return fail(tr("The OKP JWK needs crv Ed25519 or Ed448 and d."));
        key = EVP_PKEY_new_raw_private_key(type, nullptr, bytes(d), size_t(d.size()));
    } else {
        return fail(tr("Unsupported JWK key type “%1”.").arg(kty));
    }
    if (!key)
        return fail(tr("OpenSSL refused the %1 key.").arg(kty));
    out.m_pkey = share(key);
    return out;
}

JwsSigner::Key JwsSigner::Key::generate(const QString &alg, QString *error)
{
    const Id id = JwsAlgorithm::fromName(alg);
    Key out;
    EVP_PKEY *key = nullptr;
    switch (JwsAlgorithm::family(id)) {
    case Family::Hmac: {
        QByteArray secret(64, '\0');
        if (RAND_bytes(reinterpret_cast<unsigned char *>(secret.data()), int(secret.size())) == 1)
            return fromSecret(secret);
        break;
    }
    case Family::RsaPkcs1:
    case Family::RsaPss:
        key = EVP_PKEY_Q_keygen(nullptr, nullptr, "RSA", size_t(2048));
        break;
    case Family::Ecdsa: {
        const QString curve = JwsAlgorithm::ecCurve(id);
        const char *group = curve == QLatin1String("P-256")   ? "P-256"
                            : curve == QLatin1String("P-384") ? "P-384"
                                                              : "P-521";
        key = EVP_PKEY_Q_keygen(nullptr, nullptr, "EC", group);
        break;
    }
    case Family::EdDsa:
        key = EVP_PKEY_Q_keygen(nullptr, nullptr, id == Id::Ed448 ? "ED448" : "ED25519");
        break;
    case Family::None:
    case Family::Unknown:
        if (error)
            *error = tr("No key can be generated for the algorithm “%1”.").arg(alg);
        return out;
    }
    if (!key) {
        if (error)
            *error = tr("Key generation failed.");
        return out;
    }
    out.m_pkey = share(key);
    return out;
}

QString JwsSigner::Key::kty() const
{
    if (!m_secret.isEmpty())
        return QStringLiteral("oct");
    EVP_PKEY *key = m_pkey.get();
    if (!key)
        return {};
    if (EVP_PKEY_is_a(key, "RSA"))
        return QStringLiteral("RSA");
    if (EVP_PKEY_is_a(key, "EC"))
        return ecCurve(key).isEmpty() ? QString() : QStringLiteral("EC");
    if (EVP_PKEY_is_a(key, "ED25519") || EVP_PKEY_is_a(key, "ED448"))
        return QStringLiteral("OKP");
    return {};
}

QStringList JwsSigner::Key::algorithms() const
{
    const QString type = kty();
    if (type == QLatin1String("oct"))
        return {QStringLiteral("HS256"), QStringLiteral("HS384"), QStringLiteral("HS512")};
    if (type == QLatin1String("RSA"))
        return {QStringLiteral("RS256"), QStringLiteral("RS384"), QStringLiteral("RS512"),
                QStringLiteral("PS256"), QStringLiteral("PS384"), QStringLiteral("PS512")};
    if (type == QLatin1String("EC")) {
        const QString curve = ecCurve(m_pkey.get());
        return {curve == QLatin1String("P-256")   ? QStringLiteral("ES256")
                : curve == QLatin1String("P-384") ? QStringLiteral("ES384")
                                                  : QStringLiteral("ES512")};
    }
    if (type == QLatin1String("OKP"))
        return {QStringLiteral("EdDSA"), EVP_PKEY_is_a(m_pkey.get(), "ED448")
                                             ? QStringLiteral("Ed448")
                                             : QStringLiteral("Ed25519")};
    return {};
}

QJsonObject JwsSigner::Key::verificationJwk(const QString &kid, const QString &alg) const
{
    QJsonObject jwk;
    const QString type = kty();
    EVP_PKEY *key = m_pkey.get();
    if (type.isEmpty())
        return jwk;
    jwk.insert(QStringLiteral("kty"), type);
    if (type == QLatin1String("oct")) {
        jwk.insert(QStringLiteral("k"), encoded(m_secret));
    } else if (type == QLatin1String("RSA")) {
        jwk.insert(QStringLiteral("n"), encoded(bignumParam(key, OSSL_PKEY_PARAM_RSA_N)));
        jwk.insert(QStringLiteral("e"), encoded(bignumParam(key, OSSL_PKEY_PARAM_RSA_E)));
    } else if (type == QLatin1String("EC")) {
        const QString curve = ecCurve(key);
        const int size = ecCoordinateBytes(curve);
        jwk.insert(QStringLiteral("crv"), curve);
        jwk.insert(QStringLiteral("x"), encoded(bignumParam(key, OSSL_PKEY_PARAM_EC_PUB_X, size)));
        jwk.insert(QStringLiteral("y"), encoded(bignumParam(key, OSSL_PKEY_PARAM_EC_PUB_Y, size)));
    } else {
        size_t length = 0;
        EVP_PKEY_get_raw_public_key(key, nullptr, &length);
        QByteArray x(qsizetype(length), '\0');
        EVP_PKEY_get_raw_public_key(key, reinterpret_cast<unsigned char *>(x.data()), &length);
        jwk.insert(QStringLiteral("crv"), EVP_PKEY_is_a(key, "ED448") ? QStringLiteral("Ed448")
                                                                      : QStringLiteral("Ed25519"));
        jwk.insert(QStringLiteral("x"), encoded(x));
    }
    if (!kid.isEmpty())
        jwk.insert(QStringLiteral("kid"), kid);
    if (!alg.isEmpty())
        jwk.insert(QStringLiteral("alg"), alg);
    jwk.insert(QStringLiteral("use"), QStringLiteral("sig"));
    return jwk;
}

QByteArray JwsSigner::Key::privatePem() const
{
    if (!m_pkey)
        return {};
    const BioPtr bio(BIO_new(BIO_s_mem()));
    if (!bio || PEM_write_bio_PrivateKey(bio.get(), m_pkey.get(), nullptr, nullptr, 0, nullptr,
                                         nullptr) != 1)
        return {};
    char *data = nullptr;
    const long length = BIO_get_mem_data(bio.get(), &data);
    return QByteArray(data, qsizetype(length));
}

JwsSigner::Result JwsSigner::sign(const QJsonObject &header, const QByteArray &payload,
                                  const Key &key)
{
    return sign(QJsonDocument(header).toJson(QJsonDocument::Compact), payload, key);
}

JwsSigner::Result JwsSigner::sign(const QByteArray &headerJson, const QByteArray &payload,
                                  const Key &key)
{
    Result result;
    const auto fail = [&result](JoseError::Kind kind, const QString &message) {
        result.error = {kind, message};
        return result;
    };
    QJsonParseError parseError;
    const QJsonDocument document = QJsonDocument::fromJson(headerJson, &parseError);
    if (parseError.error != QJsonParseError::NoError || !document.isObject())
        return fail(JoseError::Kind::HeaderNotObject,
                    tr("The header is not a JSON object: %1").arg(parseError.errorString()));
    const QString alg = document.object().value(QLatin1String("alg")).toString();
    const Id id = JwsAlgorithm::fromName(alg);
    if (alg.isEmpty())
        return fail(JoseError::Kind::MissingAlg, tr("The header has no \"alg\"."));
    if (id == Id::None)
        return fail(JoseError::Kind::AlgNone,
                    tr("\"alg\": \"none\" is an unsigned token: there is nothing to sign."));
    if (id == Id::Unknown)
        return fail(JoseError::Kind::UnsupportedAlg, tr("Unsupported algorithm “%1”.").arg(alg));
    if (key.isNull())
        return fail(JoseError::Kind::InvalidKey, tr("No signing key."));
    const Family family = JwsAlgorithm::family(id);
    const QByteArray input = Base64Url::encode(headerJson) + '.' + Base64Url::encode(payload);
    QByteArray signature;
    if (family == Family::Hmac) {
        if (!key.isSecret())
            return fail(JoseError::Kind::KeyConfusion,
                        tr("%1 needs an HMAC secret, not a %2 key.").arg(alg, key.kty()));
        unsigned int length = EVP_MAX_MD_SIZE;
        signature.resize(EVP_MAX_MD_SIZE);
        if (!HMAC(digest(id), key.secret().constData(), int(key.secret().size()), bytes(input),
                  size_t(input.size()), reinterpret_cast<unsigned char *>(signature.data()),
                  &length))
            return fail(JoseError::Kind::Crypto, tr("HMAC computation failed."));
        signature.resize(qsizetype(length));
    } else {
        if (!key.algorithms().contains(alg))
            return fail(JoseError::Kind::NoSuitableKey,
                        tr("A %1 key cannot sign %2; it signs %3.")
                            .arg(key.kty(), alg, key.algorithms().join(QLatin1String(", "))));
        const OpenSsl::MdCtxPtr context(EVP_MD_CTX_new());
        EVP_PKEY_CTX *keyContext = nullptr;
        const EVP_MD *md = family == Family::EdDsa ? nullptr : digest(id);
        bool ready =
            context && EVP_DigestSignInit(context.get(), &keyContext, md, nullptr, key.pkey()) == 1;
        if (ready && family == Family::RsaPss)
            ready = EVP_PKEY_CTX_set_rsa_padding(keyContext, RSA_PKCS1_PSS_PADDING) == 1 &&
                    EVP_PKEY_CTX_set_rsa_pss_saltlen(keyContext, RSA_PSS_SALTLEN_DIGEST) == 1;
        size_t size = 0;
        if (!ready ||
            EVP_DigestSign(context.get(), nullptr, &size, bytes(input), size_t(input.size())) != 1)
            return fail(JoseError::Kind::Crypto, tr("OpenSSL could not start signing."));
        signature.resize(qsizetype(size));
        if (EVP_DigestSign(context.get(), reinterpret_cast<unsigned char *>(signature.data()),
                           &size, bytes(input), size_t(input.size())) != 1)
            return fail(JoseError::Kind::Crypto, tr("OpenSSL could not sign."));
        signature.resize(qsizetype(size));
        if (family == Family::Ecdsa) { // DER → R || S at the curve's size (RFC 7518 §3.4)
            const int half = JwsAlgorithm::ecCoordinateBytes(id);
            const unsigned char *in = bytes(signature);
            const OpenSsl::EcdsaSigPtr parsed(d2i_ECDSA_SIG(nullptr, &in, long(signature.size())));
            if (!parsed)
                return fail(JoseError::Kind::Crypto, tr("OpenSSL gave a malformed signature."));
            QByteArray raw(half * 2, '\0');
            auto *out = reinterpret_cast<unsigned char *>(raw.data());
            BN_bn2binpad(ECDSA_SIG_get0_r(parsed.get()), out, half);
            BN_bn2binpad(ECDSA_SIG_get0_s(parsed.get()), out + half, half);
            signature = raw;
        }
    }
    result.compact = input + '.' + Base64Url::encode(signature);
    return result;
}

} // namespace Tokenscope::Jose
