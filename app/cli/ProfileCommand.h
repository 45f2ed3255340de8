#pragma once

#include "CliOutput.h"
#include "profiles/ProfileExport.h"
#include "profiles/ProfileImport.h"
#include "profiles/ProfileManager.h"

#include <QObject>

#include <memory>

namespace Tokenscope {
class Clock;
class RandomSource;
} // namespace Tokenscope

namespace Tokenscope::Cli {

// tokenscope-cli profile list|show|save|delete|export|import: saved profiles, their secrets
// in the keychain (or, with --no-keychain, in this run's memory only).
class ProfileCommand final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ProfileCommand)

public:
    ProfileCommand(Profiles::ProfileStore &store, Profiles::SecretStore &keychain,
                   Profiles::SecretStore &memory, const Clock &clock, RandomSource &random,
                   QObject *parent = nullptr);
    ~ProfileCommand() override;

    int prepare(const QStringList &arguments); // -1: run; otherwise the exit code
    void run();
    static QString summary();

signals:
    void finished(int exitCode);

private:
    struct Request;

    void list();
    void show();
    void save();
    void remove();
    void exportProfiles();
    void importProfiles();
    void importNext(qsizetype index);
    // Reads every secret-store secret of `profiles`; calls done with what was read and a
    // list of what could not be (kind names with why).
    void readSecrets(const QList<Profiles::Profile> &profiles,
                     std::function<void(const QHash<QUuid, Profiles::SecretValues> &,
                                        const QJsonArray &failures)>
                         done);
    QJsonObject summaryOf(const Profiles::Profile &profile) const;
    QString secretStoreName() const;
    void finish(int exitCode);
    void fail(const QString &kind, const QString &message, int exitCode,
              const QJsonObject &details = {});
    // The error document for secrets a save did not store: exit 5, the profile saved.
    void reportSaved(const Profiles::ProfileSaveResult &saved, const QString &action);

    Profiles::ProfileStore &m_store;
    Profiles::SecretStore &m_keychain;
    Profiles::SecretStore &m_memory;
    const Clock &m_clock;
    RandomSource &m_random;
    Profiles::ProfileManager *m_manager = nullptr;
    CliOutput m_output{QStringLiteral("profile")};
    std::unique_ptr<Request> m_request;
    QJsonObject m_result;
};

} // namespace Tokenscope::Cli
