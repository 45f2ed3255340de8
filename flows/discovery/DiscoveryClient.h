#pragma once

#include "DiscoveryError.h"
#include "ProviderMetadata.h"
#include "WellKnown.h"
#include "http/Exchange.h"

#include <QObject>
#include <QPointer>

namespace Tokenscope::Http {
class HttpClient;
class PendingExchange;
} // namespace Tokenscope::Http

namespace Tokenscope::Discovery {

struct DiscoveryResult
{
    QUrl requestedIssuer;
    ProviderMetadata metadata; // valid when !error.isError()
    DiscoveryError error;
    QList<Http::Exchange> exchanges; // every request made, in order, redirect hops included

    bool ok() const { return !error.isError(); }
};

// Fetches and checks a provider's metadata: tries the well-known locations in order,
// stops at the first JSON object, and requires its "issuer" to equal the requested one
// exactly (RFC 8414 §3.3, OpenID Connect Discovery §4.3).
class DiscoveryClient final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(DiscoveryClient)

public:
    explicit DiscoveryClient(Http::HttpClient *http, QObject *parent = nullptr);
    ~DiscoveryClient() override;

    // `issuerOrMetadataUrl` is what the user typed: an issuer, or a full
    // .well-known URL (then the issuer it implies is the one required).
    void discover(const QString &issuerOrMetadataUrl, WellKnown::Mode mode = WellKnown::Mode::Auto);
    bool isRunning() const { return m_running; }
    const DiscoveryResult &result() const { return m_result; }

signals:
    void started(const QUrl &issuer);
    void finished(const Tokenscope::Discovery::DiscoveryResult &result);

public slots:
    void cancel();

private:
    void tryNext();
    void onFetched();
    DiscoveryError judge(const Http::Exchange &exchange, const WellKnown::Candidate &candidate,
                         ProviderMetadata *metadata) const;
    void complete(const DiscoveryError &error);

    Http::HttpClient *m_http;
    QPointer<Http::PendingExchange> m_pending;
    QList<WellKnown::Candidate> m_candidates;
    int m_next = 0;
    DiscoveryError m_strongest;
    DiscoveryResult m_result;
    bool m_running = false;
};

} // namespace Tokenscope::Discovery

Q_DECLARE_METATYPE(Tokenscope::Discovery::DiscoveryResult)
