#pragma once

#include "clientauth/ClientAuthentication.h"
#include "clientauth/ClientCredentials.h"
#include "clientauth/JwtAssertion.h"

#include <QCoreApplication>
#include <QList>
#include <QPair>
#include <QString>
#include <QStringList>
#include <QUrl>

namespace Tokenscope::Grants {

// The token endpoint grants that need no browser (RFC 6749 §4.3, §4.4, §6; RFC 8693;
// RFC 7523; RFC 7522), or any other grant_type by its URI (Custom).
enum class GrantType
{
    ClientCredentials,
    Password,
    RefreshToken,
    TokenExchange,
    JwtBearer,
    Saml2Bearer,
    Custom,
};

// Everything one token request needs. Fields a grant does not use are ignored.
struct TokenGrantRequest
{
    Q_DECLARE_TR_FUNCTIONS(Tokenscope::Grants::TokenGrantRequest)

public:
    GrantType grant = GrantType::ClientCredentials;
    QString customGrantType; // the grant_type value for Custom

    QUrl tokenEndpoint;
    ClientAuth::ClientCredentials client;

    QString scope;
    QStringList resources;                          // RFC 8707 resource, repeatable
    QList<QPair<QString, QString>> extraParameters; // added last, in order

    // password (RFC 6749 §4.3)
    QString username;
    QByteArray password;

    // refresh_token (RFC 6749 §6). previousIdToken: the ID token the refresh token came
    // with; a new ID token must name the same iss and sub (OIDC Core §12.2).
    QString refreshToken;
    QString previousIdToken;

    // token exchange (RFC 8693 §2.1)
    QString subjectToken;
    QString subjectTokenType = QStringLiteral("urn:ietf:params:oauth:token-type:access_token");
    QString actorToken;
    QString actorTokenType; // required with an actor token; default access_token
    QString audience;
    QString requestedTokenType;

    // JWT bearer (RFC 7523 §2.1) and SAML 2.0 bearer (RFC 7522 §2.1): the assertion as
    // pasted (a SAML assertion base64url-encoded, or raw XML that is encoded here), or
    // for JWT bearer, when assertion is empty, one built from signAssertion.
    QString assertion;
    ClientAuth::JwtAssertion::Spec signAssertion;

    // For the ID token of a refresh response: the provider's issuer and keys.
    QString issuer;
    QUrl jwksUri;
    qint64 skewSeconds = 60;

    // "client_credentials", "urn:ietf:params:oauth:grant-type:token-exchange", …
    QString grantTypeValue() const;
    // The form without client authentication and without a built assertion: what the
    // grant sends. A usage problem (translated) when a required field is empty.
    QString problem() const;

    static QString grantName(GrantType grant); // "client_credentials", "token_exchange", …
    static QString grantUri(GrantType grant);  // the grant_type value; empty for Custom
    // A short name or a grant_type URI; anything else that looks like a URI is Custom.
    static bool parseGrant(const QString &text, GrantType *grant, QString *custom);
    static QStringList grantNames();
    // The RFC 8693 §3 token type URIs, for pickers.
    static QStringList tokenTypeUris();
};

} // namespace Tokenscope::Grants
