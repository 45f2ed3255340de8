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

struct IntrospectionRequest
{
    QUrl endpoint;
    QString token;
    QString tokenTypeHint; // access_token, refresh_token or empty
    ClientAuth::ClientCredentials client;
};

struct IntrospectionResult : EndpointResult
{
    bool active = false;
    QJsonObject claims; // the answer's members (active, scope, client_id, sub, exp, …)
};

// Token introspection (RFC 7662): POST token (+ token_type_hint) with the client's
// authentication; reads active and the claims, with findings for odd answers (active not
// a boolean, claims beside active=false, expired but active, …).
class IntrospectionClient final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(IntrospectionClient)

public:
    IntrospectionClient(Http::HttpClient *http, RandomSource &random, QObject *parent = nullptr);
    ~IntrospectionClient() override;

    bool isBusy() const { return !m_pending.isNull(); }
    const IntrospectionResult &result() const { return m_result; }
    // Pure: the findings and fields of an answer (status, body, JSON media type).
    static IntrospectionResult read(int status, const QByteArray &body, bool json,
                                    const QDateTime &now);

signals:
    void finished(const Tokenscope::Endpoints::IntrospectionResult &result);

public slots:
    void introspect(const Tokenscope::Endpoints::IntrospectionRequest &request);
    void cancel();

private:
    Http::HttpClient *m_http;
    RandomSource &m_random;
    QPointer<Http::PendingExchange> m_pending;
    IntrospectionResult m_result;
};

} // namespace Tokenscope::Endpoints

Q_DECLARE_METATYPE(Tokenscope::Endpoints::IntrospectionResult)
