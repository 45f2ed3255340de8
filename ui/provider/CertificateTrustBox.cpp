#include "CertificateTrustBox.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QLocale>
#include <QPushButton>

CertificateTrustBox::CertificateTrustBox(QWidget *parent)
    : QFrame(parent)
    , m_details(new QLabel(this))
    , m_trustButton(new QPushButton(tr("Trust this certificate once"), this))
{
    setObjectName(QStringLiteral("tlsTrustBox"));
    setFrameShape(QFrame::StyledPanel);
    m_details->setObjectName(QStringLiteral("certificateDetails"));
    m_details->setTextFormat(Qt::PlainText);
    m_details->setWordWrap(true);
    m_details->setTextInteractionFlags(Qt::TextSelectableByMouse | Qt::TextSelectableByKeyboard);
    m_trustButton->setObjectName(QStringLiteral("trustCertificateButton"));
    m_trustButton->setToolTip(
        tr("Accept this exact certificate (by its SHA-256 fingerprint) until Tokenscope quits, "
           "and try again. Nothing is saved and no other certificate is accepted."));

    auto *layout = new QHBoxLayout(this);
    layout->addWidget(m_details, 1);
    layout->addWidget(m_trustButton, 0, Qt::AlignTop);

    connect(m_trustButton, &QPushButton::clicked, this,
            [this] { emit trustRequested(m_fingerprint); });
    hide();
}

void CertificateTrustBox::showFor(const Tokenscope::Http::Exchange &exchange)
{
    using Tokenscope::Http::TransportErrorKind;
    if (exchange.error.kind != TransportErrorKind::Tls || exchange.tls.peerChain.isEmpty()) {
        m_fingerprint.clear();
        hide();
        return;
    }
    const Tokenscope::Http::CertificateSummary &leaf = exchange.tls.peerChain.constFirst();
    const QLocale locale;
    QStringList lines{
        tr("Certificate presented by %1").arg(exchange.url.host()),
        tr("Subject: %1").arg(leaf.subject),
        tr("Issuer: %1").arg(leaf.issuer),
        tr("Valid: %1 to %2")
            .arg(locale.toString(leaf.notBefore, QLocale::ShortFormat),
                 locale.toString(leaf.notAfter, QLocale::ShortFormat)),
        tr("SHA-256: %1").arg(leaf.sha256Fingerprint),
    };
    if (!leaf.subjectAltNames.isEmpty())
        lines.insert(2, tr("Names: %1").arg(leaf.subjectAltNames.join(QStringLiteral(", "))));
    if (leaf.selfSigned)
        lines.append(tr("The certificate is self-signed."));
    for (const QString &error : exchange.tls.errors)
        lines.append(tr("Problem: %1").arg(error));
    m_details->setText(lines.join(QLatin1Char('\n')));
    m_fingerprint = leaf.sha256Fingerprint.toLatin1();
    show();
}

QString CertificateTrustBox::detailsText() const
{
    return m_details->text();
}
