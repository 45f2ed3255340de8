#include "AuthorizationCodeFlow.h"

#include "CallbackChecks.h"
#include "common/RandomSource.h"
#include "http/HttpClient.h"
#include "http/PendingExchange.h"

#include <QLoggingCategory>

namespace Tokenscope::AuthCode {

Q_LOGGING_CATEGORY(lcAuthCode, "tokenscope.flows.authcode", QtInfoMsg)

QString FlowError::kindName(Kind kind)
{
    switch (kind) {
    case Kind::None:
        return QStringLiteral("none");
    case Kind::Usage:
        return QStringLiteral("usage");
    case Kind::Validation:
        return QStringLiteral("validation");
    case Kind::Provider:
        return QStringLiteral("provider");
    case Kind::Transport:
        return QStringLiteral("transport");
    case Kind::Cancelled:
        return QStringLiteral("cancelled");
    }
    return QStringLiteral("none");
}

AuthorizationCodeFlow::AuthorizationCodeFlow(Http::HttpClient *http, RandomSource &random,
                                             QObject *parent)
    : QObject(parent)
    , m_http(http)
    , m_random(random)
{
    qRegisterMetaType<Tokenscope::AuthCode::FlowResult>();
}

AuthorizationCodeFlow::~AuthorizationCodeFlow()
{
    if (m_pending) {
        m_pending->disconnect(this);
        m_pending->cancel();
    }
}

void AuthorizationCodeFlow::setStep(Step step)
{
    if (m_step == step)
        return;
    m_step = step;
    emit stepChanged(step);
}

static QString randomToken(RandomSource &random, int bytes)
{
    const QByteArray entropy = random.bytes(bytes);
    return QString::fromLatin1(
        entropy.toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals));
}

void AuthorizationCodeFlow::start(const AuthorizationRequest &request)
{
    if (m_pending) {
        m_pending->disconnect(this);
        m_pending->cancel();
    }
    m_request = request;
    m_result = FlowResult{};
    m_stateConsumed = false;
    setStep(Step::Idle);

    if (!m_request.authorizationEndpoint.isValid() || m_request.clientId.isEmpty() ||
        !m_request.redirectUri.isValid()) {
        fail(FlowError::Kind::Usage,
             tr("An authorization endpoint, a client_id and a redirect_uri are needed"));
        return;
    }
    // 128 bits of state and nonce (RFC 9700 §4.7.1 asks for unguessable values).
    if (m_request.state.isEmpty())
        m_request.state = randomToken(m_random, 16);
    if (m_request.nonce.isEmpty() && m_request.isOpenId() && m_request.sendNonce)
        m_request.nonce = randomToken(m_random, 16);
    if (m_request.pkceMethod != Pkce::Method::None && m_request.codeVerifier.isEmpty())
        m_request.codeVerifier = Pkce::generateVerifier(m_random);
    if (m_request.state.isEmpty() ||
        (m_request.pkceMethod != Pkce::Method::None && m_request.codeVerifier.isEmpty())) {
        fail(FlowError::Kind::Usage, tr("The random number generator failed: nothing was sent"));
        return;
    }
    if (m_request.pkceMethod != Pkce::Method::None) {
        const QString problem = Pkce::verifierProblem(m_request.codeVerifier);
        if (!problem.isEmpty()) {
            fail(FlowError::Kind::Usage, problem);
            return;
        }
    }
    m_result.authorizationUrl = m_request.authorizationUrl();
    setStep(Step::AwaitingRedirect);
    emit authorizationUrlReady(m_result.authorizationUrl);
}

void AuthorizationCodeFlow::handleRedirect(const Redirect::RedirectResult &redirect)
{
    if (m_stateConsumed) {
        // Single-use state: whatever arrives later is refused, the result stands.
        qCInfo(lcAuthCode) << "a second authorization response was refused";
        return;
    }
    if (m_step != Step::AwaitingRedirect)
        return;
    m_stateConsumed = true;
    m_result.redirect = redirect;

    CallbackChecks::Expected expected;
    expected.state = m_request.state;
    expected.issuer = m_request.issuer;
    expected.issRequired = m_request.issParameterRequired;
    expected.codeExpected =
        m_request.responseType.split(QLatin1Char(' ')).contains(QLatin1String("code"));
    m_result.checks = CallbackChecks::check(redirect, expected);
    if (const Finding *failed = CallbackChecks::firstFailure(m_result.checks)) {
        if (failed->rule == QLatin1String("error_response")) {
            m_result.error.oauth = {redirect.value(QStringLiteral("error")),
                                    redirect.value(QStringLiteral("error_description")),
                                    redirect.value(QStringLiteral("error_uri"))};
            fail(FlowError::Kind::Provider, failed->message, failed->rule);
        } else {
            fail(FlowError::Kind::Validation,
                 tr("Check “%1” failed: %2").arg(failed->rule, failed->message), failed->rule);
        }
        return;
    }
    exchangeCode(redirect.value(QStringLiteral("code")));
}

void AuthorizationCodeFlow::exchangeCode(const QString &code)
{
    setStep(Step::ExchangingCode);
    ClientAuth::FormFields form{
        {QByteArrayLiteral("grant_type"), QByteArrayLiteral("authorization_code")},
        {QByteArrayLiteral("code"), code.toUtf8()},
        {QByteArrayLiteral("redirect_uri"),
         m_request.redirectUri.toString(QUrl::FullyEncoded).toUtf8()},
    };
    if (m_request.pkceMethod != Pkce::Method::None)
        form.append({QByteArrayLiteral("code_verifier"), m_request.codeVerifier});
    Http::HeaderList headers;
    ClientAuth::ClientAuthentication::apply(m_request.authMethod, m_request.clientId,
                                            m_request.clientSecret, &form, &headers);
    Http::HttpRequest request = Http::HttpRequest::postForm(
        m_request.tokenEndpoint, ClientAuth::ClientAuthentication::encodeForm(form),
        tr("Token request (authorization_code)"));
    request.headers.append(headers);
    request.followRedirects = false; // a token endpoint never redirects silently
    m_pending = m_http->send(request);
    connect(m_pending, &Http::PendingExchange::finished, this,
            &AuthorizationCodeFlow::onTokenResponse);
}

void AuthorizationCodeFlow::onTokenResponse()
{
    Http::PendingExchange *pending = m_pending;
    m_pending = nullptr;
    pending->deleteLater();
    m_result.exchanges.append(pending->hops());
    const Http::Exchange &exchange = pending->result();
    if (exchange.error.isError()) {
        m_result.error.transport = exchange.error.kind;
        fail(exchange.error.kind == Http::TransportErrorKind::Cancelled
                 ? FlowError::Kind::Cancelled
                 : FlowError::Kind::Transport,
             exchange.error.message);
        return;
    }
    m_result.tokens =
        TokenResponse::parse(exchange.statusCode, exchange.responseBody, exchange.responseIsJson());
    m_result.checks.append(m_result.tokens.findings);
    if (!m_result.tokens.error.isEmpty()) {
        m_result.error.oauth = m_result.tokens.error;
        fail(FlowError::Kind::Provider, tr("The token endpoint answered with an error: %1")
                                            .arg(m_result.tokens.error.summary()));
        return;
    }
    if (!m_result.tokens.ok) {
        fail(FlowError::Kind::Provider, m_result.tokens.problem);
        return;
    }
    setStep(Step::Succeeded);
    emit finished(m_result);
}

void AuthorizationCodeFlow::fail(FlowError::Kind kind, const QString &message, const QString &rule)
{
    m_result.error.kind = kind;
    m_result.error.message = message;
    m_result.error.rule = rule;
    setStep(Step::Failed);
    emit finished(m_result);
}

void AuthorizationCodeFlow::cancel()
{
    cancelWithReason(tr("The flow was cancelled"));
}

void AuthorizationCodeFlow::cancelWithReason(const QString &reason)
{
    if (m_step == Step::AwaitingRedirect) {
        m_stateConsumed = true;
        fail(FlowError::Kind::Cancelled, reason);
    } else if (m_step == Step::ExchangingCode && m_pending) {
        m_pending->cancel(); // finishes with a Cancelled transport error
    }
}

} // namespace Tokenscope::AuthCode
