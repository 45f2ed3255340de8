#pragma once

#include "TokenGrantRequest.h"
#include "authcode/AuthorizationCodeFlow.h"
#include "authcode/TokenResponse.h"
#include "common/Finding.h"
#include "http/Exchange.h"
#include "jose/JwkSet.h"

#include <QObject>
#include <QPointer>
#include <QSet>

namespace Tokenscope {
class RandomSource;
namespace Http {
class HttpClient;
class PendingExchange;
} // namespace Http
namespace Jose {
class JwksCache;
}
} // namespace Tokenscope

namespace Tokenscope::Grants {

// The error of a grant or endpoint call: the same shape as the authorization flows'.
using GrantError = AuthCode::FlowError;

struct GrantResult
{
    GrantType grant = GrantType::ClientCredentials;
    QString grantType; // the grant_type value sent
    // The JWT the flow built and signed (JWT bearer without a pasted assertion).
    QString builtAssertion;
    AuthCode::TokenResponse tokens;
    // Token warnings, refresh findings (rotation, kept token, reuse), ID token checks.
    Findings checks;
    // Refresh: the token sent and the one to use next (the new one after rotation, the
    // same one when the provider returned none).
    QString previousRefreshToken;
    QString currentRefreshToken;
    bool rotated = false;
    GrantError error;
    QList<Http::Exchange> exchanges;

    bool ok() const { return !error.isError(); }
};

// One token request for a grant that needs no browser, as an explicit state machine:
// Idle → RequestingToken → (FetchingKeys, for a refresh response's ID token) → Succeeded
// or Failed. The request goes through the HttpClient (so it is in the transcript) with the
// client's authentication; finished() carries the result once.
class TokenGrantFlow final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(TokenGrantFlow)

public:
    enum class Step
    {
        Idle,
        RequestingToken,
        FetchingKeys,
        Succeeded,
        Failed
    };
    Q_ENUM(Step)

    // keys: shared provider key sets (null: the flow keeps its own).
    TokenGrantFlow(Http::HttpClient *http, RandomSource &random, Jose::JwksCache *keys = nullptr,
                   QObject *parent = nullptr);
    ~TokenGrantFlow() override;

    Step step() const { return m_step; }
    const TokenGrantRequest &request() const { return m_request; }
    const GrantResult &result() const { return m_result; }

signals:
    void stepChanged(Tokenscope::Grants::TokenGrantFlow::Step step);
    void finished(const Tokenscope::Grants::GrantResult &result);

public slots:
    void start(const Tokenscope::Grants::TokenGrantRequest &request);
    void cancel();

private:
    void setStep(Step step);
    void fail(GrantError::Kind kind, const QString &message, const QString &rule = {});
    void onTokenResponse();
    void checkIdToken();

    Http::HttpClient *m_http;
    RandomSource &m_random;
    Jose::JwksCache *m_keys;
    TokenGrantRequest m_request;
    GrantResult m_result;
    QPointer<Http::PendingExchange> m_pending;
    Jose::JwkSet m_keySet;
    QString m_keysProblem;
    // Refresh tokens this flow saw rotated out: using one again is the reuse RFC 9700
    // §4.14.2 describes, and an invalid_grant then is explained as such.
    QSet<QString> m_spentRefreshTokens;
    Step m_step = Step::Idle;
};

} // namespace Tokenscope::Grants

Q_DECLARE_METATYPE(Tokenscope::Grants::GrantResult)
