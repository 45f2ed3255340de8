// Compact JWE decryption with libjose, on the JOSE cookbook's vectors (RFC 7520 §5.3 PBES2,
// §5.4 ECDH-ES+A128KW, §5.6 dir, §5.8 A128KW), each with a failing control (wrong key,
// tampered tag); and hostile headers refused before any key is touched (huge PBES2 counts,
// compression, unknown crit, unsupported algorithms, wrong shapes).
#include "RfcVectors.h"
#include "jose/Base64Url.h"
#include "jose/JweDecryptor.h"

#include <QTest>

using namespace Tokenscope;
using namespace Tokenscope::Jose;

namespace {

// RFC 7520 §5.4: ECDH-ES+A128KW + A128GCM, P-384.
QByteArray ecdhToken()
{
    return QByteArray("eyJhbGciOiJFQ0RILUVTK0ExMjhLVyIsImtpZCI6InBlcmVncmluLnRvb2tAdHVja2Jvcm"
                      "91Z2guZXhhbXBsZSIsImVwayI6eyJrdHkiOiJFQyIsImNydiI6IlAtMzg0IiwieCI6InVC"
                      "bzRrSFB3Nmtiang1bDB4b3dyZF9vWXpCbWF6LUdLRlp1NHhBRkZrYllpV2d1dEVLNml1RU"
                      "RzUTZ3TmROZzMiLCJ5Ijoic3AzcDVTR2haVkMyZmFYdW1JLWU5SlUyTW84S3BvWXJGRHI1"
                      "eVBOVnRXNFBnRXdaT3lRVEEtSmRhWTh0YjdFMCJ9LCJlbmMiOiJBMTI4R0NNIn0.0DJjBX"
                      "ri_kBcC46IkU5_Jk9BqaQeHdv2.mH-G2zVqgztUtnW_.tkZuOO9h95OgHJmkkrfLBisku8"
                      "rGf6nzVxhRM3sVOhXgz5NJ76oID7lpnAi_cPWJRCjSpAaUZ5dOR3Spy7QuEkmKx8-3RCMh"
                      "SYMzsXaEwDdXta9Mn5B7cCBoJKB0IgEnj_qfo1hIi-uEkUpOZ8aLTZGHfpl05jMwbKkTe2"
                      "yK3mjF6SBAsgicQDVCkcY9BLluzx1RmC3ORXaM0JaHPB93YcdSDGgpgBWMVrNU1ErkjcMq"
                      "MoT_wtCex3w03XdLkjXIuEr2hWgeP-nkUZTPU9EoGSPj6fAS-bSz87RCPrxZdj_iVyC6QW"
                      "cqAu07WNhjzJEPc4jVntRJ6K53NgPQ5p99l3Z408OUqj4ioYezbS6vTPlQ.WuGzxmcreYj"
                      "pHGJoa17EBg");
}
QByteArray ecdhKey()
{
    return QByteArray(
        "{\"kty\":\"EC\",\"kid\":\"peregrin.took@tuckborough.example\","
        "\"use\":\"enc\",\"crv\":\"P-384\","
        "\"x\":\"YU4rRUzdmVqmRtWOs2OpDE_T5fsNIodcG8G5FWPrTPMyxpzsSOGaQLpe2FpxBmu2\","
        "\"y\":\"A8-yxCHxkfBz3hKZfI1jUYMjUhsEveZ9THuwFjH2sCNdtksRJU7D5-SkgaFL1ETP\","
        "\"d\":\"iTx2pk7wW-GqJkHcEkFQb2EFyYcO7RugmaW3mRrQVAOUiPommT0IdnYK2xDlZh-j\"}");
}

// RFC 7520 §5.6: dir + A128GCM.
QByteArray dirToken()
{
    return QByteArray("eyJhbGciOiJkaXIiLCJraWQiOiI3N2M3ZTJiOC02ZTEzLTQ1Y2YtODY3Mi02MTdiNWI0NT"
                      "I0M2EiLCJlbmMiOiJBMTI4R0NNIn0..refa467QzzKx6QAB.JW_i_f52hww_ELQPGaYyeA"
                      "B6HYGcR559l9TYnSovc23XJoBcW29rHP8yZOZG7YhLpT1bjFuvZPjQS-m0IFtVcXkZXdH_"
                      "lr_FrdYt9HRUYkshtrMmIUAyGmUnd9zMDB2n0cRDIHAzFVeJUDxkUwVAE7_YGRPdcqMyiB"
                      "oCO-FBdE-Nceb4h3-FtBP-c_BIwCPTjb9o0SbdcdREEMJMyZBH8ySWMVi1gPD9yxi-aQpG"
                      "bSv_F9N4IZAxscj5g-NJsUPbjk29-s7LJAGb15wEBtXphVCgyy53CoIKLHHeJHXex45Uz9"
                      "aKZSRSInZI-wjsY0yu3cT4_aQ3i1o-tiE-F8Ios61EKgyIQ4CWao8PFMj8TTnp.vbb32Xv"
                      "llea2OtmHAdccRQ");
}
QByteArray dirKey()
{
    return QByteArray("{\"kty\":\"oct\",\"k\":\"XctOhJAkA-pD9Lh7ZgW_2A\"}");
}

// RFC 7520 §5.3: PBES2-HS512+A256KW (p2c 8192) + A128CBC-HS256; the plaintext is a JWK Set.
QByteArray pbes2Token()
{
    return QByteArray("eyJhbGciOiJQQkVTMi1IUzUxMitBMjU2S1ciLCJwMnMiOiI4UTFTemluYXNSM3hjaFl6Nl"
                      "paY0hBIiwicDJjIjo4MTkyLCJjdHkiOiJqd2stc2V0K2pzb24iLCJlbmMiOiJBMTI4Q0JD"
                      "LUhTMjU2In0.d3qNhUWfqheyPp4H8sjOWsDYajoej4c5Je6rlUtFPWdgtURtmeDV1g.VBi"
                      "CzVHNoLiR3F4V82uoTQ.23i-Tb1AV4n0WKVSSgcQrdg6GRqsUKxjruHXYsTHAJLZ2nsnGI"
                      "X86vMXqIi6IRsfywCRFzLxEcZBRnTvG3nhzPk0GDD7FMyXhUHpDjEYCNA_XOmzg8yZR9oy"
                      "jo6lTF6si4q9FZ2EhzgFQCLO_6h5EVg3vR75_hkBsnuoqoM3dwejXBtIodN84PeqMb6asm"
                      "as_dpSsz7H10fC5ni9xIz424givB1YLldF6exVmL93R3fOoOJbmk2GBQZL_SEGllv2cQsB"
                      "geprARsaQ7Bq99tT80coH8ItBjgV08AtzXFFsx9qKvC982KLKdPQMTlVJKkqtV4Ru5LEVp"
                      "BZXBnZrtViSOgyg6AiuwaS-rCrcD_ePOGSuxvgtrokAKYPqmXUeRdjFJwafkYEkiuDCV9v"
                      "WGAi1DH2xTafhJwcmywIyzi4BqRpmdn_N-zl5tuJYyuvKhjKv6ihbsV_k1hJGPGAxJ6wUp"
                      "mwC4PTQ2izEm0TuSE8oMKdTw8V3kobXZ77ulMwDs4p.0HlwodAhOCILG5SQ2LQ9dg");
}
QByteArray pbes2Key() // the password "entrap_o–peter_long–credit_tun"
{
    return QByteArray("{\"kty\":\"oct\",\"k\":\"ZW50cmFwX2_igJNwZXRlcl9sb25n4oCTY3JlZGl0X3R1bg\"}");
}
QByteArray pbes2Plaintext()
{
    return QByteArray(
        "{\"keys\":[{\"kty\":\"oct\",\"kid\":\"77c7e2b8-6e13-45cf-8672-617b5b45243a\","
        "\"use\":\"enc\",\"alg\":\"A128GCM\",\"k\":\"XctOhJAkA-pD9Lh7ZgW_2A\"},"
        "{\"kty\":\"oct\",\"kid\":\"81b20965-8332-43d9-a468-82160ad91ac8\","
        "\"use\":\"enc\",\"alg\":\"A128KW\",\"k\":\"GZy6sIZ6wl9NJOKB-jnmVQ\"},"
        "{\"kty\":\"oct\",\"kid\":\"18ec08e1-bfa9-4d95-b205-2b4dd1d4321d\","
        "\"use\":\"enc\",\"alg\":\"A256GCMKW\","
        "\"k\":\"qC57l_uxcm7Nm3K-ct4GFjx8tM1U8CZ0NLBvdQstiS8\"}]}");
}

// A JWE whose header is `header` and whose other segments are well-formed filler.
QByteArray withHeader(const QByteArray &header)
{
    return Base64Url::encode(header) + ".AAAA.AAAAAAAAAAAAAAAA.AAAA.AAAAAAAAAAAAAAAAAAAAAA";
}

QByteArray tamperedTag(QByteArray token)
{
    token[token.size() - 2] = token.at(token.size() - 2) == 'A' ? 'B' : 'A';
    return token;
}

} // namespace

class TestJweDecryptor final : public QObject
{
    Q_OBJECT

private slots:
    void cookbookVectors_data();
    void cookbookVectors();
    void refusedBeforeAnyKeyIsTouched_data();
    void refusedBeforeAnyKeyIsTouched();
};

void TestJweDecryptor::cookbookVectors_data()
{
    QTest::addColumn<QByteArray>("token");
    QTest::addColumn<QByteArray>("keys");
    QTest::addColumn<JoseError::Kind>("error");

    using K = JoseError::Kind;
    QTest::newRow("rfc7520_5_8_a128kw_a128gcm")
        << RfcVectors::rfc7520A128kwJwe() << RfcVectors::rfc7520A128kwKey() << K::None;
    QTest::newRow("rfc7520_5_4_ecdh_es_a128kw_p384") << ecdhToken() << ecdhKey() << K::None;
    QTest::newRow("rfc7520_5_6_dir_a128gcm") << dirToken() << dirKey() << K::None;
    QTest::newRow("rfc7520_5_3_pbes2_a128cbc_hs256") << pbes2Token() << pbes2Key() << K::None;
    QTest::newRow("key_found_in_a_set")
        << RfcVectors::rfc7520A128kwJwe() << pbes2Plaintext() << K::None;
    QTest::newRow("another_key_fails")
        << RfcVectors::rfc7520A128kwJwe() << dirKey() << K::DecryptionFailed;
    QTest::newRow("tampered_tag_fails") << tamperedTag(RfcVectors::rfc7520A128kwJwe())
                                        << RfcVectors::rfc7520A128kwKey() << K::DecryptionFailed;
    QTest::newRow("tampered_dir_tag_fails")
        << tamperedTag(dirToken()) << dirKey() << K::DecryptionFailed;
    QTest::newRow("wrong_password_fails")
        << pbes2Token() << RfcVectors::rfc7520A128kwKey() << K::DecryptionFailed;
}

void TestJweDecryptor::cookbookVectors()
{
    QFETCH(QByteArray, token);
    QFETCH(QByteArray, keys);
    QFETCH(JoseError::Kind, error);
    if (!JweDecryptor::isAvailable())
        QSKIP("built without libjose");
    const JweDecryptor::Result result = JweDecryptor::decrypt(token, keys);
    QVERIFY2(result.error.kind == error, qPrintable(result.error.message));
    if (error != JoseError::Kind::None) {
        QVERIFY(result.plaintext.isEmpty());
        return;
    }
    if (token == pbes2Token()) {
        QCOMPARE(result.plaintext, pbes2Plaintext());
        return;
    }
    // RFC 7520 §5's plaintext, from "The Fellowship of the Ring".
    QVERIFY2(result.plaintext.startsWith("You can trust us to stick with you through thick and "
                                         "thin"),
             result.plaintext.constData());
    QVERIFY(result.plaintext.endsWith("We are your friends, Frodo."));
}

void TestJweDecryptor::refusedBeforeAnyKeyIsTouched_data()
{
    QTest::addColumn<QByteArray>("token");
    QTest::addColumn<JoseError::Kind>("error");

    using K = JoseError::Kind;
    QTest::newRow("pbes2_count_of_a_billion_is_refused")
        << withHeader("{\"alg\":\"PBES2-HS256+A128KW\",\"enc\":\"A128GCM\",\"p2s\":\"AAAA\","
                      "\"p2c\":1000000000}")
        << K::TooLarge;
    QTest::newRow("pbes2_count_that_is_not_a_number_is_refused")
        << withHeader("{\"alg\":\"PBES2-HS256+A128KW\",\"enc\":\"A128GCM\",\"p2c\":\"8192\"}")
        << K::MalformedJwsJson;
    QTest::newRow("compression_is_refused")
        << withHeader("{\"alg\":\"dir\",\"enc\":\"A128GCM\",\"zip\":\"DEF\"}") << K::UnsupportedAlg;
    QTest::newRow("unknown_crit_is_refused")
        << withHeader("{\"alg\":\"dir\",\"enc\":\"A128GCM\",\"crit\":[\"x\"],\"x\":1}")
        << K::UnsupportedCrit;
    QTest::newRow("unknown_key_algorithm_is_refused")
        << withHeader("{\"alg\":\"RSA-OAEP-384\",\"enc\":\"A128GCM\"}") << K::UnsupportedAlg;
    QTest::newRow("unknown_content_encryption_is_refused")
        << withHeader("{\"alg\":\"dir\",\"enc\":\"A128CTR\"}") << K::UnsupportedAlg;
    QTest::newRow("missing_enc_is_refused") << withHeader("{\"alg\":\"dir\"}") << K::MissingAlg;
    QTest::newRow("repeated_header_member_is_refused")
        << withHeader("{\"alg\":\"dir\",\"alg\":\"A128KW\",\"enc\":\"A128GCM\"}")
        << K::DuplicateMember;
    QTest::newRow("four_segments_are_refused") << QByteArray("eyJ9.a.b.c") << K::WrongSegmentCount;
    QTest::newRow("padded_segment_is_refused")
        << QByteArray(withHeader("{\"alg\":\"dir\",\"enc\":\"A128GCM\"}") + "=")
        << K::InvalidBase64Url;
    QTest::newRow("empty_ciphertext_is_refused")
        << QByteArray(Base64Url::encode("{\"alg\":\"dir\",\"enc\":\"A128GCM\"}") + "..AAAA..AAAA")
        << K::MalformedJwsJson;
}

void TestJweDecryptor::refusedBeforeAnyKeyIsTouched()
{
    QFETCH(QByteArray, token);
    QFETCH(JoseError::Kind, error);
    const JweDecryptor::Result result = JweDecryptor::decrypt(token, dirKey());
    QVERIFY2(result.error.kind == error, qPrintable(result.error.message));
}

QTEST_APPLESS_MAIN(TestJweDecryptor)
#include "TestJweDecryptor.moc"
