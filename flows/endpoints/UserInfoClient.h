#pragma once

#include "EndpointResult.h"
#include "jose/JwkSet.h"

#include <QObject>
#include <QPointer>
#include <QUrl>

namespace Tokenscope {
namespace Http {
class HttpClient;
class PendingExchange;
} // namespace Http
namespace Jose {
class JwksCache;
}
} // namespace Tokenscope

namespace Tokenscope::Endpoints {

struct UserInfoRequest
{
    enum class Method
    {
        GetBearer,  // GET with Authorization: Bearer (RFC 6750 §2.1)
        PostForm,   // POST access_token in the body (RFC 6750 §2.2)
        PostBearer, // POST with Authorization: Bearer and an empty body (OIDC Core §5.3.1)
    };
    QUrl endpoint;
    QString accessToken;
    Method method = Method::GetBearer;
    QByteArray accept; // empty: none sent (the client's default)
    // For the checks: the ID token whose sub the answer must equal (OIDC Core §5.3.2), and,
    // for a signed answer, the issuer, client and keys (§5.3.2: iss and aud).
    QString idToken;
    QString issuer;
    QString clientId;
    QUrl jwksUri;
    QByteArray decryptionKeys; // a private JWK or JWK Set, for an encrypted answer
};

struct UserInfoResult : EndpointResult
{
    QJsonObject claims;
    QString jwt; // the application/jwt answer as received
    bool signedAnswer = false;
    bool encryptedAnswer = false;
};

// UserInfo (OIDC Core §5.3): JSON, or application/jwt signed (verified against the
// provider's keys, iss and aud checked) and optionally encrypted (decrypted with the given
// key). Then sub compared to the ID token's. A 401/403 has its WWW-Authenticate read.
class UserInfoClient final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(UserInfoClient)

public:
    enum class Step
    {
        Idle,
        Requesting,
        FetchingKeys,
        Succeeded,
        Failed
    };
    Q_ENUM(Step)

    explicit UserInfoClient(Http::HttpClient *http, Jose::JwksCache *keys = nullptr,
                            QObject *parent = nullptr);
    ~UserInfoClient() override;

    Step step() const { return m_step; }
    const UserInfoResult &result() const { return m_result; }

signals:
    void stepChanged(Tokenscope::Endpoints::UserInfoClient::Step step);
    void finished(const Tokenscope::Endpoints::UserInfoResult &result);

public slots:
    void fetch(const Tokenscope::Endpoints::UserInfoRequest &request);
    void cancel();

private:
    void setStep(Step step);
    void fail(EndpointError::Kind kind, const QString &message, const QString &rule = {});
    void onResponse();
    void verifyJwt(const QByteArray &jws);
    void checkClaims();

    Http::HttpClient *m_http;
    Jose::JwksCache *m_keys;
    UserInfoRequest m_request;
    UserInfoResult m_result;
    QPointer<Http::PendingExchange> m_pending;
    Step m_step = Step::Idle;
};

} // namespace Tokenscope::Endpoints

Q_DECLARE_METATYPE(Tokenscope::Endpoints::UserInfoResult)
