#pragma once

#include "Profile.h"
#include "ProfileError.h"
#include "ProfileStore.h"
#include "SecretError.h"
#include "SecretStore.h"

#include <QObject>

#include <functional>

namespace Tokenscope::Profiles {

// What happened to one piece of secret material in a save or a delete.
struct SecretOutcome
{
    enum class Status
    {
        Done,    // stored (save) or deleted / nothing to delete (delete)
        Failed,  // see error
        Refused, // a refresh token for a profile that does not keep them (save only)
    };
    SecretKind kind = SecretKind::ClientSecret;
    Status status = Status::Done;
    SecretError error;
};

struct ProfileSaveResult
{
    ProfileError error;                     // the file; None means the profile was saved
    Profile profile;                        // as saved: references only to what was stored
    QList<SecretOutcome> secrets;           // one per secret given to save(), in kind order
    QList<SecretOutcome> notStored() const; // Failed or Refused
    bool ok() const { return !error.isError(); }
};

struct ProfileDeleteResult
{
    ProfileError error;                     // the file; NotFound still deletes the secrets
    QList<SecretOutcome> secretsNotDeleted; // each kind whose delete failed, with why
    bool ok() const { return !error.isError() && secretsNotDeleted.isEmpty(); }
};

// Profiles with their secrets: a ProfileStore for the files and a SecretStore for the
// values. Saving writes the secrets first and then the file, whose references say what was
// really stored; a secret that can't be stored doesn't stop the save, the result names it.
// Deleting removes the file, then every kind of secret under the profile's id.
class ProfileManager final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ProfileManager)

public:
    using SaveCallback = std::function<void(const ProfileSaveResult &)>;
    using DeleteCallback = std::function<void(const ProfileDeleteResult &)>;

    ProfileManager(ProfileStore &store, SecretStore &secrets, QObject *parent = nullptr);

    ProfileStore &store() { return m_store; }

    // Completes asynchronously, in context's thread, unless context is gone by then.
    void save(const Profile &profile, const QMap<SecretKind, QByteArray> &secrets, SaveMode mode,
              QObject *context, SaveCallback done);
    void remove(const QUuid &id, QObject *context, DeleteCallback done);
    void readSecret(const QUuid &id, SecretKind kind, QObject *context, SecretCallback done);

private:
    ProfileStore &m_store;
    SecretStore &m_secrets;
};

} // namespace Tokenscope::Profiles
