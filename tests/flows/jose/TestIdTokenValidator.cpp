// The ID token claim rules of OpenID Connect Core §3.1.3.7, each with its control, at a
// fixed time. at_hash and c_hash use the example values of OpenID Connect Core A.4; s_hash
// (FAPI 1.0 Advanced §5.1) the same construction over the state "af0ifjsldkj".
#include "jose/IdTokenValidator.h"

#include <QJsonArray>
#include <QTest>

using namespace Tokenscope;
using namespace Tokenscope::Jose;

namespace {

constexpr qint64 Now = 1'700'000'000;

QJsonObject validClaims()
{
    return QJsonObject{{QStringLiteral("iss"), QStringLiteral("https://as.example.com")},
                       {QStringLiteral("aud"), QStringLiteral("s6BhdRkqt3")},
                       {QStringLiteral("sub"), QStringLiteral("248289761001")},
                       {QStringLiteral("exp"), Now + 300},
                       {QStringLiteral("iat"), Now - 10},
                       {QStringLiteral("auth_time"), Now - 100},
                       {QStringLiteral("nonce"), QStringLiteral("n-0S6_WzA2Mj")},
                       {QStringLiteral("at_hash"), QStringLiteral("77QmUPtjPfzWtF2AnpK9RQ")},
                       {QStringLiteral("c_hash"), QStringLiteral("LDktKdoQak3Pk0cnXxCltA")},
                       {QStringLiteral("s_hash"), QStringLiteral("bOhtX8F73IMjSPeVAqxyTQ")},
                       {QStringLiteral("acr"), QStringLiteral("urn:mace:incommon:iap:silver")}};
}

IdTokenExpectations expectations()
{
    IdTokenExpectations e;
    e.issuer = QStringLiteral("https://as.example.com");
    e.clientId = QStringLiteral("s6BhdRkqt3");
    e.nonce = QStringLiteral("n-0S6_WzA2Mj");
    e.maxAge = 3600;
    e.accessToken = QStringLiteral("jHkWEdUXMU1BwAsC4vtUsZwnNvTIxEl0z9K3vx5KF0Y");
    e.code = QStringLiteral("Qcb0Orv1zh30vL1MPRsbm-diHiMwcLyZvn1arpZv-Jxf_11jnpEX3Tgfvk");
    e.alg = QStringLiteral("RS256");
    e.state = QStringLiteral("af0ifjsldkj");
    e.acrValues = {QStringLiteral("urn:mace:incommon:iap:silver"),
                   QStringLiteral("urn:mace:incommon:iap:bronze")};
    e.now = QDateTime::fromSecsSinceEpoch(Now, Qt::UTC);
    return e;
}

Finding::Status statusOf(const Findings &findings, const QString &rule, bool *found)
{
    for (const Finding &f : findings) {
        if (f.rule == rule) {
            *found = true;
            return f.status;
        }
    }
    *found = false;
    return Finding::Status::Pass;
}

enum Flag
{
    NoNonceSent = 1,
    FromAuthorizationEndpoint = 2,
    RequireStateHash = 4,
    AcrEssential = 8,
    NoAcrRequested = 16,
};

QJsonObject changed(QJsonObject claims, const QJsonObject &changes)
{
    for (auto it = changes.begin(); it != changes.end(); ++it) {
        if (it.value().isNull())
            claims.remove(it.key());
        else
            claims.insert(it.key(), it.value());
    }
    return claims;
}

IdTokenExpectations expectationsWith(int flags)
{
    IdTokenExpectations e = expectations();
    if (flags & NoNonceSent)
        e.nonce.clear();
    e.fromAuthorizationEndpoint = flags & FromAuthorizationEndpoint;
    e.requireStateHash = flags & RequireStateHash;
    e.acrEssential = flags & AcrEssential;
    if (flags & NoAcrRequested)
        e.acrValues.clear();
    return e;
}

} // namespace

class TestIdTokenValidator final : public QObject
{
    Q_OBJECT

private slots:
    void controlPassesEveryRule();
    void rules_data();
    void rules();
    void rulesThatDoNotApplyAreNotReported_data();
    void rulesThatDoNotApplyAreNotReported();
    void headerTyp_data();
    void headerTyp();
    void leftHalfHashFollowsTheAlgorithm();
};

void TestIdTokenValidator::controlPassesEveryRule()
{
    const Findings findings = IdTokenValidator::validate(validClaims(), expectations());
    QStringList rules;
    for (const Finding &f : findings) {
        QVERIFY2(f.status == Finding::Status::Pass,
                 qPrintable(f.rule + QStringLiteral(": ") + f.message));
        rules << f.rule;
    }
    QCOMPARE(rules,
             (QStringList{QStringLiteral("id_token_iss"), QStringLiteral("id_token_aud"),
                          QStringLiteral("id_token_sub"), QStringLiteral("id_token_exp"),
                          QStringLiteral("id_token_iat"), QStringLiteral("id_token_nonce"),
                          QStringLiteral("id_token_auth_time"), QStringLiteral("id_token_at_hash"),
                          QStringLiteral("id_token_c_hash"), QStringLiteral("id_token_s_hash"),
                          QStringLiteral("id_token_acr")}));
}

void TestIdTokenValidator::rules_data()
{
    QTest::addColumn<QJsonObject>("changes"); // members set (null removes)
    QTest::addColumn<int>("flags");
    QTest::addColumn<QString>("rule");
    QTest::addColumn<Finding::Status>("status");

    using S = Finding::Status;
    const auto row = [](const char *name, const QJsonObject &changes, const char *rule, S status,
                        int flags = 0) {
        QTest::newRow(name) << changes << flags << QString::fromLatin1(rule) << status;
    };
    row("other_issuer_fails", {{QStringLiteral("iss"), QStringLiteral("https://evil.example")}},
        "id_token_iss", S::Fail);
    row("other_audience_fails", {{QStringLiteral("aud"), QStringLiteral("someone-else")}},
        "id_token_aud", S::Fail);
    row("audience_array_with_the_client_passes",
        {{QStringLiteral("aud"), QJsonArray{QStringLiteral("api"), QStringLiteral("s6BhdRkqt3")}},
         {QStringLiteral("azp"), QStringLiteral("s6BhdRkqt3")}},
        "id_token_aud", S::Pass);
    row("several_audiences_without_azp_warn",
        {{QStringLiteral("aud"), QJsonArray{QStringLiteral("api"), QStringLiteral("s6BhdRkqt3")}}},
        "id_token_azp", S::Warn);
    row("azp_of_another_client_fails", {{QStringLiteral("azp"), QStringLiteral("other")}},
        "id_token_azp", S::Fail);
    row("missing_sub_fails", {{QStringLiteral("sub"), QJsonValue::Null}}, "id_token_sub", S::Fail);
    row("expired_beyond_the_skew_fails", {{QStringLiteral("exp"), Now - 61}}, "id_token_exp",
        S::Fail);
    row("expired_within_the_skew_passes", {{QStringLiteral("exp"), Now - 30}}, "id_token_exp",
        S::Pass);
    row("missing_exp_fails", {{QStringLiteral("exp"), QJsonValue::Null}}, "id_token_exp", S::Fail);
    row("iat_in_the_future_fails", {{QStringLiteral("iat"), Now + 120}}, "id_token_iat", S::Fail);
    row("nbf_in_the_future_fails", {{QStringLiteral("nbf"), Now + 120}}, "id_token_nbf", S::Fail);
    row("nbf_in_the_past_passes", {{QStringLiteral("nbf"), Now - 5}}, "id_token_nbf", S::Pass);
    row("missing_nonce_fails", {{QStringLiteral("nonce"), QJsonValue::Null}}, "id_token_nonce",
        S::Fail);
    row("other_nonce_fails", {{QStringLiteral("nonce"), QStringLiteral("replayed")}},
        "id_token_nonce", S::Fail);
    row("nonce_present_when_none_was_sent_warns", {}, "id_token_nonce", S::Warn, NoNonceSent);
    row("authentication_older_than_max_age_fails", {{QStringLiteral("auth_time"), Now - 4000}},
        "id_token_auth_time", S::Fail);
    row("missing_auth_time_with_max_age_fails", {{QStringLiteral("auth_time"), QJsonValue::Null}},
        "id_token_auth_time", S::Fail);
    row("wrong_at_hash_fails",
        {{QStringLiteral("at_hash"), QStringLiteral("AAAAAAAAAAAAAAAAAAAAAA")}}, "id_token_at_hash",
        S::Fail);
    row("wrong_c_hash_fails",
        {{QStringLiteral("c_hash"), QStringLiteral("AAAAAAAAAAAAAAAAAAAAAA")}}, "id_token_c_hash",
        S::Fail);
    // Hybrid responses: c_hash and at_hash are required from the authorization endpoint.
    row("c_hash_missing_from_the_authorization_endpoint_fails",
        {{QStringLiteral("c_hash"), QJsonValue::Null}}, "id_token_c_hash", S::Fail,
        FromAuthorizationEndpoint);
    row("c_hash_present_from_the_authorization_endpoint_passes", {}, "id_token_c_hash", S::Pass,
        FromAuthorizationEndpoint);
    row("at_hash_missing_from_the_authorization_endpoint_fails",
        {{QStringLiteral("at_hash"), QJsonValue::Null}}, "id_token_at_hash", S::Fail,
        FromAuthorizationEndpoint);
    // s_hash (FAPI 1.0 Advanced §5.1): the state's left-half hash.
    row("s_hash_of_the_state_passes", {}, "id_token_s_hash", S::Pass);
    row("wrong_s_hash_fails",
        {{QStringLiteral("s_hash"), QStringLiteral("73l8gRjwLftklgfdXT-Mdg")}}, "id_token_s_hash",
        S::Fail);
    row("s_hash_missing_when_required_fails", {{QStringLiteral("s_hash"), QJsonValue::Null}},
        "id_token_s_hash", S::Fail, FromAuthorizationEndpoint | RequireStateHash);
    // acr: voluntary (acr_values) warns, essential fails.
    row("acr_among_the_values_requested_passes", {}, "id_token_acr", S::Pass);
    row("acr_among_the_essential_values_passes", {}, "id_token_acr", S::Pass, AcrEssential);
    row("other_acr_with_acr_values_warns", {{QStringLiteral("acr"), QStringLiteral("0")}},
        "id_token_acr", S::Warn);
    row("missing_acr_with_acr_values_warns", {{QStringLiteral("acr"), QJsonValue::Null}},
        "id_token_acr", S::Warn);
    row("other_acr_when_essential_fails", {{QStringLiteral("acr"), QStringLiteral("0")}},
        "id_token_acr", S::Fail, AcrEssential);
    row("missing_acr_when_essential_fails", {{QStringLiteral("acr"), QJsonValue::Null}},
        "id_token_acr", S::Fail, AcrEssential);
    // Several audiences: azp decides (Core §3.1.3.7 (4), (5)).
    row("several_audiences_with_azp_of_the_client_pass",
        {{QStringLiteral("aud"), QJsonArray{QStringLiteral("api"), QStringLiteral("s6BhdRkqt3")}},
         {QStringLiteral("azp"), QStringLiteral("s6BhdRkqt3")}},
        "id_token_azp", S::Pass);
    row("several_audiences_with_azp_of_another_client_fail",
        {{QStringLiteral("aud"), QJsonArray{QStringLiteral("api"), QStringLiteral("s6BhdRkqt3")}},
         {QStringLiteral("azp"), QStringLiteral("api")}},
        "id_token_azp", S::Fail);
}

void TestIdTokenValidator::rules()
{
    QFETCH(QJsonObject, changes);
    QFETCH(int, flags);
    QFETCH(QString, rule);
    QFETCH(Finding::Status, status);
    bool found = false;
    const Finding::Status actual = statusOf(
        IdTokenValidator::validate(changed(validClaims(), changes), expectationsWith(flags)), rule,
        &found);
    QVERIFY2(found, qPrintable(rule));
    QCOMPARE(actual, status);
}

void TestIdTokenValidator::rulesThatDoNotApplyAreNotReported_data()
{
    QTest::addColumn<QJsonObject>("changes");
    QTest::addColumn<int>("flags");
    QTest::addColumn<QString>("rule");
    const auto row = [](const char *name, const QJsonObject &changes, int flags, const char *rule) {
        QTest::newRow(name) << changes << flags << QString::fromLatin1(rule);
    };
    // Each the control of a row above that reports the rule.
    row("no_nonce_sent_and_none_in_the_token", {{QStringLiteral("nonce"), QJsonValue::Null}},
        NoNonceSent, "id_token_nonce");
    row("no_s_hash_from_the_token_endpoint", {{QStringLiteral("s_hash"), QJsonValue::Null}}, 0,
        "id_token_s_hash");
    row("no_s_hash_without_fapi", {{QStringLiteral("s_hash"), QJsonValue::Null}},
        FromAuthorizationEndpoint, "id_token_s_hash");
    row("no_c_hash_from_the_token_endpoint", {{QStringLiteral("c_hash"), QJsonValue::Null}}, 0,
        "id_token_c_hash");
    row("acr_not_requested", {{QStringLiteral("acr"), QStringLiteral("0")}}, NoAcrRequested,
        "id_token_acr");
    row("one_audience_without_azp", {}, 0, "id_token_azp");
}

void TestIdTokenValidator::rulesThatDoNotApplyAreNotReported()
{
    QFETCH(QJsonObject, changes);
    QFETCH(int, flags);
    QFETCH(QString, rule);
    bool found = false;
    const Findings findings =
        IdTokenValidator::validate(changed(validClaims(), changes), expectationsWith(flags));
    statusOf(findings, rule, &found);
    QVERIFY2(!found, qPrintable(rule));
    for (const Finding &f : findings)
        QVERIFY2(f.status == Finding::Status::Pass, qPrintable(f.rule));
}

void TestIdTokenValidator::headerTyp_data()
{
    QTest::addColumn<QJsonObject>("header");
    QTest::addColumn<QString>("status"); // empty: no finding
    const QJsonObject rs256{{QStringLiteral("alg"), QStringLiteral("RS256")}};
    const auto with = [&rs256](const QJsonValue &typ) {
        QJsonObject header = rs256;
        header.insert(QStringLiteral("typ"), typ);
        return header;
    };
    QTest::newRow("no_typ_is_fine") << rs256 << QString();
    QTest::newRow("typ_jwt_passes") << with(QStringLiteral("JWT")) << QStringLiteral("pass");
    QTest::newRow("typ_application_jwt_passes")
        << with(QStringLiteral("application/jwt")) << QStringLiteral("pass");
    QTest::newRow("access_token_typ_is_not_an_id_token")
        << with(QStringLiteral("at+jwt")) << QStringLiteral("fail");
    QTest::newRow("logout_token_typ_is_not_an_id_token")
        << with(QStringLiteral("logout+jwt")) << QStringLiteral("fail");
    QTest::newRow("typ_not_a_string_fails") << with(42) << QStringLiteral("fail");
}

void TestIdTokenValidator::headerTyp()
{
    QFETCH(QJsonObject, header);
    QFETCH(QString, status);
    const Findings findings = IdTokenValidator::validateHeader(header);
    if (status.isEmpty()) {
        QVERIFY(findings.isEmpty());
        return;
    }
    QCOMPARE(findings.size(), 1);
    QCOMPARE(findings.first().rule, QStringLiteral("id_token_typ"));
    QCOMPARE(Finding::statusName(findings.first().status), status);
}

void TestIdTokenValidator::leftHalfHashFollowsTheAlgorithm()
{
    const QByteArray token = "jHkWEdUXMU1BwAsC4vtUsZwnNvTIxEl0z9K3vx5KF0Y";
    QCOMPARE(IdTokenValidator::leftHalfHash(token, QStringLiteral("RS256")),
             QStringLiteral("77QmUPtjPfzWtF2AnpK9RQ"));
    QCOMPARE(IdTokenValidator::leftHalfHash(token, QStringLiteral("ES256")),
             QStringLiteral("77QmUPtjPfzWtF2AnpK9RQ"));
    QCOMPARE(IdTokenValidator::leftHalfHash(token, QStringLiteral("RS384")).size(), 32); // 24 bytes
    QCOMPARE(IdTokenValidator::leftHalfHash(token, QStringLiteral("EdDSA")).size(), 43); // 32 bytes
    QVERIFY(IdTokenValidator::leftHalfHash(token, QStringLiteral("none")).isEmpty());
}

QTEST_APPLESS_MAIN(TestIdTokenValidator)
#include "TestIdTokenValidator.moc"
