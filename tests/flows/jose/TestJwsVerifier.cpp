// Verifying JWS signatures (RFC 7515 §5.2) with RSA PKCS#1 v1.5 and PSS, ECDSA (raw R || S),
// EdDSA and HMAC, and refusing everything RFC 8725 warns about: "alg": "none", key
// confusion, keys brought by the token, unknown "crit" extensions, algorithms outside the
// caller's list, keys whose "kid", "use", "key_ops" or "alg" say they don't apply. Published
// vectors first, then keys generated with OpenSSL at test time.
#include "RfcVectors.h"
#include "TestKeys.h"
#include "jose/Base64Url.h"
#include "jose/JoseError.h"
#include "jose/JwkSet.h"
#include "jose/JwsToken.h"
#include "jose/JwsVerifier.h"
#include "jose/OpenSslPtr.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>

#include <openssl/core_names.h>
#include <openssl/hmac.h>
#include <openssl/rsa.h>

#include <map>

using Tokenscope::Finding;
using Tokenscope::Jose::Base64Url;
using Tokenscope::Jose::EvpPkey;
using Tokenscope::Jose::JoseError;
using Tokenscope::Jose::JwkSet;
using Tokenscope::Jose::JwsToken;
using Tokenscope::Jose::JwsVerifier;
using Tokenscope::Jose::JwsVerifyOptions;
using Tokenscope::Jose::JwsVerifyResult;
using namespace RfcVectors;
using namespace Tokenscope::Jose::OpenSsl;

namespace {

// Keys generated once per run, by name.
EVP_PKEY *key(const QString &name)
{
    static std::map<QString, EvpPkey> keys;
    auto found = keys.find(name);
    if (found != keys.end())
        return found->second.get();
    EVP_PKEY *generated = nullptr;
    if (name.startsWith(QLatin1String("rsa")))
        generated = EVP_PKEY_Q_keygen(nullptr, nullptr, "RSA", std::size_t(2048));
    else if (name == QLatin1String("p256"))
        generated = EVP_EC_gen("P-256");
    else if (name == QLatin1String("p384"))
        generated = EVP_EC_gen("P-384");
    else if (name == QLatin1String("p521"))
        generated = EVP_EC_gen("P-521");
    else if (name == QLatin1String("ed25519"))
        generated = EVP_PKEY_Q_keygen(nullptr, nullptr, "ED25519");
    else if (name == QLatin1String("ed448"))
        generated = EVP_PKEY_Q_keygen(nullptr, nullptr, "ED448");
    if (!generated)
        qFatal("cannot generate key %s", qPrintable(name));
    keys.emplace(name, EvpPkey(generated));
    return generated;
}

using TestKeys::ecSize;
using TestKeys::octJwk;
using TestKeys::publicJwk;

const EVP_MD *digestFor(const QString &alg)
{
    return TestKeys::digestFor(alg.toLatin1());
}

QByteArray sign(const QString &alg, EVP_PKEY *pkey, const QByteArray &input)
{
    MdCtxPtr context(EVP_MD_CTX_new());
    EVP_PKEY_CTX *keyContext = nullptr;
    const EVP_MD *md = digestFor(alg);
    if (EVP_DigestSignInit(context.get(), &keyContext, md, nullptr, pkey) != 1)
        qFatal("sign init failed");
    if (alg.startsWith(QLatin1String("PS"))) {
        EVP_PKEY_CTX_set_rsa_padding(keyContext, RSA_PKCS1_PSS_PADDING);
        EVP_PKEY_CTX_set_rsa_mgf1_md(keyContext, md);
        EVP_PKEY_CTX_set_rsa_pss_saltlen(keyContext, RSA_PSS_SALTLEN_DIGEST);
    }
    const auto *data = reinterpret_cast<const unsigned char *>(input.constData());
    std::size_t size = 0;
    EVP_DigestSign(context.get(), nullptr, &size, data, std::size_t(input.size()));
    QByteArray signature(int(size), '\0');
    if (EVP_DigestSign(context.get(), reinterpret_cast<unsigned char *>(signature.data()), &size,
                       data, std::size_t(input.size())) != 1)
        qFatal("sign failed");
    signature.resize(int(size));
    return signature;
}

// DER ECDSA-Sig-Value to JWS R || S.
QByteArray derToRaw(const QByteArray &der, int size)
{
    const auto *in = reinterpret_cast<const unsigned char *>(der.constData());
    EcdsaSigPtr signature(d2i_ECDSA_SIG(nullptr, &in, long(der.size())));
    QByteArray raw(2 * size, '\0');
    auto *out = reinterpret_cast<unsigned char *>(raw.data());
    BN_bn2binpad(ECDSA_SIG_get0_r(signature.get()), out, size);
    BN_bn2binpad(ECDSA_SIG_get0_s(signature.get()), out + size, size);
    return raw;
}

QByteArray hmac(const QString &alg, const QByteArray &secret, const QByteArray &input)
{
    unsigned char tag[EVP_MAX_MD_SIZE];
    unsigned int size = 0;
    HMAC(digestFor(alg), secret.constData(), int(secret.size()),
         reinterpret_cast<const unsigned char *>(input.constData()), std::size_t(input.size()), tag,
         &size);
    return QByteArray(reinterpret_cast<const char *>(tag), int(size));
}

struct Signer
{
    enum class Mode
    {
        Normal,
        DerSignature,    // ECDSA left in OpenSSL's DER form
        Truncated,       // last signature byte cut off
        TamperedPayload, // payload changed after signing
        TamperedSignature,
        Unsigned, // no signature at all
    };
    QString keyName;   // a generated key, or empty for HMAC
    QByteArray secret; // HMAC secret
    Mode mode = Mode::Normal;
};

const QByteArray Claims("{\"iss\":\"https://issuer.example\",\"sub\":\"alice\"}");
const QByteArray Secret("0123456789abcdef0123456789abcdef"); // 256 bits

QByteArray token(const QByteArray &header, const Signer &signer, const QByteArray &payload = Claims)
{
    const QString alg =
        QJsonDocument::fromJson(header).object().value(QStringLiteral("alg")).toString();
    const QByteArray input = Base64Url::encode(header) + '.' + Base64Url::encode(payload);
    if (signer.mode == Signer::Mode::Unsigned)
        return input + '.';
    QByteArray signature;
    const QString signingAlg = alg == QLatin1String("none") ? QStringLiteral("HS256") : alg;
    if (signer.keyName.isEmpty()) {
        signature = hmac(signingAlg, signer.secret, input);
    } else {
        EVP_PKEY *pkey = key(signer.keyName);
        signature = sign(signingAlg, pkey, input);
        if (EVP_PKEY_is_a(pkey, "EC") && signer.mode != Signer::Mode::DerSignature)
            signature = derToRaw(signature, ecSize(pkey));
    }
    QByteArray signedInput = input;
    switch (signer.mode) {
    case Signer::Mode::Truncated:
        signature.chop(1);
        break;
    case Signer::Mode::TamperedPayload:
        signedInput = Base64Url::encode(header) + '.' +
                      Base64Url::encode(QByteArray(payload).replace("alice", "admin"));
        break;
    case Signer::Mode::TamperedSignature:
        signature[0] = char(signature.at(0) ^ 0x01);
        break;
    default:
        break;
    }
    return signedInput + '.' + Base64Url::encode(signature);
}

// The same token with one payload bit flipped.
QByteArray tamper(const QByteArray &compact)
{
    const QList<QByteArray> parts = compact.split('.');
    QByteArray payload;
    Base64Url::decode(parts.at(1), &payload);
    payload[0] = char(payload.at(0) ^ 0x20);
    return parts.at(0) + '.' + Base64Url::encode(payload) + '.' + parts.at(2);
}

bool hasRule(const QList<Finding> &findings, const QString &rule)
{
    return std::any_of(findings.cbegin(), findings.cend(),
                       [&](const Finding &finding) { return finding.rule == rule; });
}

JwsVerifyResult verifyCompact(const QByteArray &compact, const QByteArray &jwks,
                              const JwsVerifyOptions &options = {})
{
    const JwsToken::ParseResult parsed = JwsToken::parseCompact(compact);
    if (parsed.isError())
        qFatal("test token does not parse: %s", qPrintable(parsed.error.message));
    return JwsVerifier::verify(parsed.token(), JwkSet::fromJson(jwks), options);
}

} // namespace

class TestJwsVerifier final : public QObject
{
    Q_OBJECT

private slots:
    void rfcVectors_data();
    void rfcVectors();
    void rfc7515A6GeneralSignaturesVerify();
    void rfc7520FlattenedVerifies();
    void generatedKeys_data();
    void generatedKeys();
    void rules_data();
    void rules();
};

void TestJwsVerifier::rfcVectors_data()
{
    QTest::addColumn<QByteArray>("compact");
    QTest::addColumn<QByteArray>("jwks");
    QTest::addColumn<QString>("kty");

    QTest::newRow("rfc7515_a1_hs256_verifies")
        << rfc7515A1Token() << jwks({rfc7515A1Key()}) << QStringLiteral("oct");
    QTest::newRow("rfc7515_a2_rs256_verifies")
        << rfc7515A2Token() << jwks({rfc7515A2Key()}) << QStringLiteral("RSA");
    QTest::newRow("rfc7515_a3_es256_verifies")
        << rfc7515A3Token() << jwks({rfc7515A3Key()}) << QStringLiteral("EC");
    QTest::newRow("rfc7515_a4_es512_verifies")
        << rfc7515A4Token() << jwks({rfc7515A4Key()}) << QStringLiteral("EC");
    QTest::newRow("rfc8037_a4_ed25519_verifies")
        << rfc8037Token() << jwks({rfc8037PublicKey()}) << QStringLiteral("OKP");
    QTest::newRow("rfc7520_4_1_rs256_verifies")
        << rfc7520Rs256Token() << jwks({rfc7520RsaKey()}) << QStringLiteral("RSA");
    QTest::newRow("rfc7520_4_2_ps384_verifies")
        << rfc7520Ps384Token() << jwks({rfc7520RsaKey()}) << QStringLiteral("RSA");
    QTest::newRow("rfc7520_4_3_es512_verifies")
        << rfc7520Es512Token() << jwks({rfc7520EcKey()}) << QStringLiteral("EC");
    QTest::newRow("rfc7520_4_4_hs256_verifies")
        << rfc7520Hs256Token() << jwks({rfc7520OctKey()}) << QStringLiteral("oct");
}

void TestJwsVerifier::rfcVectors()
{
    QFETCH(QByteArray, compact);
    QFETCH(QByteArray, jwks);
    QFETCH(QString, kty);

    const JwsVerifyResult result = verifyCompact(compact, jwks);
    QVERIFY2(result.isVerified(), qPrintable(result.error.message));
    QCOMPARE(result.key.kty(), kty);
    QCOMPARE(result.keysTried, 1);
    QVERIFY(hasRule(result.findings, QStringLiteral("jws_signature")));
    // The control: one payload bit changed and the same key no longer verifies.
    const JwsVerifyResult tampered = verifyCompact(tamper(compact), jwks);
    QCOMPARE(tampered.error.kind, JoseError::Kind::SignatureInvalid);
    QVERIFY(!tampered.isVerified());
}

void TestJwsVerifier::rfc7515A6GeneralSignaturesVerify()
{
    const JwsToken::ParseResult parsed = JwsToken::parseJson(rfc7515A6General());
    QVERIFY2(!parsed.isError(), qPrintable(parsed.error.message));
    const JwkSet keys = JwkSet::fromJson(
        jwks({QByteArray(rfc7515A2Key()).replace("{", "{\"kid\":\"2010-12-29\","),
              QByteArray(rfc7515A3Key())
                  .replace("{", "{\"kid\":\"e9bc097a-ce51-4036-9562-d2ade882db0d\",")}));
    QCOMPARE(keys.keys.size(), 2);
    QCOMPARE(parsed.tokens.size(), 2);
    for (const JwsToken &token : parsed.tokens) {
        const JwsVerifyResult result = JwsVerifier::verify(token, keys);
        QVERIFY2(result.isVerified(), qPrintable(result.error.message));
        QCOMPARE(result.key.kid(), token.kid());
    }
}

void TestJwsVerifier::rfc7520FlattenedVerifies()
{
    const JwsToken::ParseResult parsed = JwsToken::parseJson(rfc7520Rs256Flattened());
    QVERIFY2(!parsed.isError(), qPrintable(parsed.error.message));
    const JwsVerifyResult result =
        JwsVerifier::verify(parsed.token(), JwkSet::fromJson(jwks({rfc7520RsaKey()})));
    QVERIFY2(result.isVerified(), qPrintable(result.error.message));
    QCOMPARE(result.key.kid(), QStringLiteral("bilbo.baggins@hobbiton.example"));
}

void TestJwsVerifier::generatedKeys_data()
{
    QTest::addColumn<QString>("alg");
    QTest::addColumn<QString>("keyName"); // empty: HMAC
    QTest::addColumn<QByteArray>("secret");

    QTest::newRow("rs256_generated_key_verifies")
        << QStringLiteral("RS256") << QStringLiteral("rsa-a") << QByteArray();
    QTest::newRow("rs384_generated_key_verifies")
        << QStringLiteral("RS384") << QStringLiteral("rsa-a") << QByteArray();
    QTest::newRow("rs512_generated_key_verifies")
        << QStringLiteral("RS512") << QStringLiteral("rsa-a") << QByteArray();
    QTest::newRow("ps256_generated_key_verifies")
        << QStringLiteral("PS256") << QStringLiteral("rsa-a") << QByteArray();
    QTest::newRow("ps384_sign_then_verify")
        << QStringLiteral("PS384") << QStringLiteral("rsa-b") << QByteArray();
    QTest::newRow("ps512_generated_key_verifies")
        << QStringLiteral("PS512") << QStringLiteral("rsa-b") << QByteArray();
    QTest::newRow("es256_generated_key_verifies")
        << QStringLiteral("ES256") << QStringLiteral("p256") << QByteArray();
    QTest::newRow("es384_generated_key_verifies")
        << QStringLiteral("ES384") << QStringLiteral("p384") << QByteArray();
    QTest::newRow("es512_generated_key_verifies")
        << QStringLiteral("ES512") << QStringLiteral("p521") << QByteArray();
    QTest::newRow("eddsa_ed25519_generated_key_verifies")
        << QStringLiteral("EdDSA") << QStringLiteral("ed25519") << QByteArray();
    QTest::newRow("eddsa_ed448_generated_key_verifies")
        << QStringLiteral("EdDSA") << QStringLiteral("ed448") << QByteArray();
    QTest::newRow("rfc9864_ed448_alg_verifies")
        << QStringLiteral("Ed448") << QStringLiteral("ed448") << QByteArray();
    QTest::newRow("rfc9864_ed25519_alg_verifies")
        << QStringLiteral("Ed25519") << QStringLiteral("ed25519") << QByteArray();
    QTest::newRow("hs384_verifies") << QStringLiteral("HS384") << QString() << QByteArray(48, 'k');
    QTest::newRow("hs512_verifies") << QStringLiteral("HS512") << QString() << QByteArray(64, 'k');
}

void TestJwsVerifier::generatedKeys()
{
    QFETCH(QString, alg);
    QFETCH(QString, keyName);
    QFETCH(QByteArray, secret);

    const QByteArray header = "{\"alg\":\"" + alg.toLatin1() + "\"}";
    const QByteArray jwk = keyName.isEmpty() ? octJwk(secret) : publicJwk(key(keyName));
    const QByteArray compact = token(header, Signer{keyName, secret, Signer::Mode::Normal});
    const JwsVerifyResult result = verifyCompact(compact, jwks({jwk}));
    QVERIFY2(result.isVerified(), qPrintable(result.error.message));
    QCOMPARE(result.key.thumbprint(), Tokenscope::Jose::Jwk::fromJson(jwk).thumbprint());
    QVERIFY(!result.key.thumbprint().isEmpty());

    const JwsVerifyResult tampered = verifyCompact(tamper(compact), jwks({jwk}));
    QCOMPARE(JoseError::kindName(tampered.error.kind), QStringLiteral("signature_invalid"));
}

void TestJwsVerifier::rules_data()
{
    QTest::addColumn<QByteArray>("compact");
    QTest::addColumn<QByteArray>("jwks");
    QTest::addColumn<QStringList>("allowed");
    QTest::addColumn<bool>("warnOnly");
    QTest::addColumn<QStringList>("understood");
    QTest::addColumn<QString>("error");
    QTest::addColumn<QString>("keyKid");
    QTest::addColumn<QString>("rule");
    QTest::addColumn<int>("keysTried");

    using Mode = Signer::Mode;
    const QString ok = QStringLiteral("none");
    const Signer mac{QString(), Secret, Mode::Normal};
    const Signer rsaA{QStringLiteral("rsa-a"), QByteArray(), Mode::Normal};
    const Signer rsaB{QStringLiteral("rsa-b"), QByteArray(), Mode::Normal};
    const Signer rsaC{QStringLiteral("rsa-c"), QByteArray(), Mode::Normal};
    const Signer ec{QStringLiteral("p256"), QByteArray(), Mode::Normal};
    const auto with = [](Signer signer, Mode mode) {
        signer.mode = mode;
        return signer;
    };
    const QByteArray macJwk = octJwk(Secret, "\"kid\":\"mac\",");
    const QByteArray aJwk = publicJwk(key(QStringLiteral("rsa-a")), "\"kid\":\"a\",");
    const QByteArray bJwk = publicJwk(key(QStringLiteral("rsa-b")), "\"kid\":\"b\",");
    const QByteArray cJwk = publicJwk(key(QStringLiteral("rsa-c")), "\"kid\":\"c\",");
    const QByteArray ecJwk = publicJwk(key(QStringLiteral("p256")), "\"kid\":\"ec\",");
    const QByteArray abc = jwks({aJwk, bJwk, cJwk});
    const QStringList any;
    const QString noRule;

    QTest::newRow("hs256_control_verifies")
        << token("{\"alg\":\"HS256\"}", mac) << jwks({macJwk}) << any << false << any << ok
        << QStringLiteral("mac") << noRule << 1;
    QTest::newRow("alg_none_is_rejected")
        << token("{\"alg\":\"none\"}", with(mac, Mode::Unsigned)) << jwks({macJwk}) << any << false
        << any << QStringLiteral("alg_none") << QString() << noRule << 0;
    QTest::newRow("alg_none_with_a_signature_is_rejected")
        << token("{\"alg\":\"none\"}", mac) << jwks({macJwk}) << any << false << any
        << QStringLiteral("alg_none") << QString() << noRule << 0;
    QTest::newRow("alg_none_is_rejected_even_when_listed_as_allowed")
        << token("{\"alg\":\"none\"}", with(mac, Mode::Unsigned)) << jwks({macJwk})
        << QStringList{QStringLiteral("none")} << false << any << QStringLiteral("alg_none")
        << QString() << noRule << 0;
    QTest::newRow("alg_NONE_in_capitals_is_not_a_supported_alg")
        << token("{\"alg\":\"NONE\"}", with(mac, Mode::Unsigned)) << jwks({macJwk}) << any << false
        << any << QStringLiteral("unsupported_alg") << QString() << noRule << 0;
    QTest::newRow("unsupported_alg_is_rejected")
        << token("{\"alg\":\"HS1\"}", mac) << jwks({macJwk}) << any << false << any
        << QStringLiteral("unsupported_alg") << QString() << noRule << 0;
    QTest::newRow("hmac_with_rsa_public_key_is_key_confusion")
        << token("{\"alg\":\"HS256\"}", Signer{QString(), aJwk, Mode::Normal}) << jwks({aJwk})
        << any << false << any << QStringLiteral("key_confusion") << QString() << noRule << 0;
    QTest::newRow("hmac_with_kid_of_an_rsa_key_is_key_confusion")
        << token("{\"alg\":\"HS256\",\"kid\":\"a\"}", mac) << jwks({macJwk, aJwk}) << any << false
        << any << QStringLiteral("key_confusion") << QString() << noRule << 0;
    QTest::newRow("hmac_with_ec_key_is_key_confusion")
        << token("{\"alg\":\"HS256\"}", mac) << jwks({ecJwk}) << any << false << any
        << QStringLiteral("key_confusion") << QString() << noRule << 0;

    QTest::newRow("rs256_control_verifies")
        << token("{\"alg\":\"RS256\",\"kid\":\"a\"}", rsaA) << jwks({aJwk}) << any << false << any
        << ok << QStringLiteral("a") << noRule << 1;
    const QByteArray evilJwk = publicJwk(key(QStringLiteral("rsa-evil")));
    QTest::newRow("header_jwk_is_ignored_and_warned")
        << token("{\"alg\":\"RS256\",\"jwk\":" + evilJwk + '}',
                 Signer{QStringLiteral("rsa-evil"), QByteArray(), Mode::Normal})
        << jwks({aJwk}) << any << false << any << QStringLiteral("signature_invalid") << QString()
        << QStringLiteral("jws_header_key_ignored") << 1;
    QTest::newRow("header_jku_is_ignored_and_warned")
        << token("{\"alg\":\"RS256\",\"kid\":\"a\",\"jku\":\"https://evil.example/jwks\"}", rsaA)
        << jwks({aJwk}) << any << false << any << ok << QStringLiteral("a")
        << QStringLiteral("jws_header_key_ignored") << 1;
    QTest::newRow("header_x5u_is_ignored_and_warned")
        << token("{\"alg\":\"RS256\",\"kid\":\"a\",\"x5u\":\"https://evil.example/cert\"}", rsaA)
        << jwks({aJwk}) << any << false << any << ok << QStringLiteral("a")
        << QStringLiteral("jws_header_key_ignored") << 1;
    QTest::newRow("header_x5c_is_ignored_and_warned")
        << token("{\"alg\":\"RS256\",\"kid\":\"a\",\"x5c\":[\"MIIB\"]}", rsaA) << jwks({aJwk})
        << any << false << any << ok << QStringLiteral("a")
        << QStringLiteral("jws_header_key_ignored") << 1;

    QTest::newRow("unknown_crit_is_rejected")
        << token("{\"alg\":\"HS256\",\"crit\":[\"exp\"],\"exp\":1}", mac) << jwks({macJwk}) << any
        << false << any << QStringLiteral("unsupported_crit") << QString() << noRule << 0;
    QTest::newRow("understood_crit_control_verifies")
        << token("{\"alg\":\"HS256\",\"crit\":[\"exp\"],\"exp\":1}", mac) << jwks({macJwk}) << any
        << false << QStringList{QStringLiteral("exp")} << ok << QStringLiteral("mac") << noRule
        << 1;
    QTest::newRow("crit_naming_an_absent_parameter_is_rejected")
        << token("{\"alg\":\"HS256\",\"crit\":[\"exp\"]}", mac) << jwks({macJwk}) << any << false
        << QStringList{QStringLiteral("exp")} << QStringLiteral("invalid_crit") << QString()
        << noRule << 0;
    QTest::newRow("empty_crit_is_rejected")
        << token("{\"alg\":\"HS256\",\"crit\":[]}", mac) << jwks({macJwk}) << any << false << any
        << QStringLiteral("invalid_crit") << QString() << noRule << 0;
    QTest::newRow("crit_that_is_not_a_list_is_rejected")
        << token("{\"alg\":\"HS256\",\"crit\":\"exp\",\"exp\":1}", mac) << jwks({macJwk}) << any
        << false << QStringList{QStringLiteral("exp")} << QStringLiteral("invalid_crit")
        << QString() << noRule << 0;
    QTest::newRow("crit_naming_a_registered_parameter_is_rejected")
        << token("{\"alg\":\"HS256\",\"kid\":\"mac\",\"crit\":[\"kid\"]}", mac) << jwks({macJwk})
        << any << false << QStringList{QStringLiteral("kid")} << QStringLiteral("invalid_crit")
        << QString() << noRule << 0;

    QTest::newRow("es256_control_verifies")
        << token("{\"alg\":\"ES256\"}", ec) << jwks({ecJwk}) << any << false << any << ok
        << QStringLiteral("ec") << noRule << 1;
    QTest::newRow("es256_signature_of_wrong_length_is_rejected")
        << token("{\"alg\":\"ES256\"}", with(ec, Mode::DerSignature)) << jwks({ecJwk}) << any
        << false << any << QStringLiteral("signature_length") << QString() << noRule << 0;
    QTest::newRow("es256_truncated_signature_is_rejected")
        << token("{\"alg\":\"ES256\"}", with(ec, Mode::Truncated)) << jwks({ecJwk}) << any << false
        << any << QStringLiteral("signature_length") << QString() << noRule << 0;
    QTest::newRow("eddsa_signature_of_wrong_length_is_rejected")
        << token("{\"alg\":\"EdDSA\"}",
                 Signer{QStringLiteral("ed25519"), QByteArray(), Mode::Truncated})
        << jwks({publicJwk(key(QStringLiteral("ed25519")))}) << any << false << any
        << QStringLiteral("signature_length") << QString() << noRule << 1;
    QTest::newRow("tampered_payload_fails")
        << token("{\"alg\":\"RS256\",\"kid\":\"a\"}", with(rsaA, Mode::TamperedPayload))
        << jwks({aJwk}) << any << false << any << QStringLiteral("signature_invalid") << QString()
        << noRule << 1;
    QTest::newRow("tampered_hmac_fails")
        << token("{\"alg\":\"HS256\"}", with(mac, Mode::TamperedSignature)) << jwks({macJwk}) << any
        << false << any << QStringLiteral("signature_invalid") << QString() << noRule << 1;
    QTest::newRow("truncated_hmac_fails")
        << token("{\"alg\":\"HS256\"}", with(mac, Mode::Truncated)) << jwks({macJwk}) << any
        << false << any << QStringLiteral("signature_invalid") << QString() << noRule << 1;
    QTest::newRow("hmac_with_another_secret_fails")
        << token("{\"alg\":\"HS256\"}", Signer{QString(), QByteArray(32, 'x'), Mode::Normal})
        << jwks({macJwk}) << any << false << any << QStringLiteral("signature_invalid") << QString()
        << noRule << 1;

    QTest::newRow("kid_selects_the_right_key_among_several")
        << token("{\"alg\":\"RS256\",\"kid\":\"b\"}", rsaB) << abc << any << false << any << ok
        << QStringLiteral("b") << noRule << 1;
    QTest::newRow("kid_is_binding_other_keys_are_not_tried")
        << token("{\"alg\":\"RS256\",\"kid\":\"a\"}", rsaB) << abc << any << false << any
        << QStringLiteral("signature_invalid") << QString() << noRule << 1;
    QTest::newRow("token_without_kid_tries_each_suitable_key")
        << token("{\"alg\":\"RS256\"}", rsaC) << jwks({aJwk, ecJwk, bJwk, cJwk}) << any << false
        << any << ok << QStringLiteral("c") << noRule << 3;
    QTest::newRow("unknown_kid_is_reported_distinctly")
        << token("{\"alg\":\"RS256\",\"kid\":\"z\"}", rsaA) << abc << any << false << any
        << QStringLiteral("unknown_kid") << QString() << noRule << 0;
    QTest::newRow("empty_key_set_has_no_suitable_key")
        << token("{\"alg\":\"RS256\"}", rsaA) << jwks({}) << any << false << any
        << QStringLiteral("no_suitable_key") << QString() << noRule << 0;

    QTest::newRow("key_with_use_sig_verifies")
        << token("{\"alg\":\"RS256\",\"kid\":\"a\"}", rsaA)
        << jwks({publicJwk(key(QStringLiteral("rsa-a")), "\"kid\":\"a\",\"use\":\"sig\",")}) << any
        << false << any << ok << QStringLiteral("a") << noRule << 1;
    QTest::newRow("key_with_use_enc_is_not_used")
        << token("{\"alg\":\"RS256\",\"kid\":\"a\"}", rsaA)
        << jwks({publicJwk(key(QStringLiteral("rsa-a")), "\"kid\":\"a\",\"use\":\"enc\",")}) << any
        << false << any << QStringLiteral("no_suitable_key") << QString() << noRule << 0;
    QTest::newRow("key_ops_with_verify_verifies")
        << token("{\"alg\":\"RS256\",\"kid\":\"a\"}", rsaA)
        << jwks(
               {publicJwk(key(QStringLiteral("rsa-a")), "\"kid\":\"a\",\"key_ops\":[\"verify\"],")})
        << any << false << any << ok << QStringLiteral("a") << noRule << 1;
    QTest::newRow("key_ops_without_verify_is_not_used")
        << token("{\"alg\":\"RS256\",\"kid\":\"a\"}", rsaA)
        << jwks({publicJwk(key(QStringLiteral("rsa-a")),
                           "\"kid\":\"a\",\"key_ops\":[\"encrypt\"],")})
        << any << false << any << QStringLiteral("no_suitable_key") << QString() << noRule << 0;
    QTest::newRow("key_alg_equal_to_token_alg_verifies")
        << token("{\"alg\":\"RS256\",\"kid\":\"a\"}", rsaA)
        << jwks({publicJwk(key(QStringLiteral("rsa-a")), "\"kid\":\"a\",\"alg\":\"RS256\",")})
        << any << false << any << ok << QStringLiteral("a") << noRule << 1;
    QTest::newRow("key_alg_other_than_token_alg_is_not_used")
        << token("{\"alg\":\"RS256\",\"kid\":\"a\"}", rsaA)
        << jwks({publicJwk(key(QStringLiteral("rsa-a")), "\"kid\":\"a\",\"alg\":\"PS256\",")})
        << any << false << any << QStringLiteral("no_suitable_key") << QString() << noRule << 0;
    QTest::newRow("ec_key_of_another_curve_is_not_used")
        << token("{\"alg\":\"ES384\"}", Signer{QStringLiteral("p384"), QByteArray(), Mode::Normal})
        << jwks({ecJwk}) << any << false << any << QStringLiteral("no_suitable_key") << QString()
        << noRule << 0;
    QTest::newRow("rsa_key_for_es256_is_not_used")
        << token("{\"alg\":\"ES256\"}", ec) << jwks({aJwk}) << any << false << any
        << QStringLiteral("no_suitable_key") << QString() << noRule << 0;

    QTest::newRow("alg_inside_allowed_list_verifies")
        << token("{\"alg\":\"RS256\",\"kid\":\"a\"}", rsaA) << jwks({aJwk})
        << QStringList{QStringLiteral("ES256"), QStringLiteral("RS256")} << false << any << ok
        << QStringLiteral("a") << noRule << 1;
    QTest::newRow("alg_outside_allowed_list_fails")
        << token("{\"alg\":\"RS256\",\"kid\":\"a\"}", rsaA) << jwks({aJwk})
        << QStringList{QStringLiteral("ES256")} << false << any << QStringLiteral("alg_not_allowed")
        << QString() << noRule << 0;
    QTest::newRow("alg_outside_allowed_list_warns_when_asked")
        << token("{\"alg\":\"RS256\",\"kid\":\"a\"}", rsaA) << jwks({aJwk})
        << QStringList{QStringLiteral("ES256")} << true << any << ok << QStringLiteral("a")
        << QStringLiteral("jws_alg_allowed") << 1;
    QTest::newRow("hmac_key_shorter_than_the_hash_warns")
        << token("{\"alg\":\"HS512\"}", mac) << jwks({macJwk}) << any << false << any << ok
        << QStringLiteral("mac") << QStringLiteral("jwk_hmac_key_size") << 1;
}

void TestJwsVerifier::rules()
{
    QFETCH(QByteArray, compact);
    QFETCH(QByteArray, jwks);
    QFETCH(QStringList, allowed);
    QFETCH(bool, warnOnly);
    QFETCH(QStringList, understood);
    QFETCH(QString, error);
    QFETCH(QString, keyKid);
    QFETCH(QString, rule);
    QFETCH(int, keysTried);

    JwsVerifyOptions options;
    options.allowedAlgorithms = allowed;
    options.disallowedAlgorithm = warnOnly ? JwsVerifyOptions::AlgorithmPolicy::Warn
                                           : JwsVerifyOptions::AlgorithmPolicy::Fail;
    options.understoodCritical = understood;
    const JwsVerifyResult result = verifyCompact(compact, jwks, options);

    QCOMPARE(JoseError::kindName(result.error.kind), error);
    QCOMPARE(result.isVerified(), error == QLatin1String("none"));
    QCOMPARE(JwsVerifyResult::statusName(result.status),
             result.isVerified() ? QStringLiteral("verified") : QStringLiteral("failed"));
    QCOMPARE(result.key.kid(), keyKid);
    QCOMPARE(result.keysTried, keysTried);
    if (!rule.isEmpty())
        QVERIFY2(hasRule(result.findings, rule), qPrintable(rule));
    else
        QVERIFY(!hasRule(result.findings, QStringLiteral("jws_header_key_ignored")));
    if (result.isVerified()) {
        QVERIFY(!result.key.thumbprint().isEmpty());
        QVERIFY(hasRule(result.findings, QStringLiteral("jws_signature")));
    } else {
        QVERIFY(!result.error.message.isEmpty());
        QVERIFY(result.key.isNull());
    }
}

QTEST_APPLESS_MAIN(TestJwsVerifier)
#include "TestJwsVerifier.moc"
