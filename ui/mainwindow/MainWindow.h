#pragma once

#include <QMainWindow>

namespace Tokenscope::Discovery {
class DiscoveryClient;
}
namespace Tokenscope::Http {
class HttpClient;
}

class ActivityIndicator;
class ExchangeInspector;
class ProviderPanel;
class QDockWidget;

// Hosts the panels and the menus, nothing else: the provider panel in the centre, the
// exchange inspector in a dock, the activity indicator in the status bar.
class MainWindow final : public QMainWindow
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(MainWindow)

public:
    MainWindow(Tokenscope::Http::HttpClient *http,
               Tokenscope::Discovery::DiscoveryClient *discovery, QWidget *parent = nullptr);

    ProviderPanel *providerPanel() const { return m_provider; }
    ExchangeInspector *exchangeInspector() const { return m_inspector; }
    QDockWidget *inspectorDock() const { return m_inspectorDock; }
    ActivityIndicator *activityIndicator() const { return m_activity; }

public slots:
    void cancelAll();
    void showAbout();
    void trustCertificateOnce(const QByteArray &sha256Fingerprint);

private:
    void createMenus();

    Tokenscope::Http::HttpClient *m_http;
    Tokenscope::Discovery::DiscoveryClient *m_discovery;
    ProviderPanel *m_provider;
    ExchangeInspector *m_inspector;
    QDockWidget *m_inspectorDock;
    ActivityIndicator *m_activity;
};
