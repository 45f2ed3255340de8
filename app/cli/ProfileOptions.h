#pragma once

#include "profiles/Profile.h"
#include "profiles/ProfileExport.h"

#include <QJsonObject>
#include <QObject>
#include <QStringList>

#include <functional>

namespace Tokenscope::Profiles {
class ProfileStore;
class SecretStore;
} // namespace Tokenscope::Profiles

namespace Tokenscope::Cli {

// --profile NAME on the commands that talk to a provider: the saved profile supplies the
// defaults (issuer, endpoints, client, auth method, scope, redirect URI, TLS…), options given
// on the command line override them, and its secrets come from the keychain (or, with
// --no-keychain, from this run's in-memory store, which starts empty).
//
// Reading a secret is asynchronous and a command parses its arguments synchronously, so the
// composition root resolves the profile first (resolve(), then resolved()), and the
// command's CommandParser applies it (CommandParser::useProfiles). The command is a child of
// this object: that is how its parser finds it.
class ProfileOptions final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ProfileOptions)

public:
    ProfileOptions(Profiles::ProfileStore &store, Profiles::SecretStore &keychain,
                   Profiles::SecretStore &memory, QObject *parent = nullptr);
    ~ProfileOptions() override;

    // Looks for --profile NAME (and --no-keychain) in the raw arguments, loads the profile
    // and reads the secrets of `kinds` it keeps in the secret store. Emits resolved() once,
    // later: -1 to go on (also when no profile was named), or the exit code after printing
    // the error document (flow: the command's name).
    void resolve(const QStringList &arguments, const QString &flow,
                 const QList<Profiles::SecretKind> &kinds);

    bool isActive() const { return m_active; }
    const Profiles::Profile &profile() const { return m_profile; }
    QByteArray secret(Profiles::SecretKind kind) const { return m_secrets.value(kind); }
    // The "profile" member of the output document: name, id, secret store, secrets used.
    QJsonObject describe() const;
    // The profile as command-line options ("--issuer", "https://…", …), restricted to the
    // option names `accepts` knows. They go before the user's own, which then win.
    // --param carries the extra authorization parameters for authorize, device and ciba and
    // the extra token parameters for token. A private key the profile names by its file
    // path is --private-key; the secrets read by resolve() stay here, and the command takes
    // them through its CommandParser (a value on its command line wins).
    QStringList defaultArguments(const std::function<bool(const QString &)> &accepts) const;
    // The secret kinds `command` can use with these arguments: the client secret and the
    // private key everywhere a client authenticates; for token, the password with
    // --grant password and the refresh token with --grant refresh_token unless one is given.
    static QList<Profiles::SecretKind> kindsFor(const QString &command,
                                                const QStringList &arguments);
    // Every option name defaultArguments() may produce.
    static QStringList optionNames();
    // The endpoints a profile may pin (RFC 8414 metadata names, "token_endpoint", …) and the
    // option for each ("token-endpoint").
    static QStringList endpointNames();
    static QString optionFor(const QString &endpointName);

    // The raw value of --profile NAME / --profile=NAME (before "--"), or a null string.
    static QString scanProfileName(const QStringList &arguments);
    static bool scanNoKeychain(const QStringList &arguments);
    // The raw value of --NAME VALUE / --NAME=VALUE (before "--"), or a null string.
    static QString scanOption(const QStringList &arguments, const QString &name);

signals:
    void resolved(int exitCode);

private:
    void fail(const QString &kind, const QString &message, int exitCode,
              const QJsonObject &details = {});

    Profiles::ProfileStore &m_store;
    Profiles::SecretStore &m_keychain;
    Profiles::SecretStore &m_memory;
    QString m_flow;
    bool m_active = false;
    bool m_noKeychain = false;
    Profiles::Profile m_profile;
    Profiles::SecretValues m_secrets;
};

} // namespace Tokenscope::Cli
