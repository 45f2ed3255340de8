// A provider's metadata document read into a typed view: endpoints, capability lists with the
// defaults RFC 8414 §2 and OpenID Connect Discovery 1.0 §3 give for absent members, and the
// advisory findings on the document itself.
#include "discovery/ProviderMetadata.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QTest>

using Tokenscope::Finding;
using Tokenscope::Discovery::ProviderMetadata;
using Tokenscope::Discovery::WellKnown;

namespace {

const QUrl OpenIdSource(QStringLiteral("https://as.example.com/.well-known/openid-configuration"));
const QUrl
    OAuthSource(QStringLiteral("https://as.example.com/.well-known/oauth-authorization-server"));

QJsonObject parse(const QByteArray &json)
{
    QJsonParseError error;
    const QJsonDocument document = QJsonDocument::fromJson(json, &error);
    if (error.error != QJsonParseError::NoError)
        qFatal("test document does not parse: %s", qPrintable(error.errorString()));
    return document.object();
}

// Written line by line: moc misreads "//" inside a raw string literal that spans lines.
QByteArray lines(std::initializer_list<const char *> list)
{
    QByteArray text;
    for (const char *line : list)
        text += QByteArray(line) + '\n';
    return text;
}

// A complete document in the shape real OpenID providers publish.
QByteArray fullDocument()
{
    return lines({
        R"({)",
        R"(  "issuer": "https://as.example.com",)",
        R"(  "jwks_uri": "https://as.example.com/jwks",)",
        R"(  "token_endpoint": "https://as.example.com/token",)",
        R"(  "authorization_endpoint": "https://as.example.com/authorize",)",
        R"(  "check_session_iframe": "https://as.example.com/session/check",)",
        R"(  "registration_endpoint": "https://as.example.com/reg",)",
        R"(  "end_session_endpoint": "https://as.example.com/session/end",)",
        R"(  "revocation_endpoint": "https://as.example.com/token/revocation",)",
        R"(  "introspection_endpoint": "https://as.example.com/token/introspection",)",
        R"(  "backchannel_authentication_endpoint": "https://as.example.com/backchannel",)",
        R"(  "device_authorization_endpoint": "https://as.example.com/device/auth",)",
        R"(  "pushed_authorization_request_endpoint": "https://as.example.com/request",)",
        R"(  "userinfo_endpoint": "https://as.example.com/me",)",
        R"(  "mtls_endpoint_aliases": {"token_endpoint": "https://mtls.as.example.com/token"},)",
        R"(  "grant_types_supported": ["authorization_code", "refresh_token",)",
        R"(                            "client_credentials",)",
        R"(                            "urn:ietf:params:oauth:grant-type:device_code"],)",
        R"(  "response_types_supported": ["code", "id_token", "code id_token"],)",
        R"(  "response_modes_supported": ["query", "fragment", "form_post", "jwt"],)",
        R"(  "scopes_supported": ["openid", "offline_access", "profile", "email"],)",
        R"(  "claims_supported": ["sub", "iss", "auth_time", "name", "email"],)",
        R"(  "subject_types_supported": ["public", "pairwise"],)",
        R"(  "token_endpoint_auth_methods_supported": ["client_secret_basic",)",
        R"(      "client_secret_post", "private_key_jwt", "tls_client_auth"],)",
        R"(  "token_endpoint_auth_signing_alg_values_supported": ["RS256", "ES256"],)",
        R"(  "code_challenge_methods_supported": ["S256"],)",
        R"(  "id_token_signing_alg_values_supported": ["RS256", "ES256", "EdDSA"],)",
        R"(  "dpop_signing_alg_values_supported": ["ES256", "EdDSA"],)",
        R"(  "claim_types_supported": ["normal", "aggregated"],)",
        R"(  "request_parameter_supported": true,)",
        R"(  "authorization_response_iss_parameter_supported": true,)",
        R"(  "require_pushed_authorization_requests": true)",
        R"(})",
    });
}

// The least an OpenID provider must publish (OpenID Connect Discovery 1.0 §3), plus S256.
QJsonObject cleanOpenIdDocument()
{
    return parse(lines({
        R"({)",
        R"(  "issuer": "https://as.example.com",)",
        R"(  "authorization_endpoint": "https://as.example.com/authorize",)",
        R"(  "token_endpoint": "https://as.example.com/token",)",
        R"(  "jwks_uri": "https://as.example.com/jwks",)",
        R"(  "response_types_supported": ["code"],)",
        R"(  "subject_types_supported": ["public"],)",
        R"(  "id_token_signing_alg_values_supported": ["RS256"],)",
        R"(  "code_challenge_methods_supported": ["S256"])",
        R"(})",
    }));
}

ProviderMetadata read(const QJsonObject &document, WellKnown::Kind kind)
{
    return ProviderMetadata::fromJson(
        document, QJsonDocument(document).toJson(),
        kind == WellKnown::Kind::OpenIdConfiguration ? OpenIdSource : OAuthSource, kind);
}

QStringList rules(const ProviderMetadata &metadata)
{
    QStringList list;
    for (const Finding &finding : metadata.findings)
        list << finding.rule;
    return list;
}

const ProviderMetadata::Capability *findCapability(const ProviderMetadata &metadata,
                                                   const QString &key)
{
    for (const auto &capability : metadata.capabilities) {
        if (capability.key == key)
            return &capability;
    }
    return nullptr;
}

} // namespace

class TestProviderMetadata final : public QObject
{
    Q_OBJECT

private slots:
    void fullOpenIdDocumentIsRead();
    void absentListsGetTheSpecDefaults_data();
    void absentListsGetTheSpecDefaults();
    void findings_data();
    void findings();
    void toJson_data();
    void toJson();
};

void TestProviderMetadata::fullOpenIdDocumentIsRead()
{
    const QByteArray raw = fullDocument();
    const QJsonObject document = parse(raw);
    const ProviderMetadata m = ProviderMetadata::fromJson(document, raw, OpenIdSource,
                                                          WellKnown::Kind::OpenIdConfiguration);

    QCOMPARE(m.rawDocument, raw);
    QCOMPARE(m.document, document);
    QCOMPARE(m.sourceUrl, OpenIdSource);
    QCOMPARE(m.issuer, QStringLiteral("https://as.example.com"));
    QVERIFY2(m.findings.isEmpty(), qPrintable(rules(m).join(QLatin1Char(' '))));

    // Every URL endpoint, in the model's display order (not the document's, not alphabetical).
    QStringList expectedKeys;
    for (const QString &key : ProviderMetadata::endpointKeys()) {
        if (document.value(key).isString())
            expectedKeys << key;
    }
    QCOMPARE(expectedKeys.size(), 12);
    QStringList keys;
    for (const auto &endpoint : m.endpoints) {
        keys << endpoint.key;
        QCOMPARE(endpoint.url, QUrl(document.value(endpoint.key).toString()));
    }
    QCOMPARE(keys, expectedKeys);
    QCOMPARE(
        keys.mid(0, 4),
        (QStringList{QStringLiteral("authorization_endpoint"), QStringLiteral("token_endpoint"),
                     QStringLiteral("userinfo_endpoint"), QStringLiteral("jwks_uri")}));
    // mtls_endpoint_aliases is an object of aliases, not an endpoint URL.
    QVERIFY(!keys.contains(QLatin1String("mtls_endpoint_aliases")));
    QCOMPARE(m.endpoint(QStringLiteral("token_endpoint")),
             QUrl(QStringLiteral("https://as.example.com/token")));
    QCOMPARE(m.endpoint(QStringLiteral("userinfo_endpoint")),
             QUrl(QStringLiteral("https://as.example.com/me")));
    QVERIFY(m.endpoint(QStringLiteral("no_such_endpoint")).isEmpty());

    // Capabilities: every known list, advertised ones with the document's values in order.
    QCOMPARE(m.capabilities.size(), ProviderMetadata::capabilityKeys().size());
    QCOMPARE(m.grantTypes(),
             (QStringList{QStringLiteral("authorization_code"), QStringLiteral("refresh_token"),
                          QStringLiteral("client_credentials"),
                          QStringLiteral("urn:ietf:params:oauth:grant-type:device_code")}));
    QCOMPARE(m.responseTypes(), (QStringList{QStringLiteral("code"), QStringLiteral("id_token"),
                                             QStringLiteral("code id_token")}));
    QCOMPARE(m.codeChallengeMethods(), QStringList{QStringLiteral("S256")});
    QCOMPARE(
        m.capability(QStringLiteral("token_endpoint_auth_methods_supported")),
        (QStringList{QStringLiteral("client_secret_basic"), QStringLiteral("client_secret_post"),
                     QStringLiteral("private_key_jwt"), QStringLiteral("tls_client_auth")}));
    QCOMPARE(m.capability(QStringLiteral("dpop_signing_alg_values_supported")),
             (QStringList{QStringLiteral("ES256"), QStringLiteral("EdDSA")}));
    for (const QString &key :
         {QStringLiteral("grant_types_supported"), QStringLiteral("response_modes_supported"),
          QStringLiteral("subject_types_supported")}) {
        const auto *capability = findCapability(m, key);
        QVERIFY(capability);
        QVERIFY2(capability->advertised, qPrintable(key));
    }
    const auto *uiLocales = findCapability(m, QStringLiteral("ui_locales_supported"));
    QVERIFY(uiLocales);
    QVERIFY(!uiLocales->advertised);

    QVERIFY(m.authorizationResponseIssParameterSupported);
    QVERIFY(m.requirePushedAuthorizationRequests);

    // Both flags are false when the members are absent.
    const ProviderMetadata plain =
        read(cleanOpenIdDocument(), WellKnown::Kind::OpenIdConfiguration);
    QVERIFY(!plain.authorizationResponseIssParameterSupported);
    QVERIFY(!plain.requirePushedAuthorizationRequests);
}

void TestProviderMetadata::absentListsGetTheSpecDefaults_data()
{
    QTest::addColumn<QString>("key");
    QTest::addColumn<QStringList>("values");

    // RFC 8414 §2 and OpenID Connect Discovery 1.0 §3 agree on these three.
    QTest::newRow("grant_types_default_to_authorization_code_and_implicit")
        << QStringLiteral("grant_types_supported")
        << QStringList{QStringLiteral("authorization_code"), QStringLiteral("implicit")};
    QTest::newRow("response_modes_default_to_query_and_fragment")
        << QStringLiteral("response_modes_supported")
        << QStringList{QStringLiteral("query"), QStringLiteral("fragment")};
    QTest::newRow("token_endpoint_auth_methods_default_to_client_secret_basic")
        << QStringLiteral("token_endpoint_auth_methods_supported")
        << QStringList{QStringLiteral("client_secret_basic")};
    QTest::newRow("revocation_auth_methods_default_to_client_secret_basic")
        << QStringLiteral("revocation_endpoint_auth_methods_supported")
        << QStringList{QStringLiteral("client_secret_basic")};
    // RFC 8414 §2: "If omitted, the set of supported authentication methods MUST be
    // determined by other means." There is no default.
    QTest::newRow("introspection_auth_methods_have_no_default")
        << QStringLiteral("introspection_endpoint_auth_methods_supported") << QStringList{};
    // OpenID Connect Discovery 1.0 §3: "If omitted, the implementation supports only normal
    // Claims."
    QTest::newRow("claim_types_default_to_normal")
        << QStringLiteral("claim_types_supported") << QStringList{QStringLiteral("normal")};
    // RFC 8414 §2: "If omitted, the authorization server does not support PKCE."
    QTest::newRow("code_challenge_methods_have_no_default")
        << QStringLiteral("code_challenge_methods_supported") << QStringList{};
    QTest::newRow("scopes_have_no_default") << QStringLiteral("scopes_supported") << QStringList{};
}

void TestProviderMetadata::absentListsGetTheSpecDefaults()
{
    QFETCH(QString, key);
    QFETCH(QStringList, values);

    QJsonObject document = cleanOpenIdDocument();
    document.remove(key);
    const ProviderMetadata m = read(document, WellKnown::Kind::OpenIdConfiguration);
    const auto *capability = findCapability(m, key);
    QVERIFY(capability);
    QCOMPARE(capability->values, values);
    QVERIFY(!capability->advertised);
    QCOMPARE(m.capability(key), values);

    // Advertised values replace the default and are marked as advertised.
    document.insert(key, QJsonArray{QStringLiteral("advertised_value")});
    const ProviderMetadata advertised = read(document, WellKnown::Kind::OpenIdConfiguration);
    const auto *present = findCapability(advertised, key);
    QVERIFY(present);
    QCOMPARE(present->values, QStringList{QStringLiteral("advertised_value")});
    QVERIFY(present->advertised);
}

void TestProviderMetadata::findings_data()
{
    QTest::addColumn<WellKnown::Kind>("kind");
    QTest::addColumn<QJsonObject>("set");    // members replaced or added
    QTest::addColumn<QStringList>("remove"); // members removed
    QTest::addColumn<QString>("rule");
    QTest::addColumn<QString>("status"); // "" when the rule must not be reported
    QTest::addColumn<int>("count");      // how many times the rule is reported

    const auto OpenId = WellKnown::Kind::OpenIdConfiguration;
    const auto OAuth = WellKnown::Kind::OAuthAuthorizationServer;
    const QString fail = QStringLiteral("fail");
    const QString warn = QStringLiteral("warn");
    const QString none;

    QTest::newRow("clean_openid_document_has_no_findings")
        << OpenId << QJsonObject{} << QStringList{} << QString() << none << 0;
    QTest::newRow("missing_issuer_fails")
        << OpenId << QJsonObject{} << QStringList{QStringLiteral("issuer")}
        << QStringLiteral("issuer_present") << fail << 1;
    QTest::newRow("issuer_that_is_not_a_string_fails")
        << OpenId << QJsonObject{{QStringLiteral("issuer"), 42}} << QStringList{}
        << QStringLiteral("issuer_present") << fail << 1;
    QTest::newRow("endpoint_that_is_not_a_url_is_warned")
        << OpenId << QJsonObject{{QStringLiteral("token_endpoint"), QStringLiteral("not a url")}}
        << QStringList{} << QStringLiteral("endpoint_is_url") << warn << 1;
    QTest::newRow("relative_endpoint_is_warned")
        << OpenId << QJsonObject{{QStringLiteral("userinfo_endpoint"), QStringLiteral("/me")}}
        << QStringList{} << QStringLiteral("endpoint_is_url") << warn << 1;
    QTest::newRow("endpoint_that_is_a_number_is_warned")
        << OpenId << QJsonObject{{QStringLiteral("jwks_uri"), 42}} << QStringList{}
        << QStringLiteral("endpoint_is_url") << warn << 1;
    QTest::newRow("mtls_endpoint_aliases_object_is_no_url_problem")
        << OpenId
        << QJsonObject{{QStringLiteral("mtls_endpoint_aliases"),
                        QJsonObject{{QStringLiteral("token_endpoint"),
                                     QStringLiteral("https://mtls.as.example.com/token")}}}}
        << QStringList{} << QStringLiteral("endpoint_is_url") << none << 0;
    QTest::newRow("plain_http_endpoint_on_a_public_host_is_warned")
        << OpenId
        << QJsonObject{{QStringLiteral("token_endpoint"),
                        QStringLiteral("http://as.example.com/token")}}
        << QStringList{} << QStringLiteral("endpoint_uses_tls") << warn << 1;
    QTest::newRow("each_plain_http_endpoint_is_warned")
        << OpenId
        << QJsonObject{{QStringLiteral("token_endpoint"),
                        QStringLiteral("http://as.example.com/token")},
                       {QStringLiteral("jwks_uri"), QStringLiteral("http://as.example.com/jwks")}}
        << QStringList{} << QStringLiteral("endpoint_uses_tls") << warn << 2;
    QTest::newRow("plain_http_endpoint_on_127_0_0_1_is_not_warned")
        << OpenId
        << QJsonObject{{QStringLiteral("token_endpoint"),
                        QStringLiteral("http://127.0.0.1:3000/token")}}
        << QStringList{} << QStringLiteral("endpoint_uses_tls") << none << 0;
    QTest::newRow("plain_http_endpoint_on_localhost_is_not_warned")
        << OpenId
        << QJsonObject{{QStringLiteral("token_endpoint"),
                        QStringLiteral("http://localhost:3000/token")}}
        << QStringList{} << QStringLiteral("endpoint_uses_tls") << none << 0;
    QTest::newRow("list_member_that_is_a_string_is_warned")
        << OpenId
        << QJsonObject{{QStringLiteral("scopes_supported"), QStringLiteral("openid profile")}}
        << QStringList{} << QStringLiteral("member_type") << warn << 1;
    QTest::newRow("list_with_a_non_string_value_is_warned")
        << OpenId
        << QJsonObject{{QStringLiteral("grant_types_supported"),
                        QJsonArray{QStringLiteral("authorization_code"), 1}}}
        << QStringList{} << QStringLiteral("member_type") << warn << 1;
    QTest::newRow("missing_authorization_endpoint_is_warned_for_openid")
        << OpenId << QJsonObject{} << QStringList{QStringLiteral("authorization_endpoint")}
        << QStringLiteral("required_member") << warn << 1;
    QTest::newRow("missing_token_endpoint_is_warned_for_openid")
        << OpenId << QJsonObject{} << QStringList{QStringLiteral("token_endpoint")}
        << QStringLiteral("required_member") << warn << 1;
    QTest::newRow("missing_jwks_uri_is_warned_for_openid")
        << OpenId << QJsonObject{} << QStringList{QStringLiteral("jwks_uri")}
        << QStringLiteral("required_member") << warn << 1;
    QTest::newRow("missing_response_types_is_warned_for_openid")
        << OpenId << QJsonObject{} << QStringList{QStringLiteral("response_types_supported")}
        << QStringLiteral("required_member") << warn << 1;
    QTest::newRow("missing_subject_types_is_warned_for_openid")
        << OpenId << QJsonObject{} << QStringList{QStringLiteral("subject_types_supported")}
        << QStringLiteral("required_member") << warn << 1;
    QTest::newRow("missing_id_token_signing_algs_is_warned_for_openid")
        << OpenId << QJsonObject{}
        << QStringList{QStringLiteral("id_token_signing_alg_values_supported")}
        << QStringLiteral("required_member") << warn << 1;
    QTest::newRow("each_missing_required_member_is_warned")
        << OpenId << QJsonObject{}
        << QStringList{QStringLiteral("jwks_uri"), QStringLiteral("subject_types_supported")}
        << QStringLiteral("required_member") << warn << 2;
    // OpenID Connect Discovery 1.0 §3: token_endpoint "REQUIRED unless only the Implicit
    // Flow is used".
    QTest::newRow("implicit_only_openid_provider_needs_no_token_endpoint")
        << OpenId
        << QJsonObject{{QStringLiteral("response_types_supported"),
                        QJsonArray{QStringLiteral("id_token")}}}
        << QStringList{QStringLiteral("token_endpoint")} << QStringLiteral("required_member")
        << none << 0;
    QTest::newRow("rfc8414_document_without_jwks_uri_and_openid_members_is_fine")
        << OAuth << QJsonObject{}
        << QStringList{QStringLiteral("jwks_uri"), QStringLiteral("subject_types_supported"),
                       QStringLiteral("id_token_signing_alg_values_supported")}
        << QStringLiteral("required_member") << none << 0;
    QTest::newRow("missing_response_types_is_warned_for_rfc8414")
        << OAuth << QJsonObject{} << QStringList{QStringLiteral("response_types_supported")}
        << QStringLiteral("required_member") << warn << 1;
    QTest::newRow("no_pkce_advertised_is_warned")
        << OpenId << QJsonObject{}
        << QStringList{QStringLiteral("code_challenge_methods_supported")}
        << QStringLiteral("pkce_advertised") << warn << 1;
    QTest::newRow("pkce_without_s256_is_warned")
        << OpenId
        << QJsonObject{{QStringLiteral("code_challenge_methods_supported"),
                        QJsonArray{QStringLiteral("plain")}}}
        << QStringList{} << QStringLiteral("pkce_s256") << warn << 1;
    QTest::newRow("pkce_with_s256_and_plain_is_fine")
        << OpenId
        << QJsonObject{{QStringLiteral("code_challenge_methods_supported"),
                        QJsonArray{QStringLiteral("plain"), QStringLiteral("S256")}}}
        << QStringList{} << QStringLiteral("pkce_s256") << none << 0;
    QTest::newRow("alg_none_advertised_is_warned")
        << OpenId
        << QJsonObject{{QStringLiteral("id_token_signing_alg_values_supported"),
                        QJsonArray{QStringLiteral("RS256"), QStringLiteral("none")}}}
        << QStringList{} << QStringLiteral("id_token_alg_none") << warn << 1;
    // OpenID Connect Discovery 1.0 §3: "The algorithm RS256 MUST be included."
    QTest::newRow("id_token_algs_without_rs256_are_warned")
        << OpenId
        << QJsonObject{{QStringLiteral("id_token_signing_alg_values_supported"),
                        QJsonArray{QStringLiteral("ES256"), QStringLiteral("PS256")}}}
        << QStringList{} << QStringLiteral("id_token_rs256") << warn << 1;
    QTest::newRow("id_token_algs_without_rs256_are_fine_for_rfc8414")
        << OAuth
        << QJsonObject{{QStringLiteral("id_token_signing_alg_values_supported"),
                        QJsonArray{QStringLiteral("ES256")}}}
        << QStringList{} << QStringLiteral("id_token_rs256") << none << 0;
}

void TestProviderMetadata::findings()
{
    QFETCH(WellKnown::Kind, kind);
    QFETCH(QJsonObject, set);
    QFETCH(QStringList, remove);
    QFETCH(QString, rule);
    QFETCH(QString, status);
    QFETCH(int, count);

    QJsonObject document = cleanOpenIdDocument();
    for (auto it = set.constBegin(); it != set.constEnd(); ++it)
        document.insert(it.key(), it.value());
    for (const QString &key : std::as_const(remove))
        document.remove(key);

    const ProviderMetadata m = read(document, kind);
    if (rule.isEmpty()) {
        QVERIFY2(m.findings.isEmpty(), qPrintable(rules(m).join(QLatin1Char(' '))));
        return;
    }
    QCOMPARE(rules(m).count(rule), count);
    for (const Finding &finding : m.findings) {
        QVERIFY(!finding.message.isEmpty());
        QVERIFY(!finding.spec.isEmpty());
        if (finding.rule == rule)
            QCOMPARE(Finding::statusName(finding.status), status);
    }
}

void TestProviderMetadata::toJson_data()
{
    QTest::addColumn<WellKnown::Kind>("kind");
    QTest::addColumn<QUrl>("source");
    QTest::addColumn<QString>("kindName");

    QTest::newRow("openid_configuration_document")
        << WellKnown::Kind::OpenIdConfiguration << OpenIdSource
        << QStringLiteral("openid-configuration");
    QTest::newRow("oauth_authorization_server_document")
        << WellKnown::Kind::OAuthAuthorizationServer << OAuthSource
        << QStringLiteral("oauth-authorization-server");
}

void TestProviderMetadata::toJson()
{
    QFETCH(WellKnown::Kind, kind);
    QFETCH(QUrl, source);
    QFETCH(QString, kindName);

    // No PKCE and a plain http endpoint: two findings to see in "validation".
    QJsonObject document = cleanOpenIdDocument();
    document.remove(QStringLiteral("code_challenge_methods_supported"));
    document.insert(QStringLiteral("token_endpoint"),
                    QStringLiteral("http://as.example.com/token"));
    const ProviderMetadata m =
        ProviderMetadata::fromJson(document, QJsonDocument(document).toJson(), source, kind);
    const QJsonObject json = m.toJson();

    for (const char *key : {"issuer", "metadata_url", "metadata_kind", "endpoints", "capabilities",
                            "metadata", "validation"})
        QVERIFY2(json.contains(QLatin1String(key)), key);

    QCOMPARE(json.value(QLatin1String("issuer")).toString(),
             QStringLiteral("https://as.example.com"));
    QCOMPARE(json.value(QLatin1String("metadata_url")).toString(), source.toString());
    QCOMPARE(json.value(QLatin1String("metadata_kind")).toString(), kindName);
    QCOMPARE(json.value(QLatin1String("metadata")).toObject(), document);

    const QJsonObject endpoints = json.value(QLatin1String("endpoints")).toObject();
    QCOMPARE(endpoints.value(QLatin1String("token_endpoint")).toString(),
             QStringLiteral("http://as.example.com/token"));
    QCOMPARE(endpoints.value(QLatin1String("jwks_uri")).toString(),
             QStringLiteral("https://as.example.com/jwks"));

    const QJsonObject capabilities = json.value(QLatin1String("capabilities")).toObject();
    const QJsonObject responseTypes =
        capabilities.value(QLatin1String("response_types_supported")).toObject();
    QCOMPARE(responseTypes.value(QLatin1String("values")).toArray(),
             QJsonArray{QStringLiteral("code")});
    QCOMPARE(responseTypes.value(QLatin1String("advertised")).toBool(false), true);
    const QJsonObject grantTypes =
        capabilities.value(QLatin1String("grant_types_supported")).toObject();
    QCOMPARE(grantTypes.value(QLatin1String("values")).toArray(),
             (QJsonArray{QStringLiteral("authorization_code"), QStringLiteral("implicit")}));
    QCOMPARE(grantTypes.value(QLatin1String("advertised")).toBool(true), false);

    const QJsonArray validation = json.value(QLatin1String("validation")).toArray();
    QCOMPARE(validation.size(), m.findings.size());
    QStringList reported;
    for (const QJsonValue &value : validation) {
        const QJsonObject entry = value.toObject();
        for (const char *key : {"rule", "status", "message", "spec"}) {
            QVERIFY2(entry.value(QLatin1String(key)).isString(), key);
            QVERIFY2(!entry.value(QLatin1String(key)).toString().isEmpty(), key);
        }
        QVERIFY(
            (QStringList{QStringLiteral("pass"), QStringLiteral("warn"), QStringLiteral("fail")})
                .contains(entry.value(QLatin1String("status")).toString()));
        reported << entry.value(QLatin1String("rule")).toString();
    }
    QVERIFY2(reported.contains(QLatin1String("pkce_advertised")), qPrintable(reported.join(u' ')));
    QVERIFY2(reported.contains(QLatin1String("endpoint_uses_tls")),
             qPrintable(reported.join(u' ')));
}

QTEST_APPLESS_MAIN(TestProviderMetadata)
#include "TestProviderMetadata.moc"
