#pragma once

#include <QWidget>

namespace Tokenscope::Discovery {
class DiscoveryClient;
struct DiscoveryError;
struct DiscoveryResult;
} // namespace Tokenscope::Discovery

class CertificateTrustBox;
class MetadataView;
class QLabel;
class QLineEdit;
class QPushButton;
class QUrl;

// Type an issuer, discover its metadata, see its endpoints, capabilities, findings and
// raw document; a failure is explained in place with the detail the core kept (HTTP
// status, JSON line and column, expected and actual issuer, OAuth error fields).
class ProviderPanel final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ProviderPanel)

public:
    explicit ProviderPanel(Tokenscope::Discovery::DiscoveryClient *discovery,
                           QWidget *parent = nullptr);

    MetadataView *metadataView() const { return m_metadata; }
    CertificateTrustBox *certificateTrustBox() const { return m_trust; }
    QString issuerText() const;
    QString errorText() const; // empty when no error is shown

    static QString describe(const Tokenscope::Discovery::DiscoveryError &error);

signals:
    // The user chose to trust this certificate for the session; discovery is then retried
    // by whoever owns the HTTP client's options (the main window).
    void certificateTrustRequested(const QByteArray &sha256Fingerprint);

public slots:
    // Fills in the issuer and starts discovery.
    void discover(const QString &issuer);
    void discoverTyped();

private:
    void onStarted(const QUrl &issuer);
    void onFinished(const Tokenscope::Discovery::DiscoveryResult &result);
    void setRunning(bool running);
    void showError(const QString &text);

    Tokenscope::Discovery::DiscoveryClient *m_discovery;
    QLineEdit *m_issuer;
    QPushButton *m_discoverButton;
    QLabel *m_error;
    CertificateTrustBox *m_trust;
    QLabel *m_summary;
    MetadataView *m_metadata;
};
