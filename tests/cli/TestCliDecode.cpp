// tokenscope-cli decode: a JWS decoded, and with keys verified; every bad token rejected
// with its named rule (exit 3), each next to a control that passes. Published vectors:
// RFC 7515 Appendix A.1 (HS256) and A.3 (ES256). Access tokens: RFC 9068 rules with
// --access-token / --resource / --client-id or a typ of at+jwt, opaque tokens reported as such.
#include "flows/jose/RfcVectors.h"
#include "jose/JweDecryptor.h"
#include "support/LoopbackServer.h"

#include <QDateTime>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QMessageAuthenticationCode>
#include <QProcess>
#include <QTemporaryFile>
#include <QTest>

using Tokenscope::Testing::LoopbackServer;
using Tokenscope::Testing::ReceivedRequest;

namespace {

struct Run
{
    int exitCode = -1;
    QJsonObject document;
    QByteArray stderrBytes;
};

Run decode(const QStringList &arguments)
{
    QProcess process;
    process.start(QStringLiteral(TOKENSCOPE_CLI_PATH),
                  QStringList{QStringLiteral("decode")} + arguments);
    Run run;
    if (!QTest::qWaitFor([&] { return process.state() == QProcess::NotRunning; }, 20'000)) {
        process.kill();
        process.waitForFinished();
    }
    run.exitCode = process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -1;
    run.document = QJsonDocument::fromJson(process.readAllStandardOutput()).object();
    run.stderrBytes = process.readAllStandardError();
    return run;
}

QByteArray jwks(const QByteArray &key)
{
    return "{\"keys\":[" + key + "]}";
}

QByteArray tampered(QByteArray token)
{
    // Change the payload: "joe" → "jof" ("qb2U" → "qb2V" in base64url).
    const qsizetype at = token.indexOf("qb2U");
    Q_ASSERT(at > 0);
    token[at + 3] = 'V';
    return token;
}

const QByteArray Secret = "tokenscope-cli-decode-test-secret-256-bits!";

QByteArray b64(const QByteArray &bytes)
{
    return bytes.toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals);
}

// An HS256 JWS over `claims` (JSON), signed with Secret.
QByteArray hs256(const QByteArray &header, const QByteArray &claims)
{
    const QByteArray input = b64(header) + '.' + b64(claims);
    return input + '.' +
           b64(QMessageAuthenticationCode::hash(input, Secret, QCryptographicHash::Sha256));
}

QByteArray accessTokenClaims()
{
    const qint64 now = QDateTime::currentSecsSinceEpoch();
    return "{\"iss\":\"https://as.example\",\"sub\":\"alice\",\"aud\":\"https://api.example\","
           "\"client_id\":\"app\",\"jti\":\"j1\",\"scope\":\"api:read\",\"iat\":" +
           QByteArray::number(now - 5) + ",\"exp\":" + QByteArray::number(now + 3600) + '}';
}

QStringList rulesWith(const QJsonObject &document, const QString &prefix, const QString &status)
{
    QStringList rules;
    const QJsonArray validation =
        document[QLatin1String("result")][QLatin1String("validation")].toArray();
    for (const QJsonValue &finding : validation) {
        const QString rule = finding[QLatin1String("rule")].toString();
        if (rule.startsWith(prefix) &&
            (status.isEmpty() || finding[QLatin1String("status")].toString() == status))
            rules << rule;
    }
    return rules;
}

} // namespace

class TestCliDecode final : public QObject
{
    Q_OBJECT

private slots:
    void tokens_data();
    void tokens();
    void keysFromAUrlAreAnExchange();
    void idTokenRulesApplyWithTheirOptions();
    void accessTokens_data();
    void accessTokens();
    void opaqueAccessTokenPointsToIntrospection();
    void idTokenOptionsDoNotApplyToAnAccessToken();
    void jweIsDecryptedWithItsKey_data();
    void jweIsDecryptedWithItsKey();
};

void TestCliDecode::tokens_data()
{
    QTest::addColumn<QByteArray>("token");
    QTest::addColumn<QByteArray>("keys"); // empty: no --jwks
    QTest::addColumn<int>("exitCode");
    QTest::addColumn<QString>("signature"); // status, or empty when not decoded
    QTest::addColumn<QString>("rule");      // the named rule of a failure

    const QByteArray es256 = RfcVectors::rfc7515A3Token();
    const QByteArray hs256 = RfcVectors::rfc7515A1Token();
    QTest::newRow("decoded_without_keys_is_not_checked")
        << es256 << QByteArray() << 0 << QStringLiteral("not_checked") << QString();
    QTest::newRow("es256_rfc7515_a3_verifies") << es256 << jwks(RfcVectors::rfc7515A3Key()) << 0
                                               << QStringLiteral("verified") << QString();
    QTest::newRow("hs256_rfc7515_a1_verifies") << hs256 << jwks(RfcVectors::rfc7515A1Key()) << 0
                                               << QStringLiteral("verified") << QString();
    QTest::newRow("tampered_payload_fails")
        << tampered(es256) << jwks(RfcVectors::rfc7515A3Key()) << 3 << QStringLiteral("failed")
        << QStringLiteral("signature_invalid");
    QTest::newRow("hmac_token_with_an_ec_key_is_key_confusion")
        << hs256 << jwks(RfcVectors::rfc7515A3Key()) << 3 << QStringLiteral("failed")
        << QStringLiteral("key_confusion");
    QTest::newRow("alg_none_is_rejected")
        << QByteArray("eyJhbGciOiJub25lIn0.") + RfcVectors::rfc7515Payload() + '.'
        << jwks(RfcVectors::rfc7515A3Key()) << 3 << QStringLiteral("failed")
        << QStringLiteral("alg_none");
    QTest::newRow("two_segments_are_rejected")
        << QByteArray("eyJhbGciOiJFUzI1NiJ9.") + RfcVectors::rfc7515Payload() << QByteArray() << 3
        << QString() << QStringLiteral("wrong_segment_count");
    QTest::newRow("padded_base64url_is_rejected")
        << QByteArray("eyJhbGciOiJFUzI1NiJ9=.") + RfcVectors::rfc7515Payload() + ".c2ln"
        << QByteArray() << 3 << QString() << QStringLiteral("invalid_base64url");
}

void TestCliDecode::tokens()
{
    QFETCH(QByteArray, token);
    QFETCH(QByteArray, keys);
    QFETCH(int, exitCode);
    QFETCH(QString, signature);
    QFETCH(QString, rule);

    QStringList arguments{QString::fromLatin1(token)};
    QTemporaryFile keyFile;
    if (!keys.isEmpty()) {
        QVERIFY(keyFile.open());
        keyFile.write(keys);
        keyFile.close();
        arguments << QStringLiteral("--jwks") << keyFile.fileName();
    }
    const Run run = decode(arguments);
    QVERIFY2(run.exitCode == exitCode, run.stderrBytes.constData());
    QCOMPARE(run.document.value(QLatin1String("ok")).toBool(), exitCode == 0);
    const QJsonObject result = run.document.value(QLatin1String("result")).toObject();
    if (!signature.isEmpty()) {
        QCOMPARE(result.value(QLatin1String("signature"))
                     .toObject()
                     .value(QLatin1String("status"))
                     .toString(),
                 signature);
        if (exitCode == 0) // the claims as decoded: RFC 7515's example payload
            QCOMPARE(result[QLatin1String("claims")][QLatin1String("exp")].toInt(), 1300819380);
    }
    if (!rule.isEmpty()) {
        QCOMPARE(run.document.value(QLatin1String("error"))
                     .toObject()
                     .value(QLatin1String("rule"))
                     .toString(),
                 rule);
        QVERIFY(run.stderrBytes.startsWith("tokenscope-cli: "));
    }
}

void TestCliDecode::keysFromAUrlAreAnExchange()
{
    LoopbackServer server([](const ReceivedRequest &, QTcpSocket *socket) {
        LoopbackServer::respondJson(socket, 200, jwks(RfcVectors::rfc7515A3Key()));
    });
    const Run run = decode({QString::fromLatin1(RfcVectors::rfc7515A3Token()),
                            QStringLiteral("--jwks"), server.url("/jwks").toString()});
    QCOMPARE(run.exitCode, 0);
    QCOMPARE(run.document.value(QLatin1String("exchanges")).toArray().size(), 1);
    QCOMPARE(server.requests().size(), 1);
    QCOMPARE(
        run.document[QLatin1String("result")][QLatin1String("signature")][QLatin1String("status")]
            .toString(),
        QStringLiteral("verified"));
}

void TestCliDecode::idTokenRulesApplyWithTheirOptions()
{
    // RFC 7515 A.3's payload: iss "joe", exp in 2011, nothing else an ID token needs. As a JWS it
    // decodes (the control); as an ID token for client "s6BhdRkqt3" it fails, first on aud.
    const QString token = QString::fromLatin1(RfcVectors::rfc7515A3Token());
    const Run plain = decode({token});
    QCOMPARE(plain.exitCode, 0);
    const Run idToken = decode({token, QStringLiteral("--issuer"), QStringLiteral("joe"),
                                QStringLiteral("--audience"), QStringLiteral("s6BhdRkqt3")});
    QCOMPARE(idToken.exitCode, 3);
    const QJsonObject error = idToken.document.value(QLatin1String("error")).toObject();
    QCOMPARE(error.value(QLatin1String("rule")).toString(), QStringLiteral("id_token_aud"));
    QCOMPARE(error.value(QLatin1String("expected")).toString(), QStringLiteral("s6BhdRkqt3"));
    QStringList failed;
    const QJsonArray validation =
        idToken.document[QLatin1String("result")][QLatin1String("validation")].toArray();
    for (const QJsonValue &finding : validation) {
        if (finding[QLatin1String("status")].toString() == QLatin1String("fail"))
            failed << finding[QLatin1String("rule")].toString();
    }
    // No aud, no sub, no iat, and exp in 2011; iss passes.
    QCOMPARE(failed, (QStringList{QStringLiteral("id_token_aud"), QStringLiteral("id_token_sub"),
                                  QStringLiteral("id_token_exp"), QStringLiteral("id_token_iat")}));
}

void TestCliDecode::accessTokens_data()
{
    QTest::addColumn<QByteArray>("header");
    QTest::addColumn<QStringList>("options");
    QTest::addColumn<int>("exitCode");
    QTest::addColumn<QString>("tokenType");
    QTest::addColumn<QString>("rule"); // the failed rule, when exit 3

    const QByteArray at = "{\"alg\":\"HS256\",\"typ\":\"at+jwt\"}";
    const QByteArray jwt = "{\"alg\":\"HS256\",\"typ\":\"JWT\"}";
    const QStringList expect{QStringLiteral("--issuer"),    QStringLiteral("https://as.example"),
                             QStringLiteral("--resource"),  QStringLiteral("https://api.example"),
                             QStringLiteral("--client-id"), QStringLiteral("app")};
    QTest::newRow("at_jwt_meeting_every_expectation_passes")
        << at << expect << 0 << QStringLiteral("access_token") << QString();
    QTest::newRow("at_jwt_is_recognised_by_its_typ")
        << at << QStringList() << 0 << QStringLiteral("access_token") << QString();
    QTest::newRow("plain_jwt_without_options_is_just_decoded")
        << jwt << QStringList() << 0 << QStringLiteral("jwt") << QString();
    QTest::newRow("jwt_typ_as_an_access_token_fails")
        << jwt << QStringList{QStringLiteral("--access-token")} << 3
        << QStringLiteral("access_token") << QStringLiteral("at_typ");
    QTest::newRow("another_resource_fails")
        << at << QStringList{QStringLiteral("--resource"), QStringLiteral("https://other.example")}
        << 3 << QStringLiteral("access_token") << QStringLiteral("at_aud");
    QTest::newRow("another_client_fails")
        << at << QStringList{QStringLiteral("--client-id"), QStringLiteral("someone")} << 3
        << QStringLiteral("access_token") << QStringLiteral("at_client_id");
    QTest::newRow("at_jwt_checked_as_an_id_token_fails_on_typ")
        << at << QStringList{QStringLiteral("--audience"), QStringLiteral("https://api.example")}
        << 3 << QStringLiteral("id_token") << QStringLiteral("id_token_typ");
}

void TestCliDecode::accessTokens()
{
    QFETCH(QByteArray, header);
    QFETCH(QStringList, options);
    QFETCH(int, exitCode);
    QFETCH(QString, tokenType);
    QFETCH(QString, rule);
    QTemporaryFile keyFile;
    QVERIFY(keyFile.open());
    keyFile.write(jwks("{\"kty\":\"oct\",\"k\":\"" + b64(Secret) + "\"}"));
    keyFile.close();

    const Run run = decode(QStringList{QString::fromLatin1(hs256(header, accessTokenClaims())),
                                       QStringLiteral("--jwks"), keyFile.fileName()} +
                           options);
    QVERIFY2(run.exitCode == exitCode, run.stderrBytes.constData());
    const QJsonObject result = run.document.value(QLatin1String("result")).toObject();
    QCOMPARE(result.value(QLatin1String("token_type")).toString(), tokenType);
    QCOMPARE(result[QLatin1String("signature")][QLatin1String("status")].toString(),
             QStringLiteral("verified"));
    const QStringList atRules = rulesWith(run.document, QStringLiteral("at_"), QString());
    if (tokenType == QLatin1String("access_token"))
        QVERIFY(atRules.contains(QStringLiteral("at_jti")));
    else
        QVERIFY2(atRules.isEmpty(), qPrintable(atRules.join(u',')));
    if (exitCode == 0) {
        QCOMPARE(rulesWith(run.document, QString(), QStringLiteral("fail")), QStringList());
    } else {
        QCOMPARE(run.document[QLatin1String("error")][QLatin1String("rule")].toString(), rule);
    }
}

void TestCliDecode::opaqueAccessTokenPointsToIntrospection()
{
    const QString opaque = QStringLiteral("2YotnFZFEjr1zCsicMWpAA");
    const Run run = decode({opaque, QStringLiteral("--access-token")});
    QCOMPARE(run.exitCode, 0);
    const QJsonObject result = run.document.value(QLatin1String("result")).toObject();
    QCOMPARE(result.value(QLatin1String("format")).toString(), QStringLiteral("opaque"));
    const QJsonArray validation = result.value(QLatin1String("validation")).toArray();
    QCOMPARE(validation.size(), 1);
    QCOMPARE(validation.at(0)[QLatin1String("rule")].toString(), QStringLiteral("at_format"));
    QCOMPARE(validation.at(0)[QLatin1String("status")].toString(), QStringLiteral("warn"));
    QVERIFY(validation.at(0)[QLatin1String("spec")].toString().contains(QLatin1String("7662")));

    // The control: as a plain JWS, the same string does not parse.
    const Run plain = decode({opaque});
    QCOMPARE(plain.exitCode, 3);
    QCOMPARE(plain.document[QLatin1String("error")][QLatin1String("rule")].toString(),
             QStringLiteral("wrong_segment_count"));
}

void TestCliDecode::idTokenOptionsDoNotApplyToAnAccessToken()
{
    const QString token = QString::fromLatin1(RfcVectors::rfc7515A3Token());
    QCOMPARE(decode({token, QStringLiteral("--access-token"), QStringLiteral("--nonce"),
                     QStringLiteral("n")})
                 .exitCode,
             2);
    QCOMPARE(decode({token, QStringLiteral("--resource"), QStringLiteral("https://api.example"),
                     QStringLiteral("--max-age"), QStringLiteral("60")})
                 .exitCode,
             2);
    QCOMPARE(decode({token, QStringLiteral("--nonce"), QStringLiteral("n")}).exitCode,
             3); // control
}

void TestCliDecode::jweIsDecryptedWithItsKey_data()
{
    QTest::addColumn<QByteArray>("key"); // empty: no --decrypt-key
    QTest::addColumn<int>("exitCode");
    QTest::addColumn<QString>("rule");

    QTest::newRow("rfc7520_5_8_decrypts_with_its_key")
        << RfcVectors::rfc7520A128kwKey() << 0 << QStringLiteral("jwe_decrypted");
    QTest::newRow("another_key_fails")
        << QByteArray("{\"kty\":\"oct\",\"k\":\"AAAAAAAAAAAAAAAAAAAAAA\"}") << 3
        << QStringLiteral("decryption_failed");
    QTest::newRow("without_a_key_it_is_not_decoded")
        << QByteArray() << 3 << QStringLiteral("jwe_not_supported");
}

void TestCliDecode::jweIsDecryptedWithItsKey()
{
    QFETCH(QByteArray, key);
    QFETCH(int, exitCode);
    QFETCH(QString, rule);
    if (!Tokenscope::Jose::JweDecryptor::isAvailable())
        QSKIP("built without libjose");
    QStringList arguments{QString::fromLatin1(RfcVectors::rfc7520A128kwJwe())};
    QTemporaryFile keyFile;
    if (!key.isEmpty()) {
        QVERIFY(keyFile.open());
        keyFile.write(key);
        keyFile.close();
        arguments << QStringLiteral("--decrypt-key") << keyFile.fileName();
    }
    const Run run = decode(arguments);
    QVERIFY2(run.exitCode == exitCode, run.stderrBytes.constData());
    if (exitCode != 0) {
        QCOMPARE(run.document[QLatin1String("error")][QLatin1String("rule")].toString(), rule);
        return;
    }
    const QJsonObject result = run.document.value(QLatin1String("result")).toObject();
    QCOMPARE(result.value(QLatin1String("format")).toString(), QStringLiteral("jwe"));
    QCOMPARE(result[QLatin1String("jwe")][QLatin1String("header")][QLatin1String("alg")].toString(),
             QStringLiteral("A128KW"));
    QVERIFY(result.value(QLatin1String("payload"))
                .toString()
                .startsWith(QLatin1String("You can trust us to stick with you")));
    QCOMPARE(result[QLatin1String("validation")][0][QLatin1String("rule")].toString(), rule);
}

QTEST_GUILESS_MAIN(TestCliDecode)
#include "TestCliDecode.moc"
