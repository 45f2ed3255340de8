#include "ProviderMetadata.h"

#include <QJsonArray>
#include <QJsonDocument>

namespace Tokenscope::Discovery {

const QStringList &ProviderMetadata::endpointKeys()
{
    static const QStringList keys{
        QStringLiteral("authorization_endpoint"),
        QStringLiteral("token_endpoint"),
        QStringLiteral("userinfo_endpoint"),
        QStringLiteral("jwks_uri"),
        QStringLiteral("pushed_authorization_request_endpoint"),
        QStringLiteral("device_authorization_endpoint"),
        QStringLiteral("backchannel_authentication_endpoint"),
        QStringLiteral("introspection_endpoint"),
        QStringLiteral("revocation_endpoint"),
        QStringLiteral("end_session_endpoint"),
        QStringLiteral("registration_endpoint"),
        QStringLiteral("check_session_iframe"),
        QStringLiteral("mtls_endpoint_aliases"),
    };
    return keys;
}

const QStringList &ProviderMetadata::capabilityKeys()
{
    static const QStringList keys{
        QStringLiteral("grant_types_supported"),
        QStringLiteral("response_types_supported"),
        QStringLiteral("response_modes_supported"),
        QStringLiteral("scopes_supported"),
        QStringLiteral("claims_supported"),
        QStringLiteral("subject_types_supported"),
        QStringLiteral("token_endpoint_auth_methods_supported"),
        QStringLiteral("token_endpoint_auth_signing_alg_values_supported"),
        QStringLiteral("code_challenge_methods_supported"),
        QStringLiteral("id_token_signing_alg_values_supported"),
        QStringLiteral("id_token_encryption_alg_values_supported"),
        QStringLiteral("userinfo_signing_alg_values_supported"),
        QStringLiteral("request_object_signing_alg_values_supported"),
        QStringLiteral("authorization_signing_alg_values_supported"),
        QStringLiteral("dpop_signing_alg_values_supported"),
        QStringLiteral("introspection_endpoint_auth_methods_supported"),
        QStringLiteral("revocation_endpoint_auth_methods_supported"),
        QStringLiteral("backchannel_token_delivery_modes_supported"),
        QStringLiteral("acr_values_supported"),
        QStringLiteral("claim_types_supported"),
        QStringLiteral("ui_locales_supported"),
        QStringLiteral("prompt_values_supported"),
    };
    return keys;
}

// RFC 8414 §2 defaults for absent members.
static QStringList defaultFor(const QString &key)
{
    if (key == QLatin1String("grant_types_supported"))
        return {QStringLiteral("authorization_code"), QStringLiteral("implicit")};
    if (key == QLatin1String("response_modes_supported"))
        return {QStringLiteral("query"), QStringLiteral("fragment")};
    if (key == QLatin1String("token_endpoint_auth_methods_supported") ||
        key == QLatin1String("revocation_endpoint_auth_methods_supported"))
        return {QStringLiteral("client_secret_basic")};
    // OpenID Connect Discovery 1.0 §3.
    if (key == QLatin1String("claim_types_supported"))
        return {QStringLiteral("normal")};
    // introspection_endpoint_auth_methods_supported has none: "determined by other means".
    return {};
}

QUrl ProviderMetadata::endpoint(const QString &key) const
{
    for (const auto &e : endpoints) {
        if (e.key == key)
            return e.url;
    }
    return {};
}

QStringList ProviderMetadata::capability(const QString &key) const
{
    for (const auto &c : capabilities) {
        if (c.key == key)
            return c.values;
    }
    return {};
}

namespace {

Finding finding(const QString &rule, Finding::Status status, const QString &message,
                const QString &spec, const QString &expected = {}, const QString &actual = {})
{
    return Finding{rule, status, message, expected, actual, spec};
}

bool isPlainHttpOutsideLoopback(const QUrl &url)
{
    return url.scheme() == QLatin1String("http") && !WellKnown::isLoopback(url);
}

} // namespace

ProviderMetadata ProviderMetadata::fromJson(const QJsonObject &document, const QByteArray &raw,
                                            const QUrl &sourceUrl, WellKnown::Kind kind)
{
    ProviderMetadata m;
    m.rawDocument = raw;
    m.document = document;
    m.sourceUrl = sourceUrl;
    m.sourceKind = kind;
    const QString rfc8414 = QStringLiteral("RFC 8414 §2");
    const QString oidc = QStringLiteral("OpenID Connect Discovery 1.0 §3");
    const QString specForKind = kind == WellKnown::Kind::OpenIdConfiguration ? oidc : rfc8414;

    const QJsonValue issuer = document.value(QLatin1String("issuer"));
    if (issuer.isString() && !issuer.toString().isEmpty()) {
        m.issuer = issuer.toString();
    } else {
        m.findings.append(finding(QStringLiteral("issuer_present"), Finding::Status::Fail,
                                  tr("The document has no “issuer” string"), specForKind));
    }

    for (const QString &key : endpointKeys()) {
        const QJsonValue value = document.value(key);
        if (value.isUndefined() || value.isObject()) // mtls_endpoint_aliases is an object
            continue;
        const QUrl url(value.toString(), QUrl::StrictMode);
        if (!value.isString() || !url.isValid() || url.host().isEmpty()) {
            m.findings.append(finding(QStringLiteral("endpoint_is_url"), Finding::Status::Warn,
                                      tr("“%1” is not an absolute URL").arg(key), rfc8414,
                                      tr("absolute https URL"),
                                      value.isString() ? value.toString() : tr("not a string")));
            continue;
        }
        m.endpoints.append({key, url});
        if (isPlainHttpOutsideLoopback(url)) {
            m.findings.append(finding(QStringLiteral("endpoint_uses_tls"), Finding::Status::Warn,
                                      tr("“%1” uses plain http").arg(key), rfc8414,
                                      QStringLiteral("https"), url.toString()));
        }
    }

    for (const QString &key : capabilityKeys()) {
        const QJsonValue value = document.value(key);
        Capability capability{key, {}, true};
        if (value.isUndefined()) {
            capability.values = defaultFor(key);
            capability.advertised = false;
        } else if (value.isArray()) {
            const QJsonArray array = value.toArray();
            bool allStrings = true;
            for (const auto &item : array) {
                if (item.isString())
                    capability.values.append(item.toString());
                else
                    allStrings = false;
            }
            if (!allStrings) {
                m.findings.append(finding(QStringLiteral("member_type"), Finding::Status::Warn,
                                          tr("“%1” holds values that are not strings").arg(key),
                                          rfc8414));
            }
        } else {
            m.findings.append(finding(
                QStringLiteral("member_type"), Finding::Status::Warn,
                tr("“%1” is not a JSON array").arg(key), rfc8414, tr("array of strings"),
                QString::fromUtf8(QJsonDocument(QJsonArray{value}).toJson(QJsonDocument::Compact))
                    .mid(1)
                    .chopped(1)));
        }
        m.capabilities.append(capability);
    }

    m.authorizationResponseIssParameterSupported =
        document.value(QLatin1String("authorization_response_iss_parameter_supported")).toBool();
    m.requirePushedAuthorizationRequests =
        document.value(QLatin1String("require_pushed_authorization_requests")).toBool();

    // Members the specs require.
    const QStringList grants = m.grantTypes();
    const bool usesAuthorizationEndpoint = grants.contains(QLatin1String("authorization_code")) ||
                                           grants.contains(QLatin1String("implicit"));
    const bool implicitOnly = grants == QStringList{QStringLiteral("implicit")};
    QStringList required{QStringLiteral("response_types_supported")};
    if (kind == WellKnown::Kind::OpenIdConfiguration) {
        required << QStringLiteral("authorization_endpoint") << QStringLiteral("jwks_uri")
                 << QStringLiteral("subject_types_supported")
                 << QStringLiteral("id_token_signing_alg_values_supported");
        if (m.responseTypes() != QStringList{QStringLiteral("id_token")} &&
            m.responseTypes() != QStringList{QStringLiteral("id_token token")})
            required << QStringLiteral("token_endpoint");
    } else {
        // RFC 8414 §2: authorization_endpoint unless no grant type uses it;
        // token_endpoint unless only the implicit grant is supported.
        if (usesAuthorizationEndpoint)
            required << QStringLiteral("authorization_endpoint");
        if (!implicitOnly)
            required << QStringLiteral("token_endpoint");
    }
    for (const QString &key : std::as_const(required)) {
        if (!document.contains(key)) {
            m.findings.append(finding(QStringLiteral("required_member"), Finding::Status::Warn,
                                      tr("The required member “%1” is missing").arg(key),
                                      specForKind));
        }
    }

    const QStringList pkce = m.codeChallengeMethods();
    if (pkce.isEmpty()) {
        m.findings.append(finding(QStringLiteral("pkce_advertised"), Finding::Status::Warn,
                                  tr("No code_challenge_methods_supported: the provider does not "
                                     "say whether it supports PKCE"),
                                  QStringLiteral("RFC 8414 §2, RFC 9700 §2.1.1")));
    } else if (!pkce.contains(QLatin1String("S256"))) {
        m.findings.append(finding(QStringLiteral("pkce_s256"), Finding::Status::Warn,
                                  tr("PKCE is advertised without S256"),
                                  QStringLiteral("RFC 7636 §4.2"), QStringLiteral("S256"),
                                  pkce.join(QStringLiteral(", "))));
    }
    const QStringList idTokenAlgs =
        m.capability(QStringLiteral("id_token_signing_alg_values_supported"));
    if (idTokenAlgs.contains(QLatin1String("none"))) {
        m.findings.append(finding(QStringLiteral("id_token_alg_none"), Finding::Status::Warn,
                                  tr("Unsigned ID tokens (alg “none”) are advertised"),
                                  QStringLiteral("OpenID Connect Discovery 1.0 §3")));
    }
    if (kind == WellKnown::Kind::OpenIdConfiguration && !idTokenAlgs.isEmpty() &&
        !idTokenAlgs.contains(QLatin1String("RS256"))) {
        m.findings.append(finding(QStringLiteral("id_token_rs256"), Finding::Status::Warn,
                                  tr("RS256 is not among the ID token signing algorithms, which "
                                     "OpenID Connect requires"),
                                  QStringLiteral("OpenID Connect Discovery 1.0 §3"),
                                  QStringLiteral("RS256"), idTokenAlgs.join(QStringLiteral(", "))));
    }
    return m;
}

QJsonObject ProviderMetadata::toJson() const
{
    QJsonObject endpointsJson;
    for (const auto &e : endpoints)
        endpointsJson.insert(e.key, e.url.toString());
    QJsonObject capabilitiesJson;
    for (const auto &c : capabilities) {
        if (c.values.isEmpty() && !c.advertised)
            continue;
        capabilitiesJson.insert(
            c.key, QJsonObject{{QStringLiteral("values"), QJsonArray::fromStringList(c.values)},
                               {QStringLiteral("advertised"), c.advertised}});
    }
    QJsonArray validation;
    for (const auto &f : findings)
        validation.append(f.toJson());
    return QJsonObject{
        {QStringLiteral("issuer"), issuer},
        {QStringLiteral("metadata_url"), sourceUrl.toString()},
        {QStringLiteral("metadata_kind"), WellKnown::kindName(sourceKind)},
        {QStringLiteral("endpoints"), endpointsJson},
        {QStringLiteral("capabilities"), capabilitiesJson},
        {QStringLiteral("authorization_response_iss_parameter_supported"),
         authorizationResponseIssParameterSupported},
        {QStringLiteral("require_pushed_authorization_requests"),
         requirePushedAuthorizationRequests},
        {QStringLiteral("metadata"), document},
        {QStringLiteral("validation"), validation},
    };
}

} // namespace Tokenscope::Discovery
