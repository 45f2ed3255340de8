#include "OAuthErrorExplanation.h"

#include <QCoreApplication>
#include <QHash>

namespace Tokenscope {

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("Tokenscope::OAuthErrorExplanation", text);
}

} // namespace

QString explainOAuthError(const QString &error)
{
    // Translated on each call: the texts follow the language installed at the time.
    static const QHash<QString, const char *> texts{
        {QStringLiteral("invalid_request"),
         QT_TRANSLATE_NOOP("Tokenscope::OAuthErrorExplanation",
                           "The request is malformed: a required parameter is missing, one is "
                           "repeated or has a value the provider does not accept. Compare the "
                           "raw request with the provider's documentation.")},
        {QStringLiteral("invalid_client"),
         QT_TRANSLATE_NOOP("Tokenscope::OAuthErrorExplanation",
                           "The provider did not accept the client's credentials: a wrong "
                           "client_id or secret, the secret sent the wrong way (basic vs post), "
                           "an expired or wrongly signed client assertion, or a client that "
                           "does not exist on this provider.")},
        {QStringLiteral("invalid_grant"),
         QT_TRANSLATE_NOOP("Tokenscope::OAuthErrorExplanation",
                           "The grant is not valid (any more): a code that expired or was used "
                           "already, a redirect_uri or code_verifier that differs from the "
                           "authorization request, a refresh token that was rotated, revoked or "
                           "expired, or a session that ended.")},
        {QStringLiteral("unauthorized_client"),
         QT_TRANSLATE_NOOP("Tokenscope::OAuthErrorExplanation",
                           "The client exists but may not use this grant type or response "
                           "type: enable it in the client's registration at the provider.")},
        {QStringLiteral("unsupported_grant_type"),
         QT_TRANSLATE_NOOP("Tokenscope::OAuthErrorExplanation",
                           "The provider does not support this grant_type at all (check "
                           "grant_types_supported in its metadata) or the value is misspelt.")},
        {QStringLiteral("invalid_scope"),
         QT_TRANSLATE_NOOP("Tokenscope::OAuthErrorExplanation",
                           "A requested scope is unknown, not allowed for this client, or "
                           "exceeds what the original grant covered (on refresh).")},
        {QStringLiteral("access_denied"),
         QT_TRANSLATE_NOOP("Tokenscope::OAuthErrorExplanation",
                           "The user (or a policy of the provider) refused: the user pressed "
                           "Deny, or the account may not use this client.")},
        {QStringLiteral("unsupported_response_type"),
         QT_TRANSLATE_NOOP("Tokenscope::OAuthErrorExplanation",
                           "The provider does not offer this response_type, or not to this "
                           "client (see response_types_supported and the client's "
                           "registration).")},
        {QStringLiteral("server_error"),
         QT_TRANSLATE_NOOP("Tokenscope::OAuthErrorExplanation",
                           "The provider failed internally. Not the client's fault; try again "
                           "and check the provider's logs.")},
        {QStringLiteral("temporarily_unavailable"),
         QT_TRANSLATE_NOOP("Tokenscope::OAuthErrorExplanation",
                           "The provider is overloaded or in maintenance; try again later.")},
        {QStringLiteral("interaction_required"),
         QT_TRANSLATE_NOOP("Tokenscope::OAuthErrorExplanation",
                           "prompt=none was asked, but the user has to do something first "
                           "(sign in, consent, choose an account): run the flow without "
                           "prompt=none.")},
        {QStringLiteral("login_required"),
         QT_TRANSLATE_NOOP("Tokenscope::OAuthErrorExplanation",
                           "prompt=none was asked, but the user has no session at the provider "
                           "(or the embedded browser started a fresh one).")},
        {QStringLiteral("consent_required"),
         QT_TRANSLATE_NOOP("Tokenscope::OAuthErrorExplanation",
                           "prompt=none was asked, but the user has not consented to these "
                           "scopes yet.")},
        {QStringLiteral("account_selection_required"),
         QT_TRANSLATE_NOOP("Tokenscope::OAuthErrorExplanation",
                           "prompt=none was asked, but the user has several sessions and must "
                           "choose one.")},
        {QStringLiteral("invalid_request_uri"),
         QT_TRANSLATE_NOOP("Tokenscope::OAuthErrorExplanation",
                           "The request_uri is unknown, expired or was used already (a pushed "
                           "authorization request works once, for a short time).")},
        {QStringLiteral("invalid_request_object"),
         QT_TRANSLATE_NOOP("Tokenscope::OAuthErrorExplanation",
                           "The request object's signature, audience, issuer or claims were "
                           "not accepted.")},
        {QStringLiteral("request_not_supported"),
         QT_TRANSLATE_NOOP("Tokenscope::OAuthErrorExplanation",
                           "The provider does not accept request objects (the request "
                           "parameter).")},
        {QStringLiteral("authorization_pending"),
         QT_TRANSLATE_NOOP("Tokenscope::OAuthErrorExplanation",
                           "Not an error to stop on: the user has not finished yet, so the "
                           "client polls again after the interval.")},
        {QStringLiteral("slow_down"),
         QT_TRANSLATE_NOOP("Tokenscope::OAuthErrorExplanation",
                           "The client polls too often: it must wait 5 seconds longer between "
                           "polls from now on (RFC 8628 §3.5).")},
        {QStringLiteral("expired_token"),
         QT_TRANSLATE_NOOP("Tokenscope::OAuthErrorExplanation",
                           "The device code or CIBA request expired before the user finished: "
                           "start again.")},
        {QStringLiteral("invalid_token"),
         QT_TRANSLATE_NOOP("Tokenscope::OAuthErrorExplanation",
                           "The access token is expired, revoked, malformed, issued for another "
                           "resource, or bound to a key (DPoP, mTLS) the request did not prove.")},
        {QStringLiteral("insufficient_scope"),
         QT_TRANSLATE_NOOP("Tokenscope::OAuthErrorExplanation",
                           "The token is valid but lacks a scope this resource needs: ask for "
                           "it in the authorization request.")},
        {QStringLiteral("insufficient_user_authentication"),
         QT_TRANSLATE_NOOP("Tokenscope::OAuthErrorExplanation",
                           "Step-up (RFC 9470): the resource wants a stronger or more recent "
                           "sign-in; run the authorization flow again with the acr_values or "
                           "max_age it names.")},
        {QStringLiteral("use_dpop_nonce"),
         QT_TRANSLATE_NOOP("Tokenscope::OAuthErrorExplanation",
                           "The provider wants its nonce in the DPoP proof: send the request "
                           "again with the DPoP-Nonce it returned (RFC 9449 §8).")},
        {QStringLiteral("invalid_dpop_proof"),
         QT_TRANSLATE_NOOP("Tokenscope::OAuthErrorExplanation",
                           "The DPoP proof was refused: wrong htm/htu, an old iat, a reused "
                           "jti, a missing ath, or a key other than the token is bound to.")},
        {QStringLiteral("invalid_target"),
         QT_TRANSLATE_NOOP("Tokenscope::OAuthErrorExplanation",
                           "The resource or audience requested is unknown to the provider or "
                           "not allowed for this client (RFC 8707, RFC 8693).")},
        {QStringLiteral("unsupported_token_type"),
         QT_TRANSLATE_NOOP("Tokenscope::OAuthErrorExplanation",
                           "The provider cannot revoke or exchange this type of token.")},
        {QStringLiteral("invalid_redirect_uri"),
         QT_TRANSLATE_NOOP("Tokenscope::OAuthErrorExplanation",
                           "A redirect URI in the registration is not acceptable (scheme, "
                           "host or fragment).")},
        {QStringLiteral("invalid_client_metadata"),
         QT_TRANSLATE_NOOP("Tokenscope::OAuthErrorExplanation",
                           "A value in the client registration is not acceptable to the "
                           "provider; its description usually names the field.")},
        {QStringLiteral("unknown_user_id"),
         QT_TRANSLATE_NOOP("Tokenscope::OAuthErrorExplanation",
                           "CIBA: the login hint names no user the provider knows.")},
        {QStringLiteral("expired_login_hint_token"),
         QT_TRANSLATE_NOOP("Tokenscope::OAuthErrorExplanation",
                           "CIBA: the login_hint_token has expired.")},
        {QStringLiteral("invalid_binding_message"),
         QT_TRANSLATE_NOOP("Tokenscope::OAuthErrorExplanation",
                           "CIBA: the binding_message is too long or has characters the "
                           "provider refuses.")},
        {QStringLiteral("transaction_failed"),
         QT_TRANSLATE_NOOP("Tokenscope::OAuthErrorExplanation",
                           "CIBA: the provider could not complete the authentication on the "
                           "user's device.")},
    };
    const auto it = texts.constFind(error);
    return it == texts.cend() ? QString() : tr(it.value());
}

} // namespace Tokenscope
