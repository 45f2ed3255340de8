// The request step of the authorization wizard: a saved profile fills it (capture mode and
// browser session included), every problem is named as it is typed, and generated values
// are fresh, long enough and in the exact URL.
#include "common/RandomSource.h"
#include "flowwizards/AuthorizationRequestForm.h"
#include "grants/KeychainKeySource.h"
#include "jose/JwsSigner.h"
#include "profiles/MemorySecretStore.h"
#include "profiles/Profile.h"
#include "profiles/ProfileManager.h"
#include "profiles/ProfileStore.h"
#include "support/SaveProfile.h"

#include <QComboBox>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QSpinBox>
#include <QTemporaryDir>
#include <QTest>
#include <QUrlQuery>

using namespace Tokenscope;
using CaptureMode = AuthorizationRequestForm::CaptureMode;
using Method = ClientAuth::ClientAuthentication::Method;

class TestAuthorizationRequestForm final : public QObject
{
    Q_OBJECT

private slots:
    void profileFillsTheRequest();
    void profileDefaultsToTheEmbeddedBrowserAndAFreshSession();
    void problemsAreNamed_data();
    void problemsAreNamed();
    void regenerateGivesFreshValues();
    void everyTypedFieldIsInThePreviewedUrl();
    void redirectTimeoutIsConfigurable();
    void privateKeyJwtTakesAKeyAndNoSecret();
    void clientSecretJwtTakesTheSecret();
    void handedOverKeyIsHeldNotShown();
    void keychainKeySignsWithoutBeingShown();

private:
    static void type(AuthorizationRequestForm &form, const char *name, const QString &text)
    {
        auto *edit = form.findChild<QLineEdit *>(QString::fromLatin1(name));
        QVERIFY2(edit, name);
        edit->clear();
        QTest::keyClicks(edit, text);
    }
    SystemRandomSource m_random;
};

static Profiles::Profile savedProfile()
{
    Profiles::Profile profile;
    profile.id = QUuid::createUuid();
    profile.name = QStringLiteral("Staging");
    profile.provider.issuer = QUrl(QStringLiteral("https://as.example"));
    profile.provider.discoveryDocument = {
        {QStringLiteral("issuer"), QStringLiteral("https://as.example")},
        {QStringLiteral("authorization_endpoint"), QStringLiteral("https://as.example/authorize")},
        {QStringLiteral("token_endpoint"), QStringLiteral("https://as.example/token")},
        {QStringLiteral("jwks_uri"), QStringLiteral("https://as.example/jwks")},
        {QStringLiteral("userinfo_endpoint"), QStringLiteral("https://as.example/me")},
        {QStringLiteral("authorization_response_iss_parameter_supported"), true}};
    // An explicit endpoint overrides the discovered one.
    profile.provider.endpoints.insert(QStringLiteral("token_endpoint"),
                                      QUrl(QStringLiteral("https://mtls.as.example/token")));
    profile.client.clientId = QStringLiteral("web-app");
    profile.client.authMethod = QStringLiteral("client_secret_post");
    profile.client.redirectUris = {QUrl(QStringLiteral("http://127.0.0.1:8400/cb"))};
    profile.client.defaultScopes = {QStringLiteral("openid"), QStringLiteral("email")};
    profile.client.pkceMethod = QStringLiteral("plain");
    profile.client.responseType = QStringLiteral("code id_token");
    profile.client.responseMode = QStringLiteral("form_post");
    profile.client.extraAuthorizationParameters = {
        {QStringLiteral("resource"), QStringLiteral("https://api.example")}};
    profile.client.redirectCapture = QStringLiteral("system_browser");
    profile.client.browserSession = QStringLiteral("persistent");
    return profile;
}

void TestAuthorizationRequestForm::profileFillsTheRequest()
{
    AuthorizationRequestForm form(m_random);
    const Profiles::Profile profile = savedProfile();
    form.applyProfile(profile, "s3cret");
    const AuthCode::AuthorizationRequest r = form.request();
    QCOMPARE(r.issuer, QStringLiteral("https://as.example"));
    QCOMPARE(r.authorizationEndpoint, QUrl(QStringLiteral("https://as.example/authorize")));
    QCOMPARE(r.tokenEndpoint, QUrl(QStringLiteral("https://mtls.as.example/token")));
    QCOMPARE(r.jwksUri, QUrl(QStringLiteral("https://as.example/jwks")));
    QCOMPARE(r.userinfoEndpoint, QUrl(QStringLiteral("https://as.example/me")));
    QVERIFY(r.issParameterRequired);
    QCOMPARE(r.clientId, QStringLiteral("web-app"));
    QCOMPARE(r.clientSecret, QByteArray("s3cret"));
    QCOMPARE(r.authMethod, Method::ClientSecretPost);
    QCOMPARE(r.redirectUri, QUrl(QStringLiteral("http://127.0.0.1:8400/cb")));
    QCOMPARE(r.scope, QStringLiteral("openid email"));
    QCOMPARE(r.pkceMethod, AuthCode::Pkce::Method::Plain);
    QCOMPARE(r.responseType, QStringLiteral("code id_token"));
    QCOMPARE(r.responseMode, QStringLiteral("form_post"));
    QCOMPARE(r.extraParameters.size(), 1);
    QCOMPARE(r.extraParameters.constFirst().second, QStringLiteral("https://api.example"));
    QCOMPARE(form.captureMode(), CaptureMode::SystemBrowser);
    QVERIFY(!form.freshSession());
    QCOMPARE(form.sessionName(), profile.id.toString(QUuid::WithoutBraces));
    QCOMPARE(form.profileName(), QStringLiteral("Staging"));
    QVERIFY2(form.problem().isEmpty(), qPrintable(form.problem()));
}

void TestAuthorizationRequestForm::profileDefaultsToTheEmbeddedBrowserAndAFreshSession()
{
    AuthorizationRequestForm form(m_random);
    form.setCaptureMode(CaptureMode::Paste);
    Profiles::Profile profile = savedProfile();
    profile.client.redirectCapture.clear();
    profile.client.browserSession.clear();
    form.applyProfile(profile, QByteArray());
    QCOMPARE(form.captureMode(), CaptureMode::EmbeddedBrowser);
    QVERIFY(form.freshSession());
    // No secret: client_secret_post cannot be used, and the form says so.
    QVERIFY(form.problem().contains(QStringLiteral("secret")));
}

void TestAuthorizationRequestForm::problemsAreNamed_data()
{
    QTest::addColumn<QString>("field");
    QTest::addColumn<QString>("text");
    QTest::addColumn<QString>("named");
    QTest::newRow("control_valid") << QString() << QString() << QString();
    QTest::newRow("endpoint_not_absolute") << "authorizationEndpointEdit"
                                           << "as.example/authorize"
                                           << "authorization endpoint";
    QTest::newRow("redirect_without_scheme") << "redirectUriEdit"
                                             << "127.0.0.1/callback"
                                             << "scheme";
    QTest::newRow("missing_client_id") << "clientIdEdit"
                                       << ""
                                       << "client_id";
    QTest::newRow("max_age_not_a_number") << "maxAgeEdit"
                                          << "ten"
                                          << "max_age";
    QTest::newRow("short_verifier") << "codeVerifierEdit"
                                    << "abc"
                                    << "43";
    QTest::newRow("empty_state") << "stateEdit"
                                 << ""
                                 << "state";
}

void TestAuthorizationRequestForm::problemsAreNamed()
{
    QFETCH(QString, field);
    QFETCH(QString, text);
    QFETCH(QString, named);
    AuthorizationRequestForm form(m_random);
    type(form, "authorizationEndpointEdit", QStringLiteral("https://as.example/authorize"));
    type(form, "tokenEndpointEdit", QStringLiteral("https://as.example/token"));
    type(form, "clientIdEdit", QStringLiteral("app"));
    if (!field.isEmpty())
        type(form, field.toLatin1().constData(), text);
    if (named.isEmpty()) {
        QVERIFY2(form.problem().isEmpty(), qPrintable(form.problem()));
    } else {
        QVERIFY2(form.problem().contains(named), qPrintable(form.problem()));
        // Named where the user sees it, not only returned.
        auto *label = form.findChild<QLabel *>(QStringLiteral("requestProblemLabel"));
        QCOMPARE(label->text(), form.problem());
    }
}

void TestAuthorizationRequestForm::regenerateGivesFreshValues()
{
    AuthorizationRequestForm form(m_random);
    const AuthCode::AuthorizationRequest before = form.request();
    QCOMPARE(before.state.size(), 22); // 128 bits, base64url
    QCOMPARE(before.nonce.size(), 22);
    QCOMPARE(before.codeVerifier.size(), 43); // 256 bits
    form.regenerate();
    const AuthCode::AuthorizationRequest after = form.request();
    QVERIFY(after.state != before.state);
    QVERIFY(after.nonce != before.nonce);
    QVERIFY(after.codeVerifier != before.codeVerifier);
    type(form, "authorizationEndpointEdit", QStringLiteral("https://as.example/authorize"));
    const QUrlQuery query(form.request().authorizationUrl());
    QCOMPARE(query.queryItemValue(QStringLiteral("state")), after.state);
}

void TestAuthorizationRequestForm::everyTypedFieldIsInThePreviewedUrl()
{
    AuthorizationRequestForm form(m_random);
    type(form, "authorizationEndpointEdit", QStringLiteral("https://as.example/authorize"));
    type(form, "tokenEndpointEdit", QStringLiteral("https://as.example/token"));
    type(form, "clientIdEdit", QStringLiteral("app"));
    auto choose = [&form](const char *name, const QString &value) {
        auto *combo = form.findChild<QComboBox *>(QString::fromLatin1(name));
        QVERIFY2(combo, name);
        int index = combo->findData(value);
        if (index < 0)
            index = combo->findText(value);
        QVERIFY2(index >= 0, qPrintable(value));
        combo->setCurrentIndex(index);
    };
    choose("responseTypeCombo", QStringLiteral("code id_token"));
    choose("responseModeCombo", QStringLiteral("form_post"));
    const QString verifier = QStringLiteral("dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk");
    const QList<QPair<const char *, QString>> typed{
        {"scopeEdit", QStringLiteral("openid email offline_access")},
        {"stateEdit", QStringLiteral("typed-state-1")},
        {"nonceEdit", QStringLiteral("typed-nonce-2")},
        {"codeVerifierEdit", verifier},
        {"redirectUriEdit", QStringLiteral("http://127.0.0.1:8400/typed")},
        {"promptEdit", QStringLiteral("login consent")},
        {"loginHintEdit", QStringLiteral("alice@example.com")},
        {"maxAgeEdit", QStringLiteral("120")},
        {"acrValuesEdit", QStringLiteral("urn:example:loa:2")},
        {"claimsEdit", QStringLiteral(R"({"userinfo":{"email":null}})")},
        {"uiLocalesEdit", QStringLiteral("zh-CN en")},
        {"idTokenHintEdit", QStringLiteral("eyJhbGciOiJub25lIn0.e30.")},
    };
    for (const auto &[name, text] : typed)
        type(form, name, text);
    auto *extra = form.findChild<QPlainTextEdit *>(QStringLiteral("extraParametersEdit"));
    QVERIFY(extra);
    QTest::keyClicks(extra, QStringLiteral("resource=https://api.example/"));
    QTest::keyClick(extra, Qt::Key_Return);
    QTest::keyClicks(extra, QStringLiteral("audience=typed-audience"));
    QVERIFY2(form.problem().isEmpty(), qPrintable(form.problem()));

    // What the user sees: the preview, read back as a URL.
    auto *preview = form.findChild<QPlainTextEdit *>(QStringLiteral("authorizationUrlPreview"));
    const QUrl url = QUrl::fromEncoded(preview->toPlainText().toUtf8(), QUrl::StrictMode);
    QVERIFY2(url.isValid(), qPrintable(preview->toPlainText()));
    QCOMPARE(url.host(), QStringLiteral("as.example"));
    const QUrlQuery query(url);
    const auto value = [&query](const char *name) {
        return query.queryItemValue(QString::fromLatin1(name), QUrl::FullyDecoded);
    };
    QCOMPARE(value("response_type"), QStringLiteral("code id_token"));
    QCOMPARE(value("response_mode"), QStringLiteral("form_post"));
    QCOMPARE(value("client_id"), QStringLiteral("app"));
    QCOMPARE(value("scope"), QStringLiteral("openid email offline_access"));
    QCOMPARE(value("state"), QStringLiteral("typed-state-1"));
    QCOMPARE(value("nonce"), QStringLiteral("typed-nonce-2"));
    // The verifier stays here; its S256 challenge (RFC 7636 Appendix B) goes.
    QCOMPARE(value("code_challenge"),
             QStringLiteral("E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM"));
    QCOMPARE(value("code_challenge_method"), QStringLiteral("S256"));
    QVERIFY(!query.hasQueryItem(QStringLiteral("code_verifier")));
    QCOMPARE(value("redirect_uri"), QStringLiteral("http://127.0.0.1:8400/typed"));
    QCOMPARE(value("prompt"), QStringLiteral("login consent"));
    QCOMPARE(value("login_hint"), QStringLiteral("alice@example.com"));
    QCOMPARE(value("max_age"), QStringLiteral("120"));
    QCOMPARE(value("acr_values"), QStringLiteral("urn:example:loa:2"));
    QCOMPARE(value("claims"), QStringLiteral(R"({"userinfo":{"email":null}})"));
    QCOMPARE(value("ui_locales"), QStringLiteral("zh-CN en"));
    QCOMPARE(value("id_token_hint"), QStringLiteral("eyJhbGciOiJub25lIn0.e30."));
    QCOMPARE(value("resource"), QStringLiteral("https://api.example/"));
    QCOMPARE(value("audience"), QStringLiteral("typed-audience"));
    // And the preview is exactly the request the flow will send.
    QCOMPARE(url, form.request().authorizationUrl());

    // PKCE plain: the typed verifier itself is the challenge.
    choose("pkceCombo", QStringLiteral("plain"));
    const QUrlQuery plain(QUrl::fromEncoded(preview->toPlainText().toUtf8()));
    QCOMPARE(plain.queryItemValue(QStringLiteral("code_challenge")), verifier);
    QCOMPARE(plain.queryItemValue(QStringLiteral("code_challenge_method")),
             QStringLiteral("plain"));
}

void TestAuthorizationRequestForm::redirectTimeoutIsConfigurable()
{
    AuthorizationRequestForm form(m_random);
    QCOMPARE(form.redirectTimeoutSeconds(),
             AuthorizationRequestForm::DefaultRedirectTimeoutSeconds); // ten minutes
    QCOMPARE(form.redirectTimeoutSeconds(), 600);
    auto *spin = form.findChild<QSpinBox *>(QStringLiteral("redirectTimeoutSpin"));
    QVERIFY(spin);
    spin->selectAll();
    QTest::keyClicks(spin, QStringLiteral("45"));
    QCOMPARE(form.redirectTimeoutSeconds(), 45);
}

static void chooseMethod(AuthorizationRequestForm &form, Method method)
{
    auto *combo = form.findChild<QComboBox *>(QStringLiteral("authMethodCombo"));
    QVERIFY(combo);
    const int index = combo->findData(QVariant::fromValue(method));
    QVERIFY(index >= 0);
    combo->setCurrentIndex(index);
}

static QByteArray generatedPem()
{
    return Jose::JwsSigner::Key::generate(QStringLiteral("ES256")).privatePem();
}

void TestAuthorizationRequestForm::privateKeyJwtTakesAKeyAndNoSecret()
{
    AuthorizationRequestForm form(m_random);
    form.show();
    type(form, "authorizationEndpointEdit", QStringLiteral("https://as.example/authorize"));
    type(form, "tokenEndpointEdit", QStringLiteral("https://as.example/token"));
    type(form, "clientIdEdit", QStringLiteral("app"));
    type(form, "clientSecretEdit", QStringLiteral("typed-before"));
    auto *secret = form.findChild<QLineEdit *>(QStringLiteral("clientSecretEdit"));
    auto *key = form.findChild<QPlainTextEdit *>(QStringLiteral("clientPrivateKeyEdit"));
    auto *source = form.findChild<KeychainKeySource *>(QStringLiteral("clientKeySourceCombo"));
    QVERIFY(key && source);
    QVERIFY(!key->isVisible()); // client_secret_* and none show no key
    chooseMethod(form, Method::PrivateKeyJwt);
    QVERIFY(key->isVisible());
    QVERIFY(source->isVisible());
    QVERIFY(!secret->isVisible());
    QVERIFY2(form.problem().contains(QStringLiteral("private key")), qPrintable(form.problem()));

    key->setPlainText(QStringLiteral("not a key"));
    QVERIFY2(form.problem().contains(QStringLiteral("PEM")), qPrintable(form.problem()));
    const QByteArray pem = generatedPem();
    key->setPlainText(QString::fromLatin1(pem));
    QVERIFY2(form.problem().isEmpty(), qPrintable(form.problem()));
    const AuthCode::AuthorizationRequest r = form.request();
    QCOMPARE(r.authMethod, Method::PrivateKeyJwt);
    QCOMPARE(r.clientPrivateKey, pem.trimmed());
    QVERIFY(r.clientSecret.isEmpty()); // the typed secret is not sent along
}

void TestAuthorizationRequestForm::clientSecretJwtTakesTheSecret()
{
    AuthorizationRequestForm form(m_random);
    form.show();
    type(form, "authorizationEndpointEdit", QStringLiteral("https://as.example/authorize"));
    type(form, "tokenEndpointEdit", QStringLiteral("https://as.example/token"));
    type(form, "clientIdEdit", QStringLiteral("app"));
    chooseMethod(form, Method::ClientSecretJwt);
    QVERIFY(form.findChild<QLineEdit *>(QStringLiteral("clientSecretEdit"))->isVisible());
    QVERIFY(!form.findChild<QPlainTextEdit *>(QStringLiteral("clientPrivateKeyEdit"))->isVisible());
    QVERIFY2(form.problem().contains(QStringLiteral("secret")), qPrintable(form.problem()));
    type(form, "clientSecretEdit", QStringLiteral("a-shared-secret-of-32-bytes-or-more"));
    QVERIFY2(form.problem().isEmpty(), qPrintable(form.problem()));
    QCOMPARE(form.request().authMethod, Method::ClientSecretJwt);
    QCOMPARE(form.request().clientSecret, QByteArray("a-shared-secret-of-32-bytes-or-more"));
    QVERIFY(form.request().clientPrivateKey.isEmpty());
}

void TestAuthorizationRequestForm::handedOverKeyIsHeldNotShown()
{
    AuthorizationRequestForm form(m_random);
    form.show();
    Profiles::Profile profile = savedProfile();
    profile.client.authMethod = QStringLiteral("private_key_jwt");
    form.applyProfile(profile, QByteArray());
    QCOMPARE(form.request().authMethod, Method::PrivateKeyJwt);
    QVERIFY(form.problem().contains(QStringLiteral("private key")));

    // The key the main window read from the keychain for the profile (no profiles listed
    // here): used, never shown.
    const QByteArray pem = generatedPem();
    form.setClientPrivateKey(pem);
    QCOMPARE(form.request().clientPrivateKey, pem);
    QVERIFY2(form.problem().isEmpty(), qPrintable(form.problem()));
    auto *key = form.findChild<QPlainTextEdit *>(QStringLiteral("clientPrivateKeyEdit"));
    QVERIFY(key->toPlainText().isEmpty());
    QVERIFY(key->isReadOnly());
    QVERIFY(key->placeholderText().contains(QStringLiteral("Staging")));
    auto *status = form.findChild<QLabel *>(QStringLiteral("clientKeyStatus"));
    QVERIFY(status->isVisible());
    QVERIFY(status->text().contains(QStringLiteral("Staging")));

    // Choosing the pasted key in the list lets go of it.
    auto *source = form.findChild<KeychainKeySource *>(QStringLiteral("clientKeySourceCombo"));
    emit source->activated(0);
    QVERIFY(form.request().clientPrivateKey.isEmpty());
    QVERIFY(!key->isReadOnly());
    QVERIFY(!status->isVisible());

    // So do an empty key and another profile.
    form.setClientPrivateKey(pem);
    QCOMPARE(form.request().clientPrivateKey, pem);
    form.setClientPrivateKey(QByteArray());
    QVERIFY(form.request().clientPrivateKey.isEmpty());
    form.setClientPrivateKey(pem);
    form.applyProfile(savedProfile(), "s3cret");
    chooseMethod(form, Method::PrivateKeyJwt);
    QVERIFY(form.request().clientPrivateKey.isEmpty());
}

void TestAuthorizationRequestForm::keychainKeySignsWithoutBeingShown()
{
    QTemporaryDir directory;
    Profiles::ProfileStore store(directory.path());
    Profiles::MemorySecretStore secrets;
    Profiles::ProfileManager manager(store, secrets);
    const QByteArray pem = generatedPem();
    Profiles::Profile profile = savedProfile();
    profile.name = QStringLiteral("Partner");
    profile.client.authMethod = QStringLiteral("private_key_jwt");
    TOKENSCOPE_SAVE_PROFILE(manager, profile, {{Profiles::SecretKind::PrivateKey, pem}});

    AuthorizationRequestForm form(m_random);
    form.show();
    form.setProfiles(&manager);
    type(form, "authorizationEndpointEdit", QStringLiteral("https://as.example/authorize"));
    type(form, "tokenEndpointEdit", QStringLiteral("https://as.example/token"));
    type(form, "clientIdEdit", QStringLiteral("web-app"));
    chooseMethod(form, Method::PrivateKeyJwt);
    auto *source = form.findChild<KeychainKeySource *>(QStringLiteral("clientKeySourceCombo"));
    QCOMPARE(source->count(), 2);
    QVERIFY(source->itemText(1).contains(QStringLiteral("Partner")));

    // Chosen in the list: read from the keychain, the run waits for it.
    source->setCurrentIndex(1);
    emit source->activated(1);
    QTRY_COMPARE(form.request().clientPrivateKey, pem);
    QVERIFY2(form.problem().isEmpty(), qPrintable(form.problem()));
    auto *key = form.findChild<QPlainTextEdit *>(QStringLiteral("clientPrivateKeyEdit"));
    QVERIFY(key->isReadOnly());
    QVERIFY(key->toPlainText().isEmpty());
    QVERIFY(form.findChild<QLabel *>(QStringLiteral("clientKeyStatus"))
                ->text()
                .contains(QStringLiteral("Partner")));

    // The same key handed over with its profile is chosen in the list, not read again.
    emit source->activated(0);
    QVERIFY(form.request().clientPrivateKey.isEmpty());
    form.applyProfile(profile, QByteArray());
    form.setClientPrivateKey(pem);
    QCOMPARE(source->currentIndex(), 1);
    QVERIFY(!source->isReading());
    QCOMPARE(form.request().clientPrivateKey, pem);

    const QString part = QString::fromLatin1(pem.mid(40, 40));
    for (const QPlainTextEdit *edit : form.findChildren<QPlainTextEdit *>())
        QVERIFY2(!edit->toPlainText().contains(part), qPrintable(edit->objectName()));
}

QTEST_MAIN(TestAuthorizationRequestForm)
#include "TestAuthorizationRequestForm.moc"
