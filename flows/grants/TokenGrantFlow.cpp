#include "TokenGrantFlow.h"

#include "RefreshChecks.h"
#include "common/Clock.h"
#include "common/RandomSource.h"
#include "http/HttpClient.h"
#include "http/PendingExchange.h"
#include "jose/JwksCache.h"
#include "jose/JwsToken.h"

#include <QLoggingCategory>

#include <algorithm>

namespace Tokenscope::Grants {

Q_LOGGING_CATEGORY(lcGrants, "tokenscope.flows.grants", QtInfoMsg)

TokenGrantFlow::TokenGrantFlow(Http::HttpClient *http, RandomSource &random, Jose::JwksCache *keys,
                               QObject *parent)
    : QObject(parent)
    , m_http(http)
    , m_random(random)
    , m_keys(keys ? keys : new Jose::JwksCache(http, http->clock(), this))
{
    qRegisterMetaType<Tokenscope::Grants::GrantResult>();
}

TokenGrantFlow::~TokenGrantFlow()
{
    if (m_pending) {
        m_pending->disconnect(this);
        m_pending->cancel();
    }
}

void TokenGrantFlow::setStep(Step step)
{
    if (m_step == step)
        return;
    m_step = step;
    emit stepChanged(step);
}

void TokenGrantFlow::fail(GrantError::Kind kind, const QString &message, const QString &rule)
{
    m_result.error.kind = kind;
    m_result.error.message = message;
    m_result.error.rule = rule;
    setStep(Step::Failed);
    emit finished(m_result);
}

static QByteArray utf8(const QString &text)
{
    return text.toUtf8();
}

void TokenGrantFlow::start(const TokenGrantRequest &request)
{
    if (m_pending) {
        m_pending->disconnect(this);
        m_pending->cancel();
        m_pending = nullptr;
    }
    m_request = request;
    m_result = GrantResult{};
    m_result.grant = request.grant;
    m_result.grantType = request.grantTypeValue();
    m_keySet = Jose::JwkSet();
    m_keysProblem.clear();
    setStep(Step::Idle);
    if (const QString problem = request.problem(); !problem.isEmpty()) {
        fail(GrantError::Kind::Usage, problem);
        return;
    }

    ClientAuth::FormFields form{{QByteArrayLiteral("grant_type"), utf8(m_result.grantType)}};
    auto add = [&form](const char *name, const QString &value) {
        if (!value.isEmpty())
            form.append({QByteArray(name), utf8(value)});
    };
    switch (request.grant) {
    case GrantType::ClientCredentials:
    case GrantType::Custom:
        break;
    case GrantType::Password:
        add("username", request.username);
        form.append({QByteArrayLiteral("password"), request.password});
        break;
    case GrantType::RefreshToken:
        add("refresh_token", request.refreshToken);
        m_result.previousRefreshToken = request.refreshToken;
        break;
    case GrantType::TokenExchange:
        add("subject_token", request.subjectToken);
        add("subject_token_type", request.subjectTokenType);
        if (!request.actorToken.isEmpty()) {
            add("actor_token", request.actorToken);
            add("actor_token_type",
                request.actorTokenType.isEmpty()
                    ? QStringLiteral("urn:ietf:params:oauth:token-type:access_token")
                    : request.actorTokenType);
        }
        add("requested_token_type", request.requestedTokenType);
        add("audience", request.audience);
        break;
    case GrantType::JwtBearer: {
        QString assertion = request.assertion;
        if (assertion.isEmpty()) {
            ClientAuth::JwtAssertion::Spec spec = request.signAssertion;
            if (spec.issuer.isEmpty())
                spec.issuer = request.client.clientId;
            if (spec.subject.isEmpty())
                spec.subject = spec.issuer;
            if (spec.audience.isEmpty())
                spec.audience = request.tokenEndpoint.toString(QUrl::FullyEncoded);
            const auto built = ClientAuth::JwtAssertion::build(spec, m_http->clock(), m_random);
            if (built.isError()) {
                fail(GrantError::Kind::Usage, built.error);
                return;
            }
            assertion = QString::fromLatin1(built.compact);
            m_result.builtAssertion = assertion;
        }
        add("assertion", assertion);
        break;
    }
    case GrantType::Saml2Bearer: {
        // RFC 7522 §2.1: the assertion base64url-encoded; pasted XML is encoded here.
        QByteArray assertion = utf8(request.assertion.trimmed());
        if (assertion.startsWith('<')) {
            assertion =
                assertion.toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals);
            m_result.checks.append(
                Finding{QStringLiteral("saml_assertion_encoded"), Finding::Status::Pass,
                        tr("The SAML assertion was pasted as XML and sent base64url-encoded"),
                        QString(), QString(), QStringLiteral("RFC 7522 §2.1")});
        }
        form.append({QByteArrayLiteral("assertion"), assertion});
        break;
    }
    }
    add("scope", request.scope);
    for (const QString &resource : request.resources)
        add("resource", resource);
    for (const auto &[name, value] : request.extraParameters)
        form.append({utf8(name), utf8(value)});

    Http::HeaderList headers;
    const bool anonymous = request.client.clientId.isEmpty() &&
                           request.client.method == ClientAuth::ClientAuthentication::Method::None;
    if (!anonymous) {
        const QString problem = ClientAuth::ClientAuthentication::apply(
            request.client, request.tokenEndpoint, m_http->clock(), m_random, &form, &headers);
        if (!problem.isEmpty()) {
            fail(GrantError::Kind::Usage, problem);
            return;
        }
    }
    Http::HttpRequest http = Http::HttpRequest::postForm(
        request.tokenEndpoint, ClientAuth::ClientAuthentication::encodeForm(form),
        tr("Token request (%1)").arg(TokenGrantRequest::grantName(request.grant)));
    http.headers.append(headers);
    http.followRedirects = false;
    setStep(Step::RequestingToken);
    m_pending = m_http->send(http);
    connect(m_pending, &Http::PendingExchange::finished, this, &TokenGrantFlow::onTokenResponse);
}

void TokenGrantFlow::onTokenResponse()
{
    Http::PendingExchange *pending = m_pending;
    m_pending = nullptr;
    pending->deleteLater();
    m_result.exchanges.append(pending->hops());
    const Http::Exchange exchange = pending->result();
    if (exchange.error.isError()) {
        m_result.error.transport = exchange.error.kind;
        fail(exchange.error.kind == Http::TransportErrorKind::Cancelled
                 ? GrantError::Kind::Cancelled
                 : GrantError::Kind::Transport,
             exchange.error.message);
        return;
    }
    m_result.tokens = AuthCode::TokenResponse::parse(exchange.statusCode, exchange.responseBody,
                                                     exchange.responseIsJson());
    m_result.checks.append(m_result.tokens.findings);
    const bool refresh = m_request.grant == GrantType::RefreshToken;
    if (!m_result.tokens.error.isEmpty()) {
        m_result.error.oauth = m_result.tokens.error;
        QString rule;
        if (refresh && m_result.tokens.error.error == QLatin1String("invalid_grant")) {
            const Finding reuse = RefreshChecks::reuseError(
                m_result.tokens.error, m_spentRefreshTokens.contains(m_request.refreshToken));
            m_result.checks.append(reuse);
            rule = reuse.rule;
        }
        fail(GrantError::Kind::Provider,
             tr("The token endpoint answered with an error: %1")
                 .arg(m_result.tokens.error.summary()),
             rule);
        return;
    }
    if (!m_result.tokens.ok) {
        QString problem = m_result.tokens.problem;
        if (exchange.responseIsHtml())
            problem +=
                QLatin1Char(' ') + tr("(an HTML page: a login page, proxy or server error?)");
        fail(GrantError::Kind::Provider, problem);
        return;
    }
    if (refresh) {
        const QString returned = m_result.tokens.refreshToken;
        m_result.checks.append(RefreshChecks::rotation(m_request.refreshToken, returned));
        m_result.rotated = !returned.isEmpty() && returned != m_request.refreshToken;
        m_result.currentRefreshToken = returned.isEmpty() ? m_request.refreshToken : returned;
        if (m_result.rotated)
            m_spentRefreshTokens.insert(m_request.refreshToken);
    }
    if (m_request.grant == GrantType::TokenExchange &&
        !m_result.tokens.raw.contains(QLatin1String("issued_token_type"))) {
        m_result.checks.append(Finding{QStringLiteral("issued_token_type_present"),
                                       Finding::Status::Warn,
                                       tr("The token exchange response has no issued_token_type"),
                                       QString(), QString(), QStringLiteral("RFC 8693 §2.2.1")});
    }
    if (!m_result.tokens.idToken.isEmpty() && m_request.jwksUri.isValid()) {
        setStep(Step::FetchingKeys);
        const auto parsed = Jose::JwsToken::parseCompact(m_result.tokens.idToken.toLatin1());
        const QString kid = parsed.isError() ? QString() : parsed.token().kid();
        m_keys->keys(m_request.jwksUri, kid, this, [this](const Jose::JwksResult &keys) {
            if (m_step != Step::FetchingKeys)
                return;
            m_result.exchanges.append(keys.exchanges);
            m_result.checks.append(keys.findings);
            m_keySet = keys.keys;
            m_keysProblem = keys.ok() ? QString() : keys.message;
            checkIdToken();
        });
        return;
    }
    checkIdToken();
}

void TokenGrantFlow::checkIdToken()
{
    if (!m_result.tokens.idToken.isEmpty()) {
        RefreshChecks::IdTokenInput input;
        input.previousIdToken =
            m_request.grant == GrantType::RefreshToken ? m_request.previousIdToken : QString();
        input.idToken = m_result.tokens.idToken;
        input.issuer = m_request.issuer;
        input.clientId = m_request.client.clientId;
        input.keys = m_request.jwksUri.isValid() ? &m_keySet : nullptr;
        input.keysProblem = m_keysProblem;
        input.now = m_http->clock().now();
        input.skewSeconds = m_request.skewSeconds;
        Findings findings = RefreshChecks::checkIdToken(input);
        if (m_request.grant != GrantType::RefreshToken)
            findings.erase(std::remove_if(findings.begin(), findings.end(),
                                          [](const Finding &f) {
                                              return f.rule ==
                                                     QLatin1String("refresh_id_token_same_subject");
                                          }),
                           findings.end());
        m_result.checks.append(findings);
        const auto failed = std::find_if(findings.cbegin(), findings.cend(), [](const Finding &f) {
            return f.status == Finding::Status::Fail;
        });
        if (failed != findings.cend()) {
            fail(GrantError::Kind::Validation,
                 tr("ID token check “%1” failed: %2").arg(failed->rule, failed->message),
                 failed->rule);
            return;
        }
    }
    qCDebug(lcGrants) << "token grant succeeded:" << m_result.grantType;
    setStep(Step::Succeeded);
    emit finished(m_result);
}

void TokenGrantFlow::cancel()
{
    if (m_step == Step::FetchingKeys)
        fail(GrantError::Kind::Cancelled, tr("The flow was cancelled"));
    else if (m_pending)
        m_pending->cancel();
}

} // namespace Tokenscope::Grants
