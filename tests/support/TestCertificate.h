#pragma once

#include <QByteArray>
#include <QSslCertificate>
#include <QSslKey>

namespace Tokenscope::Testing {

// A fresh self-signed certificate (EC P-256) for 127.0.0.1 and localhost, made with
// OpenSSL at test time, so TLS tests need no committed keys.
struct TestCertificate
{
    QSslCertificate certificate;
    QSslKey key;
    QByteArray certificatePem;

    static TestCertificate create(const QByteArray &commonName);
};

} // namespace Tokenscope::Testing
