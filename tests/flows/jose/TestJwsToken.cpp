// Parsing a JWS (RFC 7515) without trusting it: the compact serialization (exactly three
// segments; five is a JWE), the JSON serializations (§7.2, general and flattened), and
// every cheap rejection of hostile input with its named kind.
#include "RfcVectors.h"
#include "jose/Base64Url.h"
#include "jose/JoseError.h"
#include "jose/JwsToken.h"

#include <QTest>

using Tokenscope::Jose::Base64Url;
using Tokenscope::Jose::JoseError;
using Tokenscope::Jose::JwsLimits;
using Tokenscope::Jose::JwsToken;
using namespace RfcVectors;

namespace {

QByteArray segment(const QByteArray &bytes)
{
    return Base64Url::encode(bytes);
}

QByteArray compact(const QByteArray &header, const QByteArray &payload,
                   const QByteArray &signature = QByteArray("sig"))
{
    return segment(header) + '.' + segment(payload) + '.' + segment(signature);
}

const QByteArray Hs256Header("{\"alg\":\"HS256\"}");

} // namespace

class TestJwsToken final : public QObject
{
    Q_OBJECT

private slots:
    void parseCompact_data();
    void parseCompact();
    void rfc7515A1PartsAreExposed();
    void limitIsConfigurable();
    void parseJson_data();
    void parseJson();
    void rfc7515A6GeneralGivesOneTokenPerSignature();
};

void TestJwsToken::parseCompact_data()
{
    QTest::addColumn<QByteArray>("text");
    QTest::addColumn<QString>("error");
    QTest::addColumn<QString>("alg");

    const QString ok = QStringLiteral("none");
    QTest::newRow("rfc7515_a1_hs256_parses") << rfc7515A1Token() << ok << QStringLiteral("HS256");
    QTest::newRow("rfc7515_a2_rs256_parses") << rfc7515A2Token() << ok << QStringLiteral("RS256");
    QTest::newRow("rfc7515_a4_es512_parses") << rfc7515A4Token() << ok << QStringLiteral("ES512");
    QTest::newRow("rfc8037_ed25519_parses") << rfc8037Token() << ok << QStringLiteral("EdDSA");
    QTest::newRow("rfc7520_4_4_hs256_parses")
        << rfc7520Hs256Token() << ok << QStringLiteral("HS256");
    QTest::newRow("empty_payload_and_signature_parse")
        << segment(Hs256Header) + QByteArray("..") << ok << QStringLiteral("HS256");
    QTest::newRow("alg_none_parses_and_is_judged_by_the_verifier")
        << compact("{\"alg\":\"none\"}", "{}", QByteArray()) << ok << QStringLiteral("none");

    const QString segments = QStringLiteral("wrong_segment_count");
    QTest::newRow("hundred_thousand_dots_is_rejected")
        << QByteArray(100000, '.') << segments << QString();
    QTest::newRow("empty_text_is_rejected") << QByteArray() << segments << QString();
    QTest::newRow("two_segments_are_rejected")
        << segment(Hs256Header) + QByteArray(".e30") << segments << QString();
    QTest::newRow("four_segments_are_rejected")
        << compact(Hs256Header, "{}") + QByteArray(".x") << segments << QString();
    QTest::newRow("six_segments_are_rejected")
        << QByteArray("a.b.c.d.e.f") << segments << QString();
    QTest::newRow("five_segments_is_a_jwe_not_supported_yet")
        << QByteArray("eyJhbGciOiJSU0EtT0FFUCIsImVuYyI6IkEyNTZHQ00ifQ.a.b.c.d")
        << QStringLiteral("jwe_not_supported") << QString();
    QTest::newRow("five_megabyte_payload_is_rejected")
        << compact(Hs256Header, QByteArray(5 * 1024 * 1024, 'A')) << QStringLiteral("too_large")
        << QString();

    const QString base64 = QStringLiteral("invalid_base64url");
    QTest::newRow("padded_base64url_is_rejected")
        << segment(Hs256Header) + QByteArray(".UGF5bG9hZA==.") + segment("sig") << base64
        << QString();
    QTest::newRow("padded_signature_is_rejected")
        << segment(Hs256Header) + QByteArray(".e30.c2lnbmF0dXJl") + QByteArray("==") << base64
        << QString();
    QTest::newRow("standard_alphabet_in_header_is_rejected")
        << QByteArray("eyJhbGciOiJIUzI1NiJ9+.e30.c2ln") << base64 << QString();
    QTest::newRow("non_canonical_signature_bits_are_rejected")
        << segment(Hs256Header) + QByteArray(".e30.Zh") << base64 << QString();
    QTest::newRow("trailing_newline_is_rejected") << compact(Hs256Header, "{}") + '\n'
                                                  << base64 << QString();

    QTest::newRow("non_json_header_is_rejected")
        << compact("not json", "{}") << QStringLiteral("header_not_json") << QString();
    QTest::newRow("non_utf8_header_is_rejected")
        << compact("{\"alg\":\"HS256\",\"x\":\"\xff\"}", "{}") << QStringLiteral("header_not_json")
        << QString();
    QTest::newRow("empty_header_is_rejected")
        << QByteArray(".e30.c2ln") << QStringLiteral("header_not_json") << QString();
    QTest::newRow("array_header_is_rejected") << compact("[{\"alg\":\"HS256\"}]", "{}")
                                              << QStringLiteral("header_not_object") << QString();
    QTest::newRow("string_header_is_not_an_object")
        << compact("\"HS256\"", "{}") << QStringLiteral("header_not_object") << QString();
    QTest::newRow("duplicate_header_member_is_rejected")
        << compact("{\"alg\":\"HS256\",\"alg\":\"none\"}", "{}")
        << QStringLiteral("duplicate_member") << QString();
    QTest::newRow("escaped_duplicate_header_member_is_rejected")
        << compact("{\"alg\":\"HS256\",\"\\u0061lg\":\"none\"}", "{}")
        << QStringLiteral("duplicate_member") << QString();
    QTest::newRow("same_name_in_nested_objects_is_not_a_duplicate")
        << compact("{\"alg\":\"HS256\",\"a\":{\"alg\":1},\"b\":[{\"alg\":2}]}", "{}") << ok
        << QStringLiteral("HS256");
    QTest::newRow("duplicate_in_nested_header_object_is_rejected")
        << compact("{\"alg\":\"HS256\",\"a\":{\"x\":1,\"x\":2}}", "{}")
        << QStringLiteral("duplicate_member") << QString();
    QTest::newRow("duplicate_payload_member_is_rejected")
        << compact(Hs256Header, "{\"sub\":\"alice\",\"sub\":\"mallory\"}")
        << QStringLiteral("duplicate_member") << QString();
    QTest::newRow("duplicate_looking_text_inside_a_string_is_not_a_duplicate")
        << compact(Hs256Header, "{\"note\":\"\\\"sub\\\":1,\\\"sub\\\":2\",\"sub\":\"a\"}") << ok
        << QStringLiteral("HS256");
    QTest::newRow("non_json_payload_is_allowed_for_a_jws")
        << compact(Hs256Header, "{\"sub\":") << ok << QStringLiteral("HS256");
    QTest::newRow("missing_alg_is_rejected")
        << compact("{\"typ\":\"JWT\"}", "{}") << QStringLiteral("missing_alg") << QString();
    QTest::newRow("numeric_alg_is_rejected")
        << compact("{\"alg\":256}", "{}") << QStringLiteral("missing_alg") << QString();
}

void TestJwsToken::parseCompact()
{
    QFETCH(QByteArray, text);
    QFETCH(QString, error);
    QFETCH(QString, alg);

    const JwsToken::ParseResult result = JwsToken::parseCompact(text);
    QCOMPARE(JoseError::kindName(result.error.kind), error);
    if (result.isError()) {
        QVERIFY(result.tokens.isEmpty());
        QVERIFY(!result.error.message.isEmpty());
        return;
    }
    QCOMPARE(result.tokens.size(), 1);
    QCOMPARE(result.token().alg(), alg);
    QCOMPARE(result.token().serialization(), JwsToken::Serialization::Compact);
    QCOMPARE(result.token().signingInput(), text.left(text.lastIndexOf('.')));
}

void TestJwsToken::rfc7515A1PartsAreExposed()
{
    const JwsToken::ParseResult result = JwsToken::parseCompact(rfc7515A1Token());
    QVERIFY2(!result.isError(), qPrintable(result.error.message));
    const JwsToken &token = result.token();
    QCOMPARE(token.protectedHeaderBytes(), QByteArray("{\"typ\":\"JWT\",\r\n \"alg\":\"HS256\"}"));
    QCOMPARE(token.header().value(QStringLiteral("typ")).toString(), QStringLiteral("JWT"));
    QCOMPARE(token.payload(), QByteArray("{\"iss\":\"joe\",\r\n \"exp\":1300819380,\r\n "
                                         "\"http:\x2f/example.com/is_root\":true}"));
    QVERIFY(token.payloadIsJsonObject());
    QCOMPARE(token.payloadObject().value(QStringLiteral("iss")).toString(), QStringLiteral("joe"));
    // RFC 7515 A.1.1: the HMAC value, as the octets listed there.
    const int octets[] = {116, 24,  223, 180, 151, 153, 224, 37,  79,  250, 96,
                          125, 216, 173, 187, 186, 22,  212, 37,  77,  105, 214,
                          191, 240, 91,  88,  5,   88,  83,  132, 141, 121};
    QByteArray mac;
    for (const int octet : octets)
        mac.append(char(octet));
    QCOMPARE(token.signature(), mac);
    QVERIFY(!token.hasKid());
}

void TestJwsToken::limitIsConfigurable()
{
    JwsLimits small;
    small.maxTokenBytes = 64;
    QCOMPARE(JwsToken::parseCompact(rfc7515A1Token(), small).error.kind, JoseError::Kind::TooLarge);
    QCOMPARE(JwsToken::parseJson(rfc7515A7Flattened(), small).error.kind,
             JoseError::Kind::TooLarge);
    QVERIFY(!JwsToken::parseCompact(rfc7515A1Token()).isError());
    // A megabyte-sized token is still within the default limit.
    QVERIFY(!JwsToken::parseCompact(compact(Hs256Header, QByteArray(700 * 1024, 'A'))).isError());
}

void TestJwsToken::parseJson_data()
{
    QTest::addColumn<QByteArray>("text");
    QTest::addColumn<QString>("error");
    QTest::addColumn<int>("signatures");

    const QString ok = QStringLiteral("none");
    const QString malformed = QStringLiteral("malformed_jws_json");
    const QByteArray payload = rfc7515Payload();
    const auto flattened = [&](const QByteArray &members) -> QByteArray {
        return QByteArray("{\"payload\":\"") + payload + QByteArray("\",") + members + '}';
    };

    QTest::newRow("rfc7515_a6_general_parses") << rfc7515A6General() << ok << 2;
    QTest::newRow("rfc7515_a7_flattened_parses") << rfc7515A7Flattened() << ok << 1;
    QTest::newRow("rfc7520_4_1_flattened_parses") << rfc7520Rs256Flattened() << ok << 1;
    QTest::newRow("unprotected_header_only_parses")
        << flattened("\"header\":{\"alg\":\"HS256\"},\"signature\":\"c2ln\"") << ok << 1;

    QTest::newRow("not_json_is_malformed") << QByteArray("eyJ") << malformed << 0;
    QTest::newRow("array_is_malformed") << QByteArray("[]") << malformed << 0;
    QTest::newRow("missing_payload_is_malformed")
        << QByteArray("{\"protected\":\"eyJhbGciOiJIUzI1NiJ9\",\"signature\":\"c2ln\"}")
        << malformed << 0;
    QTest::newRow("missing_signature_is_malformed")
        << flattened("\"protected\":\"eyJhbGciOiJIUzI1NiJ9\"") << malformed << 0;
    QTest::newRow("no_header_at_all_is_malformed")
        << flattened("\"signature\":\"c2ln\"") << malformed << 0;
    QTest::newRow("general_mixed_with_flattened_members_is_malformed")
        << flattened("\"signature\":\"c2ln\",\"signatures\":[{\"protected\":"
                     "\"eyJhbGciOiJIUzI1NiJ9\",\"signature\":\"c2ln\"}]")
        << malformed << 0;
    QTest::newRow("empty_signatures_list_is_malformed")
        << flattened("\"signatures\":[]") << malformed << 0;
    QTest::newRow("member_both_protected_and_unprotected_is_a_duplicate")
        << flattened("\"protected\":\"eyJhbGciOiJIUzI1NiJ9\",\"header\":{\"alg\":\"none\"},"
                     "\"signature\":\"c2ln\"")
        << QStringLiteral("duplicate_member") << 0;
    QTest::newRow("duplicate_member_in_the_document_is_rejected")
        << flattened("\"protected\":\"eyJhbGciOiJIUzI1NiJ9\",\"signature\":\"c2ln\","
                     "\"signature\":\"c2lo\"")
        << QStringLiteral("duplicate_member") << 0;
    QTest::newRow("unprotected_crit_is_invalid")
        << flattened("\"protected\":\"eyJhbGciOiJIUzI1NiJ9\",\"header\":{\"crit\":[\"x\"],"
                     "\"x\":1},\"signature\":\"c2ln\"")
        << QStringLiteral("invalid_crit") << 0;
    QTest::newRow("padded_protected_header_is_rejected")
        << flattened("\"protected\":\"eyJhbGciOiJIUzI1NiJ9==\",\"signature\":\"c2ln\"")
        << QStringLiteral("invalid_base64url") << 0;
    QTest::newRow("array_protected_header_is_rejected")
        << flattened("\"protected\":\"" + segment("[]") + "\",\"signature\":\"c2ln\"")
        << QStringLiteral("header_not_object") << 0;
    QTest::newRow("missing_alg_in_both_headers_is_rejected")
        << flattened("\"header\":{\"kid\":\"k\"},\"signature\":\"c2ln\"")
        << QStringLiteral("missing_alg") << 0;

    QByteArray many = QByteArray("{\"payload\":\"e30\",\"signatures\":[");
    for (int i = 0; i < 17; ++i)
        many +=
            QByteArray(i ? "," : "") + "{\"header\":{\"alg\":\"HS256\"},\"signature\":\"c2ln\"}";
    many += "]}";
    QTest::newRow("more_signatures_than_the_limit_is_rejected")
        << many << QStringLiteral("too_large") << 0;
}

void TestJwsToken::parseJson()
{
    QFETCH(QByteArray, text);
    QFETCH(QString, error);
    QFETCH(int, signatures);

    const JwsToken::ParseResult result = JwsToken::parseJson(text);
    QCOMPARE(JoseError::kindName(result.error.kind), error);
    QCOMPARE(result.tokens.size(), signatures);
}

void TestJwsToken::rfc7515A6GeneralGivesOneTokenPerSignature()
{
    const JwsToken::ParseResult result = JwsToken::parseJson(rfc7515A6General());
    QVERIFY2(!result.isError(), qPrintable(result.error.message));
    QCOMPARE(result.tokens.size(), 2);
    const JwsToken &rsa = result.tokens.at(0);
    const JwsToken &ec = result.tokens.at(1);
    QCOMPARE(rsa.serialization(), JwsToken::Serialization::JsonGeneral);
    QCOMPARE(rsa.alg(), QStringLiteral("RS256"));
    QCOMPARE(rsa.kid(), QStringLiteral("2010-12-29"));
    QVERIFY(!rsa.protectedHeader().contains(QStringLiteral("kid")));
    QCOMPARE(rsa.signingInput(), QByteArray("eyJhbGciOiJSUzI1NiJ9.") + rfc7515Payload());
    QCOMPARE(ec.alg(), QStringLiteral("ES256"));
    QCOMPARE(ec.kid(), QStringLiteral("e9bc097a-ce51-4036-9562-d2ade882db0d"));
    QCOMPARE(ec.signature().size(), 64);
    QCOMPARE(ec.payload(), rsa.payload());
}

QTEST_APPLESS_MAIN(TestJwsToken)
#include "TestJwsToken.moc"
