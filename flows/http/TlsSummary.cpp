#include "TlsSummary.h"

#include <QCryptographicHash>

namespace Tokenscope::Http {

static QString distinguishedName(const QSslCertificate &certificate, bool issuer)
{
    return issuer ? certificate.issuerDisplayName() : certificate.subjectDisplayName();
}

CertificateSummary TlsSummary::summarize(const QSslCertificate &certificate)
{
    CertificateSummary summary;
    summary.subject = distinguishedName(certificate, false);
    summary.issuer = distinguishedName(certificate, true);
    const auto names = certificate.subjectAlternativeNames();
    for (auto it = names.cbegin(); it != names.cend(); ++it)
        summary.subjectAltNames.append(it.value());
    summary.notBefore = certificate.effectiveDate().toUTC();
    summary.notAfter = certificate.expiryDate().toUTC();
    summary.serialNumber = QString::fromLatin1(certificate.serialNumber());
    summary.sha256Fingerprint = sha256Fingerprint(certificate);
    summary.selfSigned = certificate.isSelfSigned();
    return summary;
}

QList<CertificateSummary> TlsSummary::summarize(const QList<QSslCertificate> &chain)
{
    QList<CertificateSummary> summaries;
    summaries.reserve(chain.size());
    for (const auto &certificate : chain)
        summaries.append(summarize(certificate));
    return summaries;
}

QString TlsSummary::sha256Fingerprint(const QSslCertificate &certificate)
{
    return QString::fromLatin1(certificate.digest(QCryptographicHash::Sha256).toHex(':').toUpper());
}

QByteArray TlsSummary::normalizedFingerprint(const QByteArray &fingerprint)
{
    QByteArray hex;
    hex.reserve(fingerprint.size());
    for (const char c : fingerprint) {
        if (std::isxdigit(static_cast<unsigned char>(c)))
            hex.append(char(std::toupper(static_cast<unsigned char>(c))));
    }
    return hex;
}

} // namespace Tokenscope::Http
