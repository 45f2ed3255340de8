// The one function that builds secret-store keys: "<profile id>/<kind>" under the service
// "Tokenscope". Keys are what existing keychain entries are found by: they never change.
#include "profiles/SecretKey.h"

#include <QSet>
#include <QTest>

using namespace Tokenscope::Profiles;

Q_DECLARE_METATYPE(Tokenscope::Profiles::SecretKind)

class TestSecretKey final : public QObject
{
    Q_OBJECT

private slots:
    void build_data();
    void build();
    void serviceNameIsTokenscope();
    void nullIdGivesNoKey();
    void everyKindHasADistinctNameThatParsesBack();
    void unknownKindNameIsRejected();
};

void TestSecretKey::build_data()
{
    QTest::addColumn<SecretKind>("kind");
    QTest::addColumn<QString>("key");

    const QString id = QStringLiteral("0f8fad5b-d9cb-469f-a165-70867728950e");
    const auto row = [&](const char *name, SecretKind kind, const char *suffix) {
        QTest::newRow(name) << kind << id + u'/' + QLatin1String(suffix);
    };
    row("client_secret_key", SecretKind::ClientSecret, "client_secret");
    row("private_key_jwt_key", SecretKind::PrivateKey, "private_key");
    row("dpop_key", SecretKind::DpopKey, "dpop_key");
    row("request_object_key", SecretKind::RequestObjectKey, "request_object_key");
    row("mtls_certificate_key", SecretKind::ClientCertificate, "client_certificate");
    row("mtls_private_key_key", SecretKind::ClientKey, "client_key");
    row("resource_owner_password_key", SecretKind::Password, "password");
    row("refresh_token_key", SecretKind::RefreshToken, "refresh_token");
}

void TestSecretKey::build()
{
    QFETCH(SecretKind, kind);
    QFETCH(QString, key);
    // Braces or not, the same id gives the same key.
    QCOMPARE(
        SecretKey::build(QUuid(QStringLiteral("{0f8fad5b-d9cb-469f-a165-70867728950e}")), kind),
        key);
    QCOMPARE(SecretKey::build(QUuid(QStringLiteral("0F8FAD5B-D9CB-469F-A165-70867728950E")), kind),
             key);
}

void TestSecretKey::serviceNameIsTokenscope()
{
    QCOMPARE(SecretKey::serviceName(), QStringLiteral("Tokenscope"));
}

void TestSecretKey::nullIdGivesNoKey()
{
    QVERIFY(SecretKey::build(QUuid(), SecretKind::ClientSecret).isEmpty());
}

void TestSecretKey::everyKindHasADistinctNameThatParsesBack()
{
    QSet<QString> names;
    const QList<SecretKind> kinds = SecretKey::allKinds();
    QCOMPARE(kinds.size(), 8);
    for (const SecretKind kind : kinds) {
        const QString name = SecretKey::kindName(kind);
        QVERIFY(!name.isEmpty());
        QVERIFY2(!names.contains(name), qPrintable(name));
        names.insert(name);
        QCOMPARE(SecretKey::kindFromName(name), std::optional<SecretKind>(kind));
    }
}

void TestSecretKey::unknownKindNameIsRejected()
{
    QCOMPARE(SecretKey::kindFromName(QStringLiteral("Client_Secret")), std::nullopt);
    QCOMPARE(SecretKey::kindFromName(QString()), std::nullopt);
}

QTEST_GUILESS_MAIN(TestSecretKey)
#include "TestSecretKey.moc"
