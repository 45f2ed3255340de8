#include "ProfileCommand.h"

#include "CommandParser.h"
#include "ExitCode.h"
#include "ProfileOptions.h"
#include "common/Clock.h"
#include "profiles/ProfileJson.h"
#include "profiles/ProfileStore.h"

#include <QCommandLineParser>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QSaveFile>

namespace Tokenscope::Cli {

using namespace Profiles;

namespace {

// A secret value for JSON (only with --show-secrets): text when it is UTF-8, else base64.
QJsonValue secretText(const QByteArray &value)
{
    const QString text = QString::fromUtf8(value);
    if (text.toUtf8() == value && !value.contains('\0'))
        return text;
    return QString(QStringLiteral("base64:") + QString::fromLatin1(value.toBase64()));
}

QJsonArray kindNames(const QList<SecretKind> &kinds)
{
    QJsonArray array;
    for (const SecretKind kind : kinds)
        array.append(SecretKey::kindName(kind));
    return array;
}

} // namespace

struct ProfileCommand::Request
{
    QString subcommand;
    QStringList names;
    bool noKeychain = false;
    bool showSecrets = false;
    // save
    Profile profile;
    bool exists = false;
    SecretValues secrets;
    // export
    QString output;
    bool includeSecrets = false;
    QByteArray passphrase;
    // import
    bool dryRun = false;
    bool overwrite = false;
    ExportReadResult imported;
    QList<ImportAction> plan;
    QJsonArray applied;
    QJsonArray notStored;
};

ProfileCommand::ProfileCommand(ProfileStore &store, SecretStore &keychain, SecretStore &memory,
                               const Clock &clock, RandomSource &random, QObject *parent)
    : QObject(parent)
    , m_store(store)
    , m_keychain(keychain)
    , m_memory(memory)
    , m_clock(clock)
    , m_random(random)
    , m_request(std::make_unique<Request>())
{}

ProfileCommand::~ProfileCommand() = default;

QString ProfileCommand::summary()
{
    return tr("Saved profiles: list, show NAME, save NAME, delete NAME, export [NAME…] "
              "--output FILE, import FILE. Secrets live in the keychain.");
}

QString ProfileCommand::secretStoreName() const
{
    return m_request->noKeychain ? QStringLiteral("memory") : QStringLiteral("keychain");
}

int ProfileCommand::prepare(const QStringList &arguments)
{
    CommandParser command(QStringLiteral("profile"), summary(), m_output);
    QCommandLineParser &parser = command.parser();
    auto usageError = [&command](const QString &message) {
        return command.usageError(message);
    };
    auto option = [&parser](const char *name, const QString &description,
                            const QString &value = QString()) {
        QCommandLineOption o(QString::fromLatin1(name), description, value);
        parser.addOption(o);
        return o;
    };
    parser.addPositionalArgument(QStringLiteral("SUBCOMMAND"),
                                 tr("list, show, save, delete, export or import."));
    parser.addPositionalArgument(QStringLiteral("NAME"),
                                 tr("The profile (export: any number; import: the FILE)."));
    const auto noKeychain =
        option("no-keychain", tr("Do not use the keychain: secrets live in memory for this run "
                                 "only, and a saved profile records none."));
    const auto issuer = option("issuer", tr("save: the issuer URL."), tr("url"));
    QList<QCommandLineOption> endpointOptions;
    const QStringList endpointNames = ProfileOptions::endpointNames();
    for (const QString &endpoint : endpointNames) {
        QCommandLineOption o(ProfileOptions::optionFor(endpoint), tr("save: the %1.").arg(endpoint),
                             tr("url"));
        parser.addOption(o);
        endpointOptions.append(o);
    }
    const auto clientId = option("client-id", tr("save: the client_id."), tr("id"));
    const auto secretEnv = option(
        "client-secret-env", tr("save: read the client secret from this variable."), tr("var"));
    const auto secretFile = option("client-secret-file",
                                   tr("save: read the client secret from this file."), tr("file"));
    const auto passwordEnv =
        option("password-env", tr("save: read the resource owner's password from this variable."),
               tr("var"));
    const auto privateKeyFile = option(
        "private-key-file",
        tr("save: store this PEM private key (private_key_jwt) in the keychain."), tr("file"));
    const auto dpopKeyFile =
        option("dpop-key-file",
               tr("save: store this PEM private key (DPoP proofs) in the keychain."), tr("file"));
    const auto requestObjectKeyFile =
        option("request-object-key-file",
               tr("save: store this PEM private key (signed request objects) in the keychain."),
               tr("file"));
    const auto clientCertFile = option("client-cert-file",
                                       tr("save: store this PEM client certificate (mTLS) in the "
                                          "keychain; with --client-key-file."),
                                       tr("file"));
    const auto clientKeyFile = option(
        "client-key-file",
        tr("save: store the client certificate's PEM private key in the keychain."), tr("file"));
    const auto refreshTokenEnv =
        option("refresh-token-env",
               tr("save: store the refresh token in this variable (needs --store-refresh-tokens)."),
               tr("var"));
    const auto storeRefreshTokens =
        option("store-refresh-tokens", tr("save: the profile keeps refresh tokens."));
    const auto authMethod =
        option("auth-method", tr("save: the token endpoint auth method."), tr("method"));
    const auto scope =
        option("scope", tr("save: the default scope (space-separated)."), tr("scope"));
    const auto redirectUri =
        option("redirect-uri", tr("save: a redirect URI. Repeatable."), tr("uri"));
    const auto pkce = option("pkce", tr("save: S256, plain or none."), tr("method"));
    const auto responseType = option("response-type", tr("save: the response type."), tr("type"));
    const auto responseMode =
        option("response-mode", tr("save: query, fragment or form_post."), tr("mode"));
    const auto param =
        option("param", tr("save: an extra authorization parameter NAME=VALUE. Repeatable."),
               tr("name=value"));
    const auto tokenParam =
        option("token-param", tr("save: an extra token request parameter NAME=VALUE. Repeatable."),
               tr("name=value"));
    const auto notes = option("notes", tr("save: free text."), tr("text"));
    const auto rename =
        option("rename", tr("save: the profile's new name (its secrets stay)."), tr("name"));
    const auto output = option("output", tr("export: the file to write."), tr("file"));
    const auto includeSecrets = option(
        "include-secrets",
        tr("export: include the secrets, encrypted with a passphrase (AES-256-GCM, scrypt)."));
    const auto passphraseEnv = option(
        "passphrase-env", tr("export/import: read the passphrase from this variable."), tr("var"));
    const auto dryRun = option("dry-run", tr("import: show what would be done, change nothing."));
    const auto overwrite =
        option("overwrite", tr("import: replace profiles that exist (same id or name)."));

    Http::HttpOptions connection;
    if (const int stop = command.parse(arguments, &connection); stop >= 0)
        return stop;

    Request &r = *m_request;
    const QStringList positional = parser.positionalArguments();
    r.subcommand = positional.value(1);
    r.names = positional.mid(2);
    r.noKeychain = parser.isSet(noKeychain);
    r.showSecrets = parser.isSet(QStringLiteral("show-secrets"));
    m_manager = new ProfileManager(m_store, r.noKeychain ? m_memory : m_keychain, this);

    auto readEnv = [&parser](const QCommandLineOption &o, QByteArray *out) -> QString {
        const QString name = parser.value(o);
        const QByteArray variable = name.toLocal8Bit();
        if (!qEnvironmentVariableIsSet(variable.constData()))
            return tr("--%1: the variable %2 is not set").arg(o.names().constFirst(), name);
        *out = qgetenv(variable.constData());
        return {};
    };
    auto needOneName = [&]() -> QString {
        if (r.names.isEmpty())
            return tr("profile %1 needs a NAME").arg(r.subcommand);
        if (r.names.size() > 1)
            return tr("profile %1 takes one NAME; unexpected “%2”")
                .arg(r.subcommand, r.names.at(1));
        return {};
    };

    if (r.subcommand == QLatin1String("list")) {
        if (!r.names.isEmpty())
            return usageError(tr("profile list takes no NAME"));
        return -1;
    }
    if (r.subcommand == QLatin1String("show") || r.subcommand == QLatin1String("delete")) {
        if (const QString problem = needOneName(); !problem.isEmpty())
            return usageError(problem);
        return -1;
    }
    if (r.subcommand == QLatin1String("export")) {
        r.output = parser.value(output);
        if (r.output.isEmpty())
            return usageError(tr("profile export needs --output FILE"));
        r.includeSecrets = parser.isSet(includeSecrets);
        if (r.includeSecrets) {
            if (!parser.isSet(passphraseEnv))
                return usageError(tr("--include-secrets needs --passphrase-env VAR: the secrets "
                                     "are encrypted with that passphrase"));
            if (const QString problem = readEnv(passphraseEnv, &r.passphrase); !problem.isEmpty())
                return usageError(problem);
            if (r.passphrase.isEmpty())
                return usageError(tr("--passphrase-env: the passphrase is empty"));
        } else if (parser.isSet(passphraseEnv)) {
            return usageError(tr("--passphrase-env is for --include-secrets (secrets are left out "
                                 "by default)"));
        }
        return -1;
    }
    if (r.subcommand == QLatin1String("import")) {
        if (const QString problem = needOneName(); !problem.isEmpty())
            return usageError(tr("profile import needs one FILE"));
        r.dryRun = parser.isSet(dryRun);
        r.overwrite = parser.isSet(overwrite);
        if (parser.isSet(passphraseEnv)) {
            if (const QString problem = readEnv(passphraseEnv, &r.passphrase); !problem.isEmpty())
                return usageError(problem);
        }
        return -1;
    }
    if (r.subcommand != QLatin1String("save")) {
        return usageError(r.subcommand.isEmpty()
                              ? tr("profile needs a SUBCOMMAND: list, show, save, delete, export "
                                   "or import")
                              : tr("unknown profile subcommand “%1”").arg(r.subcommand));
    }

    // save NAME: creates, or updates only what is given.
    if (const QString problem = needOneName(); !problem.isEmpty())
        return usageError(problem);
    const QString name = r.names.constFirst();
    if (name.trimmed().isEmpty())
        return usageError(tr("a profile name cannot be blank"));
    const ProfileLoad found = m_store.findByName(name);
    if (found.error.isError() && found.error.kind != ProfileError::Kind::NotFound)
        return usageError(found.error.message);
    r.exists = !found.error.isError();
    r.profile = r.exists ? found.profile : Profile::create(name);
    Profile &p = r.profile;
    if (parser.isSet(rename)) {
        const QString newName = parser.value(rename);
        if (newName.trimmed().isEmpty())
            return usageError(tr("--rename: a profile name cannot be blank"));
        const ProfileLoad other = m_store.findByName(newName);
        if (!other.error.isError() && other.profile.id != p.id)
            return usageError(tr("--rename: a profile named “%1” exists").arg(newName));
        p.name = newName;
    }
    auto readUrl = [&parser](const QCommandLineOption &o, QUrl *out) -> QString {
        const QUrl url(parser.value(o), QUrl::StrictMode);
        if (!url.isValid() || url.scheme().isEmpty() || url.host().isEmpty())
            return tr("--%1 takes a URL, not “%2”").arg(o.names().constFirst(), parser.value(o));
        *out = url;
        return {};
    };
    if (parser.isSet(issuer)) {
        if (const QString problem = readUrl(issuer, &p.provider.issuer); !problem.isEmpty())
            return usageError(problem);
    }
    for (qsizetype i = 0; i < endpointOptions.size(); ++i) {
        if (!parser.isSet(endpointOptions.at(i)))
            continue;
        QUrl url;
        if (const QString problem = readUrl(endpointOptions.at(i), &url); !problem.isEmpty())
            return usageError(problem);
        p.provider.endpoints.insert(endpointNames.at(i), url);
    }
    if (parser.isSet(clientId))
        p.client.clientId = parser.value(clientId);
    if (parser.isSet(authMethod)) {
        static const QStringList methods{QStringLiteral("none"),
                                         QStringLiteral("client_secret_basic"),
                                         QStringLiteral("client_secret_post"),
                                         QStringLiteral("client_secret_jwt"),
                                         QStringLiteral("private_key_jwt"),
                                         QStringLiteral("tls_client_auth"),
                                         QStringLiteral("self_signed_tls_client_auth")};
        if (!methods.contains(parser.value(authMethod)))
            return usageError(
                tr("--auth-method takes one of %1, not “%2”")
                    .arg(methods.join(QStringLiteral(", ")), parser.value(authMethod)));
        p.client.authMethod = parser.value(authMethod);
    }
    if (parser.isSet(scope))
        p.client.defaultScopes = parser.value(scope).split(u' ', Qt::SkipEmptyParts);
    if (parser.isSet(redirectUri)) {
        p.client.redirectUris.clear();
        const QStringList uris = parser.values(redirectUri);
        for (const QString &text : uris) {
            const QUrl uri(text, QUrl::StrictMode);
            if (!uri.isValid() || uri.scheme().isEmpty())
                return usageError(tr("--redirect-uri takes a URI, not “%1”").arg(text));
            p.client.redirectUris.append(uri);
        }
    }
    if (parser.isSet(pkce)) {
        const QString value = parser.value(pkce);
        if (value != QLatin1String("S256") && value != QLatin1String("plain") &&
            value != QLatin1String("none"))
            return usageError(tr("--pkce takes S256, plain or none, not “%1”").arg(value));
        p.client.pkceMethod = value;
    }
    if (parser.isSet(responseType))
        p.client.responseType = parser.value(responseType);
    if (parser.isSet(responseMode)) {
        const QString value = parser.value(responseMode);
        if (value != QLatin1String("query") && value != QLatin1String("fragment") &&
            value != QLatin1String("form_post"))
            return usageError(
                tr("--response-mode takes query, fragment or form_post, not “%1”").arg(value));
        p.client.responseMode = value;
    }
    if (parser.isSet(param)) {
        p.client.extraAuthorizationParameters.clear();
        const QStringList params = parser.values(param);
        for (const QString &text : params) {
            const qsizetype equals = text.indexOf(u'=');
            if (equals <= 0)
                return usageError(tr("--param takes NAME=VALUE, not “%1”").arg(text));
            p.client.extraAuthorizationParameters.append({text.left(equals), text.mid(equals + 1)});
        }
    }
    if (parser.isSet(tokenParam)) {
        p.client.extraTokenParameters.clear();
        const QStringList params = parser.values(tokenParam);
        for (const QString &text : params) {
            const qsizetype equals = text.indexOf(u'=');
            if (equals <= 0)
                return usageError(tr("--token-param takes NAME=VALUE, not “%1”").arg(text));
            p.client.extraTokenParameters.append({text.left(equals), text.mid(equals + 1)});
        }
    }
    if (parser.isSet(notes))
        p.notes = parser.value(notes);
    if (!connection.caFile.isEmpty())
        p.client.tls.caFile = QFileInfo(connection.caFile).absoluteFilePath();
    if (!connection.trustedCertificateSha256.isEmpty())
        p.client.tls.trustedCertificateSha256 = connection.trustedCertificateSha256;
    if (parser.isSet(storeRefreshTokens))
        p.storeRefreshTokens = true;

    if (parser.isSet(secretEnv) && parser.isSet(secretFile))
        return usageError(tr("give --client-secret-env or --client-secret-file, not both"));
    QByteArray value;
    if (parser.isSet(secretEnv)) {
        if (const QString problem = readEnv(secretEnv, &value); !problem.isEmpty())
            return usageError(problem);
        r.secrets.insert(SecretKind::ClientSecret, value);
    } else if (parser.isSet(secretFile)) {
        QFile file(parser.value(secretFile));
        if (!file.open(QIODevice::ReadOnly))
            return usageError(tr("--client-secret-file: cannot read “%1”").arg(file.fileName()));
        value = file.readAll();
        while (value.endsWith('\n') || value.endsWith('\r'))
            value.chop(1);
        r.secrets.insert(SecretKind::ClientSecret, value);
    }
    if (parser.isSet(passwordEnv)) {
        if (const QString problem = readEnv(passwordEnv, &value); !problem.isEmpty())
            return usageError(problem);
        r.secrets.insert(SecretKind::Password, value);
    }
    // The PEM material: each from its file, into the keychain under its own kind.
    const QList<QPair<QCommandLineOption, SecretKind>> pemFiles{
        {privateKeyFile, SecretKind::PrivateKey},
        {dpopKeyFile, SecretKind::DpopKey},
        {requestObjectKeyFile, SecretKind::RequestObjectKey},
        {clientCertFile, SecretKind::ClientCertificate},
        {clientKeyFile, SecretKind::ClientKey}};
    for (const auto &[o, kind] : pemFiles) {
        if (!parser.isSet(o))
            continue;
        QFile file(parser.value(o));
        if (!file.open(QIODevice::ReadOnly))
            return usageError(
                tr("--%1: cannot read “%2”").arg(o.names().constFirst(), file.fileName()));
        r.secrets.insert(kind, file.readAll());
    }
    if (parser.isSet(clientCertFile) != parser.isSet(clientKeyFile)) {
        const SecretKind other =
            parser.isSet(clientCertFile) ? SecretKind::ClientKey : SecretKind::ClientCertificate;
        if (!p.secrets.contains(other))
            return usageError(tr("a client certificate needs its key: give --client-cert-file "
                                 "and --client-key-file"));
    }
    if (parser.isSet(refreshTokenEnv)) {
        if (!p.storeRefreshTokens)
            return usageError(tr("--refresh-token-env needs --store-refresh-tokens: the profile "
                                 "does not keep refresh tokens"));
        if (const QString problem = readEnv(refreshTokenEnv, &value); !problem.isEmpty())
            return usageError(problem);
        r.secrets.insert(SecretKind::RefreshToken, value);
    }
    for (auto it = r.secrets.cbegin(); it != r.secrets.cend(); ++it) {
        if (it.value().isEmpty())
            return usageError(tr("the %1 given is empty").arg(SecretKey::kindName(it.key())));
    }
    return -1;
}

void ProfileCommand::run()
{
    const QString &sub = m_request->subcommand;
    m_result.insert(QStringLiteral("subcommand"), sub);
    m_result.insert(QStringLiteral("secret_store"), secretStoreName());
    if (sub == QLatin1String("list"))
        list();
    else if (sub == QLatin1String("show"))
        show();
    else if (sub == QLatin1String("save"))
        save();
    else if (sub == QLatin1String("delete"))
        remove();
    else if (sub == QLatin1String("export"))
        exportProfiles();
    else
        importProfiles();
}

void ProfileCommand::finish(int exitCode)
{
    m_output.setResult(m_result);
    m_output.print();
    emit finished(exitCode);
}

void ProfileCommand::fail(const QString &kind, const QString &message, int exitCode,
                          const QJsonObject &details)
{
    m_output.setError({kind, message, {}, {}, {}, details});
    finish(exitCode);
}

QJsonObject ProfileCommand::summaryOf(const Profile &profile) const
{
    QJsonArray secrets; // [{"kind", "stored_in"}]: references only, never a value
    for (auto it = profile.secrets.cbegin(); it != profile.secrets.cend(); ++it) {
        secrets.append(
            QJsonObject{{QStringLiteral("kind"), SecretKey::kindName(it.key())},
                        {QStringLiteral("stored_in"), it->location == SecretRef::Location::File
                                                          ? QStringLiteral("file")
                                                          : QStringLiteral("keychain")}});
    }
    return QJsonObject{
        {QStringLiteral("name"), profile.name},
        {QStringLiteral("id"), profile.id.toString(QUuid::WithoutBraces)},
        {QStringLiteral("issuer"), profile.provider.issuer.toString(QUrl::FullyEncoded)},
        {QStringLiteral("client_id"), profile.client.clientId},
        {QStringLiteral("auth_method"), profile.client.authMethod},
        {QStringLiteral("secrets"), secrets},
    };
}

void ProfileCommand::list()
{
    const ProfileListing listing = m_store.list();
    QJsonArray profiles;
    for (const Profile &profile : listing.profiles)
        profiles.append(summaryOf(profile));
    QJsonArray problems;
    for (const ProfileProblem &problem : listing.problems) {
        problems.append(
            QJsonObject{{QStringLiteral("path"), problem.path},
                        {QStringLiteral("kind"), ProfileError::kindName(problem.error.kind)},
                        {QStringLiteral("message"), problem.error.message}});
    }
    m_result.insert(QStringLiteral("directory"), m_store.directory());
    m_result.insert(QStringLiteral("profiles"), profiles);
    m_result.insert(QStringLiteral("problems"), problems);
    finish(ExitCode::Ok);
}

void ProfileCommand::show()
{
    const ProfileLoad found = m_store.findByName(m_request->names.constFirst());
    if (found.error.isError()) {
        fail(QStringLiteral("profile_") + ProfileError::kindName(found.error.kind),
             found.error.message, ExitCode::Usage);
        return;
    }
    m_result.insert(QStringLiteral("file"), m_store.pathFor(found.profile.id));
    m_result.insert(QStringLiteral("profile"), ProfileJson::toJson(found.profile));
    if (!m_request->showSecrets) {
        finish(ExitCode::Ok);
        return;
    }
    readSecrets({found.profile}, [this,
                                  id = found.profile.id](const QHash<QUuid, SecretValues> &values,
                                                         const QJsonArray &failures) {
        QJsonObject shown;
        const SecretValues mine = values.value(id);
        for (auto it = mine.cbegin(); it != mine.cend(); ++it)
            shown.insert(SecretKey::kindName(it.key()), secretText(it.value()));
        m_result.insert(QStringLiteral("secret_values"), shown);
        if (!failures.isEmpty()) {
            fail(QStringLiteral("keychain"),
                 tr("could not read %1 secret(s) from the %2: %3")
                     .arg(failures.size())
                     .arg(secretStoreName(),
                          failures.at(0).toObject().value(QStringLiteral("message")).toString()),
                 ExitCode::KeychainError, {{QStringLiteral("not_read"), failures}});
            return;
        }
        finish(ExitCode::Ok);
    });
}

void ProfileCommand::readSecrets(
    const QList<Profile> &profiles,
    std::function<void(const QHash<QUuid, SecretValues> &, const QJsonArray &)> done)
{
    struct State
    {
        int pending = 0;
        QHash<QUuid, SecretValues> values;
        QJsonArray failures;
        std::function<void(const QHash<QUuid, SecretValues> &, const QJsonArray &)> done;
    };
    auto state = std::make_shared<State>();
    state->done = std::move(done);
    QList<std::pair<Profile, SecretKind>> wanted;
    for (const Profile &profile : profiles) {
        for (auto it = profile.secrets.cbegin(); it != profile.secrets.cend(); ++it) {
            if (it->location == SecretRef::Location::SecretStore)
                wanted.append({profile, it.key()});
        }
    }
    if (wanted.isEmpty()) {
        QMetaObject::invokeMethod(
            this, [state] { state->done(state->values, state->failures); }, Qt::QueuedConnection);
        return;
    }
    state->pending = int(wanted.size());
    for (const auto &[profile, kind] : std::as_const(wanted)) {
        m_manager->readSecret(
            profile.id, kind, this,
            [state, kind = kind, id = profile.id, name = profile.name](const SecretResult &read) {
                if (read.ok()) {
                    state->values[id].insert(kind, read.value);
                } else {
                    state->failures.append(QJsonObject{
                        {QStringLiteral("profile"), name},
                        {QStringLiteral("kind"), SecretKey::kindName(kind)},
                        {QStringLiteral("reason"), SecretError::kindName(read.error.kind)},
                        {QStringLiteral("message"), read.error.message}});
                }
                if (--state->pending == 0)
                    state->done(state->values, state->failures);
            });
    }
}

void ProfileCommand::reportSaved(const ProfileSaveResult &saved, const QString &action)
{
    Request &r = *m_request;
    m_result.insert(QStringLiteral("action"), action);
    m_result.insert(QStringLiteral("file"), m_store.pathFor(saved.profile.id));
    m_result.insert(QStringLiteral("profile"), summaryOf(saved.profile));
    QJsonArray secrets;
    QJsonArray notStored;
    QStringList notStoredNames;
    for (const SecretOutcome &outcome : saved.secrets) {
        const bool done = outcome.status == SecretOutcome::Status::Done;
        QJsonObject entry{{QStringLiteral("kind"), SecretKey::kindName(outcome.kind)},
                          {QStringLiteral("stored"), done}};
        if (!done) {
            entry.insert(QStringLiteral("reason"), outcome.status == SecretOutcome::Status::Refused
                                                       ? QStringLiteral("refused")
                                                       : SecretError::kindName(outcome.error.kind));
            entry.insert(QStringLiteral("message"), outcome.error.message);
            notStored.append(entry);
            notStoredNames.append(SecretKey::kindName(outcome.kind));
        }
        secrets.append(entry);
    }
    if (r.noKeychain) {
        // --no-keychain: what was given is kept in this run's memory only; the saved file
        // records none of it.
        for (auto it = r.secrets.cbegin(); it != r.secrets.cend(); ++it) {
            secrets.append(
                QJsonObject{{QStringLiteral("kind"), SecretKey::kindName(it.key())},
                            {QStringLiteral("stored"), false},
                            {QStringLiteral("reason"), QStringLiteral("no_keychain")},
                            {QStringLiteral("message"),
                             tr("--no-keychain: not stored (the keychain was not used)")}});
        }
    }
    m_result.insert(QStringLiteral("secrets"), secrets);
    if (!saved.ok()) {
        fail(QStringLiteral("profile_") + ProfileError::kindName(saved.error.kind),
             tr("profile “%1” was not saved: %2").arg(saved.profile.name, saved.error.message),
             ExitCode::Usage, // a local file, like any file named on the command line
             {{QStringLiteral("path"), saved.error.path}});
        return;
    }
    if (!notStored.isEmpty()) {
        const SecretOutcome first = saved.notStored().constFirst();
        QString why;
        switch (first.error.kind) {
        case SecretError::Kind::Unavailable:
            why = tr("the keychain is unavailable (no secret service)");
            break;
        case SecretError::Kind::Locked:
            why = tr("the keychain is locked or refused access");
            break;
        default:
            why = tr("the keychain refused it");
            break;
        }
        fail(QStringLiteral("keychain"),
             tr("profile “%1” was saved without %2: %3 (%4). Nothing of it was written to disk.")
                 .arg(saved.profile.name, notStoredNames.join(QStringLiteral(", ")), why,
                      first.error.message),
             ExitCode::KeychainError, {{QStringLiteral("not_stored"), notStored}});
        return;
    }
    finish(ExitCode::Ok);
}

void ProfileCommand::save()
{
    Request &r = *m_request;
    const QString action = r.exists ? QStringLiteral("updated") : QStringLiteral("created");
    const SecretValues secrets = r.noKeychain ? SecretValues() : r.secrets;
    m_manager->save(r.profile, secrets, SaveMode::Guarded, this,
                    [this, action](const ProfileSaveResult &saved) { reportSaved(saved, action); });
}

void ProfileCommand::remove()
{
    const ProfileLoad found = m_store.findByName(m_request->names.constFirst());
    if (found.error.isError()) {
        fail(QStringLiteral("profile_") + ProfileError::kindName(found.error.kind),
             found.error.message, ExitCode::Usage);
        return;
    }
    m_manager->remove(
        found.profile.id, this,
        [this, profile = found.profile](const ProfileDeleteResult &deleted) {
            m_result.insert(QStringLiteral("deleted"), summaryOf(profile));
            if (deleted.error.isError() && deleted.error.kind != ProfileError::Kind::NotFound) {
                fail(QStringLiteral("profile_") + ProfileError::kindName(deleted.error.kind),
                     deleted.error.message, ExitCode::Usage); // a local file
                return;
            }
            if (!deleted.secretsNotDeleted.isEmpty()) {
                QJsonArray notDeleted;
                QStringList names;
                for (const SecretOutcome &outcome : deleted.secretsNotDeleted) {
                    names.append(SecretKey::kindName(outcome.kind));
                    notDeleted.append(QJsonObject{
                        {QStringLiteral("kind"), SecretKey::kindName(outcome.kind)},
                        {QStringLiteral("reason"), SecretError::kindName(outcome.error.kind)},
                        {QStringLiteral("message"), outcome.error.message}});
                }
                fail(QStringLiteral("keychain"),
                     tr("profile “%1” was deleted, but not its keychain entries %2: %3")
                         .arg(profile.name, names.join(QStringLiteral(", ")),
                              deleted.secretsNotDeleted.constFirst().error.message),
                     ExitCode::KeychainError, {{QStringLiteral("not_deleted"), notDeleted}});
                return;
            }
            finish(ExitCode::Ok);
        });
}

void ProfileCommand::exportProfiles()
{
    Request &r = *m_request;
    const ProfileListing listing = m_store.list();
    QList<Profile> chosen;
    if (r.names.isEmpty()) {
        chosen = listing.profiles;
    } else {
        for (const QString &name : std::as_const(r.names)) {
            const ProfileLoad found = m_store.findByName(name);
            if (found.error.isError()) {
                fail(QStringLiteral("profile_") + ProfileError::kindName(found.error.kind),
                     found.error.message, ExitCode::Usage);
                return;
            }
            chosen.append(found.profile);
        }
    }
    auto write = [this, chosen](const QHash<QUuid, SecretValues> &values) {
        Request &r = *m_request;
        ExportOptions options;
        options.includeSecrets = r.includeSecrets;
        options.passphrase = r.passphrase;
        const ExportWriteResult written =
            ProfileExport::write(chosen, values, options, m_random, m_clock.now());
        if (!written.ok()) {
            fail(ProfileExportError::kindName(written.error.kind), written.error.message,
                 ExitCode::Usage);
            return;
        }
        QSaveFile file(r.output);
        if (!file.open(QIODevice::WriteOnly) ||
            !file.setPermissions(QFileDevice::ReadOwner | QFileDevice::WriteOwner) ||
            file.write(written.document) != written.document.size() || !file.commit()) {
            fail(QStringLiteral("io"),
                 tr("cannot write “%1”: %2").arg(r.output, file.errorString()),
                 ExitCode::Usage); // a local file
            return;
        }
        QJsonArray names;
        for (const Profile &profile : chosen)
            names.append(profile.name);
        m_result.insert(QStringLiteral("file"), QFileInfo(r.output).absoluteFilePath());
        m_result.insert(QStringLiteral("profiles"), names);
        m_result.insert(QStringLiteral("secrets_included"), r.includeSecrets);
        if (r.includeSecrets) {
            m_result.insert(QStringLiteral("encryption"),
                            QJsonObject{{QStringLiteral("cipher"), QStringLiteral("AES-256-GCM")},
                                        {QStringLiteral("kdf"), QStringLiteral("scrypt")},
                                        {QStringLiteral("n"), double(options.kdf.n)},
                                        {QStringLiteral("r"), double(options.kdf.r)},
                                        {QStringLiteral("p"), double(options.kdf.p)}});
        }
        finish(ExitCode::Ok);
    };
    if (!r.includeSecrets) {
        write({});
        return;
    }
    readSecrets(chosen, [this, write](const QHash<QUuid, SecretValues> &values,
                                      const QJsonArray &failures) {
        if (!failures.isEmpty()) {
            fail(QStringLiteral("keychain"),
                 tr("nothing was exported: %1 secret(s) could not be read from the %2: %3")
                     .arg(failures.size())
                     .arg(secretStoreName(),
                          failures.at(0).toObject().value(QStringLiteral("message")).toString()),
                 ExitCode::KeychainError, {{QStringLiteral("not_read"), failures}});
            return;
        }
        write(values);
    });
}

void ProfileCommand::importProfiles()
{
    Request &r = *m_request;
    QFile file(r.names.constFirst());
    if (!file.open(QIODevice::ReadOnly)) {
        fail(QStringLiteral("usage"),
             tr("cannot read “%1”: %2").arg(file.fileName(), file.errorString()), ExitCode::Usage);
        return;
    }
    r.imported = ProfileExport::read(file.readAll(), r.passphrase);
    const ProfileExportError &error = r.imported.error;
    const bool previewOnly = error.kind == ProfileExportError::Kind::PassphraseRequired && r.dryRun;
    if (error.isError() && r.imported.profiles.isEmpty()) {
        const bool authentication = error.kind == ProfileExportError::Kind::WrongPassphrase ||
                                    error.kind == ProfileExportError::Kind::Tampered;
        fail(ProfileExportError::kindName(error.kind), error.message,
             authentication ? ExitCode::ValidationFailed : ExitCode::Usage,
             {{QStringLiteral("field"), error.field}});
        return;
    }

    r.plan = ProfileImport::plan(r.imported.profiles, m_store.list().profiles, r.overwrite);
    QJsonArray plan;
    for (qsizetype i = 0; i < r.plan.size(); ++i) {
        const ImportAction &action = r.plan.at(i);
        QJsonObject entry{
            {QStringLiteral("action"), ImportAction::kindName(action.kind)},
            {QStringLiteral("name"), action.name},
            {QStringLiteral("id"), action.targetId.toString(QUuid::WithoutBraces)},
            {QStringLiteral("reason"), action.reason},
            {QStringLiteral("secrets"),
             kindNames(r.imported.secrets.value(action.incomingId).keys())},
            {QStringLiteral("secrets_left_out"),
             kindNames(r.imported.secretsLeftOut.value(action.incomingId))},
        };
        if (!action.existingName.isEmpty())
            entry.insert(QStringLiteral("existing_name"), action.existingName);
        plan.append(entry);
    }
    m_result.insert(QStringLiteral("file"), QFileInfo(file).absoluteFilePath());
    m_result.insert(QStringLiteral("dry_run"), r.dryRun);
    m_result.insert(QStringLiteral("encrypted_secrets"), r.imported.hasEncryptedSecrets);
    m_result.insert(QStringLiteral("plan"), plan);
    if (error.isError() && !previewOnly) {
        const bool authentication = error.kind == ProfileExportError::Kind::WrongPassphrase ||
                                    error.kind == ProfileExportError::Kind::Tampered;
        fail(ProfileExportError::kindName(error.kind),
             error.kind == ProfileExportError::Kind::PassphraseRequired
                 ? tr("the file holds encrypted secrets: give --passphrase-env VAR (or "
                      "--dry-run to preview)")
                 : error.message,
             authentication ? ExitCode::ValidationFailed : ExitCode::Usage,
             {{QStringLiteral("field"), error.field}});
        return;
    }
    if (r.dryRun) {
        finish(ExitCode::Ok);
        return;
    }
    importNext(0);
}

void ProfileCommand::importNext(qsizetype index)
{
    Request &r = *m_request;
    while (index < r.plan.size() && r.plan.at(index).kind == ImportAction::Kind::Skip)
        ++index;
    if (index >= r.plan.size()) {
        m_result.insert(QStringLiteral("applied"), r.applied);
        if (!r.notStored.isEmpty()) {
            fail(QStringLiteral("keychain"),
                 tr("the profiles were imported, but %1 secret(s) were not stored in the "
                    "keychain: %2")
                     .arg(r.notStored.size())
                     .arg(r.notStored.at(0).toObject().value(QStringLiteral("message")).toString()),
                 ExitCode::KeychainError, {{QStringLiteral("not_stored"), r.notStored}});
            return;
        }
        finish(ExitCode::Ok);
        return;
    }
    const ImportAction &action = r.plan.at(index);
    const Profile incoming = r.imported.profiles.at(index);
    Profile profile = ProfileImport::apply(action, incoming);
    const SecretValues secrets =
        r.noKeychain ? SecretValues() : r.imported.secrets.value(action.incomingId);
    if (r.noKeychain) {
        // Nothing goes to the keychain: the file must not claim what is not there.
        const QList<SecretKind> delivered = r.imported.secrets.value(action.incomingId).keys();
        for (const SecretKind kind : delivered)
            profile.secrets.remove(kind);
    }
    m_manager->save(
        profile, secrets, SaveMode::Force, this,
        [this, index, name = profile.name, kind = action.kind](const ProfileSaveResult &saved) {
            Request &r = *m_request;
            QJsonObject entry{{QStringLiteral("name"), name},
                              {QStringLiteral("action"), ImportAction::kindName(kind)},
                              {QStringLiteral("saved"), saved.ok()}};
            if (!saved.ok())
                entry.insert(QStringLiteral("message"), saved.error.message);
            r.applied.append(entry);
            for (const SecretOutcome &outcome : saved.notStored()) {
                r.notStored.append(QJsonObject{
                    {QStringLiteral("profile"), name},
                    {QStringLiteral("kind"), SecretKey::kindName(outcome.kind)},
                    {QStringLiteral("reason"), SecretError::kindName(outcome.error.kind)},
                    {QStringLiteral("message"), outcome.error.message}});
            }
            importNext(index + 1);
        });
}

} // namespace Tokenscope::Cli
