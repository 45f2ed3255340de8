#include "AuthorizationRequest.h"

namespace Tokenscope::AuthCode {

QList<QPair<QString, QString>> AuthorizationRequest::parameters() const
{
    QList<QPair<QString, QString>> list;
    auto add = [&list](const char *name, const QString &value) {
        if (!value.isEmpty())
            list.append({QString::fromLatin1(name), value});
    };
    add("response_type", responseType);
    add("client_id", clientId);
    add("redirect_uri", redirectUri.toString(QUrl::FullyEncoded));
    add("scope", scope);
    add("state", state);
    if (sendNonce && isOpenId())
        add("nonce", nonce);
    if (usesPkce() && !codeVerifier.isEmpty()) {
        add("code_challenge", QString::fromLatin1(Pkce::challenge(codeVerifier, pkceMethod)));
        add("code_challenge_method", Pkce::methodName(pkceMethod));
    }
    add("response_mode", responseMode);
    add("prompt", prompt);
    add("login_hint", loginHint);
    add("max_age", maxAge);
    add("acr_values", acrValues);
    add("claims", claims);
    add("ui_locales", uiLocales);
    add("id_token_hint", idTokenHint);
    list.append(extraParameters);
    return list;
}

static QString encodeComponent(const QString &value)
{
    return QString::fromLatin1(QUrl::toPercentEncoding(value));
}

QUrl AuthorizationRequest::authorizationUrl() const
{
    // Keep any query the endpoint already has (RFC 6749 §3.1), then ours, each
    // percent-encoded exactly once.
    QString query = authorizationEndpoint.query(QUrl::FullyEncoded);
    const auto list = parameters();
    for (const auto &[name, value] : list) {
        if (!query.isEmpty())
            query += QLatin1Char('&');
        query += encodeComponent(name) + QLatin1Char('=') + encodeComponent(value);
    }
    QUrl url = authorizationEndpoint;
    url.setQuery(query, QUrl::StrictMode);
    return url;
}

} // namespace Tokenscope::AuthCode
