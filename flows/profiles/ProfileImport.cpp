#include "ProfileImport.h"

namespace Tokenscope::Profiles {

QString ImportAction::kindName(Kind kind)
{
    switch (kind) {
    case Kind::Create:
        return QStringLiteral("create");
    case Kind::Overwrite:
        return QStringLiteral("overwrite");
    case Kind::Skip:
        return QStringLiteral("skip");
    }
    return QStringLiteral("skip");
}

QList<ImportAction> ProfileImport::plan(const QList<Profile> &incoming,
                                        const QList<Profile> &existing, bool overwrite)
{
    QList<ImportAction> actions;
    for (const Profile &profile : incoming) {
        ImportAction action;
        action.name = profile.name;
        action.incomingId = profile.id;
        action.targetId = profile.id;
        const Profile *match = nullptr;
        for (const Profile &candidate : existing) {
            if (candidate.id == profile.id) {
                match = &candidate;
                break;
            }
        }
        if (match == nullptr) {
            for (const Profile &candidate : existing) {
                if (candidate.name == profile.name) {
                    match = &candidate;
                    break;
                }
            }
        }
        if (match == nullptr) {
            action.kind = ImportAction::Kind::Create;
            action.reason = tr("new profile");
        } else {
            action.targetId = match->id;
            action.existingName = match->name;
            const QString what =
                match->id == profile.id
                    ? tr("the same profile (id %1) exists as “%2”")
                          .arg(match->id.toString(QUuid::WithoutBraces), match->name)
                    : tr("a profile named “%1” exists").arg(match->name);
            if (overwrite) {
                action.kind = ImportAction::Kind::Overwrite;
                action.reason = what;
            } else {
                action.kind = ImportAction::Kind::Skip;
                action.reason = tr("%1; not replaced without the choice to overwrite").arg(what);
            }
        }
        actions.append(action);
    }
    return actions;
}

Profile ProfileImport::apply(const ImportAction &action, const Profile &incoming)
{
    Profile profile = incoming;
    profile.id = action.targetId;
    return profile;
}

} // namespace Tokenscope::Profiles
