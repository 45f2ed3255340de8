#pragma once

#include "Profile.h"
#include "ProfileError.h"

#include <QByteArray>
#include <QCoreApplication>
#include <QDateTime>
#include <QHash>
#include <QList>
#include <QString>
#include <QUuid>

namespace Tokenscope::Profiles {

struct ProfileProblem
{
    QString path; // a file that is not a loadable profile
    ProfileError error;
};

struct ProfileListing
{
    QList<Profile> profiles; // sorted by name
    QList<ProfileProblem> problems;
};

struct ProfileLoad
{
    Profile profile;
    ProfileError error;
};

enum class SaveMode
{
    Guarded, // fail with ChangedOnDisk when the file is not what this store last read or wrote
    Force,   // overwrite whatever is on disk
};

// Profiles as JSON files, one per profile: <directory>/<id>.json, written atomically
// (QSaveFile) with mode 0600 in a 0700 directory. Holds no secret, only references.
//
// The ChangedOnDisk guard: the store remembers, per profile, the modification time and the
// SHA-256 of the file as it last read or wrote it. A guarded save fails when the content on
// disk differs, when the file vanished, or when a file exists that this store never read.
// One store per process (the composition root makes it); other processes are detected.
class ProfileStore final
{
    Q_DECLARE_TR_FUNCTIONS(Tokenscope::Profiles::ProfileStore)
    Q_DISABLE_COPY_MOVE(ProfileStore)

public:
    explicit ProfileStore(QString directory);

    // QStandardPaths::AppConfigLocation + "/profiles".
    static QString defaultDirectory();
    QString directory() const { return m_directory; }
    QString pathFor(const QUuid &id) const;

    // Every *.json file; files that can't be read are reported, not fatal.
    ProfileListing list();
    ProfileLoad load(const QUuid &id);
    // The one loadable profile with this exact name: NotFound when none, AmbiguousName
    // when several (profiles are addressed by name on the command line).
    ProfileLoad findByName(const QString &name);
    // The guard alone: what save() would say before writing anything.
    ProfileError checkGuard(const Profile &profile) const;
    ProfileError save(const Profile &profile, SaveMode mode = SaveMode::Guarded);
    // Removes the profile's file (not its secrets: see ProfileManager::remove).
    ProfileError remove(const QUuid &id);

private:
    struct Stamp
    {
        QString path;
        QDateTime modified;
        QByteArray sha256;
    };

    ProfileLoad loadFile(const QString &path);
    QString pathOf(const QUuid &id) const;
    ProfileError ensureDirectory() const;

    QString m_directory;
    QHash<QUuid, Stamp> m_stamps;
};

} // namespace Tokenscope::Profiles
