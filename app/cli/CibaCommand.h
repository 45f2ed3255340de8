#pragma once

#include "PollingCommand.h"
#include "ciba/CibaFlow.h"
#include "ciba/NotificationListener.h"

#include <QUrl>

namespace Tokenscope {
class RandomSource;
}

namespace Tokenscope::Cli {

// tokenscope-cli ciba: Client-Initiated Backchannel Authentication in poll or ping mode.
// Sends the backchannel authentication request (--login-hint, --id-token-hint or
// --login-hint-token), writes "expires_in: N" on stderr, polls until the user has decided on
// their device, the request expired, --wait ran out or Ctrl-C; prints the document on stdout
// in every case. With --ping URL (http://127.0.0.1:PORT/PATH) it listens there, writes
// "client_notification_endpoint: URL", sends a fresh client_notification_token and asks
// for the tokens only when the provider's notification arrived (CIBA Core §10.2).
class CibaCommand final : public PollingCommand
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(CibaCommand)

public:
    CibaCommand(QNetworkAccessManager *network, const Clock &clock, RandomSource &random,
                QObject *parent = nullptr);
    ~CibaCommand() override;

    int prepare(const QStringList &arguments); // -1: run; otherwise the exit code
    static QString summary();

private:
    bool beforeRun() override;
    void onDiscovered(const Discovery::DiscoveryResult &result) override;
    void startFlow() override;
    void onAuthorization(const Ciba::CibaAuthorization &authorization);
    void onFlowFinished(const Ciba::CibaFlowResult &result);
    // --ping URL: a usage problem (translated) or empty, and m_pingUrl set.
    QString readPingUrl(const QString &url);
    // Listens at m_pingUrl; false, with the error set, when it cannot.
    bool startListener();

    Ciba::CibaFlow *m_flow;
    Ciba::CibaRequest m_request;
    RandomSource &m_random;
    QUrl m_pingUrl;                                   // --ping URL, as given
    Ciba::NotificationListener *m_listener = nullptr; // --ping: the notification endpoint
};

} // namespace Tokenscope::Cli
