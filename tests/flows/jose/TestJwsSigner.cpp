// JwsSigner: every algorithm round-trips through JwsVerifier, and the published vectors
// come out byte for byte (RFC 7515 A.1 HMAC, RFC 8037 A.4 Ed25519, both deterministic).
#include "RfcVectors.h"
#include "jose/Base64Url.h"
#include "jose/JwkSet.h"
#include "jose/JwsSigner.h"
#include "jose/JwsToken.h"
#include "jose/JwsVerifier.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QTest>

using namespace Tokenscope::Jose;

class TestJwsSigner final : public QObject
{
    Q_OBJECT

private slots:
    void rfc7515_a1_hs256_vector_is_reproduced_byte_for_byte();
    void rfc8037_a4_ed25519_vector_is_reproduced_byte_for_byte();
    void round_trip_through_the_verifier_data();
    void round_trip_through_the_verifier();
    void a_different_key_does_not_verify();
    void private_jwk_and_pem_import_sign_the_same_key();
    void alg_none_is_refused();
    void hmac_alg_with_a_public_key_pair_is_refused();
    void alg_for_another_key_type_is_refused();
    void public_jwk_cannot_sign();
};

static JwkSet setOf(const QJsonObject &jwk)
{
    return JwkSet::fromJson(QJsonDocument(QJsonObject{{QStringLiteral("keys"), QJsonArray{jwk}}})
                                .toJson(QJsonDocument::Compact));
}

void TestJwsSigner::rfc7515_a1_hs256_vector_is_reproduced_byte_for_byte()
{
    QString error;
    const JwsSigner::Key key = JwsSigner::Key::fromJwk(RfcVectors::rfc7515A1Key(), &error);
    QVERIFY2(!key.isNull(), qPrintable(error));
    QVERIFY(key.isSecret());
    QByteArray payload;
    QVERIFY(Base64Url::decode(RfcVectors::rfc7515Payload(), &payload));
    const QByteArray header("{\"typ\":\"JWT\",\r\n \"alg\":\"HS256\"}");
    const JwsSigner::Result signed_ = JwsSigner::sign(header, payload, key);
    QVERIFY2(!signed_.isError(), qPrintable(signed_.error.message));
    QCOMPARE(signed_.compact, RfcVectors::rfc7515A1Token());
}

void TestJwsSigner::rfc8037_a4_ed25519_vector_is_reproduced_byte_for_byte()
{
    QString error;
    const JwsSigner::Key key = JwsSigner::Key::fromJwk(RfcVectors::rfc8037PrivateKey(), &error);
    QVERIFY2(!key.isNull(), qPrintable(error));
    QCOMPARE(key.kty(), QStringLiteral("OKP"));
    const JwsSigner::Result signed_ =
        JwsSigner::sign(QByteArray("{\"alg\":\"EdDSA\"}"), "Example of Ed25519 signing", key);
    QVERIFY2(!signed_.isError(), qPrintable(signed_.error.message));
    QCOMPARE(signed_.compact, RfcVectors::rfc8037Token());
    const Jwk publicKey = Jwk::fromJson(QJsonDocument(key.verificationJwk()).toJson());
    QCOMPARE(publicKey.thumbprint(), RfcVectors::rfc8037Thumbprint());
}

void TestJwsSigner::round_trip_through_the_verifier_data()
{
    QTest::addColumn<QString>("alg");
    for (const char *alg : {"HS256", "HS384", "HS512", "RS256", "RS384", "RS512", "PS256", "PS384",
                            "PS512", "ES256", "ES384", "ES512", "EdDSA", "Ed25519", "Ed448"})
        QTest::newRow(alg) << QString::fromLatin1(alg);
}

void TestJwsSigner::round_trip_through_the_verifier()
{
    QFETCH(QString, alg);
    QString error;
    const JwsSigner::Key key = JwsSigner::Key::generate(alg, &error);
    QVERIFY2(!key.isNull(), qPrintable(error));
    QVERIFY(key.algorithms().contains(alg));
    const QString kid = alg + QStringLiteral("-k");
    const QJsonObject header{{QStringLiteral("alg"), alg}, {QStringLiteral("kid"), kid}};
    const JwsSigner::Result signed_ = JwsSigner::sign(header, "{\"sub\":\"alice\"}", key);
    QVERIFY2(!signed_.isError(), qPrintable(signed_.error.message));
    const auto parsed = JwsToken::parseCompact(signed_.compact);
    QVERIFY(!parsed.isError());
    QCOMPARE(parsed.token().payloadObject().value(QLatin1String("sub")).toString(),
             QStringLiteral("alice"));
    const JwkSet set = setOf(key.verificationJwk(kid, alg));
    QVERIFY2(!set.isError() && set.keys.size() == 1, qPrintable(set.error.message));
    const JwsVerifyResult verified = JwsVerifier::verify(parsed.token(), set);
    QVERIFY2(verified.isVerified(), qPrintable(verified.error.message));
    QCOMPARE(verified.key.kid(), kid);
}

void TestJwsSigner::a_different_key_does_not_verify()
{
    const JwsSigner::Key key = JwsSigner::Key::generate(QStringLiteral("ES256"));
    const JwsSigner::Key other = JwsSigner::Key::generate(QStringLiteral("ES256"));
    const JwsSigner::Result signed_ =
        JwsSigner::sign(QJsonObject{{QStringLiteral("alg"), QStringLiteral("ES256")}}, "{}", key);
    const auto parsed = JwsToken::parseCompact(signed_.compact);
    QVERIFY(!parsed.isError());
    const JwsVerifyResult verified =
        JwsVerifier::verify(parsed.token(), setOf(other.verificationJwk()));
    QVERIFY(!verified.isVerified());
    QCOMPARE(verified.error.kind, JoseError::Kind::SignatureInvalid);
}

void TestJwsSigner::private_jwk_and_pem_import_sign_the_same_key()
{
    for (const char *alg : {"RS256", "ES384", "EdDSA"}) {
        const JwsSigner::Key generated = JwsSigner::Key::generate(QString::fromLatin1(alg));
        QString error;
        const JwsSigner::Key fromPem = JwsSigner::Key::fromPem(generated.privatePem(), &error);
        QVERIFY2(!fromPem.isNull(), qPrintable(error));
        QCOMPARE(fromPem.verificationJwk(), generated.verificationJwk());
        const JwsSigner::Result signed_ = JwsSigner::sign(
            QJsonObject{{QStringLiteral("alg"), QString::fromLatin1(alg)}}, "{}", fromPem);
        QVERIFY2(!signed_.isError(), qPrintable(signed_.error.message));
        const auto parsed = JwsToken::parseCompact(signed_.compact);
        QVERIFY(
            JwsVerifier::verify(parsed.token(), setOf(generated.verificationJwk())).isVerified());
    }
    // RFC 7515 A.2's RSA key is public only here; a private EC JWK: RFC 7515 A.3.
    const QByteArray ecJwk("{\"kty\":\"EC\",\"crv\":\"P-256\","
                           "\"x\":\"f83OJ3D2xF1Bg8vub9tLe1gHMzV76e8Tus9uPHvRVEU\","
                           "\"y\":\"x_FEzRu9m36HLN_tue659LNpXW6pCyStikYjKIWI5a0\","
                           "\"d\":\"jpsQnnGQmL-YBIffH1136cLLvO1M9D9ZKHY3zcK3GD8\"}");
    QString error;
    const JwsSigner::Key ec = JwsSigner::Key::fromJwk(ecJwk, &error);
    QVERIFY2(!ec.isNull(), qPrintable(error));
    QCOMPARE(ec.verificationJwk().value(QLatin1String("x")).toString(),
             QStringLiteral("f83OJ3D2xF1Bg8vub9tLe1gHMzV76e8Tus9uPHvRVEU"));
}

void TestJwsSigner::alg_none_is_refused()
{
    const JwsSigner::Key key = JwsSigner::Key::fromSecret("secret-secret-secret-secret-32by");
    const JwsSigner::Result signed_ =
        JwsSigner::sign(QJsonObject{{QStringLiteral("alg"), QStringLiteral("none")}}, "{}", key);
    QVERIFY(signed_.isError());
    QCOMPARE(signed_.error.kind, JoseError::Kind::AlgNone);
    QVERIFY(signed_.compact.isEmpty());
}

void TestJwsSigner::hmac_alg_with_a_public_key_pair_is_refused()
{
    const JwsSigner::Key key = JwsSigner::Key::generate(QStringLiteral("RS256"));
    const JwsSigner::Result signed_ =
        JwsSigner::sign(QJsonObject{{QStringLiteral("alg"), QStringLiteral("HS256")}}, "{}", key);
    QCOMPARE(signed_.error.kind, JoseError::Kind::KeyConfusion);
}

void TestJwsSigner::alg_for_another_key_type_is_refused()
{
    const JwsSigner::Key key = JwsSigner::Key::generate(QStringLiteral("ES256"));
    QCOMPARE(
        JwsSigner::sign(QJsonObject{{QStringLiteral("alg"), QStringLiteral("RS256")}}, "{}", key)
            .error.kind,
        JoseError::Kind::NoSuitableKey);
    QCOMPARE(
        JwsSigner::sign(QJsonObject{{QStringLiteral("alg"), QStringLiteral("ES384")}}, "{}", key)
            .error.kind,
        JoseError::Kind::NoSuitableKey);
}

void TestJwsSigner::public_jwk_cannot_sign()
{
    QString error;
    QVERIFY(JwsSigner::Key::fromJwk(RfcVectors::rfc8037PublicKey(), &error).isNull());
    QVERIFY(error.contains(QLatin1String("\"d\"")));
}

QTEST_GUILESS_MAIN(TestJwsSigner)
#include "TestJwsSigner.moc"
