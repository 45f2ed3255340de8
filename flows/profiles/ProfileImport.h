#pragma once

#include "Profile.h"

#include <QCoreApplication>
#include <QList>
#include <QString>
#include <QUuid>

namespace Tokenscope::Profiles {

// What importing one profile of an export will do, shown before anything is written.
struct ImportAction
{
    enum class Kind
    {
        Create,    // no profile with this id or name exists
        Overwrite, // replaces an existing profile (same id, or same name): allowed
        Skip,      // an existing profile would be replaced, and that was not allowed
    };
    Kind kind = Kind::Create;
    QString name;
    QUuid incomingId;     // the id in the export
    QUuid targetId;       // the id it is saved under: the existing profile's when overwriting
    QString existingName; // Overwrite/Skip: the profile replaced (may differ: matched by id)
    QString reason;       // translated, one line

    static QString kindName(Kind kind); // "create", "overwrite", "skip"
};

// Matching is by id first (the same profile, perhaps renamed since), then by name (a
// profile of that name is replaced, keeping its id so that its keychain entries are the
// ones overwritten). Pure: the caller saves what the plan says.
class ProfileImport final
{
    Q_DECLARE_TR_FUNCTIONS(Tokenscope::Profiles::ProfileImport)

public:
    static QList<ImportAction> plan(const QList<Profile> &incoming, const QList<Profile> &existing,
                                    bool overwrite);
    // The profile to save for an action that is not Skip: incoming, under the target id.
    static Profile apply(const ImportAction &action, const Profile &incoming);
};

} // namespace Tokenscope::Profiles
