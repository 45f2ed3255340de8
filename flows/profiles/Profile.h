#pragma once

#include "SecretKey.h"

#include <QDateTime>
#include <QJsonObject>
#include <QList>
#include <QMap>
#include <QString>
#include <QStringList>
#include <QUrl>
#include <QUuid>

namespace Tokenscope::Profiles {

// A saved provider + client configuration. Plain values: the model holds references to
// secret material, never a secret (those live in a SecretStore under SecretKey keys).

struct Parameter
{
    QString name;
    QString value;
    friend bool operator==(const Parameter &a, const Parameter &b)
    {
        return a.name == b.name && a.value == b.value;
    }
};

struct ProviderSettings
{
    QUrl issuer; // discovery starts here; may be empty when every endpoint is explicit
    // Explicit endpoints, keyed by their RFC 8414 metadata name ("token_endpoint", …); they
    // override what discovery found.
    QMap<QString, QUrl> endpoints;
    // The last discovery document and when it was fetched (UTC); empty when never fetched.
    QJsonObject discoveryDocument;
    QDateTime discoveryFetchedAt;
    // The built-in sandbox provider: the app starts it when the profile is used and takes
    // its issuer and metadata from it (its port changes from run to run). JSON "sandbox".
    bool builtInSandbox = false;

    friend bool operator==(const ProviderSettings &a, const ProviderSettings &b)
    {
        return a.issuer == b.issuer && a.endpoints == b.endpoints &&
               a.builtInSandbox == b.builtInSandbox && a.discoveryDocument == b.discoveryDocument &&
               a.discoveryFetchedAt == b.discoveryFetchedAt;
    }
};

struct TlsSettings
{
    QString caFile; // PEM of extra trusted CAs (Http::HttpOptions::caFile)
    QList<QByteArray> trustedCertificateSha256; // hex fingerprints trusted despite errors

    friend bool operator==(const TlsSettings &a, const TlsSettings &b)
    {
        return a.caFile == b.caFile && a.trustedCertificateSha256 == b.trustedCertificateSha256;
    }
};

struct ClientSettings
{
    QString clientId;
    QString authMethod; // token_endpoint_auth_method name: client_secret_basic, none, …
    QList<QUrl> redirectUris;
    QStringList defaultScopes;
    QList<Parameter> extraAuthorizationParameters; // ordered, names may repeat
    QList<Parameter> extraTokenParameters;
    QString pkceMethod;   // "S256", "plain" or "none"; empty: the flow's default
    QString responseType; // e.g. "code", "code id_token"; empty: the flow's default
    QString responseMode; // "query", "fragment", "form_post"; empty: the flow's default
    // How the browser step's redirect is captured: "embedded_browser", "system_browser"
    // (loopback listener) or "paste"; empty: the embedded browser.
    QString redirectCapture;
    // The embedded browser's session: "fresh" (a new one each run) or "persistent" (kept
    // per profile, so the provider's SSO sticks); empty: fresh.
    QString browserSession;
    TlsSettings tls;

    friend bool operator==(const ClientSettings &a, const ClientSettings &b)
    {
        return a.clientId == b.clientId && a.authMethod == b.authMethod &&
               a.redirectUris == b.redirectUris && a.defaultScopes == b.defaultScopes &&
               a.extraAuthorizationParameters == b.extraAuthorizationParameters &&
               a.extraTokenParameters == b.extraTokenParameters && a.pkceMethod == b.pkceMethod &&
               a.responseType == b.responseType && a.responseMode == b.responseMode &&
               a.redirectCapture == b.redirectCapture && a.browserSession == b.browserSession &&
               a.tls == b.tls;
    }
};

// Where a piece of secret material is: in the secret store (under SecretKey::build(id,
// kind)) or in a file the user named (a PEM key or certificate). Never the value itself.
struct SecretRef
{
    enum class Location
    {
        SecretStore, // JSON "keychain"
        File,        // JSON "file" + path
    };
    Location location = Location::SecretStore;
    QString path; // Location::File only

    friend bool operator==(const SecretRef &a, const SecretRef &b)
    {
        return a.location == b.location && a.path == b.path;
    }
};

struct Profile
{
    QUuid id; // stable: file name and secret keys follow it, renaming keeps both
    QString name;
    QString notes;
    ProviderSettings provider;
    ClientSettings client;
    QMap<SecretKind, SecretRef> secrets; // a kind absent here has no stored material
    bool storeRefreshTokens = false;     // the user asked to keep refresh tokens

    // A new profile with a fresh random id.
    static Profile create(const QString &name);

    friend bool operator==(const Profile &a, const Profile &b)
    {
        return a.id == b.id && a.name == b.name && a.notes == b.notes && a.provider == b.provider &&
               a.client == b.client && a.secrets == b.secrets &&
               a.storeRefreshTokens == b.storeRefreshTokens;
    }
    friend bool operator!=(const Profile &a, const Profile &b) { return !(a == b); }
};

} // namespace Tokenscope::Profiles
