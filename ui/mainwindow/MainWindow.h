#pragma once

#include "profiles/Profile.h"

#include <QMainWindow>

namespace Tokenscope {
class RandomSource;
}
namespace Tokenscope::Profiles {
class ProfileManager;
struct Profile;
} // namespace Tokenscope::Profiles
namespace Tokenscope::Jose {
class JwksCache;
}
namespace Tokenscope::Discovery {
class DiscoveryClient;
}
namespace Tokenscope::Http {
class HttpClient;
}

class ActivityIndicator;
class SandboxBanner;
class SessionTokens;
class SandboxLauncher;
class AuthorizationFlowPanel;
class TokenGrantPanel;
class DeviceFlowPanel;
class CibaFlowPanel;
class ProfileListPanel;
class EndpointsPanel;
class ApiCallPanel;
class SessionTokensPanel;
enum class SecretBackend;
class ExchangeInspector;
class ProviderPanel;
class TokenToolsPanel;
class QDockWidget;
class QMenu;
class QTabWidget;

// Hosts the panels and the menus, nothing else: the provider panel and the flow wizards
// as tabs in the centre, the exchange inspector in a dock, the activity indicator in the
// status bar. A discovered provider is handed to the flow wizards.
class MainWindow final : public QMainWindow
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(MainWindow)

public:
    MainWindow(Tokenscope::Http::HttpClient *http,
               Tokenscope::Discovery::DiscoveryClient *discovery, Tokenscope::RandomSource &random,
               QWidget *parent = nullptr);
    ~MainWindow() override;

    // Adds the profiles tab, first: saved providers and clients, their secrets in the
    // given backend. Choosing one sets up the flow wizards.
    void setProfiles(Tokenscope::Profiles::ProfileManager *manager, SecretBackend backend);
    // The built-in sandbox provider, started when a Sandbox profile is used: a banner says
    // where it runs, and its log (what it received and decided) is a dock beside the
    // exchange inspector.
    void setSandbox(SandboxLauncher *sandbox);
    SandboxBanner *sandboxBanner() const { return m_sandboxBanner; }
    QDockWidget *sandboxLogDock() const { return m_sandboxDock; }
    ExchangeInspector *sandboxLog() const { return m_sandboxLog; }
    ProfileListPanel *profilesPanel() const { return m_profiles; }
    ProviderPanel *providerPanel() const { return m_provider; }
    AuthorizationFlowPanel *authorizationFlowPanel() const { return m_authorization; }
    TokenGrantPanel *tokenGrantPanel() const { return m_grants; }
    DeviceFlowPanel *deviceFlowPanel() const { return m_device; }
    CibaFlowPanel *cibaFlowPanel() const { return m_ciba; }
    TokenToolsPanel *tokenToolsPanel() const { return m_tokens; }
    EndpointsPanel *endpointsPanel() const { return m_endpoints; }
    ApiCallPanel *apiCallPanel() const { return m_api; }
    // The session's tokens as a list with actions, in a dock.
    SessionTokensPanel *sessionTokensPanel() const { return m_sessionPanel; }
    QDockWidget *sessionTokensDock() const { return m_sessionDock; }
    // Every token obtained in this session, from any panel.
    SessionTokens *sessionTokens() const { return m_sessionTokens; }
    QTabWidget *panels() const { return m_panels; }
    ExchangeInspector *exchangeInspector() const { return m_inspector; }
    QDockWidget *inspectorDock() const { return m_inspectorDock; }
    ActivityIndicator *activityIndicator() const { return m_activity; }

public slots:
    // Uses the Sandbox profile, creating it first when there is none.
    void useSandbox();
    void cancelAll();
    void showAbout();
    void trustCertificateOnce(const QByteArray &sha256Fingerprint);

private:
    void createMenus();
    // Sets the panels up from a profile: its TLS options at once, then its secrets (client
    // secret, private key, password, kept refresh token) as the keychain answers.
    void useProfile(const Tokenscope::Profiles::Profile &profile);
    void applyProfile(const Tokenscope::Profiles::Profile &profile,
                      const QMap<Tokenscope::Profiles::SecretKind, QByteArray> &secrets,
                      const QString &problem);
    // A refresh token some flow just got: kept in the keychain when the chosen profile
    // keeps refresh tokens.
    void keepRefreshToken(quint64 sessionEntry);
    void useSandboxProfile(Tokenscope::Profiles::Profile profile);
    void createSessionDock();

    Tokenscope::Http::HttpClient *m_http;
    Tokenscope::Discovery::DiscoveryClient *m_discovery;
    ProfileListPanel *m_profiles = nullptr;
    Tokenscope::Profiles::ProfileManager *m_profileManager = nullptr;
    ProviderPanel *m_provider;
    // The providers' key sets, one cache for the wizard and the Tokens tab.
    Tokenscope::Jose::JwksCache *m_keys;
    AuthorizationFlowPanel *m_authorization;
    TokenGrantPanel *m_grants = nullptr;
    DeviceFlowPanel *m_device = nullptr;
    CibaFlowPanel *m_ciba = nullptr;
    TokenToolsPanel *m_tokens = nullptr;
    EndpointsPanel *m_endpoints = nullptr;
    ApiCallPanel *m_api = nullptr;
    SessionTokensPanel *m_sessionPanel = nullptr;
    QDockWidget *m_sessionDock = nullptr;
    QTabWidget *m_panels;
    ExchangeInspector *m_inspector;
    QDockWidget *m_inspectorDock;
    ActivityIndicator *m_activity;
    SandboxBanner *m_sandboxBanner;
    SessionTokens *m_sessionTokens;
    SandboxLauncher *m_sandbox = nullptr;
    QDockWidget *m_sandboxDock = nullptr;
    ExchangeInspector *m_sandboxLog = nullptr;
    QMenu *m_fileMenu = nullptr;
    QMenu *m_viewMenu = nullptr;
    // The profile in use, and what it keeps.
    Tokenscope::Profiles::Profile m_activeProfile;
    quint64 m_profileGeneration = 0; // a later choice wins over a slower keychain answer
    QByteArray m_keptRefreshToken;   // the one the keychain holds for the active profile
};
