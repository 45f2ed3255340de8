#pragma once

// Saving a profile in a test: the ProfileManager answers asynchronously.

#include "profiles/ProfileManager.h"

#include <QTest>

#include <optional>

// Saves through the manager and waits for its answer (5 s at most); nullopt when none came.
inline std::optional<Tokenscope::Profiles::ProfileSaveResult>
saveAndWait(Tokenscope::Profiles::ProfileManager &manager,
            const Tokenscope::Profiles::Profile &profile,
            const QMap<Tokenscope::Profiles::SecretKind, QByteArray> &secrets = {})
{
    std::optional<Tokenscope::Profiles::ProfileSaveResult> result;
    QObject context;
    manager.save(profile, secrets, Tokenscope::Profiles::SaveMode::Guarded, &context,
                 [&result](const Tokenscope::Profiles::ProfileSaveResult &r) { result = r; });
    if (!QTest::qWaitFor([&result] { return result.has_value(); }, 5000))
        qWarning("the profile manager did not answer");
    return result;
}

// The same, for a test function: the profile as saved, or a failed QVERIFY and false.
#define TOKENSCOPE_SAVE_PROFILE(manager, profile, ...)                                             \
    do {                                                                                           \
        const auto tokenscopeSaved = saveAndWait((manager), (profile), __VA_ARGS__);               \
        QVERIFY2(tokenscopeSaved.has_value(), "the profile manager did not answer");               \
        QVERIFY2(tokenscopeSaved->ok(), qPrintable(tokenscopeSaved->error.message));               \
        (profile) = tokenscopeSaved->profile;                                                      \
    } while (false)
