#pragma once

// The two versions of one profile that ProfileSaveLoop writes in turn and that
// TestProfileCrashSafety expects to find after every kill: an old (small) and a new (large,
// so that a write takes many system calls) version.
#include "profiles/Profile.h"

namespace Tokenscope::Testing {

inline Profiles::Profile crashSafetyProfile(const QUuid &id, bool newVersion)
{
    Profiles::Profile profile;
    profile.id = id;
    profile.name = newVersion ? QStringLiteral("new") : QStringLiteral("old");
    profile.provider.issuer = QUrl(QStringLiteral("https://issuer.example"));
    profile.client.clientId =
        newVersion ? QStringLiteral("client-new") : QStringLiteral("client-old");
    if (newVersion) {
        QString notes;
        for (int i = 0; i < 4000; ++i)
            notes += QStringLiteral("line %1 of the new version's notes\n").arg(i);
        profile.notes = notes;
        for (int i = 0; i < 200; ++i)
            profile.client.extraAuthorizationParameters.append(
                {QStringLiteral("p%1").arg(i), QStringLiteral("value %1").arg(i)});
    }
    return profile;
}

} // namespace Tokenscope::Testing
