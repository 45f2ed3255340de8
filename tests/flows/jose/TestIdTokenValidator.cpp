// The ID token claim rules of OpenID Connect Core §3.1.3.7, each with its control, at a
// fixed time. at_hash and c_hash use the example values of OpenID Connect Core A.4.
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
                       {QStringLiteral("c_hash"), QStringLiteral("LDktKdoQak3Pk0cnXxCltA")}};
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

} // namespace

class TestIdTokenValidator final : public QObject
{
    Q_OBJECT

private slots:
    void controlPassesEveryRule();
    void rules_data();
    void rules();
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
                          QStringLiteral("id_token_c_hash")}));
}

void TestIdTokenValidator::rules_data()
{
    QTest::addColumn<QJsonObject>("changes"); // members set (null removes)
    QTest::addColumn<bool>("sendNonce");
    QTest::addColumn<QString>("rule");
    QTest::addColumn<Finding::Status>("status");

    using S = Finding::Status;
    const auto row = [](const char *name, const QJsonObject &changes, const char *rule, S status,
                        bool sendNonce = true) {
        QTest::newRow(name) << changes << sendNonce << QString::fromLatin1(rule) << status;
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
    row("nonce_present_when_none_was_sent_warns", {}, "id_token_nonce", S::Warn, false);
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
}

void TestIdTokenValidator::rules()
{
    QFETCH(QJsonObject, changes);
    QFETCH(bool, sendNonce);
    QFETCH(QString, rule);
    QFETCH(Finding::Status, status);
    QJsonObject claims = validClaims();
    for (auto it = changes.begin(); it != changes.end(); ++it) {
        if (it.value().isNull())
            claims.remove(it.key());
        else
            claims.insert(it.key(), it.value());
    }
    IdTokenExpectations e = expectations();
    if (!sendNonce)
        e.nonce.clear();
    bool found = false;
    const Finding::Status actual = statusOf(IdTokenValidator::validate(claims, e), rule, &found);
    QVERIFY2(found, qPrintable(rule));
    QCOMPARE(actual, status);
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
