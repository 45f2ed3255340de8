// The WWW-Authenticate parser (RFC 9110 §11.6.1) with the Bearer parameters of RFC 6750 §3
// and the step-up ones of RFC 9470 §3: a data table of headers as servers send them.
#include "endpoints/WwwAuthenticate.h"

#include <QTest>

using namespace Tokenscope::Endpoints;

static QStringList names(const char *spaced)
{
    return QString::fromLatin1(spaced).split(QLatin1Char(' '));
}

class TestWwwAuthenticate final : public QObject
{
    Q_OBJECT

private slots:
    void parse_data();
    void parse();
    void stepUp();
    void explainNamesTheNeed();
};

void TestWwwAuthenticate::parse_data()
{
    QTest::addColumn<QByteArray>("header");
    QTest::addColumn<QStringList>("schemes");
    QTest::addColumn<QString>("bearerError");
    QTest::addColumn<QString>("bearerDescription");
    QTest::addColumn<QString>("bearerScope");
    QTest::addColumn<QString>("realm");

    QTest::newRow("rfc6750_3_bare_bearer") << QByteArray("Bearer") << names("Bearer") << QString()
                                           << QString() << QString() << QString();
    QTest::newRow("rfc6750_3_realm")
        << QByteArray(R"(Bearer realm="example")") << names("Bearer") << QString() << QString()
        << QString() << QStringLiteral("example");
    QTest::newRow("rfc6750_3_invalid_token_example")
        << QByteArray(R"(Bearer realm="example", error="invalid_token", )"
                      R"(error_description="The access token expired")")
        << names("Bearer") << QStringLiteral("invalid_token")
        << QStringLiteral("The access token expired") << QString() << QStringLiteral("example");
    QTest::newRow("insufficient_scope_with_scope")
        << QByteArray(R"(Bearer error="insufficient_scope", scope="openid profile")")
        << names("Bearer") << QStringLiteral("insufficient_scope") << QString()
        << QStringLiteral("openid profile") << QString();
    QTest::newRow("unquoted_token_values")
        << QByteArray("Bearer error=invalid_token,realm=api") << names("Bearer")
        << QStringLiteral("invalid_token") << QString() << QString() << QStringLiteral("api");
    QTest::newRow("escaped_quote_in_description")
        << QByteArray(R"(Bearer error="invalid_request", error_description="say \"hi\"")")
        << names("Bearer") << QStringLiteral("invalid_request") << QStringLiteral(R"(say "hi")")
        << QString() << QString();
    QTest::newRow("two_challenges_dpop_then_bearer")
        << QByteArray(R"(DPoP algs="ES256 PS256", Bearer realm="r", error="invalid_token")")
        << names("DPoP Bearer") << QStringLiteral("invalid_token") << QString() << QString()
        << QStringLiteral("r");
    QTest::newRow("parameterless_challenges_in_a_list")
        << QByteArray("Basic, Bearer") << names("Basic Bearer") << QString() << QString()
        << QString() << QString();
    QTest::newRow("token68_then_bearer")
        << QByteArray("Negotiate YIIB==, Bearer error=\"invalid_token\"")
        << names("Negotiate Bearer") << QStringLiteral("invalid_token") << QString() << QString()
        << QString();
    QTest::newRow("scheme_is_case_insensitive")
        << QByteArray(R"(bearer error="invalid_token")") << names("bearer")
        << QStringLiteral("invalid_token") << QString() << QString() << QString();
    QTest::newRow("unterminated_quote_ends_the_value")
        << QByteArray(R"(Bearer error="invalid_token)") << names("Bearer")
        << QStringLiteral("invalid_token") << QString() << QString() << QString();
}

void TestWwwAuthenticate::parse()
{
    QFETCH(QByteArray, header);
    QFETCH(QStringList, schemes);
    QFETCH(QString, bearerError);
    QFETCH(QString, bearerDescription);
    QFETCH(QString, bearerScope);
    QFETCH(QString, realm);
    const QList<AuthChallenge> challenges = WwwAuthenticate::parse(header);
    QStringList got;
    for (const AuthChallenge &c : challenges)
        got << c.scheme;
    QCOMPARE(got, schemes);
    const AuthChallenge bearer = WwwAuthenticate::find(challenges, QStringLiteral("Bearer"));
    QCOMPARE(bearer.error(), bearerError);
    QCOMPARE(bearer.errorDescription(), bearerDescription);
    QCOMPARE(bearer.scope(), bearerScope);
    QCOMPARE(bearer.realm(), realm);
}

void TestWwwAuthenticate::stepUp()
{
    // RFC 9470 §3, the example of the specification.
    const auto challenge = WwwAuthenticate::find(
        WwwAuthenticate::parse(R"(Bearer error="insufficient_user_authentication", )"
                               R"(error_description="A different authentication level is )"
                               R"(required", acr_values="myACR other", max_age="5")"),
        QStringLiteral("Bearer"));
    QVERIFY(challenge.isStepUp());
    QCOMPARE(challenge.acrValues(), (names("myACR other")));
    QCOMPARE(challenge.maxAge(), 5);
    const auto plain = WwwAuthenticate::parse("Bearer max_age=soon").constFirst();
    QVERIFY(!plain.isStepUp());
    QCOMPARE(plain.maxAge(), -1);
}

void TestWwwAuthenticate::explainNamesTheNeed()
{
    const auto stepUp = WwwAuthenticate::parse(
                            R"(Bearer error="insufficient_user_authentication", acr_values="mfa")")
                            .constFirst();
    QVERIFY(WwwAuthenticate::explain(stepUp).contains(QLatin1String("mfa")));
    const auto scope =
        WwwAuthenticate::parse(R"(Bearer error="insufficient_scope", scope="admin")").constFirst();
    QVERIFY(WwwAuthenticate::explain(scope).contains(QLatin1String("admin")));
}

QTEST_GUILESS_MAIN(TestWwwAuthenticate)
#include "TestWwwAuthenticate.moc"
