// SandboxProvider: routing and metadata of the added endpoints, dynamic registration
// (RFC 7591/7592), RP-initiated logout, the sign-in session and the authorization request's
// prompt, max_age, claims and acr_values.
#include "SandboxKeys.h"
#include "SandboxProvider.h"
#include "SandboxRegistration.h"
#include "SandboxReply.h"
#include "common/Clock.h"
#include "jose/JwkSet.h"
#include "jose/JwsToken.h"
#include "jose/JwsVerifier.h"

#include <QJsonArray>
#include <QJsonDocument>

#include <openssl/crypto.h>

namespace Tokenscope::Sandbox {

namespace {

using Form = QHash<QString, QString>;
using Reply::oauthError;

const QByteArray sessionCookieName = "tokenscope_sandbox_session";
constexpr int maxSessions = 1000;

const QStringList supportedAcrValues{QStringLiteral("urn:tokenscope:sandbox:pwd"),
                                     QStringLiteral("urn:tokenscope:sandbox:mfa")};

QJsonArray array(const QStringList &list)
{
    return QJsonArray::fromStringList(list);
}

HttpResponse methodNotAllowed(const QByteArray &allow)
{
    HttpResponse response = oauthError(
        405, QStringLiteral("invalid_request"),
        QCoreApplication::translate("Tokenscope::Sandbox::SandboxProvider", "method not allowed"));
    response.setHeader("Allow", allow);
    return response;
}

} // namespace

bool SandboxProvider::handleExtension(const HttpRequest &request, HttpResponse *response)
{
    const QString &path = request.path;
    const bool get = request.method == "GET" || request.method == "HEAD";
    const bool post = request.method == "POST";
    if (path == QLatin1String("/device_authorization")) {
        *response = post ? deviceAuthorization(request) : methodNotAllowed("POST");
        return true;
    }
    if (path == QLatin1String("/device")) {
        *response = get || post ? devicePage(request) : methodNotAllowed("GET, POST");
        return true;
    }
    if (path == QLatin1String("/backchannel-authentication")) {
        *response = post ? backchannelAuthentication(request) : methodNotAllowed("POST");
        return true;
    }
    if (path == QLatin1String("/backchannel")) {
        *response = get || post ? backchannelPage(request) : methodNotAllowed("GET, POST");
        return true;
    }
    if (path == QLatin1String("/register") || path.startsWith(QLatin1String("/register/"))) {
        *response = registration(request);
        return true;
    }
    if (path == QLatin1String("/end_session")) {
        *response = get || post ? endSession(request) : methodNotAllowed("GET, POST");
        return true;
    }
    return false;
}

void SandboxProvider::extendMetadata(QJsonObject *metadata) const
{
    const QString base = m_issuer;
    QJsonObject &m = *metadata;
    QStringList grants{QStringLiteral("authorization_code"), QStringLiteral("implicit"),
                       QStringLiteral("refresh_token"), QStringLiteral("client_credentials")};
    grants += extensionGrantTypes();
    m.insert(QStringLiteral("grant_types_supported"), array(grants));
    const QStringList methods{
        QStringLiteral("client_secret_basic"), QStringLiteral("client_secret_post"),
        QStringLiteral("client_secret_jwt"), QStringLiteral("private_key_jwt")};
    const QStringList signing{QStringLiteral("HS256"), QStringLiteral("HS384"),
                              QStringLiteral("HS512"), QStringLiteral("RS256"),
                              QStringLiteral("PS256"), QStringLiteral("ES256"),
                              QStringLiteral("EdDSA")};
    m.insert(QStringLiteral("token_endpoint_auth_methods_supported"),
             array(methods + QStringList{QStringLiteral("none")}));
    m.insert(QStringLiteral("token_endpoint_auth_signing_alg_values_supported"), array(signing));
    m.insert(QStringLiteral("introspection_endpoint_auth_methods_supported"), array(methods));
    m.insert(QStringLiteral("introspection_endpoint_auth_signing_alg_values_supported"),
             array(signing));
    m.insert(QStringLiteral("revocation_endpoint_auth_methods_supported"),
             array(methods + QStringList{QStringLiteral("none")}));
    m.insert(QStringLiteral("revocation_endpoint_auth_signing_alg_values_supported"),
             array(signing));
    m.insert(QStringLiteral("device_authorization_endpoint"),
             QString(base + QStringLiteral("/device_authorization")));
    m.insert(QStringLiteral("backchannel_authentication_endpoint"),
             QString(base + QStringLiteral("/backchannel-authentication")));
    m.insert(QStringLiteral("backchannel_token_delivery_modes_supported"),
             QJsonArray{QStringLiteral("poll"), QStringLiteral("ping")});
    m.insert(QStringLiteral("backchannel_user_code_parameter_supported"), false);
    m.insert(QStringLiteral("registration_endpoint"), QString(base + QStringLiteral("/register")));
    m.insert(QStringLiteral("end_session_endpoint"),
             QString(base + QStringLiteral("/end_session")));
    m.insert(QStringLiteral("claims_parameter_supported"), true);
    m.insert(QStringLiteral("acr_values_supported"), array(supportedAcrValues));
    m.insert(QStringLiteral("prompt_values_supported"),
             QJsonArray{QStringLiteral("none"), QStringLiteral("login"), QStringLiteral("consent"),
                        QStringLiteral("select_account")});
    QJsonArray claims = m.value(QLatin1String("claims_supported")).toArray();
    if (!claims.contains(QStringLiteral("acr")))
        claims.append(QStringLiteral("acr"));
    m.insert(QStringLiteral("claims_supported"), claims);
}

// ---- sessions and the authorization request's options -----------------------------------

QString SandboxProvider::sessionOf(const HttpRequest &request) const
{
    for (const auto &header : request.headers) {
        if (header.first != "cookie")
            continue;
        for (const QByteArray &part : header.second.split(';')) {
            const QByteArray pair = part.trimmed();
            if (pair.startsWith(QByteArray(sessionCookieName + '='))) {
                const QString id = QString::fromLatin1(pair.mid(sessionCookieName.size() + 1));
                if (m_sessions.contains(id))
                    return id;
            }
        }
    }
    return {};
}

void SandboxProvider::startSession(const Interaction &interaction, HttpResponse *response)
{
    if (m_sessions.size() >= maxSessions)
        m_sessions.clear();
    const QString id = newId();
    m_sessions.insert(id, Session{interaction.sub, interaction.userClaims, interaction.authTime});
    response->setHeader("Set-Cookie", sessionCookieName + '=' + id.toLatin1() +
                                          "; Path=/; HttpOnly; SameSite=Lax");
}

QJsonObject SandboxProvider::requestedClaims(const QJsonObject &userClaims,
                                             const QJsonObject &claimsRequest,
                                             const QString &member) const
{
    QJsonObject out;
    const QJsonObject asked = claimsRequest.value(member).toObject();
    for (auto it = asked.begin(); it != asked.end(); ++it)
        if (userClaims.contains(it.key()))
            out.insert(it.key(), userClaims.value(it.key()));
    return out;
}

HttpResponse SandboxProvider::continueAuthorization(const HttpRequest &request, const Form &form,
                                                    const QString &interactionId)
{
    Interaction &interaction = m_interactions[interactionId];
    auto fail = [this, &interactionId](const QString &error, const QString &description) {
        const Interaction copy = m_interactions.take(interactionId);
        return redirectError(copy, error, description);
    };
    const QStringList prompt =
        form.value(QStringLiteral("prompt")).split(QLatin1Char(' '), Qt::SkipEmptyParts);
    for (const QString &value : prompt)
        if (value != QLatin1String("none") && value != QLatin1String("login") &&
            value != QLatin1String("consent") && value != QLatin1String("select_account"))
            return fail(QStringLiteral("invalid_request"), tr("unsupported prompt value"));
    const bool none = prompt.contains(QLatin1String("none"));
    if (none && prompt.size() > 1)
        return fail(QStringLiteral("invalid_request"),
                    tr("prompt=none may not be combined with other values"));
    qint64 maxAge = -1;
    if (form.contains(QStringLiteral("max_age"))) {
        bool ok = false;
        maxAge = form.value(QStringLiteral("max_age")).toLongLong(&ok);
        if (!ok || maxAge < 0)
            return fail(QStringLiteral("invalid_request"),
                        tr("max_age must be a non-negative number of seconds"));
    }
    if (form.contains(QStringLiteral("claims"))) {
        QJsonParseError error;
        const QJsonDocument document =
            QJsonDocument::fromJson(form.value(QStringLiteral("claims")).toUtf8(), &error);
        const QJsonObject claims = document.object();
        if (error.error != QJsonParseError::NoError || !document.isObject() ||
            (claims.contains(QLatin1String("userinfo")) &&
             !claims.value(QLatin1String("userinfo")).isObject()) ||
            (claims.contains(QLatin1String("id_token")) &&
             !claims.value(QLatin1String("id_token")).isObject()))
            return fail(QStringLiteral("invalid_request"),
                        tr("claims must be a JSON object with userinfo and id_token objects"));
        interaction.claimsRequest = claims;
    }
    // acr: the first supported value of acr_values, else of the claims request for acr.
    QStringList acrWanted =
        form.value(QStringLiteral("acr_values")).split(QLatin1Char(' '), Qt::SkipEmptyParts);
    const QJsonObject acrClaim = interaction.claimsRequest.value(QLatin1String("id_token"))
                                     .toObject()
                                     .value(QLatin1String("acr"))
                                     .toObject();
    if (acrClaim.value(QLatin1String("value")).isString())
        acrWanted.append(acrClaim.value(QLatin1String("value")).toString());
    for (const QJsonValue &v : acrClaim.value(QLatin1String("values")).toArray())
        acrWanted.append(v.toString());
    for (const QString &acr : std::as_const(acrWanted)) {
        if (supportedAcrValues.contains(acr)) {
            interaction.acr = acr;
            break;
        }
    }
    if (!acrWanted.isEmpty() && interaction.acr.isEmpty() &&
        acrClaim.value(QLatin1String("essential")).toBool())
        return fail(QStringLiteral("access_denied"), tr("no requested acr can be satisfied"));

    const auto session = m_sessions.constFind(sessionOf(request));
    const bool fresh = session != m_sessions.cend() &&
                       (maxAge < 0 || session->authTime.secsTo(m_clock.now()) <= maxAge);
    if (none) {
        if (!fresh)
            return fail(QStringLiteral("login_required"),
                        session == m_sessions.cend()
                            ? tr("prompt=none but nobody is signed in")
                            : tr("prompt=none but the sign-in is older than max_age"));
        // With prompt=none the sandbox takes a signed-in session's consent as given.
        interaction.sub = session->sub;
        interaction.userClaims = session->userClaims;
        interaction.authTime = session->authTime;
        HttpRequest allow;
        allow.method = "POST";
        allow.path = QStringLiteral("/consent");
        allow.headers.append(
            {QByteArray("content-type"), QByteArray("application/x-www-form-urlencoded")});
        allow.body = "decision=allow&interaction=" + QUrl::toPercentEncoding(interactionId);
        return consent(allow);
    }
    if (fresh && !prompt.contains(QLatin1String("login"))) {
        interaction.sub = session->sub;
        interaction.userClaims = session->userClaims;
        interaction.authTime = session->authTime;
        return consentPage(interactionId);
    }
    return loginPage(interactionId);
}

// ---- RP-initiated logout (OpenID Connect RP-Initiated Logout 1.0) ----------------------

HttpResponse SandboxProvider::endSession(const HttpRequest &request)
{
    Form form;
    const bool post = request.method == "POST";
    if ((post && !Reply::isForm(request)) ||
        !Reply::parseForm(post ? request.body : request.query, &form))
        return errorPage(400, tr("The logout request was not understood (repeated parameter?)."));
    QString clientId = form.value(QStringLiteral("client_id"));
    QString hintSub;
    const QString hint = form.value(QStringLiteral("id_token_hint"));
    if (!hint.isEmpty()) {
        const Jose::JwsToken::ParseResult parsed = Jose::JwsToken::parseCompact(hint.toLatin1());
        const Jose::JwkSet keys =
            Jose::JwkSet::fromJson(QJsonDocument(m_keys.jwks()).toJson(QJsonDocument::Compact));
        if (parsed.isError() || !parsed.token().payloadIsJsonObject() ||
            !Jose::JwsVerifier::verify(parsed.token(), keys).isVerified() ||
            parsed.token().payloadObject().value(QLatin1String("iss")).toString() != m_issuer)
            return errorPage(400, tr("id_token_hint is not an ID token the sandbox signed."));
        // An expired ID token is still a good hint (RP-Initiated Logout §2).
        const QJsonObject claims = parsed.token().payloadObject();
        hintSub = claims.value(QLatin1String("sub")).toString();
        QStringList aud;
        if (claims.value(QLatin1String("aud")).isArray())
            for (const QJsonValue &v : claims.value(QLatin1String("aud")).toArray())
                aud.append(v.toString());
        else
            aud.append(claims.value(QLatin1String("aud")).toString());
        if (!clientId.isEmpty() && !aud.contains(clientId))
            return errorPage(400, tr("client_id is not the audience of id_token_hint."));
        if (clientId.isEmpty())
            clientId = aud.value(0);
    }
    const QString target = form.value(QStringLiteral("post_logout_redirect_uri"));
    if (!target.isEmpty()) {
        const SandboxClient *client = m_directory.client(clientId);
        if (!client)
            return errorPage(400, tr("post_logout_redirect_uri needs id_token_hint or "
                                     "client_id to name the client."));
        SandboxClient registered;
        registered.redirectUris = client->postLogoutRedirectUris;
        if (!redirectUriMatches(registered, QUrl(target, QUrl::StrictMode)))
            return errorPage(400, tr("post_logout_redirect_uri is not registered for this "
                                     "client."));
    }
    // Sign out: the browser's session, and every session of the hinted user.
    m_sessions.remove(sessionOf(request));
    if (!hintSub.isEmpty())
        for (auto it = m_sessions.begin(); it != m_sessions.end();)
            it = it->sub == hintSub ? m_sessions.erase(it) : std::next(it);
    HttpResponse response;
    if (target.isEmpty()) {
        response = page(200, tr("Signed out"),
                        QStringLiteral("<p>") +
                            Reply::escape(tr("You are signed out of the Tokenscope sandbox.")) +
                            QStringLiteral("</p>"));
    } else {
        QUrl location(target, QUrl::StrictMode);
        const QString state = form.value(QStringLiteral("state"));
        QByteArray encoded = location.toEncoded();
        if (!state.isEmpty())
            encoded +=
                (encoded.contains('?') ? "&state=" : "?state=") + QUrl::toPercentEncoding(state);
        response.status = 302;
        response.setHeader("Location", encoded);
    }
    response.setHeader("Set-Cookie", sessionCookieName + "=; Path=/; Max-Age=0; HttpOnly");
    return response;
}

// ---- dynamic registration (RFC 7591, RFC 7592) -----------------------------------------

HttpResponse SandboxProvider::registration(const HttpRequest &request)
{
    auto readJson = [&request](QJsonObject *metadata) {
        QJsonParseError error;
        const QJsonDocument document = QJsonDocument::fromJson(request.body, &error);
        *metadata = document.object();
        return Reply::isJson(request) && error.error == QJsonParseError::NoError &&
               document.isObject();
    };
    auto badJson = [] {
        return oauthError(400, QStringLiteral("invalid_client_metadata"),
                          tr("the body must be a JSON object (application/json)"));
    };
    const QString base = m_issuer + QStringLiteral("/register/");
    if (request.path == QLatin1String("/register")) {
        if (request.method != "POST")
            return methodNotAllowed("POST");
        QJsonObject metadata;
        if (!readJson(&metadata))
            return badJson();
        int dynamic = 0;
        for (const SandboxClient &c : m_directory.clients())
            dynamic += c.isDynamic() ? 1 : 0;
        if (dynamic >= SandboxRegistration::maxDynamicClients)
            return oauthError(400, QStringLiteral("invalid_client_metadata"),
                              tr("too many registered clients; restart the sandbox"));
        SandboxClient client;
        const SandboxRegistration::Problem problem = SandboxRegistration::read(metadata, &client);
        if (problem.isError())
            return oauthError(400, problem.error, problem.description);
        client.id = QStringLiteral("dyn-") + newId(12);
        if (client.authMethod != QLatin1String("none") &&
            client.authMethod != QLatin1String("private_key_jwt"))
            client.secret = newId().toLatin1();
        client.registrationAccessToken = newId().toLatin1();
        client.issuedAt = m_clock.now().toSecsSinceEpoch();
        m_directory.add(client);
        return Reply::json(201, SandboxRegistration::write(client, base + client.id));
    }

    // RFC 7592: /register/{client_id} with the registration access token.
    const QString clientId = request.path.mid(base.size() - m_issuer.size());
    const QByteArray authorization = request.header("authorization");
    if (request.headerCount("authorization") != 1 || authorization.size() < 8 ||
        authorization.left(7).compare("Bearer ", Qt::CaseInsensitive) != 0)
        return Reply::bearerError(401, "invalid_token",
                                  tr("the registration access token is missing"));
    const QByteArray presented = authorization.mid(7).trimmed();
    const SandboxClient *client = m_directory.client(clientId);
    // §2: an unknown client and a wrong token look the same (no client enumeration).
    if (!client || !client->isDynamic() ||
        presented.size() != client->registrationAccessToken.size() ||
        CRYPTO_memcmp(presented.constData(), client->registrationAccessToken.constData(),
                      size_t(presented.size())) != 0)
        return Reply::bearerError(401, "invalid_token",
                                  tr("the registration access token is invalid"));
    if (request.method == "GET" || request.method == "HEAD")
        return Reply::json(200, SandboxRegistration::write(*client, base + clientId));
    if (request.method == "DELETE") {
        m_directory.remove(clientId);
        for (Token &token : m_tokens)
            if (token.clientId == clientId)
                token.revoked = true;
        HttpResponse response;
        response.status = 204;
        return response;
    }
    if (request.method != "PUT")
        return methodNotAllowed("GET, PUT, DELETE");
    QJsonObject metadata;
    if (!readJson(&metadata))
        return badJson();
    if (metadata.value(QLatin1String("client_id")).toString() != clientId)
        return oauthError(400, QStringLiteral("invalid_client_metadata"),
                          tr("client_id in the body must be the client's"));
    if (metadata.contains(QLatin1String("client_secret")) &&
        metadata.value(QLatin1String("client_secret")).toString().toLatin1() != client->secret)
        return oauthError(400, QStringLiteral("invalid_client_metadata"),
                          tr("client_secret may not be changed"));
    SandboxClient updated = *client;
    const SandboxRegistration::Problem problem = SandboxRegistration::read(metadata, &updated);
    if (problem.isError())
        return oauthError(400, problem.error, problem.description);
    if (updated.authMethod == QLatin1String("none") ||
        updated.authMethod == QLatin1String("private_key_jwt"))
        updated.secret.clear();
    else if (updated.secret.isEmpty())
        updated.secret = newId().toLatin1();
    m_directory.add(updated);
    return Reply::json(200, SandboxRegistration::write(updated, base + clientId));
}

} // namespace Tokenscope::Sandbox
