#include "ProxyFactory.h"

#include <QHostAddress>

namespace Tokenscope::Http {

ProxyFactory::ProxyFactory(ProxyMode mode, QUrl proxyUrl)
    : m_mode(mode)
    , m_proxyUrl(std::move(proxyUrl))
{}

bool ProxyFactory::isLoopbackHost(const QString &host)
{
    if (host.compare(QLatin1String("localhost"), Qt::CaseInsensitive) == 0)
        return true;
    const QHostAddress address(host);
    return !address.isNull() && address.isLoopback();
}

QList<QNetworkProxy> ProxyFactory::queryProxy(const QNetworkProxyQuery &query)
{
    if (isLoopbackHost(query.peerHostName()) || m_mode == ProxyMode::None)
        return {QNetworkProxy(QNetworkProxy::NoProxy)};
    if (m_mode == ProxyMode::Manual && m_proxyUrl.isValid()) {
        const bool socks = m_proxyUrl.scheme().startsWith(QLatin1String("socks"));
        QNetworkProxy proxy(socks ? QNetworkProxy::Socks5Proxy : QNetworkProxy::HttpProxy,
                            m_proxyUrl.host(), quint16(m_proxyUrl.port(socks ? 1080 : 8080)),
                            m_proxyUrl.userName(), m_proxyUrl.password());
        return {proxy};
    }
    return systemProxyForQuery(query);
}

} // namespace Tokenscope::Http
