#include "RegisterCommand.h"

#include "ExitCode.h"
#include "profiles/ProfileManager.h"
#include "profiles/ProfileStore.h"

#include <QCommandLineParser>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>

namespace Tokenscope::Cli {

using Operation = Endpoints::RegistrationResult::Operation;

RegisterCommand::RegisterCommand(QNetworkAccessManager *network, const Clock &clock,
                                 RandomSource &random, Profiles::ProfileStore *store,
                                 Profiles::SecretStore *keychain, Profiles::SecretStore *memory,
                                 QObject *parent)
    : ProviderCommand(QStringLiteral("register"), network, clock, random, parent)
    , m_registration(new Endpoints::RegistrationClient(m_http, this))
    , m_store(store)
    , m_keychain(keychain)
    , m_memory(memory)
{
    connect(m_registration, &Endpoints::RegistrationClient::finished, this,
            &RegisterCommand::onRegistered);
}

void RegisterCommand::onRegistered(const Endpoints::RegistrationResult &result)
{
    QJsonObject object{
        {QStringLiteral("action"), Endpoints::RegistrationClient::operationName(result.operation)},
        {QStringLiteral("http_status"), result.httpStatus}};
    if (!result.client.isEmpty())
        object.insert(QStringLiteral("client"), result.client);
    if (result.ok() && !m_saveProfile.isEmpty()) {
        m_output.addExchanges(result.exchanges);
        Endpoints::RegistrationResult rest = result;
        rest.exchanges.clear();
        saveProfile(rest, object);
        return;
    }
    finishWith(object, result.checks, result.exchanges, result.error);
}

void RegisterCommand::saveProfile(const Endpoints::RegistrationResult &result,
                                  const QJsonObject &object)
{
    using namespace Profiles;
    Profile profile = Profile::create(m_saveProfile);
    if (!m_issuer.isEmpty())
        profile.provider.issuer = QUrl(m_issuer);
    profile.client.clientId = result.clientId;
    profile.client.authMethod =
        result.client.value(QLatin1String("token_endpoint_auth_method")).toString();
    for (const QJsonValue uri : result.client.value(QLatin1String("redirect_uris")).toArray())
        profile.client.redirectUris.append(QUrl(uri.toString()));
    profile.client.defaultScopes = result.client.value(QLatin1String("scope"))
                                       .toString()
                                       .split(QLatin1Char(' '), Qt::SkipEmptyParts);
    QMap<SecretKind, QByteArray> secrets;
    if (!result.clientSecret.isEmpty() && !m_noKeychain)
        secrets.insert(SecretKind::ClientSecret, result.clientSecret.toUtf8());
    auto *manager = new ProfileManager(*m_store, m_noKeychain ? *m_memory : *m_keychain, this);
    manager->save(
        profile, secrets, SaveMode::Guarded, this,
        [this, result, object](const ProfileSaveResult &saved) {
            QJsonObject withProfile = object;
            withProfile.insert(
                QStringLiteral("saved_profile"),
                QJsonObject{{QStringLiteral("name"), saved.profile.name},
                            {QStringLiteral("id"), saved.profile.id.toString(QUuid::WithoutBraces)},
                            {QStringLiteral("client_secret_stored"),
                             saved.profile.secrets.contains(Profiles::SecretKind::ClientSecret)}});
            AuthCode::FlowError error;
            if (!saved.ok()) {
                error.kind = AuthCode::FlowError::Kind::Usage;
                error.message = tr("The client was registered but the profile “%1” was not saved: "
                                   "%2")
                                    .arg(m_saveProfile, saved.error.message);
            } else if (!saved.notStored().isEmpty()) {
                // The keychain refused the secret: the CLI contract's exit code 5.
                QJsonObject json = withProfile;
                QJsonArray validation;
                for (const Finding &finding : result.checks)
                    validation.append(finding.toJson());
                json.insert(QStringLiteral("validation"), validation);
                m_output.setResult(json);
                m_output.setError(
                    {QStringLiteral("keychain"),
                     tr("The profile “%1” was saved without its client secret: %2")
                         .arg(m_saveProfile, saved.notStored().constFirst().error.message),
                     {},
                     {},
                     {},
                     {}});
                m_output.print();
                emit finished(ExitCode::KeychainError);
                return;
            }
            finishWith(withProfile, result.checks, {}, error);
        });
}

RegisterCommand::~RegisterCommand() = default;

QString RegisterCommand::summary()
{
    return tr("Register a client (RFC 7591); read, update or delete it (RFC 7592).");
}

QStringList RegisterCommand::endpointNames() const
{
    return {QStringLiteral("registration_endpoint")};
}

bool RegisterCommand::needsEndpoint() const
{
    return m_operation == Operation::Register;
}

void RegisterCommand::addOptions(QCommandLineParser &parser)
{
    auto add = [&parser](const char *name, const QString &description, const QString &value) {
        parser.addOption(QCommandLineOption(QString::fromLatin1(name), description, value));
    };
    add("redirect-uri", tr("A redirect URI to register. Repeatable."), tr("uri"));
    add("client-name", tr("The client_name."), tr("name"));
    add("grant-type", tr("A grant type to register. Repeatable."), tr("grant"));
    add("response-type", tr("A response type to register. Repeatable."), tr("type"));
    add("token-endpoint-auth-method", tr("The token_endpoint_auth_method to register."),
        tr("method"));
    add("metadata", tr("More client metadata: a JSON object, or a file holding one."),
        tr("json|file"));
    add("initial-access-token", tr("The initial access token the provider asks for."), tr("token"));
    add("action", tr("register (default), read, update or delete."), tr("action"));
    add("registration-client-uri", tr("read, update, delete: the client's URI."), tr("uri"));
    add("registration-access-token", tr("read, update, delete: its access token."), tr("token"));
    add("save-profile",
        tr("Save the registered client as a new profile with this name (its secret in the "
           "keychain)."),
        tr("name"));
}

QString RegisterCommand::readOptions(const QCommandLineParser &parser)
{
    const QString action = parser.value(QStringLiteral("action"));
    if (action.isEmpty() || action == QLatin1String("register"))
        m_operation = Operation::Register;
    else if (action == QLatin1String("read"))
        m_operation = Operation::Read;
    else if (action == QLatin1String("update"))
        m_operation = Operation::Update;
    else if (action == QLatin1String("delete"))
        m_operation = Operation::Delete;
    else
        return tr("--action takes register, read, update or delete, not “%1”").arg(action);
    const QString metadata = parser.value(QStringLiteral("metadata"));
    if (!metadata.isEmpty()) {
        QByteArray json = metadata.toUtf8();
        if (!metadata.trimmed().startsWith(QLatin1Char('{'))) {
            QFile file(metadata);
            if (!file.open(QIODevice::ReadOnly))
                return tr("--metadata: cannot read “%1”").arg(metadata);
            json = file.readAll();
        }
        const QJsonDocument document = QJsonDocument::fromJson(json);
        if (!document.isObject())
            return tr("--metadata: not a JSON object");
        m_metadata = document.object();
    }
    auto list = [&parser](const char *option) {
        QJsonArray array;
        for (const QString &value : parser.values(QString::fromLatin1(option)))
            array.append(value);
        return array;
    };
    if (parser.isSet(QStringLiteral("redirect-uri")))
        m_metadata.insert(QStringLiteral("redirect_uris"), list("redirect-uri"));
    if (parser.isSet(QStringLiteral("grant-type")))
        m_metadata.insert(QStringLiteral("grant_types"), list("grant-type"));
    if (parser.isSet(QStringLiteral("response-type")))
        m_metadata.insert(QStringLiteral("response_types"), list("response-type"));
    if (parser.isSet(QStringLiteral("client-name")))
        m_metadata.insert(QStringLiteral("client_name"),
                          parser.value(QStringLiteral("client-name")));
    if (parser.isSet(QStringLiteral("token-endpoint-auth-method")))
        m_metadata.insert(QStringLiteral("token_endpoint_auth_method"),
                          parser.value(QStringLiteral("token-endpoint-auth-method")));
    m_initialAccessToken = parser.value(QStringLiteral("initial-access-token"));
    m_clientUri = QUrl(parser.value(QStringLiteral("registration-client-uri")), QUrl::StrictMode);
    m_registrationAccessToken = parser.value(QStringLiteral("registration-access-token"));
    m_saveProfile = parser.value(QStringLiteral("save-profile"));
    m_noKeychain = parser.isSet(QStringLiteral("no-keychain"));
    if (!m_saveProfile.isEmpty()) {
        if (m_operation != Operation::Register)
            return tr("--save-profile only goes with a registration");
        if (m_store == nullptr || m_keychain == nullptr || m_memory == nullptr)
            return tr("--save-profile: no profile store");
        if (!m_store->findByName(m_saveProfile).error.isError())
            return tr("--save-profile: a profile “%1” exists already").arg(m_saveProfile);
    }
    if (m_operation != Operation::Register &&
        (!m_clientUri.isValid() || m_registrationAccessToken.isEmpty()))
        return tr("--action %1 needs --registration-client-uri and --registration-access-token")
            .arg(action);
    if (m_operation == Operation::Register &&
        !m_metadata.contains(QLatin1String("redirect_uris")) &&
        !m_metadata.value(QLatin1String("grant_types"))
             .toArray()
             .contains(QJsonValue(QStringLiteral("client_credentials"))))
        return tr("register needs --redirect-uri (or --metadata with redirect_uris)");
    return {};
}

void RegisterCommand::act()
{
    if (!m_scope.isEmpty() && !m_metadata.contains(QLatin1String("scope")))
        m_metadata.insert(QStringLiteral("scope"), m_scope);
    switch (m_operation) {
    case Operation::Register:
        m_registration->registerClient(endpoint(QStringLiteral("registration_endpoint")),
                                       m_metadata, m_initialAccessToken);
        break;
    case Operation::Read:
        m_registration->readClient(m_clientUri, m_registrationAccessToken);
        break;
    case Operation::Update:
        m_metadata.insert(QStringLiteral("client_id"), m_client.clientId);
        m_registration->updateClient(m_clientUri, m_registrationAccessToken, m_metadata);
        break;
    case Operation::Delete:
        m_registration->deleteClient(m_clientUri, m_registrationAccessToken);
        break;
    }
}

} // namespace Tokenscope::Cli
