// JWT access tokens (RFC 9068) at a fixed time: every header and claim rule next to its
// control; what an access token is (JWT, JWE, opaque, broken); and the RFC 8725 advice that
// comes with a verified signature (short RSA and HMAC keys, keys named in the header).
#include "TestKeys.h"
#include "jose/AccessTokenValidator.h"
#include "jose/JwkSet.h"
#include "jose/JwsVerifier.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QTest>

using namespace Tokenscope;
using namespace Tokenscope::Jose;

namespace {

constexpr qint64 Now = 1'700'000'000;

QJsonObject validHeader()
{
    return QJsonObject{{QStringLiteral("alg"), QStringLiteral("ES256")},
                       {QStringLiteral("typ"), QStringLiteral("at+jwt")},
                       {QStringLiteral("kid"), QStringLiteral("k1")}};
}

// RFC 9068 §2.2's example claims, at our fixed time.
QJsonObject validClaims()
{
    return QJsonObject{
        {QStringLiteral("iss"), QStringLiteral("https://authorization-server.example.com/")},
        {QStringLiteral("sub"), QStringLiteral("5ba552d67")},
        {QStringLiteral("aud"), QStringLiteral("https://rs.example.com/")},
        {QStringLiteral("exp"), Now + 300},
        {QStringLiteral("iat"), Now - 10},
        {QStringLiteral("jti"), QStringLiteral("dbe39bf3a3ba4238a513f51d6e1691c4")},
        {QStringLiteral("client_id"), QStringLiteral("s6BhdRkqt3")},
        {QStringLiteral("scope"), QStringLiteral("openid profile reademail")}};
}

AccessTokenExpectations expectations()
{
    AccessTokenExpectations e;
    e.issuer = QStringLiteral("https://authorization-server.example.com/");
    e.resource = QStringLiteral("https://rs.example.com/");
    e.clientId = QStringLiteral("s6BhdRkqt3");
    e.now = QDateTime::fromSecsSinceEpoch(Now, Qt::UTC);
    return e;
}

QJsonObject changed(QJsonObject object, const QJsonObject &changes)
{
    for (auto it = changes.begin(); it != changes.end(); ++it) {
        if (it.value().isNull())
            object.remove(it.key());
        else
            object.insert(it.key(), it.value());
    }
    return object;
}

const Finding *findingFor(const Findings &findings, const QString &rule)
{
    for (const Finding &f : findings) {
        if (f.rule == rule)
            return &f;
    }
    return nullptr;
}

QByteArray json(const QJsonObject &object)
{
    return QJsonDocument(object).toJson(QJsonDocument::Compact);
}

} // namespace

class TestAccessTokenValidator final : public QObject
{
    Q_OBJECT

private slots:
    void controlPassesEveryRule();
    void rules_data();
    void rules();
    void tokenKinds_data();
    void tokenKinds();
    void rfc8725AdviceComesWithTheSignature_data();
    void rfc8725AdviceComesWithTheSignature();
};

void TestAccessTokenValidator::controlPassesEveryRule()
{
    const Findings findings =
        AccessTokenValidator::validate(validHeader(), validClaims(), expectations());
    QStringList rules;
    for (const Finding &f : findings) {
        QVERIFY2(f.status == Finding::Status::Pass,
                 qPrintable(f.rule + QStringLiteral(": ") + f.message));
        rules << f.rule;
    }
    QCOMPARE(rules, (QStringList{QStringLiteral("at_typ"), QStringLiteral("at_alg"),
                                 QStringLiteral("at_iss"), QStringLiteral("at_aud"),
                                 QStringLiteral("at_exp"), QStringLiteral("at_iat"),
                                 QStringLiteral("at_sub"), QStringLiteral("at_client_id"),
                                 QStringLiteral("at_jti"), QStringLiteral("at_scope")}));
}

void TestAccessTokenValidator::rules_data()
{
    QTest::addColumn<QJsonObject>("headerChanges"); // null removes
    QTest::addColumn<QJsonObject>("claimChanges");
    QTest::addColumn<bool>("anyValue"); // no expected issuer, resource, client_id
    QTest::addColumn<QString>("rule");
    QTest::addColumn<Finding::Status>("status");

    using S = Finding::Status;
    const auto header = [](const char *name, const QJsonObject &changes, const char *rule,
                           S status) {
        QTest::newRow(name) << changes << QJsonObject() << false << QString::fromLatin1(rule)
                            << status;
    };
    const auto claim = [](const char *name, const QJsonObject &changes, const char *rule, S status,
                          bool anyValue = false) {
        QTest::newRow(name) << QJsonObject() << changes << anyValue << QString::fromLatin1(rule)
                            << status;
    };
    const QString typ = QStringLiteral("typ");
    header("typ_application_at_jwt_passes", {{typ, QStringLiteral("application/at+jwt")}}, "at_typ",
           S::Pass);
    header("typ_compares_case_insensitively", {{typ, QStringLiteral("AT+JWT")}}, "at_typ", S::Pass);
    header("missing_typ_fails", {{typ, QJsonValue::Null}}, "at_typ", S::Fail);
    header("typ_jwt_fails", {{typ, QStringLiteral("JWT")}}, "at_typ", S::Fail);
    header("id_token_like_typ_fails", {{typ, QStringLiteral("logout+jwt")}}, "at_typ", S::Fail);
    header("alg_none_fails", {{QStringLiteral("alg"), QStringLiteral("none")}}, "at_alg", S::Fail);

    claim("other_issuer_fails", {{QStringLiteral("iss"), QStringLiteral("https://evil.example/")}},
          "at_iss", S::Fail);
    claim("missing_iss_fails", {{QStringLiteral("iss"), QJsonValue::Null}}, "at_iss", S::Fail);
    claim("missing_iss_fails_without_an_expected_issuer",
          {{QStringLiteral("iss"), QJsonValue::Null}}, "at_iss", S::Fail, true);
    claim("any_issuer_passes_without_an_expected_one",
          {{QStringLiteral("iss"), QStringLiteral("https://other.example/")}}, "at_iss", S::Pass,
          true);
    claim("other_audience_fails",
          {{QStringLiteral("aud"), QStringLiteral("https://other.example/")}}, "at_aud", S::Fail);
    claim("audience_list_with_the_resource_passes",
          {{QStringLiteral("aud"), QJsonArray{QStringLiteral("https://a.example/"),
                                              QStringLiteral("https://rs.example.com/")}}},
          "at_aud", S::Pass);
    claim("missing_aud_fails", {{QStringLiteral("aud"), QJsonValue::Null}}, "at_aud", S::Fail);
    claim("missing_aud_fails_without_a_resource", {{QStringLiteral("aud"), QJsonValue::Null}},
          "at_aud", S::Fail, true);
    claim("expired_beyond_the_skew_fails", {{QStringLiteral("exp"), Now - 61}}, "at_exp", S::Fail);
    claim("expired_within_the_skew_passes", {{QStringLiteral("exp"), Now - 30}}, "at_exp", S::Pass);
    claim("missing_exp_fails", {{QStringLiteral("exp"), QJsonValue::Null}}, "at_exp", S::Fail);
    claim("exp_as_a_string_fails", {{QStringLiteral("exp"), QStringLiteral("1700000300")}},
          "at_exp", S::Fail);
    claim("iat_in_the_future_fails", {{QStringLiteral("iat"), Now + 120}}, "at_iat", S::Fail);
    claim("missing_iat_fails", {{QStringLiteral("iat"), QJsonValue::Null}}, "at_iat", S::Fail);
    claim("nbf_in_the_future_fails", {{QStringLiteral("nbf"), Now + 120}}, "at_nbf", S::Fail);
    claim("nbf_in_the_past_passes", {{QStringLiteral("nbf"), Now - 5}}, "at_nbf", S::Pass);
    claim("missing_sub_fails", {{QStringLiteral("sub"), QJsonValue::Null}}, "at_sub", S::Fail);
    claim("missing_client_id_fails", {{QStringLiteral("client_id"), QJsonValue::Null}},
          "at_client_id", S::Fail);
    claim("other_client_id_fails", {{QStringLiteral("client_id"), QStringLiteral("other")}},
          "at_client_id", S::Fail);
    claim("any_client_id_passes_without_an_expected_one",
          {{QStringLiteral("client_id"), QStringLiteral("other")}}, "at_client_id", S::Pass, true);
    claim("missing_jti_fails", {{QStringLiteral("jti"), QJsonValue::Null}}, "at_jti", S::Fail);
    claim("empty_jti_fails", {{QStringLiteral("jti"), QString()}}, "at_jti", S::Fail);
    claim("scope_as_a_list_fails",
          {{QStringLiteral("scope"),
            QJsonArray{QStringLiteral("openid"), QStringLiteral("profile")}}},
          "at_scope", S::Fail);
}

void TestAccessTokenValidator::rules()
{
    QFETCH(QJsonObject, headerChanges);
    QFETCH(QJsonObject, claimChanges);
    QFETCH(bool, anyValue);
    QFETCH(QString, rule);
    QFETCH(Finding::Status, status);
    AccessTokenExpectations e = expectations();
    if (anyValue) {
        e.issuer.clear();
        e.resource.clear();
        e.clientId.clear();
    }
    const Findings findings = AccessTokenValidator::validate(
        changed(validHeader(), headerChanges), changed(validClaims(), claimChanges), e);
    const Finding *found = findingFor(findings, rule);
    QVERIFY2(found, qPrintable(rule));
    QCOMPARE(found->status, status);
    QVERIFY(!found->spec.isEmpty());
}

void TestAccessTokenValidator::tokenKinds_data()
{
    QTest::addColumn<QByteArray>("token");
    QTest::addColumn<AccessTokenReport::Format>("format");
    QTest::addColumn<Finding::Status>("status"); // of at_format

    const QByteArray jws = "eyJhbGciOiJFUzI1NiIsInR5cCI6ImF0K2p3dCJ9." +
                           Base64Url::encode(json(validClaims())) + ".c2ln";
    QTest::newRow("jws_is_a_jwt") << jws << AccessTokenReport::Format::Jwt << Finding::Status::Pass;
    QTest::newRow("random_string_is_opaque")
        << QByteArray("2YotnFZFEjr1zCsicMWpAA") << AccessTokenReport::Format::Opaque
        << Finding::Status::Warn;
    QTest::newRow("dotted_non_jwt_is_opaque")
        << QByteArray("v2.local.abc") << AccessTokenReport::Format::Opaque << Finding::Status::Warn;
    QTest::newRow("five_segments_are_a_jwe")
        << QByteArray("eyJhbGciOiJSU0EtT0FFUCIsImVuYyI6IkEyNTZHQ00ifQ.a.b.c.d")
        << AccessTokenReport::Format::Jwe << Finding::Status::Warn;
    QTest::newRow("broken_jws_is_malformed")
        << QByteArray("eyJhbGciOiJFUzI1NiJ9=.e30.c2ln") << AccessTokenReport::Format::Malformed
        << Finding::Status::Fail;
}

void TestAccessTokenValidator::tokenKinds()
{
    QFETCH(QByteArray, token);
    QFETCH(AccessTokenReport::Format, format);
    QFETCH(Finding::Status, status);
    const AccessTokenReport report = AccessTokenValidator::inspect(token, expectations());
    QCOMPARE(report.format, format);
    const Finding *found = findingFor(report.findings, QStringLiteral("at_format"));
    QVERIFY(found);
    QCOMPARE(found->status, status);
    if (format == AccessTokenReport::Format::Opaque)
        QVERIFY(found->spec.contains(QLatin1String("RFC 7662"))); // points to introspection
    if (format == AccessTokenReport::Format::Jwt) {               // the claim rules ran too
        QVERIFY(findingFor(report.findings, QStringLiteral("at_client_id")));
        QVERIFY(!report.hasFailure());
    } else {
        QVERIFY(!findingFor(report.findings, QStringLiteral("at_client_id")));
    }
}

void TestAccessTokenValidator::rfc8725AdviceComesWithTheSignature_data()
{
    QTest::addColumn<QString>("key"); // a key kind of TestKeys, or "hmac16"/"hmac32"
    QTest::addColumn<QByteArray>("extraHeader");
    QTest::addColumn<QString>("rule"); // expected warning; empty: none at all

    QTest::newRow("rsa_1024_bit_key_warns")
        << QStringLiteral("rsa1024") << QByteArray() << QStringLiteral("jwk_rsa_modulus_size");
    QTest::newRow("rsa_2048_bit_key_is_fine")
        << QStringLiteral("rsa2048") << QByteArray() << QString();
    QTest::newRow("hs256_with_a_128_bit_secret_warns")
        << QStringLiteral("hmac16") << QByteArray() << QStringLiteral("jwk_hmac_key_size");
    QTest::newRow("hs256_with_a_256_bit_secret_is_fine")
        << QStringLiteral("hmac32") << QByteArray() << QString();
    QTest::newRow("jku_in_the_header_is_ignored_with_a_warning")
        << QStringLiteral("p256") << QByteArray(",\"jku\":\"https://evil.example/jwks\"")
        << QStringLiteral("jws_header_key_ignored");
    QTest::newRow("x5u_in_the_header_is_ignored_with_a_warning")
        << QStringLiteral("p256") << QByteArray(",\"x5u\":\"https://evil.example/cert\"")
        << QStringLiteral("jws_header_key_ignored");
    QTest::newRow("plain_es256_is_fine") << QStringLiteral("p256") << QByteArray() << QString();
}

void TestAccessTokenValidator::rfc8725AdviceComesWithTheSignature()
{
    QFETCH(QString, key);
    QFETCH(QByteArray, extraHeader);
    QFETCH(QString, rule);
    QByteArray compact;
    QByteArray jwk;
    if (key.startsWith(QLatin1String("hmac"))) {
        const QByteArray secret(key == QLatin1String("hmac16") ? 16 : 32, 'k');
        compact = TestKeys::signHmac("HS256", secret,
                                     "{\"alg\":\"HS256\",\"typ\":\"at+jwt\"" + extraHeader + '}',
                                     json(validClaims()));
        jwk = TestKeys::octJwk(secret);
    } else {
        const EvpPkey pkey = TestKeys::generate(key);
        const QByteArray alg = key.startsWith(QLatin1String("rsa")) ? "RS256" : "ES256";
        compact = TestKeys::sign(alg, pkey.get(),
                                 "{\"alg\":\"" + alg + "\",\"typ\":\"at+jwt\"" + extraHeader + '}',
                                 json(validClaims()));
        jwk = TestKeys::publicJwk(pkey.get());
    }
    const auto parsed = JwsToken::parseCompact(compact);
    QVERIFY(!parsed.isError());
    const JwsVerifyResult verified =
        JwsVerifier::verify(parsed.token(), JwkSet::fromJson(TestKeys::jwks({jwk})));
    QVERIFY2(verified.isVerified(), qPrintable(verified.error.message));
    const Findings claims = AccessTokenValidator::validate(parsed.token(), expectations());
    for (const Finding &f : claims)
        QVERIFY2(f.status == Finding::Status::Pass, qPrintable(f.rule));
    QStringList warnings;
    for (const Finding &f : verified.findings) {
        if (f.status == Finding::Status::Warn)
            warnings << f.rule;
    }
    QCOMPARE(warnings, rule.isEmpty() ? QStringList() : QStringList{rule});
}

QTEST_APPLESS_MAIN(TestAccessTokenValidator)
#include "TestAccessTokenValidator.moc"
