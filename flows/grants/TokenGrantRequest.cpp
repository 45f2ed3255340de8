#include "TokenGrantRequest.h"

namespace Tokenscope::Grants {

static const GrantType allGrants[] = {GrantType::ClientCredentials, GrantType::Password,
                                      GrantType::RefreshToken,      GrantType::TokenExchange,
                                      GrantType::JwtBearer,         GrantType::Saml2Bearer};

QString TokenGrantRequest::grantName(GrantType grant)
{
    switch (grant) {
    case GrantType::ClientCredentials:
        return QStringLiteral("client_credentials");
    case GrantType::Password:
        return QStringLiteral("password");
    case GrantType::RefreshToken:
        return QStringLiteral("refresh_token");
    case GrantType::TokenExchange:
        return QStringLiteral("token_exchange");
    case GrantType::JwtBearer:
        return QStringLiteral("jwt_bearer");
    case GrantType::Saml2Bearer:
        return QStringLiteral("saml2_bearer");
    case GrantType::Custom:
        return QStringLiteral("custom");
    }
    return QStringLiteral("custom");
}

QString TokenGrantRequest::grantUri(GrantType grant)
{
    switch (grant) {
    case GrantType::ClientCredentials:
    case GrantType::Password:
    case GrantType::RefreshToken:
        return grantName(grant);
    case GrantType::TokenExchange:
        return QStringLiteral("urn:ietf:params:oauth:grant-type:token-exchange");
    case GrantType::JwtBearer:
        return QStringLiteral("urn:ietf:params:oauth:grant-type:jwt-bearer");
    case GrantType::Saml2Bearer:
        return QStringLiteral("urn:ietf:params:oauth:grant-type:saml2-bearer");
    case GrantType::Custom:
        return {};
    }
    return {};
}

QStringList TokenGrantRequest::grantNames()
{
    QStringList names;
    for (const GrantType grant : allGrants)
        names << grantName(grant);
    return names;
}

bool TokenGrantRequest::parseGrant(const QString &text, GrantType *grant, QString *custom)
{
    for (const GrantType g : allGrants) {
        if (text == grantName(g) || text == grantUri(g)) {
            *grant = g;
            custom->clear();
            return true;
        }
    }
    // Any other grant_type: an absolute URI (RFC 6749 §4.5) or a plain name.
    static const QString allowed = QStringLiteral("abcdefghijklmnopqrstuvwxyz"
                                                  "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789:._-/+");
    if (text.isEmpty())
        return false;
    for (const QChar c : text) {
        if (!allowed.contains(c))
            return false;
    }
    *grant = GrantType::Custom;
    *custom = text;
    return true;
}

QStringList TokenGrantRequest::tokenTypeUris()
{
    return {QStringLiteral("urn:ietf:params:oauth:token-type:access_token"),
            QStringLiteral("urn:ietf:params:oauth:token-type:refresh_token"),
            QStringLiteral("urn:ietf:params:oauth:token-type:id_token"),
            QStringLiteral("urn:ietf:params:oauth:token-type:saml1"),
            QStringLiteral("urn:ietf:params:oauth:token-type:saml2"),
            QStringLiteral("urn:ietf:params:oauth:token-type:jwt")};
}

QString TokenGrantRequest::grantTypeValue() const
{
    return grant == GrantType::Custom ? customGrantType : grantUri(grant);
}

QString TokenGrantRequest::problem() const
{
    if (!tokenEndpoint.isValid() || tokenEndpoint.isRelative())
        return tr("A token endpoint is needed");
    if (client.clientId.isEmpty() && grant != GrantType::JwtBearer &&
        grant != GrantType::Saml2Bearer && grant != GrantType::TokenExchange)
        return tr("A client_id is needed");
    switch (grant) {
    case GrantType::ClientCredentials:
        break;
    case GrantType::Password:
        if (username.isEmpty())
            return tr("The password grant needs a username");
        break;
    case GrantType::RefreshToken:
        if (refreshToken.isEmpty())
            return tr("The refresh_token grant needs a refresh token");
        break;
    case GrantType::TokenExchange:
        if (subjectToken.isEmpty() || subjectTokenType.isEmpty())
            return tr("Token exchange needs a subject_token and its subject_token_type "
                      "(RFC 8693 §2.1)");
        break;
    case GrantType::JwtBearer:
        if (assertion.isEmpty() && signAssertion.key.isEmpty())
            return tr("The JWT bearer grant needs an assertion, or a key to sign one");
        break;
    case GrantType::Saml2Bearer:
        if (assertion.isEmpty())
            return tr("The SAML 2.0 bearer grant needs an assertion");
        break;
    case GrantType::Custom:
        if (customGrantType.isEmpty())
            return tr("A grant_type is needed");
        break;
    }
    return {};
}

} // namespace Tokenscope::Grants
