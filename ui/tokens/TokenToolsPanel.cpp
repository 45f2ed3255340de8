#include "TokenToolsPanel.h"

#include "TokenInspector.h"
#include "common/Clock.h"
#include "common/JsonHighlighter.h"
#include "grants/KeychainKeySource.h"
#include "jose/JwkSet.h"
#include "jose/JwksCache.h"
#include "jose/JwsSigner.h"

#include <QComboBox>
#include <QFontDatabase>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QJsonArray>
#include <QJsonDocument>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QRegularExpression>
#include <QScrollArea>
#include <QSpinBox>
#include <QSplitter>
#include <QTabWidget>
#include <QUuid>
#include <QVBoxLayout>

namespace Jose = Tokenscope::Jose;

namespace {

QPlainTextEdit *codeEditor(const char *objectName, const QString &placeholder, QWidget *parent,
                           int lines, int maxLines = 0)
{
    auto *edit = new QPlainTextEdit(parent);
    edit->setObjectName(QLatin1String(objectName));
    edit->setPlaceholderText(placeholder);
    edit->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    edit->setTabChangesFocus(true);
    edit->setMinimumHeight(edit->fontMetrics().lineSpacing() * lines + 10);
    edit->setMaximumHeight(edit->fontMetrics().lineSpacing() * qMax(lines, maxLines) + 10);
    return edit;
}

QLineEdit *lineEdit(const char *objectName, const QString &placeholder, QWidget *parent)
{
    auto *edit = new QLineEdit(parent);
    edit->setObjectName(QLatin1String(objectName));
    edit->setPlaceholderText(placeholder);
    edit->setClearButtonEnabled(true);
    return edit;
}

QString pretty(const QJsonObject &object)
{
    return QString::fromUtf8(QJsonDocument(object).toJson(QJsonDocument::Indented));
}

} // namespace

TokenToolsPanel::TokenToolsPanel(Tokenscope::Http::HttpClient *http, const Tokenscope::Clock *clock,
                                 Tokenscope::Jose::JwksCache *keys, QWidget *parent)
    : QWidget(parent)
    , m_systemClock(std::make_unique<Tokenscope::SystemClock>())
    , m_clock(clock ? clock : m_systemClock.get())
    , m_http(http)
    , m_jwks(keys ? keys : new Jose::JwksCache(http, *m_clock, this))
{
    m_modes = new QTabWidget(this);
    m_modes->setObjectName(QStringLiteral("tokenToolsModes"));
    m_modes->setDocumentMode(true);
    m_modes->addTab(createDecodePage(), tr("Decode && verify"));
    m_modes->addTab(createSignPage(), tr("Sign / encode"));
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_modes);
    applyTemplate(Template::IdToken);
}

TokenToolsPanel::~TokenToolsPanel() = default;

TokenToolsPanel::Mode TokenToolsPanel::mode() const
{
    return m_modes->currentIndex() == 1 ? Mode::Sign : Mode::Decode;
}

void TokenToolsPanel::setMode(Mode mode)
{
    m_modes->setCurrentIndex(mode == Mode::Sign ? 1 : 0);
}

QWidget *TokenToolsPanel::createDecodePage()
{
    auto *page = new QWidget(this);
    page->setObjectName(QStringLiteral("decodePage"));
    auto *inputs = new QWidget(page);
    auto *form = new QFormLayout(inputs);
    m_tokenInput =
        codeEditor("decodeTokenInput", tr("Paste a JWT, a JWE or an opaque token"), inputs, 3, 5);
    m_jwksUrl = lineEdit("jwksUrlInput", tr("https://provider.example/jwks (optional)"), inputs);
    m_keysInput =
        codeEditor("verificationKeysInput",
                   tr("Or paste a JWK Set or one JWK (JSON) to verify with (optional)"), inputs, 2);
    m_decryptionKey =
        codeEditor("decryptionKeyInput",
                   tr("For a JWE: the private JWK or JWK Set to decrypt it (optional)"), inputs, 2);
    m_kind = new QComboBox(inputs);
    m_kind->setObjectName(QStringLiteral("tokenKindBox"));
    m_kind->addItems({tr("Any JWT (access token rules when typ is at+jwt)"), tr("ID token"),
                      tr("Access token (RFC 9068)")});
    m_issuer = lineEdit("expectedIssuer", tr("iss (optional)"), inputs);
    m_audience = lineEdit("expectedAudience",
                          tr("ID token: client_id · access token: resource (optional)"), inputs);
    m_nonce = lineEdit("expectedNonce", tr("the nonce sent (optional)"), inputs);
    m_maxAge = new QSpinBox(inputs);
    m_maxAge->setObjectName(QStringLiteral("expectedMaxAge"));
    m_maxAge->setRange(-1, 365 * 86400);
    m_maxAge->setValue(-1);
    m_maxAge->setSpecialValueText(tr("not requested"));
    m_maxAge->setSuffix(tr(" s"));
    m_accessClientId =
        lineEdit("expectedClientId", tr("access token: client_id (optional)"), inputs);
    m_allowedAlgs =
        lineEdit("allowedAlgorithms",
                 tr("allowed algs, e.g. RS256 ES256 (optional; none never is)"), inputs);
    m_skew = new QSpinBox(inputs);
    m_skew->setObjectName(QStringLiteral("clockSkew"));
    m_skew->setRange(0, 86400);
    m_skew->setValue(60);
    m_skew->setSuffix(tr(" s"));
    m_verify = new QPushButton(tr("&Verify"), inputs);
    m_verify->setObjectName(QStringLiteral("verifyButton"));
    m_verify->setDefault(true);

    form->addRow(tr("Token"), m_tokenInput);
    form->addRow(tr("JWKS URL"), m_jwksUrl);
    auto *keyRow = new QHBoxLayout;
    keyRow->addWidget(m_keysInput);
    keyRow->addWidget(m_decryptionKey);
    form->addRow(tr("Keys"), keyRow);
    form->addRow(tr("Check as"), m_kind);
    auto *expectations = new QHBoxLayout;
    expectations->addWidget(m_issuer, 2);
    expectations->addWidget(m_audience, 2);
    expectations->addWidget(m_nonce, 1);
    expectations->addWidget(new QLabel(tr("max_age"), inputs));
    expectations->addWidget(m_maxAge);
    form->addRow(tr("Expect"), expectations);
    auto *more = new QHBoxLayout;
    more->addWidget(m_accessClientId, 2);
    more->addWidget(m_allowedAlgs, 3);
    more->addWidget(new QLabel(tr("clock skew"), inputs));
    more->addWidget(m_skew);
    form->addRow(QString(), more);
    auto *buttons = new QHBoxLayout;
    auto *note = new QLabel(tr("Decoding and verifying only read the token: nothing is signed "
                               "here."),
                            inputs);
    note->setObjectName(QStringLiteral("decodeNote"));
    buttons->addWidget(note, 1);
    buttons->addWidget(m_verify);
    form->addRow(buttons);

    m_decodeInspector = new TokenInspector(page);
    m_decodeInspector->setObjectName(QStringLiteral("decodeInspector"));
    m_decodeInspector->setClock(m_clock);

    auto *splitter = new QSplitter(Qt::Vertical, page);
    splitter->addWidget(inputs);
    splitter->addWidget(m_decodeInspector);
    splitter->setStretchFactor(0, 0);
    splitter->setStretchFactor(1, 1);
    auto *layout = new QVBoxLayout(page);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(splitter);
    connect(m_verify, &QPushButton::clicked, this, &TokenToolsPanel::verify);
    return page;
}

QWidget *TokenToolsPanel::createSignPage()
{
    auto *page = new QWidget(this);
    page->setObjectName(QStringLiteral("signPage"));
    auto *inputs = new QWidget(page);
    auto *form = new QFormLayout(inputs);

    m_template = new QComboBox(inputs);
    m_template->setObjectName(QStringLiteral("templateBox"));
    m_template->addItem(tr("ID token"), int(Template::IdToken));
    m_template->addItem(tr("Access token (at+jwt, RFC 9068)"), int(Template::AccessToken));
    m_template->addItem(tr("Client assertion: private_key_jwt (RFC 7523)"),
                        int(Template::PrivateKeyJwt));
    m_template->addItem(tr("Client assertion: client_secret_jwt (RFC 7523)"),
                        int(Template::ClientSecretJwt));
    m_signIssuer = lineEdit("signIssuer", tr("issuer"), inputs);
    m_signIssuer->setText(QStringLiteral("https://issuer.example"));
    m_signClientId = lineEdit("signClientId", tr("client_id"), inputs);
    m_signClientId->setText(QStringLiteral("my-client"));
    m_signAudience = lineEdit("signAudience", tr("token endpoint or resource"), inputs);
    m_signAudience->setText(QStringLiteral("https://issuer.example/token"));
    auto *applyButton = new QPushButton(tr("&Apply template"), inputs);
    applyButton->setObjectName(QStringLiteral("applyTemplateButton"));
    auto *templateRow = new QHBoxLayout;
    templateRow->addWidget(m_template, 2);
    templateRow->addWidget(m_signIssuer, 2);
    templateRow->addWidget(m_signClientId, 1);
    templateRow->addWidget(m_signAudience, 2);
    templateRow->addWidget(applyButton);
    form->addRow(tr("Template"), templateRow);

    m_headerEditor =
        codeEditor("headerEditor", tr("JOSE header (JSON); alg and kid come from the fields below"),
                   inputs, 3, 10);
    m_claimsEditor = codeEditor("claimsEditor", tr("Claims (JSON)"), inputs, 6, 10);
    new JsonHighlighter(m_headerEditor->document());
    new JsonHighlighter(m_claimsEditor->document());
    auto *editors = new QHBoxLayout;
    editors->addWidget(m_headerEditor, 1);
    editors->addWidget(m_claimsEditor, 2);
    form->addRow(tr("Header · claims"), editors);

    m_alg = new QComboBox(inputs);
    m_alg->setObjectName(QStringLiteral("algBox"));
    m_alg->addItems({QStringLiteral("RS256"), QStringLiteral("RS384"), QStringLiteral("RS512"),
                     QStringLiteral("PS256"), QStringLiteral("PS384"), QStringLiteral("PS512"),
                     QStringLiteral("ES256"), QStringLiteral("ES384"), QStringLiteral("ES512"),
                     QStringLiteral("EdDSA"), QStringLiteral("HS256"), QStringLiteral("HS384"),
                     QStringLiteral("HS512")});
    m_kid = lineEdit("kidInput", tr("kid (optional)"), inputs);
    auto *generate = new QPushButton(tr("&Generate key"), inputs);
    generate->setObjectName(QStringLiteral("generateKeyButton"));
    auto *signButton = new QPushButton(tr("&Sign"), inputs);
    signButton->setObjectName(QStringLiteral("signButton"));
    auto *keyRow = new QHBoxLayout;
    keyRow->addWidget(new QLabel(tr("alg"), inputs));
    keyRow->addWidget(m_alg);
    keyRow->addWidget(new QLabel(tr("kid"), inputs));
    keyRow->addWidget(m_kid, 1);
    keyRow->addWidget(generate);
    keyRow->addWidget(signButton);
    form->addRow(tr("Algorithm"), keyRow);

    m_signingKey = codeEditor("signingKeyInput",
                              tr("A PEM private key, a private JWK, or for HS* the shared secret"),
                              inputs, 3, 6);
    m_publicJwks =
        codeEditor("publicJwksView", tr("The JWK Set to verify with appears here"), inputs, 3, 6);
    m_publicJwks->setReadOnly(true);
    using Tokenscope::Profiles::SecretKind;
    m_keySource = new KeychainKeySource(tr("Pasted or generated key"),
                                        {SecretKind::PrivateKey, SecretKind::DpopKey,
                                         SecretKind::RequestObjectKey, SecretKind::ClientSecret},
                                        inputs);
    m_keySource->setObjectName(QStringLiteral("keySourceCombo"));
    m_keySource->setToolTip(tr("Sign with the pasted or generated key, or with a saved "
                               "profile's key or client secret from the keychain (not shown)"));
    auto *keyColumn = new QVBoxLayout;
    keyColumn->addWidget(m_keySource);
    keyColumn->addWidget(m_signingKey, 1);
    auto *keys = new QHBoxLayout;
    keys->addLayout(keyColumn, 1);
    keys->addWidget(m_publicJwks, 1);
    form->addRow(tr("Key · JWKS"), keys);

    m_signed = codeEditor("signedTokenOutput", tr("The signed token"), inputs, 2, 4);
    m_signed->setReadOnly(true);
    form->addRow(tr("Token"), m_signed);
    m_signStatus = new QLabel(inputs);
    m_signStatus->setObjectName(QStringLiteral("signStatus"));
    m_signStatus->setWordWrap(true);
    form->addRow(m_signStatus);

    m_signInspector = new TokenInspector(page);
    m_signInspector->setObjectName(QStringLiteral("signInspector"));
    m_signInspector->setClock(m_clock);

    auto *splitter = new QSplitter(Qt::Vertical, page);
    splitter->addWidget(inputs);
    splitter->addWidget(m_signInspector);
    splitter->setStretchFactor(0, 0);
    splitter->setStretchFactor(1, 1);
    auto *layout = new QVBoxLayout(page);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(splitter);

    connect(applyButton, &QPushButton::clicked, this,
            [this] { applyTemplate(Template(m_template->currentData().toInt())); });
    connect(generate, &QPushButton::clicked, this, &TokenToolsPanel::generateKey);
    connect(m_keySource, &KeychainKeySource::sourceChanged, this,
            &TokenToolsPanel::keySourceChanged);
    connect(m_keySource, &KeychainKeySource::keyReady, this, [this](const QString &label) {
        m_signingKey->setPlaceholderText(
            tr("Signing with %1: the key stays in the keychain and is not shown here.").arg(label));
        m_signStatus->setText(tr("Key ready: %1.").arg(label));
    });
    connect(m_keySource, &KeychainKeySource::keyFailed, this,
            [this](const QString &label, const QString &message) {
                m_signingKey->setPlaceholderText(QString());
                showSignError(tr("%1 could not be read from the keychain: %2").arg(label, message));
            });
    connect(signButton, &QPushButton::clicked, this, &TokenToolsPanel::sign);
    return page;
}

void TokenToolsPanel::verify()
{
    TokenContext context;
    const QByteArray pastedKeys = m_keysInput->toPlainText().trimmed().toUtf8();
    if (!pastedKeys.isEmpty()) {
        const QJsonObject object = QJsonDocument::fromJson(pastedKeys).object();
        if (object.contains(QLatin1String("keys"))) {
            context.keys = Jose::JwkSet::fromJson(pastedKeys);
        } else {
            Jose::JoseError error;
            const Jose::Jwk key = Jose::Jwk::fromJson(pastedKeys, &error);
            Jose::JwkSet set;
            if (key.isNull())
                set.warnings.append(
                    {QStringLiteral("key_parses"),
                     Tokenscope::Finding::Status::Fail,
                     tr("The pasted key is not a JWK Set nor a JWK: %1").arg(error.message),
                     {},
                     {},
                     QStringLiteral("RFC 7517 §4")});
            else
                set.keys.append(key);
            context.keys = set;
        }
    } else if (!m_jwksUrl->text().trimmed().isEmpty()) {
        const QUrl url(m_jwksUrl->text().trimmed(), QUrl::StrictMode);
        if (url.isValid() &&
            (url.scheme() == QLatin1String("https") || url.scheme() == QLatin1String("http"))) {
            context.jwksUri = url;
            context.jwksCache = m_jwks;
        } else {
            context.findings.append({QStringLiteral("jwks_uri_valid"),
                                     Tokenscope::Finding::Status::Fail,
                                     tr("The JWKS URL is not an http(s) URL: the keys were not "
                                        "fetched"),
                                     {},
                                     m_jwksUrl->text().trimmed(),
                                     QStringLiteral("RFC 7517 §5")});
        }
    }
    context.decryptionKeys = m_decryptionKey->toPlainText().trimmed().toUtf8();
    static const QRegularExpression separators(QStringLiteral("[\\s,]+"));
    context.allowedAlgorithms = m_allowedAlgs->text().split(separators, Qt::SkipEmptyParts);
    const QString issuer = m_issuer->text().trimmed();
    const QString audience = m_audience->text().trimmed();
    switch (m_kind->currentIndex()) {
    case 1: {
        Jose::IdTokenExpectations expected;
        expected.issuer = issuer;
        expected.clientId = audience;
        expected.nonce = m_nonce->text().trimmed();
        expected.maxAge = m_maxAge->value();
        expected.skewSeconds = m_skew->value();
        context.idToken = expected;
        break;
    }
    case 2: {
        Jose::AccessTokenExpectations expected;
        expected.issuer = issuer;
        expected.resource = audience;
        expected.clientId = m_accessClientId->text().trimmed();
        expected.skewSeconds = m_skew->value();
        context.accessToken = expected;
        break;
    }
    default:
        break;
    }
    // The pasted text is handed over as it is: decode mode reads it and never re-encodes it.
    m_decodeInspector->inspect(m_tokenInput->toPlainText(), context);
}

void TokenToolsPanel::applyTemplate(Template which)
{
    const qint64 now = m_clock->now().toSecsSinceEpoch();
    const QString issuer = m_signIssuer->text().trimmed();
    const QString clientId = m_signClientId->text().trimmed();
    const QString audience = m_signAudience->text().trimmed();
    const QString jti = QUuid::createUuid().toString(QUuid::WithoutBraces);
    QJsonObject header{{QStringLiteral("typ"), QStringLiteral("JWT")}};
    QJsonObject claims;
    switch (which) {
    case Template::IdToken:
        claims = {{QStringLiteral("iss"), issuer},
                  {QStringLiteral("sub"), QStringLiteral("alice")},
                  {QStringLiteral("aud"), clientId},
                  {QStringLiteral("iat"), now},
                  {QStringLiteral("exp"), now + 3600},
                  {QStringLiteral("auth_time"), now},
                  {QStringLiteral("nonce"), QUuid::createUuid().toString(QUuid::Id128)}};
        break;
    case Template::AccessToken:
        header.insert(QStringLiteral("typ"), QStringLiteral("at+jwt"));
        claims = {{QStringLiteral("iss"), issuer},
                  {QStringLiteral("sub"), QStringLiteral("alice")},
                  {QStringLiteral("aud"), audience},
                  {QStringLiteral("client_id"), clientId},
                  {QStringLiteral("scope"), QStringLiteral("openid profile")},
                  {QStringLiteral("iat"), now},
                  {QStringLiteral("exp"), now + 300},
                  {QStringLiteral("jti"), jti}};
        break;
    case Template::PrivateKeyJwt:
    case Template::ClientSecretJwt:
        // RFC 7523 §3: iss and sub are the client_id, aud the token endpoint, a short exp
        // and a jti the server can use to refuse a replay.
        claims = {{QStringLiteral("iss"), clientId},  {QStringLiteral("sub"), clientId},
                  {QStringLiteral("aud"), audience},  {QStringLiteral("iat"), now},
                  {QStringLiteral("exp"), now + 300}, {QStringLiteral("jti"), jti}};
        break;
    }
    if (which == Template::ClientSecretJwt && !m_alg->currentText().startsWith(u"HS"))
        m_alg->setCurrentText(QStringLiteral("HS256"));
    else if (which != Template::ClientSecretJwt && m_alg->currentText().startsWith(u"HS"))
        m_alg->setCurrentText(QStringLiteral("RS256"));
    m_template->setCurrentIndex(m_template->findData(int(which)));
    m_headerEditor->setPlainText(pretty(header));
    m_claimsEditor->setPlainText(pretty(claims));
}

void TokenToolsPanel::setProfiles(Tokenscope::Profiles::ProfileManager *manager)
{
    m_keySource->setProfiles(manager);
}

void TokenToolsPanel::showEvent(QShowEvent *event)
{
    QWidget::showEvent(event);
    refreshKeychainKeys();
}

void TokenToolsPanel::refreshKeychainKeys()
{
    if (m_keySource->profiles())
        m_keySource->reload();
}

void TokenToolsPanel::keySourceChanged()
{
    const bool fromKeychain = m_keySource->fromKeychain();
    m_signingKey->setReadOnly(fromKeychain);
    if (!fromKeychain) {
        m_signingKey->setPlaceholderText(
            tr("A PEM private key, a private JWK, or for HS* the shared secret"));
        return;
    }
    m_signingKey->clear();
    m_signingKey->setPlaceholderText(
        tr("Reading %1 from the keychain…").arg(m_keySource->chosenLabel()));
}

void TokenToolsPanel::generateKey()
{
    if (m_keySource->fromKeychain()) // a generated key replaces the keychain's
        m_keySource->usePasted();
    QString error;
    const QString alg = m_alg->currentText();
    const Jose::JwsSigner::Key key = Jose::JwsSigner::Key::generate(alg, &error);
    if (key.isNull())
        return showSignError(error);
    if (m_kid->text().trimmed().isEmpty())
        m_kid->setText(QStringLiteral("tokenscope-%1").arg(alg.toLower()));
    m_signingKey->setPlainText(key.isSecret()
                                   ? pretty(key.verificationJwk(m_kid->text().trimmed(), alg))
                                   : QString::fromLatin1(key.privatePem()));
    m_signStatus->setText(
        tr("A fresh %1 key was generated. Keep it for testing only.").arg(key.kty()));
}

void TokenToolsPanel::showSignError(const QString &message)
{
    m_signStatus->setText(tr("✘ %1").arg(message));
    m_signed->clear();
    m_signInspector->clear();
}

void TokenToolsPanel::sign()
{
    const QString alg = m_alg->currentText();
    const QString kid = m_kid->text().trimmed();
    const bool fromKeychain = m_keySource->fromKeychain();
    if (fromKeychain && m_keySource->key().isEmpty())
        return showSignError(tr("The key from the keychain has not been read (yet)."));
    const QByteArray keyText = fromKeychain ? m_keySource->key().trimmed()
                                            : m_signingKey->toPlainText().trimmed().toUtf8();
    QString error;
    Jose::JwsSigner::Key key;
    if (keyText.isEmpty())
        return showSignError(tr("No key: paste one or generate one."));
    if (keyText.startsWith("-----BEGIN"))
        key = Jose::JwsSigner::Key::fromPem(keyText, &error);
    else if (keyText.startsWith('{'))
        key = Jose::JwsSigner::Key::fromJwk(keyText, &error);
    else if (alg.startsWith(u"HS"))
        key = Jose::JwsSigner::Key::fromSecret(keyText);
    else
        error = tr("Not a PEM private key nor a JWK.");
    if (key.isNull())
        return showSignError(error);

    QJsonParseError parseError;
    const QJsonDocument headerDocument =
        QJsonDocument::fromJson(m_headerEditor->toPlainText().toUtf8(), &parseError);
    if (parseError.error != QJsonParseError::NoError || !headerDocument.isObject())
        return showSignError(
            tr("The header is not a JSON object: %1").arg(parseError.errorString()));
    const QJsonDocument claimsDocument =
        QJsonDocument::fromJson(m_claimsEditor->toPlainText().toUtf8(), &parseError);
    if (parseError.error != QJsonParseError::NoError || !claimsDocument.isObject())
        return showSignError(
            tr("The claims are not a JSON object: %1").arg(parseError.errorString()));
    QJsonObject header = headerDocument.object();
    header.insert(QStringLiteral("alg"), alg);
    if (!kid.isEmpty())
        header.insert(QStringLiteral("kid"), kid);
    else
        header.remove(QStringLiteral("kid"));
    const Jose::JwsSigner::Result result =
        Jose::JwsSigner::sign(header, claimsDocument.toJson(QJsonDocument::Compact), key);
    if (result.isError())
        return showSignError(result.error.message);

    const QJsonObject jwk = key.verificationJwk(kid, alg);
    const QJsonObject jwks{{QStringLiteral("keys"), QJsonArray{jwk}}};
    m_publicJwks->setPlainText(key.isSecret() ? tr("(a shared secret: the verifier needs the same "
                                                   "secret)")
                                              : pretty(jwks));
    m_headerEditor->setPlainText(pretty(header)); // the header as signed, alg and kid included
    m_signed->setPlainText(QString::fromLatin1(result.compact));
    m_signStatus->setText(tr("✔ Signed with %1.").arg(alg));
    TokenContext context;
    context.keys = Jose::JwkSet::fromJson(QJsonDocument(jwks).toJson(QJsonDocument::Compact));
    m_signInspector->inspect(QString::fromLatin1(result.compact), context);
}
