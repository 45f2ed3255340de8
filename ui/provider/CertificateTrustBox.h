#pragma once

#include "http/Exchange.h"

#include <QFrame>

class QLabel;
class QPushButton;

// Shown when a server's certificate was not trusted: who it names, who issued it, when
// it is valid, its SHA-256 fingerprint and why verification failed. The user may trust
// that exact certificate for this session (never saved, nothing else bypassed).
class CertificateTrustBox final : public QFrame
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(CertificateTrustBox)

public:
    explicit CertificateTrustBox(QWidget *parent = nullptr);

    // Shows the box for a failed TLS exchange; hides it when there is nothing to trust.
    void showFor(const Tokenscope::Http::Exchange &exchange);
    QByteArray fingerprint() const { return m_fingerprint; }
    QString detailsText() const;

signals:
    void trustRequested(const QByteArray &sha256Fingerprint);

private:
    QLabel *m_details;
    QPushButton *m_trustButton;
    QByteArray m_fingerprint;
};
