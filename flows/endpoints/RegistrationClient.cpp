#include "RegistrationClient.h"

#include "EndpointReply.h"
#include "http/HttpClient.h"
#include "http/PendingExchange.h"

#include <QJsonArray>
#include <QJsonDocument>

namespace Tokenscope::Endpoints {

static const QString registrationSpec = QStringLiteral("RFC 7591 §3.2.1");

RegistrationClient::RegistrationClient(Http::HttpClient *http, QObject *parent)
    : QObject(parent)
    , m_http(http)
{
    qRegisterMetaType<Tokenscope::Endpoints::RegistrationResult>();
}

RegistrationClient::~RegistrationClient()
{
    if (m_pending) {
        m_pending->disconnect(this);
        m_pending->cancel();
    }
}

QString RegistrationClient::operationName(RegistrationResult::Operation operation)
{
    switch (operation) {
    case RegistrationResult::Operation::Register:
        return QStringLiteral("register");
    case RegistrationResult::Operation::Read:
        return QStringLiteral("read");
    case RegistrationResult::Operation::Update:
        return QStringLiteral("update");
    case RegistrationResult::Operation::Delete:
        return QStringLiteral("delete");
    }
    return QStringLiteral("register");
}

void RegistrationClient::registerClient(const QUrl &registrationEndpoint,
                                        const QJsonObject &metadata,
                                        const QString &initialAccessToken)
{
    send(RegistrationResult::Operation::Register, QByteArrayLiteral("POST"), registrationEndpoint,
         initialAccessToken, metadata, true);
}

void RegistrationClient::readClient(const QUrl &registrationClientUri,
                                    const QString &registrationAccessToken)
{
    send(RegistrationResult::Operation::Read, QByteArrayLiteral("GET"), registrationClientUri,
         registrationAccessToken, {}, false);
}

void RegistrationClient::updateClient(const QUrl &registrationClientUri,
                                      const QString &registrationAccessToken,
                                      const QJsonObject &metadata)
{
    send(RegistrationResult::Operation::Update, QByteArrayLiteral("PUT"), registrationClientUri,
         registrationAccessToken, metadata, true);
}

void RegistrationClient::deleteClient(const QUrl &registrationClientUri,
                                      const QString &registrationAccessToken)
{
    send(RegistrationResult::Operation::Delete, QByteArrayLiteral("DELETE"), registrationClientUri,
         registrationAccessToken, {}, false);
}

void RegistrationClient::send(RegistrationResult::Operation operation, const QByteArray &method,
                              const QUrl &url, const QString &bearer, const QJsonObject &metadata,
                              bool withBody)
{
    if (m_pending) {
        m_pending->disconnect(this);
        m_pending->cancel();
        m_pending = nullptr;
    }
    m_result = RegistrationResult{};
    m_result.operation = operation;
    m_sentMetadata = metadata;
    if (!url.isValid() || url.isRelative() ||
        (operation != RegistrationResult::Operation::Register && bearer.isEmpty())) {
        EndpointReply::setError(&m_result, EndpointError::Kind::Usage,
                                operation == RegistrationResult::Operation::Register
                                    ? tr("A registration endpoint is needed")
                                    : tr("A registration_client_uri and a "
                                         "registration_access_token are needed (RFC 7592)"));
        emit finished(m_result);
        return;
    }
    Http::HttpRequest request;
    request.method = method;
    request.url = url;
    request.label = tr("Client registration (%1)").arg(operationName(operation));
    request.headers.append({QByteArrayLiteral("Accept"), QByteArrayLiteral("application/json")});
    if (!bearer.isEmpty())
        request.headers.append({QByteArrayLiteral("Authorization"), "Bearer " + bearer.toUtf8()});
    if (withBody) {
        request.headers.append(
            {QByteArrayLiteral("Content-Type"), QByteArrayLiteral("application/json")});
        request.body = QJsonDocument(metadata).toJson(QJsonDocument::Compact);
    }
    m_pending = m_http->send(request);
    connect(m_pending, &Http::PendingExchange::finished, this, &RegistrationClient::onResponse);
}

void RegistrationClient::onResponse()
{
    Http::PendingExchange *pending = m_pending;
    m_pending = nullptr;
    pending->deleteLater();
    m_result.exchanges.append(pending->hops());
    const Http::Exchange exchange = pending->result();
    if (!EndpointReply::read(exchange, tr("The registration endpoint"), &m_result)) {
        emit finished(m_result);
        return;
    }
    using Operation = RegistrationResult::Operation;
    if (m_result.operation == Operation::Delete) {
        const bool noContent = exchange.statusCode == 204;
        m_result.checks.append(Finding{QStringLiteral("registration_deleted"),
                                       noContent ? Finding::Status::Pass : Finding::Status::Warn,
                                       noContent ? tr("The client was deleted")
                                                 : tr("The client was deleted, with HTTP %1 "
                                                      "instead of 204")
                                                       .arg(exchange.statusCode),
                                       QStringLiteral("204"), QString::number(exchange.statusCode),
                                       QStringLiteral("RFC 7592 §2.3")});
        emit finished(m_result);
        return;
    }
    if (m_result.json.isEmpty()) {
        EndpointReply::setError(&m_result, EndpointError::Kind::Provider,
                                tr("The registration endpoint did not answer a JSON object"),
                                QStringLiteral("registration_json"));
        emit finished(m_result);
        return;
    }
    const QJsonObject &client = m_result.json;
    m_result.client = client;
    m_result.clientId = client.value(QLatin1String("client_id")).toString();
    m_result.clientSecret = client.value(QLatin1String("client_secret")).toString();
    m_result.registrationAccessToken =
        client.value(QLatin1String("registration_access_token")).toString();
    m_result.registrationClientUri =
        QUrl(client.value(QLatin1String("registration_client_uri")).toString());
    if (m_result.operation == Operation::Register && exchange.statusCode != 201)
        m_result.checks.append(Finding{QStringLiteral("registration_status"), Finding::Status::Warn,
                                       tr("A registration answers HTTP 201 Created"),
                                       QStringLiteral("201"), QString::number(exchange.statusCode),
                                       registrationSpec});
    if (m_result.clientId.isEmpty()) {
        m_result.checks.append(Finding{QStringLiteral("registration_client_id"),
                                       Finding::Status::Fail, tr("The answer has no client_id"),
                                       QString(), QString(), registrationSpec});
        EndpointReply::setError(&m_result, EndpointError::Kind::Validation,
                                m_result.checks.constLast().message,
                                QStringLiteral("registration_client_id"));
        emit finished(m_result);
        return;
    }
    if (!m_result.clientSecret.isEmpty() &&
        !client.contains(QLatin1String("client_secret_expires_at")))
        m_result.checks.append(Finding{QStringLiteral("registration_secret_expiry"),
                                       Finding::Status::Warn,
                                       tr("A client_secret came without client_secret_expires_at "
                                          "(required with a secret)"),
                                       QString(), QString(), registrationSpec});
    if (m_result.operation == Operation::Register && m_result.registrationClientUri.isEmpty())
        m_result.checks.append(Finding{QStringLiteral("registration_client_uri"),
                                       Finding::Status::Warn,
                                       tr("No registration_client_uri: the client cannot be read, "
                                          "updated or deleted later (RFC 7592)"),
                                       QString(), QString(), QStringLiteral("RFC 7592 §3")});
    // What the server changed or dropped of the metadata sent (it may, RFC 7591 §3.2.1).
    for (auto it = m_sentMetadata.constBegin(); it != m_sentMetadata.constEnd(); ++it) {
        const QJsonValue answered = client.value(it.key());
        if (answered == it.value())
            continue;
        m_result.checks.append(Finding{
            QStringLiteral("registration_metadata_changed"), Finding::Status::Warn,
            answered.isUndefined() ? tr("The server dropped “%1”").arg(it.key())
                                   : tr("The server changed “%1”").arg(it.key()),
            QString::fromUtf8(QJsonDocument(QJsonArray{it.value()}).toJson(QJsonDocument::Compact)),
            QString::fromUtf8(QJsonDocument(QJsonArray{answered}).toJson(QJsonDocument::Compact)),
            registrationSpec, it.key()});
    }
    emit finished(m_result);
}

void RegistrationClient::cancel()
{
    if (m_pending)
        m_pending->cancel();
}

} // namespace Tokenscope::Endpoints
