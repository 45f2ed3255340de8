#include "ProfileEditor.h"

#include "ProfileDialogs.h"
#include "authcode/ResponseType.h"
#include "discovery/DiscoveryClient.h"
#include "profiles/ProfileManager.h"
#include "profiles/SecretKey.h"
#include "provider/ProviderPanel.h"

#include <QCheckBox>
#include <QClipboard>
#include <QComboBox>
#include <QFile>
#include <QFileInfo>
#include <QFormLayout>
#include <QGroupBox>
#include <QGuiApplication>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QScrollArea>
#include <QVBoxLayout>

using Tokenscope::Discovery::DiscoveryClient;
using Tokenscope::Discovery::DiscoveryResult;
using Tokenscope::Profiles::Parameter;
using Tokenscope::Profiles::Profile;
using Tokenscope::Profiles::ProfileError;
using Tokenscope::Profiles::ProfileManager;
using Tokenscope::Profiles::ProfileSaveResult;
using Tokenscope::Profiles::SaveMode;
using Tokenscope::Profiles::SecretError;
using Tokenscope::Profiles::SecretKind;
using Tokenscope::Profiles::SecretOutcome;
using Tokenscope::Profiles::SecretRef;
using Tokenscope::Profiles::SecretResult;

namespace {

struct EndpointField
{
    const char *key; // RFC 8414 / OIDC Discovery metadata member
    const char *objectName;
    const char *label;
};

const EndpointField endpointFields[] = {
    {"authorization_endpoint", "authorizationEndpointEdit",
     QT_TRANSLATE_NOOP("ProfileEditor", "Authorization endpoint")},
    {"token_endpoint", "tokenEndpointEdit", QT_TRANSLATE_NOOP("ProfileEditor", "Token endpoint")},
    {"userinfo_endpoint", "userinfoEndpointEdit",
     QT_TRANSLATE_NOOP("ProfileEditor", "UserInfo endpoint")},
    {"jwks_uri", "jwksUriEdit", QT_TRANSLATE_NOOP("ProfileEditor", "JWKS URI")},
    {"revocation_endpoint", "revocationEndpointEdit",
     QT_TRANSLATE_NOOP("ProfileEditor", "Revocation endpoint")},
    {"introspection_endpoint", "introspectionEndpointEdit",
     QT_TRANSLATE_NOOP("ProfileEditor", "Introspection endpoint")},
    {"device_authorization_endpoint", "deviceAuthorizationEndpointEdit",
     QT_TRANSLATE_NOOP("ProfileEditor", "Device authorization endpoint")},
    {"end_session_endpoint", "endSessionEndpointEdit",
     QT_TRANSLATE_NOOP("ProfileEditor", "End session endpoint")},
    {"pushed_authorization_request_endpoint", "parEndpointEdit",
     QT_TRANSLATE_NOOP("ProfileEditor", "PAR endpoint")},
    {"backchannel_authentication_endpoint", "cibaEndpointEdit",
     QT_TRANSLATE_NOOP("ProfileEditor", "CIBA endpoint")},
};

const char *const authMethods[] = {
    "client_secret_basic",
    "client_secret_post",
    "client_secret_jwt",
    "private_key_jwt",
    "tls_client_auth",
    "self_signed_tls_client_auth",
    "none",
};

QStringList nonEmptyLines(const QString &text)
{
    QStringList lines;
    const QStringList all = text.split(QLatin1Char('\n'));
    for (const QString &line : all) {
        if (!line.trimmed().isEmpty())
            lines.append(line.trimmed());
    }
    return lines;
}

// Why text is not an absolute http(s) URL; empty when it is (or when it is empty).
QString urlProblem(const QString &text)
{
    const QString trimmed = text.trimmed();
    if (trimmed.isEmpty())
        return {};
    const QUrl url(trimmed, QUrl::StrictMode);
    if (!url.isValid())
        return ProfileEditor::tr("Not a valid URL: %1").arg(url.errorString());
    if (url.isRelative() || url.scheme().isEmpty())
        return ProfileEditor::tr("Not an absolute URL: it needs https:// in front");
    if (url.scheme() != QLatin1String("https") && url.scheme() != QLatin1String("http"))
        return ProfileEditor::tr("Use an https URL (http for local testing), not %1:")
            .arg(url.scheme());
    if (url.host().isEmpty())
        return ProfileEditor::tr("The URL has no host");
    return {};
}

// RFC 6749 §3.3: scope-token = 1*( %x21 / %x23-5B / %x5D-7E )
bool isScopeToken(const QString &token)
{
    for (const QChar c : token) {
        const char16_t u = c.unicode();
        if (u < 0x21 || u > 0x7E || u == 0x22 || u == 0x5C)
            return false;
    }
    return !token.isEmpty();
}

QLabel *newMessageLabel(QWidget *parent, const char *objectName)
{
    auto *label = new QLabel(parent);
    label->setObjectName(QString::fromLatin1(objectName));
    label->setWordWrap(true);
    label->setTextFormat(Qt::PlainText);
    label->setStyleSheet(QStringLiteral("color: #b00020;"));
    label->hide();
    return label;
}

} // namespace

ProfileEditor::ProfileEditor(ProfileManager *manager, DiscoveryClient *discovery,
                             SecretBackend backend, QWidget *parent)
    : QWidget(parent)
    , m_manager(manager)
    , m_discovery(discovery)
    , m_backend(backend)
    , m_form(new QWidget(this))
    , m_name(addLine("nameEdit", tr("e.g. Keycloak dev — public client")))
    , m_notes(new QPlainTextEdit(this))
    , m_issuer(addLine("issuerEdit", tr("https://login.example.com")))
    , m_discoverButton(new QPushButton(tr("Discover"), this))
    , m_discoveryStatus(new QLabel(this))
    , m_clientId(addLine("clientIdEdit"))
    , m_authMethod(new QComboBox(this))
    , m_redirectUris(new QPlainTextEdit(this))
    , m_scopes(addLine("scopesEdit", tr("openid profile email")))
    , m_pkce(new QComboBox(this))
    , m_responseType(new QComboBox(this))
    , m_responseMode(new QComboBox(this))
    , m_redirectCapture(new QComboBox(this))
    , m_browserSession(new QComboBox(this))
    , m_extraParameters(new QPlainTextEdit(this))
    , m_extraTokenParameters(new QPlainTextEdit(this))
    , m_caFile(addLine("caFileEdit", tr("PEM file of extra trusted CAs (optional)")))
    , m_clientSecret(addLine("clientSecretEdit"))
    , m_showSecret(new QCheckBox(tr("Show"), this))
    , m_storeRefreshTokens(
          new QCheckBox(tr("Keep refresh tokens in the secret store for this profile"), this))
    , m_backendLabel(new QLabel(this))
    , m_checkBackendButton(new QPushButton(tr("Check"), this))
    , m_secretMessage(new QLabel(this))
    , m_summary(new QLabel(this))
    , m_saveError(newMessageLabel(this, "saveErrorLabel"))
    , m_revertButton(new QPushButton(tr("Revert"), this))
    , m_saveButton(new QPushButton(tr("Save"), this))
{
    setObjectName(QStringLiteral("profileEditor"));

    m_notes->setObjectName(QStringLiteral("notesEdit"));
    m_notes->setPlaceholderText(tr("Anything worth remembering about this provider or client"));
    m_notes->setFixedHeight(fontMetrics().lineSpacing() * 3 + 12);

    m_discoverButton->setObjectName(QStringLiteral("discoverButton"));
    m_discoverButton->setToolTip(tr("Fill the endpoints from the issuer's metadata (OpenID "
                                    "Connect Discovery, RFC 8414)"));
    m_discoveryStatus->setObjectName(QStringLiteral("discoveryStatusLabel"));
    m_discoveryStatus->setWordWrap(true);
    m_discoveryStatus->setTextFormat(Qt::PlainText);
    m_discoveryStatus->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_discoveryStatus->hide();

    m_authMethod->setObjectName(QStringLiteral("authMethodCombo"));
    m_authMethod->addItem(tr("(the flow's default)"), QString());
    for (const char *method : authMethods)
        m_authMethod->addItem(QString::fromLatin1(method), QString::fromLatin1(method));

    m_redirectUris->setObjectName(QStringLiteral("redirectUrisEdit"));
    m_redirectUris->setPlaceholderText(
        tr("One per line, e.g. http://127.0.0.1/callback or com.example.app:/callback"));
    m_redirectUris->setFixedHeight(fontMetrics().lineSpacing() * 3 + 12);
    m_redirectUris->setTabChangesFocus(true);

    m_pkce->setObjectName(QStringLiteral("pkceCombo"));
    m_pkce->addItem(tr("(the flow's default)"), QString());
    m_pkce->addItem(QStringLiteral("S256"), QStringLiteral("S256"));
    m_pkce->addItem(QStringLiteral("plain"), QStringLiteral("plain"));
    m_pkce->addItem(tr("none (no PKCE)"), QStringLiteral("none"));

    m_responseType->setObjectName(QStringLiteral("responseTypeCombo"));
    m_responseType->addItem(tr("(the flow's default)"), QString());
    const QStringList responseTypes = Tokenscope::AuthCode::ResponseType::registeredValues();
    for (const QString &value : responseTypes)
        m_responseType->addItem(value, value);

    m_responseMode->setObjectName(QStringLiteral("responseModeCombo"));
    m_responseMode->addItem(tr("(the response type's default)"), QString());
    for (const char *mode : {"query", "fragment", "form_post"})
        m_responseMode->addItem(QString::fromLatin1(mode), QString::fromLatin1(mode));

    // How the wizard captures the redirect, and the embedded browser's session.
    m_redirectCapture->setObjectName(QStringLiteral("redirectCaptureCombo"));
    m_redirectCapture->addItem(tr("Embedded browser"), QString());
    m_redirectCapture->addItem(tr("System browser + loopback listener"),
                               QStringLiteral("system_browser"));
    m_redirectCapture->addItem(tr("Paste the redirect URL"), QStringLiteral("paste"));
    m_browserSession->setObjectName(QStringLiteral("browserSessionCombo"));
    m_browserSession->addItem(tr("Fresh for each run"), QString());
    m_browserSession->addItem(tr("Kept for this profile (single sign-on sticks)"),
                              QStringLiteral("persistent"));

    m_extraParameters->setObjectName(QStringLiteral("extraParametersEdit"));
    m_extraParameters->setPlaceholderText(
        tr("One NAME=VALUE per line, e.g. resource=https://api.example"));
    m_extraParameters->setFixedHeight(fontMetrics().lineSpacing() * 3 + 12);
    m_extraParameters->setTabChangesFocus(true);
    m_extraTokenParameters->setObjectName(QStringLiteral("extraTokenParametersEdit"));
    m_extraTokenParameters->setPlaceholderText(
        tr("One NAME=VALUE per line, sent with every token request, e.g. audience=api"));
    m_extraTokenParameters->setFixedHeight(fontMetrics().lineSpacing() * 3 + 12);
    m_extraTokenParameters->setTabChangesFocus(true);

    m_clientSecret->setEchoMode(QLineEdit::Password);
    m_clientSecret->setClearButtonEnabled(false);
    m_clientSecret->setAttribute(Qt::WA_InputMethodEnabled, false);
    m_showSecret->setObjectName(QStringLiteral("showSecretCheck"));
    m_showSecret->setToolTip(tr("Show the secret you are typing"));
    m_storeRefreshTokens->setObjectName(QStringLiteral("storeRefreshTokensCheck"));
    m_storeRefreshTokens->setToolTip(
        tr("Off: refresh tokens live only as long as the flow that got them. On: they are kept "
           "in the secret store under this profile, never in its file."));

    m_backendLabel->setObjectName(QStringLiteral("secretBackendLabel"));
    m_backendLabel->setWordWrap(true);
    m_backendLabel->setTextFormat(Qt::PlainText);
    m_checkBackendButton->setObjectName(QStringLiteral("checkSecretBackendButton"));
    m_checkBackendButton->setToolTip(tr("Ask the secret store for this profile's client secret "
                                        "entry, to see whether it answers"));

    m_secretMessage->setObjectName(QStringLiteral("secretMessageLabel"));
    m_secretMessage->setWordWrap(true);
    m_secretMessage->setTextFormat(Qt::PlainText);
    m_secretMessage->setTextInteractionFlags(Qt::TextSelectableByMouse |
                                             Qt::TextSelectableByKeyboard);
    m_secretMessage->hide();

    m_summary->setObjectName(QStringLiteral("problemSummaryLabel"));
    m_summary->setWordWrap(true);
    m_summary->setTextFormat(Qt::PlainText);
    m_summary->setStyleSheet(QStringLiteral("color: #b00020;"));
    m_summary->hide();

    m_revertButton->setObjectName(QStringLiteral("revertButton"));
    m_revertButton->setToolTip(tr("Forget the changes and show the profile as saved"));
    m_saveButton->setObjectName(QStringLiteral("saveButton"));
    m_saveButton->setDefault(true);

    // The form: each field with its message underneath.
    auto group = [this](const QString &title) {
        auto *box = new QGroupBox(title, m_form);
        auto *form = new QFormLayout(box);
        form->setFieldGrowthPolicy(QFormLayout::ExpandingFieldsGrow);
        return form;
    };
    QFormLayout *general = group(tr("Profile"));
    general->addRow(tr("&Name"), withMessage(m_name, &m_nameMessage, "nameMessage"));
    general->addRow(tr("Notes"), m_notes);

    QFormLayout *provider = group(tr("Provider"));
    auto *issuerRow = new QWidget(this);
    auto *issuerLayout = new QHBoxLayout(issuerRow);
    issuerLayout->setContentsMargins(0, 0, 0, 0);
    issuerLayout->addWidget(m_issuer, 1);
    issuerLayout->addWidget(m_discoverButton);
    provider->addRow(tr("&Issuer"), withMessage(issuerRow, &m_issuerMessage, "issuerMessage"));
    provider->addRow(QString(), m_discoveryStatus);
    for (const EndpointField &field : endpointFields) {
        QLineEdit *edit = addLine(field.objectName);
        const QString key = QString::fromLatin1(field.key);
        edit->setToolTip(tr("Metadata member %1; empty: what discovery finds").arg(key));
        m_endpoints.append({key, edit});
        QLabel *message = nullptr;
        const QByteArray messageName = QByteArray(field.objectName).replace("Edit", "Message");
        QWidget *row = withMessage(edit, &message, messageName.constData());
        m_endpointMessages.append(message);
        provider->addRow(tr(field.label), row);
    }

    QFormLayout *client = group(tr("Client"));
    client->addRow(tr("client_id"), m_clientId);
    client->addRow(tr("Authentication"), m_authMethod);
    client->addRow(tr("Redirect URIs"),
                   withMessage(m_redirectUris, &m_redirectUrisMessage, "redirectUrisMessage"));
    client->addRow(tr("Default scopes"), withMessage(m_scopes, &m_scopesMessage, "scopesMessage"));
    client->addRow(tr("PKCE"), m_pkce);
    client->addRow(tr("response_type"), m_responseType);
    client->addRow(tr("response_mode"), m_responseMode);
    client->addRow(tr("Redirect capture"), m_redirectCapture);
    client->addRow(tr("Browser session"), m_browserSession);
    client->addRow(
        tr("Extra authorization parameters"),
        withMessage(m_extraParameters, &m_extraParametersMessage, "extraParametersMessage"));
    client->addRow(tr("Extra token parameters"),
                   withMessage(m_extraTokenParameters, &m_extraTokenParametersMessage,
                               "extraTokenParametersMessage"));
    client->addRow(tr("CA file"), withMessage(m_caFile, &m_caFileMessage, "caFileMessage"));

    QFormLayout *secrets = group(tr("Secrets"));
    auto *secretRow = new QWidget(this);
    auto *secretLayout = new QHBoxLayout(secretRow);
    secretLayout->setContentsMargins(0, 0, 0, 0);
    secretLayout->addWidget(m_clientSecret, 1);
    secretLayout->addWidget(m_showSecret);
    secrets->addRow(tr("Client secret"), secretRow);
    secrets->addRow(tr("Private key (private_key_jwt)"),
                    addSecretField(SecretKind::PrivateKey, QStringLiteral("privateKey"), true));
    secrets->addRow(tr("DPoP key"),
                    addSecretField(SecretKind::DpopKey, QStringLiteral("dpopKey"), true));
    secrets->addRow(
        tr("Request object key"),
        addSecretField(SecretKind::RequestObjectKey, QStringLiteral("requestObjectKey"), true));
    secrets->addRow(tr("Client certificate (mTLS)"),
                    withMessage(addSecretField(SecretKind::ClientCertificate,
                                               QStringLiteral("clientCertificate"), true),
                                &m_clientCertificateMessage, "clientCertificateMessage"));
    secrets->addRow(tr("Client certificate key"),
                    addSecretField(SecretKind::ClientKey, QStringLiteral("clientKey"), true));
    secrets->addRow(tr("Resource owner password"),
                    addSecretField(SecretKind::Password, QStringLiteral("password"), false));
    secrets->addRow(QString(), m_storeRefreshTokens);
    secrets->addRow(tr("Refresh token"), addSecretField(SecretKind::RefreshToken,
                                                        QStringLiteral("refreshToken"), false));

    auto *column = new QVBoxLayout(m_form);
    for (QFormLayout *form : {general, provider, client, secrets})
        column->addWidget(form->parentWidget());
    column->addStretch();
    auto *scroll = new QScrollArea(this);
    scroll->setWidgetResizable(true);
    scroll->setWidget(m_form);
    scroll->setFrameShape(QFrame::NoFrame);

    // Where secrets go, and whether that works, stays in sight below the form.
    auto *buttons = new QHBoxLayout;
    auto *backendCaption = new QLabel(tr("Secrets:"), this);
    backendCaption->setBuddy(m_checkBackendButton);
    buttons->addWidget(backendCaption);
    buttons->addWidget(m_backendLabel, 1);
    buttons->addWidget(m_checkBackendButton);
    buttons->addSpacing(12);
    buttons->addWidget(m_revertButton);
    buttons->addWidget(m_saveButton);

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(scroll, 1);
    layout->addWidget(m_secretMessage);
    layout->addWidget(m_saveError);
    layout->addWidget(m_summary);
    layout->addLayout(buttons);

    const auto edits = findChildren<QLineEdit *>();
    for (QLineEdit *edit : edits)
        connect(edit, &QLineEdit::textChanged, this, &ProfileEditor::update);
    for (QPlainTextEdit *edit :
         {m_notes, m_redirectUris, m_extraParameters, m_extraTokenParameters})
        connect(edit, &QPlainTextEdit::textChanged, this, &ProfileEditor::update);
    for (const SecretField &field : std::as_const(m_secretFields)) {
        if (field.pem)
            connect(field.pem, &QPlainTextEdit::textChanged, this, &ProfileEditor::update);
    }
    for (QComboBox *combo : {m_authMethod, m_pkce, m_responseType, m_responseMode,
                             m_redirectCapture, m_browserSession})
        connect(combo, &QComboBox::currentIndexChanged, this, &ProfileEditor::update);
    connect(m_storeRefreshTokens, &QCheckBox::toggled, this, [this](bool keep) {
        // A refresh token typed for a profile that no longer keeps them is not kept either.
        if (!keep) {
            for (const SecretField &field : std::as_const(m_secretFields)) {
                if (field.kind == SecretKind::RefreshToken)
                    field.line->clear();
            }
        }
        update();
    });
    connect(m_showSecret, &QCheckBox::toggled, this, [this](bool show) {
        m_clientSecret->setEchoMode(show ? QLineEdit::Normal : QLineEdit::Password);
    });
    connect(m_discoverButton, &QPushButton::clicked, this, &ProfileEditor::discover);
    connect(m_issuer, &QLineEdit::returnPressed, this, &ProfileEditor::discover);
    connect(m_saveButton, &QPushButton::clicked, this, &ProfileEditor::save);
    connect(m_revertButton, &QPushButton::clicked, this, &ProfileEditor::revert);
    connect(m_checkBackendButton, &QPushButton::clicked, this, &ProfileEditor::checkSecretBackend);
    if (m_discovery)
        connect(m_discovery, &DiscoveryClient::finished, this, &ProfileEditor::onDiscovered);

    clear();
}

ProfileEditor::~ProfileEditor()
{
    wipeSecretField();
}

QWidget *ProfileEditor::withMessage(QWidget *input, QLabel **message, const char *objectName)
{
    auto *box = new QWidget(this);
    auto *layout = new QVBoxLayout(box);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(2);
    layout->addWidget(input);
    *message = newMessageLabel(box, objectName);
    layout->addWidget(*message);
    return box;
}

QWidget *ProfileEditor::addSecretField(SecretKind kind, const QString &baseName, bool pem)
{
    const qsizetype index = m_secretFields.size();
    SecretField field{kind};
    field.row = new QWidget(this);
    auto *layout = new QVBoxLayout(field.row);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(2);
    auto *line = new QHBoxLayout;
    field.show = new QCheckBox(tr("Show"), field.row);
    field.show->setObjectName(QStringLiteral("show") + baseName.at(0).toUpper() + baseName.mid(1) +
                              QStringLiteral("Check"));
    if (pem) {
        field.pem = new QPlainTextEdit(field.row);
        field.pem->setObjectName(baseName + QStringLiteral("Edit"));
        field.pem->setPlaceholderText(tr("-----BEGIN …----- (PEM)"));
        field.pem->setTabChangesFocus(true);
        field.pem->setFixedHeight(fontMetrics().lineSpacing() * 5 + 12);
        field.pem->setAttribute(Qt::WA_InputMethodEnabled, false);
        field.pem->hide(); // masked until the user asks to see it
        field.state = new QLabel(field.row);
        field.state->setObjectName(baseName + QStringLiteral("StateLabel"));
        field.state->setTextFormat(Qt::PlainText);
        field.state->setWordWrap(true);
        auto *paste = new QPushButton(tr("Paste"), field.row);
        paste->setObjectName(baseName + QStringLiteral("PasteButton"));
        paste->setToolTip(tr("Take the PEM from the clipboard without showing it"));
        auto *load = new QPushButton(tr("Load from file…"), field.row);
        load->setObjectName(baseName + QStringLiteral("LoadButton"));
        auto *clearButton = new QPushButton(tr("Clear"), field.row);
        clearButton->setObjectName(baseName + QStringLiteral("ClearButton"));
        line->addWidget(field.state, 1);
        line->addWidget(paste);
        line->addWidget(load);
        line->addWidget(clearButton);
        line->addWidget(field.show);
        layout->addLayout(line);
        layout->addWidget(field.pem);
        connect(paste, &QPushButton::clicked, this, [this, index] { pasteSecret(index); });
        connect(load, &QPushButton::clicked, this, [this, index] { loadSecretFile(index); });
        QPlainTextEdit *edit = field.pem;
        connect(clearButton, &QPushButton::clicked, edit, &QPlainTextEdit::clear);
        connect(field.show, &QCheckBox::toggled, edit, &QWidget::setVisible);
    } else {
        field.line = addLine((baseName + QStringLiteral("Edit")).toLatin1().constData());
        field.line->setParent(field.row);
        field.line->setEchoMode(QLineEdit::Password);
        field.line->setClearButtonEnabled(false);
        field.line->setAttribute(Qt::WA_InputMethodEnabled, false);
        line->addWidget(field.line, 1);
        line->addWidget(field.show);
        layout->addLayout(line);
        QLineEdit *edit = field.line;
        connect(field.show, &QCheckBox::toggled, edit, [edit](bool show) {
            edit->setEchoMode(show ? QLineEdit::Normal : QLineEdit::Password);
        });
    }
    field.show->setToolTip(tr("Show what you entered"));
    m_secretFields.append(field);
    return field.row;
}

QByteArray ProfileEditor::enteredSecret(const SecretField &field) const
{
    if (field.line)
        return field.line->text().toUtf8();
    return field.pem->toPlainText().toUtf8();
}

void ProfileEditor::loadSecretFile(qsizetype index)
{
    const SecretField &field = m_secretFields.at(index);
    const std::optional<QString> path =
        ProfileDialogs::openFileName(this, tr("Load %1").arg(secretKindText(field.kind)),
                                     tr("PEM files (*.pem *.key *.crt *.cer);;All files (*)"));
    if (!path)
        return;
    QFile file(*path);
    if (!file.open(QIODevice::ReadOnly)) {
        field.state->setText(tr("Cannot read “%1”: %2").arg(*path, file.errorString()));
        return;
    }
    QByteArray bytes = file.readAll();
    field.pem->setPlainText(QString::fromUtf8(bytes));
    bytes.fill('\0');
}

void ProfileEditor::pasteSecret(qsizetype index)
{
    const SecretField &field = m_secretFields.at(index);
    field.pem->setPlainText(QGuiApplication::clipboard()->text());
}

void ProfileEditor::updateSecretStates()
{
    for (const SecretField &field : std::as_const(m_secretFields)) {
        const bool stored = m_base.secrets.contains(field.kind);
        const QString storedText =
            tr("Stored in %1 — enter a new one to replace it").arg(backendName(m_backend));
        if (field.line) {
            field.line->setPlaceholderText(stored ? storedText : tr("Not stored"));
        } else {
            const qsizetype size = enteredSecret(field).size();
            field.state->setText(
                size > 0 ? tr("New value entered (%n byte(s), hidden)", nullptr, int(size))
                : stored ? storedText
                         : tr("Not stored — paste it or load it from a file"));
        }
    }
}

QLineEdit *ProfileEditor::addLine(const char *objectName, const QString &placeholder)
{
    auto *edit = new QLineEdit(this);
    edit->setObjectName(QString::fromLatin1(objectName));
    edit->setPlaceholderText(placeholder);
    edit->setClearButtonEnabled(true);
    return edit;
}

void ProfileEditor::setComboValue(QComboBox *combo, const QString &value)
{
    int index = combo->findData(value);
    if (index < 0) { // a value this build doesn't list: keep it, don't lose it
        combo->addItem(value, value);
        index = combo->count() - 1;
    }
    combo->setCurrentIndex(index);
}

void ProfileEditor::wipeSecretField()
{
    // Best effort: QLineEdit keeps its own copies (undo stack); clearing is what we can do.
    m_clientSecret->clear();
    m_clientSecret->setModified(false);
    for (const SecretField &field : std::as_const(m_secretFields)) {
        if (field.line)
            field.line->clear();
        else
            field.pem->clear();
    }
}

void ProfileEditor::clear()
{
    m_hasProfile = false;
    m_isNew = false;
    m_base = Profile();
    setProfile(Profile(), false);
    m_hasProfile = false;
    m_form->setEnabled(false);
    update();
}

void ProfileEditor::setProfile(const Profile &profile, bool isNew)
{
    m_loading = true; // one update() at the end
    m_base = profile;
    m_hasProfile = true;
    m_isNew = isNew;
    m_form->setEnabled(true);
    m_awaitingDiscovery = false;

    m_name->setText(profile.name);
    m_notes->setPlainText(profile.notes);
    m_issuer->setText(profile.provider.issuer.toString());
    for (const auto &[key, edit] : std::as_const(m_endpoints))
        edit->setText(profile.provider.endpoints.value(key).toString());
    m_discoveryDocument = profile.provider.discoveryDocument;
    m_discoveryFetchedAt = profile.provider.discoveryFetchedAt;
    m_discoveryStatus->hide();

    const auto &c = profile.client;
    m_clientId->setText(c.clientId);
    setComboValue(m_authMethod, c.authMethod);
    QStringList uris;
    for (const QUrl &uri : c.redirectUris)
        uris.append(uri.toString());
    m_redirectUris->setPlainText(uris.join(QLatin1Char('\n')));
    m_scopes->setText(c.defaultScopes.join(QLatin1Char(' ')));
    setComboValue(m_pkce, c.pkceMethod);
    setComboValue(m_responseType, c.responseType);
    setComboValue(m_responseMode, c.responseMode);
    setComboValue(m_redirectCapture, c.redirectCapture);
    setComboValue(m_browserSession, c.browserSession);
    QStringList parameters;
    for (const Parameter &p : c.extraAuthorizationParameters)
        parameters.append(p.name + u'=' + p.value);
    m_extraParameters->setPlainText(parameters.join(QLatin1Char('\n')));
    QStringList tokenParameters;
    for (const Parameter &p : c.extraTokenParameters)
        tokenParameters.append(p.name + u'=' + p.value);
    m_extraTokenParameters->setPlainText(tokenParameters.join(QLatin1Char('\n')));
    m_caFile->setText(c.tls.caFile);

    wipeSecretField();
    m_showSecret->setChecked(false);
    for (const SecretField &field : std::as_const(m_secretFields))
        field.show->setChecked(false);
    m_storeRefreshTokens->setChecked(profile.storeRefreshTokens);
    showSecretMessage(QString(), false);
    m_saveError->hide();
    m_loading = false;
    update();
}

Profile ProfileEditor::profile() const
{
    Profile p = m_base;
    p.name = m_name->text().trimmed();
    p.notes = m_notes->toPlainText();
    const QString issuer = m_issuer->text().trimmed();
    p.provider.issuer = issuer.isEmpty() ? QUrl() : QUrl(issuer, QUrl::StrictMode);
    for (const auto &[key, edit] : std::as_const(m_endpoints)) {
        const QString text = edit->text().trimmed();
        if (text.isEmpty())
            p.provider.endpoints.remove(key);
        else
            p.provider.endpoints.insert(key, QUrl(text, QUrl::StrictMode));
    }
    p.provider.discoveryDocument = m_discoveryDocument;
    p.provider.discoveryFetchedAt = m_discoveryFetchedAt;

    auto &c = p.client;
    c.clientId = m_clientId->text().trimmed();
    c.authMethod = m_authMethod->currentData().toString();
    c.redirectUris.clear();
    const QStringList uris = nonEmptyLines(m_redirectUris->toPlainText());
    for (const QString &uri : uris)
        c.redirectUris.append(QUrl(uri, QUrl::StrictMode));
    c.defaultScopes = m_scopes->text().split(QLatin1Char(' '), Qt::SkipEmptyParts);
    c.pkceMethod = m_pkce->currentData().toString();
    c.responseType = m_responseType->currentData().toString();
    c.responseMode = m_responseMode->currentData().toString();
    c.redirectCapture = m_redirectCapture->currentData().toString();
    c.browserSession = m_browserSession->currentData().toString();
    c.extraAuthorizationParameters.clear();
    const QStringList parameters = nonEmptyLines(m_extraParameters->toPlainText());
    for (const QString &line : parameters) {
        const qsizetype equals = line.indexOf(QLatin1Char('='));
        if (equals > 0)
            c.extraAuthorizationParameters.append(
                {line.left(equals).trimmed(), line.mid(equals + 1).trimmed()});
    }
    c.extraTokenParameters.clear();
    const QStringList tokenParameters = nonEmptyLines(m_extraTokenParameters->toPlainText());
    for (const QString &line : tokenParameters) {
        const qsizetype equals = line.indexOf(QLatin1Char('='));
        if (equals > 0)
            c.extraTokenParameters.append(
                {line.left(equals).trimmed(), line.mid(equals + 1).trimmed()});
    }
    c.tls.caFile = m_caFile->text().trimmed();
    p.storeRefreshTokens = m_storeRefreshTokens->isChecked();
    return p;
}

bool ProfileEditor::isModified() const
{
    if (!m_hasProfile)
        return false;
    if (m_isNew || !m_clientSecret->text().isEmpty() || profile() != m_base)
        return true;
    for (const SecretField &field : m_secretFields) {
        if (!enteredSecret(field).isEmpty())
            return true;
    }
    return false;
}

void ProfileEditor::setOtherNames(const QStringList &names)
{
    m_otherNames = names;
    update();
}

QList<ProfileEditor::Problem> ProfileEditor::collectProblems() const
{
    QList<Problem> problems;
    if (!m_hasProfile)
        return problems;

    const QString name = m_name->text().trimmed();
    if (name.isEmpty()) {
        problems.append({m_nameMessage, tr("Name"), tr("A profile needs a name")});
    } else {
        for (const QString &other : m_otherNames) {
            if (other.trimmed().compare(name, Qt::CaseInsensitive) == 0) {
                problems.append({m_nameMessage, tr("Name"),
                                 tr("Another profile is already named “%1” (names are "
                                    "compared ignoring case)")
                                     .arg(other)});
                break;
            }
        }
    }

    QString issuerProblem = urlProblem(m_issuer->text());
    if (issuerProblem.isEmpty() && !m_issuer->text().trimmed().isEmpty()) {
        const QUrl issuer(m_issuer->text().trimmed(), QUrl::StrictMode);
        if (issuer.hasQuery() || issuer.hasFragment())
            issuerProblem = tr("An issuer has no query or fragment (RFC 8414 §2)");
    }
    if (!issuerProblem.isEmpty())
        problems.append({m_issuerMessage, tr("Issuer"), issuerProblem});

    for (qsizetype i = 0; i < m_endpoints.size(); ++i) {
        const QString why = urlProblem(m_endpoints.at(i).second->text());
        if (!why.isEmpty())
            problems.append({m_endpointMessages.at(i), tr(endpointFields[i].label), why});
    }

    const QStringList uris = nonEmptyLines(m_redirectUris->toPlainText());
    for (const QString &uri : uris) {
        const QUrl url(uri, QUrl::StrictMode);
        QString why;
        if (!url.isValid())
            why = tr("“%1” is not a valid URI: %2").arg(uri, url.errorString());
        else if (url.scheme().isEmpty())
            why = tr("“%1” has no scheme: write http://127.0.0.1/callback, https://… or a "
                     "private-use scheme such as com.example.app:/callback")
                      .arg(uri);
        else if (url.hasFragment())
            why = tr("“%1” has a fragment, which a redirect URI must not have (RFC 6749 "
                     "§3.1.2)")
                      .arg(uri);
        if (!why.isEmpty()) {
            problems.append({m_redirectUrisMessage, tr("Redirect URIs"), why});
            break; // one message per field: the first bad line
        }
    }

    const QStringList scopes = m_scopes->text().split(QLatin1Char(' '), Qt::SkipEmptyParts);
    for (const QString &scope : scopes) {
        if (!isScopeToken(scope)) {
            problems.append({m_scopesMessage, tr("Default scopes"),
                             tr("“%1” is not a scope token: no quotes, backslashes, controls "
                                "or non-ASCII (RFC 6749 §3.3)")
                                 .arg(scope)});
            break;
        }
    }

    const QStringList parameters = nonEmptyLines(m_extraParameters->toPlainText());
    for (qsizetype i = 0; i < parameters.size(); ++i) {
        if (parameters.at(i).indexOf(QLatin1Char('=')) <= 0) {
            problems.append({m_extraParametersMessage, tr("Extra authorization parameters"),
                             tr("“%1” is not NAME=VALUE").arg(parameters.at(i))});
            break;
        }
    }

    const QStringList tokenParameters = nonEmptyLines(m_extraTokenParameters->toPlainText());
    for (const QString &line : tokenParameters) {
        if (line.indexOf(QLatin1Char('=')) <= 0) {
            problems.append({m_extraTokenParametersMessage, tr("Extra token parameters"),
                             tr("“%1” is not NAME=VALUE").arg(line)});
            break;
        }
    }

    // A client certificate is of no use without its key, and the other way round.
    bool certificate = m_base.secrets.contains(SecretKind::ClientCertificate);
    bool key = m_base.secrets.contains(SecretKind::ClientKey);
    for (const SecretField &field : m_secretFields) {
        if (field.kind == SecretKind::ClientCertificate && !enteredSecret(field).isEmpty())
            certificate = true;
        if (field.kind == SecretKind::ClientKey && !enteredSecret(field).isEmpty())
            key = true;
    }
    if (certificate != key)
        problems.append({m_clientCertificateMessage, tr("Client certificate"),
                         certificate ? tr("Enter the certificate's private key too")
                                     : tr("Enter the certificate that goes with this key")});

    const QString caFile = m_caFile->text().trimmed();
    if (!caFile.isEmpty()) {
        const QFileInfo info(caFile);
        if (!info.exists())
            problems.append({m_caFileMessage, tr("CA file"), tr("No such file")});
        else if (!info.isFile() || !info.isReadable())
            problems.append({m_caFileMessage, tr("CA file"), tr("Not a readable file")});
    }
    return problems;
}

QStringList ProfileEditor::problems() const
{
    QStringList result;
    const QList<Problem> found = collectProblems();
    for (const Problem &problem : found)
        result.append(tr("%1: %2").arg(problem.field, problem.message));
    return result;
}

void ProfileEditor::update()
{
    if (m_loading)
        return;
    const QList<Problem> found = collectProblems();
    const QList<QLabel *> labels = findChildren<QLabel *>();
    for (QLabel *label : labels) {
        if (label->objectName().endsWith(QLatin1String("Message")) && label != m_secretMessage) {
            bool shown = false;
            for (const Problem &problem : found) {
                if (problem.label == label) {
                    label->setText(problem.message);
                    shown = true;
                    break;
                }
            }
            label->setVisible(shown);
        }
    }
    const QStringList lines = problems();
    if (lines.isEmpty()) {
        m_summary->clear();
        m_summary->hide();
    } else {
        m_summary->setText(tr("Not saved yet — %n problem(s) to fix:", nullptr, int(lines.size())) +
                           QStringLiteral("\n• ") + lines.join(QStringLiteral("\n• ")));
        m_summary->show();
    }

    const bool modified = isModified();
    m_saveButton->setEnabled(m_hasProfile && !m_saving && lines.isEmpty() && modified);
    m_saveButton->setToolTip(lines.isEmpty() ? QString() : lines.join(u'\n'));
    m_revertButton->setEnabled(m_hasProfile && !m_saving && modified && !m_isNew);
    m_discoverButton->setEnabled(m_hasProfile && !m_awaitingDiscovery &&
                                 !m_issuer->text().trimmed().isEmpty() &&
                                 urlProblem(m_issuer->text()).isEmpty());
    m_checkBackendButton->setEnabled(m_hasProfile && !m_base.id.isNull());

    const bool stored = m_base.secrets.contains(SecretKind::ClientSecret);
    m_clientSecret->setPlaceholderText(
        stored ? tr("Stored in %1 — type a new one to replace it").arg(backendName(m_backend))
               : tr("Not stored; none for a public client"));
    updateSecretStates();
    for (const SecretField &field : std::as_const(m_secretFields)) {
        if (field.kind == SecretKind::RefreshToken)
            field.row->setEnabled(m_storeRefreshTokens->isChecked());
    }
    m_backendLabel->setText(secretBackendText());

    if (modified != m_lastModified) {
        m_lastModified = modified;
        emit modifiedChanged(modified);
    }
}

QString ProfileEditor::backendName(SecretBackend backend)
{
    switch (backend) {
    case SecretBackend::SystemKeychain:
        return tr("System keychain (Secret Service)");
    case SecretBackend::MemoryOnly:
        return tr("Memory only — secrets are forgotten when Tokenscope quits");
    }
    return {};
}

QString ProfileEditor::secretBackendText() const
{
    QString state;
    switch (m_backendState) {
    case BackendState::NotUsedYet:
        state = tr("not used yet in this session");
        break;
    case BackendState::Working:
        state = tr("working");
        break;
    case BackendState::Unavailable:
        state = tr("unavailable: %1").arg(m_backendMessage);
        break;
    case BackendState::Locked:
        state = tr("locked or refused access: %1").arg(m_backendMessage);
        break;
    case BackendState::Failed:
        state = tr("failed: %1").arg(m_backendMessage);
        break;
    }
    return tr("%1 — %2").arg(backendName(m_backend), state);
}

QString ProfileEditor::secretKindText(SecretKind kind)
{
    switch (kind) {
    case SecretKind::ClientSecret:
        return tr("the client secret");
    case SecretKind::PrivateKey:
        return tr("the private key");
    case SecretKind::DpopKey:
        return tr("the DPoP key");
    case SecretKind::RequestObjectKey:
        return tr("the request object signing key");
    case SecretKind::ClientCertificate:
        return tr("the client certificate");
    case SecretKind::ClientKey:
        return tr("the client certificate's key");
    case SecretKind::Password:
        return tr("the password");
    case SecretKind::RefreshToken:
        return tr("the refresh token");
    }
    return {};
}

QString ProfileEditor::secretErrorText(SecretBackend backend, const SecretError &error)
{
    QString why;
    switch (error.kind) {
    case SecretError::Kind::Unavailable:
        why = backend == SecretBackend::SystemKeychain
                  ? tr("no system keychain is available (no Secret Service on the session "
                       "bus)")
                  : tr("the secret store is unavailable");
        break;
    case SecretError::Kind::Locked:
        why = tr("the keychain is locked or refused access");
        break;
    case SecretError::Kind::NotFound:
        why = tr("the keychain has no such entry");
        break;
    case SecretError::Kind::Other:
    case SecretError::Kind::None:
        why = tr("the keychain reported an error");
        break;
    }
    if (!error.message.isEmpty())
        why += tr(" (“%1”)").arg(error.message);
    return why;
}

void ProfileEditor::setBackendState(const SecretError &error)
{
    switch (error.kind) {
    case SecretError::Kind::None:
    case SecretError::Kind::NotFound: // it answered
        m_backendState = BackendState::Working;
        m_backendMessage.clear();
        break;
    case SecretError::Kind::Unavailable:
        m_backendState = BackendState::Unavailable;
        m_backendMessage = error.message;
        break;
    case SecretError::Kind::Locked:
        m_backendState = BackendState::Locked;
        m_backendMessage = error.message;
        break;
    case SecretError::Kind::Other:
        m_backendState = BackendState::Failed;
        m_backendMessage = error.message;
        break;
    }
    m_backendLabel->setText(secretBackendText());
}

void ProfileEditor::showSecretMessage(const QString &text, bool isError)
{
    m_secretMessage->setText(text);
    m_secretMessage->setVisible(!text.isEmpty());
    m_secretMessage->setStyleSheet(
        isError ? QStringLiteral("QLabel { color: #8a1c24; background: #fdecee; border: 1px "
                                 "solid #f1aeb5; border-radius: 4px; padding: 6px; }")
                : QStringLiteral("QLabel { color: #0f5132; background: #d1e7dd; border: 1px "
                                 "solid #a3cfbb; border-radius: 4px; padding: 6px; }"));
}

QString ProfileEditor::secretMessage() const
{
    return m_secretMessage->isVisibleTo(this) ? m_secretMessage->text() : QString();
}

void ProfileEditor::save()
{
    if (!m_hasProfile || m_saving || !problems().isEmpty())
        return;
    const Profile toSave = profile();
    QMap<SecretKind, QByteArray> secrets;
    if (!m_clientSecret->text().isEmpty())
        secrets.insert(SecretKind::ClientSecret, m_clientSecret->text().toUtf8());
    for (const SecretField &field : std::as_const(m_secretFields)) {
        // A refresh token only goes where the profile keeps them.
        if (field.kind == SecretKind::RefreshToken && !toSave.storeRefreshTokens)
            continue;
        const QByteArray value = enteredSecret(field);
        if (!value.isEmpty())
            secrets.insert(field.kind, value);
    }
    m_saving = true;
    m_saveError->hide();
    update();
    m_manager->save(toSave, secrets, SaveMode::Guarded, this,
                    [this](const ProfileSaveResult &result) { onSaved(result); });
    for (QByteArray &value : secrets)
        value.fill('\0');
}

void ProfileEditor::onSaved(const ProfileSaveResult &result)
{
    m_saving = false;
    for (const SecretOutcome &outcome : result.secrets) {
        if (outcome.status != SecretOutcome::Status::Refused)
            setBackendState(outcome.error);
    }
    if (!result.ok()) {
        QString text = tr("The profile was not saved: %1").arg(result.error.message);
        if (!result.error.path.isEmpty())
            text += tr(" (%1)").arg(result.error.path);
        if (result.error.kind == ProfileError::Kind::ChangedOnDisk)
            text += tr(". Another program changed it: reload the list to see its version.");
        m_saveError->setText(text);
        m_saveError->show();
        update();
        return;
    }

    const QList<SecretOutcome> notStored = result.notStored();
    QStringList failures;
    QStringList storedNames;
    for (const SecretOutcome &outcome : result.secrets) {
        if (outcome.status != SecretOutcome::Status::Done)
            continue;
        storedNames.append(secretKindText(outcome.kind));
        // What was stored leaves the form; what was not stays for another try.
        if (outcome.kind == SecretKind::ClientSecret) {
            m_clientSecret->clear();
            m_clientSecret->setModified(false);
        }
        for (const SecretField &field : std::as_const(m_secretFields)) {
            if (field.kind != outcome.kind)
                continue;
            if (field.line)
                field.line->clear();
            else
                field.pem->clear();
        }
    }
    for (const SecretOutcome &outcome : notStored) {
        const QString why = outcome.status == SecretOutcome::Status::Refused
                                ? outcome.error.message
                                : secretErrorText(m_backend, outcome.error);
        failures.append(tr("%1 was NOT stored: %2").arg(secretKindText(outcome.kind), why));
    }

    m_base = result.profile;
    m_isNew = false;
    if (failures.isEmpty()) {
        QString text;
        if (storedNames.size() == 1)
            text = tr("Saved “%1”; %2 is in %3.")
                       .arg(m_base.name, storedNames.constFirst(), backendName(m_backend));
        else if (storedNames.size() > 1)
            text = tr("Saved “%1”; %2 are in %3.")
                       .arg(m_base.name, storedNames.join(QStringLiteral(", ")),
                            backendName(m_backend));
        showSecretMessage(text, false);
    } else {
        showSecretMessage(
            tr("Saved “%1”, but %2. Nothing of it was written to disk; the profile file only "
               "says that no secret is stored. The secret stays in the field until you leave "
               "this profile: fix the keychain (unlock it, or start a Secret Service) and "
               "press Save again.")
                .arg(m_base.name, failures.join(QStringLiteral("; "))),
            true);
    }
    update();
    emit saved(m_base);
}

void ProfileEditor::revert()
{
    if (m_hasProfile && !m_isNew)
        setProfile(m_base, false);
}

void ProfileEditor::discover()
{
    if (!m_discovery || !m_hasProfile || m_awaitingDiscovery)
        return;
    const QString issuer = m_issuer->text().trimmed();
    const QString why = urlProblem(issuer);
    m_discoveryStatus->show();
    if (issuer.isEmpty() || !why.isEmpty()) {
        m_discoveryStatus->setText(issuer.isEmpty() ? tr("Type the issuer first.") : why);
        return;
    }
    if (m_discovery->isRunning()) {
        m_discoveryStatus->setText(
            tr("Another discovery is running in this window; try again when it has finished."));
        return;
    }
    m_awaitingDiscovery = true;
    m_discoveryStatus->setText(tr("Fetching the metadata of %1…").arg(issuer));
    update();
    m_discovery->discover(issuer);
}

void ProfileEditor::onDiscovered(const DiscoveryResult &result)
{
    if (!m_awaitingDiscovery) // someone else's discovery on the shared client
        return;
    m_awaitingDiscovery = false;
    if (!result.ok()) {
        m_discoveryStatus->setText(
            tr("Discovery failed: %1").arg(ProviderPanel::describe(result.error)));
        update();
        return;
    }
    const auto &metadata = result.metadata;
    if (!metadata.issuer.isEmpty() && metadata.issuer != m_issuer->text().trimmed())
        m_issuer->setText(metadata.issuer);
    int filled = 0;
    for (const auto &[key, edit] : std::as_const(m_endpoints)) {
        const QUrl url = metadata.endpoint(key);
        if (url.isValid() && !url.isEmpty()) {
            edit->setText(url.toString());
            ++filled;
        }
    }
    m_discoveryDocument = metadata.document;
    m_discoveryFetchedAt = QDateTime::currentDateTimeUtc();
    m_discoveryStatus->setText(tr("Filled %n endpoint(s) from %1.", nullptr, filled)
                                   .arg(metadata.sourceUrl.toDisplayString()));
    update();
}

void ProfileEditor::checkSecretBackend()
{
    if (!m_hasProfile || m_base.id.isNull())
        return;
    m_checkBackendButton->setEnabled(false);
    m_manager->readSecret(m_base.id, SecretKind::ClientSecret, this,
                          [this](const SecretResult &result) {
                              // Only the answer's kind matters here: the value is dropped.
                              setBackendState(result.error);
                              m_checkBackendButton->setEnabled(m_hasProfile);
                          });
}
