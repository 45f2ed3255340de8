#include "TokenGrantPanel.h"

#include "ClientFields.h"
#include "ExchangeSummary.h"
#include "KeychainKeySource.h"
#include "common/Clock.h"
#include "common/FindingsView.h"
#include "common/ProviderErrorText.h"
#include "discovery/ProviderMetadata.h"
#include "endpoints/TokenPicker.h"
#include "http/HttpClient.h"
#include "session/SessionTokens.h"
#include "session/SessionTokensPanel.h"
#include "tokens/TokenTable.h"

#include <QCheckBox>
#include <QComboBox>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QScrollArea>
#include <QSpinBox>
#include <QSplitter>
#include <QVBoxLayout>

#include <algorithm>

using Tokenscope::Grants::GrantResult;
using Tokenscope::Grants::GrantType;
using Tokenscope::Grants::TokenGrantFlow;
using Tokenscope::Grants::TokenGrantRequest;
using Step = TokenGrantFlow::Step;

namespace {

QString grantLabel(GrantType grant)
{
    switch (grant) {
    case GrantType::ClientCredentials:
        return TokenGrantPanel::tr("Client credentials");
    case GrantType::Password:
        return TokenGrantPanel::tr("Resource owner password (legacy)");
    case GrantType::RefreshToken:
        return TokenGrantPanel::tr("Refresh token");
    case GrantType::TokenExchange:
        return TokenGrantPanel::tr("Token exchange (RFC 8693)");
    case GrantType::JwtBearer:
        return TokenGrantPanel::tr("JWT bearer assertion (RFC 7523)");
    case GrantType::Saml2Bearer:
        return TokenGrantPanel::tr("SAML 2.0 bearer assertion (RFC 7522)");
    case GrantType::Custom:
        return TokenGrantPanel::tr("Other grant type (by URI)");
    }
    return {};
}

// What the session's token list calls where a token came from.
QString sourceName(GrantType grant)
{
    switch (grant) {
    case GrantType::ClientCredentials:
        return TokenGrantPanel::tr("Client credentials");
    case GrantType::Password:
        return TokenGrantPanel::tr("Password");
    case GrantType::RefreshToken:
        return TokenGrantPanel::tr("Refresh");
    case GrantType::TokenExchange:
        return TokenGrantPanel::tr("Token exchange");
    case GrantType::JwtBearer:
        return TokenGrantPanel::tr("JWT bearer");
    case GrantType::Saml2Bearer:
        return TokenGrantPanel::tr("SAML 2.0 bearer");
    case GrantType::Custom:
        return TokenGrantPanel::tr("Custom grant");
    }
    return {};
}

QString typeUriOf(SessionTokens::Kind kind)
{
    switch (kind) {
    case SessionTokens::Kind::RefreshToken:
        return QStringLiteral("urn:ietf:params:oauth:token-type:refresh_token");
    case SessionTokens::Kind::IdToken:
        return QStringLiteral("urn:ietf:params:oauth:token-type:id_token");
    case SessionTokens::Kind::AccessToken:
    case SessionTokens::Kind::IssuedToken:
        break;
    }
    return QStringLiteral("urn:ietf:params:oauth:token-type:access_token");
}

QComboBox *tokenTypeCombo(const QString &objectName, bool withEmpty, QWidget *parent)
{
    auto *combo = new QComboBox(parent);
    combo->setObjectName(objectName);
    combo->setEditable(true);
    // The URNs are long: the form keeps its width and the field scrolls.
    combo->setSizeAdjustPolicy(QComboBox::AdjustToMinimumContentsLengthWithIcon);
    combo->setMinimumContentsLength(16);
    if (withEmpty)
        combo->addItem(QString());
    combo->addItems(TokenGrantRequest::tokenTypeUris());
    return combo;
}

// The earliest an automatic refresh runs after the previous one, whatever the lead time.
constexpr qint64 minimumRefreshDelaySeconds = 5;

QLineEdit *lineEdit(const QString &objectName, QWidget *parent, const QString &placeholder = {})
{
    auto *edit = new QLineEdit(parent);
    edit->setObjectName(objectName);
    edit->setPlaceholderText(placeholder);
    return edit;
}

} // namespace

TokenGrantPanel::TokenGrantPanel(Tokenscope::Http::HttpClient *http,
                                 Tokenscope::RandomSource &random,
                                 Tokenscope::Jose::JwksCache *keys, SessionTokens *session,
                                 QWidget *parent)
    : QWidget(parent)
    , m_http(http)
    , m_session(session)
    , m_flow(new TokenGrantFlow(http, random, keys, this))
{
    setObjectName(QStringLiteral("tokenGrantPanel"));
    auto *splitter = new QSplitter(Qt::Horizontal, this);
    splitter->addWidget(buildForm());
    splitter->addWidget(buildResult());
    splitter->setStretchFactor(0, 2);
    splitter->setStretchFactor(1, 3);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(6, 6, 6, 6);
    layout->addWidget(splitter);

    connect(m_flow, &TokenGrantFlow::stepChanged, this, &TokenGrantPanel::onStepChanged);
    connect(m_flow, &TokenGrantFlow::finished, this, &TokenGrantPanel::onFinished);
    if (m_session) {
        connect(m_session, &SessionTokens::added, this, &TokenGrantPanel::fillSessionPickers);
        connect(m_session, &SessionTokens::changed, this, &TokenGrantPanel::fillSessionPickers);
        connect(m_session, &SessionTokens::removed, this, &TokenGrantPanel::fillSessionPickers);
        connect(m_session, &SessionTokens::cleared, this, &TokenGrantPanel::fillSessionPickers);
    }
    m_autoRefresh.setSingleShot(true);
    connect(&m_autoRefresh, &QTimer::timeout, this, [this] {
        m_nextAutoRefresh = QDateTime();
        if (grant() != GrantType::RefreshToken || !m_autoRefreshCheck->isChecked())
            return;
        const QString why = problem();
        if (!why.isEmpty()) {
            stopAutoRefresh(why);
            return;
        }
        run();
    });
    m_tick.setInterval(1000);
    connect(&m_tick, &QTimer::timeout, this, &TokenGrantPanel::updateCountdowns);
    fillSessionPickers();
    updateFields();
}

TokenGrantPanel::~TokenGrantPanel() = default;

QWidget *TokenGrantPanel::buildForm()
{
    auto *content = new QWidget;
    auto *layout = new QVBoxLayout(content);

    auto *grantRow = new QFormLayout;
    m_grantForm = grantRow;
    m_grantCombo = new QComboBox(content);
    m_grantCombo->setObjectName(QStringLiteral("grantCombo"));
    for (GrantType grant : {GrantType::ClientCredentials, GrantType::Password,
                            GrantType::RefreshToken, GrantType::TokenExchange, GrantType::JwtBearer,
                            GrantType::Saml2Bearer, GrantType::Custom})
        m_grantCombo->addItem(grantLabel(grant), int(grant));
    grantRow->addRow(tr("Grant"), m_grantCombo);
    m_customGrant =
        lineEdit(QStringLiteral("customGrantEdit"), content, tr("urn:example:grant-type:…"));
    grantRow->addRow(tr("grant_type"), m_customGrant);
    layout->addLayout(grantRow);

    m_passwordNote = new QLabel(
        tr("<b>Legacy — avoid.</b> With the password grant the application sees the user's "
           "password, so the user must trust it completely; the provider cannot ask for a "
           "second factor, a passkey or consent, and phishing-resistant sign-in is impossible. "
           "OAuth 2.1 removes it and RFC 9700 (OAuth 2.0 Security Best Current Practice, §2.4) "
           "says it must not be used. Use the authorization code flow, or the device flow for "
           "devices without a browser."),
        content);
    m_passwordNote->setObjectName(QStringLiteral("passwordNote"));
    m_passwordNote->setWordWrap(true);
    m_passwordNote->setStyleSheet(QStringLiteral("QLabel { background: #fff4e5; border: 1px solid "
                                                 "#e0a040; padding: 6px; color: #5d3a00; }"));
    layout->addWidget(m_passwordNote);

    m_client = new ClientFields(QStringLiteral("grant"), content);
    m_resource = lineEdit(QStringLiteral("grantResourceEdit"), content,
                          tr("RFC 8707 resource URIs, space-separated"));
    m_audience = lineEdit(QStringLiteral("grantAudienceEdit"), content, tr("optional"));
    m_client->form()->addRow(tr("Resource"), m_resource);
    m_client->form()->addRow(tr("Audience"), m_audience);
    layout->addWidget(m_client);

    m_passwordBox = new QGroupBox(tr("Resource owner"), content);
    m_passwordBox->setObjectName(QStringLiteral("passwordBox"));
    auto *passwordForm = new QFormLayout(m_passwordBox);
    m_username = lineEdit(QStringLiteral("usernameEdit"), m_passwordBox);
    m_password = lineEdit(QStringLiteral("passwordEdit"), m_passwordBox);
    m_password->setEchoMode(QLineEdit::Password);
    passwordForm->addRow(tr("Username"), m_username);
    passwordForm->addRow(tr("Password"), m_password);
    layout->addWidget(m_passwordBox);

    m_refreshBox = new QGroupBox(tr("Refresh token"), content);
    m_refreshBox->setObjectName(QStringLiteral("refreshBox"));
    auto *refreshForm = new QFormLayout(m_refreshBox);
    m_refreshPick = new QComboBox(m_refreshBox);
    m_refreshPick->setObjectName(QStringLiteral("refreshPickCombo"));
    m_refreshToken = lineEdit(QStringLiteral("refreshTokenEdit"), m_refreshBox);
    refreshForm->addRow(tr("From this session"), m_refreshPick);
    refreshForm->addRow(tr("Refresh token"), m_refreshToken);
    m_refreshClientBox = new QWidget(m_refreshBox);
    m_refreshClientBox->setObjectName(QStringLiteral("refreshClientBox"));
    auto *refreshClientLayout = new QVBoxLayout(m_refreshClientBox);
    refreshClientLayout->setContentsMargins(0, 0, 0, 0);
    m_refreshClientWarning = new QLabel(m_refreshClientBox);
    m_refreshClientWarning->setObjectName(QStringLiteral("refreshClientWarning"));
    m_refreshClientWarning->setWordWrap(true);
    m_refreshClientWarning->setStyleSheet(
        QStringLiteral("QLabel { background: #fff4e5; border: 1px solid #e0a040; padding: 4px; "
                       "color: #5d3a00; }"));
    m_useIssuingClient = new QPushButton(m_refreshClientBox);
    m_useIssuingClient->setObjectName(QStringLiteral("useIssuingClientButton"));
    m_useIssuingClient->setToolTip(
        tr("Put the client id and authentication method the refresh token was issued to in "
           "the form; check that the secret or key is that client's"));
    refreshClientLayout->addWidget(m_refreshClientWarning);
    refreshClientLayout->addWidget(m_useIssuingClient, 0, Qt::AlignLeft);
    m_refreshClientBox->hide();
    refreshForm->addRow(m_refreshClientBox);
    connect(m_useIssuingClient, &QPushButton::clicked, this, &TokenGrantPanel::useIssuingClient);
    connect(m_refreshToken, &QLineEdit::textChanged, this, &TokenGrantPanel::updateRefreshClient);
    connect(m_client, &ClientFields::clientChanged, this, &TokenGrantPanel::updateRefreshClient);
    m_autoRefreshCheck = new QCheckBox(tr("Refresh automatically"), content);
    m_autoRefreshCheck->setObjectName(QStringLiteral("autoRefreshCheck"));
    m_autoRefreshCheck->setToolTip(
        tr("After each successful grant that returns a refresh token, switch to the refresh "
           "grant and refresh shortly before the access token expires, with the current "
           "(rotated) refresh token"));
    m_autoRefreshLead = new QSpinBox(content);
    m_autoRefreshLead->setObjectName(QStringLiteral("autoRefreshLeadSpin"));
    m_autoRefreshLead->setRange(0, 86400);
    m_autoRefreshLead->setValue(60);
    m_autoRefreshLead->setSuffix(tr(" s before expiry"));
    auto *autoRow = new QHBoxLayout;
    autoRow->addWidget(m_autoRefreshCheck);
    autoRow->addWidget(m_autoRefreshLead);
    autoRow->addStretch(1);
    layout->addWidget(m_refreshBox);
    connect(m_refreshPick, &QComboBox::activated, this, [this](int index) {
        const QString value = m_refreshPick->itemData(index).toString();
        if (!value.isEmpty()) {
            m_refreshToken->setText(value);
            m_previousIdToken.clear();
            adoptRefreshClient();
        }
    });

    m_exchangeBox = new QGroupBox(tr("Tokens to exchange"), content);
    m_exchangeBox->setObjectName(QStringLiteral("exchangeBox"));
    auto *exchangeForm = new QFormLayout(m_exchangeBox);
    exchangeForm->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);
    m_subjectPick = new QComboBox(m_exchangeBox);
    m_subjectPick->setObjectName(QStringLiteral("subjectPickCombo"));
    m_subjectToken = lineEdit(QStringLiteral("subjectTokenEdit"), m_exchangeBox);
    m_subjectType = tokenTypeCombo(QStringLiteral("subjectTokenTypeCombo"), false, m_exchangeBox);
    // The actor token (RFC 8693 §2.1): one of the session's tokens, or pasted.
    m_actorPick = new TokenPicker(m_session, {}, m_exchangeBox);
    m_actorPick->setObjectName(QStringLiteral("actorTokenPicker"));
    m_actorPick->sessionBox()->setObjectName(QStringLiteral("actorPickCombo"));
    m_actorPick->sessionBox()->setMinimumContentsLength(8); // the form stays narrow
    m_actorToken = m_actorPick->valueEdit();
    m_actorToken->setObjectName(QStringLiteral("actorTokenEdit"));
    m_actorToken->setPlaceholderText(tr("optional: paste one, or pick one of this session's"));
    m_actorType = tokenTypeCombo(QStringLiteral("actorTokenTypeCombo"), true, m_exchangeBox);
    m_requestedType =
        tokenTypeCombo(QStringLiteral("requestedTokenTypeCombo"), true, m_exchangeBox);
    exchangeForm->addRow(tr("From this session"), m_subjectPick);
    exchangeForm->addRow(tr("Subject token"), m_subjectToken);
    exchangeForm->addRow(tr("Subject token type"), m_subjectType);
    exchangeForm->addRow(tr("Actor token"), m_actorPick);
    exchangeForm->addRow(tr("Actor token type"), m_actorType);
    exchangeForm->addRow(tr("Requested token type"), m_requestedType);
    layout->addWidget(m_exchangeBox);
    connect(m_subjectPick, &QComboBox::activated, this, [this](int index) {
        const QString value = m_subjectPick->itemData(index).toString();
        if (value.isEmpty())
            return;
        m_subjectToken->setText(value);
        const QString type = m_subjectPick->itemData(index, Qt::UserRole + 1).toString();
        m_subjectType->setCurrentText(type);
    });
    connect(m_actorPick, &TokenPicker::tokenChanged, this, [this] {
        const SessionTokens::Entry *entry =
            m_session ? m_session->find(m_actorPick->sessionId()) : nullptr;
        if (entry)
            m_actorType->setCurrentText(typeUriOf(entry->kind));
    });

    m_assertionBox = new QGroupBox(tr("Assertion"), content);
    m_assertionBox->setObjectName(QStringLiteral("assertionBox"));
    auto *assertionLayout = new QVBoxLayout(m_assertionBox);
    m_assertion = new QPlainTextEdit(m_assertionBox);
    m_assertion->setObjectName(QStringLiteral("assertionEdit"));
    m_assertion->setPlaceholderText(tr("Paste the assertion (a JWT, or a SAML assertion as XML "
                                       "or base64url)"));
    m_assertion->setMaximumHeight(80);
    m_buildAssertion = new QCheckBox(tr("Build and sign a JWT assertion here"), m_assertionBox);
    m_buildAssertion->setObjectName(QStringLiteral("buildAssertionCheck"));
    m_builder = new QWidget(m_assertionBox);
    auto *builderForm = new QFormLayout(m_builder);
    builderForm->setContentsMargins(0, 0, 0, 0);
    m_assertionAlg = lineEdit(QStringLiteral("assertionAlgEdit"), m_builder,
                              tr("RS256, ES256, PS256, EdDSA… (empty: the key's)"));
    m_assertionKid = lineEdit(QStringLiteral("assertionKidEdit"), m_builder, tr("optional"));
    m_assertionIss = lineEdit(QStringLiteral("assertionIssEdit"), m_builder);
    m_assertionSub = lineEdit(QStringLiteral("assertionSubEdit"), m_builder);
    m_assertionAud =
        lineEdit(QStringLiteral("assertionAudEdit"), m_builder, tr("empty: the token endpoint"));
    m_assertionLifetime = new QSpinBox(m_builder);
    m_assertionLifetime->setObjectName(QStringLiteral("assertionLifetimeSpin"));
    m_assertionLifetime->setRange(1, 86400);
    m_assertionLifetime->setValue(300);
    m_assertionLifetime->setSuffix(tr(" s"));
    m_assertionKey = new QPlainTextEdit(m_builder);
    m_assertionKey->setObjectName(QStringLiteral("assertionKeyEdit"));
    m_assertionKey->setPlaceholderText(tr("-----BEGIN PRIVATE KEY----- … (PEM or a private JWK)"));
    m_assertionKey->setMaximumHeight(80);
    builderForm->addRow(tr("alg"), m_assertionAlg);
    builderForm->addRow(tr("kid"), m_assertionKid);
    builderForm->addRow(tr("iss"), m_assertionIss);
    builderForm->addRow(tr("sub"), m_assertionSub);
    builderForm->addRow(tr("aud"), m_assertionAud);
    m_assertionKeySource = new KeychainKeySource(
        tr("Pasted key"), {Tokenscope::Profiles::SecretKind::PrivateKey}, m_builder);
    m_assertionKeySource->setObjectName(QStringLiteral("assertionKeySourceCombo"));
    m_assertionKeyStatus = new QLabel(m_builder);
    m_assertionKeyStatus->setObjectName(QStringLiteral("assertionKeyStatus"));
    m_assertionKeyStatus->setWordWrap(true);
    m_assertionKeyStatus->hide();
    builderForm->addRow(tr("exp after"), m_assertionLifetime);
    builderForm->addRow(tr("Key from"), m_assertionKeySource);
    builderForm->addRow(tr("Signing key"), m_assertionKey);
    builderForm->addRow(QString(), m_assertionKeyStatus);
    connect(m_assertionKeySource, &KeychainKeySource::sourceChanged, this,
            &TokenGrantPanel::updateAssertionKey);
    connect(m_assertionKeySource, &KeychainKeySource::keyReady, this, [this](const QString &label) {
        m_assertionKey->setPlaceholderText(
            tr("Signing with %1: the key stays in the keychain and is not shown here.").arg(label));
        m_assertionKeyStatus->setText(tr("Key ready: %1.").arg(label));
        m_assertionKeyStatus->show();
    });
    connect(m_assertionKeySource, &KeychainKeySource::keyFailed, this,
            [this](const QString &label, const QString &message) {
                m_assertionKey->setPlaceholderText(QString());
                m_assertionKeyStatus->setText(
                    tr("✘ %1 could not be read from the keychain: %2").arg(label, message));
                m_assertionKeyStatus->show();
            });
    assertionLayout->addWidget(m_assertion);
    assertionLayout->addWidget(m_buildAssertion);
    assertionLayout->addWidget(m_builder);
    layout->addWidget(m_assertionBox);
    connect(m_buildAssertion, &QCheckBox::toggled, this, &TokenGrantPanel::updateFields);

    layout->addLayout(autoRow);

    auto *extraLabel = new QLabel(tr("Extra parameters (name=value, one a line)"), content);
    m_extraParameters = new QPlainTextEdit(content);
    m_extraParameters->setObjectName(QStringLiteral("grantExtraParametersEdit"));
    m_extraParameters->setMaximumHeight(60);
    layout->addWidget(extraLabel);
    layout->addWidget(m_extraParameters);

    auto *buttons = new QHBoxLayout;
    m_run = new QPushButton(tr("Run"), content);
    m_run->setObjectName(QStringLiteral("grantRunButton"));
    m_run->setDefault(true);
    m_cancel = new QPushButton(tr("Cancel"), content);
    m_cancel->setObjectName(QStringLiteral("grantCancelButton"));
    m_cancel->setEnabled(false);
    buttons->addStretch(1);
    buttons->addWidget(m_cancel);
    buttons->addWidget(m_run);
    layout->addLayout(buttons);
    layout->addStretch(1);
    connect(m_run, &QPushButton::clicked, this, &TokenGrantPanel::run);
    connect(m_cancel, &QPushButton::clicked, this, &TokenGrantPanel::cancel);
    connect(m_grantCombo, &QComboBox::currentIndexChanged, this, &TokenGrantPanel::updateFields);
    connect(m_autoRefreshCheck, &QCheckBox::toggled, this, [this](bool on) {
        if (!on)
            stopAutoRefresh(tr("switched off"));
    });

    auto *scroll = new QScrollArea;
    scroll->setWidgetResizable(true);
    scroll->setFrameShape(QFrame::NoFrame);
    scroll->setWidget(content);
    return scroll;
}

QWidget *TokenGrantPanel::buildResult()
{
    auto *page = new QWidget;
    auto *layout = new QVBoxLayout(page);
    m_status = new QLabel(tr("Choose a grant, fill in the form and press Run."), page);
    m_status->setObjectName(QStringLiteral("grantStatusLabel"));
    m_status->setWordWrap(true);
    m_outcome = new QLabel(page);
    m_outcome->setObjectName(QStringLiteral("grantOutcomeLabel"));
    m_outcome->setWordWrap(true);
    m_outcome->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_showSecrets = new QCheckBox(tr("Show secrets"), page);
    m_showSecrets->setObjectName(QStringLiteral("grantShowSecretsCheck"));
    connect(m_showSecrets, &QCheckBox::toggled, this, &TokenGrantPanel::refreshSecrets);
    auto *top = new QHBoxLayout;
    top->addWidget(m_status, 1);
    top->addWidget(m_showSecrets);
    layout->addLayout(top);
    layout->addWidget(m_outcome);

    m_tokens = new TokenTable(page);
    m_tokens->setObjectName(QStringLiteral("grantTokenTable"));
    layout->addWidget(new QLabel(tr("Tokens"), page));
    layout->addWidget(m_tokens, 2);

    m_rotationBox = new QGroupBox(tr("Refresh token rotation"), page);
    m_rotationBox->setObjectName(QStringLiteral("rotationBox"));
    auto *rotation = new QGridLayout(m_rotationBox);
    m_oldRefresh = new QLabel(m_rotationBox);
    m_oldRefresh->setObjectName(QStringLiteral("oldRefreshLabel"));
    m_newRefresh = new QLabel(m_rotationBox);
    m_newRefresh->setObjectName(QStringLiteral("newRefreshLabel"));
    m_rotationVerdict = new QLabel(m_rotationBox);
    m_rotationVerdict->setObjectName(QStringLiteral("rotationVerdictLabel"));
    m_rotationVerdict->setWordWrap(true);
    for (QLabel *label : {m_oldRefresh, m_newRefresh})
        label->setTextInteractionFlags(Qt::TextSelectableByMouse);
    rotation->addWidget(new QLabel(tr("Sent"), m_rotationBox), 0, 0);
    rotation->addWidget(new QLabel(tr("Returned"), m_rotationBox), 0, 2);
    rotation->addWidget(m_oldRefresh, 1, 0);
    rotation->addWidget(new QLabel(QStringLiteral("→"), m_rotationBox), 1, 1);
    rotation->addWidget(m_newRefresh, 1, 2);
    rotation->addWidget(m_rotationVerdict, 2, 0, 1, 3);
    rotation->setColumnStretch(0, 1);
    rotation->setColumnStretch(2, 1);
    m_rotationBox->hide();
    layout->addWidget(m_rotationBox);

    m_builtAssertion = new QLabel(page);
    m_builtAssertion->setObjectName(QStringLiteral("builtAssertionLabel"));
    m_builtAssertion->setWordWrap(true);
    m_builtAssertion->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_builtAssertion->hide();
    layout->addWidget(m_builtAssertion);

    m_chainExchange = new QPushButton(tr("Exchange this token again"), page);
    m_chainExchange->setObjectName(QStringLiteral("chainExchangeButton"));
    m_chainExchange->setToolTip(
        tr("The issued token becomes the subject token (its issued_token_type the subject "
           "token type); the other fields stay. Press Run for the next exchange."));
    m_chainExchange->hide();
    layout->addWidget(m_chainExchange, 0, Qt::AlignLeft);
    connect(m_chainExchange, &QPushButton::clicked, this,
            &TokenGrantPanel::exchangeIssuedTokenAgain);

    m_countdowns = new QLabel(page);
    m_countdowns->setObjectName(QStringLiteral("tokenCountdowns"));
    m_countdowns->setWordWrap(true);
    m_countdowns->hide();
    layout->addWidget(m_countdowns);

    m_checks = new FindingsView(page);
    m_checks->setObjectName(QStringLiteral("grantChecks"));
    layout->addWidget(new QLabel(tr("Checks"), page));
    layout->addWidget(m_checks, 3);
    m_exchanges = new ExchangeSummary(page);
    m_exchanges->setObjectName(QStringLiteral("grantExchanges"));
    layout->addWidget(new QLabel(tr("Exchanges (details in the exchange inspector)"), page));
    layout->addWidget(m_exchanges, 1);
    return page;
}

GrantType TokenGrantPanel::grant() const
{
    return GrantType(m_grantCombo->currentData().toInt());
}

void TokenGrantPanel::setGrant(GrantType grant)
{
    m_grantCombo->setCurrentIndex(m_grantCombo->findData(int(grant)));
}

void TokenGrantPanel::updateFields()
{
    const GrantType g = grant();
    m_passwordNote->setVisible(g == GrantType::Password);
    m_grantForm->setRowVisible(m_customGrant, g == GrantType::Custom);
    m_passwordBox->setVisible(g == GrantType::Password);
    m_refreshBox->setVisible(g == GrantType::RefreshToken);
    updateRefreshClient();
    if (g != GrantType::RefreshToken && m_autoRefresh.isActive())
        stopAutoRefresh(tr("another grant was chosen"));
    m_chainExchange->setVisible(g == GrantType::TokenExchange && m_last.ok() &&
                                m_last.grant == GrantType::TokenExchange &&
                                !m_last.tokens.accessToken.isEmpty());
    m_exchangeBox->setVisible(g == GrantType::TokenExchange);
    const bool assertion = g == GrantType::JwtBearer || g == GrantType::Saml2Bearer;
    m_assertionBox->setVisible(assertion);
    m_buildAssertion->setVisible(g == GrantType::JwtBearer);
    const bool build = g == GrantType::JwtBearer && m_buildAssertion->isChecked();
    m_builder->setVisible(build);
    m_assertion->setEnabled(!build);
    m_client->form()->setRowVisible(m_audience, g == GrantType::TokenExchange ||
                                                    g == GrantType::ClientCredentials ||
                                                    g == GrantType::Custom);
}

void TokenGrantPanel::fillSessionPickers()
{
    const QString none = tr("— type or paste below —");
    m_refreshPick->clear();
    m_subjectPick->clear();
    m_refreshPick->addItem(none);
    m_subjectPick->addItem(none);
    if (!m_session)
        return;
    const auto &entries = m_session->entries();
    for (auto it = entries.crbegin(); it != entries.crend(); ++it) {
        const SessionTokens::Entry &entry = *it;
        const QString text =
            tr("%1 · %2 · %3")
                .arg(SessionTokens::kindName(entry.kind), entry.source,
                     entry.obtainedAt.toLocalTime().toString(QStringLiteral("HH:mm:ss")));
        if (entry.kind == SessionTokens::Kind::RefreshToken && entry.replacedBy == 0)
            m_refreshPick->addItem(text, entry.value);
        m_subjectPick->addItem(text, entry.value);
        m_subjectPick->setItemData(m_subjectPick->count() - 1, typeUriOf(entry.kind),
                                   Qt::UserRole + 1);
    }
    updateRefreshClient();
}

TokenGrantRequest TokenGrantPanel::request() const
{
    TokenGrantRequest r;
    r.grant = grant();
    r.customGrantType = m_customGrant->text().trimmed();
    r.tokenEndpoint = m_client->tokenEndpoint();
    r.client = m_client->credentials();
    r.scope = m_client->scope();
    r.resources = m_resource->text().split(QLatin1Char(' '), Qt::SkipEmptyParts);
    const QStringList lines = m_extraParameters->toPlainText().split(QLatin1Char('\n'));
    for (const QString &line : lines) {
        const QString trimmed = line.trimmed();
        if (trimmed.isEmpty())
            continue;
        const qsizetype equals = trimmed.indexOf(QLatin1Char('='));
        if (equals <= 0)
            continue;
        r.extraParameters.append({trimmed.left(equals), trimmed.mid(equals + 1)});
    }
    r.username = m_username->text();
    r.password = m_password->text().toUtf8();
    r.refreshToken = m_refreshToken->text().trimmed();
    r.previousIdToken = m_previousIdToken;
    r.subjectToken = m_subjectToken->text().trimmed();
    r.subjectTokenType = m_subjectType->currentText().trimmed();
    r.actorToken = m_actorToken->text().trimmed();
    if (!r.actorToken.isEmpty())
        r.actorTokenType = m_actorType->currentText().trimmed();
    r.audience = m_audience->text().trimmed();
    r.requestedTokenType = m_requestedType->currentText().trimmed();
    if (r.grant == GrantType::JwtBearer && m_buildAssertion->isChecked()) {
        Tokenscope::ClientAuth::JwtAssertion::Spec &spec = r.signAssertion;
        spec.key = m_assertionKeySource->fromKeychain() ? m_assertionKeySource->key()
                                                        : m_assertionKey->toPlainText().toUtf8();
        spec.alg = m_assertionAlg->text().trimmed();
        spec.kid = m_assertionKid->text().trimmed();
        spec.issuer = m_assertionIss->text().trimmed();
        spec.subject = m_assertionSub->text().trimmed();
        spec.audience = m_assertionAud->text().trimmed();
        if (spec.audience.isEmpty())
            spec.audience = r.tokenEndpoint.toString();
        spec.lifetimeSeconds = m_assertionLifetime->value();
    } else if (r.grant == GrantType::JwtBearer || r.grant == GrantType::Saml2Bearer) {
        r.assertion = m_assertion->toPlainText().trimmed();
    }
    r.issuer = m_issuer;
    r.jwksUri = m_jwksUri;
    return r;
}

QString TokenGrantPanel::problem() const
{
    const QString client = m_client->problem();
    if (!client.isEmpty())
        return client;
    const TokenGrantRequest r = request();
    if (r.grant == GrantType::JwtBearer && m_buildAssertion->isChecked() &&
        r.signAssertion.key.isEmpty()) {
        if (!m_assertionKeySource->fromKeychain())
            return tr("Paste the key that signs the assertion, or choose a profile's key from "
                      "the keychain.");
        return m_assertionKeySource->isReading()
                   ? tr("The key is being read from the keychain…")
                   : tr("The key from the keychain could not be read: choose it again, or "
                        "paste one.");
    }
    return r.problem();
}

QString TokenGrantPanel::statusText() const
{
    return m_status->text();
}

void TokenGrantPanel::setProvider(const Tokenscope::Discovery::ProviderMetadata &metadata)
{
    m_client->setTokenEndpoint(metadata.endpoint(QStringLiteral("token_endpoint")));
    m_issuer = metadata.issuer;
    m_jwksUri = metadata.endpoint(QStringLiteral("jwks_uri"));
}

void TokenGrantPanel::setSubjectToken(const QString &token)
{
    setGrant(GrantType::TokenExchange);
    m_subjectToken->setText(token);
    if (!m_session)
        return;
    for (const SessionTokens::Entry &entry : m_session->entries()) {
        if (entry.value == token)
            m_subjectType->setCurrentText(typeUriOf(entry.kind));
    }
}

void TokenGrantPanel::setRefreshToken(const QString &token)
{
    setGrant(GrantType::RefreshToken);
    const int index = m_refreshPick->findData(token);
    m_refreshPick->setCurrentIndex(index > 0 ? index : 0);
    m_refreshToken->setText(token);
    m_previousIdToken.clear();
    adoptRefreshClient();
}

void TokenGrantPanel::setPassword(const QByteArray &password)
{
    m_password->setText(QString::fromUtf8(password));
}

void TokenGrantPanel::setExtraParameters(const QList<QPair<QString, QString>> &parameters)
{
    QStringList lines;
    for (const auto &[name, value] : parameters)
        lines.append(name + QLatin1Char('=') + value);
    m_extraParameters->setPlainText(lines.join(QLatin1Char('\n')));
}

void TokenGrantPanel::setProfiles(Tokenscope::Profiles::ProfileManager *manager)
{
    m_assertionKeySource->setProfiles(manager);
}

void TokenGrantPanel::updateAssertionKey()
{
    const bool fromKeychain = m_assertionKeySource->fromKeychain();
    m_assertionKey->setReadOnly(fromKeychain);
    m_assertionKeyStatus->hide();
    if (!fromKeychain) {
        m_assertionKey->setPlaceholderText(
            tr("-----BEGIN PRIVATE KEY----- … (PEM or a private JWK)"));
        return;
    }
    m_assertionKey->clear();
    m_assertionKey->setPlaceholderText(
        tr("Reading %1 from the keychain…").arg(m_assertionKeySource->chosenLabel()));
}

QString TokenGrantPanel::refreshClientWarning() const
{
    return m_refreshClientBox->isVisibleTo(m_refreshBox) ? m_refreshClientWarning->text()
                                                         : QString();
}

void TokenGrantPanel::updateRefreshClient()
{
    m_refreshIssuedTo = {};
    if (m_session) {
        if (const SessionTokens::Entry *entry =
                m_session->findValue(m_refreshToken->text().trimmed()))
            m_refreshIssuedTo = entry->client;
    }
    const SessionTokens::Client &issued = m_refreshIssuedTo;
    const QString formId = m_client->clientId();
    const QString formMethod = m_client->methodName();
    const bool differs =
        !issued.isEmpty() &&
        (formId != issued.id || (!issued.authMethod.isEmpty() && formMethod != issued.authMethod));
    m_refreshClientBox->setVisible(differs);
    if (!differs)
        return;
    m_refreshClientWarning->setText(
        tr("⚠ This refresh token was issued to client “%1” (%2), but the form sends client "
           "“%3” (%4). A refresh authenticates as the client the token was issued to "
           "(RFC 6749 §6); the provider refuses another client.")
            .arg(issued.id, issued.authMethod.isEmpty() ? tr("method unknown") : issued.authMethod,
                 formId.isEmpty() ? tr("none") : formId, formMethod));
    m_useIssuingClient->setText(tr("Use “%1”").arg(issued.id));
}

void TokenGrantPanel::adoptRefreshClient()
{
    updateRefreshClient();
    if (!m_refreshIssuedTo.isEmpty() && m_client->clientId().isEmpty())
        useIssuingClient();
}

void TokenGrantPanel::useIssuingClient()
{
    if (m_refreshIssuedTo.isEmpty())
        return;
    const SessionTokens::Client issued = m_refreshIssuedTo;
    m_client->setClientIdentity(issued.id, issued.authMethod);
    updateRefreshClient();
}

void TokenGrantPanel::exchangeIssuedTokenAgain()
{
    if (!m_last.ok() || m_last.grant != GrantType::TokenExchange ||
        m_last.tokens.accessToken.isEmpty())
        return;
    setGrant(GrantType::TokenExchange);
    m_subjectPick->setCurrentIndex(0);
    m_subjectToken->setText(m_last.tokens.accessToken);
    const QString issuedType =
        m_last.tokens.raw.value(QLatin1String("issued_token_type")).toString();
    // RFC 8693 §2.2.1 requires issued_token_type; without it, the token is an access token.
    m_subjectType->setCurrentText(
        issuedType.isEmpty() ? QStringLiteral("urn:ietf:params:oauth:token-type:access_token")
                             : issuedType);
    m_status->setText(tr("The issued token is the subject token now: press Run to exchange it."));
}

void TokenGrantPanel::scheduleAutoRefresh(const GrantResult &result, const QDateTime &now)
{
    if (!m_autoRefreshCheck->isChecked())
        return;
    if (grant() != GrantType::RefreshToken) {
        // Another grant's refresh token: the refresh grant takes over from here.
        if (result.tokens.refreshToken.isEmpty() || result.tokens.expiresIn < 0)
            return;
        setRefreshToken(result.tokens.refreshToken);
        m_previousIdToken = result.tokens.idToken;
    }
    if (result.currentRefreshToken.isEmpty() && result.tokens.refreshToken.isEmpty()) {
        stopAutoRefresh(tr("no refresh token to use"));
        return;
    }
    if (result.tokens.expiresIn < 0) {
        stopAutoRefresh(tr("the provider did not say when the access token expires"));
        return;
    }
    const qint64 delay = std::max(minimumRefreshDelaySeconds,
                                  result.tokens.expiresIn - qint64(m_autoRefreshLead->value()));
    m_autoRefreshStopped.clear();
    m_nextAutoRefresh = now.addSecs(delay);
    m_autoRefresh.start(std::chrono::seconds(delay));
}

void TokenGrantPanel::stopAutoRefresh(const QString &why)
{
    const bool wasScheduled = m_autoRefresh.isActive();
    m_autoRefresh.stop();
    m_nextAutoRefresh = QDateTime();
    if (wasScheduled || !why.isEmpty())
        m_autoRefreshStopped = why;
    updateCountdowns();
}

void TokenGrantPanel::updateCountdowns()
{
    const QDateTime now = m_http->clock().now();
    QStringList lines;
    if (m_accessExpiry.isValid())
        lines << tr("Access token: %1").arg(SessionTokensPanel::countdown(m_accessExpiry, now));
    if (m_refreshExpiry.isValid())
        lines << tr("Refresh token: %1").arg(SessionTokensPanel::countdown(m_refreshExpiry, now));
    if (m_idExpiry.isValid())
        lines << tr("ID token: %1").arg(SessionTokensPanel::countdown(m_idExpiry, now));
    if (m_nextAutoRefresh.isValid())
        lines << tr("Next automatic refresh: %1")
                     .arg(SessionTokensPanel::countdown(m_nextAutoRefresh, now));
    else if (m_autoRefreshCheck->isChecked() && !m_autoRefreshStopped.isEmpty())
        lines << tr("Automatic refresh stopped: %1").arg(m_autoRefreshStopped);
    m_countdowns->setText(lines.join(QLatin1Char('\n')));
    m_countdowns->setVisible(!lines.isEmpty());
    if (lines.isEmpty())
        m_tick.stop();
    else if (!m_tick.isActive())
        m_tick.start();
}

void TokenGrantPanel::run()
{
    const QString why = problem();
    if (!why.isEmpty()) {
        m_status->setText(why);
        return;
    }
    m_outcome->clear();
    m_outcome->setStyleSheet(QString());
    m_tokens->clearTokens();
    m_checks->setFindings({});
    m_exchanges->clearExchanges();
    m_rotationBox->hide();
    m_builtAssertion->hide();
    m_flow->start(request());
}

void TokenGrantPanel::cancel()
{
    m_flow->cancel();
}

void TokenGrantPanel::onStepChanged(Step step)
{
    const bool busy = step == Step::RequestingToken || step == Step::FetchingKeys;
    m_run->setEnabled(!busy);
    m_cancel->setEnabled(busy);
    switch (step) {
    case Step::Idle:
        break;
    case Step::RequestingToken:
        m_status->setText(tr("Requesting a token (%1)…").arg(m_flow->request().grantTypeValue()));
        break;
    case Step::FetchingKeys:
        m_status->setText(tr("Fetching the provider's keys to check the ID token…"));
        break;
    case Step::Succeeded:
    case Step::Failed:
        break;
    }
}

void TokenGrantPanel::onFinished(const GrantResult &result)
{
    m_last = result;
    m_run->setEnabled(true);
    m_cancel->setEnabled(false);
    const QDateTime now = m_http->clock().now();
    m_tokens->setTokens(result.tokens, now);
    m_checks->setFindings(result.checks);
    m_exchanges->setExchanges(result.exchanges);

    if (result.ok()) {
        m_status->setText(result.checks.isEmpty() ? tr("Done (%1).").arg(result.grantType)
                                                  : tr("Done (%1): %n check(s) made, %2 failed.",
                                                       nullptr, int(result.checks.size()))
                                                        .arg(result.grantType)
                                                        .arg(m_checks->failureCount()));
        m_outcome->setText(tr("Tokens obtained with the %1 grant.")
                               .arg(TokenGrantRequest::grantName(result.grant)));
        m_outcome->setStyleSheet(QStringLiteral("color: #1b5e20; font-weight: bold;"));
        if (m_session) {
            // Recorded with the client that asked (never its secret): a refresh must use it.
            const Tokenscope::ClientAuth::ClientCredentials &sent = m_flow->request().client;
            m_session->addResponse(
                result.tokens, sourceName(result.grant), now,
                SessionTokens::Client{
                    sent.clientId,
                    Tokenscope::ClientAuth::ClientAuthentication::methodName(sent.method)},
                QString(), result.rotated ? result.previousRefreshToken : QString());
        }
        m_accessExpiry =
            result.tokens.expiresIn >= 0 ? now.addSecs(result.tokens.expiresIn) : QDateTime();
        // A refresh without a new refresh or ID token leaves the previous one in use.
        const bool keepsPrevious = result.grant == GrantType::RefreshToken;
        if (!result.tokens.refreshToken.isEmpty() || !keepsPrevious) {
            m_refreshExpiry = SessionTokens::jwtExpiry(result.tokens.refreshToken);
            const QJsonValue refreshExpiresIn =
                result.tokens.raw.value(QLatin1String("refresh_expires_in"));
            if (!m_refreshExpiry.isValid() && refreshExpiresIn.isDouble() &&
                refreshExpiresIn.toDouble() > 0)
                m_refreshExpiry = now.addSecs(qint64(refreshExpiresIn.toDouble()));
        }
        if (!result.tokens.idToken.isEmpty() || !keepsPrevious)
            m_idExpiry = SessionTokens::jwtExpiry(result.tokens.idToken);
    } else {
        const QString text = ProviderErrorText::describe(result.error.oauth, result.error.message,
                                                         result.error.rule);
        m_status->setText(tr("Failed (%1).")
                              .arg(result.grantType.isEmpty() ? m_flow->request().grantTypeValue()
                                                              : result.grantType));
        m_outcome->setText(text);
        m_outcome->setStyleSheet(QStringLiteral("color: #b00020; font-weight: bold;"));
    }

    if (result.grant == GrantType::RefreshToken) {
        m_rotationBox->show();
        if (result.ok()) {
            if (result.rotated)
                m_rotationVerdict->setText(
                    tr("Rotated: the provider issued a new refresh token. The old one must not "
                       "be used again (RFC 9700 §4.14.2); the next refresh uses the new one."));
            else
                m_rotationVerdict->setText(
                    tr("Not rotated: the same refresh token stays valid and is used again."));
            // The next refresh sends the token to use now, and the ID token it came with.
            m_refreshToken->setText(result.currentRefreshToken);
            if (!result.tokens.idToken.isEmpty())
                m_previousIdToken = result.tokens.idToken;
        } else {
            QString explanation;
            for (const Tokenscope::Finding &finding : result.checks) {
                if (finding.rule.contains(QLatin1String("reuse")))
                    explanation = finding.message;
            }
            if (explanation.isEmpty() && result.error.oauth.error == QLatin1String("invalid_grant"))
                explanation =
                    tr("invalid_grant: the refresh token is expired, revoked, or was already "
                       "used. A provider that rotates refresh tokens treats a rotated-out token "
                       "sent again as a replay and may revoke the whole grant (RFC 9700 "
                       "§4.14.2).");
            m_rotationVerdict->setText(explanation.isEmpty() ? result.error.message : explanation);
        }
    }
    if (!result.builtAssertion.isEmpty()) {
        m_builtAssertion->show();
    }
    m_chainExchange->setVisible(result.ok() && result.grant == GrantType::TokenExchange &&
                                !result.tokens.accessToken.isEmpty());
    if (result.ok())
        scheduleAutoRefresh(result, now);
    else if (m_autoRefreshCheck->isChecked())
        stopAutoRefresh(tr("the last request failed"));
    updateCountdowns();
    refreshSecrets();
}

QString TokenGrantPanel::masked(const QString &value) const
{
    if (value.isEmpty())
        return tr("(none)");
    if (m_showSecrets->isChecked())
        return value;
    return value.left(6) + tr("… [%n characters]", nullptr, int(value.size()));
}

void TokenGrantPanel::refreshSecrets()
{
    m_tokens->setShowSecrets(m_showSecrets->isChecked());
    m_oldRefresh->setText(masked(m_last.previousRefreshToken));
    const QString returned =
        m_last.tokens.refreshToken.isEmpty() ? QString() : m_last.tokens.refreshToken;
    m_newRefresh->setText(returned.isEmpty() && m_last.ok()
                              ? tr("(none returned: keep the old one)")
                              : masked(returned));
    m_builtAssertion->setText(tr("Built assertion: %1").arg(masked(m_last.builtAssertion)));
}
