#pragma once

#include "HttpOptions.h"

#include <QNetworkProxyFactory>

namespace Tokenscope::Http {

// Chooses the proxy for each request: the system's (default), none, or one given by
// URL. Loopback addresses never go through a proxy, whatever the mode.
class ProxyFactory final : public QNetworkProxyFactory
{
public:
    ProxyFactory(ProxyMode mode, QUrl proxyUrl);
    QList<QNetworkProxy> queryProxy(const QNetworkProxyQuery &query) override;

    static bool isLoopbackHost(const QString &host);

private:
    ProxyMode m_mode;
    QUrl m_proxyUrl;
};

} // namespace Tokenscope::Http
