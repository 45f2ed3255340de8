#include "AuthorizationRequestForm.h"

#include "authcode/Pkce.h"
#include "authcode/ResponseType.h"
#include "common/RandomSource.h"
#include "discovery/ProviderMetadata.h"
#include "grants/KeychainKeySource.h"
#include "jose/JwsSigner.h"
#include "profiles/Profile.h"
#include "redirect/RedirectMatcher.h"

#include <QCheckBox>
#include <QComboBox>
#include <QFontDatabase>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QScrollArea>
#include <QSignalBlocker>
#include <QSpinBox>
#include <QVBoxLayout>

using Tokenscope::AuthCode::AuthorizationRequest;
using Tokenscope::AuthCode::Pkce;
using Tokenscope::AuthCode::ResponseType;
using Method = Tokenscope::ClientAuth::ClientAuthentication::Method;
using Tokenscope::Profiles::SecretKind;

namespace {

QString randomValue(Tokenscope::RandomSource &random)
{
    return QString::fromLatin1(
        random.bytes(16).toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals));
}

QUrl strictUrl(const QString &text)
{
    return QUrl(text.trimmed(), QUrl::StrictMode);
}

bool usesSecret(Method method)
{
    return method != Method::None && method != Method::PrivateKeyJwt;
}

} // namespace

AuthorizationRequestForm::AuthorizationRequestForm(Tokenscope::RandomSource &random,
                                                   QWidget *parent)
    : QWidget(parent)
    , m_random(random)
    , m_issuer(addLine("requestIssuerEdit", tr("https://provider.example")))
    , m_authorizationEndpoint(addLine("authorizationEndpointEdit"))
    , m_tokenEndpoint(addLine("tokenEndpointEdit"))
    , m_clientId(addLine("clientIdEdit"))
    , m_clientSecret(addLine("clientSecretEdit", tr("none for a public client")))
    , m_authMethod(new QComboBox(this))
    , m_keySource(new KeychainKeySource(tr("Pasted key"), {SecretKind::PrivateKey}, this))
    , m_privateKey(new QPlainTextEdit(this))
    , m_keyStatus(new QLabel(this))
    , m_responseType(new QComboBox(this))
    , m_responseMode(new QComboBox(this))
    , m_scope(addLine("scopeEdit"))
    , m_redirectUri(addLine("redirectUriEdit"))
    , m_pkce(new QComboBox(this))
    , m_state(addLine("stateEdit"))
    , m_nonce(addLine("nonceEdit"))
    , m_verifier(addLine("codeVerifierEdit"))
    , m_prompt(addLine("promptEdit", tr("none, login, consent, select_account")))
    , m_loginHint(addLine("loginHintEdit"))
    , m_maxAge(addLine("maxAgeEdit", tr("seconds")))
    , m_acrValues(addLine("acrValuesEdit"))
    , m_claims(addLine("claimsEdit", tr("a JSON object")))
    , m_uiLocales(addLine("uiLocalesEdit", tr("zh-CN en")))
    , m_idTokenHint(addLine("idTokenHintEdit"))
    , m_extra(new QPlainTextEdit(this))
    , m_capture(new QComboBox(this))
    , m_fresh(new QCheckBox(tr("Fresh session (no cookies from earlier runs)"), this))
    , m_timeout(new QSpinBox(this))
    , m_problem(new QLabel(this))
    , m_preview(new QPlainTextEdit(this))
{
    setObjectName(QStringLiteral("authorizationRequestForm"));
    m_clientSecret->setEchoMode(QLineEdit::Password);
    m_scope->setText(QStringLiteral("openid profile email"));
    m_redirectUri->setText(QStringLiteral("http://127.0.0.1/callback"));
    m_redirectUri->setToolTip(
        tr("Registered with the provider. With the system browser, http://127.0.0.1 without a "
           "port picks a free one (RFC 8252 §7.3)."));

    m_authMethod->setObjectName(QStringLiteral("authMethodCombo"));
    m_authMethod->addItem(tr("client_secret_basic (Authorization header)"),
                          QVariant::fromValue(Method::ClientSecretBasic));
    m_authMethod->addItem(tr("client_secret_post (in the body)"),
                          QVariant::fromValue(Method::ClientSecretPost));
    m_authMethod->addItem(tr("none (public client)"), QVariant::fromValue(Method::None));
    m_authMethod->addItem(tr("client_secret_jwt (an assertion signed with the secret, HS256)"),
                          QVariant::fromValue(Method::ClientSecretJwt));
    m_authMethod->addItem(tr("private_key_jwt (an assertion signed with the client's key)"),
                          QVariant::fromValue(Method::PrivateKeyJwt));
    m_authMethod->setCurrentIndex(m_authMethod->findData(QVariant::fromValue(Method::None)));

    // private_key_jwt: a pasted key, or a saved profile's from the keychain (never shown).
    m_keySource->setObjectName(QStringLiteral("clientKeySourceCombo"));
    m_privateKey->setObjectName(QStringLiteral("clientPrivateKeyEdit"));
    m_privateKey->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    m_privateKey->setTabChangesFocus(true);
    m_privateKey->setFixedHeight(fontMetrics().lineSpacing() * 4);
    m_keyStatus->setObjectName(QStringLiteral("clientKeyStatus"));
    m_keyStatus->setWordWrap(true);
    m_keyStatus->hide();

    m_responseType->setObjectName(QStringLiteral("responseTypeCombo"));
    const QStringList responseTypes = ResponseType::registeredValues();
    for (const QString &value : responseTypes)
        m_responseType->addItem(value, value);

    m_responseMode->setObjectName(QStringLiteral("responseModeCombo"));
    m_responseMode->addItem(tr("the response type's default"), QString());
    for (const char *mode : {"query", "fragment", "form_post"})
        m_responseMode->addItem(QString::fromLatin1(mode), QString::fromLatin1(mode));

    m_pkce->setObjectName(QStringLiteral("pkceCombo"));
    m_pkce->addItem(QStringLiteral("S256"), QVariant::fromValue(Pkce::Method::S256));
    m_pkce->addItem(QStringLiteral("plain"), QVariant::fromValue(Pkce::Method::Plain));
    m_pkce->addItem(tr("none (no PKCE)"), QVariant::fromValue(Pkce::Method::None));

    m_extra->setObjectName(QStringLiteral("extraParametersEdit"));
    m_extra->setPlaceholderText(tr("One NAME=VALUE per line, e.g. resource=https://api.example"));
    m_extra->setFixedHeight(fontMetrics().lineSpacing() * 4);

    m_capture->setObjectName(QStringLiteral("captureModeCombo"));
    m_capture->addItem(tr("Embedded browser"), QVariant::fromValue(CaptureMode::EmbeddedBrowser));
    m_capture->addItem(tr("System browser + loopback listener"),
                       QVariant::fromValue(CaptureMode::SystemBrowser));
    m_capture->addItem(tr("Paste the redirect URL"), QVariant::fromValue(CaptureMode::Paste));
    m_fresh->setObjectName(QStringLiteral("freshSessionCheck"));
    m_fresh->setChecked(true);
    m_timeout->setObjectName(QStringLiteral("redirectTimeoutSpin"));
    m_timeout->setRange(1, 24 * 60 * 60);
    m_timeout->setValue(DefaultRedirectTimeoutSeconds);
    m_timeout->setSuffix(tr(" s"));
    m_timeout->setToolTip(tr("With the system browser: how long the loopback listener waits for "
                             "the redirect before it is closed and the run given up"));

    m_problem->setObjectName(QStringLiteral("requestProblemLabel"));
    m_problem->setWordWrap(true);
    m_problem->setStyleSheet(QStringLiteral("color: #b00020;"));
    m_preview->setObjectName(QStringLiteral("authorizationUrlPreview"));
    m_preview->setReadOnly(true);
    m_preview->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    m_preview->setMinimumWidth(fontMetrics().horizontalAdvance(QLatin1Char('M')) * 24);

    auto *regenerateButton = new QPushButton(tr("Regenerate"), this);
    regenerateButton->setObjectName(QStringLiteral("regenerateButton"));
    regenerateButton->setToolTip(tr("New random state, nonce and code_verifier"));
    connect(regenerateButton, &QPushButton::clicked, this, &AuthorizationRequestForm::regenerate);

    auto group = [this](const QString &title) {
        auto *box = new QGroupBox(title, this);
        auto *form = new QFormLayout(box);
        form->setFieldGrowthPolicy(QFormLayout::ExpandingFieldsGrow);
        return form;
    };
    QFormLayout *provider = group(tr("Provider"));
    provider->addRow(tr("Issuer"), m_issuer);
    provider->addRow(tr("Authorization endpoint"), m_authorizationEndpoint);
    provider->addRow(tr("Token endpoint"), m_tokenEndpoint);
    QFormLayout *client = group(tr("Client"));
    client->addRow(tr("client_id"), m_clientId);
    client->addRow(tr("Authentication"), m_authMethod);
    client->addRow(tr("Client secret"), m_clientSecret);
    client->addRow(tr("Key from"), m_keySource);
    m_keyBox = new QWidget(this);
    auto *keyColumn = new QVBoxLayout(m_keyBox);
    keyColumn->setContentsMargins(0, 0, 0, 0);
    keyColumn->addWidget(m_privateKey);
    keyColumn->addWidget(m_keyStatus);
    client->addRow(tr("Private key"), m_keyBox);
    m_clientForm = client;
    QFormLayout *request = group(tr("Request"));
    request->addRow(tr("response_type"), m_responseType);
    request->addRow(tr("response_mode"), m_responseMode);
    request->addRow(tr("scope"), m_scope);
    request->addRow(tr("redirect_uri"), m_redirectUri);
    request->addRow(tr("PKCE"), m_pkce);
    QFormLayout *generated = group(tr("Generated for this run"));
    generated->addRow(tr("state"), m_state);
    generated->addRow(tr("nonce"), m_nonce);
    generated->addRow(tr("code_verifier"), m_verifier);
    generated->addRow(QString(), regenerateButton);
    QFormLayout *optional = group(tr("Optional parameters"));
    optional->addRow(tr("prompt"), m_prompt);
    optional->addRow(tr("login_hint"), m_loginHint);
    optional->addRow(tr("max_age"), m_maxAge);
    optional->addRow(tr("acr_values"), m_acrValues);
    optional->addRow(tr("claims"), m_claims);
    optional->addRow(tr("ui_locales"), m_uiLocales);
    optional->addRow(tr("id_token_hint"), m_idTokenHint);
    optional->addRow(tr("Extra parameters"), m_extra);
    QFormLayout *capture = group(tr("Redirect capture"));
    capture->addRow(tr("Mode"), m_capture);
    capture->addRow(QString(), m_fresh);
    capture->addRow(tr("Wait for the redirect"), m_timeout);

    auto *content = new QWidget(this);
    auto *column = new QVBoxLayout(content);
    for (QFormLayout *form : {provider, client, request, generated, optional, capture})
        column->addWidget(form->parentWidget());
    column->addStretch();
    auto *scroll = new QScrollArea(this);
    scroll->setWidgetResizable(true);
    scroll->setWidget(content);
    scroll->setFrameShape(QFrame::NoFrame);

    // The form on the left, the URL it makes on the right, as wide as the window allows.
    auto *previewColumn = new QVBoxLayout;
    previewColumn->addWidget(new QLabel(tr("Authorization URL"), this));
    previewColumn->addWidget(m_preview, 1);
    previewColumn->addWidget(m_problem);
    auto *layout = new QHBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(scroll, 3);
    layout->addLayout(previewColumn, 2);

    const auto edits = findChildren<QLineEdit *>();
    for (QLineEdit *edit : edits)
        connect(edit, &QLineEdit::textChanged, this, &AuthorizationRequestForm::update);
    for (QComboBox *combo : {m_authMethod, m_responseType, m_responseMode, m_pkce, m_capture})
        connect(combo, &QComboBox::currentIndexChanged, this, &AuthorizationRequestForm::update);
    connect(m_extra, &QPlainTextEdit::textChanged, this, &AuthorizationRequestForm::update);
    connect(m_privateKey, &QPlainTextEdit::textChanged, this, &AuthorizationRequestForm::update);
    connect(m_keySource, &KeychainKeySource::sourceChanged, this, [this] {
        forgetHandedKey(); // the user chose: a profile's handed-over key no longer holds
        keySourceChanged();
    });
    connect(m_keySource, &KeychainKeySource::keyReady, this, [this](const QString &label) {
        m_privateKey->setPlaceholderText(
            tr("Signing with %1: the key stays in the keychain and is not shown here.").arg(label));
        m_keyStatus->setText(tr("Key ready: %1.").arg(label));
        m_keyStatus->show();
        update();
    });
    connect(m_keySource, &KeychainKeySource::keyFailed, this,
            [this](const QString &label, const QString &message) {
                m_privateKey->setPlaceholderText(QString());
                m_keyStatus->setText(
                    tr("%1 could not be read from the keychain: %2").arg(label, message));
                m_keyStatus->show();
                update();
            });
    keySourceChanged();
    connect(m_fresh, &QCheckBox::toggled, this, &AuthorizationRequestForm::changed);
    regenerate();
}

AuthorizationRequestForm::~AuthorizationRequestForm()
{
    forgetHandedKey();
}

QLineEdit *AuthorizationRequestForm::addLine(const char *objectName, const QString &placeholder)
{
    auto *edit = new QLineEdit(this);
    edit->setObjectName(QString::fromLatin1(objectName));
    edit->setPlaceholderText(placeholder);
    edit->setClearButtonEnabled(true);
    return edit;
}

void AuthorizationRequestForm::setProfiles(Tokenscope::Profiles::ProfileManager *manager)
{
    m_keySource->setProfiles(manager);
}

void AuthorizationRequestForm::setClientPrivateKey(const QByteArray &pem)
{
    forgetHandedKey();
    if (pem.isEmpty()) {
        keySourceChanged();
        return;
    }
    // The profile's key as listed in the key source: chosen there, with no second read.
    if (!m_profileId.isNull() && m_keySource->profiles()) {
        m_keySource->reload();
        if (m_keySource->chooseRead(m_profileId, SecretKind::PrivateKey, pem))
            return;
    }
    {
        const QSignalBlocker blocker(m_keySource);
        m_keySource->usePasted();
    }
    m_handedKey = pem;
    keySourceChanged();
}

void AuthorizationRequestForm::forgetHandedKey()
{
    m_handedKey.fill('\0');
    m_handedKey.clear();
}

void AuthorizationRequestForm::keySourceChanged()
{
    const bool fromKeychain = m_keySource->fromKeychain();
    const bool handed = !fromKeychain && !m_handedKey.isEmpty();
    m_privateKey->setReadOnly(fromKeychain || handed);
    m_keyStatus->setVisible(handed);
    if (fromKeychain) {
        m_privateKey->clear();
        m_privateKey->setPlaceholderText(
            tr("Reading %1 from the keychain…").arg(m_keySource->chosenLabel()));
    } else if (handed) {
        m_privateKey->clear();
        const QString owner =
            m_profileName.isEmpty() ? tr("the chosen profile") : tr("“%1”").arg(m_profileName);
        m_privateKey->setPlaceholderText(
            tr("Signing with the private key of %1: it stays in the keychain and is not shown "
               "here.")
                .arg(owner));
        m_keyStatus->setText(
            tr("Key ready: the private key of %1 (from the keychain). Choose “%2” above to paste "
               "another.")
                .arg(owner, m_keySource->itemText(0)));
    } else {
        m_privateKey->setPlaceholderText(
            tr("The client's private key: -----BEGIN PRIVATE KEY----- … (PEM or a private JWK)"));
    }
    update();
}

QByteArray AuthorizationRequestForm::privateKey() const
{
    if (m_keySource->fromKeychain())
        return m_keySource->key();
    if (!m_handedKey.isEmpty())
        return m_handedKey;
    return m_privateKey->toPlainText().trimmed().toUtf8();
}

void AuthorizationRequestForm::setProvider(const Tokenscope::Discovery::ProviderMetadata &metadata)
{
    m_jwksUri = metadata.endpoint(QStringLiteral("jwks_uri"));
    m_userinfoEndpoint = metadata.endpoint(QStringLiteral("userinfo_endpoint"));
    m_issRequired = metadata.authorizationResponseIssParameterSupported;
    m_issuer->setText(metadata.issuer);
    m_authorizationEndpoint->setText(
        metadata.endpoint(QStringLiteral("authorization_endpoint")).toString());
    m_tokenEndpoint->setText(metadata.endpoint(QStringLiteral("token_endpoint")).toString());
    update();
}

void AuthorizationRequestForm::applyProfile(const Tokenscope::Profiles::Profile &profile,
                                            const QByteArray &clientSecret)
{
    const auto &provider = profile.provider;
    const QJsonObject &document = provider.discoveryDocument;
    const auto endpoint = [&provider, &document](const char *name) {
        const QString key = QString::fromLatin1(name);
        const QUrl explicitUrl = provider.endpoints.value(key);
        return explicitUrl.isValid() ? explicitUrl
                                     : QUrl(document.value(key).toString(), QUrl::StrictMode);
    };
    m_profileName = profile.name;
    m_profileId = profile.id;
    // Another client: a key handed over or chosen for the previous one no longer holds.
    forgetHandedKey();
    if (m_keySource->fromKeychain()) {
        const QSignalBlocker blocker(m_keySource);
        m_keySource->usePasted();
    }
    keySourceChanged();
    m_sessionName = profile.id.toString(QUuid::WithoutBraces);
    m_jwksUri = endpoint("jwks_uri");
    m_userinfoEndpoint = endpoint("userinfo_endpoint");
    m_issRequired =
        document.value(QLatin1String("authorization_response_iss_parameter_supported")).toBool();
    const QString issuer = document.value(QLatin1String("issuer")).toString();
    m_issuer->setText(issuer.isEmpty() ? provider.issuer.toString() : issuer);
    m_authorizationEndpoint->setText(endpoint("authorization_endpoint").toString());
    m_tokenEndpoint->setText(endpoint("token_endpoint").toString());

    const auto &client = profile.client;
    m_clientId->setText(client.clientId);
    m_clientSecret->setText(QString::fromUtf8(clientSecret));
    Method method = clientSecret.isEmpty() ? Method::None : Method::ClientSecretBasic;
    Tokenscope::ClientAuth::ClientAuthentication::parseMethod(client.authMethod, &method);
    m_authMethod->setCurrentIndex(qMax(0, m_authMethod->findData(QVariant::fromValue(method))));
    if (!client.redirectUris.isEmpty())
        m_redirectUri->setText(client.redirectUris.constFirst().toString());
    if (!client.defaultScopes.isEmpty())
        m_scope->setText(client.defaultScopes.join(QLatin1Char(' ')));
    Pkce::Method pkce = Pkce::Method::S256;
    Pkce::parseMethod(client.pkceMethod, &pkce);
    m_pkce->setCurrentIndex(qMax(0, m_pkce->findData(QVariant::fromValue(pkce))));
    const int type = m_responseType->findData(client.responseType.isEmpty() ? QStringLiteral("code")
                                                                            : client.responseType);
    m_responseType->setCurrentIndex(qMax(0, type));
    m_responseMode->setCurrentIndex(qMax(0, m_responseMode->findData(client.responseMode)));
    QStringList extra;
    for (const auto &parameter : client.extraAuthorizationParameters)
        extra << parameter.name + QLatin1Char('=') + parameter.value;
    m_extra->setPlainText(extra.join(QLatin1Char('\n')));
    if (client.redirectCapture == QLatin1String("system_browser"))
        setCaptureMode(CaptureMode::SystemBrowser);
    else if (client.redirectCapture == QLatin1String("paste"))
        setCaptureMode(CaptureMode::Paste);
    else
        setCaptureMode(CaptureMode::EmbeddedBrowser);
    m_fresh->setChecked(client.browserSession != QLatin1String("persistent"));
    regenerate();
    update();
}

void AuthorizationRequestForm::setCaptureMode(CaptureMode mode)
{
    m_capture->setCurrentIndex(qMax(0, m_capture->findData(QVariant::fromValue(mode))));
}

void AuthorizationRequestForm::regenerate()
{
    m_state->setText(randomValue(m_random));
    m_nonce->setText(randomValue(m_random));
    m_verifier->setText(QString::fromLatin1(Pkce::generateVerifier(m_random)));
}

AuthorizationRequest AuthorizationRequestForm::request() const
{
    AuthorizationRequest r;
    r.issuer = m_issuer->text().trimmed();
    r.authorizationEndpoint = strictUrl(m_authorizationEndpoint->text());
    r.tokenEndpoint = strictUrl(m_tokenEndpoint->text());
    r.issParameterRequired = m_issRequired;
    r.jwksUri = m_jwksUri;
    r.userinfoEndpoint = m_userinfoEndpoint;
    r.callUserinfo = true;
    r.clientId = m_clientId->text().trimmed();
    r.authMethod = m_authMethod->currentData().value<Method>();
    if (usesSecret(r.authMethod))
        r.clientSecret = m_clientSecret->text().toUtf8();
    if (r.authMethod == Method::PrivateKeyJwt)
        r.clientPrivateKey = privateKey();
    r.responseType = m_responseType->currentData().toString();
    r.responseMode = m_responseMode->currentData().toString();
    r.scope = m_scope->text().simplified();
    r.redirectUri = strictUrl(m_redirectUri->text());
    r.pkceMethod = m_pkce->currentData().value<Pkce::Method>();
    r.state = m_state->text().trimmed();
    r.nonce = m_nonce->text().trimmed();
    r.codeVerifier = m_verifier->text().trimmed().toLatin1();
    r.prompt = m_prompt->text().trimmed();
    r.loginHint = m_loginHint->text().trimmed();
    r.maxAge = m_maxAge->text().trimmed();
    r.acrValues = m_acrValues->text().trimmed();
    r.claims = m_claims->text().trimmed();
    r.uiLocales = m_uiLocales->text().trimmed();
    r.idTokenHint = m_idTokenHint->text().trimmed();
    const QStringList lines = m_extra->toPlainText().split(QLatin1Char('\n'), Qt::SkipEmptyParts);
    for (const QString &line : lines) {
        const qsizetype equals = line.indexOf(QLatin1Char('='));
        if (equals > 0)
            r.extraParameters.append({line.left(equals).trimmed(), line.mid(equals + 1).trimmed()});
    }
    return r;
}

AuthorizationRequestForm::CaptureMode AuthorizationRequestForm::captureMode() const
{
    return m_capture->currentData().value<CaptureMode>();
}

bool AuthorizationRequestForm::freshSession() const
{
    return m_fresh->isChecked();
}

int AuthorizationRequestForm::redirectTimeoutSeconds() const
{
    return m_timeout->value();
}

QString AuthorizationRequestForm::problem() const
{
    const AuthorizationRequest r = request();
    const ResponseType type = r.parsedResponseType();
    const auto badUrl = [](const QUrl &url) {
        return !url.isValid() || url.scheme().isEmpty() || url.isRelative();
    };
    if (badUrl(r.authorizationEndpoint))
        return tr("The authorization endpoint is not an absolute URL");
    if (type.hasCode() && badUrl(r.tokenEndpoint))
        return tr("The token endpoint is not an absolute URL (the response type returns a code)");
    if (r.clientId.isEmpty())
        return tr("A client_id is needed");
    if (usesSecret(r.authMethod) && r.clientSecret.isEmpty())
        return tr("%1 needs a client secret").arg(m_authMethod->currentText());
    if (r.authMethod == Method::PrivateKeyJwt) {
        if (r.clientPrivateKey.isEmpty() && m_keySource->fromKeychain())
            return m_keySource->isReading()
                       ? tr("The client's key is being read from the keychain…")
                       : tr("The client's key could not be read from the keychain");
        if (r.clientPrivateKey.isEmpty())
            return tr("private_key_jwt needs the client's private key: paste it (PEM or a "
                      "private JWK), or choose a saved profile's key");
        if (!m_keySource->fromKeychain() && m_handedKey.isEmpty()) {
            QString error;
            const Tokenscope::Jose::JwsSigner::Key key =
                r.clientPrivateKey.startsWith('{')
                    ? Tokenscope::Jose::JwsSigner::Key::fromJwk(r.clientPrivateKey, &error)
                    : Tokenscope::Jose::JwsSigner::Key::fromPem(r.clientPrivateKey, &error);
            if (key.isNull() || key.isSecret())
                return tr("The private key is not a PEM private key nor a private JWK: %1")
                    .arg(error);
        }
    }
    if (m_redirectUri->text().trimmed().isEmpty() || badUrl(r.redirectUri))
        return tr("The redirect_uri needs a scheme, e.g. http://127.0.0.1/callback or "
                  "com.example.app:/callback");
    if (type.hasIdToken() && !r.isOpenId())
        return tr("The response type returns an ID token: the scope must contain openid");
    if (!r.maxAge.isEmpty()) {
        bool number = false;
        r.maxAge.toLongLong(&number);
        if (!number)
            return tr("max_age is a number of seconds");
    }
    if (r.usesPkce()) {
        const QString verifierProblem = Pkce::verifierProblem(r.codeVerifier);
        if (!verifierProblem.isEmpty())
            return verifierProblem;
    }
    if (r.state.isEmpty())
        return tr("The state is empty: press Regenerate");
    if (captureMode() == CaptureMode::SystemBrowser &&
        (r.redirectUri.scheme() != QLatin1String("http") ||
         !Tokenscope::Redirect::RedirectMatcher::isLoopbackLiteral(r.redirectUri.host())))
        return tr("The system browser needs a loopback redirect_uri, http://127.0.0.1:PORT/PATH "
                  "or http://[::1]:PORT/PATH, for the listener");
    return QString();
}

void AuthorizationRequestForm::update()
{
    const auto method = m_authMethod->currentData().value<Method>();
    if (m_clientForm) {
        m_clientForm->setRowVisible(m_clientSecret, usesSecret(method));
        m_clientForm->setRowVisible(m_keySource, method == Method::PrivateKeyJwt);
        m_clientForm->setRowVisible(m_keyBox, method == Method::PrivateKeyJwt);
    }
    const QString why = problem();
    m_problem->setText(why);
    m_problem->setVisible(!why.isEmpty());
    const AuthorizationRequest r = request();
    m_verifier->setEnabled(r.usesPkce());
    m_preview->setPlainText(why.isEmpty() || r.authorizationEndpoint.isValid()
                                ? QString::fromUtf8(r.authorizationUrl().toEncoded())
                                : QString());
    emit changed();
}
