// tokenscope-cli decode: a JWS decoded, and with keys verified; every bad token rejected
// with its named rule (exit 3), each next to a control that passes. Published vectors:
// RFC 7515 Appendix A.1 (HS256) and A.3 (ES256).
#include "flows/jose/RfcVectors.h"
#include "support/LoopbackServer.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
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

} // namespace

class TestCliDecode final : public QObject
{
    Q_OBJECT

private slots:
    void tokens_data();
    void tokens();
    void keysFromAUrlAreAnExchange();
    void idTokenRulesApplyWithTheirOptions();
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

QTEST_GUILESS_MAIN(TestCliDecode)
#include "TestCliDecode.moc"
