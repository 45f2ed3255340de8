#include "SandboxProvider.h"

#include "SandboxKeys.h"
#include "authcode/Pkce.h"
#include "common/Clock.h"
#include "common/RandomSource.h"
#include "jose/Base64Url.h"
#include "jose/IdTokenValidator.h"
#include "redirect/RedirectMatcher.h"

#include <QJsonArray>
#include <QJsonDocument>

#include <openssl/crypto.h>

namespace Tokenscope::Sandbox {

namespace {

using Form = QHash<QString, QString>;

const QStringList supportedScopes{QStringLiteral("openid"), QStringLiteral("profile"),
                                  QStringLiteral("email"), QStringLiteral("offline_access"),
                                  QStringLiteral("api")};

// Parses application/x-www-form-urlencoded; false when a parameter is repeated (RFC 6749
// §3.1, §3.2: parameters must not be included more than once).
bool parseForm(const QByteArray &encoded, Form *form)
{
    form->clear();
    const auto pairs = Redirect::RedirectMatcher::decodeForm(encoded);
    for (const auto &pair : pairs) {
        if (form->contains(pair.first))
            return false;
        form->insert(pair.first, pair.second);
    }
    return true;
}

QByteArray encodeForm(const QList<QPair<QString, QString>> &parameters)
{
    QByteArray out;
    for (const auto &p : parameters) {
        if (!out.isEmpty())
            out += '&';
        out += QUrl::toPercentEncoding(p.first) + '=' + QUrl::toPercentEncoding(p.second);
    }
    return out;
}

HttpResponse json(int status, const QJsonObject &object)
{
    HttpResponse response;
    response.status = status;
    response.setHeader("Content-Type", "application/json; charset=utf-8");
    response.body = QJsonDocument(object).toJson(QJsonDocument::Compact);
    return response;
}

HttpResponse oauthError(int status, const QString &error, const QString &description)
{
    HttpResponse response =
        json(status, QJsonObject{{QStringLiteral("error"), error},
                                 {QStringLiteral("error_description"), description}});
    response.setHeader("Pragma", "no-cache");
    return response;
}

bool isFormRequest(const HttpRequest &request)
{
    const QByteArray type = request.header("content-type").split(';').first().trimmed().toLower();
    return type == "application/x-www-form-urlencoded";
}

QString escape(const QString &text)
{
    return text.toHtmlEscaped().replace(QLatin1Char('\''), QLatin1String("&#39;"));
}

bool constantTimeEquals(const QByteArray &a, const QByteArray &b)
{
    return a.size() == b.size() &&
           CRYPTO_memcmp(a.constData(), b.constData(), size_t(a.size())) == 0;
}

QJsonArray toArray(const QStringList &list)
{
    return QJsonArray::fromStringList(list);
}

} // namespace

SandboxProvider::SandboxProvider(const Clock &clock, RandomSource &random, const SandboxKeys &keys)
    : m_clock(clock)
    , m_random(random)
    , m_keys(keys)
    , m_issuer(QStringLiteral("http://127.0.0.1"))
{}

bool SandboxProvider::redirectUriMatches(const SandboxClient &client, const QUrl &candidate)
{
    if (!candidate.isValid() || candidate.hasFragment() || candidate.isRelative())
        return false;
    for (const QUrl &registered : client.redirectUris) {
        const bool loopbackAnyPort =
            registered.port() == -1 &&
            Redirect::RedirectMatcher::isLoopbackLiteral(registered.host()) &&
            registered.scheme() == QLatin1String("http");
        if (loopbackAnyPort) {
            QUrl portless = candidate;
            portless.setPort(-1);
            if (portless == registered)
                return true;
            continue;
        }
        if (candidate == registered)
            return true;
    }
    return false;
}

bool SandboxProvider::verifyPkce(const QByteArray &verifier, const QByteArray &challenge,
                                 const QString &method)
{
    if (!AuthCode::Pkce::verifierProblem(verifier).isEmpty())
        return false;
    AuthCode::Pkce::Method m = AuthCode::Pkce::Method::Plain;
    if (method == QLatin1String("S256"))
        m = AuthCode::Pkce::Method::S256;
    else if (method != QLatin1String("plain"))
        return false;
    return constantTimeEquals(AuthCode::Pkce::challenge(verifier, m), challenge);
}

QString SandboxProvider::newId(int bytes)
{
    const QByteArray random = m_random.bytes(bytes);
    if (random.size() != bytes)
        qFatal("sandbox: the random source failed"); // never hand out weak identifiers
    return QString::fromLatin1(Jose::Base64Url::encode(random));
}

void SandboxProvider::purge()
{
    const QDateTime now = m_clock.now();
    for (auto it = m_interactions.begin(); it != m_interactions.end();) {
        if (it->created.secsTo(now) > interactionLifetime)
            it = m_interactions.erase(it);
        else
            ++it;
    }
    for (auto it = m_codes.begin(); it != m_codes.end();) {
        // Used codes are kept a while longer so that a replay is recognised.
        if (it->expires.secsTo(now) > interactionLifetime)
            it = m_codes.erase(it);
        else
            ++it;
    }
    for (auto it = m_tokens.begin(); it != m_tokens.end();) {
        if (it->expires < now)
            it = m_tokens.erase(it);
        else
            ++it;
    }
}

HttpResponse SandboxProvider::handle(const HttpRequest &request)
{
    purge();
    const QString &path = request.path;
    const bool get = request.method == "GET" || request.method == "HEAD";
    const bool post = request.method == "POST";
    auto methodNotAllowed = [](const QByteArray &allow) {
        HttpResponse response =
            oauthError(405, QStringLiteral("invalid_request"), tr("method not allowed"));
        response.setHeader("Allow", allow);
        return response;
    };
    if (path == QLatin1String("/.well-known/openid-configuration") ||
        path == QLatin1String("/.well-known/oauth-authorization-server"))
        return get ? discovery() : methodNotAllowed("GET");
    if (path == QLatin1String("/jwks"))
        return get ? json(200, m_keys.jwks()) : methodNotAllowed("GET");
    if (path == QLatin1String("/authorize"))
        return get || post ? authorize(request) : methodNotAllowed("GET, POST");
    if (path == QLatin1String("/login"))
        return post ? login(request) : methodNotAllowed("POST");
    if (path == QLatin1String("/consent"))
        return post ? consent(request) : methodNotAllowed("POST");
    if (path == QLatin1String("/token"))
        return post ? token(request) : methodNotAllowed("POST");
    if (path == QLatin1String("/userinfo"))
        return get || post ? userinfo(request) : methodNotAllowed("GET, POST");
    if (path == QLatin1String("/introspect"))
        return post ? introspect(request) : methodNotAllowed("POST");
    if (path == QLatin1String("/revoke"))
        return post ? revoke(request) : methodNotAllowed("POST");
    return errorPage(404, tr("There is nothing at this address."));
}

QJsonObject SandboxProvider::metadata() const
{
    const QString base = m_issuer;
    return QJsonObject{
        {QStringLiteral("issuer"), base},
        {QStringLiteral("authorization_endpoint"), QString(base + QStringLiteral("/authorize"))},
        {QStringLiteral("token_endpoint"), QString(base + QStringLiteral("/token"))},
        {QStringLiteral("userinfo_endpoint"), QString(base + QStringLiteral("/userinfo"))},
        {QStringLiteral("jwks_uri"), QString(base + QStringLiteral("/jwks"))},
        {QStringLiteral("introspection_endpoint"), QString(base + QStringLiteral("/introspect"))},
        {QStringLiteral("revocation_endpoint"), QString(base + QStringLiteral("/revoke"))},
        {QStringLiteral("scopes_supported"), toArray(supportedScopes)},
        {QStringLiteral("response_types_supported"),
         QJsonArray{QStringLiteral("code"), QStringLiteral("id_token"), QStringLiteral("token"),
                    QStringLiteral("id_token token"), QStringLiteral("code id_token"),
                    QStringLiteral("code token"), QStringLiteral("code id_token token")}},
        {QStringLiteral("response_modes_supported"),
         QJsonArray{QStringLiteral("query"), QStringLiteral("fragment"),
                    QStringLiteral("form_post")}},
        {QStringLiteral("grant_types_supported"),
         QJsonArray{QStringLiteral("authorization_code"), QStringLiteral("implicit"),
                    QStringLiteral("refresh_token"), QStringLiteral("client_credentials")}},
        {QStringLiteral("subject_types_supported"), QJsonArray{QStringLiteral("public")}},
        {QStringLiteral("id_token_signing_alg_values_supported"),
         toArray(SandboxKeys::algorithms())},
        {QStringLiteral("token_endpoint_auth_methods_supported"),
         QJsonArray{QStringLiteral("client_secret_basic"), QStringLiteral("client_secret_post"),
                    QStringLiteral("none")}},
        {QStringLiteral("introspection_endpoint_auth_methods_supported"),
         QJsonArray{QStringLiteral("client_secret_basic"), QStringLiteral("client_secret_post")}},
        {QStringLiteral("revocation_endpoint_auth_methods_supported"),
         QJsonArray{QStringLiteral("client_secret_basic"), QStringLiteral("client_secret_post"),
                    QStringLiteral("none")}},
        {QStringLiteral("code_challenge_methods_supported"),
         QJsonArray{QStringLiteral("S256"), QStringLiteral("plain")}},
        {QStringLiteral("claims_supported"),
         QJsonArray{QStringLiteral("sub"), QStringLiteral("iss"), QStringLiteral("aud"),
                    QStringLiteral("exp"), QStringLiteral("iat"), QStringLiteral("auth_time"),
                    QStringLiteral("nonce"), QStringLiteral("sid"), QStringLiteral("name"),
                    QStringLiteral("given_name"), QStringLiteral("family_name"),
                    QStringLiteral("preferred_username"), QStringLiteral("locale"),
                    QStringLiteral("zoneinfo"), QStringLiteral("updated_at"),
                    QStringLiteral("email"), QStringLiteral("email_verified")}},
        {QStringLiteral("authorization_response_iss_parameter_supported"), true},
        {QStringLiteral("claims_parameter_supported"), false},
        {QStringLiteral("request_parameter_supported"), false},
        {QStringLiteral("request_uri_parameter_supported"), false},
    };
}

HttpResponse SandboxProvider::discovery() const
{
    return json(200, metadata());
}

// ---- pages ----------------------------------------------------------------------------

HttpResponse SandboxProvider::page(int status, const QString &title, const QString &body) const
{
    HttpResponse response;
    response.status = status;
    response.setHeader("Content-Type", "text/html; charset=utf-8");
    response.setHeader("Content-Security-Policy",
                       "default-src 'none'; style-src 'unsafe-inline'; script-src "
                       "'unsafe-inline'; form-action *; frame-ancestors 'none'");
    response.setHeader("X-Frame-Options", "DENY");
    response.setHeader("Referrer-Policy", "no-referrer");
    const QString html = QStringLiteral("<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\">"
                                        "<title>") +
                         escape(title) +
                         QStringLiteral("</title><style>body{font-family:sans-serif;"
                                        "max-width:36em;margin:2em auto}</style></head>"
                                        "<body><h1>") +
                         escape(title) + QStringLiteral("</h1>\n") + body +
                         QStringLiteral("\n</body></html>\n");
    response.body = html.toUtf8();
    return response;
}

HttpResponse SandboxProvider::errorPage(int status, const QString &message) const
{
    return page(status, tr("Tokenscope sandbox: error"),
                QStringLiteral("<p>") + escape(message) + QStringLiteral("</p>"));
}

HttpResponse SandboxProvider::loginPage(const QString &interactionId, const QString &problem) const
{
    const QString hidden = QStringLiteral("<input type=\"hidden\" name=\"interaction\" value=\"") +
                           escape(interactionId) + QStringLiteral("\">");
    QString body;
    if (!problem.isEmpty())
        body += QStringLiteral("<p role=\"alert\">") + escape(problem) + QStringLiteral("</p>");
    body += QStringLiteral("<form method=\"post\" action=\"/login\">") + hidden +
            QStringLiteral("<label>") + escape(tr("Test user name:")) +
            QStringLiteral(" <input type=\"text\" name=\"login\" autofocus></label> "
                           "<button type=\"submit\">") +
            escape(tr("Sign in")) + QStringLiteral("</button></form>\n<p>") +
            escape(tr("Or pick a test user:")) + QStringLiteral("</p>\n");
    for (const SandboxUser &user : m_directory.users()) {
        body += QStringLiteral("<form method=\"post\" action=\"/login\">") + hidden +
                QStringLiteral("<button type=\"submit\" name=\"login\" value=\"") +
                escape(user.sub) + QStringLiteral("\">") + escape(user.displayName()) +
                QStringLiteral(" (") + escape(user.sub) + QStringLiteral(")</button></form>\n");
    }
    return page(200, tr("Sign in to the Tokenscope sandbox"), body);
}

HttpResponse SandboxProvider::consentPage(const QString &interactionId) const
{
    const Interaction &interaction = m_interactions[interactionId];
    const QString hidden = QStringLiteral("<input type=\"hidden\" name=\"interaction\" value=\"") +
                           escape(interactionId) + QStringLiteral("\">");
    QString body =
        QStringLiteral("<p>") +
        escape(
            tr("Signed in as %1. The application %2 asks for:")
                .arg(interaction.userClaims.value(QLatin1String("name")).toString(interaction.sub),
                     interaction.clientId)) +
        QStringLiteral("</p>\n<ul>");
    for (const QString &scope : interaction.scopes)
        body += QStringLiteral("<li>") + escape(scope) + QStringLiteral("</li>");
    if (interaction.scopes.isEmpty())
        body += QStringLiteral("<li>") + escape(tr("(no scopes)")) + QStringLiteral("</li>");
    body += QStringLiteral("</ul>\n<form method=\"post\" action=\"/consent\">") + hidden +
            QStringLiteral("<input type=\"hidden\" name=\"decision\" value=\"allow\">"
                           "<button type=\"submit\">") +
            escape(tr("Allow")) +
            QStringLiteral("</button></form>\n<form method=\"post\" action=\"/consent\">") +
            hidden +
            QStringLiteral("<input type=\"hidden\" name=\"decision\" value=\"deny\">"
                           "<button type=\"submit\">") +
            escape(tr("Deny")) + QStringLiteral("</button></form>");
    return page(200, tr("Allow access?"), body);
}

// ---- authorization endpoint -------------------------------------------------------------

HttpResponse
SandboxProvider::redirectResponse(const Interaction &interaction,
                                  const QList<QPair<QString, QString>> &parameters) const
{
    QList<QPair<QString, QString>> all = parameters;
    if (!interaction.state.isEmpty())
        all.append({QStringLiteral("state"), interaction.state});
    all.append({QStringLiteral("iss"), m_issuer}); // RFC 9207
    if (interaction.responseMode == QLatin1String("form_post")) {
        QString fields;
        for (const auto &p : all)
            fields += QStringLiteral("<input type=\"hidden\" name=\"") + escape(p.first) +
                      QStringLiteral("\" value=\"") + escape(p.second) + QStringLiteral("\">");
        HttpResponse response =
            page(200, tr("Returning to the application"),
                 QStringLiteral("<form method=\"post\" action=\"") +
                     escape(interaction.redirectUri) + QStringLiteral("\">") + fields +
                     QStringLiteral("<noscript><button type=\"submit\">") + escape(tr("Continue")) +
                     QStringLiteral("</button></noscript></form>"
                                    "<script>document.forms[0].submit()</script>"));
        return response;
    }
    QByteArray location = interaction.redirectUri.toUtf8();
    if (interaction.responseMode == QLatin1String("fragment"))
        location += '#' + encodeForm(all);
    else
        location += (location.contains('?') ? '&' : '?') + encodeForm(all);
    HttpResponse response;
    response.status = 302;
    response.setHeader("Location", location);
    return response;
}

HttpResponse SandboxProvider::redirectError(const Interaction &interaction, const QString &error,
                                            const QString &description) const
{
    return redirectResponse(interaction, {{QStringLiteral("error"), error},
                                          {QStringLiteral("error_description"), description}});
}

HttpResponse SandboxProvider::authorize(const HttpRequest &request)
{
    Form form;
    const QByteArray encoded = request.method == "POST" ? request.body : request.query;
    if (request.method == "POST" && !isFormRequest(request))
        return errorPage(400, tr("The authorization request must be a form post."));
    const bool unique = parseForm(encoded, &form);
    const SandboxClient *client = m_directory.client(form.value(QStringLiteral("client_id")));
    if (!client)
        return errorPage(400, tr("Unknown client_id: the sandbox knows no such client."));
    const QString redirectUri = form.value(QStringLiteral("redirect_uri"));
    if (redirectUri.isEmpty() || !redirectUriMatches(*client, QUrl(redirectUri, QUrl::StrictMode)))
        return errorPage(400, tr("The redirect_uri is missing or not registered for this client."));

    Interaction interaction;
    interaction.clientId = client->id;
    interaction.redirectUri = redirectUri;
    interaction.state = form.value(QStringLiteral("state"));
    interaction.created = m_clock.now();
    const QString responseType =
        SandboxDirectory::normalizeResponseType(form.value(QStringLiteral("response_type")));
    interaction.responseMode = responseType == QLatin1String("code") || responseType.isEmpty()
                                   ? QStringLiteral("query")
                                   : QStringLiteral("fragment");
    const QString mode = form.value(QStringLiteral("response_mode"));
    const bool modeKnown = mode.isEmpty() || mode == QLatin1String("query") ||
                           mode == QLatin1String("fragment") || mode == QLatin1String("form_post");
    if (modeKnown && !mode.isEmpty())
        interaction.responseMode = mode;

    if (!unique)
        return redirectError(interaction, QStringLiteral("invalid_request"),
                             tr("a parameter was repeated"));
    if (!modeKnown)
        return redirectError(interaction, QStringLiteral("invalid_request"),
                             tr("unsupported response_mode"));
    if (responseType.isEmpty())
        return redirectError(interaction, QStringLiteral("unsupported_response_type"),
                             tr("unsupported or missing response_type"));
    interaction.responseType = responseType;
    if (!client->responseTypes.contains(responseType))
        return redirectError(interaction, QStringLiteral("unauthorized_client"),
                             tr("this client may not use this response_type"));
    if (responseType != QLatin1String("code") && interaction.responseMode == QLatin1String("query"))
        return redirectError(interaction, QStringLiteral("invalid_request"),
                             tr("tokens must not be returned in the query (response_mode)"));
    interaction.scopes =
        form.value(QStringLiteral("scope")).split(QLatin1Char(' '), Qt::SkipEmptyParts);
    interaction.scopes.removeDuplicates();
    for (const QString &scope : interaction.scopes)
        if (!supportedScopes.contains(scope))
            return redirectError(interaction, QStringLiteral("invalid_scope"),
                                 tr("unknown scope: %1").arg(scope));
    const bool openid = interaction.scopes.contains(QLatin1String("openid"));
    if (responseType.contains(QLatin1String("id_token")) && !openid)
        return redirectError(interaction, QStringLiteral("invalid_request"),
                             tr("an id_token response type requires the openid scope"));
    interaction.nonce = form.value(QStringLiteral("nonce"));
    if (responseType.contains(QLatin1String("id_token")) && interaction.nonce.isEmpty())
        return redirectError(interaction, QStringLiteral("invalid_request"),
                             tr("nonce is required when an ID token comes from this endpoint"));
    interaction.challenge = form.value(QStringLiteral("code_challenge")).toUtf8();
    interaction.challengeMethod = form.value(QStringLiteral("code_challenge_method"));
    if (!interaction.challenge.isEmpty()) {
        if (interaction.challengeMethod.isEmpty())
            interaction.challengeMethod = QStringLiteral("plain"); // RFC 7636 §4.3
        if (interaction.challengeMethod != QLatin1String("S256") &&
            interaction.challengeMethod != QLatin1String("plain"))
            return redirectError(interaction, QStringLiteral("invalid_request"),
                                 tr("code_challenge_method must be S256 or plain"));
        if (!AuthCode::Pkce::verifierProblem(interaction.challenge).isEmpty())
            return redirectError(interaction, QStringLiteral("invalid_request"),
                                 tr("code_challenge must be 43 to 128 unreserved characters"));
    } else if (!interaction.challengeMethod.isEmpty()) {
        return redirectError(interaction, QStringLiteral("invalid_request"),
                             tr("code_challenge_method without code_challenge"));
    } else if (client->isPublic() && responseType.contains(QLatin1String("code"))) {
        return redirectError(interaction, QStringLiteral("invalid_request"),
                             tr("PKCE is required for public clients (code_challenge)"));
    }
    if (m_interactions.size() >= maxInteractions)
        return errorPage(503, tr("Too many sign-ins in progress; try again later."));
    const QString id = newId();
    m_interactions.insert(id, interaction);
    return loginPage(id);
}

HttpResponse SandboxProvider::login(const HttpRequest &request)
{
    Form form;
    if (!isFormRequest(request) || !parseForm(request.body, &form))
        return errorPage(400, tr("The sign-in form was not understood."));
    const QString id = form.value(QStringLiteral("interaction"));
    auto it = m_interactions.find(id);
    if (id.isEmpty() || it == m_interactions.end())
        return errorPage(400, tr("This sign-in has expired or is unknown; start again."));
    bool ok = false;
    const SandboxUser user = m_directory.user(form.value(QStringLiteral("login")), &ok);
    if (!ok)
        return loginPage(id, tr("Type a name of 1 to 64 characters, or pick a test user."));
    it->sub = user.sub;
    it->userClaims = user.claims;
    it->authTime = m_clock.now();
    return consentPage(id);
}

HttpResponse SandboxProvider::consent(const HttpRequest &request)
{
    Form form;
    if (!isFormRequest(request) || !parseForm(request.body, &form))
        return errorPage(400, tr("The consent form was not understood."));
    const QString id = form.value(QStringLiteral("interaction"));
    const auto it = m_interactions.constFind(id);
    if (id.isEmpty() || it == m_interactions.constEnd() || it->sub.isEmpty())
        return errorPage(400, tr("This sign-in has expired or is unknown; start again."));
    const Interaction interaction = *it;
    m_interactions.remove(id); // single use
    if (form.value(QStringLiteral("decision")) != QLatin1String("allow"))
        return redirectError(interaction, QStringLiteral("access_denied"),
                             tr("the user denied the request"));
    const SandboxClient *client = m_directory.client(interaction.clientId);
    if (!client)
        return errorPage(400, tr("Unknown client_id: the sandbox knows no such client."));

    const QString grantId = newId();
    Grant grant;
    grant.clientId = interaction.clientId;
    grant.sub = interaction.sub;
    grant.userClaims = interaction.userClaims;
    grant.scopes = interaction.scopes;
    grant.authTime = interaction.authTime;
    grant.sid = newId(16);
    grant.nonce = interaction.nonce;
    m_grants.insert(grantId, grant);

    QList<QPair<QString, QString>> parameters;
    const QStringList types = interaction.responseType.split(QLatin1Char(' '));
    QString code;
    QString accessToken;
    if (types.contains(QLatin1String("code"))) {
        code = newId();
        Code entry;
        entry.grantId = grantId;
        entry.clientId = interaction.clientId;
        entry.redirectUri = interaction.redirectUri;
        entry.challenge = interaction.challenge;
        entry.challengeMethod = interaction.challengeMethod;
        entry.expires = m_clock.now().addSecs(codeLifetime);
        m_codes.insert(code, entry);
        parameters.append({QStringLiteral("code"), code});
    }
    if (types.contains(QLatin1String("token"))) {
        accessToken = issueAccessToken(grantId, grant.clientId, grant.sub, grant.scopes);
        parameters.append({QStringLiteral("access_token"), accessToken});
        parameters.append({QStringLiteral("token_type"), QStringLiteral("Bearer")});
        parameters.append({QStringLiteral("expires_in"), QString::number(accessTokenLifetime)});
        parameters.append({QStringLiteral("scope"), grant.scopes.join(QLatin1Char(' '))});
    }
    if (types.contains(QLatin1String("id_token"))) {
        const QByteArray idt =
            idToken(*client, grant, grant.nonce, accessToken, code,
                    types.contains(QLatin1String("code")) ? interaction.state : QString());
        parameters.append({QStringLiteral("id_token"), QString::fromLatin1(idt)});
    }
    return redirectResponse(interaction, parameters);
}

// ---- tokens ----------------------------------------------------------------------------

QString SandboxProvider::issueAccessToken(const QString &grantId, const QString &clientId,
                                          const QString &sub, const QStringList &scopes)
{
    const QString value = newId();
    Token token;
    token.grantId = grantId;
    token.clientId = clientId;
    token.sub = sub;
    token.scopes = scopes;
    token.issued = m_clock.now();
    token.expires = token.issued.addSecs(accessTokenLifetime);
    m_tokens.insert(value, token);
    return value;
}

QString SandboxProvider::issueRefreshToken(const QString &grantId, const QString &clientId,
                                           const QStringList &scopes)
{
    const QString value = newId();
    Token token;
    token.grantId = grantId;
    token.clientId = clientId;
    token.sub = m_grants.value(grantId).sub;
    token.scopes = scopes;
    token.issued = m_clock.now();
    token.expires = token.issued.addSecs(refreshTokenLifetime);
    token.refresh = true;
    m_tokens.insert(value, token);
    return value;
}

QJsonObject SandboxProvider::userClaims(const QJsonObject &claims, const QStringList &scopes) const
{
    QJsonObject out;
    static const QStringList profile{
        QStringLiteral("name"),        QStringLiteral("given_name"),
        QStringLiteral("family_name"), QStringLiteral("preferred_username"),
        QStringLiteral("locale"),      QStringLiteral("zoneinfo"),
        QStringLiteral("updated_at")};
    static const QStringList email{QStringLiteral("email"), QStringLiteral("email_verified")};
    for (auto it = claims.begin(); it != claims.end(); ++it) {
        if ((scopes.contains(QLatin1String("profile")) && profile.contains(it.key())) ||
            (scopes.contains(QLatin1String("email")) && email.contains(it.key())))
            out.insert(it.key(), it.value());
    }
    return out;
}

QByteArray SandboxProvider::idToken(const SandboxClient &client, const Grant &grant,
                                    const QString &nonce, const QString &accessToken,
                                    const QString &code, const QString &state) const
{
    const QString alg = m_keys.has(client.idTokenAlg) ? client.idTokenAlg : QStringLiteral("RS256");
    const qint64 now = m_clock.now().toSecsSinceEpoch();
    QJsonObject claims = userClaims(grant.userClaims, grant.scopes);
    claims.insert(QStringLiteral("iss"), m_issuer);
    claims.insert(QStringLiteral("sub"), grant.sub);
    claims.insert(QStringLiteral("aud"), client.id);
    claims.insert(QStringLiteral("iat"), now);
    claims.insert(QStringLiteral("exp"), now + accessTokenLifetime);
    claims.insert(QStringLiteral("auth_time"), grant.authTime.toSecsSinceEpoch());
    claims.insert(QStringLiteral("sid"), grant.sid);
    if (!nonce.isEmpty())
        claims.insert(QStringLiteral("nonce"), nonce);
    if (!accessToken.isEmpty())
        claims.insert(QStringLiteral("at_hash"),
                      Jose::IdTokenValidator::leftHalfHash(accessToken.toLatin1(), alg));
    if (!code.isEmpty())
        claims.insert(QStringLiteral("c_hash"),
                      Jose::IdTokenValidator::leftHalfHash(code.toLatin1(), alg));
    if (!state.isEmpty())
        claims.insert(QStringLiteral("s_hash"),
                      Jose::IdTokenValidator::leftHalfHash(state.toUtf8(), alg));
    return m_keys.sign(alg, QJsonDocument(claims).toJson(QJsonDocument::Compact));
}

void SandboxProvider::revokeGrant(const QString &grantId)
{
    if (grantId.isEmpty())
        return;
    auto grant = m_grants.find(grantId);
    if (grant != m_grants.end())
        grant->revoked = true;
    for (Token &token : m_tokens)
        if (token.grantId == grantId)
            token.revoked = true;
}

const SandboxProvider::Token *SandboxProvider::activeToken(const QString &value) const
{
    const auto it = m_tokens.constFind(value);
    if (value.isEmpty() || it == m_tokens.constEnd() || it->revoked || it->rotated ||
        it->expires <= m_clock.now())
        return nullptr;
    if (!it->grantId.isEmpty() && m_grants.value(it->grantId).revoked)
        return nullptr;
    return &*it;
}

const SandboxClient *SandboxProvider::authenticate(const HttpRequest &request, const Form &form,
                                                   HttpResponse *failure, bool allowPublic)
{
    auto invalidClient = [failure](const QString &description, bool basic) {
        *failure = oauthError(401, QStringLiteral("invalid_client"), description);
        failure->setHeader("WWW-Authenticate",
                           basic ? "Basic realm=\"tokenscope-sandbox\", error=\"invalid_client\""
                                 : "Basic realm=\"tokenscope-sandbox\"");
        return nullptr;
    };
    const QByteArray authorization = request.header("authorization");
    const bool basic = authorization.size() > 6 &&
                       authorization.left(6).compare("Basic ", Qt::CaseInsensitive) == 0;
    const bool post = form.contains(QStringLiteral("client_secret"));
    if (basic && post)
        return invalidClient(tr("use one client authentication method, not two"), true);
    if (request.headerCount("authorization") > 1)
        return invalidClient(tr("more than one Authorization header"), true);
    QString clientId = form.value(QStringLiteral("client_id"));
    QByteArray secret;
    QString method;
    if (basic) {
        const auto decoded = QByteArray::fromBase64Encoding(
            authorization.mid(6).trimmed(), QByteArray::AbortOnBase64DecodingErrors);
        const qsizetype colon = decoded.decoded.indexOf(':');
        if (!decoded || colon < 0)
            return invalidClient(tr("the Basic credentials are malformed"), true);
        // RFC 6749 §2.3.1: both parts are form-urlencoded before base64.
        const QString basicId =
            QUrl::fromPercentEncoding(decoded.decoded.left(colon).replace('+', ' '));
        if (!clientId.isEmpty() && clientId != basicId)
            return invalidClient(tr("client_id differs from the Basic credentials"), true);
        clientId = basicId;
        secret =
            QUrl::fromPercentEncoding(decoded.decoded.mid(colon + 1).replace('+', ' ')).toUtf8();
        method = QStringLiteral("client_secret_basic");
    } else if (post) {
        secret = form.value(QStringLiteral("client_secret")).toUtf8();
        method = QStringLiteral("client_secret_post");
    } else {
        method = QStringLiteral("none");
    }
    const SandboxClient *client = m_directory.client(clientId);
    if (!client)
        return invalidClient(tr("unknown client"), basic);
    if (client->authMethod != method)
        return invalidClient(tr("this client authenticates with %1").arg(client->authMethod),
                             basic);
    if (client->isPublic()) {
        if (!allowPublic)
            return invalidClient(tr("a public client may not use this endpoint"), basic);
        return client;
    }
    if (!constantTimeEquals(secret, client->secret))
        return invalidClient(tr("wrong client secret"), basic);
    return client;
}

HttpResponse SandboxProvider::token(const HttpRequest &request)
{
    Form form;
    if (!isFormRequest(request))
        return oauthError(400, QStringLiteral("invalid_request"),
                          tr("the body must be application/x-www-form-urlencoded"));
    if (!parseForm(request.body, &form))
        return oauthError(400, QStringLiteral("invalid_request"), tr("a parameter was repeated"));
    HttpResponse failure;
    const SandboxClient *client = authenticate(request, form, &failure, true);
    if (!client)
        return failure;
    const QString grantType = form.value(QStringLiteral("grant_type"));
    if (grantType.isEmpty())
        return oauthError(400, QStringLiteral("invalid_request"), tr("grant_type is missing"));
    if (grantType != QLatin1String("authorization_code") &&
        grantType != QLatin1String("refresh_token") &&
        grantType != QLatin1String("client_credentials"))
        return oauthError(400, QStringLiteral("unsupported_grant_type"),
                          tr("the sandbox does not support this grant_type"));
    if (!client->grantTypes.contains(grantType))
        return oauthError(400, QStringLiteral("unauthorized_client"),
                          tr("this client may not use this grant_type"));
    if (grantType == QLatin1String("authorization_code"))
        return tokenFromCode(*client, form);
    if (grantType == QLatin1String("refresh_token"))
        return tokenFromRefresh(*client, form);
    return tokenForClient(*client, form);
}

HttpResponse SandboxProvider::tokenFromCode(const SandboxClient &client, const Form &form)
{
    const QString value = form.value(QStringLiteral("code"));
    auto invalidGrant = [](const QString &description) {
        return oauthError(400, QStringLiteral("invalid_grant"), description);
    };
    auto it = m_codes.find(value);
    if (value.isEmpty() || it == m_codes.end())
        return invalidGrant(tr("unknown or expired code"));
    if (it->used) {
        // RFC 6749 §4.1.2: a code used twice revokes what was issued with it.
        revokeGrant(it->grantId);
        return invalidGrant(tr("this code was used already; its tokens are revoked"));
    }
    if (it->clientId != client.id)
        return invalidGrant(tr("the code was issued to another client"));
    if (it->expires <= m_clock.now())
        return invalidGrant(tr("the code has expired"));
    if (form.value(QStringLiteral("redirect_uri")) != it->redirectUri)
        return invalidGrant(tr("redirect_uri differs from the authorization request"));
    const QByteArray verifier = form.value(QStringLiteral("code_verifier")).toUtf8();
    if (!it->challenge.isEmpty()) {
        if (verifier.isEmpty())
            return invalidGrant(tr("code_verifier is required"));
        if (!verifyPkce(verifier, it->challenge, it->challengeMethod))
            return invalidGrant(tr("code_verifier does not match the code_challenge"));
    } else if (!verifier.isEmpty()) {
        return invalidGrant(tr("code_verifier sent but no code_challenge was"));
    }
    it->used = true;
    const QString grantId = it->grantId;
    const Grant grant = m_grants.value(grantId);
    if (grant.revoked)
        return invalidGrant(tr("the grant was revoked"));
    const QString accessToken = issueAccessToken(grantId, client.id, grant.sub, grant.scopes);
    QJsonObject out{{QStringLiteral("access_token"), accessToken},
                    {QStringLiteral("token_type"), QStringLiteral("Bearer")},
                    {QStringLiteral("expires_in"), accessTokenLifetime},
                    {QStringLiteral("scope"), grant.scopes.join(QLatin1Char(' '))}};
    if (client.grantTypes.contains(QLatin1String("refresh_token")))
        out.insert(QStringLiteral("refresh_token"),
                   issueRefreshToken(grantId, client.id, grant.scopes));
    if (grant.scopes.contains(QLatin1String("openid")))
        out.insert(QStringLiteral("id_token"),
                   QString::fromLatin1(idToken(client, grant, grant.nonce, accessToken, {}, {})));
    HttpResponse response = json(200, out);
    response.setHeader("Pragma", "no-cache");
    return response;
}

HttpResponse SandboxProvider::tokenFromRefresh(const SandboxClient &client, const Form &form)
{
    const QString value = form.value(QStringLiteral("refresh_token"));
    auto it = m_tokens.find(value);
    if (value.isEmpty() || it == m_tokens.end() || !it->refresh)
        return oauthError(400, QStringLiteral("invalid_grant"), tr("unknown refresh token"));
    if (it->clientId != client.id)
        return oauthError(400, QStringLiteral("invalid_grant"),
                          tr("the refresh token was issued to another client"));
    if (it->rotated) {
        // Reuse of a rotated refresh token: someone else may hold it. Revoke the grant.
        revokeGrant(it->grantId);
        return oauthError(400, QStringLiteral("invalid_grant"),
                          tr("refresh token reused; the grant is revoked"));
    }
    if (it->revoked || it->expires <= m_clock.now() || m_grants.value(it->grantId).revoked)
        return oauthError(400, QStringLiteral("invalid_grant"),
                          tr("the refresh token is revoked or expired"));
    QStringList scopes = it->scopes;
    if (form.contains(QStringLiteral("scope"))) {
        const QStringList asked =
            form.value(QStringLiteral("scope")).split(QLatin1Char(' '), Qt::SkipEmptyParts);
        for (const QString &scope : asked)
            if (!scopes.contains(scope))
                return oauthError(400, QStringLiteral("invalid_scope"),
                                  tr("a refresh may not widen the scope"));
        scopes = asked;
    }
    it->rotated = true;
    const QString grantId = it->grantId;
    const Grant grant = m_grants.value(grantId);
    const QString accessToken = issueAccessToken(grantId, client.id, grant.sub, scopes);
    QJsonObject out{
        {QStringLiteral("access_token"), accessToken},
        {QStringLiteral("token_type"), QStringLiteral("Bearer")},
        {QStringLiteral("expires_in"), accessTokenLifetime},
        {QStringLiteral("scope"), scopes.join(QLatin1Char(' '))},
        {QStringLiteral("refresh_token"), issueRefreshToken(grantId, client.id, it->scopes)}};
    if (scopes.contains(QLatin1String("openid"))) {
        Grant narrowed = grant;
        narrowed.scopes = scopes;
        out.insert(QStringLiteral("id_token"),
                   QString::fromLatin1(idToken(client, narrowed, {}, accessToken, {}, {})));
    }
    HttpResponse response = json(200, out);
    response.setHeader("Pragma", "no-cache");
    return response;
}

HttpResponse SandboxProvider::tokenForClient(const SandboxClient &client, const Form &form)
{
    QStringList scopes =
        form.value(QStringLiteral("scope")).split(QLatin1Char(' '), Qt::SkipEmptyParts);
    for (const QString &scope : scopes)
        if (scope != QLatin1String("api"))
            return oauthError(400, QStringLiteral("invalid_scope"),
                              tr("client_credentials may only ask for the api scope"));
    if (scopes.isEmpty())
        scopes = {QStringLiteral("api")};
    const QString accessToken = issueAccessToken({}, client.id, {}, scopes);
    HttpResponse response =
        json(200, QJsonObject{{QStringLiteral("access_token"), accessToken},
                              {QStringLiteral("token_type"), QStringLiteral("Bearer")},
                              {QStringLiteral("expires_in"), accessTokenLifetime},
                              {QStringLiteral("scope"), scopes.join(QLatin1Char(' '))}});
    response.setHeader("Pragma", "no-cache");
    return response;
}

// ---- userinfo, introspection, revocation -------------------------------------------------

HttpResponse SandboxProvider::userinfo(const HttpRequest &request)
{
    const QByteArray authorization = request.header("authorization");
    auto challenge = [](int status, const QByteArray &error, const QString &description) {
        HttpResponse response;
        response.status = status;
        QByteArray value = "Bearer realm=\"tokenscope-sandbox\"";
        if (!error.isEmpty()) {
            QString safe = description;
            safe.remove(QLatin1Char('"')).remove(QLatin1Char('\\'));
            value += ", error=\"" + error + "\", error_description=\"" + safe.toUtf8() + '"';
            response = oauthError(status, QString::fromLatin1(error), description);
        }
        response.setHeader("WWW-Authenticate", value);
        return response;
    };
    if (authorization.isEmpty() || request.headerCount("authorization") != 1)
        return challenge(401, {}, {});
    if (authorization.size() < 8 ||
        authorization.left(7).compare("Bearer ", Qt::CaseInsensitive) != 0)
        return challenge(400, "invalid_request", tr("use a Bearer token"));
    const Token *token = activeToken(QString::fromLatin1(authorization.mid(7).trimmed()));
    if (!token || token->refresh)
        return challenge(401, "invalid_token",
                         tr("the access token is invalid, expired or revoked"));
    if (token->sub.isEmpty() || !token->scopes.contains(QLatin1String("openid")))
        return challenge(403, "insufficient_scope", tr("the openid scope is required"));
    QJsonObject claims = userClaims(m_grants.value(token->grantId).userClaims, token->scopes);
    claims.insert(QStringLiteral("sub"), token->sub);
    return json(200, claims);
}

HttpResponse SandboxProvider::introspect(const HttpRequest &request)
{
    Form form;
    if (!isFormRequest(request) || !parseForm(request.body, &form))
        return oauthError(400, QStringLiteral("invalid_request"),
                          tr("the body must be a form without repeated parameters"));
    HttpResponse failure;
    const SandboxClient *client = authenticate(request, form, &failure, false);
    if (!client)
        return failure;
    const QString value = form.value(QStringLiteral("token"));
    if (value.isEmpty())
        return oauthError(400, QStringLiteral("invalid_request"), tr("token is missing"));
    const Token *token = activeToken(value);
    if (!token)
        return json(200, QJsonObject{{QStringLiteral("active"), false}});
    QJsonObject out{{QStringLiteral("active"), true},
                    {QStringLiteral("scope"), token->scopes.join(QLatin1Char(' '))},
                    {QStringLiteral("client_id"), token->clientId},
                    {QStringLiteral("token_type"),
                     token->refresh ? QStringLiteral("refresh_token") : QStringLiteral("Bearer")},
                    {QStringLiteral("exp"), token->expires.toSecsSinceEpoch()},
                    {QStringLiteral("iat"), token->issued.toSecsSinceEpoch()},
                    {QStringLiteral("iss"), m_issuer},
                    {QStringLiteral("aud"), token->clientId}};
    out.insert(QStringLiteral("sub"), token->sub.isEmpty() ? token->clientId : token->sub);
    return json(200, out);
}

HttpResponse SandboxProvider::revoke(const HttpRequest &request)
{
    Form form;
    if (!isFormRequest(request) || !parseForm(request.body, &form))
        return oauthError(400, QStringLiteral("invalid_request"),
                          tr("the body must be a form without repeated parameters"));
    HttpResponse failure;
    const SandboxClient *client = authenticate(request, form, &failure, true);
    if (!client)
        return failure;
    const QString value = form.value(QStringLiteral("token"));
    if (value.isEmpty())
        return oauthError(400, QStringLiteral("invalid_request"), tr("token is missing"));
    auto it = m_tokens.find(value);
    // RFC 7009 §2.2: an unknown token, or another client's, is answered 200 all the same.
    if (it != m_tokens.end() && it->clientId == client->id) {
        if (it->refresh)
            revokeGrant(it->grantId); // §2.1: revoking a refresh token ends its grant
        else
            it->revoked = true;
    }
    HttpResponse response;
    response.status = 200;
    return response;
}

} // namespace Tokenscope::Sandbox
