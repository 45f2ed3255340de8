#pragma once

#include "Exchange.h"

#include <QList>
#include <QSslCertificate>

namespace Tokenscope::Http {

// Certificate facts a user needs to decide about a TLS failure, and the fingerprint
// form that "trust this certificate once" compares against.
class TlsSummary final
{
public:
    static CertificateSummary summarize(const QSslCertificate &certificate);
    static QList<CertificateSummary> summarize(const QList<QSslCertificate> &chain);
    static QString sha256Fingerprint(const QSslCertificate &certificate); // "AB:CD:…"
    // Upper-case hex without separators, so any spelling of a fingerprint compares equal.
    static QByteArray normalizedFingerprint(const QByteArray &fingerprint);
};

} // namespace Tokenscope::Http
