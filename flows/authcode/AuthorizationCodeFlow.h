#pragma once

#include "AuthorizationRequest.h"
#include "TokenResponse.h"
#include "common/Finding.h"
#include "common/OAuthError.h"
#include "http/Exchange.h"
#include "jose/JwkSet.h"
#include "redirect/RedirectResult.h"

#include <QJsonObject>
#include <QObject>
#include <QPointer>

namespace Tokenscope {
class RandomSource;
namespace Http {
class HttpClient;
class PendingExchange;
} // namespace Http
namespace Jose {
class JwksCache;
}
namespace Endpoints {
class UserInfoClient;
}
} // namespace Tokenscope

namespace Tokenscope::AuthCode {

struct FlowError
{
    enum class Kind
    {
        None,
        Usage,
        Validation,
        Provider,
        Transport,
        Cancelled
    };
    Kind kind = Kind::None;
    QString message;
    QString rule;     // the failed check, for Validation
    OAuthError oauth; // for Provider
    Http::TransportErrorKind transport = Http::TransportErrorKind::None;

    bool isError() const { return kind != Kind::None; }
    static QString kindName(Kind kind);
};

struct FlowResult
{
    QUrl authorizationUrl;
    Redirect::RedirectResult redirect;
    // Callback checks, then token warnings, then the ID token checks (front channel
    // first), then userinfo's: in the order they were made.
    Findings checks;
    // The tokens of the authorization response itself (implicit and hybrid).
    TokenResponse frontChannel;
    // The tokens the flow ends with: the token endpoint's for response types with a
    // code, the authorization response's for implicit ones.
    TokenResponse tokens;
    QJsonObject userinfo; // the UserInfo claims, when it was called and answered JSON
    FlowError error;
    QList<Http::Exchange> exchanges;

    bool ok() const { return !error.isError(); }
};

// The authorization endpoint's flows as one explicit state machine: authorization code
// (with PKCE), implicit and hybrid, in every response mode. It never opens a browser: it
// emits authorizationUrlReady() and waits for handleRedirect(), whoever captured it
// (loopback listener, embedded browser, pasted URL). Then, in order and each only when it
// applies: the callback checks, the front-channel ID token (signature and claims) before
// the code is used, the code exchange, the token endpoint's ID token, UserInfo. Every
// request it makes is in result().exchanges.
class AuthorizationCodeFlow final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(AuthorizationCodeFlow)

public:
    enum class Step
    {
        Idle,
        AwaitingRedirect,
        FetchingKeys,
        ExchangingCode,
        CallingUserInfo,
        Succeeded,
        Failed
    };
    Q_ENUM(Step)

    // keys: the provider key sets shared between flows (a rotated key costs one re-fetch,
    // rate-limited per jwks_uri); null: the flow keeps its own.
    AuthorizationCodeFlow(Http::HttpClient *http, RandomSource &random,
                          Jose::JwksCache *keys = nullptr, QObject *parent = nullptr);
    ~AuthorizationCodeFlow() override;

    Step step() const { return m_step; }
    // The request as it will be (or was) sent, with generated values filled in.
    const AuthorizationRequest &request() const { return m_request; }
    const FlowResult &result() const { return m_result; }

signals:
    void stepChanged(Tokenscope::AuthCode::AuthorizationCodeFlow::Step step);
    void authorizationUrlReady(const QUrl &url);
    void finished(const Tokenscope::AuthCode::FlowResult &result);
    // A response arrived after the state was used (after finished(), or after a cancel):
    // it was refused and nothing was sent. The finding (state_single_use) is also appended
    // to result().checks; the run's outcome stands.
    void redirectRefused(const Tokenscope::Finding &finding,
                         const Tokenscope::Redirect::RedirectResult &redirect);

public slots:
    // Generates what is empty (state and nonce of 128 bits or more, a verifier of 256
    // bits), then emits authorizationUrlReady().
    void start(const Tokenscope::AuthCode::AuthorizationRequest &request);
    // Checks the response and, when every check passes, exchanges the code. The state
    // is single-use: a second response is refused with redirectRefused().
    void handleRedirect(const Tokenscope::Redirect::RedirectResult &redirect);
    void cancel();
    // Cancels with the reason to report ("no redirect within 300 s").
    void cancelWithReason(const QString &reason);

private:
    void setStep(Step step);
    void fail(FlowError::Kind kind, const QString &message, const QString &rule = {});
    // Runs the next step that applies, or succeeds when none is left.
    void proceed();
    // The keys to verify idToken with, from the key cache (fetched, or fetched again for
    // an unknown kid); proceed() goes on when they are there.
    void fetchKeys(const QString &idToken);
    bool keysReadyFor(const QString &idToken) const;
    void exchangeCode();
    void onTokenResponse();
    void callUserinfo();
    // Checks one ID token; false when a rule failed (the flow has failed then).
    bool checkIdToken(const QString &idToken, bool frontChannel);
    // The finished exchange of m_pending, recorded in the result; m_pending is cleared.
    Http::Exchange takeExchange();
    // Fails the flow (cancelled, or transport) when the exchange did not complete.
    bool failedInTransport(const Http::Exchange &exchange, const QString &message);

    Http::HttpClient *m_http;
    RandomSource &m_random;
    AuthorizationRequest m_request;
    FlowResult m_result;
    QPointer<Http::PendingExchange> m_pending;
    Step m_step = Step::Idle;
    bool m_stateConsumed = false;
    Jose::JwksCache *m_keys;
    Endpoints::UserInfoClient *m_userinfo;
    // What proceed() has done.
    QString m_keysFor; // the ID token m_keySet was looked up for
    Jose::JwkSet m_keySet;
    QString m_keysProblem;
    bool m_frontChecked = false;
    bool m_codeExchanged = false;
    bool m_backChecked = false;
    bool m_userinfoDone = false;
};

} // namespace Tokenscope::AuthCode

Q_DECLARE_METATYPE(Tokenscope::AuthCode::FlowResult)
