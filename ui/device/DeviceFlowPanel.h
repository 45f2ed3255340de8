#pragma once

#include "device/DeviceFlow.h"
#include "grants/PollingFlowPanel.h"

#include <QPointer>

namespace Tokenscope {
class RandomSource;
namespace Jose {
class JwksCache;
}
namespace Browser {
class EmbeddedBrowser;
}
} // namespace Tokenscope

class QrCodeWidget;
class QGroupBox;
class QLineEdit;

// The device authorization grant (RFC 8628): Start asks for a user code, which is shown
// large with the verification URI and a QR code of verification_uri_complete, to be opened
// on another device (or here, in the embedded or the system browser). While the user signs
// in, the panel polls the token endpoint and counts down to the code's expiry; the polls
// are one line (how many, the last answer, the interval). Cancel stops polling.
class DeviceFlowPanel final : public PollingFlowPanel
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(DeviceFlowPanel)

public:
    DeviceFlowPanel(Tokenscope::Http::HttpClient *http, Tokenscope::RandomSource &random,
                    Tokenscope::Jose::JwksCache *keys, SessionTokens *session,
                    QWidget *parent = nullptr);
    ~DeviceFlowPanel() override;

    Tokenscope::Device::DeviceFlow *flow() const { return m_flow; }
    QrCodeWidget *qrCode() const { return m_qr; }
    // The embedded browser's window, while it is open (else null).
    QWidget *browserWindow() const { return m_browserWindow; }
    Tokenscope::Device::DeviceRequest request() const;
    QString problem() const override;

public slots:
    void setProvider(const Tokenscope::Discovery::ProviderMetadata &metadata);
    void start() override;
    void cancel() override;
    void openInEmbeddedBrowser();
    void openInSystemBrowser();

private:
    void onStepChanged(Tokenscope::Device::DeviceFlow::Step step);
    void onAuthorization(const Tokenscope::Device::DeviceAuthorization &authorization);
    void tick() override;
    QUrl bestVerificationUrl() const;

    Tokenscope::Device::DeviceFlow *m_flow;
    QLineEdit *m_deviceEndpoint;
    QGroupBox *m_codeBox;
    QLabel *m_userCode;
    QPushButton *m_copy;
    QLabel *m_verificationUri;
    QrCodeWidget *m_qr;
    QPushButton *m_openEmbedded;
    QPushButton *m_openSystem;
    QPointer<QWidget> m_browserWindow;
    Tokenscope::Browser::EmbeddedBrowser *m_browser = nullptr;
    Tokenscope::Device::DeviceAuthorization m_authorization;
};
