#include "AuthorizationCodeFlow.h"

#include "CallbackChecks.h"
#include "IdTokenCheck.h"
#include "clientauth/ClientCredentials.h"
#include "common/Clock.h"
#include "common/RandomSource.h"
#include "endpoints/UserInfoClient.h"
#include "http/HttpClient.h"
#include "http/PendingExchange.h"
#include "jose/JwksCache.h"
#include "jose/JwsToken.h"

#include <QJsonDocument>
#include <QLoggingCategory>

#include <algorithm>

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
                                             Jose::JwksCache *keys, QObject *parent)
    : QObject(parent)
    , m_http(http)
    , m_random(random)
    , m_keys(keys ? keys : new Jose::JwksCache(http, http->clock(), this))
    , m_userinfo(new Endpoints::UserInfoClient(http, m_keys, this))
{
    qRegisterMetaType<Tokenscope::AuthCode::FlowResult>();
    connect(m_userinfo, &Endpoints::UserInfoClient::finished, this,
            [this](const Endpoints::UserInfoResult &userinfo) {
                if (m_step != Step::CallingUserInfo)
                    return;
                m_result.exchanges.append(userinfo.exchanges);
                m_result.checks.append(userinfo.checks);
                m_result.userinfo = userinfo.claims;
                if (!userinfo.ok()) {
                    m_result.error.oauth = userinfo.error.oauth;
                    m_result.error.transport = userinfo.error.transport;
                    fail(userinfo.error.kind, userinfo.error.message, userinfo.error.rule);
                    return;
                }
                proceed();
            });
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
    m_keysFor.clear();
    m_keySet = Jose::JwkSet();
    m_keysProblem.clear();
    m_frontChecked = false;
    m_codeExchanged = false;
    m_backChecked = false;
    m_userinfoDone = false;
    setStep(Step::Idle);

    const ResponseType type = m_request.parsedResponseType();
    if (!type.problem().isEmpty()) {
        fail(FlowError::Kind::Usage, type.problem());
        return;
    }
    if (!m_request.authorizationEndpoint.isValid() || m_request.clientId.isEmpty() ||
        !m_request.redirectUri.isValid()) {
        fail(FlowError::Kind::Usage,
             tr("An authorization endpoint, a client_id and a redirect_uri are needed"));
        return;
    }
    if (type.hasCode() && !m_request.tokenEndpoint.isValid()) {
        fail(FlowError::Kind::Usage,
             tr("The response type “%1” returns a code: a token endpoint is needed")
                 .arg(m_request.responseType));
        return;
    }
    if (type.hasIdToken() && !m_request.isOpenId()) {
        fail(FlowError::Kind::Usage,
             tr("The response type “%1” returns an ID token: the scope must contain “openid”")
                 .arg(m_request.responseType));
        return;
    }
    // 128 bits of state and nonce (RFC 9700 §4.7.1 asks for unguessable values).
    if (m_request.state.isEmpty())
        m_request.state = randomToken(m_random, 16);
    if (m_request.nonce.isEmpty() && m_request.isOpenId() && m_request.sendNonce)
        m_request.nonce = randomToken(m_random, 16);
    if (m_request.usesPkce() && m_request.codeVerifier.isEmpty())
        m_request.codeVerifier = Pkce::generateVerifier(m_random);
    if (m_request.state.isEmpty() || (m_request.usesPkce() && m_request.codeVerifier.isEmpty())) {
        fail(FlowError::Kind::Usage, tr("The random number generator failed: nothing was sent"));
        return;
    }
    if (m_request.usesPkce()) {
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
        // Single-use state: whatever arrives later is refused, the result stands, and the
        // refusal is a failed check the user sees.
        qCInfo(lcAuthCode) << "a second authorization response was refused";
        const Finding refused = CallbackChecks::stateReused(redirect, m_request.state);
        m_result.checks.append(refused);
        emit redirectRefused(refused, redirect);
        return;
    }
    if (m_step != Step::AwaitingRedirect)
        return;
    m_stateConsumed = true;
    m_result.redirect = redirect;

    const ResponseType type = m_request.parsedResponseType();
    CallbackChecks::Expected expected;
    expected.state = m_request.state;
    expected.issuer = m_request.issuer;
    expected.issRequired = m_request.issParameterRequired;
    expected.codeExpected = type.hasCode();
    expected.idTokenExpected = type.hasIdToken();
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
    m_result.frontChannel =
        TokenResponse::fromAuthorizationResponse(redirect, type.hasToken(), type.hasIdToken());
    m_result.checks.append(m_result.frontChannel.findings);
    if (!m_result.frontChannel.ok) {
        const QString rule = QStringLiteral("response_tokens_present");
        m_result.checks.append(
            Finding{rule, Finding::Status::Fail, m_result.frontChannel.problem, QString(),
                    QString(), QStringLiteral("OAuth 2.0 Multiple Response Types §3"), QString()});
        fail(FlowError::Kind::Validation,
             tr("Check “%1” failed: %2").arg(rule, m_result.frontChannel.problem), rule);
        return;
    }
    if (type.kind() == ResponseType::Kind::Implicit)
        m_result.tokens = m_result.frontChannel;
    proceed();
}

bool AuthorizationCodeFlow::keysReadyFor(const QString &idToken) const
{
    return !m_request.jwksUri.isValid() || m_keysFor == idToken;
}

void AuthorizationCodeFlow::proceed()
{
    const ResponseType type = m_request.parsedResponseType();
    // The front-channel ID token is checked before the code is used (§3.3.2.8).
    const QString &front = m_result.frontChannel.idToken;
    if (!m_frontChecked && !front.isEmpty()) {
        if (!keysReadyFor(front)) {
            fetchKeys(front);
            return;
        }
        m_frontChecked = true;
        if (!checkIdToken(front, true))
            return;
    }
    if (type.hasCode() && !m_codeExchanged) {
        exchangeCode();
        return;
    }
    const QString &back = m_result.tokens.idToken;
    if (type.hasCode() && !m_backChecked && !back.isEmpty()) {
        if (!keysReadyFor(back)) {
            fetchKeys(back);
            return;
        }
        m_backChecked = true;
        if (!checkIdToken(back, false))
            return;
    }
    if (!m_userinfoDone && m_request.callUserinfo && m_request.isOpenId() &&
        m_request.userinfoEndpoint.isValid() && !m_result.tokens.accessToken.isEmpty()) {
        callUserinfo();
        return;
    }
    setStep(Step::Succeeded);
    emit finished(m_result);
}

Http::Exchange AuthorizationCodeFlow::takeExchange()
{
    Http::PendingExchange *pending = m_pending;
    m_pending = nullptr;
    pending->deleteLater();
    m_result.exchanges.append(pending->hops());
    return pending->result();
}

bool AuthorizationCodeFlow::failedInTransport(const Http::Exchange &exchange,
                                              const QString &message)
{
    if (!exchange.error.isError())
        return false;
    m_result.error.transport = exchange.error.kind;
    fail(exchange.error.kind == Http::TransportErrorKind::Cancelled ? FlowError::Kind::Cancelled
                                                                    : FlowError::Kind::Transport,
         message);
    return true;
}

void AuthorizationCodeFlow::fetchKeys(const QString &idToken)
{
    setStep(Step::FetchingKeys);
    const auto parsed = Jose::JwsToken::parseCompact(idToken.toLatin1());
    const QString kid = parsed.isError()
                            ? QString()
                            : parsed.token().header().value(QLatin1String("kid")).toString();
    m_keys->keys(m_request.jwksUri, kid, this, [this, idToken](const Jose::JwksResult &keys) {
        if (m_step != Step::FetchingKeys)
            return; // cancelled meanwhile
        m_result.exchanges.append(keys.exchanges);
        m_result.checks.append(keys.findings);
        if (keys.problem == Jose::JwksResult::Problem::Transport && keys.keys.keys.isEmpty()) {
            m_result.error.transport = keys.transportKind;
            fail(keys.transportKind == Http::TransportErrorKind::Cancelled
                     ? FlowError::Kind::Cancelled
                     : FlowError::Kind::Transport,
                 tr("The provider's keys could not be fetched from %1: %2")
                     .arg(m_request.jwksUri.toString(), keys.message));
            return;
        }
        m_keySet = keys.keys;
        m_keysProblem = keys.ok() ? QString() : keys.message;
        m_keysFor = idToken;
        proceed();
    });
}

bool AuthorizationCodeFlow::checkIdToken(const QString &idToken, bool frontChannel)
{
    IdTokenCheck::Input input;
    input.idToken = idToken;
    input.keys = m_request.jwksUri.isValid() ? &m_keySet : nullptr;
    input.keysProblem = m_keysProblem;
    input.expected.issuer = m_request.issuer;
    input.expected.clientId = m_request.clientId;
    input.expected.nonce =
        m_request.isOpenId() && m_request.sendNonce ? m_request.nonce : QString();
    bool maxAgeOk = false;
    const qint64 maxAge = m_request.maxAge.toLongLong(&maxAgeOk);
    input.expected.maxAge = maxAgeOk && maxAge >= 0 ? maxAge : -1;
    input.expected.now = m_http->clock().now();
    input.expected.skewSeconds = m_request.skewSeconds;
    input.expected.acrValues = m_request.acrValues.split(QLatin1Char(' '), Qt::SkipEmptyParts);
    if (frontChannel) {
        input.expected.fromAuthorizationEndpoint = true;
        input.expected.accessToken = m_result.frontChannel.accessToken;
        input.expected.code = m_result.redirect.value(QStringLiteral("code"));
        input.expected.state = m_request.state;
        input.subject = tr("id_token (authorization response)");
    } else {
        input.expected.accessToken = m_result.tokens.accessToken;
        if (!m_result.frontChannel.idToken.isEmpty())
            input.subject = tr("id_token (token response)");
    }
    Findings findings = IdTokenCheck::check(input);
    if (!frontChannel && !m_result.frontChannel.idToken.isEmpty()) {
        // Both ID tokens must name the same user at the same issuer (§3.3.3.6).
        const QJsonObject front = IdTokenCheck::claims(m_result.frontChannel.idToken);
        const QJsonObject back = IdTokenCheck::claims(idToken);
        const auto pair = [](const QJsonObject &claims) -> QString {
            return claims.value(QLatin1String("iss")).toString() + QLatin1Char(' ') +
                   claims.value(QLatin1String("sub")).toString();
        };
        const bool same = pair(front) == pair(back);
        findings.append(Finding{QStringLiteral("id_token_same_subject"),
                                same ? Finding::Status::Pass : Finding::Status::Fail,
                                same ? tr("Both ID tokens name the same iss and sub")
                                     : tr("The token response's ID token names another iss or sub "
                                          "than the authorization response's"),
                                pair(front), pair(back),
                                QStringLiteral("OpenID Connect Core 1.0 §3.3.3.6"), input.subject});
    }
    m_result.checks.append(findings);
    const auto failed = std::find_if(findings.cbegin(), findings.cend(), [](const Finding &f) {
        return f.status == Finding::Status::Fail;
    });
    if (failed == findings.cend())
        return true;
    fail(FlowError::Kind::Validation,
         tr("ID token check “%1” failed: %2").arg(failed->rule, failed->message), failed->rule);
    return false;
}

void AuthorizationCodeFlow::exchangeCode()
{
    setStep(Step::ExchangingCode);
    m_codeExchanged = true;
    ClientAuth::FormFields form{
        {QByteArrayLiteral("grant_type"), QByteArrayLiteral("authorization_code")},
        {QByteArrayLiteral("code"), m_result.redirect.value(QStringLiteral("code")).toUtf8()},
        {QByteArrayLiteral("redirect_uri"),
         m_request.redirectUri.toString(QUrl::FullyEncoded).toUtf8()},
    };
    if (m_request.usesPkce())
        form.append({QByteArrayLiteral("code_verifier"), m_request.codeVerifier});
    Http::HeaderList headers;
    ClientAuth::ClientCredentials client;
    client.clientId = m_request.clientId;
    client.secret = m_request.clientSecret;
    client.method = m_request.authMethod;
    client.privateKey = m_request.clientPrivateKey;
    const QString problem = ClientAuth::ClientAuthentication::apply(
        client, m_request.tokenEndpoint, m_http->clock(), m_random, &form, &headers);
    if (!problem.isEmpty()) {
        fail(FlowError::Kind::Usage, problem);
        return;
    }
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
    const Http::Exchange exchange = takeExchange();
    if (failedInTransport(exchange, exchange.error.message))
        return;
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
    proceed();
}

void AuthorizationCodeFlow::callUserinfo()
{
    setStep(Step::CallingUserInfo);
    m_userinfoDone = true;
    Endpoints::UserInfoRequest request;
    request.endpoint = m_request.userinfoEndpoint;
    request.accessToken = m_result.tokens.accessToken;
    request.idToken =
        m_result.tokens.idToken.isEmpty() ? m_result.frontChannel.idToken : m_result.tokens.idToken;
    request.issuer = m_request.issuer;
    request.clientId = m_request.clientId;
    request.jwksUri = m_request.jwksUri;
    m_userinfo->fetch(request);
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
    if (m_step == Step::AwaitingRedirect || m_step == Step::FetchingKeys) {
        m_stateConsumed = true;
        fail(FlowError::Kind::Cancelled, reason);
    } else if (m_step == Step::CallingUserInfo) {
        m_userinfo->cancel(); // finishes with a Cancelled error
    } else if (m_pending) {   // exchanging the code
        m_pending->cancel();  // finishes with a Cancelled transport error
    }
}

} // namespace Tokenscope::AuthCode
