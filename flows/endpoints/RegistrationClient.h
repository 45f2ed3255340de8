#pragma once

#include "EndpointResult.h"

#include <QObject>
#include <QPointer>
#include <QUrl>

namespace Tokenscope::Http {
class HttpClient;
class PendingExchange;
} // namespace Tokenscope::Http

namespace Tokenscope::Endpoints {

struct RegistrationResult : EndpointResult
{
    enum class Operation
    {
        Register,
        Read,
        Update,
        Delete
    };
    Operation operation = Operation::Register;
    QJsonObject client; // the client information response (RFC 7591 §3.2.1)
    QString clientId;
    QString clientSecret;
    QString registrationAccessToken;
    QUrl registrationClientUri;
};

// Dynamic client registration (RFC 7591) and its management (RFC 7592): register with an
// optional initial access token, then read, update or delete with the registration
// access token at the registration client URI. Findings: the metadata the server changed
// or dropped, a secret without an expiry, a missing registration_client_uri.
class RegistrationClient final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(RegistrationClient)

public:
    explicit RegistrationClient(Http::HttpClient *http, QObject *parent = nullptr);
    ~RegistrationClient() override;

    bool isBusy() const { return !m_pending.isNull(); }
    const RegistrationResult &result() const { return m_result; }
    static QString operationName(RegistrationResult::Operation operation);

signals:
    void finished(const Tokenscope::Endpoints::RegistrationResult &result);

public slots:
    void registerClient(const QUrl &registrationEndpoint, const QJsonObject &metadata,
                        const QString &initialAccessToken = QString());
    void readClient(const QUrl &registrationClientUri, const QString &registrationAccessToken);
    void updateClient(const QUrl &registrationClientUri, const QString &registrationAccessToken,
                      const QJsonObject &metadata);
    void deleteClient(const QUrl &registrationClientUri, const QString &registrationAccessToken);
    void cancel();

private:
    void send(RegistrationResult::Operation operation, const QByteArray &method, const QUrl &url,
              const QString &bearer, const QJsonObject &metadata, bool withBody);
    void onResponse();

    Http::HttpClient *m_http;
    QPointer<Http::PendingExchange> m_pending;
    QJsonObject m_sentMetadata;
    RegistrationResult m_result;
};

} // namespace Tokenscope::Endpoints

Q_DECLARE_METATYPE(Tokenscope::Endpoints::RegistrationResult)
