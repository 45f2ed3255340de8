#pragma once

#include "EndpointResult.h"
#include "clientauth/ClientCredentials.h"

#include <QObject>
#include <QPointer>
#include <QUrl>

namespace Tokenscope {
class RandomSource;
namespace Http {
class HttpClient;
class PendingExchange;
} // namespace Http
} // namespace Tokenscope

namespace Tokenscope::Endpoints {

struct RevocationRequest
{
    QUrl endpoint;
    QString token;
    QString tokenTypeHint; // access_token, refresh_token or empty
    ClientAuth::ClientCredentials client;
};

// Token revocation (RFC 7009): 200 (any body, usually empty) is success, also for a token
// the server does not know (§2.2); unsupported_token_type and other errors are provider
// errors; 503 is "try again later".
class RevocationClient final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(RevocationClient)

public:
    RevocationClient(Http::HttpClient *http, RandomSource &random, QObject *parent = nullptr);
    ~RevocationClient() override;

    bool isBusy() const { return !m_pending.isNull(); }
    const EndpointResult &result() const { return m_result; }

signals:
    void finished(const Tokenscope::Endpoints::EndpointResult &result);

public slots:
    void revoke(const Tokenscope::Endpoints::RevocationRequest &request);
    void cancel();

private:
    Http::HttpClient *m_http;
    RandomSource &m_random;
    QPointer<Http::PendingExchange> m_pending;
    EndpointResult m_result;
};

} // namespace Tokenscope::Endpoints

Q_DECLARE_METATYPE(Tokenscope::Endpoints::EndpointResult)
