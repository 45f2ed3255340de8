#include "SandboxRegistration.h"

#include "SandboxKeys.h"
#include "jose/JwkSet.h"

#include <QJsonArray>
#include <QJsonDocument>

namespace Tokenscope::Sandbox {

namespace {

bool stringList(const QJsonObject &metadata, const QString &name, QStringList *out)
{
    const QJsonValue value = metadata.value(name);
    if (value.isUndefined())
        return true;
    if (!value.isArray())
        return false;
    out->clear();
    for (const QJsonValue &v : value.toArray()) {
        if (!v.isString())
            return false;
        out->append(v.toString());
    }
    return true;
}

bool uriList(const QJsonObject &metadata, const QString &name, QList<QUrl> *out)
{
    QStringList texts;
    if (!stringList(metadata, name, &texts))
        return false;
    out->clear();
    for (const QString &text : texts) {
        const QUrl url(text, QUrl::StrictMode);
        if (!url.isValid() || url.isRelative() || url.hasFragment())
            return false;
        out->append(url);
    }
    return true;
}

// The sandbox only ever POSTs to the machine it runs on: a client notification endpoint
// elsewhere would let any registrant make the sandbox send requests across the network.
bool loopbackUrl(const QUrl &url)
{
    const QString host = url.host();
    return (url.scheme() == QLatin1String("http") || url.scheme() == QLatin1String("https")) &&
           (host == QLatin1String("127.0.0.1") || host == QLatin1String("::1") ||
            host == QLatin1String("localhost"));
}

QJsonArray urlArray(const QList<QUrl> &urls)
{
    QJsonArray out;
    for (const QUrl &url : urls)
        out.append(url.toString());
    return out;
}

} // namespace

QStringList SandboxRegistration::supportedAuthMethods()
{
    return {QStringLiteral("client_secret_basic"), QStringLiteral("client_secret_post"),
            QStringLiteral("client_secret_jwt"), QStringLiteral("private_key_jwt"),
            QStringLiteral("none")};
}

QStringList SandboxRegistration::supportedGrantTypes()
{
    return {QStringLiteral("authorization_code"), QStringLiteral("implicit"),
            QStringLiteral("refresh_token"),      QStringLiteral("client_credentials"),
            QStringLiteral("password"),           SandboxDirectory::deviceCodeGrant(),
            SandboxDirectory::cibaGrant(),        SandboxDirectory::tokenExchangeGrant(),
            SandboxDirectory::jwtBearerGrant()};
}

SandboxRegistration::Problem SandboxRegistration::read(const QJsonObject &metadata,
                                                       SandboxClient *client)
{
    auto bad = [](const QString &description) {
        return Problem{QStringLiteral("invalid_client_metadata"), description};
    };
    if (!uriList(metadata, QStringLiteral("redirect_uris"), &client->redirectUris))
        return Problem{QStringLiteral("invalid_redirect_uri"),
                       tr("redirect_uris must be an array of absolute URIs without fragment")};
    if (!uriList(metadata, QStringLiteral("post_logout_redirect_uris"),
                 &client->postLogoutRedirectUris))
        return bad(tr("post_logout_redirect_uris must be an array of absolute URIs"));

    const QJsonValue method = metadata.value(QLatin1String("token_endpoint_auth_method"));
    if (!method.isUndefined() && !method.isString())
        return bad(tr("token_endpoint_auth_method must be a string"));
    client->authMethod = method.toString(QStringLiteral("client_secret_basic"));
    if (!supportedAuthMethods().contains(client->authMethod))
        return bad(tr("unsupported token_endpoint_auth_method"));

    client->grantTypes = {QStringLiteral("authorization_code")};
    if (!stringList(metadata, QStringLiteral("grant_types"), &client->grantTypes))
        return bad(tr("grant_types must be an array of strings"));
    for (const QString &grant : client->grantTypes)
        if (!supportedGrantTypes().contains(grant))
            return bad(tr("unsupported grant type: %1").arg(grant));

    QStringList responseTypes{QStringLiteral("code")};
    if (!stringList(metadata, QStringLiteral("response_types"), &responseTypes))
        return bad(tr("response_types must be an array of strings"));
    client->responseTypes.clear();
    for (const QString &type : responseTypes) {
        const QString normalized = SandboxDirectory::normalizeResponseType(type);
        if (normalized.isEmpty())
            return bad(tr("unsupported response type"));
        client->responseTypes.append(normalized);
    }
    // RFC 7591 §2.1: the response types and grant types must agree.
    const bool needsCode = client->grantTypes.contains(QLatin1String("authorization_code"));
    const bool needsImplicit = client->grantTypes.contains(QLatin1String("implicit"));
    for (const QString &type : client->responseTypes) {
        if (type.contains(QLatin1String("code")) && !needsCode)
            return bad(tr("a code response type needs the authorization_code grant type"));
        if (type.contains(QLatin1String("token")) && !needsImplicit)
            return bad(tr("a token or id_token response type needs the implicit grant type"));
    }
    if ((needsCode || needsImplicit) && client->redirectUris.isEmpty())
        return Problem{QStringLiteral("invalid_redirect_uri"),
                       tr("redirect_uris is required for the authorization_code and implicit "
                          "grant types")};
    if (!needsCode && !needsImplicit)
        client->responseTypes.clear();

    const QJsonValue jwks = metadata.value(QLatin1String("jwks"));
    if (metadata.contains(QLatin1String("jwks_uri")))
        return bad(tr("jwks_uri is not supported by the sandbox; send jwks"));
    if (!jwks.isUndefined()) {
        if (!jwks.isObject())
            return bad(tr("jwks must be a JWK Set object"));
        const Jose::JwkSet set =
            Jose::JwkSet::fromJson(QJsonDocument(jwks.toObject()).toJson(QJsonDocument::Compact));
        if (set.isError() || set.isEmpty())
            return bad(tr("jwks holds no usable key"));
        for (const Jose::Jwk &key : set.keys)
            if (key.isPrivate())
                return bad(tr("jwks must hold public keys only"));
        client->jwks = jwks.toObject();
    } else {
        client->jwks = {};
    }
    if (client->authMethod == QLatin1String("private_key_jwt") && client->jwks.isEmpty())
        return bad(tr("private_key_jwt needs jwks"));
    if (client->grantTypes.contains(SandboxDirectory::jwtBearerGrant()) && client->jwks.isEmpty())
        return bad(tr("the jwt-bearer grant type needs jwks"));

    // CIBA Registration (CIBA Core §4): poll (the default) or ping; push is not offered.
    const QJsonValue mode = metadata.value(QLatin1String("backchannel_token_delivery_mode"));
    if (!mode.isUndefined() && !mode.isString())
        return bad(tr("backchannel_token_delivery_mode must be a string"));
    client->backchannelTokenDeliveryMode = mode.toString(QStringLiteral("poll"));
    if (client->backchannelTokenDeliveryMode != QLatin1String("poll") &&
        client->backchannelTokenDeliveryMode != QLatin1String("ping"))
        return bad(tr("unsupported backchannel_token_delivery_mode (poll or ping)"));
    const QJsonValue notify =
        metadata.value(QLatin1String("backchannel_client_notification_endpoint"));
    client->backchannelClientNotificationEndpoint = QUrl();
    if (!notify.isUndefined()) {
        const QUrl url(notify.toString(), QUrl::StrictMode);
        if (!notify.isString() || !url.isValid() || url.isRelative() || url.hasFragment())
            return bad(tr("backchannel_client_notification_endpoint must be an absolute URL"));
        if (!loopbackUrl(url))
            return bad(tr("the sandbox notifies loopback addresses only (127.0.0.1, ::1, "
                          "localhost)"));
        client->backchannelClientNotificationEndpoint = url;
    }
    if (client->isCibaPing()) {
        if (!client->grantTypes.contains(SandboxDirectory::cibaGrant()))
            return bad(tr("ping mode needs the CIBA grant type"));
        if (!client->backchannelClientNotificationEndpoint.isValid())
            return bad(tr("ping mode needs backchannel_client_notification_endpoint"));
    }

    const QJsonValue alg = metadata.value(QLatin1String("id_token_signed_response_alg"));
    client->idTokenAlg = alg.toString(QStringLiteral("RS256"));
    if (!SandboxKeys::algorithms().contains(client->idTokenAlg))
        return bad(tr("unsupported id_token_signed_response_alg"));
    const QJsonValue name = metadata.value(QLatin1String("client_name"));
    if (!name.isUndefined() && (!name.isString() || name.toString().size() > 200))
        return bad(tr("client_name must be a string of at most 200 characters"));
    client->clientName = name.toString();
    return {};
}

QJsonObject SandboxRegistration::write(const SandboxClient &client, const QString &registrationUri)
{
    QJsonObject out{
        {QStringLiteral("client_id"), client.id},
        {QStringLiteral("client_id_issued_at"), client.issuedAt},
        {QStringLiteral("token_endpoint_auth_method"), client.authMethod},
        {QStringLiteral("grant_types"), QJsonArray::fromStringList(client.grantTypes)},
        {QStringLiteral("response_types"), QJsonArray::fromStringList(client.responseTypes)},
        {QStringLiteral("redirect_uris"), urlArray(client.redirectUris)},
        {QStringLiteral("id_token_signed_response_alg"), client.idTokenAlg},
    };
    if (!client.postLogoutRedirectUris.isEmpty())
        out.insert(QStringLiteral("post_logout_redirect_uris"),
                   urlArray(client.postLogoutRedirectUris));
    if (!client.secret.isEmpty()) {
        out.insert(QStringLiteral("client_secret"), QString::fromLatin1(client.secret));
        out.insert(QStringLiteral("client_secret_expires_at"), 0);
    }
    if (!client.jwks.isEmpty())
        out.insert(QStringLiteral("jwks"), client.jwks);
    if (!client.clientName.isEmpty())
        out.insert(QStringLiteral("client_name"), client.clientName);
    if (client.grantTypes.contains(SandboxDirectory::cibaGrant()))
        out.insert(QStringLiteral("backchannel_token_delivery_mode"),
                   client.backchannelTokenDeliveryMode);
    if (client.backchannelClientNotificationEndpoint.isValid())
        out.insert(QStringLiteral("backchannel_client_notification_endpoint"),
                   client.backchannelClientNotificationEndpoint.toString());
    if (client.isDynamic()) {
        out.insert(QStringLiteral("registration_access_token"),
                   QString::fromLatin1(client.registrationAccessToken));
        out.insert(QStringLiteral("registration_client_uri"), registrationUri);
    }
    return out;
}

} // namespace Tokenscope::Sandbox
