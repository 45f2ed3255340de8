// Where metadata lives for an issuer: OpenID Connect Discovery 1.0 §4 appends
// "/.well-known/openid-configuration" to the issuer; RFC 8414 §3 inserts
// "/.well-known/oauth-authorization-server" between host and path (and §5 names the OpenID
// suffix in that inserted form). Any terminating "/" of the issuer is removed first.
#include "discovery/WellKnown.h"

#include <QTest>

using Tokenscope::Discovery::WellKnown;

namespace {

QString kindName(WellKnown::Kind kind)
{
    return WellKnown::kindName(kind);
}

const QString OpenId = QStringLiteral("openid-configuration");
const QString OAuth = QStringLiteral("oauth-authorization-server");

} // namespace

class TestWellKnown final : public QObject
{
    Q_OBJECT

private slots:
    void candidates_data();
    void candidates();
    void fromMetadataUrl_data();
    void fromMetadataUrl();
    void everyCandidateLeadsBackToItsIssuer_data();
    void everyCandidateLeadsBackToItsIssuer();
    void parseIssuer_data();
    void parseIssuer();
    void isLoopback_data();
    void isLoopback();
};

void TestWellKnown::candidates_data()
{
    QTest::addColumn<QString>("issuer");
    QTest::addColumn<WellKnown::Mode>("mode");
    QTest::addColumn<QStringList>("urls");
    QTest::addColumn<QStringList>("kinds");
    QTest::addColumn<QStringList>("forms");

    const auto Auto = WellKnown::Mode::Auto;
    const auto OpenIdOnly = WellKnown::Mode::OpenIdOnly;
    const auto OAuthOnly = WellKnown::Mode::OAuthOnly;

    QTest::newRow("issuer_without_path_tries_openid_then_oauth_and_nothing_else")
        << QStringLiteral("https://as.example.com") << Auto
        << QStringList{QStringLiteral("https://as.example.com/.well-known/openid-configuration"),
                       QStringLiteral(
                           "https://as.example.com/.well-known/oauth-authorization-server")}
        << QStringList{OpenId, OAuth}
        << QStringList{QStringLiteral("append"), QStringLiteral("insert")};
    QTest::newRow("trailing_slash_of_issuer_is_removed")
        << QStringLiteral("https://as.example.com/") << Auto
        << QStringList{QStringLiteral("https://as.example.com/.well-known/openid-configuration"),
                       QStringLiteral(
                           "https://as.example.com/.well-known/oauth-authorization-server")}
        << QStringList{OpenId, OAuth}
        << QStringList{QStringLiteral("append"), QStringLiteral("insert")};
    QTest::newRow("issuer_with_path_tries_append_then_rfc8414_insert_then_openid_insert")
        << QStringLiteral("https://as.example.com/tenant/1") << Auto
        << QStringList{QStringLiteral(
                           "https://as.example.com/tenant/1/.well-known/openid-configuration"),
                       QStringLiteral("https://as.example.com/.well-known/"
                                      "oauth-authorization-server/tenant/1"),
                       QStringLiteral(
                           "https://as.example.com/.well-known/openid-configuration/tenant/1")}
        << QStringList{OpenId, OAuth, OpenId}
        << QStringList{QStringLiteral("append"), QStringLiteral("insert"),
                       QStringLiteral("insert")};
    QTest::newRow("trailing_slash_after_path_is_removed")
        << QStringLiteral("https://as.example.com/tenant/1/") << Auto
        << QStringList{QStringLiteral(
                           "https://as.example.com/tenant/1/.well-known/openid-configuration"),
                       QStringLiteral("https://as.example.com/.well-known/"
                                      "oauth-authorization-server/tenant/1"),
                       QStringLiteral(
                           "https://as.example.com/.well-known/openid-configuration/tenant/1")}
        << QStringList{OpenId, OAuth, OpenId}
        << QStringList{QStringLiteral("append"), QStringLiteral("insert"),
                       QStringLiteral("insert")};
    QTest::newRow("port_is_kept")
        << QStringLiteral("http://127.0.0.1:8443/realms/demo") << Auto
        << QStringList{QStringLiteral(
                           "http://127.0.0.1:8443/realms/demo/.well-known/openid-configuration"),
                       QStringLiteral("http://127.0.0.1:8443/.well-known/"
                                      "oauth-authorization-server/realms/demo"),
                       QStringLiteral(
                           "http://127.0.0.1:8443/.well-known/openid-configuration/realms/demo")}
        << QStringList{OpenId, OAuth, OpenId}
        << QStringList{QStringLiteral("append"), QStringLiteral("insert"),
                       QStringLiteral("insert")};
    QTest::newRow("openid_only_without_path_tries_one_url")
        << QStringLiteral("https://as.example.com") << OpenIdOnly
        << QStringList{QStringLiteral("https://as.example.com/.well-known/openid-configuration")}
        << QStringList{OpenId} << QStringList{QStringLiteral("append")};
    QTest::newRow("openid_only_with_path_tries_both_openid_forms")
        << QStringLiteral("https://as.example.com/tenant/1") << OpenIdOnly
        << QStringList{QStringLiteral(
                           "https://as.example.com/tenant/1/.well-known/openid-configuration"),
                       QStringLiteral(
                           "https://as.example.com/.well-known/openid-configuration/tenant/1")}
        << QStringList{OpenId, OpenId}
        << QStringList{QStringLiteral("append"), QStringLiteral("insert")};
    QTest::newRow("oauth_only_without_path_tries_one_url")
        << QStringLiteral("https://as.example.com") << OAuthOnly
        << QStringList{QStringLiteral(
               "https://as.example.com/.well-known/oauth-authorization-server")}
        << QStringList{OAuth} << QStringList{QStringLiteral("insert")};
    QTest::newRow("oauth_only_with_path_tries_the_inserted_form_only")
        << QStringLiteral("https://as.example.com/tenant/1") << OAuthOnly
        << QStringList{QStringLiteral(
               "https://as.example.com/.well-known/oauth-authorization-server/tenant/1")}
        << QStringList{OAuth} << QStringList{QStringLiteral("insert")};
}

void TestWellKnown::candidates()
{
    QFETCH(QString, issuer);
    QFETCH(WellKnown::Mode, mode);
    QFETCH(QStringList, urls);
    QFETCH(QStringList, kinds);
    QFETCH(QStringList, forms);

    const QList<WellKnown::Candidate> list =
        WellKnown::candidates(QUrl(issuer, QUrl::StrictMode), mode);
    QStringList actualUrls;
    QStringList actualKinds;
    QStringList actualForms;
    for (const WellKnown::Candidate &candidate : list) {
        QVERIFY(candidate.url.isValid());
        actualUrls << QString::fromLatin1(candidate.url.toEncoded());
        actualKinds << kindName(candidate.kind);
        actualForms << candidate.form;
    }
    QCOMPARE(actualUrls, urls);
    QCOMPARE(actualKinds, kinds);
    QCOMPARE(actualForms, forms);
}

void TestWellKnown::fromMetadataUrl_data()
{
    QTest::addColumn<QString>("url");
    QTest::addColumn<bool>("isMetadataUrl");
    QTest::addColumn<QString>("issuer");
    QTest::addColumn<QString>("kind");
    QTest::addColumn<QString>("form");

    QTest::newRow("openid_url_without_path_implies_bare_issuer")
        << QStringLiteral("https://as.example.com/.well-known/openid-configuration") << true
        << QStringLiteral("https://as.example.com") << OpenId << QStringLiteral("append");
    QTest::newRow("openid_append_form_implies_issuer_with_path")
        << QStringLiteral("https://as.example.com/tenant/1/.well-known/openid-configuration")
        << true << QStringLiteral("https://as.example.com/tenant/1") << OpenId
        << QStringLiteral("append");
    QTest::newRow("openid_insert_form_implies_issuer_with_path")
        << QStringLiteral("https://as.example.com/.well-known/openid-configuration/tenant/1")
        << true << QStringLiteral("https://as.example.com/tenant/1") << OpenId
        << QStringLiteral("insert");
    QTest::newRow("rfc8414_insert_form_implies_issuer_with_path")
        << QStringLiteral("https://as.example.com/.well-known/oauth-authorization-server/tenant/1")
        << true << QStringLiteral("https://as.example.com/tenant/1") << OAuth
        << QStringLiteral("insert");
    // RFC 8414 §3 defines only the inserted form, with or without a path.
    QTest::newRow("rfc8414_url_without_path_is_the_insert_form")
        << QStringLiteral("https://as.example.com/.well-known/oauth-authorization-server") << true
        << QStringLiteral("https://as.example.com") << OAuth << QStringLiteral("insert");
    QTest::newRow("oauth_suffix_appended_to_a_path_is_accepted")
        << QStringLiteral(
               "https://as.example.com/realms/demo/.well-known/oauth-authorization-server")
        << true << QStringLiteral("https://as.example.com/realms/demo") << OAuth
        << QStringLiteral("append");
    QTest::newRow("port_is_kept_in_the_implied_issuer")
        << QStringLiteral(
               "https://as.example.com:8443/realms/demo/.well-known/openid-configuration")
        << true << QStringLiteral("https://as.example.com:8443/realms/demo") << OpenId
        << QStringLiteral("append");
    QTest::newRow("authorize_endpoint_is_not_a_metadata_url")
        << QStringLiteral("https://as.example.com/authorize") << false << QString() << QString()
        << QString();
    QTest::newRow("bare_issuer_is_not_a_metadata_url")
        << QStringLiteral("https://as.example.com/") << false << QString() << QString()
        << QString();
    QTest::newRow("jwks_under_well_known_is_not_a_metadata_url")
        << QStringLiteral("https://as.example.com/.well-known/jwks.json") << false << QString()
        << QString() << QString();
    QTest::newRow("suffix_with_path_on_both_sides_is_not_a_metadata_url")
        << QStringLiteral("https://as.example.com/a/.well-known/openid-configuration/b") << false
        << QString() << QString() << QString();
    QTest::newRow("suffix_continued_by_more_letters_is_not_a_metadata_url")
        << QStringLiteral("https://as.example.com/.well-known/openid-configuration-v2") << false
        << QString() << QString() << QString();
}

void TestWellKnown::fromMetadataUrl()
{
    QFETCH(QString, url);
    QFETCH(bool, isMetadataUrl);
    QFETCH(QString, issuer);
    QFETCH(QString, kind);
    QFETCH(QString, form);

    const QUrl input(url, QUrl::StrictMode);
    const std::optional<WellKnown::Pasted> pasted = WellKnown::fromMetadataUrl(input);
    QCOMPARE(pasted.has_value(), isMetadataUrl);
    if (!pasted)
        return;
    QVERIFY(pasted->issuer.isValid());
    QCOMPARE(QString::fromLatin1(pasted->issuer.toEncoded()), issuer);
    QCOMPARE(pasted->candidate.url, input); // the one URL to fetch is the one pasted
    QCOMPARE(kindName(pasted->candidate.kind), kind);
    QCOMPARE(pasted->candidate.form, form);
}

void TestWellKnown::everyCandidateLeadsBackToItsIssuer_data()
{
    QTest::addColumn<QString>("issuer");

    QTest::newRow("issuer_without_path") << QStringLiteral("https://as.example.com");
    QTest::newRow("issuer_with_path") << QStringLiteral("https://as.example.com/tenant/1");
    QTest::newRow("issuer_with_port_and_path") << QStringLiteral("http://localhost:3000/oidc");
}

void TestWellKnown::everyCandidateLeadsBackToItsIssuer()
{
    QFETCH(QString, issuer);

    const QUrl url(issuer, QUrl::StrictMode);
    for (const WellKnown::Candidate &candidate : WellKnown::candidates(url)) {
        const auto pasted = WellKnown::fromMetadataUrl(candidate.url);
        QVERIFY2(pasted.has_value(), candidate.url.toEncoded().constData());
        QCOMPARE(pasted->issuer, url);
        QCOMPARE(pasted->candidate.url, candidate.url);
        QCOMPARE(pasted->candidate.kind, candidate.kind);
        QCOMPARE(pasted->candidate.form, candidate.form);
    }
}

void TestWellKnown::parseIssuer_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<bool>("accepted");
    QTest::addColumn<QString>("issuer");

    QTest::newRow("empty_text_is_rejected") << QString() << false << QString();
    QTest::newRow("whitespace_only_is_rejected") << QStringLiteral(" \t ") << false << QString();
    QTest::newRow("not_a_url_is_rejected") << QStringLiteral("not a url") << false << QString();
    QTest::newRow("host_without_scheme_is_rejected")
        << QStringLiteral("as.example.com") << false << QString();
    QTest::newRow("relative_path_is_rejected") << QStringLiteral("/tenant/1") << false << QString();
    QTest::newRow("ftp_scheme_is_rejected")
        << QStringLiteral("ftp://as.example.com") << false << QString();
    QTest::newRow("url_without_host_is_rejected")
        << QStringLiteral("https://") << false << QString();
    QTest::newRow("url_with_path_but_no_host_is_rejected")
        << QStringLiteral("https:///tenant/1") << false << QString();
    // RFC 8414 §2: an issuer has no query or fragment components.
    QTest::newRow("query_is_rejected")
        << QStringLiteral("https://as.example.com?tenant=1") << false << QString();
    QTest::newRow("empty_query_is_rejected")
        << QStringLiteral("https://as.example.com/?") << false << QString();
    QTest::newRow("fragment_is_rejected")
        << QStringLiteral("https://as.example.com#top") << false << QString();
    QTest::newRow("https_with_host_is_accepted") << QStringLiteral("https://as.example.com") << true
                                                 << QStringLiteral("https://as.example.com");
    QTest::newRow("https_with_path_is_accepted")
        << QStringLiteral("https://as.example.com/tenant/1") << true
        << QStringLiteral("https://as.example.com/tenant/1");
    QTest::newRow("http_on_loopback_is_accepted") << QStringLiteral("http://127.0.0.1:3000") << true
                                                  << QStringLiteral("http://127.0.0.1:3000");
    QTest::newRow("http_with_host_is_accepted") << QStringLiteral("http://as.example.com") << true
                                                << QStringLiteral("http://as.example.com");
    QTest::newRow("surrounding_whitespace_is_trimmed")
        << QStringLiteral("  https://as.example.com/tenant \n") << true
        << QStringLiteral("https://as.example.com/tenant");
}

void TestWellKnown::parseIssuer()
{
    QFETCH(QString, text);
    QFETCH(bool, accepted);
    QFETCH(QString, issuer);

    const QUrl untouched(QStringLiteral("https://untouched.invalid"));
    QUrl parsed = untouched;
    const QString error = WellKnown::parseIssuer(text, &parsed);
    if (!accepted) {
        QVERIFY2(!error.isEmpty(), qPrintable(text));
        QCOMPARE(parsed, untouched);
        return;
    }
    QVERIFY2(error.isEmpty(), qPrintable(error));
    QCOMPARE(QString::fromLatin1(parsed.toEncoded()), issuer);
}

void TestWellKnown::isLoopback_data()
{
    QTest::addColumn<QString>("url");
    QTest::addColumn<bool>("loopback");

    QTest::newRow("ipv4_loopback_address") << QStringLiteral("http://127.0.0.1:3000/") << true;
    QTest::newRow("whole_127_block_is_loopback") << QStringLiteral("http://127.5.5.5/") << true;
    QTest::newRow("ipv6_loopback_address") << QStringLiteral("http://[::1]:8080/") << true;
    QTest::newRow("localhost_name") << QStringLiteral("http://localhost:3000/") << true;
    QTest::newRow("localhost_name_in_capitals") << QStringLiteral("http://LOCALHOST/") << true;
    QTest::newRow("public_name_is_not_loopback") << QStringLiteral("http://example.com/") << false;
    QTest::newRow("name_starting_with_localhost_is_not_loopback")
        << QStringLiteral("http://localhost.example.com/") << false;
    QTest::newRow("private_address_is_not_loopback") << QStringLiteral("http://10.0.0.1/") << false;
    QTest::newRow("unspecified_address_is_not_loopback")
        << QStringLiteral("http://0.0.0.0/") << false;
}

void TestWellKnown::isLoopback()
{
    QFETCH(QString, url);
    QFETCH(bool, loopback);
    QCOMPARE(WellKnown::isLoopback(QUrl(url, QUrl::StrictMode)), loopback);
}

QTEST_APPLESS_MAIN(TestWellKnown)
#include "TestWellKnown.moc"
