// The Tokens tab's two modes: decode & verify (never alters or re-signs the pasted token;
// keys pasted or fetched from a JWKS URL through the app's HttpClient) and sign / encode
// (templates, a generated key, output that the verifier accepts).
#include "UiSession.h"
#include "jose/JwkSet.h"
#include "jose/JwksCache.h"
#include "jose/JwsSigner.h"
#include "jose/JwsToken.h"
#include "jose/JwsVerifier.h"
#include "profiles/MemorySecretStore.h"
#include "profiles/ProfileManager.h"
#include "profiles/ProfileStore.h"
#include "support/LoopbackServer.h"
#include "support/SaveProfile.h"
#include "tokens/TokenInspector.h"
#include "tokens/TokenToolsPanel.h"

#include <QComboBox>
#include <QJsonArray>
#include <QJsonDocument>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSignalSpy>
#include <QTabWidget>
#include <QTemporaryDir>
#include <QTest>
#include <QTextEdit>

using namespace Tokenscope;
namespace Jose = Tokenscope::Jose;
using Tokenscope::Testing::LoopbackServer;
using Tokenscope::Testing::ReceivedRequest;

namespace {

struct Signed
{
    QString token;
    QByteArray jwks;
};

Signed signWithFreshKey(const QString &kid)
{
    const auto key = Jose::JwsSigner::Key::generate(QStringLiteral("RS256"));
    const auto result = Jose::JwsSigner::sign(
        QJsonObject{{QStringLiteral("alg"), QStringLiteral("RS256")}, {QStringLiteral("kid"), kid}},
        R"({"iss":"https://issuer.example","sub":"alice","aud":"my-client","exp":4102444800,"iat":1700000000})",
        key);
    return {QString::fromLatin1(result.compact),
            QJsonDocument(QJsonObject{{QStringLiteral("keys"), QJsonArray{key.verificationJwk(
                                                                   kid, QStringLiteral("RS256"))}}})
                .toJson(QJsonDocument::Compact)};
}

} // namespace

class TestTokenToolsPanel final : public QObject
{
    Q_OBJECT

private slots:
    void modesAreSeparateTabs();
    void decodeNeverChangesTheToken();
    void wrongPastedKeyDoesNotVerifyAndIsNotReSigned();
    void jwksUrlIsFetchedThroughTheClientOnce();
    void signModeOutputVerifies_data();
    void signModeOutputVerifies();
    void clientAssertionTemplateFollowsRfc7523();
    void signModeRefusesAlgNone();
    void algorithmOutsideTheAllowedListFails();
    void jwksUrlThatIsNotHttpIsNamed();
    void keychainKeySignsWithoutBeingShown();
};

void TestTokenToolsPanel::modesAreSeparateTabs()
{
    UiSession session;
    TokenToolsPanel panel(&session.http);
    auto *modes = childNamed<QTabWidget>(&panel, "tokenToolsModes");
    QVERIFY(modes);
    QCOMPARE(modes->count(), 2);
    QCOMPARE(panel.mode(), TokenToolsPanel::Mode::Decode);
    // The decode page has no sign button; the sign page has no verify button.
    QVERIFY(!childNamed<QWidget>(&panel, "decodePage")
                 ->findChild<QPushButton *>(QStringLiteral("signButton")));
    QVERIFY(!childNamed<QWidget>(&panel, "signPage")
                 ->findChild<QPushButton *>(QStringLiteral("verifyButton")));
    panel.setMode(TokenToolsPanel::Mode::Sign);
    QCOMPARE(modes->currentIndex(), 1);
}

void TestTokenToolsPanel::decodeNeverChangesTheToken()
{
    UiSession session;
    TokenToolsPanel panel(&session.http);
    const Signed token = signWithFreshKey(QStringLiteral("k1"));
    auto *input = childNamed<QPlainTextEdit>(&panel, "decodeTokenInput");
    auto *keys = childNamed<QPlainTextEdit>(&panel, "verificationKeysInput");
    auto *signedOutput = childNamed<QPlainTextEdit>(&panel, "signedTokenOutput");
    input->setPlainText(token.token);
    keys->setPlainText(QString::fromUtf8(token.jwks));
    QTest::mouseClick(childNamed<QPushButton>(&panel, "verifyButton"), Qt::LeftButton);
    QVERIFY2(panel.decodeInspector()->signatureStatus().contains(QLatin1String("verified")),
             qPrintable(panel.decodeInspector()->signatureStatus()));
    QCOMPARE(input->toPlainText(), token.token);
    QCOMPARE(panel.decodeInspector()->token(), token.token);
    QCOMPARE(childNamed<QTextEdit>(panel.decodeInspector(), "tokenSegments")->toPlainText(),
             token.token);
    QVERIFY(signedOutput->toPlainText().isEmpty()); // the signer did not run
    QVERIFY(panel.signInspector()->token().isEmpty());
}

void TestTokenToolsPanel::wrongPastedKeyDoesNotVerifyAndIsNotReSigned()
{
    UiSession session;
    TokenToolsPanel panel(&session.http);
    const Signed token = signWithFreshKey(QStringLiteral("k1"));
    const Signed other = signWithFreshKey(QStringLiteral("k1"));
    auto *input = childNamed<QPlainTextEdit>(&panel, "decodeTokenInput");
    input->setPlainText(token.token);
    // One JWK (not a set) is accepted too.
    const QJsonObject jwk = QJsonDocument::fromJson(other.jwks)
                                .object()
                                .value(QLatin1String("keys"))
                                .toArray()
                                .at(0)
                                .toObject();
    childNamed<QPlainTextEdit>(&panel, "verificationKeysInput")
        ->setPlainText(QString::fromUtf8(QJsonDocument(jwk).toJson()));
    panel.verify();
    QVERIFY2(panel.decodeInspector()->signatureStatus().contains(QLatin1String("does not verify")),
             qPrintable(panel.decodeInspector()->signatureStatus()));
    QCOMPARE(input->toPlainText(), token.token);
    QCOMPARE(panel.decodeInspector()->token(), token.token);
    QVERIFY(childNamed<QPlainTextEdit>(&panel, "signedTokenOutput")->toPlainText().isEmpty());
}

void TestTokenToolsPanel::jwksUrlIsFetchedThroughTheClientOnce()
{
    UiSession session;
    const Signed token = signWithFreshKey(QStringLiteral("k1"));
    int fetches = 0;
    LoopbackServer server([&](const ReceivedRequest &request, QTcpSocket *socket) {
        if (request.target == "/jwks") {
            ++fetches;
            LoopbackServer::respondJson(socket, 200, token.jwks);
        } else {
            LoopbackServer::respondJson(socket, 404, "{}");
        }
    });
    TokenToolsPanel panel(&session.http);
    childNamed<QPlainTextEdit>(&panel, "decodeTokenInput")->setPlainText(token.token);
    childNamed<QLineEdit>(&panel, "jwksUrlInput")->setText(server.url("/jwks").toString());
    QSignalSpy inspected(panel.decodeInspector(), &TokenInspector::inspected);
    panel.verify();
    QVERIFY(panel.decodeInspector()->isVerifying());
    QTRY_COMPARE(inspected.count(), 1);
    QVERIFY2(panel.decodeInspector()->signatureStatus().contains(QLatin1String("k1")),
             qPrintable(panel.decodeInspector()->signatureStatus()));
    QCOMPARE(fetches, 1);
    QCOMPARE(session.transcript.size(), 1); // the fetch is an exchange in the transcript
    // Verifying again uses the cached set: no second request.
    panel.verify();
    QTRY_COMPARE(inspected.count(), 2);
    QCOMPARE(fetches, 1);
    QVERIFY(panel.decodeInspector()->signatureStatus().contains(QLatin1String("verified")));
}

void TestTokenToolsPanel::signModeOutputVerifies_data()
{
    QTest::addColumn<QString>("alg");
    for (const char *alg : {"RS256", "PS384", "ES256", "ES512", "EdDSA", "HS256"})
        QTest::newRow(alg) << QString::fromLatin1(alg);
}

void TestTokenToolsPanel::signModeOutputVerifies()
{
    QFETCH(QString, alg);
    UiSession session;
    TokenToolsPanel panel(&session.http);
    panel.setMode(TokenToolsPanel::Mode::Sign);
    panel.applyTemplate(TokenToolsPanel::Template::AccessToken);
    childNamed<QComboBox>(&panel, "algBox")->setCurrentText(alg);
    QTest::mouseClick(childNamed<QPushButton>(&panel, "generateKeyButton"), Qt::LeftButton);
    QVERIFY(!childNamed<QPlainTextEdit>(&panel, "signingKeyInput")->toPlainText().isEmpty());
    QTest::mouseClick(childNamed<QPushButton>(&panel, "signButton"), Qt::LeftButton);
    const QString compact = childNamed<QPlainTextEdit>(&panel, "signedTokenOutput")->toPlainText();
    QVERIFY2(!compact.isEmpty(), qPrintable(childNamed<QLabel>(&panel, "signStatus")->text()));

    const auto parsed = Jose::JwsToken::parseCompact(compact.toLatin1());
    QVERIFY(!parsed.isError());
    QCOMPARE(parsed.token().alg(), alg);
    QCOMPARE(parsed.token().header().value(QLatin1String("typ")).toString(),
             QStringLiteral("at+jwt"));
    QCOMPARE(parsed.token().kid(), QStringLiteral("tokenscope-%1").arg(alg.toLower()));
    // Verified independently of the panel: with the JWKS it shows, or the HMAC secret.
    Jose::JwkSet keys;
    if (alg.startsWith(QLatin1String("HS")))
        keys = Jose::JwkSet({Jose::Jwk::fromJson(
            childNamed<QPlainTextEdit>(&panel, "signingKeyInput")->toPlainText().toUtf8())});
    else
        keys = Jose::JwkSet::fromJson(
            childNamed<QPlainTextEdit>(&panel, "publicJwksView")->toPlainText().toUtf8());
    const Jose::JwsVerifyResult verified = Jose::JwsVerifier::verify(parsed.token(), keys);
    QVERIFY2(verified.isVerified(), qPrintable(verified.error.message));
    // …and the inspector beside it says so.
    QCOMPARE(panel.signInspector()->token(), compact);
    QVERIFY(panel.signInspector()->signatureStatus().contains(QLatin1String("verified")));
}

void TestTokenToolsPanel::clientAssertionTemplateFollowsRfc7523()
{
    UiSession session;
    TokenToolsPanel panel(&session.http);
    childNamed<QLineEdit>(&panel, "signClientId")->setText(QStringLiteral("client-42"));
    childNamed<QLineEdit>(&panel, "signAudience")
        ->setText(QStringLiteral("https://as.example/token"));
    panel.applyTemplate(TokenToolsPanel::Template::PrivateKeyJwt);
    const QJsonObject claims =
        QJsonDocument::fromJson(
            childNamed<QPlainTextEdit>(&panel, "claimsEditor")->toPlainText().toUtf8())
            .object();
    QCOMPARE(claims.value(QLatin1String("iss")).toString(), QStringLiteral("client-42"));
    QCOMPARE(claims.value(QLatin1String("sub")).toString(), QStringLiteral("client-42"));
    QCOMPARE(claims.value(QLatin1String("aud")).toString(),
             QStringLiteral("https://as.example/token"));
    QVERIFY(!claims.value(QLatin1String("jti")).toString().isEmpty());
    QVERIFY(claims.value(QLatin1String("exp")).toDouble() >
            claims.value(QLatin1String("iat")).toDouble());
    QVERIFY(
        !childNamed<QComboBox>(&panel, "algBox")->currentText().startsWith(QLatin1String("HS")));
    panel.applyTemplate(TokenToolsPanel::Template::ClientSecretJwt);
    QCOMPARE(childNamed<QComboBox>(&panel, "algBox")->currentText(), QStringLiteral("HS256"));
}

void TestTokenToolsPanel::signModeRefusesAlgNone()
{
    UiSession session;
    TokenToolsPanel panel(&session.http);
    auto *alg = childNamed<QComboBox>(&panel, "algBox");
    QCOMPARE(alg->findText(QStringLiteral("none")), -1); // not even offered
    childNamed<QPlainTextEdit>(&panel, "signingKeyInput")
        ->setPlainText(QStringLiteral("not a key"));
    alg->setCurrentText(QStringLiteral("ES256"));
    panel.sign();
    QVERIFY(childNamed<QPlainTextEdit>(&panel, "signedTokenOutput")->toPlainText().isEmpty());
    QVERIFY(childNamed<QLabel>(&panel, "signStatus")->text().startsWith(QStringLiteral("✘")));
}

void TestTokenToolsPanel::algorithmOutsideTheAllowedListFails()
{
    UiSession session;
    TokenToolsPanel panel(&session.http);
    const Signed token = signWithFreshKey(QStringLiteral("k1"));
    childNamed<QPlainTextEdit>(&panel, "decodeTokenInput")->setPlainText(token.token);
    childNamed<QPlainTextEdit>(&panel, "verificationKeysInput")
        ->setPlainText(QString::fromUtf8(token.jwks));
    childNamed<QLineEdit>(&panel, "allowedAlgorithms")->setText(QStringLiteral("ES256, PS256"));
    panel.verify();
    QVERIFY2(panel.decodeInspector()->signatureStatus().contains(QLatin1String("does not verify")),
             qPrintable(panel.decodeInspector()->signatureStatus()));
    childNamed<QLineEdit>(&panel, "allowedAlgorithms")->setText(QStringLiteral("ES256 RS256"));
    panel.verify();
    QVERIFY(panel.decodeInspector()->signatureStatus().contains(QLatin1String("verified")));
}

void TestTokenToolsPanel::jwksUrlThatIsNotHttpIsNamed()
{
    UiSession session;
    TokenToolsPanel panel(&session.http);
    childNamed<QPlainTextEdit>(&panel, "decodeTokenInput")
        ->setPlainText(signWithFreshKey(QStringLiteral("k1")).token);
    childNamed<QLineEdit>(&panel, "jwksUrlInput")->setText(QStringLiteral("file:///etc/passwd"));
    panel.verify();
    const Findings findings = panel.decodeInspector()->findings();
    QVERIFY(!findings.isEmpty());
    QCOMPARE(findings.constFirst().rule, QStringLiteral("jwks_uri_valid"));
    QCOMPARE(findings.constFirst().status, Finding::Status::Fail);
    QCOMPARE(session.transcript.size(), 0);
}

void TestTokenToolsPanel::keychainKeySignsWithoutBeingShown()
{
    // A profile whose private_key_jwt key lives in the secret store.
    QTemporaryDir directory;
    Profiles::ProfileStore store(directory.path());
    Profiles::MemorySecretStore secrets;
    Profiles::ProfileManager manager(store, secrets);
    const auto key = Jose::JwsSigner::Key::generate(QStringLiteral("ES256"));
    const QByteArray pem = key.privatePem();
    QVERIFY(pem.startsWith("-----BEGIN"));
    Profiles::Profile profile = Profiles::Profile::create(QStringLiteral("Partner API"));
    TOKENSCOPE_SAVE_PROFILE(manager, profile, {{Profiles::SecretKind::PrivateKey, pem}});

    UiSession session;
    TokenToolsPanel panel(&session.http);
    panel.setProfiles(&manager);
    panel.setMode(TokenToolsPanel::Mode::Sign);
    panel.applyTemplate(TokenToolsPanel::Template::PrivateKeyJwt);
    auto *source = childNamed<QComboBox>(&panel, "keySourceCombo");
    QCOMPARE(source->count(), 2);
    QVERIFY(source->itemText(1).contains(QStringLiteral("Partner API")));
    childNamed<QComboBox>(&panel, "algBox")->setCurrentText(QStringLiteral("ES256"));
    source->setCurrentIndex(1);
    emit source->activated(1);
    QTRY_VERIFY(
        childNamed<QLabel>(&panel, "signStatus")->text().contains(QStringLiteral("Partner API")));
    QTest::mouseClick(childNamed<QPushButton>(&panel, "signButton"), Qt::LeftButton);
    const QString compact = childNamed<QPlainTextEdit>(&panel, "signedTokenOutput")->toPlainText();
    QVERIFY2(!compact.isEmpty(), qPrintable(childNamed<QLabel>(&panel, "signStatus")->text()));

    // Signed with the keychain's key: it verifies with that key's public half…
    const auto parsed = Jose::JwsToken::parseCompact(compact.toLatin1());
    QVERIFY(!parsed.isError());
    const Jose::JwkSet keys(
        {Jose::Jwk::fromJson(QJsonDocument(key.verificationJwk(QString(), QStringLiteral("ES256")))
                                 .toJson(QJsonDocument::Compact))});
    QVERIFY(Jose::JwsVerifier::verify(parsed.token(), keys).isVerified());
    // …and the private key is nowhere on screen.
    for (const QPlainTextEdit *edit : panel.findChildren<QPlainTextEdit *>())
        QVERIFY2(!edit->toPlainText().contains(QString::fromLatin1(pem.mid(30, 40))),
                 qPrintable(edit->objectName()));
    QVERIFY(childNamed<QPlainTextEdit>(&panel, "signingKeyInput")->isReadOnly());

    // Generating a key goes back to a pasted key.
    QTest::mouseClick(childNamed<QPushButton>(&panel, "generateKeyButton"), Qt::LeftButton);
    QCOMPARE(source->currentIndex(), 0);
    QVERIFY(!childNamed<QPlainTextEdit>(&panel, "signingKeyInput")->isReadOnly());
}

QTEST_MAIN(TestTokenToolsPanel)
#include "TestTokenToolsPanel.moc"
