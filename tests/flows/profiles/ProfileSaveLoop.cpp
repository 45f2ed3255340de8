// Helper of TestProfileCrashSafety: saves the old and the new version of one profile in
// turn, as fast as it can, and prints "saved N" after each save, until it is killed (or a
// bound is reached).
//
//   ProfileSaveLoop DIRECTORY PROFILE-ID
#include "CrashSafetyProfiles.h"
#include "profiles/ProfileStore.h"

#include <QCoreApplication>

#include <cstdio>

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    const QStringList arguments = QCoreApplication::arguments();
    if (arguments.size() != 3) {
        std::fputs("usage: ProfileSaveLoop DIRECTORY PROFILE-ID\n", stderr);
        return 2;
    }
    const QUuid id(arguments.at(2));
    Tokenscope::Profiles::ProfileStore store(arguments.at(1));
    const Tokenscope::Profiles::Profile versions[] = {
        Tokenscope::Testing::crashSafetyProfile(id, false),
        Tokenscope::Testing::crashSafetyProfile(id, true)};
    for (int i = 0; i < 1'000'000; ++i) {
        const Tokenscope::Profiles::ProfileError error =
            store.save(versions[i % 2], Tokenscope::Profiles::SaveMode::Force);
        if (error.isError()) {
            std::fprintf(stderr, "save failed: %s\n", qPrintable(error.message));
            return 1;
        }
        std::printf("saved %d\n", i + 1);
        std::fflush(stdout);
    }
    return 0;
}
