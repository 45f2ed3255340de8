#pragma once

#include "AuthorizationRequest.h"
#include "TokenResponse.h"
#include "common/Finding.h"
#include "common/OAuthError.h"
#include "http/Exchange.h"
#include "redirect/RedirectResult.h"

#include <QObject>
#include <QPointer>

namespace Tokenscope {
class RandomSource;
namespace Http {
class HttpClient;
class PendingExchange;
} // namespace Http
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
    Findings checks; // callback checks, then token response warnings
    TokenResponse tokens;
    FlowError error;
    QList<Http::Exchange> exchanges;

    bool ok() const { return !error.isError(); }
};

// Authorization code (with PKCE) as an explicit state machine. It never opens a
// browser: it emits authorizationUrlReady() and waits for handleRedirect(), whoever
// captured it (loopback listener, embedded browser, pasted URL).
class AuthorizationCodeFlow final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(AuthorizationCodeFlow)

public:
    enum class Step
    {
        Idle,
        AwaitingRedirect,
        ExchangingCode,
        Succeeded,
        Failed
    };
    Q_ENUM(Step)

    AuthorizationCodeFlow(Http::HttpClient *http, RandomSource &random, QObject *parent = nullptr);
    ~AuthorizationCodeFlow() override;

    Step step() const { return m_step; }
    // The request as it will be (or was) sent, with generated values filled in.
    const AuthorizationRequest &request() const { return m_request; }
    const FlowResult &result() const { return m_result; }

signals:
    void stepChanged(Tokenscope::AuthCode::AuthorizationCodeFlow::Step step);
    void authorizationUrlReady(const QUrl &url);
    void finished(const Tokenscope::AuthCode::FlowResult &result);

public slots:
    // Generates what is empty (state and nonce of 128 bits or more, a verifier of 256
    // bits), then emits authorizationUrlReady().
    void start(const Tokenscope::AuthCode::AuthorizationRequest &request);
    // Checks the response and, when every check passes, exchanges the code. The state
    // is single-use: a second response is rejected.
    void handleRedirect(const Tokenscope::Redirect::RedirectResult &redirect);
    void cancel();
    // Cancels with the reason to report ("no redirect within 300 s").
    void cancelWithReason(const QString &reason);

private:
    void setStep(Step step);
    void fail(FlowError::Kind kind, const QString &message, const QString &rule = {});
    void exchangeCode(const QString &code);
    void onTokenResponse();

    Http::HttpClient *m_http;
    RandomSource &m_random;
    AuthorizationRequest m_request;
    FlowResult m_result;
    QPointer<Http::PendingExchange> m_pending;
    Step m_step = Step::Idle;
    bool m_stateConsumed = false;
};

} // namespace Tokenscope::AuthCode

Q_DECLARE_METATYPE(Tokenscope::AuthCode::FlowResult)
