#pragma once

#include "common/PollScheduler.h"
#include "device/DeviceFlow.h"

#include <QPointer>
#include <QTimer>
#include <QWidget>

namespace Tokenscope {
class RandomSource;
namespace Discovery {
struct ProviderMetadata;
}
namespace Http {
class HttpClient;
}
namespace Jose {
class JwksCache;
}
namespace Browser {
class EmbeddedBrowser;
}
} // namespace Tokenscope

class ClientFields;
class ExchangeSummary;
class FindingsView;
class QrCodeWidget;
class SessionTokens;
class TokenTable;
class QCheckBox;
class QGroupBox;
class QLabel;
class QLineEdit;
class QPushButton;

// The device authorization grant (RFC 8628): Start asks for a user code, which is shown
// large with the verification URI and a QR code of verification_uri_complete, to be opened
// on another device (or here, in the embedded or the system browser). While the user signs
// in, the panel polls the token endpoint and counts down to the code's expiry; the polls
// are one line (how many, the last answer, the interval). Cancel stops polling.
class DeviceFlowPanel final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(DeviceFlowPanel)

public:
    DeviceFlowPanel(Tokenscope::Http::HttpClient *http, Tokenscope::RandomSource &random,
                    Tokenscope::Jose::JwksCache *keys, SessionTokens *session,
                    QWidget *parent = nullptr);
    ~DeviceFlowPanel() override;

    Tokenscope::Device::DeviceFlow *flow() const { return m_flow; }
    ClientFields *clientFields() const { return m_client; }
    QrCodeWidget *qrCode() const { return m_qr; }
    // The embedded browser's window, while it is open (else null).
    QWidget *browserWindow() const { return m_browserWindow; }
    Tokenscope::Device::DeviceRequest request() const;
    QString problem() const;
    QString statusText() const;
    // "polled 3 times, last answer authorization_pending · interval 5 s"
    QString pollText() const;

public slots:
    void setProvider(const Tokenscope::Discovery::ProviderMetadata &metadata);
    void start();
    void cancel();
    void openInEmbeddedBrowser();
    void openInSystemBrowser();

private:
    void onStepChanged(Tokenscope::Device::DeviceFlow::Step step);
    void onAuthorization(const Tokenscope::Device::DeviceAuthorization &authorization);
    void onPolled(int number, const QString &answer);
    void onFinished(const Tokenscope::Device::DeviceFlowResult &result);
    void tick();
    QUrl bestVerificationUrl() const;

    Tokenscope::Http::HttpClient *m_http;
    SessionTokens *m_session;
    Tokenscope::TimerPollScheduler m_scheduler;
    Tokenscope::Device::DeviceFlow *m_flow;
    QString m_issuer;
    QUrl m_jwksUri;
    ClientFields *m_client;
    QLineEdit *m_deviceEndpoint;
    QPushButton *m_start;
    QPushButton *m_cancel;
    QLabel *m_status;
    QGroupBox *m_codeBox;
    QLabel *m_userCode;
    QPushButton *m_copy;
    QLabel *m_verificationUri;
    QrCodeWidget *m_qr;
    QPushButton *m_openEmbedded;
    QPushButton *m_openSystem;
    QLabel *m_expiry;
    QLabel *m_polls;
    QCheckBox *m_showSecrets;
    TokenTable *m_tokens;
    FindingsView *m_checks;
    ExchangeSummary *m_exchanges;
    QPointer<QWidget> m_browserWindow;
    Tokenscope::Browser::EmbeddedBrowser *m_browser = nullptr;
    QTimer m_tick;
    Tokenscope::Device::DeviceAuthorization m_authorization;
    int m_pollCount = 0;
    QString m_lastAnswer;
};
