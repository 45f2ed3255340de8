#include "IntrospectionClient.h"

#include "EndpointReply.h"
#include "common/Clock.h"
#include "common/JsonReader.h"
#include "http/HttpClient.h"
#include "http/PendingExchange.h"

#include <QJsonArray>
#include <QJsonDocument>

namespace Tokenscope::Endpoints {

static const QString introspectionSpec = QStringLiteral("RFC 7662 §2.2");

IntrospectionClient::IntrospectionClient(Http::HttpClient *http, RandomSource &random,
                                         QObject *parent)
    : QObject(parent)
    , m_http(http)
    , m_random(random)
{
    qRegisterMetaType<Tokenscope::Endpoints::IntrospectionResult>();
}

IntrospectionClient::~IntrospectionClient()
{
    if (m_pending) {
        m_pending->disconnect(this);
        m_pending->cancel();
    }
}

IntrospectionResult IntrospectionClient::read(int status, const QByteArray &body, bool json,
                                              const QDateTime &now)
{
    IntrospectionResult result;
    result.httpStatus = status;
    const JsonParseResult parsed = JsonReader::parse(body);
    if (!parsed.ok || !parsed.document.isObject()) {
        EndpointReply::setError(
            &result, EndpointError::Kind::Provider,
            parsed.ok ? tr("The introspection answer is JSON but not an object")
                      : tr("The introspection answer is not JSON (%1)").arg(parsed.message),
            QStringLiteral("introspection_json"));
        return result;
    }
    result.json = parsed.document.object();
    result.claims = result.json;
    if (!json)
        result.checks.append(
            Finding{QStringLiteral("introspection_content_type"), Finding::Status::Warn,
                    tr("The introspection answer is JSON but not labelled "
                       "application/json"),
                    QStringLiteral("application/json"), QString(), introspectionSpec});
    const QJsonValue active = result.json.value(QLatin1String("active"));
    if (!active.isBool()) {
        result.checks.append(Finding{
            QStringLiteral("introspection_active_boolean"), Finding::Status::Fail,
            active.isUndefined() ? tr("The answer has no “active” member (it is required)")
                                 : tr("“active” is not a JSON boolean"),
            QStringLiteral("true|false"),
            QString::fromUtf8(QJsonDocument(QJsonArray{active}).toJson(QJsonDocument::Compact)),
            introspectionSpec});
        // Read "true" and 1 as a lenient server means them, but say so.
        result.active =
            active.toBool() || active.toString() == QLatin1String("true") || active.toInt() == 1;
        EndpointReply::setError(&result, EndpointError::Kind::Validation,
                                result.checks.constLast().message,
                                QStringLiteral("introspection_active_boolean"));
        return result;
    }
    result.active = active.toBool();
    result.checks.append(Finding{
        QStringLiteral("introspection_active"), Finding::Status::Pass,
        result.active ? tr("The token is active") : tr("The token is not active"), QString(),
        result.active ? QStringLiteral("true") : QStringLiteral("false"), introspectionSpec});
    if (!result.active && result.json.size() > 1)
        result.checks.append(Finding{QStringLiteral("introspection_inactive_no_claims"),
                                     Finding::Status::Warn,
                                     tr("An inactive token's answer should carry nothing but "
                                        "“active”; it has more members"),
                                     QString(), QString(), introspectionSpec});
    if (result.active) {
        const QJsonValue exp = result.json.value(QLatin1String("exp"));
        if (exp.isDouble() && now.isValid() && qint64(exp.toDouble()) < now.toSecsSinceEpoch())
            result.checks.append(
                Finding{QStringLiteral("introspection_active_expired"), Finding::Status::Warn,
                        tr("The token is reported active but its exp is in the past"),
                        now.toString(Qt::ISODate),
                        QDateTime::fromSecsSinceEpoch(qint64(exp.toDouble()), Qt::UTC)
                            .toString(Qt::ISODate),
                        introspectionSpec});
        for (const char *name : {"exp", "iat", "nbf"}) {
            const QJsonValue v = result.json.value(QLatin1String(name));
            if (!v.isUndefined() && !v.isDouble())
                result.checks.append(
                    Finding{QStringLiteral("introspection_%1_number").arg(QLatin1String(name)),
                            Finding::Status::Warn,
                            tr("“%1” is not a number of seconds").arg(QLatin1String(name)),
                            QString(), v.toVariant().toString(), introspectionSpec});
        }
    }
    return result;
}

void IntrospectionClient::introspect(const IntrospectionRequest &request)
{
    EndpointReply::drop(m_pending, this); // a new call replaces the one in flight
    m_result = IntrospectionResult{};
    if (!request.endpoint.isValid() || request.token.isEmpty()) {
        EndpointReply::setError(&m_result, EndpointError::Kind::Usage,
                                tr("An introspection endpoint and a token are needed"));
        emit finished(m_result);
        return;
    }
    Http::HttpRequest http;
    const QString problem = EndpointReply::tokenRequest(
        request.endpoint, request.token, request.tokenTypeHint, request.client, m_http->clock(),
        m_random, tr("Introspection"), QByteArrayLiteral("application/json"), &http);
    if (!problem.isEmpty()) {
        EndpointReply::setError(&m_result, EndpointError::Kind::Usage, problem);
        emit finished(m_result);
        return;
    }
    m_pending = m_http->send(http);
    connect(m_pending, &Http::PendingExchange::finished, this, [this] {
        Http::PendingExchange *pending = m_pending;
        m_pending = nullptr;
        pending->deleteLater();
        const Http::Exchange exchange = pending->result();
        IntrospectionResult result;
        if (EndpointReply::read(exchange, tr("The introspection endpoint"), &result)) {
            result = read(exchange.statusCode, exchange.responseBody, exchange.responseIsJson(),
                          m_http->clock().now());
        }
        result.exchanges = pending->hops();
        m_result = result;
        emit finished(m_result);
    });
}

void IntrospectionClient::cancel()
{
    if (m_pending)
        m_pending->cancel(); // finishes with a Cancelled transport error
}

} // namespace Tokenscope::Endpoints
