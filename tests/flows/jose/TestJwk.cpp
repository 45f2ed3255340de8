// JWK (RFC 7517) and JWK Set reading, RFC 7638 thumbprints, and OpenSSL keys built from
// JWKs (RSA/EC through EVP_PKEY_fromdata with the EC point checked, OKP raw keys). A set
// keeps its usable keys and says, per skipped key, why it was skipped.
#include "RfcVectors.h"
#include "jose/Base64Url.h"
#include "jose/JoseError.h"
#include "jose/Jwk.h"
#include "jose/JwkSet.h"

#include <QTest>

using Tokenscope::Finding;
using Tokenscope::Jose::Base64Url;
using Tokenscope::Jose::JoseError;
using Tokenscope::Jose::Jwk;
using Tokenscope::Jose::JwkSet;
using namespace RfcVectors;

namespace {

QByteArray rsaKeyWithModulus(const QByteArray &modulus)
{
    return QByteArray("{\"kty\":\"RSA\",\"n\":\"") + Base64Url::encode(modulus) +
           QByteArray("\",\"e\":\"AQAB\"}");
}

// The RFC 7515 A.3 key with the last character of y changed: still canonical base64url
// of 32 bytes, no longer a point on P-256.
QByteArray offCurveEcKey()
{
    QByteArray key = rfc7515A3Key();
    key.replace("WI5a0", "WI5a4");
    return key;
}

} // namespace

class TestJwk final : public QObject
{
    Q_OBJECT

private slots:
    void fromJson_data();
    void fromJson();
    void thumbprint_data();
    void thumbprint();
    void publicKey_data();
    void publicKey();
    void jwkSet_data();
    void jwkSet();
};

void TestJwk::fromJson_data()
{
    QTest::addColumn<QByteArray>("json");
    QTest::addColumn<QString>("error");
    QTest::addColumn<QString>("kty");
    QTest::addColumn<bool>("isPrivate");
    QTest::addColumn<int>("warnings");

    const QString ok = QStringLiteral("none");
    QTest::newRow("rsa_rfc7515_a2_public_key_is_read")
        << rfc7515A2Key() << ok << QStringLiteral("RSA") << false << 0;
    QTest::newRow("ec_p256_rfc7515_a3_key_is_read")
        << rfc7515A3Key() << ok << QStringLiteral("EC") << false << 0;
    QTest::newRow("ec_p521_rfc7515_a4_key_is_read")
        << rfc7515A4Key() << ok << QStringLiteral("EC") << false << 0;
    QTest::newRow("okp_ed25519_rfc8037_private_key_is_read_as_private")
        << rfc8037PrivateKey() << ok << QStringLiteral("OKP") << true << 0;
    QTest::newRow("oct_rfc7515_a1_key_is_read_as_a_secret")
        << rfc7515A1Key() << ok << QStringLiteral("oct") << true << 0;
    QTest::newRow("rfc7520_keys_with_kid_use_alg_are_read")
        << rfc7520OctKey() << ok << QStringLiteral("oct") << true << 0;

    QTest::newRow("missing_kty_is_rejected")
        << QByteArray("{\"k\":\"AAAA\"}") << QStringLiteral("invalid_key") << QString() << false
        << 0;
    QTest::newRow("unknown_kty_is_unsupported")
        << QByteArray("{\"kty\":\"DSA\"}") << QStringLiteral("unsupported_key_type") << QString()
        << false << 0;
    QTest::newRow("ec_secp256k1_is_unsupported")
        << QByteArray(rfc7515A3Key()).replace("P-256", "secp256k1")
        << QStringLiteral("unsupported_key_type") << QString() << false << 0;
    QTest::newRow("okp_x25519_is_not_a_signature_curve")
        << QByteArray(rfc8037PublicKey()).replace("Ed25519", "X25519")
        << QStringLiteral("unsupported_key_type") << QString() << false << 0;
    QTest::newRow("ec_coordinate_shorter_than_the_curve_is_rejected")
        << QByteArray("{\"kty\":\"EC\",\"crv\":\"P-256\",\"x\":\"") +
               Base64Url::encode(QByteArray(31, 'x')) + QByteArray("\",\"y\":\"") +
               Base64Url::encode(QByteArray(32, 'y')) + QByteArray("\"}")
        << QStringLiteral("invalid_key") << QString() << false << 0;
    QTest::newRow("ec_missing_y_is_rejected")
        << QByteArray("{\"kty\":\"EC\",\"crv\":\"P-256\","
                      "\"x\":\"f83OJ3D2xF1Bg8vub9tLe1gHMzV76e8Tus9uPHvRVEU\"}")
        << QStringLiteral("invalid_key") << QString() << false << 0;
    QTest::newRow("rsa_missing_e_is_rejected")
        << QByteArray("{\"kty\":\"RSA\",\"n\":\"") + rfc7515A2N() + QByteArray("\"}")
        << QStringLiteral("invalid_key") << QString() << false << 0;
    QTest::newRow("padded_member_is_rejected")
        << QByteArray("{\"kty\":\"oct\",\"k\":\"Zg==\"}") << QStringLiteral("invalid_base64url")
        << QString() << false << 0;
    QTest::newRow("empty_symmetric_key_is_rejected")
        << QByteArray("{\"kty\":\"oct\",\"k\":\"\"}") << QStringLiteral("invalid_key") << QString()
        << false << 0;
    QTest::newRow("key_ops_not_a_list_is_rejected")
        << QByteArray("{\"kty\":\"oct\",\"k\":\"Zm9v\",\"key_ops\":\"verify\"}")
        << QStringLiteral("invalid_key") << QString() << false << 0;
    QTest::newRow("numeric_kid_is_rejected")
        << QByteArray("{\"kty\":\"oct\",\"k\":\"Zm9v\",\"kid\":7}") << QStringLiteral("invalid_key")
        << QString() << false << 0;
    QTest::newRow("rsa_512_bit_modulus_is_rejected")
        << rsaKeyWithModulus(QByteArray(64, '\xff')) << QStringLiteral("invalid_key") << QString()
        << false << 0;
    QTest::newRow("rsa_1024_bit_modulus_is_kept_with_a_warning")
        << rsaKeyWithModulus(QByteArray(128, '\xff')) << ok << QStringLiteral("RSA") << false << 1;
    QTest::newRow("rsa_modulus_size_ignores_leading_zero_octets")
        << rsaKeyWithModulus(QByteArray(1, '\0') + QByteArray(128, '\xff')) << ok
        << QStringLiteral("RSA") << false << 1;
    QTest::newRow("duplicate_member_in_key_text_is_rejected")
        << QByteArray("{\"kty\":\"oct\",\"k\":\"Zm9v\",\"k\":\"YmFy\"}")
        << QStringLiteral("duplicate_member") << QString() << false << 0;
    QTest::newRow("array_is_not_a_key")
        << QByteArray("[]") << QStringLiteral("invalid_key") << QString() << false << 0;
}

void TestJwk::fromJson()
{
    QFETCH(QByteArray, json);
    QFETCH(QString, error);
    QFETCH(QString, kty);
    QFETCH(bool, isPrivate);
    QFETCH(int, warnings);

    JoseError problem;
    const Jwk key = Jwk::fromJson(json, &problem);
    QCOMPARE(JoseError::kindName(problem.kind), error);
    QCOMPARE(key.isNull(), problem.isError());
    QCOMPARE(key.kty(), kty);
    if (!key.isNull()) {
        QCOMPARE(key.isPrivate(), isPrivate);
        QCOMPARE(key.warnings().size(), warnings);
        QVERIFY(!key.thumbprint().isEmpty());
    } else {
        QVERIFY(!problem.message.isEmpty());
    }
}

void TestJwk::thumbprint_data()
{
    QTest::addColumn<QByteArray>("json");
    QTest::addColumn<QString>("thumbprint");

    QTest::newRow("rfc7638_3_1_rsa_example") << rfc7638Key() << rfc7638Thumbprint();
    QTest::newRow("rfc7638_optional_members_do_not_count")
        << QByteArray(rfc7638Key()).replace("\"kid\":\"2011-04-29\"", "\"kid\":\"other\"")
        << rfc7638Thumbprint();
    QTest::newRow("rfc8037_a3_ed25519_public_key") << rfc8037PublicKey() << rfc8037Thumbprint();
    QTest::newRow("rfc8037_a3_private_members_do_not_count")
        << rfc8037PrivateKey() << rfc8037Thumbprint();
}

void TestJwk::thumbprint()
{
    QFETCH(QByteArray, json);
    QFETCH(QString, thumbprint);
    JoseError error;
    const Jwk key = Jwk::fromJson(json, &error);
    QVERIFY2(!key.isNull(), qPrintable(error.message));
    QCOMPARE(key.thumbprint(), thumbprint);
}

void TestJwk::publicKey_data()
{
    QTest::addColumn<QByteArray>("json");
    QTest::addColumn<QString>("error");

    const QString ok = QStringLiteral("none");
    QTest::newRow("rsa_rfc7515_a2_builds") << rfc7515A2Key() << ok;
    QTest::newRow("ec_p256_rfc7515_a3_builds") << rfc7515A3Key() << ok;
    QTest::newRow("ec_p521_rfc7515_a4_builds") << rfc7515A4Key() << ok;
    QTest::newRow("ec_p521_rfc7520_builds") << rfc7520EcKey() << ok;
    QTest::newRow("okp_ed25519_rfc8037_builds") << rfc8037PublicKey() << ok;
    QTest::newRow("ec_point_not_on_curve_is_rejected")
        << offCurveEcKey() << QStringLiteral("invalid_key");
    QTest::newRow("symmetric_key_has_no_public_key")
        << rfc7515A1Key() << QStringLiteral("invalid_key");
}

void TestJwk::publicKey()
{
    QFETCH(QByteArray, json);
    QFETCH(QString, error);
    JoseError problem;
    const Jwk key = Jwk::fromJson(json, &problem);
    QVERIFY2(!key.isNull(), qPrintable(problem.message));
    const auto built = key.publicKey(&problem);
    QCOMPARE(JoseError::kindName(problem.kind), error);
    QCOMPARE(bool(built), !problem.isError());
}

void TestJwk::jwkSet_data()
{
    QTest::addColumn<QByteArray>("json");
    QTest::addColumn<QString>("error");
    QTest::addColumn<QStringList>("kids");
    QTest::addColumn<QStringList>("warningRules");

    const QString ok = QStringLiteral("none");
    const QString skipped = QStringLiteral("jwks_key_skipped");
    const QByteArray rsa = QByteArray(rfc7515A2Key()).replace("{", "{\"kid\":\"rsa\",");
    const QByteArray ec = QByteArray(rfc7515A3Key()).replace("{", "{\"kid\":\"ec\",");
    const QByteArray ed = QByteArray(rfc8037PublicKey()).replace("{", "{\"kid\":\"ed\",");

    QTest::newRow("jwks_of_good_keys_keeps_all_without_warnings")
        << jwks({rsa, ec, ed}) << ok
        << QStringList{QStringLiteral("rsa"), QStringLiteral("ec"), QStringLiteral("ed")}
        << QStringList();
    QTest::newRow("jwks_with_one_bad_key_keeps_the_others")
        << jwks({rsa, QByteArray("{\"kty\":\"RSA\",\"kid\":\"broken\"}"), ec}) << ok
        << QStringList{QStringLiteral("rsa"), QStringLiteral("ec")} << QStringList{skipped};
    QTest::newRow("jwks_with_unknown_kty_keeps_the_others")
        << jwks({QByteArray("{\"kty\":\"PQC\",\"kid\":\"future\"}"), ed}) << ok
        << QStringList{QStringLiteral("ed")} << QStringList{skipped};
    QTest::newRow("jwks_with_point_off_curve_skips_that_key")
        << jwks({offCurveEcKey(), ed}) << ok << QStringList{QStringLiteral("ed")}
        << QStringList{skipped};
    QTest::newRow("jwks_entry_that_is_not_an_object_is_skipped")
        << jwks({QByteArray("\"key\""), ec}) << ok << QStringList{QStringLiteral("ec")}
        << QStringList{skipped};
    QTest::newRow("jwks_with_private_ec_key_warns")
        << jwks({QByteArray(ec).replace("{",
                                        "{\"d\":\"jpsQnnGQmL-YBIffH1136cspYG6-0iY7X1fCE9-E9LI\",")})
        << ok << QStringList{QStringLiteral("ec")}
        << QStringList{QStringLiteral("jwks_private_key_published")};
    QTest::newRow("jwks_with_repeated_kid_warns")
        << jwks({rsa, QByteArray(ec).replace("\"ec\"", "\"rsa\"")}) << ok
        << QStringList{QStringLiteral("rsa"), QStringLiteral("rsa")}
        << QStringList{QStringLiteral("jwks_kid_unique")};
    QTest::newRow("jwks_with_1024_bit_rsa_key_warns")
        << jwks({rsaKeyWithModulus(QByteArray(127, '\xff') + QByteArray(1, '\xfb'))}) << ok
        << QStringList{QString()} << QStringList{QStringLiteral("jwk_rsa_modulus_size")};
    QTest::newRow("array_is_not_a_jwk_set")
        << QByteArray("[]") << QStringLiteral("not_a_jwk_set") << QStringList() << QStringList();
    QTest::newRow("object_without_keys_is_not_a_jwk_set")
        << rfc7515A3Key() << QStringLiteral("not_a_jwk_set") << QStringList() << QStringList();
    QTest::newRow("non_json_is_not_a_jwk_set")
        << QByteArray("<html>") << QStringLiteral("not_a_jwk_set") << QStringList()
        << QStringList();
    QTest::newRow("duplicate_member_inside_a_key_is_rejected")
        << jwks({QByteArray(ec).replace("{", "{\"crv\":\"P-384\",")})
        << QStringLiteral("duplicate_member") << QStringList() << QStringList();
}

void TestJwk::jwkSet()
{
    QFETCH(QByteArray, json);
    QFETCH(QString, error);
    QFETCH(QStringList, kids);
    QFETCH(QStringList, warningRules);

    const JwkSet set = JwkSet::fromJson(json);
    QCOMPARE(JoseError::kindName(set.error.kind), error);
    QStringList actualKids;
    for (const Jwk &key : set.keys)
        actualKids.append(key.kid());
    QCOMPARE(actualKids, kids);
    QStringList rules;
    for (const Finding &finding : set.warnings) {
        QCOMPARE(finding.status, Finding::Status::Warn);
        QVERIFY(!finding.message.isEmpty());
        rules.append(finding.rule);
    }
    rules.removeDuplicates();
    QCOMPARE(rules, warningRules);
}

QTEST_APPLESS_MAIN(TestJwk)
#include "TestJwk.moc"
