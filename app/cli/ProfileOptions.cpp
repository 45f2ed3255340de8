#include "ProfileOptions.h"

#include "CliOutput.h"
#include "ExitCode.h"
#include "profiles/ProfileStore.h"
#include "profiles/SecretStore.h"

#include <QJsonArray>

#include <memory>

namespace Tokenscope::Cli {

using Profiles::SecretKey;
using Profiles::SecretKind;
using Profiles::SecretRef;

namespace {

bool isLoopback(const QUrl &url)
{
    return url.scheme() == QLatin1String("http") &&
           (url.host() == QLatin1String("127.0.0.1") || url.host() == QLatin1String("localhost"));
}

// The value of an option given as "--name VALUE", "--name=VALUE" or with one dash (the CLI
// parses single-dash words as long options); before "--" only.
QString scanValue(const QStringList &arguments, const QString &name)
{
    QString value;
    for (qsizetype i = 2; i < arguments.size(); ++i) {
        const QString &argument = arguments.at(i);
        if (argument == QLatin1String("--")) {
            break;
        }
        for (const QString &prefix : {QStringLiteral("--"), QStringLiteral("-")}) {
            const QString option = prefix + name;
            if (argument == option && i + 1 < arguments.size()) {
                value = arguments.at(++i);
            } else if (argument.startsWith(option + u'=')) {
                value = argument.mid(option.size() + 1);
            }
        }
    }
    return value;
}

} // namespace

ProfileOptions::ProfileOptions(Profiles::ProfileStore &store, Profiles::SecretStore &keychain,
                               Profiles::SecretStore &memory, QObject *parent)
    : QObject(parent)
    , m_store(store)
    , m_keychain(keychain)
    , m_memory(memory)
{}

ProfileOptions::~ProfileOptions()
{
    for (QByteArray &value : m_secrets)
        value.fill('\0');
}

QString ProfileOptions::scanOption(const QStringList &arguments, const QString &name)
{
    return scanValue(arguments, name);
}

QList<SecretKind> ProfileOptions::kindsFor(const QString &command, const QStringList &arguments)
{
    if (command == QLatin1String("discover"))
        return {};
    QList<SecretKind> kinds{SecretKind::ClientSecret, SecretKind::PrivateKey};
    if (command == QLatin1String("token")) {
        const QString grant = scanValue(arguments, QStringLiteral("grant"));
        if (grant == QLatin1String("password") &&
            scanValue(arguments, QStringLiteral("password-env")).isNull())
            kinds.append(SecretKind::Password);
        if (grant == QLatin1String("refresh_token") &&
            scanValue(arguments, QStringLiteral("refresh-token")).isNull())
            kinds.append(SecretKind::RefreshToken);
    }
    return kinds;
}

QStringList ProfileOptions::endpointNames()
{
    return {QStringLiteral("authorization_endpoint"),
            QStringLiteral("token_endpoint"),
            QStringLiteral("userinfo_endpoint"),
            QStringLiteral("introspection_endpoint"),
            QStringLiteral("revocation_endpoint"),
            QStringLiteral("device_authorization_endpoint"),
            QStringLiteral("pushed_authorization_request_endpoint"),
            QStringLiteral("end_session_endpoint"),
            QStringLiteral("registration_endpoint")};
}

QString ProfileOptions::optionFor(const QString &endpointName)
{
    QString option = endpointName;
    return option.replace(u'_', u'-');
}

QString ProfileOptions::scanProfileName(const QStringList &arguments)
{
    return scanValue(arguments, QStringLiteral("profile"));
}

bool ProfileOptions::scanNoKeychain(const QStringList &arguments)
{
    for (qsizetype i = 2; i < arguments.size(); ++i) {
        const QString &argument = arguments.at(i);
        if (argument == QLatin1String("--")) {
            break;
        }
        if (argument == QLatin1String("--no-keychain") ||
            argument == QLatin1String("-no-keychain")) {
            return true;
        }
    }
    return false;
}

void ProfileOptions::fail(const QString &kind, const QString &message, int exitCode,
                          const QJsonObject &details)
{
    CliOutput output(m_flow);
    CliOutput::Error error{kind, message, {}, {}, {}, details};
    output.setError(error);
    if (!m_profile.id.isNull()) {
        output.setProfile(describe());
    }
    output.print();
    emit resolved(exitCode);
}

void ProfileOptions::resolve(const QStringList &arguments, const QString &flow,
                             const QList<SecretKind> &kinds)
{
    m_flow = flow;
    m_noKeychain = scanNoKeychain(arguments);
    const QString name = scanProfileName(arguments);
    if (name.isEmpty()) {
        QMetaObject::invokeMethod(
            this, [this] { emit resolved(-1); }, Qt::QueuedConnection);
        return;
    }
    const Profiles::ProfileLoad found = m_store.findByName(name);
    if (found.error.isError()) {
        const QString message = tr("--profile: %1").arg(found.error.message);
        const QJsonObject details{
            {QStringLiteral("profile_error"), Profiles::ProfileError::kindName(found.error.kind)}};
        QMetaObject::invokeMethod(
            this,
            [this, message, details] {
                fail(QStringLiteral("usage"), message, ExitCode::Usage, details);
            },
            Qt::QueuedConnection);
        return;
    }
    m_profile = found.profile;
    m_active = true;

    QList<SecretKind> wanted;
    for (const SecretKind kind : kinds) {
        const auto it = m_profile.secrets.constFind(kind);
        if (it != m_profile.secrets.constEnd() &&
            it->location == SecretRef::Location::SecretStore) {
            wanted.append(kind);
        }
    }
    if (wanted.isEmpty() || m_noKeychain) {
        // With --no-keychain nothing is read from the keychain; this run's memory store is
        // empty, so the profile's secrets are simply not there (describe() says so).
        QMetaObject::invokeMethod(
            this, [this] { emit resolved(-1); }, Qt::QueuedConnection);
        return;
    }

    struct State
    {
        int pending = 0;
        QStringList failed;
        QJsonArray details;
        bool onlyMissing = true;
    };
    auto state = std::make_shared<State>();
    state->pending = int(wanted.size());
    Profiles::SecretStore &store = m_noKeychain ? m_memory : m_keychain;
    for (const SecretKind kind : std::as_const(wanted)) {
        store.read(
            SecretKey::build(m_profile.id, kind), this,
            [this, state, kind](const Profiles::SecretResult &read) {
                if (read.ok()) {
                    m_secrets.insert(kind, read.value);
                } else {
                    state->failed.append(SecretKey::kindName(kind));
                    state->details.append(
                        QJsonObject{{QStringLiteral("kind"), SecretKey::kindName(kind)},
                                    {QStringLiteral("reason"),
                                     Profiles::SecretError::kindName(read.error.kind)},
                                    {QStringLiteral("message"), read.error.message}});
                }
                if (--state->pending > 0) {
                    return;
                }
                if (state->failed.isEmpty()) {
                    emit resolved(-1);
                    return;
                }
                const QString reason =
                    state->details.at(0).toObject().value(QStringLiteral("message")).toString();
                fail(QStringLiteral("keychain"),
                     tr("--profile %1: could not read %2 from the keychain: %3")
                         .arg(m_profile.name, state->failed.join(QStringLiteral(", ")), reason),
                     ExitCode::KeychainError,
                     QJsonObject{{QStringLiteral("not_read"), state->details}});
            });
    }
}

QJsonObject ProfileOptions::describe() const
{
    QJsonArray used;
    QJsonArray unavailable;
    for (auto it = m_profile.secrets.cbegin(); it != m_profile.secrets.cend(); ++it) {
        if (it->location != SecretRef::Location::SecretStore) {
            continue;
        }
        if (m_secrets.contains(it.key())) {
            used.append(SecretKey::kindName(it.key()));
        } else if (m_noKeychain) {
            unavailable.append(SecretKey::kindName(it.key()));
        }
    }
    QJsonObject object{
        {QStringLiteral("name"), m_profile.name},
        {QStringLiteral("id"), m_profile.id.toString(QUuid::WithoutBraces)},
        {QStringLiteral("secret_store"),
         m_noKeychain ? QStringLiteral("memory") : QStringLiteral("keychain")},
        {QStringLiteral("secrets_used"), used},
    };
    if (m_noKeychain) {
        object.insert(QStringLiteral("secrets_not_read"), unavailable);
    }
    return object;
}

QStringList ProfileOptions::optionNames()
{
    QStringList names{QStringLiteral("issuer"),        QStringLiteral("client-id"),
                      QStringLiteral("auth-method"),   QStringLiteral("scope"),
                      QStringLiteral("redirect-uri"),  QStringLiteral("pkce"),
                      QStringLiteral("response-type"), QStringLiteral("response-mode"),
                      QStringLiteral("param"),         QStringLiteral("ca-file"),
                      QStringLiteral("trust-cert"),    QStringLiteral("private-key")};
    const QStringList endpoints = endpointNames();
    for (const QString &endpoint : endpoints) {
        names.append(optionFor(endpoint));
    }
    return names;
}

QStringList
ProfileOptions::defaultArguments(const std::function<bool(const QString &)> &accepts) const
{
    QStringList arguments;
    auto add = [&](const QString &option, const QString &value) {
        if (!value.isEmpty() && accepts(option)) {
            arguments << QStringLiteral("--") + option << value;
        }
    };
    const Profiles::Profile &p = m_profile;
    add(QStringLiteral("issuer"), p.provider.issuer.toString(QUrl::FullyEncoded));
    const QStringList endpoints = endpointNames();
    for (const QString &name : endpoints) {
        add(optionFor(name), p.provider.endpoints.value(name).toString(QUrl::FullyEncoded));
    }
    add(QStringLiteral("client-id"), p.client.clientId);
    add(QStringLiteral("auth-method"), p.client.authMethod);
    add(QStringLiteral("scope"), p.client.defaultScopes.join(u' '));
    QUrl redirect = p.client.redirectUris.value(0);
    for (const QUrl &uri : p.client.redirectUris) {
        if (isLoopback(uri)) {
            redirect = uri;
            break;
        }
    }
    add(QStringLiteral("redirect-uri"), redirect.toString(QUrl::FullyEncoded));
    add(QStringLiteral("pkce"), p.client.pkceMethod);
    add(QStringLiteral("response-type"), p.client.responseType);
    add(QStringLiteral("response-mode"), p.client.responseMode);
    // --param is the authorization request's on the commands that send one, the token
    // request's on token; other endpoints get neither.
    const bool authorizationRequest = m_flow == QLatin1String("authorize") ||
                                      m_flow == QLatin1String("device") ||
                                      m_flow == QLatin1String("ciba");
    const QList<Profiles::Parameter> noParameters;
    const QList<Profiles::Parameter> &parameters =
        authorizationRequest               ? p.client.extraAuthorizationParameters
        : m_flow == QLatin1String("token") ? p.client.extraTokenParameters
                                           : noParameters;
    for (const Profiles::Parameter &parameter : parameters) {
        add(QStringLiteral("param"), parameter.name + u'=' + parameter.value);
    }
    add(QStringLiteral("ca-file"), p.client.tls.caFile);
    for (const QByteArray &fingerprint : p.client.tls.trustedCertificateSha256) {
        add(QStringLiteral("trust-cert"), QString::fromLatin1(fingerprint));
    }
    // A key kept in a file the user named; one from the keychain the command takes itself.
    const auto keyRef = p.secrets.constFind(SecretKind::PrivateKey);
    if (keyRef != p.secrets.constEnd() && keyRef->location == SecretRef::Location::File)
        add(QStringLiteral("private-key"), keyRef->path);
    return arguments;
}

} // namespace Tokenscope::Cli
