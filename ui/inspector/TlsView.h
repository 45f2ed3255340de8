#pragma once

#include "http/Exchange.h"

#include <QTreeWidget>

// The TLS facts of an https exchange: protocol, cipher suite, the peer's certificate
// chain (subject, issuer, validity, SHA-256 fingerprint) and verification errors.
class TlsView final : public QTreeWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(TlsView)

public:
    explicit TlsView(QWidget *parent = nullptr);

    void setTls(const Tokenscope::Http::TlsInfo &tls);
};
