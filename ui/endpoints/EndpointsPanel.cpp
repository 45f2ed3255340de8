#include "EndpointsPanel.h"

#include "EndpointResultView.h"
#include "TokenPicker.h"
#include "browser/EmbeddedBrowser.h"
#include "common/CodeView.h"
#include "common/FindingsView.h"
#include "common/MessageBox.h"
#include "common/RandomSource.h"
#include "discovery/ProviderMetadata.h"
#include "grants/KeychainKeySource.h"
#include "http/HttpClient.h"
#include "http/Redactor.h"
#include "http/Transcript.h"
#include "profiles/ProfileManager.h"
#include "redirect/RedirectResult.h"
#include "session/SessionTokens.h"

#include <QCheckBox>
#include <QComboBox>
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
#include <QSplitter>
#include <QTabWidget>
#include <QVBoxLayout>

using namespace Tokenscope::Endpoints;
using Tokenscope::ClientAuth::ClientAuthentication;
using Kind = SessionTokens::Kind;

namespace {

QStringList words(const QString &text)
{
    return text.split(QRegularExpression(QStringLiteral("[\\s,]+")), Qt::SkipEmptyParts);
}

QLineEdit *urlEdit(const char *name, QWidget *parent)
{
    auto *edit = new QLineEdit(parent);
    edit->setObjectName(QString::fromLatin1(name));
    edit->setPlaceholderText(EndpointsPanel::tr("From the provider's metadata, or type one"));
    return edit;
}

// A page: the form above, the result below.
QWidget *pageOf(QWidget *parent, QLayout *form, QWidget *result)
{
    auto *page = new QWidget(parent);
    auto *top = new QWidget(page);
    top->setLayout(form);
    auto *splitter = new QSplitter(Qt::Vertical, page);
    splitter->addWidget(top);
    splitter->addWidget(result);
    splitter->setStretchFactor(1, 1);
    splitter->setChildrenCollapsible(false);
    auto *layout = new QVBoxLayout(page);
    layout->addWidget(splitter);
    return page;
}

} // namespace

EndpointsPanel::EndpointsPanel(Tokenscope::Http::HttpClient *http, Tokenscope::RandomSource &random,
                               Tokenscope::Jose::JwksCache *keys, SessionTokens *session,
                               QWidget *parent)
    : QWidget(parent)
    , m_http(http)
    , m_random(random)
    , m_keys(keys)
    , m_session(session)
    , m_introspection(new IntrospectionClient(http, random, this))
    , m_revocation(new RevocationClient(http, random, this))
    , m_userInfo(new UserInfoClient(http, keys, this))
    , m_registration(new RegistrationClient(http, this))
{
    setObjectName(QStringLiteral("endpointsPanel"));
    m_pages = new QTabWidget(this);
    m_pages->setObjectName(QStringLiteral("endpointPages"));
    m_pages->addTab(createIntrospectionPage(), tr("Introspection"));
    m_pages->addTab(createRevocationPage(), tr("Revocation"));
    m_pages->addTab(createUserInfoPage(), tr("UserInfo"));
    m_pages->addTab(createLogoutPage(), tr("Logout"));
    m_pages->addTab(createRegistrationPage(), tr("Registration"));

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(createClientBox());
    layout->addWidget(m_pages, 1);

    connect(m_introspection, &IntrospectionClient::finished, this,
            [this](const IntrospectionResult &result) {
                m_introspectButton->setEnabled(true);
                m_introspectionResult->showResult(
                    result,
                    result.active ? tr("Active: the provider accepts this token")
                                  : tr("Inactive: expired, revoked, unknown or not for this "
                                       "client (RFC 7662 §2.2 says no more)"),
                    result.claims);
            });
    connect(m_revocation, &RevocationClient::finished, this, [this](const EndpointResult &result) {
        m_revokeButton->setEnabled(true);
        if (result.ok() && m_session) {
            const int marked = m_session->markRevoked(m_revokingToken);
            Q_UNUSED(marked)
        }
        m_revocationResult->showResult(
            result,
            tr("Revoked (HTTP %1): the provider no longer honours it — an unknown token gets "
               "the same answer (RFC 7009 §2.2). Introspect it to see.")
                .arg(result.httpStatus),
            result.json);
    });
    connect(m_userInfo, &UserInfoClient::finished, this, [this](const UserInfoResult &result) {
        m_userInfoButton->setEnabled(true);
        QString headline = tr("UserInfo answered (JSON)");
        if (result.encryptedAnswer)
            headline = tr("UserInfo answered with an encrypted, signed JWT: decrypted and "
                          "verified");
        else if (result.signedAnswer)
            headline = tr("UserInfo answered with a signed JWT: signature, iss and aud verified");
        m_userInfoResult->showResult(result, headline, result.claims);
    });
    connect(
        m_registration, &RegistrationClient::finished, this,
        [this](const RegistrationResult &result) {
            setRegistrationBusy(false);
            using Operation = RegistrationResult::Operation;
            if (!result.ok()) {
                // Keep what is known of the client: a failed read or update changes
                // nothing on the provider.
                m_registrationResult->showResult(result, QString(), {});
                return;
            }
            if (result.operation == Operation::Delete) {
                m_registered = RegistrationResult();
                m_registrationAccessToken->clear();
                m_registrationJson->clear();
                m_saveProfileButton->setEnabled(false);
                m_registrationResult->showResult(
                    result,
                    tr("Deleted: the provider forgot the client (HTTP %1)").arg(result.httpStatus),
                    {});
                return;
            }
            const QString secret = m_registered.clientSecret;
            m_registered = result;
            // A read need not repeat the secret (RFC 7592 §2.1): keep the one known.
            if (m_registered.clientSecret.isEmpty() &&
                m_registered.clientId == result.client.value(QLatin1String("client_id")).toString())
                m_registered.clientSecret = secret;
            if (result.registrationClientUri.isValid() && !result.registrationClientUri.isEmpty())
                m_registrationClientUri->setText(result.registrationClientUri.toString());
            // The provider may rotate the registration access token on every call.
            if (!result.registrationAccessToken.isEmpty())
                m_registrationAccessToken->setText(result.registrationAccessToken);
            fillRegistrationForm(result.client);
            showRegistration();
        });
}

EndpointsPanel::~EndpointsPanel()
{
    if (m_logoutWindow)
        delete m_logoutWindow;
}

QWidget *EndpointsPanel::createClientBox()
{
    auto *box = new QGroupBox(tr("Client (authenticates at introspection and revocation)"), this);
    m_clientId = new QLineEdit(box);
    m_clientId->setObjectName(QStringLiteral("endpointClientId"));
    m_clientSecret = new QLineEdit(box);
    m_clientSecret->setObjectName(QStringLiteral("endpointClientSecret"));
    m_clientSecret->setEchoMode(QLineEdit::Password);
    m_authMethod = new QComboBox(box);
    m_authMethod->setObjectName(QStringLiteral("endpointAuthMethod"));
    for (const auto method :
         {ClientAuthentication::Method::ClientSecretBasic,
          ClientAuthentication::Method::ClientSecretPost,
          ClientAuthentication::Method::ClientSecretJwt,
          ClientAuthentication::Method::PrivateKeyJwt, ClientAuthentication::Method::None})
        m_authMethod->addItem(ClientAuthentication::methodName(method), int(method));
    m_showSecrets = new QCheckBox(tr("Show secrets in exchanges"), box);
    m_showSecrets->setObjectName(QStringLiteral("endpointShowSecrets"));

    // private_key_jwt: a pasted key, or a saved profile's from the keychain (never shown).
    m_clientKeyRow = new QWidget(box);
    m_clientKeySource = new KeychainKeySource(
        tr("Pasted key"), {Tokenscope::Profiles::SecretKind::PrivateKey}, m_clientKeyRow);
    m_clientKeySource->setObjectName(QStringLiteral("endpointKeySource"));
    m_clientKey = new QPlainTextEdit(m_clientKeyRow);
    m_clientKey->setObjectName(QStringLiteral("endpointClientKey"));
    m_clientKey->setPlaceholderText(
        tr("The client's private key: -----BEGIN PRIVATE KEY----- … (PEM or a private JWK)"));
    m_clientKey->setMaximumHeight(fontMetrics().height() * 3);
    auto *keyLayout = new QHBoxLayout(m_clientKeyRow);
    keyLayout->setContentsMargins(0, 0, 0, 0);
    keyLayout->addWidget(new QLabel(tr("Private key"), m_clientKeyRow));
    keyLayout->addWidget(m_clientKeySource);
    keyLayout->addWidget(m_clientKey, 1);
    m_clientNote = new QLabel(box);
    m_clientNote->setObjectName(QStringLiteral("endpointClientNote"));
    m_clientNote->setWordWrap(true);
    m_clientNote->hide();

    m_secretRow = new QWidget(box);
    auto *secretLayout = new QHBoxLayout(m_secretRow);
    secretLayout->setContentsMargins(0, 0, 0, 0);
    secretLayout->addWidget(new QLabel(tr("Secret"), m_secretRow));
    secretLayout->addWidget(m_clientSecret, 1);
    auto *layout = new QHBoxLayout;
    layout->addWidget(new QLabel(tr("Client ID"), box));
    layout->addWidget(m_clientId, 2);
    layout->addWidget(m_secretRow, 2);
    layout->addWidget(new QLabel(tr("Authentication"), box));
    layout->addWidget(m_authMethod, 1);
    layout->addWidget(m_showSecrets);
    auto *rows = new QVBoxLayout(box);
    rows->addLayout(layout);
    rows->addWidget(m_clientKeyRow);
    rows->addWidget(m_clientNote);
    updateClientRows();
    connect(m_authMethod, &QComboBox::activated, this, [this] {
        setClientNote(QString(), false); // the user chose: a profile's note no longer holds
        updateClientRows();
    });
    connect(m_authMethod, &QComboBox::currentIndexChanged, this, &EndpointsPanel::updateClientRows);
    connect(m_clientKeySource, &KeychainKeySource::sourceChanged, this, [this] {
        const bool fromKeychain = m_clientKeySource->fromKeychain();
        m_clientKey->setReadOnly(fromKeychain);
        if (fromKeychain) {
            m_clientKey->clear();
            m_clientKey->setPlaceholderText(
                tr("Reading %1 from the keychain…").arg(m_clientKeySource->chosenLabel()));
        } else {
            m_clientKey->setPlaceholderText(tr("The client's private key: -----BEGIN PRIVATE "
                                               "KEY----- … (PEM or a private JWK)"));
        }
    });
    connect(m_clientKeySource, &KeychainKeySource::keyReady, this, [this](const QString &label) {
        m_clientKey->setPlaceholderText(
            tr("Signing with %1: the key stays in the keychain and is not shown here.").arg(label));
        setClientNote(tr("private_key_jwt: client assertions are signed with %1.").arg(label),
                      false);
    });
    connect(m_clientKeySource, &KeychainKeySource::keyFailed, this,
            [this](const QString &label, const QString &message) {
                m_clientKey->setPlaceholderText(QString());
                setClientNote(tr("%1 could not be read from the keychain: %2").arg(label, message),
                              true);
            });
    connect(m_showSecrets, &QCheckBox::toggled, this, [this](bool shown) {
        for (EndpointResultView *view :
             {m_introspectionResult, m_revocationResult, m_userInfoResult, m_registrationResult})
            view->setSecretsShown(shown);
        m_clientSecret->setEchoMode(shown ? QLineEdit::Normal : QLineEdit::Password);
        showRegistration();
    });
    return box;
}

QComboBox *EndpointsPanel::createHintBox(const char *name)
{
    auto *box = new QComboBox(this);
    box->setObjectName(QString::fromLatin1(name));
    box->addItem(tr("(none)"), QString());
    box->addItem(QStringLiteral("access_token"), QStringLiteral("access_token"));
    box->addItem(QStringLiteral("refresh_token"), QStringLiteral("refresh_token"));
    box->setEditable(true);
    return box;
}

QWidget *EndpointsPanel::createIntrospectionPage()
{
    m_introspectionEndpoint = urlEdit("introspectionEndpoint", this);
    m_introspectionToken = new TokenPicker(m_session, {}, this);
    m_introspectionToken->setObjectName(QStringLiteral("introspectionToken"));
    m_introspectionHint = createHintBox("introspectionHint");
    m_introspectButton = new QPushButton(tr("Introspect"), this);
    m_introspectButton->setObjectName(QStringLiteral("introspectButton"));
    m_introspectionResult = new EndpointResultView(QStringLiteral("introspection"), this);
    connect(m_introspectButton, &QPushButton::clicked, this, &EndpointsPanel::introspect);
    connect(m_introspectionToken, &TokenPicker::tokenChanged, this, [this] {
        const QString hint = m_introspectionToken->tokenTypeHint();
        m_introspectionHint->setCurrentIndex(qMax(0, m_introspectionHint->findData(hint)));
    });

    auto *form = new QFormLayout;
    form->addRow(tr("Introspection endpoint"), m_introspectionEndpoint);
    form->addRow(tr("Token"), m_introspectionToken);
    form->addRow(tr("token_type_hint"), m_introspectionHint);
    form->addRow(QString(), m_introspectButton);
    return pageOf(this, form, m_introspectionResult);
}

QWidget *EndpointsPanel::createRevocationPage()
{
    m_revocationEndpoint = urlEdit("revocationEndpoint", this);
    m_revocationToken = new TokenPicker(m_session, {}, this);
    m_revocationToken->setObjectName(QStringLiteral("revocationToken"));
    m_revocationHint = createHintBox("revocationHint");
    m_revokeButton = new QPushButton(tr("Revoke"), this);
    m_revokeButton->setObjectName(QStringLiteral("revokeButton"));
    m_revocationResult = new EndpointResultView(QStringLiteral("revocation"), this);
    connect(m_revokeButton, &QPushButton::clicked, this, &EndpointsPanel::revoke);
    connect(m_revocationToken, &TokenPicker::tokenChanged, this, [this] {
        const QString hint = m_revocationToken->tokenTypeHint();
        m_revocationHint->setCurrentIndex(qMax(0, m_revocationHint->findData(hint)));
    });

    auto *form = new QFormLayout;
    form->addRow(tr("Revocation endpoint"), m_revocationEndpoint);
    form->addRow(tr("Token"), m_revocationToken);
    form->addRow(tr("token_type_hint"), m_revocationHint);
    auto *note = new QLabel(tr("Revoking a refresh token usually revokes the access tokens "
                               "issued with it (RFC 7009 §2.1); revoking an access token may "
                               "not be supported."),
                            this);
    note->setWordWrap(true);
    form->addRow(QString(), note);
    form->addRow(QString(), m_revokeButton);
    return pageOf(this, form, m_revocationResult);
}

QWidget *EndpointsPanel::createUserInfoPage()
{
    m_userInfoEndpoint = urlEdit("userInfoEndpoint", this);
    m_userInfoToken = new TokenPicker(m_session, {Kind::AccessToken}, this);
    m_userInfoToken->setObjectName(QStringLiteral("userInfoToken"));
    m_userInfoMethod = new QComboBox(this);
    m_userInfoMethod->setObjectName(QStringLiteral("userInfoMethod"));
    m_userInfoMethod->addItem(tr("GET, Authorization: Bearer (RFC 6750 §2.1)"),
                              int(UserInfoRequest::Method::GetBearer));
    m_userInfoMethod->addItem(tr("POST, Authorization: Bearer (OIDC Core §5.3.1)"),
                              int(UserInfoRequest::Method::PostBearer));
    m_userInfoMethod->addItem(tr("POST, access_token in the form body (RFC 6750 §2.2)"),
                              int(UserInfoRequest::Method::PostForm));
    m_userInfoIdToken = new TokenPicker(m_session, {Kind::IdToken}, this);
    m_userInfoIdToken->setObjectName(QStringLiteral("userInfoIdToken"));
    m_userInfoIdToken->valueEdit()->setPlaceholderText(
        tr("Optional: the ID token whose sub the answer must match (OIDC Core §5.3.2)"));
    m_userInfoButton = new QPushButton(tr("Call UserInfo"), this);
    m_userInfoButton->setObjectName(QStringLiteral("userInfoButton"));
    m_userInfoResult = new EndpointResultView(QStringLiteral("userInfo"), this);
    connect(m_userInfoButton, &QPushButton::clicked, this, &EndpointsPanel::userInfo);

    auto *form = new QFormLayout;
    form->addRow(tr("UserInfo endpoint"), m_userInfoEndpoint);
    form->addRow(tr("Access token"), m_userInfoToken);
    form->addRow(tr("Method"), m_userInfoMethod);
    form->addRow(tr("ID token (sub check)"), m_userInfoIdToken);
    form->addRow(QString(), m_userInfoButton);
    return pageOf(this, form, m_userInfoResult);
}

QWidget *EndpointsPanel::createLogoutPage()
{
    m_endSessionEndpoint = urlEdit("endSessionEndpoint", this);
    m_idTokenHint = new TokenPicker(m_session, {Kind::IdToken}, this);
    m_idTokenHint->setObjectName(QStringLiteral("idTokenHint"));
    m_postLogoutRedirect = new QLineEdit(this);
    m_postLogoutRedirect->setObjectName(QStringLiteral("postLogoutRedirectUri"));
    m_postLogoutRedirect->setPlaceholderText(
        tr("Registered post_logout_redirect_uri; the return to it is captured"));
    m_logoutState = new QLineEdit(this);
    m_logoutState->setObjectName(QStringLiteral("logoutState"));
    m_logoutState->setText(QString::fromLatin1(m_random.bytes(16).toBase64(
        QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals)));
    m_browserSession = new QLineEdit(this);
    m_browserSession->setObjectName(QStringLiteral("logoutBrowserSession"));
    m_browserSession->setPlaceholderText(
        tr("Empty: a fresh browser session; a name: that persistent session (the one you "
           "signed in with)"));
    auto *build = new QPushButton(tr("Build URL"), this);
    build->setObjectName(QStringLiteral("buildLogoutButton"));
    auto *open = new QPushButton(tr("Open in the embedded browser"), this);
    open->setObjectName(QStringLiteral("openLogoutButton"));
    m_logoutUrlView = new QPlainTextEdit(this);
    m_logoutUrlView->setObjectName(QStringLiteral("logoutUrl"));
    m_logoutUrlView->setReadOnly(true);
    m_logoutUrlView->setMaximumHeight(fontMetrics().height() * 4);
    m_logoutStatus = new QLabel(this);
    m_logoutStatus->setObjectName(QStringLiteral("logoutStatus"));
    m_logoutStatus->setWordWrap(true);
    m_logoutFindings = new FindingsView(this);
    m_logoutFindings->setObjectName(QStringLiteral("logoutChecks"));
    connect(build, &QPushButton::clicked, this, &EndpointsPanel::buildLogout);
    connect(open, &QPushButton::clicked, this, &EndpointsPanel::openLogout);

    auto *form = new QFormLayout;
    form->addRow(tr("End session endpoint"), m_endSessionEndpoint);
    form->addRow(tr("id_token_hint"), m_idTokenHint);
    form->addRow(tr("post_logout_redirect_uri"), m_postLogoutRedirect);
    form->addRow(tr("state"), m_logoutState);
    form->addRow(tr("Browser session"), m_browserSession);
    auto *buttons = new QHBoxLayout;
    buttons->addWidget(build);
    buttons->addWidget(open);
    buttons->addStretch(1);
    form->addRow(QString(), buttons);
    form->addRow(tr("URL"), m_logoutUrlView);

    auto *result = new QWidget(this);
    auto *resultLayout = new QVBoxLayout(result);
    resultLayout->setContentsMargins(0, 0, 0, 0);
    resultLayout->addWidget(m_logoutStatus);
    resultLayout->addWidget(m_logoutFindings, 1);
    return pageOf(this, form, result);
}

QWidget *EndpointsPanel::createRegistrationPage()
{
    m_registrationEndpoint = urlEdit("registrationEndpoint", this);
    m_redirectUris = new QPlainTextEdit(this);
    m_redirectUris->setObjectName(QStringLiteral("registrationRedirectUris"));
    m_redirectUris->setPlaceholderText(tr("One a line"));
    m_redirectUris->setMaximumHeight(fontMetrics().height() * 4);
    m_clientName = new QLineEdit(this);
    m_clientName->setObjectName(QStringLiteral("registrationClientName"));
    m_grantTypes = new QLineEdit(QStringLiteral("authorization_code refresh_token"), this);
    m_grantTypes->setObjectName(QStringLiteral("registrationGrantTypes"));
    m_responseTypes = new QLineEdit(QStringLiteral("code"), this);
    m_responseTypes->setObjectName(QStringLiteral("registrationResponseTypes"));
    m_registrationAuthMethod = new QComboBox(this);
    m_registrationAuthMethod->setObjectName(QStringLiteral("registrationAuthMethod"));
    m_registrationAuthMethod->addItems({QStringLiteral("client_secret_basic"),
                                        QStringLiteral("client_secret_post"),
                                        QStringLiteral("none"), QStringLiteral("client_secret_jwt"),
                                        QStringLiteral("private_key_jwt")});
    m_initialAccessToken = new QLineEdit(this);
    m_initialAccessToken->setObjectName(QStringLiteral("initialAccessToken"));
    m_initialAccessToken->setEchoMode(QLineEdit::Password);
    m_initialAccessToken->setPlaceholderText(tr("When the provider requires one (RFC 7591 §3)"));
    m_registrationClientUri = urlEdit("registrationClientUri", this);
    m_registrationClientUri->setPlaceholderText(
        tr("From the registration response, or a client registered earlier"));
    m_registrationAccessToken = new QLineEdit(this);
    m_registrationAccessToken->setObjectName(QStringLiteral("registrationAccessToken"));
    m_registrationAccessToken->setEchoMode(QLineEdit::Password);
    m_registrationAccessToken->setPlaceholderText(
        tr("From the registration response (RFC 7592 §3)"));
    m_registerButton = new QPushButton(tr("Register"), this);
    m_registerButton->setObjectName(QStringLiteral("registerButton"));
    m_readRegistrationButton = new QPushButton(tr("Read"), this);
    m_readRegistrationButton->setObjectName(QStringLiteral("readRegistrationButton"));
    m_readRegistrationButton->setToolTip(
        tr("GET the registration client URI: the client as the provider has it now"));
    m_updateRegistrationButton = new QPushButton(tr("Update"), this);
    m_updateRegistrationButton->setObjectName(QStringLiteral("updateRegistrationButton"));
    m_updateRegistrationButton->setToolTip(
        tr("PUT every field the provider returned, with the fields above changed "
           "(RFC 7592 §2.2)"));
    m_deleteRegistrationButton = new QPushButton(tr("Delete"), this);
    m_deleteRegistrationButton->setObjectName(QStringLiteral("deleteRegistrationButton"));
    m_deleteRegistrationButton->setToolTip(tr("DELETE the client at the provider"));
    m_saveProfileButton = new QPushButton(tr("Save as profile"), this);
    m_saveProfileButton->setObjectName(QStringLiteral("saveRegisteredProfileButton"));
    m_saveProfileButton->setEnabled(false);
    m_saveProfileButton->setToolTip(
        tr("A new profile with this provider and client; the client secret goes to the "
           "keychain"));
    m_registrationResult = new EndpointResultView(QStringLiteral("registration"), this);
    m_registrationJson = new CodeView(this);
    m_registrationJson->setObjectName(QStringLiteral("registrationJson"));
    connect(m_registerButton, &QPushButton::clicked, this, &EndpointsPanel::registerClient);
    connect(m_saveProfileButton, &QPushButton::clicked, this,
            &EndpointsPanel::saveRegisteredProfile);

    auto *form = new QFormLayout;
    form->addRow(tr("Registration endpoint"), m_registrationEndpoint);
    form->addRow(tr("redirect_uris"), m_redirectUris);
    form->addRow(tr("client_name"), m_clientName);
    form->addRow(tr("grant_types"), m_grantTypes);
    form->addRow(tr("response_types"), m_responseTypes);
    form->addRow(tr("token_endpoint_auth_method"), m_registrationAuthMethod);
    form->addRow(tr("Initial access token"), m_initialAccessToken);
    auto *buttons = new QHBoxLayout;
    buttons->addWidget(m_registerButton);
    buttons->addWidget(m_saveProfileButton);
    buttons->addStretch(1);
    form->addRow(QString(), buttons);
    form->addRow(tr("Registration client URI"), m_registrationClientUri);
    form->addRow(tr("Registration access token"), m_registrationAccessToken);
    auto *manage = new QHBoxLayout;
    manage->addWidget(m_readRegistrationButton);
    manage->addWidget(m_updateRegistrationButton);
    manage->addWidget(m_deleteRegistrationButton);
    manage->addStretch(1);
    form->addRow(QString(), manage);
    connect(m_readRegistrationButton, &QPushButton::clicked, this,
            &EndpointsPanel::readRegistration);
    connect(m_updateRegistrationButton, &QPushButton::clicked, this,
            &EndpointsPanel::updateRegistration);
    connect(m_deleteRegistrationButton, &QPushButton::clicked, this,
            &EndpointsPanel::deleteRegistration);

    auto *result = new QSplitter(Qt::Horizontal, this);
    result->addWidget(m_registrationResult);
    result->addWidget(m_registrationJson);
    return pageOf(this, form, result);
}

void EndpointsPanel::setProvider(const Tokenscope::Discovery::ProviderMetadata &metadata)
{
    m_issuer = metadata.issuer;
    m_jwksUri = metadata.endpoint(QStringLiteral("jwks_uri"));
    const auto fill = [&metadata](QLineEdit *edit, const char *key) {
        edit->setText(metadata.endpoint(QString::fromLatin1(key)).toString());
    };
    fill(m_introspectionEndpoint, "introspection_endpoint");
    fill(m_revocationEndpoint, "revocation_endpoint");
    fill(m_userInfoEndpoint, "userinfo_endpoint");
    fill(m_endSessionEndpoint, "end_session_endpoint");
    fill(m_registrationEndpoint, "registration_endpoint");
}

void EndpointsPanel::setProfileManager(Tokenscope::Profiles::ProfileManager *manager)
{
    m_profileManager = manager;
    m_clientKeySource->setProfiles(manager);
    showRegistration();
}

void EndpointsPanel::setClient(const QString &clientId, const QByteArray &secret,
                               const QString &method)
{
    m_clientId->setText(clientId);
    m_clientSecret->setText(QString::fromUtf8(secret));
    setClientNote(QString(), false);
    if (method.isEmpty())
        return;
    ClientAuthentication::Method parsed;
    const int index = ClientAuthentication::parseMethod(method, &parsed)
                          ? m_authMethod->findData(int(parsed))
                          : -1;
    if (index < 0) {
        // Never silently another method: say which one is used instead.
        setClientNote(tr("The client's authentication method “%1” is not available in this "
                         "tab: introspection and revocation authenticate with %2 instead. "
                         "Choose another method here if the provider allows one.")
                          .arg(method, m_authMethod->currentText()),
                      true);
        return;
    }
    m_authMethod->setCurrentIndex(index);
    if (parsed != ClientAuthentication::Method::PrivateKeyJwt)
        return;
    m_clientKeySource->reload();
    if (!m_clientKeySource->chooseForClient(clientId)) {
        m_clientKeySource->usePasted();
        setClientNote(tr("private_key_jwt: paste the client's private key, or choose a saved "
                         "profile's key from the keychain."),
                      true);
    }
}

QString EndpointsPanel::clientNote() const
{
    return m_clientNote->isVisibleTo(m_clientNote->parentWidget()) ? m_clientNote->text()
                                                                   : QString();
}

void EndpointsPanel::setClientNote(const QString &text, bool warning)
{
    m_clientNote->setText(text);
    m_clientNote->setVisible(!text.isEmpty());
    m_clientNote->setStyleSheet(
        warning ? QStringLiteral("QLabel { background: #fff4e5; border: 1px solid #e0a040; "
                                 "padding: 4px; color: #5d3a00; }")
                : QString());
}

void EndpointsPanel::updateClientRows()
{
    const auto method = ClientAuthentication::Method(m_authMethod->currentData().toInt());
    m_clientKeyRow->setVisible(method == ClientAuthentication::Method::PrivateKeyJwt);
    m_secretRow->setVisible(method != ClientAuthentication::Method::PrivateKeyJwt &&
                            method != ClientAuthentication::Method::None);
}

QString EndpointsPanel::clientProblem() const
{
    const auto method = ClientAuthentication::Method(m_authMethod->currentData().toInt());
    if (method != ClientAuthentication::Method::PrivateKeyJwt ||
        !credentials().privateKey.isEmpty())
        return {};
    if (m_clientKeySource->fromKeychain())
        return m_clientKeySource->isReading()
                   ? tr("The client's key is being read from the keychain…")
                   : tr("The client's key could not be read from the keychain.");
    return tr("private_key_jwt needs the client's private key: paste it, or choose a saved "
              "profile's key.");
}

QString EndpointsPanel::logoutStatus() const
{
    return m_logoutStatus->text();
}

Tokenscope::ClientAuth::ClientCredentials EndpointsPanel::credentials() const
{
    Tokenscope::ClientAuth::ClientCredentials client;
    client.clientId = m_clientId->text().trimmed();
    client.method = ClientAuthentication::Method(m_authMethod->currentData().toInt());
    if (client.method == ClientAuthentication::Method::PrivateKeyJwt)
        client.privateKey = m_clientKeySource->fromKeychain()
                                ? m_clientKeySource->key()
                                : m_clientKey->toPlainText().trimmed().toUtf8();
    else if (client.method != ClientAuthentication::Method::None)
        client.secret = m_clientSecret->text().toUtf8();
    return client;
}

void EndpointsPanel::introspectToken(const QString &token, const QString &tokenTypeHint)
{
    m_pages->setCurrentIndex(IntrospectionPage);
    m_introspectionToken->setToken(token);
    m_introspectionHint->setCurrentIndex(qMax(0, m_introspectionHint->findData(tokenTypeHint)));
    introspect();
}

void EndpointsPanel::revokeToken(const QString &token, const QString &tokenTypeHint)
{
    m_pages->setCurrentIndex(RevocationPage);
    m_revocationToken->setToken(token);
    m_revocationHint->setCurrentIndex(qMax(0, m_revocationHint->findData(tokenTypeHint)));
    revoke();
}

void EndpointsPanel::fetchUserInfo(const QString &accessToken)
{
    m_pages->setCurrentIndex(UserInfoPage);
    m_userInfoToken->setToken(accessToken);
    if (m_session && m_userInfoIdToken->token().isEmpty())
        if (const SessionTokens::Entry *id = m_session->latest(Kind::IdToken))
            m_userInfoIdToken->setToken(id->value);
    userInfo();
}

void EndpointsPanel::introspect()
{
    IntrospectionRequest request;
    request.endpoint = QUrl(m_introspectionEndpoint->text().trimmed());
    request.token = m_introspectionToken->token();
    request.tokenTypeHint = m_introspectionHint->currentText() == tr("(none)")
                                ? QString()
                                : m_introspectionHint->currentText().trimmed();
    request.client = credentials();
    if (!request.endpoint.isValid() || request.endpoint.isEmpty() || request.token.isEmpty()) {
        m_introspectionResult->showMessage(tr("Give the introspection endpoint and a token."),
                                           true);
        return;
    }
    if (const QString why = clientProblem(); !why.isEmpty()) {
        m_introspectionResult->showMessage(why, true);
        return;
    }
    m_introspectButton->setEnabled(false);
    m_introspectionResult->showBusy(tr("Introspecting…"));
    m_introspection->introspect(request);
}

void EndpointsPanel::revoke()
{
    RevocationRequest request;
    request.endpoint = QUrl(m_revocationEndpoint->text().trimmed());
    request.token = m_revocationToken->token();
    request.tokenTypeHint = m_revocationHint->currentText() == tr("(none)")
                                ? QString()
                                : m_revocationHint->currentText().trimmed();
    request.client = credentials();
    if (!request.endpoint.isValid() || request.endpoint.isEmpty() || request.token.isEmpty()) {
        m_revocationResult->showMessage(tr("Give the revocation endpoint and a token."), true);
        return;
    }
    if (const QString why = clientProblem(); !why.isEmpty()) {
        m_revocationResult->showMessage(why, true);
        return;
    }
    m_revokingToken = request.token;
    m_revokeButton->setEnabled(false);
    m_revocationResult->showBusy(tr("Revoking…"));
    m_revocation->revoke(request);
}

void EndpointsPanel::userInfo()
{
    UserInfoRequest request;
    request.endpoint = QUrl(m_userInfoEndpoint->text().trimmed());
    request.accessToken = m_userInfoToken->token();
    request.method = UserInfoRequest::Method(m_userInfoMethod->currentData().toInt());
    request.idToken = m_userInfoIdToken->token();
    request.issuer = m_issuer;
    request.clientId = m_clientId->text().trimmed();
    request.jwksUri = m_jwksUri;
    if (!request.endpoint.isValid() || request.endpoint.isEmpty() ||
        request.accessToken.isEmpty()) {
        m_userInfoResult->showMessage(tr("Give the UserInfo endpoint and an access token."), true);
        return;
    }
    m_userInfoButton->setEnabled(false);
    m_userInfoResult->showBusy(tr("Calling UserInfo…"));
    m_userInfo->fetch(request);
}

void EndpointsPanel::buildLogout()
{
    LogoutUrl::Request request;
    request.endSessionEndpoint = QUrl(m_endSessionEndpoint->text().trimmed());
    request.idTokenHint = m_idTokenHint->token();
    request.postLogoutRedirectUri = QUrl(m_postLogoutRedirect->text().trimmed());
    request.state = m_logoutState->text().trimmed();
    request.clientId = m_clientId->text().trimmed();
    m_logoutRequest = request;
    m_logoutUrl = request.endSessionEndpoint.isValid() && !request.endSessionEndpoint.isEmpty()
                      ? LogoutUrl::build(request)
                      : QUrl();
    m_logoutUrlView->setPlainText(QString::fromUtf8(m_logoutUrl.toEncoded()));
    m_logoutChecks = LogoutUrl::checkRequest(request);
    m_logoutFindings->setFindings(m_logoutChecks);
    m_logoutStatus->setText(m_logoutUrl.isEmpty()
                                ? tr("Give the end session endpoint.")
                                : tr("Built. Open it to log out; the return to the "
                                     "post_logout_redirect_uri is captured and its state "
                                     "checked."));
}

void EndpointsPanel::openLogout()
{
    buildLogout();
    if (m_logoutUrl.isEmpty())
        return;
    if (!m_logoutWindow) {
        // Its own window: the logout page beside the form and its checks.
        m_logoutWindow = new QWidget(nullptr, Qt::Window);
        m_logoutWindow->setObjectName(QStringLiteral("logoutBrowserWindow"));
        m_logoutWindow->setWindowTitle(tr("Tokenscope — logout"));
        m_logoutWindow->resize(900, 700);
        m_logoutBrowser = new Tokenscope::Browser::EmbeddedBrowser(m_logoutWindow);
        m_logoutBrowser->setObjectName(QStringLiteral("logoutBrowser"));
        m_logoutBrowser->setTranscript(m_http->transcript());
        auto *layout = new QVBoxLayout(m_logoutWindow);
        layout->setContentsMargins(0, 0, 0, 0);
        layout->addWidget(m_logoutBrowser);
        connect(m_logoutBrowser, &Tokenscope::Browser::EmbeddedBrowser::redirectCaptured, this,
                &EndpointsPanel::onLogoutReturn);
        connect(m_logoutBrowser, &Tokenscope::Browser::EmbeddedBrowser::captureFailed, this,
                [this](const QUrl &url, const QString &message) {
                    m_logoutStatus->setText(
                        tr("The return to %1 could not be read: %2").arg(url.toString(), message));
                });
    }
    Tokenscope::Browser::BrowserOptions options;
    const QString session = m_browserSession->text().trimmed();
    options.freshSession = session.isEmpty();
    options.persistentSessionName = session;
    m_logoutBrowser->start(m_logoutUrl, m_logoutRequest.postLogoutRedirectUri, options);
    m_logoutWindow->show();
    m_logoutWindow->raise();
    m_logoutStatus->setText(
        m_logoutRequest.postLogoutRedirectUri.isEmpty()
            ? tr("Logging out in the embedded browser. Without a post_logout_redirect_uri "
                 "there is no return to check.")
            : tr("Logging out in the embedded browser; waiting for the return to %1.")
                  .arg(m_logoutRequest.postLogoutRedirectUri.toString()));
}

void EndpointsPanel::onLogoutReturn(const Tokenscope::Redirect::RedirectResult &redirect)
{
    Tokenscope::Findings findings = LogoutUrl::checkRequest(m_logoutRequest);
    const Tokenscope::Findings returned = LogoutUrl::checkReturn(redirect.url, m_logoutRequest);
    findings += returned;
    m_logoutChecks = findings;
    m_logoutFindings->setFindings(findings);
    bool failed = false;
    for (const auto &finding : returned)
        failed = failed || finding.status == Tokenscope::Finding::Status::Fail;
    m_logoutStatus->setText(failed ? tr("Returned to %1, but the checks failed.")
                                         .arg(redirect.url.toString(QUrl::RemoveQuery))
                                   : tr("Logged out: returned to %1 with the state sent.")
                                         .arg(redirect.url.toString(QUrl::RemoveQuery)));
    if (m_logoutWindow)
        m_logoutWindow->hide();
    emit logoutReturned(!failed);
}

QJsonObject EndpointsPanel::registrationFormMetadata() const
{
    QJsonObject metadata;
    const QStringList redirects =
        m_redirectUris->toPlainText().split(QLatin1Char('\n'), Qt::SkipEmptyParts);
    QJsonArray uris;
    for (const QString &uri : redirects)
        if (!uri.trimmed().isEmpty())
            uris.append(uri.trimmed());
    if (!uris.isEmpty())
        metadata.insert(QStringLiteral("redirect_uris"), uris);
    if (!m_clientName->text().trimmed().isEmpty())
        metadata.insert(QStringLiteral("client_name"), m_clientName->text().trimmed());
    const QStringList grants = words(m_grantTypes->text());
    if (!grants.isEmpty())
        metadata.insert(QStringLiteral("grant_types"), QJsonArray::fromStringList(grants));
    const QStringList responses = words(m_responseTypes->text());
    metadata.insert(QStringLiteral("response_types"), QJsonArray::fromStringList(responses));
    metadata.insert(QStringLiteral("token_endpoint_auth_method"),
                    m_registrationAuthMethod->currentText());
    return metadata;
}

void EndpointsPanel::fillRegistrationForm(const QJsonObject &client)
{
    const auto joined = [&client](const char *key, const QString &separator) {
        QStringList values;
        for (const QJsonValue &value : client.value(QLatin1String(key)).toArray())
            values.append(value.toString());
        return values.join(separator);
    };
    if (client.contains(QLatin1String("redirect_uris")))
        m_redirectUris->setPlainText(joined("redirect_uris", QStringLiteral("\n")));
    if (client.contains(QLatin1String("client_name")))
        m_clientName->setText(client.value(QLatin1String("client_name")).toString());
    if (client.contains(QLatin1String("grant_types")))
        m_grantTypes->setText(joined("grant_types", QStringLiteral(" ")));
    if (client.contains(QLatin1String("response_types")))
        m_responseTypes->setText(joined("response_types", QStringLiteral(" ")));
    const int method = m_registrationAuthMethod->findText(
        client.value(QLatin1String("token_endpoint_auth_method")).toString());
    if (method >= 0)
        m_registrationAuthMethod->setCurrentIndex(method);
}

void EndpointsPanel::setRegistrationBusy(bool busy, const QString &text)
{
    for (QPushButton *button : {m_registerButton, m_readRegistrationButton,
                                m_updateRegistrationButton, m_deleteRegistrationButton})
        button->setEnabled(!busy);
    if (busy)
        m_registrationResult->showBusy(text);
}

void EndpointsPanel::registerClient()
{
    const QUrl endpoint(m_registrationEndpoint->text().trimmed());
    if (!endpoint.isValid() || endpoint.isEmpty()) {
        m_registrationResult->showMessage(tr("Give the registration endpoint."), true);
        return;
    }
    m_registered = RegistrationResult();
    m_saveProfileButton->setEnabled(false);
    m_registrationJson->clear();
    m_registrationClientUri->clear();
    m_registrationAccessToken->clear();
    setRegistrationBusy(true, tr("Registering…"));
    m_registration->registerClient(endpoint, registrationFormMetadata(),
                                   m_initialAccessToken->text().trimmed());
}

void EndpointsPanel::readRegistration()
{
    setRegistrationBusy(true, tr("Reading the client…"));
    m_registration->readClient(QUrl(m_registrationClientUri->text().trimmed()),
                               m_registrationAccessToken->text().trimmed());
}

void EndpointsPanel::updateRegistration()
{
    if (m_registered.clientId.isEmpty()) {
        m_registrationResult->showMessage(
            tr("Read the client first: an update sends back every field the provider "
               "returned, with your changes (RFC 7592 §2.2)."),
            true);
        return;
    }
    // RFC 7592 §2.2: every field as returned, except these four, which must not be sent.
    QJsonObject metadata = m_registered.client;
    for (const char *key : {"registration_access_token", "registration_client_uri",
                            "client_secret_expires_at", "client_id_issued_at"})
        metadata.remove(QLatin1String(key));
    const QJsonObject changed = registrationFormMetadata();
    for (auto it = changed.begin(); it != changed.end(); ++it)
        metadata.insert(it.key(), it.value());
    metadata.insert(QStringLiteral("client_id"), m_registered.clientId);
    setRegistrationBusy(true, tr("Updating the client…"));
    m_registration->updateClient(QUrl(m_registrationClientUri->text().trimmed()),
                                 m_registrationAccessToken->text().trimmed(), metadata);
}

void EndpointsPanel::deleteRegistration()
{
    const QString uri = m_registrationClientUri->text().trimmed();
    if (MessageBox::question(
            this, tr("Delete the client"),
            tr("Delete the client at %1? The provider forgets it: its client_id and secret "
               "stop working.")
                .arg(uri)) != QMessageBox::Yes)
        return;
    setRegistrationBusy(true, tr("Deleting the client…"));
    m_registration->deleteClient(QUrl(uri), m_registrationAccessToken->text().trimmed());
}

void EndpointsPanel::showRegistration()
{
    if (m_registered.httpStatus == 0 && m_registered.exchanges.isEmpty()) {
        if (m_saveProfileButton)
            m_saveProfileButton->setEnabled(false);
        return;
    }
    const QJsonObject shown =
        m_showSecrets->isChecked()
            ? m_registered.client
            : Tokenscope::Http::Redactor::redactJsonObject(m_registered.client);
    QString headline;
    switch (m_registered.operation) {
    case RegistrationResult::Operation::Read:
        headline = tr("Read: client_id %1, as the provider has it now");
        break;
    case RegistrationResult::Operation::Update:
        headline = tr("Updated: client_id %1, as the provider stored it");
        break;
    default:
        headline = m_registered.clientSecret.isEmpty()
                       ? tr("Registered: client_id %1")
                       : tr("Registered: client_id %1, with a client secret");
        break;
    }
    m_registrationResult->showResult(m_registered, headline.arg(m_registered.clientId), shown);
    m_registrationJson->setPlainText(
        QString::fromUtf8(QJsonDocument(shown).toJson(QJsonDocument::Indented)));
    m_saveProfileButton->setEnabled(m_registered.ok() && !m_registered.clientId.isEmpty() &&
                                    m_profileManager);
    if (!m_profileManager && m_registered.ok())
        m_saveProfileButton->setToolTip(tr("Profiles are not available in this run"));
}

void EndpointsPanel::saveRegisteredProfile()
{
    if (!m_profileManager || !m_registered.ok() || m_registered.clientId.isEmpty())
        return;
    using namespace Tokenscope::Profiles;
    const QString name = m_registered.client.value(QStringLiteral("client_name")).toString();
    Profile profile =
        Profile::create(name.isEmpty() ? tr("Registered %1").arg(m_registered.clientId) : name);
    profile.notes = tr("Registered at %1").arg(m_registrationEndpoint->text().trimmed());
    profile.provider.issuer = QUrl(m_issuer);
    profile.client.clientId = m_registered.clientId;
    profile.client.authMethod =
        m_registered.client.value(QStringLiteral("token_endpoint_auth_method")).toString();
    for (const QJsonValue &uri :
         m_registered.client.value(QStringLiteral("redirect_uris")).toArray())
        profile.client.redirectUris.append(QUrl(uri.toString()));
    QMap<SecretKind, QByteArray> secrets;
    if (!m_registered.clientSecret.isEmpty())
        secrets.insert(SecretKind::ClientSecret, m_registered.clientSecret.toUtf8());
    m_saveProfileButton->setEnabled(false);
    m_profileManager->save(
        profile, secrets, SaveMode::Guarded, this,
        [this, name = profile.name](const ProfileSaveResult &result) {
            m_saveProfileButton->setEnabled(true);
            if (!result.ok()) {
                m_registrationResult->showMessage(
                    tr("The profile could not be saved: %1").arg(result.error.message), true);
                return;
            }
            const bool secretStored = result.notStored().isEmpty();
            const QString message =
                secretStored
                    ? tr("Saved as the profile “%1”; its secret is in the keychain.").arg(name)
                    : tr("Saved as the profile “%1”, but its secret could not be stored in the "
                         "keychain: type it when you use the profile.")
                          .arg(name);
            m_registrationResult->showMessage(message, !secretStored);
            emit statusMessage(message);
            emit profileSaved(name);
        });
}
