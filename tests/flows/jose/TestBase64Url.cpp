// Strict base64url (RFC 4648 §5 alphabet, RFC 7515 §2 "with all trailing '=' characters
// omitted"): the RFC 4648 §10 vectors in the URL alphabet, and everything a lenient decoder
// would let through rejected with its reason: padding, characters of the other alphabet,
// whitespace, impossible lengths, non-zero unused bits.
#include "jose/Base64Url.h"

#include <QTest>

using Tokenscope::Jose::Base64Url;

class TestBase64Url final : public QObject
{
    Q_OBJECT

private slots:
    void decode_data();
    void decode();
    void encode_data();
    void encode();
    void everyByteValueRoundTrips();
};

void TestBase64Url::decode_data()
{
    QTest::addColumn<QByteArray>("text");
    QTest::addColumn<bool>("ok");
    QTest::addColumn<QByteArray>("bytes");
    QTest::addColumn<QString>("problem");

    const QString none = QStringLiteral("none");
    QTest::newRow("rfc4648_empty") << QByteArray("") << true << QByteArray() << none;
    QTest::newRow("rfc4648_f") << QByteArray("Zg") << true << QByteArray("f") << none;
    QTest::newRow("rfc4648_fo") << QByteArray("Zm8") << true << QByteArray("fo") << none;
    QTest::newRow("rfc4648_foo") << QByteArray("Zm9v") << true << QByteArray("foo") << none;
    QTest::newRow("rfc4648_foob") << QByteArray("Zm9vYg") << true << QByteArray("foob") << none;
    QTest::newRow("rfc4648_fooba") << QByteArray("Zm9vYmE") << true << QByteArray("fooba") << none;
    QTest::newRow("rfc4648_foobar")
        << QByteArray("Zm9vYmFy") << true << QByteArray("foobar") << none;
    QTest::newRow("url_alphabet_minus_and_underscore")
        << QByteArray("-_8") << true << QByteArray("\xfb\xff") << none;
    QTest::newRow("rfc7515_a1_header_decodes")
        << QByteArray("eyJ0eXAiOiJKV1QiLA0KICJhbGciOiJIUzI1NiJ9") << true
        << QByteArray("{\"typ\":\"JWT\",\r\n \"alg\":\"HS256\"}") << none;

    QTest::newRow("padded_base64url_is_rejected")
        << QByteArray("Zg==") << false << QByteArray() << QStringLiteral("padding");
    QTest::newRow("single_pad_is_rejected")
        << QByteArray("Zm8=") << false << QByteArray() << QStringLiteral("padding");
    QTest::newRow("pad_making_the_length_odd_is_named_padding")
        << QByteArray("Zm9vY=") << false << QByteArray() << QStringLiteral("padding");
    QTest::newRow("standard_alphabet_plus_is_rejected")
        << QByteArray("+_8") << false << QByteArray() << QStringLiteral("invalid_character");
    QTest::newRow("standard_alphabet_slash_is_rejected")
        << QByteArray("-/8") << false << QByteArray() << QStringLiteral("invalid_character");
    QTest::newRow("inner_space_is_rejected")
        << QByteArray("Zm9v Zm9v") << false << QByteArray() << QStringLiteral("invalid_character");
    QTest::newRow("trailing_newline_is_rejected")
        << QByteArray("Zm9v\n") << false << QByteArray() << QStringLiteral("invalid_character");
    QTest::newRow("nul_byte_is_rejected")
        << QByteArray("Zm\0v", 4) << false << QByteArray() << QStringLiteral("invalid_character");
    QTest::newRow("non_ascii_is_rejected") << QByteArray("Zm9\xc3\xa9") << false << QByteArray()
                                           << QStringLiteral("invalid_character");
    QTest::newRow("length_one_modulo_four_is_rejected")
        << QByteArray("Zm9vY") << false << QByteArray() << QStringLiteral("invalid_length");
    QTest::newRow("single_character_is_rejected")
        << QByteArray("Z") << false << QByteArray() << QStringLiteral("invalid_length");
    QTest::newRow("non_canonical_trailing_bits_two_chars_are_rejected")
        << QByteArray("Zh") << false << QByteArray() << QStringLiteral("non_canonical");
    QTest::newRow("non_canonical_trailing_bits_three_chars_are_rejected")
        << QByteArray("Zm9") << false << QByteArray() << QStringLiteral("non_canonical");
}

void TestBase64Url::decode()
{
    QFETCH(QByteArray, text);
    QFETCH(bool, ok);
    QFETCH(QByteArray, bytes);
    QFETCH(QString, problem);

    QByteArray out("left over");
    Base64Url::Problem reason = Base64Url::Problem::Padding;
    QCOMPARE(Base64Url::decode(text, &out, &reason), ok);
    QCOMPARE(Base64Url::problemName(reason), problem);
    QCOMPARE(out, bytes);
    // The problem out-parameter is optional.
    QCOMPARE(Base64Url::decode(text, &out), ok);
}

void TestBase64Url::encode_data()
{
    QTest::addColumn<QByteArray>("bytes");
    QTest::addColumn<QByteArray>("text");

    QTest::newRow("rfc4648_empty") << QByteArray() << QByteArray("");
    QTest::newRow("rfc4648_f_has_no_padding") << QByteArray("f") << QByteArray("Zg");
    QTest::newRow("rfc4648_fo_has_no_padding") << QByteArray("fo") << QByteArray("Zm8");
    QTest::newRow("rfc4648_foobar") << QByteArray("foobar") << QByteArray("Zm9vYmFy");
    QTest::newRow("url_alphabet_is_used") << QByteArray("\xfb\xff") << QByteArray("-_8");
}

void TestBase64Url::encode()
{
    QFETCH(QByteArray, bytes);
    QFETCH(QByteArray, text);
    QCOMPARE(Base64Url::encode(bytes), text);
}

void TestBase64Url::everyByteValueRoundTrips()
{
    QByteArray all;
    for (int i = 0; i < 256; ++i)
        all.append(char(i));
    for (int length = 0; length <= all.size(); length += 37) {
        const QByteArray bytes = all.left(length);
        QByteArray back;
        QVERIFY(Base64Url::decode(Base64Url::encode(bytes), &back));
        QCOMPARE(back, bytes);
    }
}

QTEST_APPLESS_MAIN(TestBase64Url)
#include "TestBase64Url.moc"
