// SandboxProvider: the password, device code, CIBA, token exchange and JWT bearer grants,
// client authentication with JWT assertions, and the device and CIBA pages.
#include "SandboxKeys.h"
#include "SandboxProvider.h"
#include "SandboxReply.h"
#include "common/Clock.h"
#include "jose/JwkSet.h"
#include "jose/JwsToken.h"
#include "jose/JwsVerifier.h"

#include <QJsonArray>
#include <QJsonDocument>

#include <utility>

namespace Tokenscope::Sandbox {

namespace {

using Form = QHash<QString, QString>;
using Reply::oauthError;

const QString tokenTypePrefix = QStringLiteral("urn:ietf:params:oauth:token-type:");
const QString jwtAssertionType =
    QStringLiteral("urn:ietf:params:oauth:client-assertion-type:jwt-bearer");

// The scopes the sandbox knows; false when `value` names another.
bool readScopes(const QString &value, QStringList *scopes)
{
    static const QStringList known{QStringLiteral("openid"), QStringLiteral("profile"),
                                   QStringLiteral("email"), QStringLiteral("offline_access"),
                                   QStringLiteral("api")};
    *scopes = value.split(QLatin1Char(' '), Qt::SkipEmptyParts);
    scopes->removeDuplicates();
    for (const QString &scope : std::as_const(*scopes))
        if (!known.contains(scope))
            return false;
    return true;
}

QString cibaAutoApproveSuffix()
{
    return QStringLiteral("+auto");
}

// CIBA Core §7.1: at most 1024 characters with the syntax of a bearer credential
// (RFC 6750 §2.1, b64token).
bool validNotificationToken(const QString &token)
{
    if (token.isEmpty() || token.size() > 1024)
        return false;
    qsizetype i = 0;
    for (; i < token.size(); ++i) {
        const char16_t c = token.at(i).unicode();
        const bool plain = (c >= u'a' && c <= u'z') || (c >= u'A' && c <= u'Z') ||
                           (c >= u'0' && c <= u'9') || c == u'-' || c == u'.' || c == u'_' ||
                           c == u'~' || c == u'+' || c == u'/';
        if (!plain)
            break;
    }
    if (i == 0)
        return false;
    for (; i < token.size(); ++i)
        if (token.at(i) != QLatin1Char('='))
            return false;
    return true;
}

} // namespace

QStringList SandboxProvider::extensionGrantTypes() const
{
    return {QStringLiteral("password"), SandboxDirectory::deviceCodeGrant(),
            SandboxDirectory::cibaGrant(), SandboxDirectory::tokenExchangeGrant(),
            SandboxDirectory::jwtBearerGrant()};
}

QStringList SandboxProvider::assertionAudiences() const
{
    return {m_issuer + QStringLiteral("/token"), m_issuer};
}

HttpResponse SandboxProvider::extensionGrant(const SandboxClient &client, const QString &grantType,
                                             const Form &form)
{
    if (grantType == QLatin1String("password"))
        return tokenFromPassword(client, form);
    if (grantType == SandboxDirectory::deviceCodeGrant()) {
        const QString handle = form.value(QStringLiteral("device_code"));
        const auto *pending = m_deferred.request(handle);
        if (handle.isEmpty())
            return oauthError(400, QStringLiteral("invalid_request"), tr("device_code is missing"));
        if (!pending || pending->kind != SandboxDeferredGrants::Kind::Device)
            return oauthError(400, QStringLiteral("invalid_grant"), tr("unknown device_code"));
        return tokenFromDeferred(client, handle);
    }
    if (grantType == SandboxDirectory::cibaGrant()) {
        const QString handle = form.value(QStringLiteral("auth_req_id"));
        const auto *pending = m_deferred.request(handle);
        if (handle.isEmpty())
            return oauthError(400, QStringLiteral("invalid_request"), tr("auth_req_id is missing"));
        if (!pending || pending->kind != SandboxDeferredGrants::Kind::Ciba)
            return oauthError(400, QStringLiteral("invalid_grant"), tr("unknown auth_req_id"));
        return tokenFromDeferred(client, handle);
    }
    if (grantType == SandboxDirectory::tokenExchangeGrant())
        return tokenFromExchange(client, form);
    return tokenFromJwtBearer(client, form);
}

HttpResponse SandboxProvider::tokensForUser(const SandboxClient &client, const QString &sub,
                                            const QJsonObject &claims, const QStringList &scopes,
                                            const QDateTime &authTime, const QString &acr,
                                            bool refresh)
{
    const QString grantId = newId();
    Grant grant;
    grant.clientId = client.id;
    grant.sub = sub;
    grant.userClaims = claims;
    grant.scopes = scopes;
    grant.authTime = authTime;
    grant.sid = newId(16);
    grant.acr = acr;
    m_grants.insert(grantId, grant);
    const QString accessToken = issueAccessToken(grantId, client.id, sub, scopes);
    QJsonObject out{{QStringLiteral("access_token"), accessToken},
                    {QStringLiteral("token_type"), QStringLiteral("Bearer")},
                    {QStringLiteral("expires_in"), accessTokenLifetime},
                    {QStringLiteral("scope"), scopes.join(QLatin1Char(' '))}};
    if (refresh && client.grantTypes.contains(QLatin1String("refresh_token")))
        out.insert(QStringLiteral("refresh_token"), issueRefreshToken(grantId, client.id, scopes));
    if (scopes.contains(QLatin1String("openid")))
        out.insert(QStringLiteral("id_token"),
                   QString::fromLatin1(idToken(client, grant, {}, accessToken, {}, {})));
    return Reply::tokens(out);
}

// ---- client authentication with a JWT (OIDC Core §9, RFC 7523 §2.2) -------------------

const SandboxClient *SandboxProvider::authenticateAssertion(const Form &form, HttpResponse *failure,
                                                            const QString &endpointPath)
{
    auto invalid = [failure](const QString &description) -> const SandboxClient * {
        *failure = Reply::invalidClient(description);
        return nullptr;
    };
    if (form.value(QStringLiteral("client_assertion_type")) != jwtAssertionType)
        return invalid(tr("client_assertion_type must be "
                          "urn:ietf:params:oauth:client-assertion-type:jwt-bearer"));
    const QByteArray assertion = form.value(QStringLiteral("client_assertion")).toLatin1();
    if (assertion.isEmpty())
        return invalid(tr("client_assertion is missing"));
    const QString iss = SandboxClientAssertion::issuerOf(assertion);
    QString clientId = form.value(QStringLiteral("client_id"));
    if (clientId.isEmpty())
        clientId = iss;
    else if (clientId != iss)
        return invalid(tr("client_id differs from the assertion's iss"));
    const SandboxClient *client = m_directory.client(clientId);
    if (!client)
        return invalid(tr("unknown client"));
    if (client->authMethod != QLatin1String("client_secret_jwt") &&
        client->authMethod != QLatin1String("private_key_jwt"))
        return invalid(tr("this client authenticates with %1").arg(client->authMethod));
    QStringList audiences = assertionAudiences();
    if (!audiences.contains(m_issuer + endpointPath))
        audiences.append(m_issuer + endpointPath);
    const SandboxClientAssertion::Result result = m_assertions.verify(
        assertion, *client, audiences, SandboxClientAssertion::Purpose::ClientAuthentication);
    if (!result.ok)
        return invalid(result.description);
    return client;
}

// ---- password (RFC 6749 §4.3) ----------------------------------------------------------

HttpResponse SandboxProvider::tokenFromPassword(const SandboxClient &client, const Form &form)
{
    const QString username = form.value(QStringLiteral("username"));
    const QString password = form.value(QStringLiteral("password"));
    if (username.isEmpty() || !form.contains(QStringLiteral("password")))
        return oauthError(400, QStringLiteral("invalid_request"),
                          tr("username and password are required"));
    QStringList scopes;
    if (!readScopes(form.value(QStringLiteral("scope")), &scopes))
        return oauthError(400, QStringLiteral("invalid_scope"), tr("unknown scope"));
    SandboxUser user;
    if (!m_directory.checkPassword(username, password, &user))
        return oauthError(400, QStringLiteral("invalid_grant"),
                          tr("wrong username or password (test users have the password "
                             "\"sandbox\")"));
    return tokensForUser(client, user.sub, user.claims, scopes, m_clock.now(), {}, true);
}

// ---- device authorization (RFC 8628) and CIBA (poll mode) ------------------------------

HttpResponse SandboxProvider::tokenFromDeferred(const SandboxClient &client, const QString &handle)
{
    SandboxDeferredGrants::Request approved;
    switch (m_deferred.poll(handle, client.id, &approved)) {
    case SandboxDeferredGrants::Poll::Unknown:
        return oauthError(400, QStringLiteral("invalid_grant"), tr("unknown or used request"));
    case SandboxDeferredGrants::Poll::WrongClient:
        return oauthError(400, QStringLiteral("invalid_grant"),
                          tr("the request was made by another client"));
    case SandboxDeferredGrants::Poll::Pending:
        return oauthError(400, QStringLiteral("authorization_pending"),
                          tr("the user has not decided yet"));
    case SandboxDeferredGrants::Poll::SlowDown:
        return oauthError(400, QStringLiteral("slow_down"),
                          tr("polling too fast; the interval grows by 5 seconds"));
    case SandboxDeferredGrants::Poll::Denied:
        return oauthError(400, QStringLiteral("access_denied"), tr("the user denied the request"));
    case SandboxDeferredGrants::Poll::Expired:
        return oauthError(400, QStringLiteral("expired_token"), tr("the request has expired"));
    case SandboxDeferredGrants::Poll::Approved:
        break;
    }
    return tokensForUser(client, approved.sub, approved.userClaims, approved.scopes,
                         approved.authTime, approved.acr, true);
}

HttpResponse SandboxProvider::deviceAuthorization(const HttpRequest &request)
{
    Form form;
    HttpResponse failure;
    const SandboxClient *client = authenticatedForm(request, &form, &failure, true);
    if (!client)
        return failure;
    if (!client->grantTypes.contains(SandboxDirectory::deviceCodeGrant()))
        return oauthError(400, QStringLiteral("unauthorized_client"),
                          tr("this client may not use the device authorization grant"));
    QStringList scopes;
    if (!readScopes(form.value(QStringLiteral("scope")), &scopes))
        return oauthError(400, QStringLiteral("invalid_scope"), tr("unknown scope"));
    QString userCode;
    const QString deviceCode = m_deferred.startDevice(client->id, scopes, &userCode);
    if (deviceCode.isEmpty())
        return oauthError(503, QStringLiteral("temporarily_unavailable"),
                          tr("too many device authorizations pending"));
    const QString shown = SandboxDeferredGrants::formatUserCode(userCode);
    const QString uri = m_issuer + QStringLiteral("/device");
    return Reply::tokens(
        QJsonObject{{QStringLiteral("device_code"), deviceCode},
                    {QStringLiteral("user_code"), shown},
                    {QStringLiteral("verification_uri"), uri},
                    {QStringLiteral("verification_uri_complete"),
                     QString(uri + QStringLiteral("?user_code=") + shown)},
                    {QStringLiteral("expires_in"), SandboxDeferredGrants::deviceLifetime},
                    {QStringLiteral("interval"), SandboxDeferredGrants::defaultInterval}});
}

HttpResponse SandboxProvider::devicePage(const HttpRequest &request)
{
    Form form;
    const bool post = request.method == "POST";
    if ((post && !Reply::isForm(request)) ||
        !Reply::parseForm(post ? request.body : request.query, &form))
        return errorPage(400, tr("The form was not understood."));
    const QString typed = form.value(QStringLiteral("user_code"));
    QString problem;
    if (post) {
        const QString deviceCode = m_deferred.deviceCodeFor(typed);
        const auto *pending = m_deferred.request(deviceCode);
        if (pending && m_interactions.size() < maxInteractions) {
            Interaction interaction;
            interaction.clientId = pending->clientId;
            interaction.scopes = pending->scopes;
            interaction.created = m_clock.now();
            interaction.deviceCode = deviceCode;
            const QString id = newId();
            m_interactions.insert(id, interaction);
            return loginPage(id);
        }
        problem = tr("This code is unknown or has expired. Check it and try again.");
    }
    QString body;
    if (!problem.isEmpty())
        body +=
            QStringLiteral("<p role=\"alert\">") + Reply::escape(problem) + QStringLiteral("</p>");
    body += QStringLiteral("<p>") + Reply::escape(tr("Type the code shown on your device.")) +
            QStringLiteral("</p><form method=\"post\" action=\"/device\"><label>") +
            Reply::escape(tr("Code:")) +
            QStringLiteral(" <input type=\"text\" name=\"user_code\" autofocus "
                           "autocomplete=\"off\" value=\"") +
            Reply::escape(typed.left(32)) + QStringLiteral("\"></label> <button type=\"submit\">") +
            Reply::escape(tr("Continue")) + QStringLiteral("</button></form>");
    HttpResponse response = page(200, tr("Connect a device"), body);
    response.status = problem.isEmpty() ? 200 : 400;
    return response;
}

HttpResponse SandboxProvider::finishDevice(const Interaction &interaction, bool allow)
{
    if (!m_deferred.decide(interaction.deviceCode, allow, interaction.sub, interaction.userClaims,
                           interaction.authTime))
        return errorPage(400, tr("This device request has expired or was decided already."));
    return page(200, allow ? tr("Device connected") : tr("Access denied"),
                QStringLiteral("<p>") +
                    Reply::escape(allow ? tr("The device is being signed in. You may close this "
                                             "page.")
                                        : tr("The device was not allowed. You may close this "
                                             "page.")) +
                    QStringLiteral("</p>"));
}

HttpResponse SandboxProvider::backchannelAuthentication(const HttpRequest &request)
{
    Form form;
    HttpResponse failure;
    const SandboxClient *client = authenticatedForm(request, &form, &failure, false);
    if (!client)
        return failure;
    if (!client->grantTypes.contains(SandboxDirectory::cibaGrant()))
        return oauthError(400, QStringLiteral("unauthorized_client"),
                          tr("this client may not use CIBA"));
    QStringList scopes;
    if (!readScopes(form.value(QStringLiteral("scope")), &scopes))
        return oauthError(400, QStringLiteral("invalid_scope"), tr("unknown scope"));
    if (!scopes.contains(QLatin1String("openid")))
        return oauthError(400, QStringLiteral("invalid_scope"),
                          tr("CIBA requires the openid scope"));
    if (form.contains(QStringLiteral("id_token_hint")) ||
        form.contains(QStringLiteral("login_hint_token")))
        return oauthError(400, QStringLiteral("invalid_request"),
                          tr("the sandbox takes login_hint only"));
    QString hint = form.value(QStringLiteral("login_hint"));
    if (hint.isEmpty())
        return oauthError(400, QStringLiteral("invalid_request"), tr("login_hint is missing"));
    // "alice+auto": approved at once, for scripted runs.
    const bool autoApprove = hint.endsWith(cibaAutoApproveSuffix());
    if (autoApprove)
        hint.chop(cibaAutoApproveSuffix().size());
    const SandboxUser *user = nullptr;
    for (const SandboxUser &u : m_directory.users())
        if (u.sub == hint)
            user = &u;
    if (!user)
        return oauthError(400, QStringLiteral("unknown_user_id"),
                          tr("login_hint must name a test user (alice, bob, li.lei)"));
    // Ping mode (§7.1): the bearer token the notification will carry.
    const QString notificationToken = form.value(QStringLiteral("client_notification_token"));
    if (client->isCibaPing() && notificationToken.isEmpty())
        return oauthError(400, QStringLiteral("invalid_request"),
                          tr("client_notification_token is missing; this client is registered "
                             "for ping mode"));
    if (client->isCibaPing() && !validNotificationToken(notificationToken))
        return oauthError(400, QStringLiteral("invalid_request"),
                          tr("client_notification_token must be a bearer token of at most 1024 "
                             "characters"));
    const QString binding = form.value(QStringLiteral("binding_message"));
    if (binding.size() > 100)
        return oauthError(400, QStringLiteral("invalid_binding_message"),
                          tr("binding_message is longer than 100 characters"));
    qint64 lifetime = SandboxDeferredGrants::cibaLifetime;
    if (form.contains(QStringLiteral("requested_expiry"))) {
        bool ok = false;
        lifetime = form.value(QStringLiteral("requested_expiry")).toLongLong(&ok);
        if (!ok || lifetime < 1 || lifetime > SandboxDeferredGrants::deviceLifetime)
            return oauthError(400, QStringLiteral("invalid_request"),
                              tr("requested_expiry must be 1 to 600 seconds"));
    }
    // acr: the first value of acr_values that the sandbox supports.
    QString acr;
    const QJsonArray supportedAcr =
        metadata().value(QLatin1String("acr_values_supported")).toArray();
    for (const QString &value :
         form.value(QStringLiteral("acr_values")).split(QLatin1Char(' '), Qt::SkipEmptyParts)) {
        if (supportedAcr.contains(value)) {
            acr = value;
            break;
        }
    }
    const bool ping = client->isCibaPing();
    const QString handle =
        m_deferred.startCiba(client->id, scopes, user->sub, user->claims, binding, acr, lifetime,
                             ping ? client->backchannelClientNotificationEndpoint : QUrl(),
                             ping ? notificationToken : QString());
    if (handle.isEmpty())
        return oauthError(503, QStringLiteral("temporarily_unavailable"),
                          tr("too many requests pending"));
    if (autoApprove)
        decideCiba(handle, true);
    return Reply::tokens(
        QJsonObject{{QStringLiteral("auth_req_id"), handle},
                    {QStringLiteral("expires_in"), lifetime},
                    {QStringLiteral("interval"), SandboxDeferredGrants::defaultInterval}});
}

HttpResponse SandboxProvider::backchannelPage(const HttpRequest &request)
{
    QString notice;
    if (request.method == "POST") {
        Form form;
        if (!Reply::isForm(request) || !Reply::parseForm(request.body, &form))
            return errorPage(400, tr("The form was not understood."));
        const bool allow = form.value(QStringLiteral("decision")) == QLatin1String("allow");
        if (!decideCiba(form.value(QStringLiteral("auth_req_id")), allow))
            return errorPage(400, tr("This request has expired or was decided already."));
        notice = allow ? tr("Approved.") : tr("Denied.");
    }
    QString body;
    if (!notice.isEmpty())
        body +=
            QStringLiteral("<p role=\"status\">") + Reply::escape(notice) + QStringLiteral("</p>");
    body += QStringLiteral("<p>") +
            Reply::escape(tr("Sign-in requests that applications sent for the test users "
                             "(CIBA). A login_hint ending in \"+auto\" is approved without "
                             "this page.")) +
            QStringLiteral("</p>\n");
    const auto pending = m_deferred.pendingCiba();
    if (pending.isEmpty())
        body += QStringLiteral("<p>") + Reply::escape(tr("No request is waiting.")) +
                QStringLiteral("</p>");
    for (const auto &entry : pending) {
        const QString hidden =
            QStringLiteral("<input type=\"hidden\" name=\"auth_req_id\" value=\"") +
            Reply::escape(entry.first) + QStringLiteral("\">");
        body += QStringLiteral("<section><p>") +
                Reply::escape(tr("%1 asks %2 to sign in. Binding message: %3. Scopes: %4.")
                                  .arg(entry.second.clientId, entry.second.sub,
                                       entry.second.bindingMessage.isEmpty()
                                           ? tr("(none)")
                                           : entry.second.bindingMessage,
                                       entry.second.scopes.join(QLatin1Char(' ')))) +
                QStringLiteral("</p><form method=\"post\" action=\"/backchannel\">") + hidden +
                QStringLiteral("<button type=\"submit\" name=\"decision\" value=\"allow\">") +
                Reply::escape(tr("Approve")) +
                QStringLiteral("</button> <button type=\"submit\" name=\"decision\" "
                               "value=\"deny\">") +
                Reply::escape(tr("Deny")) + QStringLiteral("</button></form></section>\n");
    }
    return page(200, tr("Pending sign-in requests"), body);
}

bool SandboxProvider::decideCiba(const QString &handle, bool allow)
{
    if (!m_deferred.decide(handle, allow))
        return false;
    const SandboxDeferredGrants::Request *decided = m_deferred.request(handle);
    if (decided && decided->notificationEndpoint.isValid()) {
        if (m_notifications.size() >= maxNotifications)
            m_notifications.removeFirst(); // nobody carries them: keep the newest
        Notification notification;
        notification.endpoint = decided->notificationEndpoint;
        notification.bearer = decided->notificationToken.toLatin1();
        notification.body = QJsonDocument(QJsonObject{{QStringLiteral("auth_req_id"), handle}})
                                .toJson(QJsonDocument::Compact);
        notification.clientId = decided->clientId;
        m_notifications.append(notification);
    }
    return true;
}

QList<SandboxProvider::Notification> SandboxProvider::takeNotifications()
{
    return std::exchange(m_notifications, {});
}

// ---- token exchange (RFC 8693) ---------------------------------------------------------

HttpResponse SandboxProvider::tokenFromExchange(const SandboxClient &client, const Form &form)
{
    auto invalidRequest = [](const QString &description) {
        return oauthError(400, QStringLiteral("invalid_request"), description);
    };
    // What a presented token says: its subject, scopes, actor and user claims.
    struct Presented
    {
        QString sub;
        QStringList scopes;
        QJsonObject act;
        QJsonObject userClaims;
    };
    auto resolve = [this](const QString &value, const QString &type, Presented *out) {
        if (value.isEmpty())
            return false;
        if (type == tokenTypePrefix + QStringLiteral("access_token") ||
            type == tokenTypePrefix + QStringLiteral("refresh_token")) {
            const Token *token = activeToken(value);
            const bool refresh = type.endsWith(QLatin1String("refresh_token"));
            if (!token || token->refresh != refresh)
                return false;
            out->sub = token->sub.isEmpty() ? token->clientId : token->sub;
            out->scopes = token->scopes;
            out->act = token->act;
            out->userClaims = m_grants.value(token->grantId).userClaims;
            return true;
        }
        if (type != tokenTypePrefix + QStringLiteral("id_token") &&
            type != tokenTypePrefix + QStringLiteral("jwt"))
            return false;
        const Jose::JwsToken::ParseResult parsed = Jose::JwsToken::parseCompact(value.toLatin1());
        if (parsed.isError() || !parsed.token().payloadIsJsonObject())
            return false;
        const Jose::JwkSet keys =
            Jose::JwkSet::fromJson(QJsonDocument(m_keys.jwks()).toJson(QJsonDocument::Compact));
        if (!Jose::JwsVerifier::verify(parsed.token(), keys).isVerified())
            return false;
        const QJsonObject claims = parsed.token().payloadObject();
        qint64 exp = 0;
        if (claims.value(QLatin1String("iss")).toString() != m_issuer ||
            claims.value(QLatin1String("sub")).toString().isEmpty() ||
            !SandboxClientAssertion::numericDate(claims.value(QLatin1String("exp")), &exp) ||
            exp <= m_clock.now().toSecsSinceEpoch())
            return false;
        out->sub = claims.value(QLatin1String("sub")).toString();
        out->scopes = claims.value(QLatin1String("scope"))
                          .toString(QStringLiteral("openid"))
                          .split(QLatin1Char(' '), Qt::SkipEmptyParts);
        out->act = claims.value(QLatin1String("act")).toObject();
        bool known = false;
        const SandboxUser user = m_directory.user(out->sub, &known);
        out->userClaims = user.claims;
        return true;
    };

    const QString subjectToken = form.value(QStringLiteral("subject_token"));
    const QString subjectType = form.value(QStringLiteral("subject_token_type"));
    if (subjectToken.isEmpty() || subjectType.isEmpty())
        return invalidRequest(tr("subject_token and subject_token_type are required"));
    Presented subject;
    if (!resolve(subjectToken, subjectType, &subject))
        return invalidRequest(tr("subject_token is not an active token of subject_token_type "
                                 "that the sandbox issued or signed"));
    const QString actorToken = form.value(QStringLiteral("actor_token"));
    const QString actorType = form.value(QStringLiteral("actor_token_type"));
    if (actorToken.isEmpty() != actorType.isEmpty())
        return invalidRequest(tr("actor_token and actor_token_type go together"));
    QJsonObject act = subject.act;
    if (!actorToken.isEmpty()) {
        Presented actor;
        if (!resolve(actorToken, actorType, &actor))
            return invalidRequest(tr("actor_token is not an active token of actor_token_type "
                                     "that the sandbox issued or signed"));
        QJsonObject outer{{QStringLiteral("sub"), actor.sub}};
        if (!subject.act.isEmpty())
            outer.insert(QStringLiteral("act"), subject.act); // §4.1: the prior actor nests
        act = outer;
    }
    QStringList scopes = subject.scopes;
    if (form.contains(QStringLiteral("scope"))) {
        if (!readScopes(form.value(QStringLiteral("scope")), &scopes))
            return oauthError(400, QStringLiteral("invalid_scope"), tr("unknown scope"));
        for (const QString &scope : std::as_const(scopes))
            if (!subject.scopes.contains(scope))
                return oauthError(400, QStringLiteral("invalid_scope"),
                                  tr("an exchange may not widen the subject token's scope"));
    }
    QStringList audience;
    if (form.contains(QStringLiteral("audience")))
        audience.append(form.value(QStringLiteral("audience")));
    if (form.contains(QStringLiteral("resource"))) {
        const QUrl resource(form.value(QStringLiteral("resource")), QUrl::StrictMode);
        if (!resource.isValid() || resource.isRelative() || resource.hasFragment())
            return oauthError(400, QStringLiteral("invalid_target"),
                              tr("resource must be an absolute URI without fragment"));
        audience.append(resource.toString());
    }
    for (const QString &a : std::as_const(audience))
        if (a.isEmpty())
            return oauthError(400, QStringLiteral("invalid_target"), tr("audience is empty"));

    const QString requested = form.value(QStringLiteral("requested_token_type"),
                                         tokenTypePrefix + QStringLiteral("access_token"));
    const qint64 now = m_clock.now().toSecsSinceEpoch();
    if (requested == tokenTypePrefix + QStringLiteral("jwt")) {
        QJsonObject claims{{QStringLiteral("iss"), m_issuer},
                           {QStringLiteral("sub"), subject.sub},
                           {QStringLiteral("iat"), now},
                           {QStringLiteral("exp"), now + accessTokenLifetime},
                           {QStringLiteral("jti"), newId(16)},
                           {QStringLiteral("client_id"), client.id},
                           {QStringLiteral("scope"), scopes.join(QLatin1Char(' '))}};
        claims.insert(QStringLiteral("aud"),
                      audience.isEmpty() ? QJsonValue(client.id)
                                         : QJsonValue(QJsonArray::fromStringList(audience)));
        if (!act.isEmpty())
            claims.insert(QStringLiteral("act"), act);
        const QByteArray jwt = m_keys.sign(QStringLiteral("RS256"),
                                           QJsonDocument(claims).toJson(QJsonDocument::Compact));
        return Reply::tokens(QJsonObject{{QStringLiteral("access_token"), QString::fromLatin1(jwt)},
                                         {QStringLiteral("issued_token_type"), requested},
                                         {QStringLiteral("token_type"), QStringLiteral("N_A")},
                                         {QStringLiteral("expires_in"), accessTokenLifetime},
                                         {QStringLiteral("scope"), scopes.join(QLatin1Char(' '))}});
    }
    if (requested != tokenTypePrefix + QStringLiteral("access_token"))
        return invalidRequest(tr("requested_token_type must be access_token or jwt"));
    const QString grantId = newId();
    Grant grant;
    grant.clientId = client.id;
    grant.sub = subject.sub;
    grant.userClaims = subject.userClaims;
    grant.scopes = scopes;
    grant.authTime = m_clock.now();
    grant.sid = newId(16);
    m_grants.insert(grantId, grant);
    const QString accessToken = issueAccessToken(grantId, client.id, subject.sub, scopes);
    Token &issued = m_tokens[accessToken];
    issued.act = act;
    issued.audience = audience;
    return Reply::tokens(QJsonObject{{QStringLiteral("access_token"), accessToken},
                                     {QStringLiteral("issued_token_type"), requested},
                                     {QStringLiteral("token_type"), QStringLiteral("Bearer")},
                                     {QStringLiteral("expires_in"), accessTokenLifetime},
                                     {QStringLiteral("scope"), scopes.join(QLatin1Char(' '))}});
}

// ---- JWT bearer authorization grant (RFC 7523 §2.1) ------------------------------------

HttpResponse SandboxProvider::tokenFromJwtBearer(const SandboxClient &client, const Form &form)
{
    const QByteArray assertion = form.value(QStringLiteral("assertion")).toLatin1();
    if (assertion.isEmpty())
        return oauthError(400, QStringLiteral("invalid_request"), tr("assertion is missing"));
    QStringList scopes;
    if (!readScopes(form.value(QStringLiteral("scope")), &scopes))
        return oauthError(400, QStringLiteral("invalid_scope"), tr("unknown scope"));
    const SandboxClientAssertion::Result result =
        m_assertions.verify(assertion, client, assertionAudiences(),
                            SandboxClientAssertion::Purpose::AuthorizationGrant);
    if (!result.ok)
        return oauthError(400, QStringLiteral("invalid_grant"), result.description);
    const QString sub = result.claims.value(QLatin1String("sub")).toString();
    for (const SandboxUser &user : m_directory.users())
        if (user.sub == sub)
            return tokensForUser(client, user.sub, user.claims, scopes, m_clock.now(), {}, false);
    return oauthError(400, QStringLiteral("invalid_grant"),
                      tr("sub must name a test user (alice, bob, li.lei)"));
}

} // namespace Tokenscope::Sandbox
