#include "ProfileJson.h"

#include <QJsonArray>

namespace Tokenscope::Profiles {

namespace {

QString urlText(const QUrl &url)
{
    return url.toString(QUrl::FullyEncoded);
}

QJsonArray parametersToJson(const QList<Parameter> &parameters)
{
    QJsonArray array;
    for (const Parameter &parameter : parameters) {
        array.append(QJsonObject{{QStringLiteral("name"), parameter.name},
                                 {QStringLiteral("value"), parameter.value}});
    }
    return array;
}

QJsonArray stringsToJson(const QStringList &strings)
{
    return QJsonArray::fromStringList(strings);
}

// Reads members with their types checked; the first wrong one is remembered with its path.
class Reader
{
public:
    ProfileError error;

    QString string(const QJsonObject &object, const QString &member, const QString &path)
    {
        const QJsonValue value = object.value(member);
        if (value.isUndefined() || value.isNull()) {
            return {};
        }
        if (!value.isString()) {
            fail(path, ProfileJson::tr("a string"));
            return {};
        }
        return value.toString();
    }

    QUrl url(const QJsonObject &object, const QString &member, const QString &path)
    {
        const QString text = string(object, member, path);
        if (text.isEmpty()) {
            return {};
        }
        QUrl parsed(text, QUrl::StrictMode);
        if (!parsed.isValid()) {
            fail(path, ProfileJson::tr("a URL"));
            return {};
        }
        return parsed;
    }

    bool boolean(const QJsonObject &object, const QString &member, const QString &path)
    {
        const QJsonValue value = object.value(member);
        if (value.isUndefined() || value.isNull()) {
            return false;
        }
        if (!value.isBool()) {
            fail(path, ProfileJson::tr("true or false"));
            return false;
        }
        return value.toBool();
    }

    QJsonObject object(const QJsonObject &parent, const QString &member, const QString &path)
    {
        const QJsonValue value = parent.value(member);
        if (value.isUndefined() || value.isNull()) {
            return {};
        }
        if (!value.isObject()) {
            fail(path, ProfileJson::tr("an object"));
            return {};
        }
        return value.toObject();
    }

    QStringList strings(const QJsonObject &object, const QString &member, const QString &path)
    {
        QStringList result;
        const QJsonArray array = this->array(object, member, path);
        for (const QJsonValue &value : array) {
            if (!value.isString()) {
                fail(path, ProfileJson::tr("an array of strings"));
                return {};
            }
            result.append(value.toString());
        }
        return result;
    }

    QList<Parameter> parameters(const QJsonObject &object, const QString &member,
                                const QString &path)
    {
        QList<Parameter> result;
        const QJsonArray array = this->array(object, member, path);
        for (const QJsonValue &value : array) {
            const QJsonObject item = value.toObject();
            if (!value.isObject() || !item.value(QStringLiteral("name")).isString() ||
                !item.value(QStringLiteral("value")).isString()) {
                fail(path, ProfileJson::tr("an array of {\"name\", \"value\"} strings"));
                return {};
            }
            result.append({item.value(QStringLiteral("name")).toString(),
                           item.value(QStringLiteral("value")).toString()});
        }
        return result;
    }

private:
    QJsonArray array(const QJsonObject &object, const QString &member, const QString &path)
    {
        const QJsonValue value = object.value(member);
        if (value.isUndefined() || value.isNull()) {
            return {};
        }
        if (!value.isArray()) {
            fail(path, ProfileJson::tr("an array"));
            return {};
        }
        return value.toArray();
    }

    void fail(const QString &path, const QString &expected)
    {
        if (error.isError()) {
            return;
        }
        error.kind = ProfileError::Kind::InvalidField;
        error.field = path;
        error.message = ProfileJson::tr("%1 must be %2").arg(path, expected);
    }
};

} // namespace

QJsonObject ProfileJson::toJson(const Profile &profile)
{
    QJsonObject provider;
    if (!profile.provider.issuer.isEmpty()) {
        provider.insert(QStringLiteral("issuer"), urlText(profile.provider.issuer));
    }
    if (profile.provider.builtInSandbox)
        provider.insert(QStringLiteral("sandbox"), true);
    if (!profile.provider.endpoints.isEmpty()) {
        QJsonObject endpoints;
        for (auto it = profile.provider.endpoints.cbegin(); it != profile.provider.endpoints.cend();
             ++it) {
            endpoints.insert(it.key(), urlText(it.value()));
        }
        provider.insert(QStringLiteral("endpoints"), endpoints);
    }
    if (!profile.provider.discoveryDocument.isEmpty() ||
        profile.provider.discoveryFetchedAt.isValid()) {
        QJsonObject discovery;
        discovery.insert(QStringLiteral("document"), profile.provider.discoveryDocument);
        if (profile.provider.discoveryFetchedAt.isValid()) {
            discovery.insert(
                QStringLiteral("fetched_at"),
                profile.provider.discoveryFetchedAt.toUTC().toString(Qt::ISODateWithMs));
        }
        provider.insert(QStringLiteral("discovery"), discovery);
    }

    const ClientSettings &c = profile.client;
    QJsonObject client;
    client.insert(QStringLiteral("client_id"), c.clientId);
    client.insert(QStringLiteral("auth_method"), c.authMethod);
    QStringList redirectUris;
    for (const QUrl &uri : c.redirectUris) {
        redirectUris.append(urlText(uri));
    }
    client.insert(QStringLiteral("redirect_uris"), stringsToJson(redirectUris));
    client.insert(QStringLiteral("scopes"), stringsToJson(c.defaultScopes));
    client.insert(QStringLiteral("authorization_parameters"),
                  parametersToJson(c.extraAuthorizationParameters));
    client.insert(QStringLiteral("token_parameters"), parametersToJson(c.extraTokenParameters));
    client.insert(QStringLiteral("pkce"), c.pkceMethod);
    client.insert(QStringLiteral("response_type"), c.responseType);
    client.insert(QStringLiteral("response_mode"), c.responseMode);
    client.insert(QStringLiteral("redirect_capture"), c.redirectCapture);
    client.insert(QStringLiteral("browser_session"), c.browserSession);
    QStringList fingerprints;
    for (const QByteArray &fingerprint : c.tls.trustedCertificateSha256) {
        fingerprints.append(QString::fromLatin1(fingerprint));
    }
    client.insert(QStringLiteral("tls"), QJsonObject{{QStringLiteral("ca_file"), c.tls.caFile},
                                                     {QStringLiteral("trusted_certificate_sha256"),
                                                      stringsToJson(fingerprints)}});

    QJsonObject secrets;
    for (auto it = profile.secrets.cbegin(); it != profile.secrets.cend(); ++it) {
        QJsonObject ref;
        if (it.value().location == SecretRef::Location::File) {
            ref.insert(QStringLiteral("stored_in"), QStringLiteral("file"));
            ref.insert(QStringLiteral("path"), it.value().path);
        } else {
            ref.insert(QStringLiteral("stored_in"), QStringLiteral("keychain"));
        }
        secrets.insert(SecretKey::kindName(it.key()), ref);
    }

    return QJsonObject{
        {QStringLiteral("schema_version"), CurrentSchemaVersion},
        {QStringLiteral("id"), profile.id.toString(QUuid::WithoutBraces)},
        {QStringLiteral("name"), profile.name},
        {QStringLiteral("notes"), profile.notes},
        {QStringLiteral("provider"), provider},
        {QStringLiteral("client"), client},
        {QStringLiteral("secrets"), secrets},
        {QStringLiteral("store_refresh_tokens"), profile.storeRefreshTokens},
    };
}

int ProfileJson::schemaVersion(const QJsonObject &document)
{
    const QJsonValue value = document.value(QStringLiteral("schema_version"));
    if (value.isUndefined()) {
        return 0;
    }
    const double number = value.toDouble(-1);
    if (!value.isDouble() || number < 0 || number != static_cast<double>(value.toInt(-1))) {
        return -1;
    }
    return value.toInt();
}

QJsonObject ProfileJson::migrateStep(const QJsonObject &document, int from)
{
    switch (from) {
    case 0:
        return migrate0To1(document);
    default:
        Q_ASSERT_X(false, "ProfileJson::migrateStep", "no migration from this version");
        return document;
    }
}

QJsonObject ProfileJson::migrate0To1(const QJsonObject &v0)
{
    QJsonObject provider;
    if (v0.contains(QStringLiteral("issuer"))) {
        provider.insert(QStringLiteral("issuer"), v0.value(QStringLiteral("issuer")));
    }
    QJsonObject client;
    client.insert(QStringLiteral("client_id"), v0.value(QStringLiteral("client_id")));
    client.insert(QStringLiteral("auth_method"), v0.value(QStringLiteral("auth_method")));
    const QJsonValue scope = v0.value(QStringLiteral("scope"));
    if (scope.isString()) {
        client.insert(QStringLiteral("scopes"),
                      QJsonArray::fromStringList(scope.toString().split(u' ', Qt::SkipEmptyParts)));
    } else if (!scope.isUndefined()) {
        client.insert(QStringLiteral("scopes"), scope); // let the reader name the error
    }
    const QJsonValue redirectUri = v0.value(QStringLiteral("redirect_uri"));
    if (redirectUri.isString()) {
        client.insert(QStringLiteral("redirect_uris"), QJsonArray{redirectUri});
    } else if (!redirectUri.isUndefined()) {
        client.insert(QStringLiteral("redirect_uris"), redirectUri);
    }
    QJsonObject secrets;
    if (v0.value(QStringLiteral("client_secret_in_keychain")).toBool()) {
        secrets.insert(QStringLiteral("client_secret"),
                       QJsonObject{{QStringLiteral("stored_in"), QStringLiteral("keychain")}});
    }

    QJsonObject v1{
        {QStringLiteral("schema_version"), 1},
        {QStringLiteral("name"), v0.value(QStringLiteral("name"))},
        {QStringLiteral("notes"), v0.value(QStringLiteral("notes"))},
        {QStringLiteral("provider"), provider},
        {QStringLiteral("client"), client},
        {QStringLiteral("secrets"), secrets},
    };
    if (v0.contains(QStringLiteral("id"))) {
        v1.insert(QStringLiteral("id"), v0.value(QStringLiteral("id")));
    }
    return v1;
}

ProfileParseResult ProfileJson::fromJson(const QJsonObject &document, const QUuid &fallbackId)
{
    ProfileParseResult result;
    int version = schemaVersion(document);
    result.readVersion = version;
    if (version < 0) {
        result.error = {ProfileError::Kind::InvalidField,
                        tr("schema_version must be a non-negative integer"),
                        {},
                        QStringLiteral("schema_version")};
        return result;
    }
    if (version > CurrentSchemaVersion) {
        result.error = {ProfileError::Kind::NewerSchema,
                        tr("written by a newer Tokenscope (schema version %1, this one reads up "
                           "to %2)")
                            .arg(version)
                            .arg(CurrentSchemaVersion),
                        {},
                        {}};
        return result;
    }
    QJsonObject json = document;
    while (version < CurrentSchemaVersion) {
        json = migrateStep(json, version);
        ++version;
    }

    Reader r;
    Profile &p = result.profile;
    const QString idText = r.string(json, QStringLiteral("id"), QStringLiteral("id"));
    p.id = idText.isEmpty() ? fallbackId : QUuid::fromString(idText);
    if (!r.error.isError() && p.id.isNull()) {
        r.error = {
            ProfileError::Kind::InvalidField, tr("id must be a UUID"), {}, QStringLiteral("id")};
    }
    p.name = r.string(json, QStringLiteral("name"), QStringLiteral("name"));
    p.notes = r.string(json, QStringLiteral("notes"), QStringLiteral("notes"));
    p.storeRefreshTokens = r.boolean(json, QStringLiteral("store_refresh_tokens"),
                                     QStringLiteral("store_refresh_tokens"));

    const QJsonObject provider =
        r.object(json, QStringLiteral("provider"), QStringLiteral("provider"));
    p.provider.issuer =
        r.url(provider, QStringLiteral("issuer"), QStringLiteral("provider.issuer"));
    p.provider.builtInSandbox =
        r.boolean(provider, QStringLiteral("sandbox"), QStringLiteral("provider.sandbox"));
    const QJsonObject endpoints =
        r.object(provider, QStringLiteral("endpoints"), QStringLiteral("provider.endpoints"));
    for (auto it = endpoints.constBegin(); it != endpoints.constEnd(); ++it) {
        p.provider.endpoints.insert(
            it.key(), r.url(endpoints, it.key(), QStringLiteral("provider.endpoints.") + it.key()));
    }
    const QJsonObject discovery =
        r.object(provider, QStringLiteral("discovery"), QStringLiteral("provider.discovery"));
    p.provider.discoveryDocument = r.object(discovery, QStringLiteral("document"),
                                            QStringLiteral("provider.discovery.document"));
    const QString fetchedAt = r.string(discovery, QStringLiteral("fetched_at"),
                                       QStringLiteral("provider.discovery.fetched_at"));
    if (!fetchedAt.isEmpty()) {
        p.provider.discoveryFetchedAt = QDateTime::fromString(fetchedAt, Qt::ISODateWithMs);
        if (!p.provider.discoveryFetchedAt.isValid() && !r.error.isError()) {
            r.error = {ProfileError::Kind::InvalidField,
                       tr("provider.discovery.fetched_at must be an ISO 8601 time"),
                       {},
                       QStringLiteral("provider.discovery.fetched_at")};
        }
        p.provider.discoveryFetchedAt = p.provider.discoveryFetchedAt.toUTC();
    }

    const QJsonObject client = r.object(json, QStringLiteral("client"), QStringLiteral("client"));
    ClientSettings &c = p.client;
    c.clientId = r.string(client, QStringLiteral("client_id"), QStringLiteral("client.client_id"));
    c.authMethod =
        r.string(client, QStringLiteral("auth_method"), QStringLiteral("client.auth_method"));
    const QStringList redirectUris =
        r.strings(client, QStringLiteral("redirect_uris"), QStringLiteral("client.redirect_uris"));
    for (const QString &uri : redirectUris) {
        c.redirectUris.append(QUrl(uri, QUrl::StrictMode));
    }
    c.defaultScopes = r.strings(client, QStringLiteral("scopes"), QStringLiteral("client.scopes"));
    c.extraAuthorizationParameters =
        r.parameters(client, QStringLiteral("authorization_parameters"),
                     QStringLiteral("client.authorization_parameters"));
    c.extraTokenParameters = r.parameters(client, QStringLiteral("token_parameters"),
                                          QStringLiteral("client.token_parameters"));
    c.pkceMethod = r.string(client, QStringLiteral("pkce"), QStringLiteral("client.pkce"));
    c.responseType =
        r.string(client, QStringLiteral("response_type"), QStringLiteral("client.response_type"));
    c.responseMode =
        r.string(client, QStringLiteral("response_mode"), QStringLiteral("client.response_mode"));
    c.redirectCapture = r.string(client, QStringLiteral("redirect_capture"),
                                 QStringLiteral("client.redirect_capture"));
    c.browserSession = r.string(client, QStringLiteral("browser_session"),
                                QStringLiteral("client.browser_session"));
    const QJsonObject tls = r.object(client, QStringLiteral("tls"), QStringLiteral("client.tls"));
    c.tls.caFile = r.string(tls, QStringLiteral("ca_file"), QStringLiteral("client.tls.ca_file"));
    const QStringList fingerprints =
        r.strings(tls, QStringLiteral("trusted_certificate_sha256"),
                  QStringLiteral("client.tls.trusted_certificate_sha256"));
    for (const QString &fingerprint : fingerprints) {
        c.tls.trustedCertificateSha256.append(fingerprint.toLatin1());
    }

    const QJsonObject secrets =
        r.object(json, QStringLiteral("secrets"), QStringLiteral("secrets"));
    for (auto it = secrets.constBegin(); it != secrets.constEnd(); ++it) {
        const QString path = QStringLiteral("secrets.") + it.key();
        const std::optional<SecretKind> kind = SecretKey::kindFromName(it.key());
        const QJsonObject ref = r.object(secrets, it.key(), path);
        const QString storedIn = r.string(ref, QStringLiteral("stored_in"), path);
        if (r.error.isError()) {
            break;
        }
        if (!kind) {
            r.error = {ProfileError::Kind::InvalidField,
                       tr("%1: unknown kind of secret").arg(path),
                       {},
                       path};
            break;
        }
        if (storedIn == QLatin1String("keychain")) {
            p.secrets.insert(*kind, SecretRef{SecretRef::Location::SecretStore, {}});
        } else if (storedIn == QLatin1String("file")) {
            p.secrets.insert(*kind, SecretRef{SecretRef::Location::File,
                                              r.string(ref, QStringLiteral("path"),
                                                       path + QStringLiteral(".path"))});
        } else {
            r.error = {ProfileError::Kind::InvalidField,
                       tr("%1.stored_in must be \"keychain\" or \"file\"").arg(path),
                       {},
                       path + QStringLiteral(".stored_in")};
            break;
        }
    }

    result.error = r.error;
    return result;
}

} // namespace Tokenscope::Profiles
