// What an import will do, before it does it: create, overwrite or skip, matched by id first
// and then by name; an overwrite keeps the existing profile's id (and so its keychain
// entries).
#include "profiles/ProfileImport.h"

#include <QTest>

using namespace Tokenscope::Profiles;

namespace {

Profile named(const QString &name, const QUuid &id = QUuid::createUuid())
{
    Profile profile;
    profile.id = id;
    profile.name = name;
    return profile;
}

} // namespace

class TestProfileImport final : public QObject
{
    Q_OBJECT

private slots:
    void plan_data();
    void plan();
    void applyUsesTheTargetId();
};

void TestProfileImport::plan_data()
{
    QTest::addColumn<QString>("existingName");
    QTest::addColumn<bool>("sameId");
    QTest::addColumn<bool>("overwrite");
    QTest::addColumn<ImportAction::Kind>("kind");
    QTest::addColumn<bool>("targetIsExisting");
    using K = ImportAction::Kind;
    QTest::newRow("new_name_new_id_is_created") << "other" << false << false << K::Create << false;
    QTest::newRow("new_name_new_id_is_created_with_overwrite")
        << "other" << false << true << K::Create << false;
    QTest::newRow("same_name_is_skipped_without_overwrite")
        << "prod" << false << false << K::Skip << true;
    QTest::newRow("same_name_is_overwritten_keeping_the_existing_id")
        << "prod" << false << true << K::Overwrite << true;
    QTest::newRow("same_id_renamed_locally_is_skipped_without_overwrite")
        << "prod (renamed)" << true << false << K::Skip << true;
    QTest::newRow("same_id_renamed_locally_is_overwritten")
        << "prod (renamed)" << true << true << K::Overwrite << true;
}

void TestProfileImport::plan()
{
    QFETCH(QString, existingName);
    QFETCH(bool, sameId);
    QFETCH(bool, overwrite);
    QFETCH(ImportAction::Kind, kind);
    QFETCH(bool, targetIsExisting);
    const Profile incoming = named(QStringLiteral("prod"));
    const Profile existing = named(existingName, sameId ? incoming.id : QUuid::createUuid());
    const Profile unrelated = named(QStringLiteral("unrelated"));
    const QList<ImportAction> actions =
        ProfileImport::plan({incoming}, {unrelated, existing}, overwrite);
    QCOMPARE(actions.size(), 1);
    const ImportAction &action = actions.at(0);
    QCOMPARE(action.kind, kind);
    QCOMPARE(action.name, QStringLiteral("prod"));
    QCOMPARE(action.incomingId, incoming.id);
    QCOMPARE(action.targetId, targetIsExisting ? existing.id : incoming.id);
    QCOMPARE(action.existingName, targetIsExisting ? existingName : QString());
    QVERIFY(!action.reason.isEmpty());
}

void TestProfileImport::applyUsesTheTargetId()
{
    const Profile incoming = named(QStringLiteral("prod"));
    const Profile existing = named(QStringLiteral("prod"));
    const QList<ImportAction> actions = ProfileImport::plan({incoming}, {existing}, true);
    const Profile saved = ProfileImport::apply(actions.at(0), incoming);
    QCOMPARE(saved.id, existing.id);
    QCOMPARE(saved.name, incoming.name);
    QCOMPARE(ImportAction::kindName(ImportAction::Kind::Overwrite), QStringLiteral("overwrite"));
}

QTEST_GUILESS_MAIN(TestProfileImport)
#include "TestProfileImport.moc"
