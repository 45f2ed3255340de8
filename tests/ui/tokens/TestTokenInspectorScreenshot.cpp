// docs/screenshot-token-inspector.png: the inspector showing a real provider's ID token
// (the interop provider, authorization code + PKCE, a headless user) with its findings,
// the keys fetched from the provider's jwks_uri. Runs only when TOKENSCOPE_SCREENSHOT_DIR
// names the directory to write to; skipped otherwise. Also the Tokens tab decoding the same
// token with a wrong nonce expected (to show a failure).
#include "authcode/AuthorizationCodeFlow.h"
#include "common/Clock.h"
#include "common/RandomSource.h"
#include "http/HttpClient.h"
#include "http/Transcript.h"
#include "jose/JwksCache.h"
#include "redirect/LoopbackListener.h"
#include "support/Discover.h"
#include "support/HeadlessLogin.h"
#include "tokens/TokenInspector.h"
#include "tokens/TokenToolsPanel.h"

#include <QComboBox>
#include <QDir>
#include <QLineEdit>
#include <QNetworkAccessManager>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSignalSpy>
#include <QTest>

using namespace Tokenscope;

class TestTokenInspectorScreenshot final : public QObject
{
    Q_OBJECT

private slots:
    void realIdTokenWithFindings();
};

void TestTokenInspectorScreenshot::realIdTokenWithFindings()
{
    const QString directory = qEnvironmentVariable("TOKENSCOPE_SCREENSHOT_DIR");
    if (directory.isEmpty())
        QSKIP("TOKENSCOPE_SCREENSHOT_DIR is not set");
    const QString issuer = qEnvironmentVariable("TOKENSCOPE_INTEROP_ISSUER");
    QVERIFY2(!issuer.isEmpty(), "TOKENSCOPE_INTEROP_ISSUER is set by the CTest fixture");

    QNetworkAccessManager network;
    SystemClock clock;
    SystemRandomSource random;
    Http::Transcript transcript;
    Http::HttpClient http(&network, &transcript, clock);
    const Discovery::DiscoveryResult discovered = Testing::discover(&http, issuer);
    QVERIFY2(discovered.ok(), qPrintable(discovered.error.message));
    const Discovery::ProviderMetadata &metadata = discovered.metadata;

    Redirect::LoopbackListener listener;
    QVERIFY(listener.listen(0, QStringLiteral("/callback")));
    AuthCode::AuthorizationRequest request;
    request.issuer = metadata.issuer;
    request.authorizationEndpoint = metadata.endpoint(QStringLiteral("authorization_endpoint"));
    request.tokenEndpoint = metadata.endpoint(QStringLiteral("token_endpoint"));
    request.issParameterRequired = metadata.authorizationResponseIssParameterSupported;
    request.clientId = QStringLiteral("tokenscope-public");
    request.authMethod = ClientAuth::ClientAuthentication::Method::None;
    request.scope = QStringLiteral("openid profile");
    request.redirectUri = listener.redirectUri();
    request.jwksUri = metadata.endpoint(QStringLiteral("jwks_uri"));
    AuthCode::AuthorizationCodeFlow flow(&http, random);
    connect(&listener, &Redirect::LoopbackListener::redirectReceived, &flow,
            &AuthCode::AuthorizationCodeFlow::handleRedirect);
    QSignalSpy finished(&flow, &AuthCode::AuthorizationCodeFlow::finished);
    flow.start(request);
    Testing::HeadlessLogin user;
    QVERIFY2(user.run(flow.result().authorizationUrl, listener.redirectUri()),
             qPrintable(user.log().join(QLatin1Char('\n'))));
    QTRY_VERIFY_WITH_TIMEOUT(!finished.isEmpty(), 20'000);
    const AuthCode::FlowResult result = flow.result();
    QVERIFY2(result.ok(), qPrintable(result.error.message));
    QVERIFY(!result.tokens.idToken.isEmpty());

    Jose::JwksCache cache(&http, clock);
    TokenContext context;
    context.jwksUri = request.jwksUri;
    context.jwksCache = &cache;
    Jose::IdTokenExpectations expected;
    expected.issuer = metadata.issuer;
    expected.clientId = request.clientId;
    expected.nonce = flow.request().nonce;
    expected.accessToken = result.tokens.accessToken;
    context.idToken = expected;

    TokenInspector inspector;
    inspector.setUrlOpener([](const QUrl &) {});
    inspector.setWindowTitle(QStringLiteral("Tokenscope — token inspector"));
    inspector.resize(1180, 860);
    inspector.setContentsMargins(8, 8, 8, 8);
    QSignalSpy inspected(&inspector, &TokenInspector::inspected);
    inspector.show();
    inspector.inspect(result.tokens.idToken, context);
    QTRY_COMPARE_WITH_TIMEOUT(inspected.count(), 1, 10'000);
    QVERIFY2(inspector.signatureStatus().contains(QLatin1String("verified")),
             qPrintable(inspector.signatureStatus()));
    QVERIFY(QTest::qWaitForWindowExposed(&inspector));
    QVERIFY(QDir().mkpath(directory));
    const QString path = QDir(directory).filePath(QStringLiteral("screenshot-token-inspector.png"));
    QVERIFY(inspector.grab().save(path));
    qInfo("wrote %s", qPrintable(path));

    // The Tokens tab itself, in both modes, with the same token.
    TokenToolsPanel panel(&http);
    panel.resize(1180, 900);
    panel.show();
    panel.findChild<QPlainTextEdit *>(QStringLiteral("decodeTokenInput"))
        ->setPlainText(result.tokens.idToken);
    panel.findChild<QLineEdit *>(QStringLiteral("jwksUrlInput"))
        ->setText(request.jwksUri.toString());
    panel.findChild<QComboBox *>(QStringLiteral("tokenKindBox"))->setCurrentIndex(1);
    panel.findChild<QLineEdit *>(QStringLiteral("expectedIssuer"))->setText(metadata.issuer);
    panel.findChild<QLineEdit *>(QStringLiteral("expectedAudience"))->setText(request.clientId);
    panel.findChild<QLineEdit *>(QStringLiteral("expectedNonce"))
        ->setText(QStringLiteral("not-the-nonce"));
    QSignalSpy decoded(panel.decodeInspector(), &TokenInspector::inspected);
    panel.verify();
    QTRY_COMPARE_WITH_TIMEOUT(decoded.count(), 1, 10'000);
    QVERIFY(QTest::qWaitForWindowExposed(&panel));
    QVERIFY(panel.grab().save(
        QDir(directory).filePath(QStringLiteral("screenshot-tokens-decode.png"))));
}

QTEST_MAIN(TestTokenInspectorScreenshot)
#include "TestTokenInspectorScreenshot.moc"
