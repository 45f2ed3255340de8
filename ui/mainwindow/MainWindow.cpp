#include "MainWindow.h"

#include "ActivityIndicator.h"
#include "authcode/AuthorizationCodeFlow.h"
#include "ciba/CibaFlowPanel.h"
#include "clientauth/ClientAuthentication.h"
#include "common/Clock.h"
#include "common/MessageBox.h"
#include "device/DeviceFlowPanel.h"
#include "discovery/DiscoveryClient.h"
#include "endpoints/ApiCallPanel.h"
#include "endpoints/EndpointsPanel.h"
#include "flowwizards/AuthorizationFlowPanel.h"
#include "flowwizards/AuthorizationRequestForm.h"
#include "grants/ClientFields.h"
#include "grants/TokenGrantPanel.h"
#include "http/HttpClient.h"
#include "http/Transcript.h"
#include "inspector/ExchangeInspector.h"
#include "jose/JwksCache.h"
#include "profiles/ProfileEditor.h"
#include "profiles/ProfileListPanel.h"
#include "profiles/ProfileManager.h"
#include "provider/ProviderPanel.h"
#include "sandbox/SandboxBanner.h"
#include "sandbox/SandboxLauncher.h"
#include "session/SessionTokens.h"
#include "session/SessionTokensPanel.h"
#include "tokens/TokenToolsPanel.h"

#include <QAction>
#include <QApplication>
#include <QDockWidget>
#include <QLineEdit>
#include <QMenuBar>
#include <QStatusBar>
#include <QTabWidget>
#include <QVBoxLayout>

#include <memory>

MainWindow::MainWindow(Tokenscope::Http::HttpClient *http,
                       Tokenscope::Discovery::DiscoveryClient *discovery,
                       Tokenscope::RandomSource &random, QWidget *parent)
    : QMainWindow(parent)
    , m_http(http)
    , m_discovery(discovery)
    , m_provider(new ProviderPanel(discovery, this))
    , m_keys(new Tokenscope::Jose::JwksCache(http, http->clock(), this))
    , m_authorization(new AuthorizationFlowPanel(http, random, m_keys, this))
    , m_panels(new QTabWidget(this))
    , m_inspector(new ExchangeInspector(http->transcript(), this))
    , m_inspectorDock(new QDockWidget(tr("Exchanges"), this))
    , m_activity(new ActivityIndicator(http, this))
    , m_sandboxBanner(new SandboxBanner(this))
    , m_sessionTokens(new SessionTokens(this))
{
    setObjectName(QStringLiteral("mainWindow"));
    setWindowTitle(tr("Tokenscope"));
    resize(1280, 800);

    m_panels->setObjectName(QStringLiteral("panelTabs"));
    m_panels->setDocumentMode(true);
    m_panels->addTab(m_provider, tr("Provider"));
    m_panels->addTab(m_authorization, tr("Authorization Code · Implicit · Hybrid"));
    // The grants without a browser, the device flow and CIBA: their tokens join the session.
    m_grants = new TokenGrantPanel(http, random, m_keys, m_sessionTokens, this);
    m_panels->addTab(m_grants, tr("Grants"));
    m_device = new DeviceFlowPanel(http, random, m_keys, m_sessionTokens, this);
    m_panels->addTab(m_device, tr("Device"));
    m_ciba = new CibaFlowPanel(http, random, m_keys, m_sessionTokens, this);
    m_panels->addTab(m_ciba, tr("CIBA"));
    m_tokens = new TokenToolsPanel(http, nullptr, m_keys, this);
    m_tokens->setObjectName(QStringLiteral("tokenToolsPanel"));
    m_panels->addTab(m_tokens, tr("Tokens"));
    // Introspection, revocation, UserInfo, logout, registration; then calling an API.
    m_endpoints = new EndpointsPanel(http, random, m_keys, m_sessionTokens, this);
    m_panels->addTab(m_endpoints, tr("Endpoints"));
    m_api = new ApiCallPanel(http, m_sessionTokens, this);
    m_panels->addTab(m_api, tr("API"));
    auto *centre = new QWidget(this);
    auto *centreLayout = new QVBoxLayout(centre);
    centreLayout->setContentsMargins(0, 0, 0, 0);
    centreLayout->setSpacing(0);
    centreLayout->addWidget(m_sandboxBanner);
    centreLayout->addWidget(m_panels, 1);
    setCentralWidget(centre);
    connect(discovery, &Tokenscope::Discovery::DiscoveryClient::finished, this,
            [this](const Tokenscope::Discovery::DiscoveryResult &result) {
                if (!result.ok())
                    return;
                m_authorization->setProvider(result.metadata);
                m_grants->setProvider(result.metadata);
                m_device->setProvider(result.metadata);
                m_ciba->setProvider(result.metadata);
                m_endpoints->setProvider(result.metadata);
                m_sessionPanel->setKeys(m_keys,
                                        result.metadata.endpoint(QStringLiteral("jwks_uri")));
            });

    // The wizard's tokens join the session's list: the front channel's, then the token
    // endpoint's.
    connect(m_authorization->flow(), &Tokenscope::AuthCode::AuthorizationCodeFlow::finished, this,
            [this](const Tokenscope::AuthCode::FlowResult &result) {
                // A run against the sandbox with break-it switches on: what the client did.
                const QString sandbox = m_sandboxBanner->issuer();
                if (!sandbox.isEmpty() &&
                    result.authorizationUrl.toString().startsWith(sandbox + QLatin1Char('/')))
                    m_sandboxBanner->showOutcome(result.ok() ? QString() : result.error.rule);
                if (!result.ok())
                    return; // a token that failed its checks is not one to use
                const QDateTime now = m_http->clock().now();
                const QString source = tr("Authorization code · implicit · hybrid");
                const QString profile = m_authorization->form()->profileName();
                // Who the tokens were issued to, so that a refresh names the same client.
                const Tokenscope::AuthCode::AuthorizationRequest &request =
                    m_authorization->flow()->request();
                const SessionTokens::Client client{
                    request.clientId,
                    Tokenscope::ClientAuth::ClientAuthentication::methodName(request.authMethod)};
                m_sessionTokens->addResponse(result.frontChannel, source, now, client, profile);
                m_sessionTokens->addResponse(result.tokens, source, now, client, profile);
            });

    m_inspectorDock->setObjectName(QStringLiteral("inspectorDock"));
    m_inspectorDock->setWidget(m_inspector);
    m_inspectorDock->setFeatures(QDockWidget::DockWidgetClosable | QDockWidget::DockWidgetMovable |
                                 QDockWidget::DockWidgetFloatable);
    addDockWidget(Qt::BottomDockWidgetArea, m_inspectorDock);
    resizeDocks({m_inspectorDock}, {height() * 2 / 5}, Qt::Vertical);

    statusBar()->addPermanentWidget(m_activity);
    connect(m_activity, &ActivityIndicator::cancelRequested, this, &MainWindow::cancelAll);
    connect(m_inspector, &ExchangeInspector::statusMessage, this,
            [this](const QString &message) { statusBar()->showMessage(message, 4000); });

    connect(m_provider, &ProviderPanel::certificateTrustRequested, this,
            &MainWindow::trustCertificateOnce);

    createMenus();
    createSessionDock();
}

MainWindow::~MainWindow() = default;

void MainWindow::createSessionDock()
{
    m_sessionPanel = new SessionTokensPanel(m_sessionTokens, &m_http->clock(), this);
    m_sessionDock = new QDockWidget(tr("Session Tokens"), this);
    m_sessionDock->setObjectName(QStringLiteral("sessionTokensDock"));
    m_sessionDock->setWidget(m_sessionPanel);
    m_sessionDock->setFeatures(QDockWidget::DockWidgetClosable | QDockWidget::DockWidgetMovable |
                               QDockWidget::DockWidgetFloatable);
    addDockWidget(Qt::RightDockWidgetArea, m_sessionDock);
    resizeDocks({m_sessionDock}, {width() * 2 / 5}, Qt::Horizontal);
    m_sessionDock->hide();
    // A new token shows the list.
    connect(m_sessionTokens, &SessionTokens::added, m_sessionDock, &QDockWidget::show);
    QAction *toggle = m_sessionDock->toggleViewAction();
    toggle->setObjectName(QStringLiteral("toggleSessionTokensAction"));
    toggle->setText(tr("Session &Tokens"));
    toggle->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_T));
    m_viewMenu->insertAction(m_viewMenu->actions().value(1), toggle);

    const auto showPanel = [this](QWidget *panel) {
        m_panels->setCurrentWidget(panel);
    };
    connect(m_sessionPanel, &SessionTokensPanel::introspectRequested, this,
            [this, showPanel](const QString &token, const QString &hint) {
                showPanel(m_endpoints);
                m_endpoints->introspectToken(token, hint);
            });
    connect(m_sessionPanel, &SessionTokensPanel::revokeRequested, this,
            [this, showPanel](const QString &token, const QString &hint) {
                showPanel(m_endpoints);
                m_endpoints->revokeToken(token, hint);
            });
    connect(m_sessionPanel, &SessionTokensPanel::userInfoRequested, this,
            [this, showPanel](const QString &token) {
                showPanel(m_endpoints);
                m_endpoints->fetchUserInfo(token);
            });
    connect(m_sessionPanel, &SessionTokensPanel::apiCallRequested, this,
            [this, showPanel](const QString &token) {
                showPanel(m_api);
                m_api->useToken(token);
            });
    connect(m_sessionPanel, &SessionTokensPanel::useAsSubjectToken, this,
            [this, showPanel](const QString &token) {
                showPanel(m_grants);
                m_grants->setGrant(Tokenscope::Grants::GrantType::TokenExchange);
                m_grants->setSubjectToken(token);
            });
    connect(m_sessionPanel, &SessionTokensPanel::refreshRequested, this,
            [this, showPanel](const QString &token) {
                showPanel(m_grants);
                m_grants->setRefreshToken(token);
            });
    const auto showStatus = [this](const QString &message) {
        statusBar()->showMessage(message, 6000);
    };
    connect(m_sessionPanel, &SessionTokensPanel::statusMessage, this, showStatus);
    connect(m_endpoints, &EndpointsPanel::statusMessage, this, showStatus);
}

void MainWindow::setProfiles(Tokenscope::Profiles::ProfileManager *manager, SecretBackend backend)
{
    if (m_profiles)
        return;
    m_profileManager = manager;
    // Its own discovery client: the editor's "Discover" is not the provider panel's.
    auto *discovery = new Tokenscope::Discovery::DiscoveryClient(m_http, this);
    m_profiles = new ProfileListPanel(manager, discovery, backend, this);
    m_panels->insertTab(0, m_profiles, tr("Profiles"));
    m_endpoints->setProfileManager(manager);
    m_tokens->setProfiles(manager); // the signer's keys from the keychain
    m_grants->setProfiles(manager); // the JWT bearer assertion's keys from the keychain
    m_authorization->form()->setProfiles(manager); // private_key_jwt keys from the keychain
    connect(m_endpoints, &EndpointsPanel::profileSaved, m_profiles, &ProfileListPanel::reload);
    connect(m_profiles, &ProfileListPanel::profileChosen, this, &MainWindow::useProfile);
    connect(m_sessionTokens, &SessionTokens::added, this, &MainWindow::keepRefreshToken);
}

void MainWindow::setSandbox(SandboxLauncher *sandbox)
{
    if (m_sandbox || !sandbox)
        return;
    m_sandbox = sandbox;
    m_sandboxLog = new ExchangeInspector(sandbox->log(), this);
    m_sandboxLog->setObjectName(QStringLiteral("sandboxLog"));
    m_sandboxDock = new QDockWidget(tr("Sandbox Log"), this);
    m_sandboxDock->setObjectName(QStringLiteral("sandboxLogDock"));
    m_sandboxDock->setWidget(m_sandboxLog);
    m_sandboxDock->setFeatures(QDockWidget::DockWidgetClosable | QDockWidget::DockWidgetMovable |
                               QDockWidget::DockWidgetFloatable);
    // Beside the client's exchanges: both sides of every exchange at once.
    splitDockWidget(m_inspectorDock, m_sandboxDock, Qt::Horizontal);
    m_sandboxDock->hide();
    connect(m_sandboxLog, &ExchangeInspector::statusMessage, this,
            [this](const QString &message) { statusBar()->showMessage(message, 4000); });
    m_sandboxBanner->setFaults(sandbox->availableFaults(), sandbox->faults());
    connect(m_sandboxBanner, &SandboxBanner::faultsChanged, this,
            [this](const QStringList &on) { m_sandbox->setFaults(on); });
    connect(m_sandboxBanner, &SandboxBanner::showLogRequested, this, [this] {
        m_sandboxDock->show();
        m_sandboxDock->raise();
    });
    QAction *toggle = m_sandboxDock->toggleViewAction();
    toggle->setObjectName(QStringLiteral("toggleSandboxLogAction"));
    toggle->setText(tr("&Sandbox Log"));
    toggle->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_L));
    m_viewMenu->insertAction(m_viewMenu->actions().value(1), toggle);
    QAction *use = new QAction(tr("Use the &Sandbox Provider"), this);
    use->setObjectName(QStringLiteral("useSandboxAction"));
    use->setStatusTip(tr("Tokenscope's built-in provider on this computer: every flow works "
                         "with no registration"));
    connect(use, &QAction::triggered, this, &MainWindow::useSandbox);
    m_fileMenu->insertAction(m_fileMenu->actions().value(0), use);
    m_fileMenu->insertSeparator(m_fileMenu->actions().value(1));
}

void MainWindow::useSandbox()
{
    if (!m_sandbox)
        return;
    if (!m_profiles || !m_profileManager) {
        useSandboxProfile(m_sandbox->newProfile());
        return;
    }
    for (const auto &profile : m_profiles->profiles()) {
        if (profile.provider.builtInSandbox) {
            m_profiles->chooseProfile(profile.id);
            return;
        }
    }
    const Tokenscope::Profiles::Profile profile = m_sandbox->newProfile();
    m_profileManager->save(
        profile, {}, Tokenscope::Profiles::SaveMode::Guarded, this,
        [this, profile](const Tokenscope::Profiles::ProfileSaveResult &result) {
            if (!result.ok()) {
                // Not saved: the sandbox is used all the same, for this session.
                statusBar()->showMessage(
                    tr("The Sandbox profile could not be saved: %1").arg(result.error.message));
                useSandboxProfile(profile);
                return;
            }
            m_profiles->reload();
            m_profiles->chooseProfile(profile.id);
        });
}

void MainWindow::useSandboxProfile(Tokenscope::Profiles::Profile profile)
{
    if (!m_sandbox) {
        m_sandboxBanner->showFailed(tr("this build of Tokenscope has no sandbox provider"));
        return;
    }
    const SandboxLauncher::Started started = m_sandbox->ensureRunning();
    if (started.issuer.isEmpty()) {
        m_sandboxBanner->showFailed(started.error);
        statusBar()->showMessage(tr("The sandbox could not start: %1").arg(started.error));
        return;
    }
    // Where it runs now: its port changes from run to run, so the saved profile holds no
    // issuer and the metadata comes straight from the sandbox.
    profile.provider.issuer = QUrl(started.issuer);
    profile.provider.endpoints.clear();
    profile.provider.discoveryDocument = started.metadata;
    m_sandboxBanner->showRunning(started.issuer);
    m_sandboxDock->show();
    m_provider->discover(started.issuer);
    m_authorization->form()->applyProfile(profile, QByteArray());
    m_panels->setCurrentWidget(m_authorization);
    statusBar()->showMessage(
        tr("Profile “%1” is set up in the authorization wizard; the sandbox runs at %2")
            .arg(profile.name, started.issuer),
        5000);
}

void MainWindow::useProfile(const Tokenscope::Profiles::Profile &profile)
{
    using Tokenscope::Profiles::SecretKind;
    using Tokenscope::Profiles::SecretRef;
    const quint64 generation = ++m_profileGeneration;
    m_activeProfile = profile;
    m_keptRefreshToken.clear();
    if (profile.provider.builtInSandbox) {
        useSandboxProfile(profile);
        return;
    }
    m_sandboxBanner->hide();

    // TLS: every panel's requests go through the one HTTP client.
    Tokenscope::Http::HttpOptions options = m_http->options();
    options.caFile = profile.client.tls.caFile;
    for (const QByteArray &fingerprint : profile.client.tls.trustedCertificateSha256) {
        if (!options.trustedCertificateSha256.contains(fingerprint))
            options.trustedCertificateSha256.append(fingerprint);
    }
    m_http->setOptions(options);

    // The secrets the panels take, read from the keychain without waiting for it.
    QList<SecretKind> kinds;
    for (const SecretKind kind : {SecretKind::ClientSecret, SecretKind::PrivateKey,
                                  SecretKind::Password, SecretKind::RefreshToken}) {
        const auto ref = profile.secrets.constFind(kind);
        if (ref == profile.secrets.constEnd() || ref->location != SecretRef::Location::SecretStore)
            continue;
        if (kind == SecretKind::RefreshToken && !profile.storeRefreshTokens)
            continue;
        kinds.append(kind);
    }
    if (kinds.isEmpty() || !m_profileManager) {
        applyProfile(profile, {}, QString());
        return;
    }
    struct Reads
    {
        QMap<SecretKind, QByteArray> values;
        QStringList failed;
        QString reason;
        qsizetype pending = 0;
    };
    auto reads = std::make_shared<Reads>();
    reads->pending = kinds.size();
    for (const SecretKind kind : std::as_const(kinds)) {
        m_profileManager->readSecret(
            profile.id, kind, this,
            [this, profile, generation, reads,
             kind](const Tokenscope::Profiles::SecretResult &result) {
                if (result.ok()) {
                    reads->values.insert(kind, result.value);
                } else {
                    reads->failed.append(ProfileEditor::secretKindText(kind));
                    reads->reason = result.error.message;
                }
                if (--reads->pending > 0 || generation != m_profileGeneration)
                    return;
                const QString problem =
                    reads->failed.isEmpty()
                        ? QString()
                        : tr("%1 of “%2” could not be read from the keychain: %3. Type it in "
                             "the panel.")
                              .arg(reads->failed.join(QStringLiteral(", ")), profile.name,
                                   reads->reason);
                applyProfile(profile, reads->values, problem);
                for (QByteArray &value : reads->values)
                    value.fill('\0');
            });
    }
}

void MainWindow::applyProfile(const Tokenscope::Profiles::Profile &profile,
                              const QMap<Tokenscope::Profiles::SecretKind, QByteArray> &secrets,
                              const QString &problem)
{
    using Tokenscope::Profiles::SecretKind;
    using Tokenscope::Profiles::SecretRef;
    const QByteArray secret = secrets.value(SecretKind::ClientSecret);
    m_authorization->form()->applyProfile(profile, secret);
    m_authorization->form()->setClientPrivateKey(secrets.value(SecretKind::PrivateKey));
    m_endpoints->setClient(profile.client.clientId, secret, profile.client.authMethod);
    const QList<ClientFields *> clients{m_grants->clientFields(), m_device->clientFields(),
                                        m_ciba->clientFields()};
    for (ClientFields *client : clients)
        client->setClient(profile.client.clientId, secret, profile.client.authMethod);

    // The private key stays in memory: the forms use it while their key file field is
    // empty. A key the profile keeps in a file is named by its path instead.
    const auto keyRef = profile.secrets.constFind(SecretKind::PrivateKey);
    const QString keyPath =
        keyRef != profile.secrets.constEnd() && keyRef->location == SecretRef::Location::File
            ? keyRef->path
            : QString();
    for (ClientFields *client : clients)
        client->setPrivateKey(secrets.value(SecretKind::PrivateKey), profile.name, keyPath);

    // The grants tab: the resource owner's password, the extra token parameters, and the
    // kept refresh token offered to the refresh grant (through the session's tokens).
    m_grants->setPassword(secrets.value(SecretKind::Password));
    QList<QPair<QString, QString>> extra;
    for (const Tokenscope::Profiles::Parameter &p : profile.client.extraTokenParameters)
        extra.append({p.name, p.value});
    m_grants->setExtraParameters(extra);
    if (secrets.contains(SecretKind::RefreshToken)) {
        m_keptRefreshToken = secrets.value(SecretKind::RefreshToken);
        SessionTokens::Entry entry;
        entry.kind = SessionTokens::Kind::RefreshToken;
        entry.value = QString::fromUtf8(m_keptRefreshToken);
        entry.source = tr("Kept in the keychain");
        entry.profileName = profile.name;
        entry.obtainedAt = m_http->clock().now();
        m_sessionTokens->add(entry);
    }

    m_panels->setCurrentWidget(m_authorization);
    statusBar()->showMessage(
        problem.isEmpty()
            ? tr("Profile “%1” is set up in the authorization wizard").arg(profile.name)
            : problem,
        problem.isEmpty() ? 5000 : 0);
}

void MainWindow::keepRefreshToken(quint64 sessionEntry)
{
    using Tokenscope::Profiles::SecretKind;
    const SessionTokens::Entry *entry = m_sessionTokens->find(sessionEntry);
    if (!entry || entry->kind != SessionTokens::Kind::RefreshToken || !m_profileManager ||
        m_activeProfile.id.isNull() || !m_activeProfile.storeRefreshTokens)
        return;
    const QByteArray value = entry->value.toUtf8();
    if (value.isEmpty() || value == m_keptRefreshToken)
        return; // the one the keychain already holds
    // The profile as it is on disk now: only the reference to the token changes.
    const Tokenscope::Profiles::ProfileLoad current =
        m_profileManager->store().load(m_activeProfile.id);
    if (current.error.isError() || !current.profile.storeRefreshTokens)
        return;
    m_keptRefreshToken = value;
    m_profileManager->save(
        current.profile, {{SecretKind::RefreshToken, value}},
        Tokenscope::Profiles::SaveMode::Guarded, this,
        [this](const Tokenscope::Profiles::ProfileSaveResult &result) {
            const QList<Tokenscope::Profiles::SecretOutcome> notStored = result.notStored();
            if (!result.ok() || !notStored.isEmpty()) {
                statusBar()->showMessage(
                    tr("The refresh token was NOT kept for “%1”: %2")
                        .arg(result.profile.name, result.ok() ? notStored.constFirst().error.message
                                                              : result.error.message),
                    0);
                return;
            }
            if (result.profile.id == m_activeProfile.id)
                m_activeProfile = result.profile;
            m_profiles->reload();
            statusBar()->showMessage(tr("The new refresh token is kept in the keychain for “%1”")
                                         .arg(result.profile.name),
                                     5000);
        });
}

void MainWindow::trustCertificateOnce(const QByteArray &sha256Fingerprint)
{
    // For this session only: the client's options live as long as the process.
    Tokenscope::Http::HttpOptions options = m_http->options();
    if (!options.trustedCertificateSha256.contains(sha256Fingerprint))
        options.trustedCertificateSha256.append(sha256Fingerprint);
    m_http->setOptions(options);
    statusBar()->showMessage(tr("Trusting the certificate %1 until Tokenscope quits")
                                 .arg(QString::fromLatin1(sha256Fingerprint)),
                             6000);
    m_provider->discoverTyped();
}

void MainWindow::createMenus()
{
    QMenu *file = menuBar()->addMenu(tr("&File"));
    m_fileMenu = file;
    QAction *quit = file->addAction(tr("&Quit"), this, &QWidget::close);
    quit->setObjectName(QStringLiteral("quitAction"));
    quit->setShortcut(QKeySequence::Quit);
    quit->setMenuRole(QAction::QuitRole);

    QMenu *view = menuBar()->addMenu(tr("&View"));
    m_viewMenu = view;
    QAction *toggleInspector = m_inspectorDock->toggleViewAction();
    toggleInspector->setObjectName(QStringLiteral("toggleInspectorAction"));
    toggleInspector->setText(tr("&Exchange Inspector"));
    toggleInspector->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_I));
    view->addAction(toggleInspector);
    view->addSeparator();
    QAction *clear = view->addAction(tr("&Clear Transcript"), m_http->transcript(),
                                     &Tokenscope::Http::Transcript::clear);
    clear->setObjectName(QStringLiteral("clearTranscriptAction"));
    clear->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_K));

    QMenu *help = menuBar()->addMenu(tr("&Help"));
    QAction *about = help->addAction(tr("&About Tokenscope"), this, &MainWindow::showAbout);
    about->setObjectName(QStringLiteral("aboutAction"));
    about->setMenuRole(QAction::AboutRole);
    QAction *aboutQt =
        help->addAction(tr("About &Qt"), this, [this] { MessageBox::aboutQt(this); });
    aboutQt->setObjectName(QStringLiteral("aboutQtAction"));
    aboutQt->setMenuRole(QAction::AboutQtRole);
}

void MainWindow::cancelAll()
{
    m_discovery->cancel();
    m_http->cancelAll();
    statusBar()->showMessage(tr("Cancelled"), 4000);
}

void MainWindow::showAbout()
{
    MessageBox::about(
        this, tr("About Tokenscope"),
        tr("<h3>Tokenscope %1</h3>"
           "<p>An OAuth 2.0 and OpenID Connect debugger: every request and response of a "
           "flow, on the wire, with secrets masked until you ask to see them.</p>"
           "<p>Built with Qt %2.</p>")
            .arg(QApplication::applicationVersion(), QString::fromLatin1(qVersion())));
}
