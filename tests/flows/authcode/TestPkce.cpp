// PKCE (RFC 7636): the Appendix B vector, verifier length and alphabet, randomness source.
#include "authcode/Pkce.h"
#include "common/RandomSource.h"

#include <QSet>
#include <QTest>

using namespace Tokenscope;
using Tokenscope::AuthCode::Pkce;

class TestPkce final : public QObject
{
    Q_OBJECT

private slots:
    void challenge_data();
    void challenge();
    void verifierProblem_data();
    void verifierProblem();
    void generatedVerifierIs43CharactersOf256Bits();
    void generatedVerifiersDiffer();
    void failingRandomSourceGivesNoVerifier();
    void methodNamesRoundTrip();
};

void TestPkce::challenge_data()
{
    QTest::addColumn<QByteArray>("verifier");
    QTest::addColumn<Pkce::Method>("method");
    QTest::addColumn<QByteArray>("challenge");
    // RFC 7636 Appendix B.
    QTest::newRow("s256_rfc7636_appendix_b_vector")
        << QByteArray("dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk") << Pkce::Method::S256
        << QByteArray("E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM");
    QTest::newRow("plain_challenge_is_the_verifier")
        << QByteArray("dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk") << Pkce::Method::Plain
        << QByteArray("dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk");
    QTest::newRow("none_sends_no_challenge")
        << QByteArray("dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk") << Pkce::Method::None
        << QByteArray();
}

void TestPkce::challenge()
{
    QFETCH(QByteArray, verifier);
    QFETCH(Pkce::Method, method);
    QFETCH(QByteArray, challenge);
    QCOMPARE(Pkce::challenge(verifier, method), challenge);
}

void TestPkce::verifierProblem_data()
{
    QTest::addColumn<QByteArray>("verifier");
    QTest::addColumn<bool>("valid");
    QTest::newRow("rfc_vector_is_valid")
        << QByteArray("dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk") << true;
    QTest::newRow("43_characters_is_the_minimum") << QByteArray(43, 'a') << true;
    QTest::newRow("42_characters_is_too_short") << QByteArray(42, 'a') << false;
    QTest::newRow("128_characters_is_the_maximum") << QByteArray(128, 'a') << true;
    QTest::newRow("129_characters_is_too_long") << QByteArray(129, 'a') << false;
    QTest::newRow("unreserved_punctuation_is_allowed")
        << QByteArray("abc-._~").append(QByteArray(40, 'Z')) << true;
    QTest::newRow("plus_is_not_allowed") << QByteArray(42, 'a').append('+') << false;
    QTest::newRow("slash_is_not_allowed") << QByteArray(42, 'a').append('/') << false;
    QTest::newRow("padding_is_not_allowed") << QByteArray(42, 'a').append('=') << false;
    QTest::newRow("space_is_not_allowed") << QByteArray(42, 'a').append(' ') << false;
}

void TestPkce::verifierProblem()
{
    QFETCH(QByteArray, verifier);
    QFETCH(bool, valid);
    QCOMPARE(Pkce::verifierProblem(verifier).isEmpty(), valid);
}

void TestPkce::generatedVerifierIs43CharactersOf256Bits()
{
    FixedRandomSource random(QByteArray::fromHex("00112233445566778899aabbccddeeff"));
    const QByteArray verifier = Pkce::generateVerifier(random);
    QCOMPARE(verifier.size(), 43); // 32 bytes, base64url without padding
    QVERIFY(Pkce::verifierProblem(verifier).isEmpty());
    QCOMPARE(
        QByteArray::fromBase64(verifier, QByteArray::Base64UrlEncoding),
        QByteArray::fromHex("00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff"));
    // Asking for fewer than 256 bits still gives 256.
    QCOMPARE(Pkce::generateVerifier(random, 8).size(), 43);
    QCOMPARE(Pkce::generateVerifier(random, 96).size(), 128);
}

void TestPkce::generatedVerifiersDiffer()
{
    SystemRandomSource random;
    QSet<QByteArray> seen;
    for (int i = 0; i < 100; ++i) {
        const QByteArray verifier = Pkce::generateVerifier(random);
        QVERIFY(Pkce::verifierProblem(verifier).isEmpty());
        seen.insert(verifier);
    }
    QCOMPARE(seen.size(), 100);
}

void TestPkce::failingRandomSourceGivesNoVerifier()
{
    FixedRandomSource broken{QByteArray()};
    QVERIFY(Pkce::generateVerifier(broken).isEmpty());
}

void TestPkce::methodNamesRoundTrip()
{
    for (const auto method : {Pkce::Method::S256, Pkce::Method::Plain, Pkce::Method::None}) {
        Pkce::Method parsed = Pkce::Method::None;
        QVERIFY(Pkce::parseMethod(Pkce::methodName(method), &parsed));
        QCOMPARE(parsed, method);
    }
    Pkce::Method parsed = Pkce::Method::S256;
    QVERIFY(!Pkce::parseMethod(QStringLiteral("s256"), &parsed)); // names are case-sensitive
}

QTEST_APPLESS_MAIN(TestPkce)
#include "TestPkce.moc"
