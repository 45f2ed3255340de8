// The Endpoints tab's client authentication and UserInfo methods: a profile's method the tab
// cannot use (tls_client_auth) is named with the one used instead, and that one is what a
// loopback introspection endpoint receives; private_key_jwt signed with a saved profile's
// key read from the keychain (never shown), verified by a loopback introspection endpoint
// with the public key; and
// UserInfo sent as a POST with the Authorization header reaches a loopback server so.
#include "UiSession.h"
#include "endpoints/EndpointResultView.h"
#include "endpoints/EndpointsPanel.h"
#include "endpoints/TokenPicker.h"
#include "grants/KeychainKeySource.h"
#include "jose/JwkSet.h"
#include "jose/JwsSigner.h"
#include "jose/JwsToken.h"
#include "jose/JwsVerifier.h"
#include "profiles/MemorySecretStore.h"
#include "profiles/ProfileManager.h"
#include "profiles/ProfileStore.h"
#include "session/SessionTokens.h"
#include "support/SaveProfile.h"

#include <QComboBox>
#include <QJsonDocument>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSignalSpy>
#include <QTabWidget>
#include <QTemporaryDir>
#include <QTest>
#include <QUrlQuery>

using namespace Tokenscope;
using Tokenscope::Testing::LoopbackServer;
using Tokenscope::Testing::ReceivedRequest;

class TestEndpointsClientAuth final : public QObject
{
    Q_OBJECT

private slots:
    void unavailableMethodIsNamedWithTheOneUsed();
    void privateKeyJwtWithAProfileKeyFromTheKeychain();
    void userInfoPostWithTheAuthorizationHeader();
};

void TestEndpointsClientAuth::unavailableMethodIsNamedWithTheOneUsed()
{
    LoopbackServer server([](const ReceivedRequest &, QTcpSocket *socket) {
        LoopbackServer::respondJson(socket, 200, R"({"active":false})");
    });
    UiSession session;
    SessionTokens tokens;
    EndpointsPanel panel(&session.http, session.random, nullptr, &tokens);
    panel.show();
    QVERIFY(QTest::qWaitForWindowExposed(&panel));
    auto *method = childNamed<QComboBox>(&panel, "endpointAuthMethod");
    QCOMPARE(method->currentText(), QStringLiteral("client_secret_basic"));

    // A profile with mTLS client authentication: not silently ignored.
    panel.setClient(QStringLiteral("mtls-client"), "s3cret", QStringLiteral("tls_client_auth"));
    auto *note = childNamed<QLabel>(&panel, "endpointClientNote");
    QVERIFY(note->isVisible());
    QVERIFY2(note->text().contains(QStringLiteral("tls_client_auth")) &&
                 note->text().contains(QStringLiteral("client_secret_basic")),
             qPrintable(note->text()));
    QCOMPARE(panel.clientNote(), note->text());

    // And the one named is the one sent.
    childNamed<QLineEdit>(&panel, "introspectionEndpoint")
        ->setText(server.url("/introspect").toString());
    panel.pages()->setCurrentIndex(EndpointsPanel::IntrospectionPage);
    childNamed<TokenPicker>(&panel, "introspectionToken")->setToken(QStringLiteral("some-token"));
    QSignalSpy finished(panel.introspectionClient(), &Endpoints::IntrospectionClient::finished);
    QTest::mouseClick(childNamed<QPushButton>(&panel, "introspectButton"), Qt::LeftButton);
    QVERIFY(finished.wait(10'000));
    QCOMPARE(server.requests().size(), 1);
    QCOMPARE(server.requests().constFirst().header("Authorization"),
             "Basic " + QByteArray("mtls-client:s3cret").toBase64());

    // Choosing a method by hand replaces the profile's note; a known method has none.
    panel.setClient(QStringLiteral("other"), "x", QStringLiteral("client_secret_post"));
    QVERIFY(!note->isVisible());
    QCOMPARE(method->currentText(), QStringLiteral("client_secret_post"));
}

void TestEndpointsClientAuth::privateKeyJwtWithAProfileKeyFromTheKeychain()
{
    // The introspection endpoint answers active only for a client assertion that verifies
    // with the client's public key.
    const auto key = Jose::JwsSigner::Key::generate(QStringLiteral("ES256"));
    const QByteArray pem = key.privatePem();
    QVERIFY(pem.startsWith("-----BEGIN"));
    const Jose::JwkSet publicKeys(
        {Jose::Jwk::fromJson(QJsonDocument(key.verificationJwk(QString(), QStringLiteral("ES256")))
                                 .toJson(QJsonDocument::Compact))});
    QJsonObject assertionClaims;
    LoopbackServer server([&](const ReceivedRequest &request, QTcpSocket *socket) {
        const QUrlQuery form(QString::fromUtf8(request.body));
        const auto parsed = Jose::JwsToken::parseCompact(
            form.queryItemValue(QStringLiteral("client_assertion")).toLatin1());
        const bool verified =
            !parsed.isError() && Jose::JwsVerifier::verify(parsed.token(), publicKeys).isVerified();
        if (verified)
            assertionClaims = QJsonDocument::fromJson(parsed.token().payload()).object();
        LoopbackServer::respondJson(socket, verified ? 200 : 401,
                                    verified ? R"({"active":true,"client_id":"signer"})"
                                             : R"({"error":"invalid_client"})");
    });

    // The profile of that client, its key in the secret store.
    QTemporaryDir home;
    Profiles::ProfileStore store(home.path());
    Profiles::MemorySecretStore secrets;
    Profiles::ProfileManager manager(store, secrets);
    Profiles::Profile profile = Profiles::Profile::create(QStringLiteral("Signer profile"));
    profile.client.clientId = QStringLiteral("signer");
    profile.client.authMethod = QStringLiteral("private_key_jwt");
    TOKENSCOPE_SAVE_PROFILE(manager, profile, {{Profiles::SecretKind::PrivateKey, pem}});

    UiSession session;
    SessionTokens tokens;
    EndpointsPanel panel(&session.http, session.random, nullptr, &tokens);
    panel.resize(1200, 700);
    panel.show();
    QVERIFY(QTest::qWaitForWindowExposed(&panel));
    panel.setProfileManager(&manager);
    // What the main window does when that profile is chosen: id, no secret, the method.
    panel.setClient(QStringLiteral("signer"), QByteArray(), QStringLiteral("private_key_jwt"));
    auto *method = childNamed<QComboBox>(&panel, "endpointAuthMethod");
    QCOMPARE(method->currentText(), QStringLiteral("private_key_jwt"));
    auto *source = childNamed<KeychainKeySource>(&panel, "endpointKeySource");
    QVERIFY(source->isVisible());
    QVERIFY(source->currentText().contains(QStringLiteral("Signer profile")));
    QTRY_VERIFY(panel.clientNote().contains(QStringLiteral("Signer profile")));
    QVERIFY(!childNamed<QLineEdit>(&panel, "endpointClientSecret")->isVisible());
    auto *keyEdit = childNamed<QPlainTextEdit>(&panel, "endpointClientKey");
    QVERIFY(keyEdit->isReadOnly());
    QVERIFY(keyEdit->toPlainText().isEmpty());

    childNamed<QLineEdit>(&panel, "introspectionEndpoint")
        ->setText(server.url("/introspect").toString());
    childNamed<TokenPicker>(&panel, "introspectionToken")->setToken(QStringLiteral("a-token"));
    QSignalSpy finished(panel.introspectionClient(), &Endpoints::IntrospectionClient::finished);
    QTest::mouseClick(childNamed<QPushButton>(&panel, "introspectButton"), Qt::LeftButton);
    QVERIFY(finished.wait(20'000));
    EndpointResultView *view = panel.introspectionView();
    QVERIFY2(view->statusText().startsWith(QLatin1String("Active")),
             qPrintable(view->statusText()));
    const QUrlQuery sent(QString::fromUtf8(server.requests().constFirst().body));
    QCOMPARE(sent.queryItemValue(QStringLiteral("client_assertion_type"), QUrl::FullyDecoded),
             QStringLiteral("urn:ietf:params:oauth:client-assertion-type:jwt-bearer"));
    QCOMPARE(assertionClaims.value(QLatin1String("iss")).toString(), QStringLiteral("signer"));
    QCOMPARE(assertionClaims.value(QLatin1String("sub")).toString(), QStringLiteral("signer"));
    QVERIFY(server.requests().constFirst().header("Authorization").isEmpty());
    // The key is nowhere on screen.
    const QString keyPart = QString::fromLatin1(pem.mid(40, 40));
    for (const QPlainTextEdit *edit : panel.findChildren<QPlainTextEdit *>())
        QVERIFY2(!edit->toPlainText().contains(keyPart), qPrintable(edit->objectName()));
    for (const QLabel *label : panel.findChildren<QLabel *>())
        QVERIFY2(!label->text().contains(keyPart), qPrintable(label->objectName()));

    // Without a key, nothing is sent and the tab says what is missing.
    source->setCurrentIndex(0);
    emit source->activated(0);
    QTest::mouseClick(childNamed<QPushButton>(&panel, "introspectButton"), Qt::LeftButton);
    QVERIFY2(view->statusText().contains(QStringLiteral("private key")),
             qPrintable(view->statusText()));
    QCOMPARE(server.requests().size(), 1);
}

void TestEndpointsClientAuth::userInfoPostWithTheAuthorizationHeader()
{
    LoopbackServer server([](const ReceivedRequest &, QTcpSocket *socket) {
        LoopbackServer::respondJson(socket, 200, R"({"sub":"alice"})");
    });
    UiSession session;
    SessionTokens tokens;
    EndpointsPanel panel(&session.http, session.random, nullptr, &tokens);
    panel.show();
    QVERIFY(QTest::qWaitForWindowExposed(&panel));
    panel.pages()->setCurrentIndex(EndpointsPanel::UserInfoPage);
    childNamed<QLineEdit>(&panel, "userInfoEndpoint")->setText(server.url("/me").toString());
    childNamed<TokenPicker>(&panel, "userInfoToken")->setToken(QStringLiteral("at-42"));
    auto *method = childNamed<QComboBox>(&panel, "userInfoMethod");
    QCOMPARE(method->count(), 3);
    const int index = method->findData(int(Endpoints::UserInfoRequest::Method::PostBearer));
    QVERIFY(index >= 0);
    QVERIFY(method->itemText(index).contains(QStringLiteral("POST")));
    QVERIFY(method->itemText(index).contains(QStringLiteral("Authorization")));
    method->setCurrentIndex(index);
    QSignalSpy finished(panel.userInfoClient(), &Endpoints::UserInfoClient::finished);
    QTest::mouseClick(childNamed<QPushButton>(&panel, "userInfoButton"), Qt::LeftButton);
    QVERIFY(finished.wait(10'000));
    QVERIFY2(panel.userInfoClient()->result().ok(),
             qPrintable(panel.userInfoClient()->result().error.message));
    const ReceivedRequest &sent = server.requests().constFirst();
    QCOMPARE(sent.method, QByteArray("POST"));
    QCOMPARE(sent.header("Authorization"), QByteArray("Bearer at-42"));
    QVERIFY(sent.body.isEmpty());
}

QTEST_MAIN(TestEndpointsClientAuth)
#include "TestEndpointsClientAuth.moc"
