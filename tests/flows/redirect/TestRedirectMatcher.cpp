// Which navigation is the redirect, and what it carries: pure functions over URLs.
#include "redirect/RedirectMatcher.h"

#include <QTest>

using namespace Tokenscope::Redirect;

class TestRedirectMatcher final : public QObject
{
    Q_OBJECT

private slots:
    void matches_data();
    void matches();
    void parse_data();
    void parse();
    void repeatedAndMixedParametersAreReported();
};

void TestRedirectMatcher::matches_data()
{
    QTest::addColumn<QString>("registered");
    QTest::addColumn<QString>("candidate");
    QTest::addColumn<bool>("matches");

    const auto row = [](const char *name, const char *registered, const char *candidate, bool m) {
        QTest::newRow(name) << QString::fromLatin1(registered) << QString::fromLatin1(candidate)
                            << m;
    };
    row("exact_https_uri_with_code_matches", "https://app.example.com/cb",
        "https://app.example.com/cb?code=x&state=y", true);
    row("other_path_does_not_match", "https://app.example.com/cb",
        "https://app.example.com/cb2?code=x", false);
    row("path_prefix_does_not_match", "https://app.example.com/cb",
        "https://app.example.com/cb/extra?code=x", false);
    row("other_host_does_not_match", "https://app.example.com/cb",
        "https://evil.example.com/cb?code=x", false);
    row("host_case_is_ignored", "https://App.Example.com/cb", "https://app.example.com/cb?code=x",
        true);
    row("other_scheme_does_not_match", "https://app.example.com/cb",
        "http://app.example.com/cb?code=x", false);
    row("explicit_default_port_matches", "https://app.example.com/cb",
        "https://app.example.com:443/cb?code=x", true);
    row("other_port_does_not_match_outside_loopback", "https://app.example.com:8443/cb",
        "https://app.example.com:9443/cb?code=x", false);
    row("loopback_ip_literal_matches_any_port_rfc8252", "http://127.0.0.1/callback",
        "http://127.0.0.1:51004/callback?code=x", true);
    row("loopback_registered_with_port_0_matches_any_port", "http://127.0.0.1:0/callback",
        "http://127.0.0.1:6000/callback?code=x", true);
    row("loopback_with_a_fixed_port_needs_that_port", "http://127.0.0.1:8765/callback",
        "http://127.0.0.1:8766/callback?code=x", false);
    row("ipv6_loopback_matches_any_port", "http://[::1]/callback",
        "http://[::1]:49152/callback?code=x", true);
    row("localhost_name_is_not_an_ip_literal", "http://localhost/callback",
        "http://localhost:49152/callback?code=x", false);
    row("custom_scheme_matches", "com.example.app:/oauth2redirect",
        "com.example.app:/oauth2redirect?code=x", true);
    row("custom_scheme_other_path_does_not", "com.example.app:/oauth2redirect",
        "com.example.app:/other?code=x", false);
    row("registered_query_must_be_kept", "https://app.example.com/cb?tenant=7",
        "https://app.example.com/cb?tenant=7&code=x", true);
    row("registered_query_missing_does_not_match", "https://app.example.com/cb?tenant=7",
        "https://app.example.com/cb?code=x", false);
    row("fragment_response_matches", "https://app.example.com/cb",
        "https://app.example.com/cb#access_token=t&state=s", true);
}

void TestRedirectMatcher::matches()
{
    QFETCH(QString, registered);
    QFETCH(QString, candidate);
    QFETCH(bool, matches);
    QCOMPARE(RedirectMatcher::matches(QUrl(registered), QUrl(candidate)), matches);
}

void TestRedirectMatcher::parse_data()
{
    QTest::addColumn<QString>("url");
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<RedirectResult::Source>("source");
    QTest::addColumn<QStringList>("names");
    QTest::addColumn<QString>("state");

    QTest::newRow("code_in_query")
        << QStringLiteral("https://app.example/cb?code=SplxlOBeZQQYbYS6WxSbIA&state=xyz")
        << QByteArray() << RedirectResult::Source::Query
        << QStringList{QStringLiteral("code"), QStringLiteral("state")} << QStringLiteral("xyz");
    QTest::newRow("implicit_token_in_fragment_rfc6749_4_2_2")
        << QStringLiteral("http://example.com/cb#access_token=2YotnFZFEjr1zCsicMWpAA&state=xyz"
                          "&token_type=example&expires_in=3600")
        << QByteArray() << RedirectResult::Source::Fragment
        << QStringList{QStringLiteral("access_token"), QStringLiteral("state"),
                       QStringLiteral("token_type"), QStringLiteral("expires_in")}
        << QStringLiteral("xyz");
    QTest::newRow("form_post_body_wins")
        << QStringLiteral("https://app.example/cb")
        << QByteArray("code=abc&state=s%20t&iss=https%3A%2F%2Fas.example")
        << RedirectResult::Source::FormPost
        << QStringList{QStringLiteral("code"), QStringLiteral("state"), QStringLiteral("iss")}
        << QStringLiteral("s t");
    QTest::newRow("plus_decodes_to_space_and_percent_to_utf8")
        << QStringLiteral("https://app.example/cb?error=access_denied&error_description="
                          "The+user+said+%E4%B8%8D&state=a%2Bb")
        << QByteArray() << RedirectResult::Source::Query
        << QStringList{QStringLiteral("error"), QStringLiteral("error_description"),
                       QStringLiteral("state")}
        << QStringLiteral("a+b");
    QTest::newRow("empty_query_has_no_parameters")
        << QStringLiteral("https://app.example/cb") << QByteArray() << RedirectResult::Source::Query
        << QStringList{} << QString();
}

void TestRedirectMatcher::parse()
{
    QFETCH(QString, url);
    QFETCH(QByteArray, body);
    QFETCH(RedirectResult::Source, source);
    QFETCH(QStringList, names);
    QFETCH(QString, state);
    const RedirectResult result = RedirectMatcher::parse(QUrl(url), body);
    QCOMPARE(result.source, source);
    QStringList parsed;
    for (const auto &parameter : result.parameters)
        parsed << parameter.first;
    QCOMPARE(parsed, names);
    QCOMPARE(result.value(QStringLiteral("state")), state);
    if (names.contains(QStringLiteral("error_description")))
        QCOMPARE(result.value(QStringLiteral("error_description")),
                 QStringLiteral("The user said ") + QChar(0x4E0D));
    QCOMPARE(result.isError(), names.contains(QStringLiteral("error")));
}

void TestRedirectMatcher::repeatedAndMixedParametersAreReported()
{
    const RedirectResult repeated =
        RedirectMatcher::parse(QUrl(QStringLiteral("https://a.example/cb?code=1&state=s&code=2")));
    QCOMPARE(repeated.repeated, QStringList{QStringLiteral("code")});
    QCOMPARE(repeated.value(QStringLiteral("code")), QStringLiteral("1"));

    const RedirectResult mixed = RedirectMatcher::parse(
        QUrl(QStringLiteral("https://a.example/cb?state=from-query#code=c&state=from-fragment")));
    QCOMPARE(mixed.source, RedirectResult::Source::Fragment);
    QCOMPARE(mixed.value(QStringLiteral("state")), QStringLiteral("from-fragment"));
    QCOMPARE(mixed.alsoInOtherPart, QStringList{QStringLiteral("state")});

    const RedirectResult clean =
        RedirectMatcher::parse(QUrl(QStringLiteral("https://a.example/cb?code=1&state=s")));
    QVERIFY(clean.repeated.isEmpty());
    QVERIFY(clean.alsoInOtherPart.isEmpty());
}

QTEST_APPLESS_MAIN(TestRedirectMatcher)
#include "TestRedirectMatcher.moc"
