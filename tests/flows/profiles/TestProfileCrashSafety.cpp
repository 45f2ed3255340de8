// Crash safety of ProfileStore::save: a process saving a profile over and over (old and new
// version in turn) is killed with SIGKILL at random moments, many times; after every kill
// the profile file parses and equals either the old or the new version, and nothing else in
// the directory passes for a profile.
#include "CrashSafetyProfiles.h"
#include "profiles/ProfileStore.h"

#include <QDir>
#include <QProcess>
#include <QRandomGenerator>
#include <QTemporaryDir>
#include <QTest>

using namespace Tokenscope::Profiles;
using Tokenscope::Testing::crashSafetyProfile;

class TestProfileCrashSafety final : public QObject
{
    Q_OBJECT

private slots:
    void killedSaveLeavesOldOrNew();
};

void TestProfileCrashSafety::killedSaveLeavesOldOrNew()
{
    constexpr int Kills = 200;
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString directory = dir.path() + QStringLiteral("/profiles");
    const QUuid id = QUuid::createUuid();
    const Profile oldVersion = crashSafetyProfile(id, false);
    const Profile newVersion = crashSafetyProfile(id, true);
    {
        ProfileStore store(directory);
        QVERIFY(!store.save(oldVersion, SaveMode::Force).isError());
    }

    int sawOld = 0;
    int sawNew = 0;
    for (int kill = 0; kill < Kills; ++kill) {
        QProcess loop;
        loop.start(QStringLiteral(TOKENSCOPE_SAVE_LOOP_PATH),
                   {directory, id.toString(QUuid::WithoutBraces)});
        QVERIFY2(loop.waitForStarted(), qPrintable(loop.errorString()));
        // Let it complete a random number of saves; the kill then lands somewhere in the
        // next one (or between two).
        const int saves = int(QRandomGenerator::global()->bounded(1, 30));
        QByteArray out;
        const bool progressed = QTest::qWaitFor(
            [&] {
                out += loop.readAllStandardOutput();
                return out.count('\n') >= saves || loop.state() == QProcess::NotRunning;
            },
            10'000);
        QVERIFY2(progressed && loop.state() == QProcess::Running,
                 loop.readAllStandardError().constData());
        loop.kill(); // SIGKILL
        QVERIFY(loop.waitForFinished(10'000));
        QCOMPARE(loop.exitStatus(), QProcess::CrashExit);

        ProfileStore store(directory);
        const ProfileListing listing = store.list();
        QVERIFY2(listing.problems.isEmpty(), qPrintable(listing.problems.value(0).error.message));
        QCOMPARE(listing.profiles.size(), 1);
        const Profile &found = listing.profiles.constFirst();
        if (found == oldVersion) {
            ++sawOld;
        } else if (found == newVersion) {
            ++sawNew;
        } else {
            QFAIL(qPrintable(QStringLiteral("kill %1: the file is neither version (name “%2”)")
                                 .arg(kill)
                                 .arg(found.name)));
        }
    }
    const QStringList leftovers =
        QDir(directory).entryList(QDir::Files | QDir::Hidden).filter(QStringLiteral(".json."));
    qInfo("%d kills: old version %d times, new version %d times; %lld temporary files left "
          "by killed saves (never read as profiles)",
          Kills, sawOld, sawNew, static_cast<long long>(leftovers.size()));
    QCOMPARE(sawOld + sawNew, Kills);
    QVERIFY(sawOld > 0 && sawNew > 0); // the kills did land on both sides of a save
}

QTEST_GUILESS_MAIN(TestProfileCrashSafety)
#include "TestProfileCrashSafety.moc"
