#pragma once

#include "CliOutput.h"
#include "authcode/AuthorizationCodeFlow.h"
#include "discovery/DiscoveryClient.h"

#include <QObject>
#include <QPointer>
#include <QTimer>

class QNetworkAccessManager;

namespace Tokenscope {
class Clock;
class RandomSource;
namespace Http {
class HttpClient;
class PendingExchange;
class Transcript;
} // namespace Http
namespace Redirect {
class LoopbackListener;
}
} // namespace Tokenscope

namespace Tokenscope::Cli {

// tokenscope-cli authorize: the authorization code flow (PKCE by default) with the
// loopback redirect URI. `--browser print` prints the URL for any user agent to follow;
// `--browser system` opens the desktop's browser.
class AuthorizeCommand final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(AuthorizeCommand)

public:
    AuthorizeCommand(QNetworkAccessManager *network, const Clock &clock, RandomSource &random,
                     QObject *parent = nullptr);
    ~AuthorizeCommand() override;

    int prepare(const QStringList &arguments); // -1: run; otherwise the exit code
    void run();
    static QString summary();

signals:
    void finished(int exitCode);

private:
    void onDiscovered(const Discovery::DiscoveryResult &result);
    void startFlow();
    void onAuthorizationUrl(const QUrl &url);
    void onFlowFinished(const AuthCode::FlowResult &result);
    void finish(int exitCode);
    QJsonObject resultJson(const AuthCode::FlowResult &result) const;

    const Clock &m_clock;
    Http::Transcript *m_transcript;
    Http::HttpClient *m_http;
    Discovery::DiscoveryClient *m_discovery;
    AuthCode::AuthorizationCodeFlow *m_flow;
    Redirect::LoopbackListener *m_listener;
    CliOutput m_output{QStringLiteral("authorize")};
    AuthCode::AuthorizationRequest m_request;
    QString m_issuer;
    QUrl m_redirectUri;
    QString m_browser = QStringLiteral("print");
    QTimer m_wait;
};

} // namespace Tokenscope::Cli
