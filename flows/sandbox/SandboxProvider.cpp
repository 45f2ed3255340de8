#include "SandboxProvider.h"

#include "SandboxJarm.h"
#include "SandboxKeys.h"
#include "SandboxRequestObject.h"
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
    , m_assertions(clock)
    , m_deferred(clock, random)
    , m_dpop(clock, random)
    , m_par(clock, random)
    , m_foreignKey(Jose::JwsSigner::Key::generate(QStringLiteral("ES256")))
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
    if (path == QLatin1String("/par"))
        return post ? pushedAuthorization(request) : methodNotAllowed("POST");
    if (path == QLatin1String("/sandbox/faults"))
        return get || post ? faultsEndpoint(request) : methodNotAllowed("GET, POST");
    HttpResponse extension;
    if (handleExtension(request, &extension))
        return extension;
    return errorPage(404, tr("There is nothing at this address."));
}

QJsonObject SandboxProvider::metadata() const
{
    const QString base = m_issuer;
    QJsonObject out{
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
    extendMetadata(&out);
    out.insert(QStringLiteral("pushed_authorization_request_endpoint"),
               QString(base + QStringLiteral("/par")));
    out.insert(QStringLiteral("require_pushed_authorization_requests"), false);
    out.insert(QStringLiteral("dpop_signing_alg_values_supported"),
               toArray(SandboxDpop::algorithms()));
    out.insert(QStringLiteral("request_parameter_supported"), true);
    out.insert(QStringLiteral("request_object_signing_alg_values_supported"),
               toArray(SandboxRequestObject::algorithms()));
    out.insert(QStringLiteral("authorization_signing_alg_values_supported"),
               toArray(SandboxKeys::algorithms()));
    QJsonArray modes = out.value(QLatin1String("response_modes_supported")).toArray();
    for (const QString &mode : SandboxJarm::modes())
        modes.append(mode);
    out.insert(QStringLiteral("response_modes_supported"), modes);
    return out;
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
    body += QStringLiteral("<p><small>") +
            escape(tr("For the resource owner password grant, every test user's password is "
                      "\"%1\".")
                       .arg(SandboxDirectory::testPassword())) +
            QStringLiteral("</small></p>\n");
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
    using Fault = SandboxFaults::Fault;
    if (m_faults.isOn(Fault::WrongState))
        all.append(
            {QStringLiteral("state"), QString(interaction.state + QStringLiteral("-forged"))});
    else if (!interaction.state.isEmpty() && !m_faults.isOn(Fault::MissingState))
        all.append({QStringLiteral("state"), interaction.state});
    if (m_faults.isOn(Fault::MixUp))
        all.append({QStringLiteral("iss"), QStringLiteral("https://attacker.example")});
    else if (m_faults.isOn(Fault::WrongIss))
        all.append({QStringLiteral("iss"), QString(m_issuer + QStringLiteral("/other"))});
    else if (!m_faults.isOn(Fault::MissingIss))
        all.append({QStringLiteral("iss"), m_issuer}); // RFC 9207
    QString mode = interaction.responseMode;
    if (SandboxJarm::isJwtMode(mode)) {
        const SandboxClient *client = m_directory.client(interaction.clientId);
        const QByteArray jwt =
            SandboxJarm::sign(m_keys, client ? client->idTokenAlg : QStringLiteral("RS256"),
                              m_issuer, interaction.clientId, m_clock.now(), all);
        all = {{QStringLiteral("response"), QString::fromLatin1(jwt)}};
        mode = SandboxJarm::deliveryMode(mode, interaction.responseType);
    }
    if (mode == QLatin1String("form_post")) {
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
    if (mode == QLatin1String("fragment"))
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
    HttpResponse refused;
    if (!resolveAuthorizationRequest(&form, &refused))
        return refused;
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
                           mode == QLatin1String("fragment") ||
                           mode == QLatin1String("form_post") || SandboxJarm::isJwtMode(mode);
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
    if (responseType != QLatin1String("code") &&
        SandboxJarm::deliveryMode(interaction.responseMode, responseType) == QLatin1String("query"))
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
    return continueAuthorization(request, form, id);
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
    HttpResponse response = consentPage(id);
    startSession(*it, &response);
    return response;
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
    if (!interaction.deviceCode.isEmpty())
        return finishDevice(interaction,
                            form.value(QStringLiteral("decision")) == QLatin1String("allow"));
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
    grant.claimsRequest = interaction.claimsRequest;
    grant.acr = interaction.acr;
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
    token.jkt = m_dpopJkt;
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
    const SandboxClient *client = m_directory.client(clientId);
    if (client && client->isPublic())
        token.jkt = m_dpopJkt; // RFC 9449 §5: a public client's refresh token is bound too
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
    if (!grant.acr.isEmpty())
        claims.insert(QStringLiteral("acr"), grant.acr);
    const QJsonObject requested =
        requestedClaims(grant.userClaims, grant.claimsRequest, QStringLiteral("id_token"));
    for (auto it = requested.begin(); it != requested.end(); ++it)
        claims.insert(it.key(), it.value());
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
    return faultyIdToken(claims, alg);
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
    if (form.contains(QStringLiteral("client_assertion")) ||
        form.contains(QStringLiteral("client_assertion_type"))) {
        if (basic || post)
            return invalidClient(tr("use one client authentication method, not two"), true);
        const SandboxClient *asserted = authenticateAssertion(form, failure, request.path);
        if (asserted && asserted->isPublic() && !allowPublic)
            return invalidClient(tr("a public client may not use this endpoint"), false);
        return asserted;
    }
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

HttpResponse SandboxProvider::tokenGrant(const HttpRequest &request)
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
        grantType != QLatin1String("client_credentials") &&
        !extensionGrantTypes().contains(grantType))
        return oauthError(400, QStringLiteral("unsupported_grant_type"),
                          tr("the sandbox does not support this grant_type"));
    if (!client->grantTypes.contains(grantType))
        return oauthError(400, QStringLiteral("unauthorized_client"),
                          tr("this client may not use this grant_type"));
    if (grantType == QLatin1String("authorization_code"))
        return tokenFromCode(*client, form);
    if (grantType == QLatin1String("refresh_token"))
        return tokenFromRefresh(*client, form);
    if (grantType != QLatin1String("client_credentials"))
        return extensionGrant(*client, grantType, form);
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
    if (it->used && !m_faults.isOn(SandboxFaults::Fault::ReplayedCodeAccepted)) {
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
    if (it->rotated && !m_faults.isOn(SandboxFaults::Fault::RefreshReuseAccepted)) {
        // Reuse of a rotated refresh token: someone else may hold it. Revoke the grant.
        revokeGrant(it->grantId);
        return oauthError(400, QStringLiteral("invalid_grant"),
                          tr("refresh token reused; the grant is revoked"));
    }
    if (it->revoked || it->expires <= m_clock.now() || m_grants.value(it->grantId).revoked)
        return oauthError(400, QStringLiteral("invalid_grant"),
                          tr("the refresh token is revoked or expired"));
    if (!it->jkt.isEmpty() && it->jkt != m_dpopJkt) // RFC 9449 §5: bound to the DPoP key
        return oauthError(400, QStringLiteral("invalid_grant"),
                          tr("the refresh token is bound to another DPoP key"));
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
    const bool dpopScheme = authorization.size() > 5 &&
                            authorization.left(5).compare("DPoP ", Qt::CaseInsensitive) == 0;
    if (!dpopScheme && (authorization.size() < 8 ||
                        authorization.left(7).compare("Bearer ", Qt::CaseInsensitive) != 0))
        return challenge(400, "invalid_request", tr("use a Bearer or DPoP token"));
    const QString presented = QString::fromLatin1(authorization.mid(dpopScheme ? 5 : 7).trimmed());
    const Token *token = activeToken(presented);
    if (!token || token->refresh)
        return challenge(401, "invalid_token",
                         tr("the access token is invalid, expired or revoked"));
    HttpResponse dpopFailure;
    if (!checkResourceDpop(request, *token, presented, dpopScheme, &dpopFailure))
        return dpopFailure;
    if (token->sub.isEmpty() || !token->scopes.contains(QLatin1String("openid")))
        return challenge(403, "insufficient_scope", tr("the openid scope is required"));
    const Grant grant = m_grants.value(token->grantId);
    QJsonObject claims = userClaims(grant.userClaims, token->scopes);
    const QJsonObject requested =
        requestedClaims(grant.userClaims, grant.claimsRequest, QStringLiteral("userinfo"));
    for (auto it = requested.begin(); it != requested.end(); ++it)
        claims.insert(it.key(), it.value());
    claims.insert(QStringLiteral("sub"), m_faults.isOn(SandboxFaults::Fault::UserinfoWrongSub)
                                             ? QStringLiteral("mallory")
                                             : token->sub);
    return json(200, claims);
}

const SandboxClient *SandboxProvider::authenticatedForm(const HttpRequest &request, Form *form,
                                                        HttpResponse *failure, bool allowPublic)
{
    if (!isFormRequest(request) || !parseForm(request.body, form)) {
        *failure = oauthError(400, QStringLiteral("invalid_request"),
                              tr("the body must be a form without repeated parameters"));
        return nullptr;
    }
    return authenticate(request, *form, failure, allowPublic);
}

HttpResponse SandboxProvider::introspect(const HttpRequest &request)
{
    Form form;
    HttpResponse failure;
    const SandboxClient *client = authenticatedForm(request, &form, &failure, false);
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
    if (!token->audience.isEmpty())
        out.insert(QStringLiteral("aud"), toArray(token->audience));
    if (!token->act.isEmpty())
        out.insert(QStringLiteral("act"), token->act);
    if (!token->jkt.isEmpty()) {
        if (!token->refresh)
            out.insert(QStringLiteral("token_type"), QStringLiteral("DPoP"));
        out.insert(QStringLiteral("cnf"), QJsonObject{{QStringLiteral("jkt"), token->jkt}});
    }
    return json(200, out);
}

HttpResponse SandboxProvider::revoke(const HttpRequest &request)
{
    Form form;
    HttpResponse failure;
    const SandboxClient *client = authenticatedForm(request, &form, &failure, true);
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

// ---- DPoP, PAR, request objects, JARM and the break-it switches --------------------------

QUrl SandboxProvider::endpointUrl(const QString &path) const
{
    return QUrl(m_issuer + path);
}

HttpResponse SandboxProvider::token(const HttpRequest &request)
{
    m_dpopJkt.clear();
    const int proofs = request.headerCount("dpop");
    if (proofs > 1)
        return oauthError(400, QStringLiteral("invalid_dpop_proof"),
                          tr("more than one DPoP header"));
    if (proofs == 1) {
        const SandboxDpop::Result proof =
            m_dpop.verify(request.header("dpop"), request.method, endpointUrl(request.path));
        if (!proof.ok) {
            HttpResponse response = oauthError(400, proof.error, proof.description);
            response.setHeader("DPoP-Nonce", m_dpop.nonce());
            return response;
        }
        m_dpopJkt = proof.jkt;
    }
    HttpResponse response = tokenGrant(request);
    if (!m_dpopJkt.isEmpty()) {
        response.setHeader("DPoP-Nonce", m_dpop.nonce());
        QJsonObject body = QJsonDocument::fromJson(response.body).object();
        if (response.status == 200 &&
            body.value(QLatin1String("token_type"))
                    .toString()
                    .compare(QLatin1String("Bearer"), Qt::CaseInsensitive) == 0) {
            body.insert(QStringLiteral("token_type"), QStringLiteral("DPoP")); // RFC 9449 §5
            response.body = QJsonDocument(body).toJson(QJsonDocument::Compact);
        }
    }
    m_dpopJkt.clear();
    return response;
}

bool SandboxProvider::checkResourceDpop(const HttpRequest &request, const Token &token,
                                        const QString &value, bool dpopScheme,
                                        HttpResponse *failure)
{
    if (token.jkt.isEmpty() && !dpopScheme)
        return true; // a plain bearer token
    auto refuse = [this, failure](const QByteArray &error, const QString &description,
                                  bool withNonce) {
        QString safe = description;
        safe.remove(QLatin1Char('"')).remove(QLatin1Char('\\'));
        *failure = oauthError(401, QString::fromLatin1(error), description);
        failure->setHeader("WWW-Authenticate",
                           "DPoP error=\"" + error + "\", error_description=\"" + safe.toUtf8() +
                               "\", algs=\"" +
                               SandboxDpop::algorithms().join(QLatin1Char(' ')).toLatin1() + '"');
        if (withNonce)
            failure->setHeader("DPoP-Nonce", m_dpop.nonce());
        return false;
    };
    if (token.jkt.isEmpty())
        return refuse("invalid_token", tr("this access token is not DPoP-bound; use Bearer"),
                      false);
    if (!dpopScheme)
        return refuse("invalid_token",
                      tr("this access token is DPoP-bound: present it with the DPoP scheme "
                         "and a proof"),
                      false);
    if (request.headerCount("dpop") != 1)
        return refuse("invalid_dpop_proof", tr("exactly one DPoP header is required"), false);
    const SandboxDpop::Result proof = m_dpop.verify(
        request.header("dpop"), request.method == "HEAD" ? QByteArray("GET") : request.method,
        endpointUrl(request.path), value);
    if (!proof.ok)
        return refuse(proof.error.toLatin1(), proof.description, proof.isNonceError());
    if (proof.jkt != token.jkt)
        return refuse("invalid_dpop_proof",
                      tr("the DPoP proof is signed by another key than the token is bound to"),
                      false);
    return true;
}

HttpResponse SandboxProvider::pushedAuthorization(const HttpRequest &request)
{
    Form form;
    HttpResponse failure;
    const SandboxClient *client = authenticatedForm(request, &form, &failure, true);
    if (!client)
        return failure;
    if (form.contains(QStringLiteral("request_uri")))
        return oauthError(400, QStringLiteral("invalid_request"),
                          tr("request_uri must not be pushed (RFC 9126 section 2.1)"));
    for (const char *credential : {"client_secret", "client_assertion", "client_assertion_type"})
        form.remove(QString::fromLatin1(credential));
    form.insert(QStringLiteral("client_id"), client->id);
    if (form.contains(QStringLiteral("request"))) {
        const SandboxRequestObject::Result resolved = SandboxRequestObject::resolve(
            form.value(QStringLiteral("request")).toUtf8(), *client, m_issuer, m_clock.now(), form);
        if (!resolved.ok)
            return oauthError(400, QStringLiteral("invalid_request_object"), resolved.description);
        form = resolved.parameters;
        form.insert(QStringLiteral("client_id"), client->id);
    }
    const QString redirectUri = form.value(QStringLiteral("redirect_uri"));
    if (redirectUri.isEmpty() || !redirectUriMatches(*client, QUrl(redirectUri, QUrl::StrictMode)))
        return oauthError(400, QStringLiteral("invalid_request"),
                          tr("the redirect_uri is missing or not registered for this client"));
    if (SandboxDirectory::normalizeResponseType(form.value(QStringLiteral("response_type")))
            .isEmpty())
        return oauthError(400, QStringLiteral("invalid_request"),
                          tr("unsupported or missing response_type"));
    const QString uri = m_par.push(client->id, form);
    if (uri.isEmpty())
        return oauthError(503, QStringLiteral("temporarily_unavailable"),
                          tr("too many pushed requests pending; try again later"));
    HttpResponse response =
        json(201, QJsonObject{{QStringLiteral("request_uri"), uri},
                              {QStringLiteral("expires_in"), SandboxPar::lifetime}});
    return response;
}

bool SandboxProvider::resolveAuthorizationRequest(Form *form, HttpResponse *refused)
{
    const SandboxClient *client = m_directory.client(form->value(QStringLiteral("client_id")));
    if (!client)
        return true; // authorize() answers an unknown client
    bool pushed = false;
    const QString requestUri = form->value(QStringLiteral("request_uri"));
    if (!requestUri.isEmpty()) {
        if (form->contains(QStringLiteral("request"))) {
            *refused = errorPage(400, tr("invalid_request: request and request_uri together."));
            return false;
        }
        Form stored;
        QString problem = tr("only request_uri values from the PAR endpoint are accepted");
        if (!SandboxPar::isRequestUri(requestUri) ||
            !m_par.take(requestUri, client->id, &stored, &problem)) {
            *refused = errorPage(400, tr("invalid_request_uri: %1.").arg(problem));
            return false;
        }
        *form = stored;
        pushed = true;
    } else if (form->contains(QStringLiteral("request"))) {
        const SandboxRequestObject::Result resolved =
            SandboxRequestObject::resolve(form->value(QStringLiteral("request")).toUtf8(), *client,
                                          m_issuer, m_clock.now(), *form);
        if (!resolved.ok) {
            *refused = errorPage(400, tr("invalid_request_object: %1.").arg(resolved.description));
            return false;
        }
        *form = resolved.parameters;
        // The client is the one that signed it, whatever the object says.
        form->insert(QStringLiteral("client_id"), client->id);
    }
    if (client->requirePushedAuthorizationRequests && !pushed) {
        *refused = errorPage(400, tr("invalid_request: this client must push its authorization "
                                     "requests to the PAR endpoint first."));
        return false;
    }
    return true;
}

HttpResponse SandboxProvider::faultsEndpoint(const HttpRequest &request)
{
    // A sandbox-only teaching toy. JSON only, so that a web page cannot flip the switches
    // with a simple cross-site form post.
    if (request.method == "POST") {
        const QByteArray type =
            request.header("content-type").split(';').first().trimmed().toLower();
        if (type != "application/json")
            return oauthError(415, QStringLiteral("invalid_request"),
                              tr("send application/json: {\"faults\": [names]}"));
        QJsonParseError parseError;
        const QJsonDocument document = QJsonDocument::fromJson(request.body, &parseError);
        if (parseError.error != QJsonParseError::NoError || !document.isObject())
            return oauthError(400, QStringLiteral("invalid_request"),
                              tr("the body is not a JSON object"));
        SandboxFaults faults;
        QString problem;
        if (!SandboxFaults::fromJson(document.object(), &faults, &problem))
            return oauthError(400, QStringLiteral("invalid_request"), problem);
        m_faults = faults;
    }
    return json(200, m_faults.toJson());
}

QByteArray SandboxProvider::faultyIdToken(const QJsonObject &original, const QString &alg) const
{
    using Fault = SandboxFaults::Fault;
    QJsonObject claims = original;
    const qint64 now = m_clock.now().toSecsSinceEpoch();
    if (m_faults.isOn(Fault::IdTokenWrongAud))
        claims.insert(QStringLiteral("aud"), QStringLiteral("another-client"));
    if (m_faults.isOn(Fault::IdTokenExpired)) {
        claims.insert(QStringLiteral("iat"), now - 2 * accessTokenLifetime);
        claims.insert(QStringLiteral("exp"), now - accessTokenLifetime);
    }
    if (m_faults.isOn(Fault::IdTokenWrongNonce))
        claims.insert(QStringLiteral("nonce"), QStringLiteral("nonce-of-another-request"));
    if (m_faults.isOn(Fault::AtHashWrong) && claims.contains(QLatin1String("at_hash")))
        claims.insert(QStringLiteral("at_hash"),
                      Jose::IdTokenValidator::leftHalfHash("another access token", alg));
    if (m_faults.isOn(Fault::CHashWrong) && claims.contains(QLatin1String("c_hash")))
        claims.insert(QStringLiteral("c_hash"),
                      Jose::IdTokenValidator::leftHalfHash("another code", alg));
    const QByteArray payload = QJsonDocument(claims).toJson(QJsonDocument::Compact);
    if (m_faults.isOn(Fault::MixUp)) {
        claims.insert(QStringLiteral("iss"), QStringLiteral("https://attacker.example"));
        const auto signed_ = Jose::JwsSigner::sign(
            QJsonObject{{QStringLiteral("alg"), QStringLiteral("ES256")},
                        {QStringLiteral("kid"), QStringLiteral("attacker-key")},
                        {QStringLiteral("typ"), QStringLiteral("JWT")}},
            QJsonDocument(claims).toJson(QJsonDocument::Compact), m_foreignKey);
        return signed_.compact;
    }
    if (m_faults.isOn(Fault::IdTokenAlgNone))
        return Jose::Base64Url::encode(R"({"alg":"none","typ":"JWT"})") + '.' +
               Jose::Base64Url::encode(payload) + '.';
    QByteArray token = m_keys.sign(alg, payload);
    if (m_faults.isOn(Fault::IdTokenBadSignature)) {
        const qsizetype dot = token.lastIndexOf('.');
        QByteArray signature;
        if (dot > 0 && Jose::Base64Url::decode(token.mid(dot + 1), &signature) &&
            !signature.isEmpty()) {
            signature[0] = char(signature.at(0) ^ 0x01);
            token = token.left(dot + 1) + Jose::Base64Url::encode(signature);
        }
    }
    return token;
}

} // namespace Tokenscope::Sandbox
