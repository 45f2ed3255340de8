#pragma once

#include "discovery/DiscoveryClient.h"

#include <QSignalSpy>

namespace Tokenscope::Testing {

// Discovers an issuer through the client and waits for the answer (20 s at most). Returns
// the result; when it did not finish, its error says so.
inline Discovery::DiscoveryResult discover(Http::HttpClient *http, const QString &issuer)
{
    Discovery::DiscoveryClient discovery(http);
    QSignalSpy finished(&discovery, &Discovery::DiscoveryClient::finished);
    discovery.discover(issuer);
    if (finished.isEmpty() && !finished.wait(20'000)) {
        Discovery::DiscoveryResult timedOut;
        timedOut.error.kind = Discovery::DiscoveryError::Kind::Transport;
        timedOut.error.message = QStringLiteral("discovery of %1 did not finish").arg(issuer);
        return timedOut;
    }
    return discovery.result();
}

} // namespace Tokenscope::Testing
