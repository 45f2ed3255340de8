#include "TokenResponse.h"

#include "common/JsonReader.h"

namespace Tokenscope::AuthCode {

static Finding warning(const QString &rule, const QString &message, const QString &spec,
                       const QString &expected = {}, const QString &actual = {})
{
    return Finding{rule, Finding::Status::Warn, message, expected, actual, spec};
}

TokenResponse TokenResponse::parse(int httpStatus, const QByteArray &body, bool isJsonMediaType)
{
    TokenResponse response;
    const JsonParseResult json = JsonReader::parse(body);
    if (!json.ok || !json.document.isObject()) {
        response.problem = json.ok
                               ? tr("the token endpoint answered HTTP %1 with JSON that is not "
                                    "an object")
                                     .arg(httpStatus)
                               : tr("the token endpoint answered HTTP %1 without a JSON body (%2)")
                                     .arg(httpStatus)
                                     .arg(json.message);
        return response;
    }
    response.raw = json.document.object();
    const QJsonObject &o = response.raw;
    if (!isJsonMediaType) {
        response.findings.append(warning(QStringLiteral("token_response_content_type"),
                                         tr("The token response is JSON but not labelled "
                                            "application/json"),
                                         QStringLiteral("RFC 6749 §5.1")));
    }
    if (o.contains(QLatin1String("error"))) {
        response.error = OAuthError::fromJson(o);
        if (httpStatus == 200)
            response.findings.append(warning(
                QStringLiteral("error_status"), tr("An error response came with HTTP 200"),
                QStringLiteral("RFC 6749 §5.2"), QStringLiteral("400"), QStringLiteral("200")));
        return response;
    }
    if (httpStatus != 200) {
        response.problem =
            tr("the token endpoint answered HTTP %1 without an OAuth error").arg(httpStatus);
        return response;
    }
    response.accessToken = o.value(QLatin1String("access_token")).toString();
    if (response.accessToken.isEmpty()) {
        response.problem = tr("the token response has no access_token (RFC 6749 §5.1)");
        return response;
    }
    response.tokenType = o.value(QLatin1String("token_type")).toString();
    if (response.tokenType.isEmpty()) {
        response.findings.append(warning(QStringLiteral("token_type_present"),
                                         tr("token_type is missing; Bearer is assumed"),
                                         QStringLiteral("RFC 6749 §5.1")));
        response.tokenType = QStringLiteral("Bearer");
    } else if (response.tokenType != QLatin1String("Bearer") &&
               response.tokenType.compare(QLatin1String("bearer"), Qt::CaseInsensitive) == 0) {
        response.findings.append(
            warning(QStringLiteral("token_type_case"),
                    tr("token_type “%1” read as Bearer (case-insensitive)").arg(response.tokenType),
                    QStringLiteral("RFC 6749 §7.1"), QStringLiteral("Bearer"), response.tokenType));
    }
    const QJsonValue expires = o.value(QLatin1String("expires_in"));
    if (expires.isDouble()) {
        response.expiresIn = qint64(expires.toDouble());
    } else if (expires.isString()) {
        bool isNumber = false;
        response.expiresIn = expires.toString().toLongLong(&isNumber);
        if (!isNumber)
            response.expiresIn = -1;
        response.findings.append(
            warning(QStringLiteral("expires_in_number"), tr("expires_in is a string, not a number"),
                    QStringLiteral("RFC 6749 §5.1"), tr("a JSON number"), expires.toString()));
    }
    response.refreshToken = o.value(QLatin1String("refresh_token")).toString();
    response.idToken = o.value(QLatin1String("id_token")).toString();
    response.scope = o.value(QLatin1String("scope")).toString();
    response.ok = true;
    return response;
}

TokenResponse TokenResponse::fromAuthorizationResponse(const Redirect::RedirectResult &redirect,
                                                       bool tokenExpected, bool idTokenExpected)
{
    TokenResponse response;
    for (const auto &[name, value] : redirect.parameters) {
        if (!response.raw.contains(name))
            response.raw.insert(name, value);
    }
    const QString where = Redirect::RedirectResult::sourceName(redirect.source);
    if (tokenExpected) {
        response.accessToken = redirect.value(QStringLiteral("access_token"));
        if (response.accessToken.isEmpty()) {
            response.problem = tr("the response type has “token” but the authorization response "
                                  "(%1) has no access_token (RFC 6749 §4.2.2)")
                                   .arg(where);
            return response;
        }
        response.tokenType = redirect.value(QStringLiteral("token_type"));
        if (response.tokenType.isEmpty()) {
            response.findings.append(warning(QStringLiteral("token_type_present"),
                                             tr("token_type is missing; Bearer is assumed"),
                                             QStringLiteral("RFC 6749 §4.2.2")));
            response.tokenType = QStringLiteral("Bearer");
        }
        const QString expires = redirect.value(QStringLiteral("expires_in"));
        bool isNumber = false;
        response.expiresIn = expires.toLongLong(&isNumber);
        if (!isNumber) {
            response.expiresIn = -1;
            if (!expires.isEmpty())
                response.findings.append(
                    warning(QStringLiteral("expires_in_number"), tr("expires_in is not a number"),
                            QStringLiteral("RFC 6749 §4.2.2"), tr("a number of seconds"), expires));
        }
        response.scope = redirect.value(QStringLiteral("scope"));
    }
    if (idTokenExpected) {
        response.idToken = redirect.value(QStringLiteral("id_token"));
        if (response.idToken.isEmpty()) {
            response.problem = tr("the response type has “id_token” but the authorization "
                                  "response (%1) has no id_token (OpenID Connect Core §3.2.2.5)")
                                   .arg(where);
            return response;
        }
    }
    if (redirect.source == Redirect::RedirectResult::Source::Query &&
        (tokenExpected || idTokenExpected)) {
        response.findings.append(
            warning(QStringLiteral("tokens_not_in_query"),
                    tr("Tokens came in the query string, where they end up in logs and Referer "
                       "headers; the default for this response type is the fragment"),
                    QStringLiteral("OAuth 2.0 Multiple Response Types §3"),
                    QStringLiteral("fragment"), QStringLiteral("query")));
    }
    response.ok = true;
    return response;
}

} // namespace Tokenscope::AuthCode
