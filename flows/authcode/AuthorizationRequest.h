#pragma once

#include "Pkce.h"
#include "ResponseType.h"
#include "clientauth/ClientAuthentication.h"

#include <QList>
#include <QPair>
#include <QString>
#include <QUrl>

namespace Tokenscope::AuthCode {

// Everything the authorization request and the code exchange send, editable before
// sending. Empty state, nonce and verifier are generated when the flow starts.
struct AuthorizationRequest
{
    // Provider.
    QString issuer;
    QUrl authorizationEndpoint;
    QUrl tokenEndpoint;
    bool issParameterRequired = false; // authorization_response_iss_parameter_supported

    // Client.
    QString clientId;
    QByteArray clientSecret;
    // private_key_jwt: the client's PEM private key or private JWK (never logged).
    QByteArray clientPrivateKey;
    ClientAuth::ClientAuthentication::Method authMethod =
        ClientAuth::ClientAuthentication::Method::ClientSecretBasic;

    // Request parameters (OAuth 2.0, OpenID Connect Core §3.1.2.1).
    QString responseType = QStringLiteral("code");
    QString responseMode; // empty: the provider's default for the response type
    QString scope;
    QUrl redirectUri;
    QString state;
    QString nonce;
    bool sendNonce = true; // only for openid requests
    Pkce::Method pkceMethod = Pkce::Method::S256;
    QByteArray codeVerifier;
    QString prompt;
    QString loginHint;
    QString maxAge;
    QString acrValues;
    QString claims;
    QString uiLocales;
    QString idTokenHint;
    QList<QPair<QString, QString>> extraParameters;

    // After the redirect (OpenID Connect).
    QUrl jwksUri;          // the ID token's keys; empty: the signature is not checked (a warning)
    QUrl userinfoEndpoint; // called after the tokens when callUserinfo, its sub checked
    bool callUserinfo = false;
    qint64 skewSeconds = 60; // for exp, iat, nbf and auth_time

    ResponseType parsedResponseType() const { return ResponseType(responseType); }
    // PKCE applies to response types that return a code.
    bool usesPkce() const
    {
        return pkceMethod != Pkce::Method::None && parsedResponseType().hasCode();
    }
    bool isOpenId() const
    {
        return scope.split(QLatin1Char(' ')).contains(QLatin1String("openid"));
    }
    // The exact URL the browser is sent to.
    QUrl authorizationUrl() const;
    // Parameters in the order they appear in the URL.
    QList<QPair<QString, QString>> parameters() const;
};

} // namespace Tokenscope::AuthCode
