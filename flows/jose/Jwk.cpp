#include "Jwk.h"

#include "Base64Url.h"
#include "JsonDuplicates.h"
#include "OpenSslPtr.h"
#include "common/JsonReader.h"

#include <QJsonArray>

#include <openssl/core_names.h>
#include <openssl/err.h>

namespace Tokenscope::Jose {

void EvpPkeyDeleter::operator()(evp_pkey_st *key) const
{
    EVP_PKEY_free(key);
}

namespace {

using OpenSsl::ecCoordinateBytes;

bool setError(JoseError *error, JoseError::Kind kind, const QString &message)
{
    if (error)
        *error = JoseError{kind, message};
    return false;
}

int bitLength(const QByteArray &bigEndian)
{
    qsizetype first = 0;
    while (first < bigEndian.size() && bigEndian.at(first) == '\0')
        ++first;
    if (first == bigEndian.size())
        return 0;
    int bits = int(bigEndian.size() - first - 1) * 8;
    for (auto top = static_cast<unsigned char>(bigEndian.at(first)); top != 0; top >>= 1)
        ++bits;
    return bits;
}

int okpPublicBytes(const QString &curve)
{
    if (curve == QLatin1String("Ed25519"))
        return 32;
    if (curve == QLatin1String("Ed448"))
        return 57;
    return 0;
}

QByteArray sha256(const QByteArray &data)
{
    unsigned char digest[EVP_MAX_MD_SIZE];
    unsigned int size = 0;
    if (EVP_Digest(data.constData(), std::size_t(data.size()), digest, &size, EVP_sha256(),
                   nullptr) != 1)
        return QByteArray();
    return QByteArray(reinterpret_cast<const char *>(digest), int(size));
}

} // namespace

QString Jwk::kty() const
{
    switch (m_type) {
    case KeyType::Rsa:
        return QStringLiteral("RSA");
    case KeyType::Ec:
        return QStringLiteral("EC");
    case KeyType::Okp:
        return QStringLiteral("OKP");
    case KeyType::Oct:
        return QStringLiteral("oct");
    case KeyType::Unknown:
        break;
    }
    return QString();
}

Jwk Jwk::fromJson(const QByteArray &json, JoseError *error)
{
    const JsonParseResult parsed = JsonReader::parse(json);
    if (!parsed.ok) {
        setError(error, JoseError::Kind::InvalidKey,
                 tr("The key is not valid JSON: %1").arg(parsed.message));
        return Jwk();
    }
    if (!parsed.document.isObject()) {
        setError(error, JoseError::Kind::InvalidKey, tr("A JWK must be a JSON object."));
        return Jwk();
    }
    const QString duplicate = JsonDuplicates::firstDuplicate(json);
    if (!duplicate.isNull()) {
        setError(error, JoseError::Kind::DuplicateMember,
                 tr("The key has the member \"%1\" twice.").arg(duplicate));
        return Jwk();
    }
    return fromJson(parsed.document.object(), error);
}

Jwk Jwk::fromJson(const QJsonObject &object, JoseError *error)
{
    Jwk key;
    key.m_json = object;

    const QJsonValue kty = object.value(QStringLiteral("kty"));
    if (!kty.isString()) {
        setError(error, JoseError::Kind::InvalidKey, tr("The key has no \"kty\" string."));
        return Jwk();
    }

    // Optional members common to every key type (RFC 7517 §4).
    const auto optionalString = [&](const QString &name, QString *out, bool *present) {
        const QJsonValue value = object.value(name);
        if (value.isUndefined())
            return true;
        if (!value.isString())
            return setError(error, JoseError::Kind::InvalidKey,
                            tr("The key member \"%1\" must be a string.").arg(name));
        *out = value.toString();
        if (present)
            *present = true;
        return true;
    };
    if (!optionalString(QStringLiteral("kid"), &key.m_kid, &key.m_hasKid) ||
        !optionalString(QStringLiteral("use"), &key.m_use, nullptr) ||
        !optionalString(QStringLiteral("alg"), &key.m_alg, nullptr))
        return Jwk();
    const QJsonValue keyOps = object.value(QStringLiteral("key_ops"));
    if (!keyOps.isUndefined()) {
        if (!keyOps.isArray()) {
            setError(error, JoseError::Kind::InvalidKey,
                     tr("The key member \"key_ops\" must be a list of strings."));
            return Jwk();
        }
        const QJsonArray operations = keyOps.toArray();
        for (const QJsonValue &operation : operations) {
            if (!operation.isString()) {
                setError(error, JoseError::Kind::InvalidKey,
                         tr("The key member \"key_ops\" must be a list of strings."));
                return Jwk();
            }
            key.m_keyOps.append(operation.toString());
        }
        key.m_hasKeyOps = true;
    }

    // A required base64url member, decoded.
    QString failedMember;
    const auto member = [&](const char *name, QByteArray *out) {
        const QString memberName = QLatin1String(name);
        const QJsonValue value = object.value(memberName);
        if (!value.isString())
            return setError(error, JoseError::Kind::InvalidKey,
                            tr("The key has no \"%1\" string.").arg(memberName));
        Base64Url::Problem problem = Base64Url::Problem::None;
        if (!Base64Url::decode(value.toString().toUtf8(), out, &problem))
            return setError(error, JoseError::Kind::InvalidBase64Url,
                            tr("The key member \"%1\" is not valid base64url (%2).")
                                .arg(memberName, Base64Url::problemName(problem)));
        return true;
    };
    const auto curveMember = [&]() {
        const QJsonValue value = object.value(QStringLiteral("crv"));
        if (!value.isString())
            return setError(error, JoseError::Kind::InvalidKey,
                            tr("The key has no \"crv\" string."));
        key.m_curve = value.toString();
        return true;
    };

    const QString type = kty.toString();
    QByteArray canonical; // RFC 7638 §3.2: required members, sorted, no whitespace
    key.m_hasPrivate = object.contains(QStringLiteral("d"));
    if (type == QLatin1String("RSA")) {
        key.m_type = KeyType::Rsa;
        if (!member("n", &key.m_n) || !member("e", &key.m_e))
            return Jwk();
        key.m_rsaBits = bitLength(key.m_n);
        if (bitLength(key.m_e) < 2) {
            setError(error, JoseError::Kind::InvalidKey,
                     tr("The RSA public exponent \"e\" is not usable."));
            return Jwk();
        }
        if (key.m_rsaBits < minimumRsaBits) {
            setError(error, JoseError::Kind::InvalidKey,
                     tr("The RSA modulus has %1 bits; keys under %2 bits are refused.")
                         .arg(key.m_rsaBits)
                         .arg(minimumRsaBits));
            return Jwk();
        }
        if (key.m_rsaBits < recommendedRsaBits) {
            Finding finding;
            finding.rule = QStringLiteral("jwk_rsa_modulus_size");
            finding.status = Finding::Status::Warn;
            finding.message = tr("The RSA modulus has %1 bits; at least %2 are required.")
                                  .arg(key.m_rsaBits)
                                  .arg(recommendedRsaBits);
            finding.expected = QString::number(recommendedRsaBits);
            finding.actual = QString::number(key.m_rsaBits);
            finding.spec = QStringLiteral("RFC 7518 §3.3");
            key.m_warnings.append(finding);
        }
        canonical = "{\"e\":\"" + Base64Url::encode(key.m_e) + "\",\"kty\":\"RSA\",\"n\":\"" +
                    Base64Url::encode(key.m_n) + "\"}";
    } else if (type == QLatin1String("EC")) {
        key.m_type = KeyType::Ec;
        if (!curveMember())
            return Jwk();
        const int size = ecCoordinateBytes(key.m_curve);
        if (size == 0) {
            setError(error, JoseError::Kind::UnsupportedKeyType,
                     tr("The EC curve \"%1\" is not supported.").arg(key.m_curve));
            return Jwk();
        }
        if (!member("x", &key.m_x) || !member("y", &key.m_y))
            return Jwk();
        if (key.m_x.size() != size || key.m_y.size() != size) {
            setError(error, JoseError::Kind::InvalidKey,
                     tr("EC coordinates on %1 must be %2 bytes long.").arg(key.m_curve).arg(size));
            return Jwk();
        }
        canonical = "{\"crv\":\"" + key.m_curve.toLatin1() + "\",\"kty\":\"EC\",\"x\":\"" +
                    Base64Url::encode(key.m_x) + "\",\"y\":\"" + Base64Url::encode(key.m_y) + "\"}";
    } else if (type == QLatin1String("OKP")) {
        key.m_type = KeyType::Okp;
        if (!curveMember())
            return Jwk();
        const int size = okpPublicBytes(key.m_curve);
        if (size == 0) {
            setError(error, JoseError::Kind::UnsupportedKeyType,
                     tr("The OKP curve \"%1\" is not a signature curve this code supports.")
                         .arg(key.m_curve));
            return Jwk();
        }
        if (!member("x", &key.m_x))
            return Jwk();
        if (key.m_x.size() != size) {
            setError(error, JoseError::Kind::InvalidKey,
                     tr("An %1 public key must be %2 bytes long.").arg(key.m_curve).arg(size));
            return Jwk();
        }
        canonical = "{\"crv\":\"" + key.m_curve.toLatin1() + "\",\"kty\":\"OKP\",\"x\":\"" +
                    Base64Url::encode(key.m_x) + "\"}";
    } else if (type == QLatin1String("oct")) {
        key.m_type = KeyType::Oct;
        if (!member("k", &key.m_k))
            return Jwk();
        if (key.m_k.isEmpty()) {
            setError(error, JoseError::Kind::InvalidKey, tr("The symmetric key \"k\" is empty."));
            return Jwk();
        }
        canonical = "{\"k\":\"" + Base64Url::encode(key.m_k) + "\",\"kty\":\"oct\"}";
    } else {
        setError(error, JoseError::Kind::UnsupportedKeyType,
                 tr("The key type \"%1\" is not supported.").arg(type));
        return Jwk();
    }
    key.m_thumbprint = QString::fromLatin1(Base64Url::encode(sha256(canonical)));
    if (key.m_type != KeyType::Oct) // once here rather than on every verification
        key.m_publicKey.reset(key.buildPublicKey(nullptr).release(), EvpPkeyDeleter());
    if (error)
        *error = JoseError{};
    return key;
}

EvpPkey Jwk::publicKey(JoseError *error) const
{
    if (m_publicKey && EVP_PKEY_up_ref(m_publicKey.get()) == 1) {
        if (error)
            *error = JoseError{};
        return EvpPkey(m_publicKey.get());
    }
    return buildPublicKey(error); // says why it can't be built
}

EvpPkey Jwk::buildPublicKey(JoseError *error) const
{
    using namespace OpenSsl;
    const auto failed = [&](JoseError::Kind kind, const QString &message) {
        ERR_clear_error(); // leave no stale entries for the next OpenSSL user on this thread
        setError(error, kind, message);
        return EvpPkey();
    };
    if (error)
        *error = JoseError{};

    if (m_type == KeyType::Okp) {
        const int type = m_curve == QLatin1String("Ed25519") ? EVP_PKEY_ED25519 : EVP_PKEY_ED448;
        EvpPkey key(EVP_PKEY_new_raw_public_key(
            type, nullptr, reinterpret_cast<const unsigned char *>(m_x.constData()),
            std::size_t(m_x.size())));
        if (!key)
            return failed(JoseError::Kind::InvalidKey,
                          tr("OpenSSL refused the %1 public key.").arg(m_curve));
        return key;
    }
    if (m_type != KeyType::Rsa && m_type != KeyType::Ec)
        return failed(JoseError::Kind::InvalidKey, tr("A symmetric key has no public key."));

    ParamBldPtr builder(OSSL_PARAM_BLD_new());
    if (!builder)
        return failed(JoseError::Kind::Crypto, tr("OpenSSL could not allocate parameters."));
    BignumPtr n, e;
    // The builder keeps pointers to these until OSSL_PARAM_BLD_to_param: they must outlive it.
    QByteArray curve;
    QByteArray point;
    const char *algorithm = nullptr;
    if (m_type == KeyType::Rsa) {
        algorithm = "RSA";
        n.reset(BN_bin2bn(reinterpret_cast<const unsigned char *>(m_n.constData()), int(m_n.size()),
                          nullptr));
        e.reset(BN_bin2bn(reinterpret_cast<const unsigned char *>(m_e.constData()), int(m_e.size()),
                          nullptr));
        if (!n || !e ||
            OSSL_PARAM_BLD_push_BN(builder.get(), OSSL_PKEY_PARAM_RSA_N, n.get()) != 1 ||
            OSSL_PARAM_BLD_push_BN(builder.get(), OSSL_PKEY_PARAM_RSA_E, e.get()) != 1)
            return failed(JoseError::Kind::Crypto, tr("OpenSSL could not take the RSA key."));
    } else {
        algorithm = "EC";
        curve = m_curve.toLatin1();
        point = '\x04' + m_x + m_y; // SEC 1 §2.3.3 uncompressed point
        if (OSSL_PARAM_BLD_push_utf8_string(builder.get(), OSSL_PKEY_PARAM_GROUP_NAME,
                                            curve.constData(), 0) != 1 ||
            OSSL_PARAM_BLD_push_octet_string(builder.get(), OSSL_PKEY_PARAM_PUB_KEY,
                                             point.constData(), std::size_t(point.size())) != 1)
            return failed(JoseError::Kind::Crypto, tr("OpenSSL could not take the EC key."));
    }
    ParamPtr params(OSSL_PARAM_BLD_to_param(builder.get()));
    PkeyCtxPtr context(EVP_PKEY_CTX_new_from_name(nullptr, algorithm, nullptr));
    if (!params || !context || EVP_PKEY_fromdata_init(context.get()) != 1)
        return failed(JoseError::Kind::Crypto, tr("OpenSSL could not prepare the key."));
    EVP_PKEY *raw = nullptr;
    if (EVP_PKEY_fromdata(context.get(), &raw, EVP_PKEY_PUBLIC_KEY, params.get()) != 1) {
        EVP_PKEY_free(raw);
        return failed(JoseError::Kind::InvalidKey,
                      m_type == KeyType::Ec
                          ? tr("The EC point is not on the curve %1.").arg(m_curve)
                          : tr("OpenSSL refused the RSA public key."));
    }
    EvpPkey key(raw);
    if (m_type == KeyType::Ec) {
        // fromdata decodes the point; check it explicitly too: on the curve, not the point
        // at infinity, right order (an invalid-curve point leaks the signer's secrets in
        // ECDH and has no place in a key set).
        PkeyCtxPtr check(EVP_PKEY_CTX_new_from_pkey(nullptr, key.get(), nullptr));
        if (!check || EVP_PKEY_public_check(check.get()) != 1)
            return failed(JoseError::Kind::InvalidKey,
                          tr("The EC point is not on the curve %1.").arg(m_curve));
    }
    return key;
}

} // namespace Tokenscope::Jose
