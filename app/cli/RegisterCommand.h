#pragma once

#include "ProviderCommand.h"
#include "endpoints/RegistrationClient.h"

namespace Tokenscope::Profiles {
class ProfileStore;
class SecretStore;
} // namespace Tokenscope::Profiles

namespace Tokenscope::Cli {

// tokenscope-cli register: dynamic client registration (RFC 7591), and with
// --registration-client-uri and --registration-access-token its management (RFC 7592):
// --action read, update or delete. --save-profile NAME keeps a new client as a profile, its
// secret in the keychain.
class RegisterCommand final : public ProviderCommand
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(RegisterCommand)

public:
    // Where --save-profile saves: the store, and the keychain (memory with --no-keychain);
    // null: the option is refused.
    RegisterCommand(QNetworkAccessManager *network, const Clock &clock, RandomSource &random,
                    Profiles::ProfileStore *store, Profiles::SecretStore *keychain,
                    Profiles::SecretStore *memory, QObject *parent = nullptr);
    ~RegisterCommand() override;

    static QString summary();

private:
    QString summaryText() const override { return summary(); }
    QStringList endpointNames() const override;
    bool needsClientId() const override { return false; }
    bool needsEndpoint() const override;
    void addOptions(QCommandLineParser &parser) override;
    QString readOptions(const QCommandLineParser &parser) override;
    void act() override;
    void onRegistered(const Endpoints::RegistrationResult &result);
    void saveProfile(const Endpoints::RegistrationResult &result, const QJsonObject &object);

    Endpoints::RegistrationClient *m_registration;
    Endpoints::RegistrationResult::Operation m_operation =
        Endpoints::RegistrationResult::Operation::Register;
    QJsonObject m_metadata;
    QString m_initialAccessToken;
    QUrl m_clientUri;
    QString m_registrationAccessToken;
    Profiles::ProfileStore *m_store;
    Profiles::SecretStore *m_keychain;
    Profiles::SecretStore *m_memory;
    QString m_saveProfile;
    bool m_noKeychain = false;
};

} // namespace Tokenscope::Cli
