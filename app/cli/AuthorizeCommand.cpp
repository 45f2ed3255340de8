#include "AuthorizeCommand.h"

#include "CommandParser.h"
#include "DiscoverCommand.h"
#include "ExitCode.h"
#include "authcode/IdTokenCheck.h"
#include "common/Clock.h"
#include "http/HttpClient.h"
#include "http/PendingExchange.h"
#include "http/Transcript.h"
#include "redirect/LoopbackListener.h"
#include "redirect/RedirectMatcher.h"

#include <QCommandLineParser>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QProcess>

#include <cstdio>

namespace Tokenscope::Cli {

using AuthCode::FlowError;
using AuthCode::FlowResult;

AuthorizeCommand::AuthorizeCommand(QNetworkAccessManager *network, const Clock &clock,
                                   RandomSource &random, QObject *parent)
    : QObject(parent)
    , m_clock(clock)
    , m_transcript(new Http::Transcript(this))
    , m_http(new Http::HttpClient(network, m_transcript, m_clock, this))
    , m_discovery(new Discovery::DiscoveryClient(m_http, this))
    , m_flow(new AuthCode::AuthorizationCodeFlow(m_http, random, nullptr, this))
    , m_listener(new Redirect::LoopbackListener(this))
{
    m_wait.setSingleShot(true);
    connect(m_discovery, &Discovery::DiscoveryClient::finished, this,
            &AuthorizeCommand::onDiscovered);
    connect(m_flow, &AuthCode::AuthorizationCodeFlow::authorizationUrlReady, this,
            &AuthorizeCommand::onAuthorizationUrl);
    connect(m_flow, &AuthCode::AuthorizationCodeFlow::finished, this,
            &AuthorizeCommand::onFlowFinished);
    connect(m_listener, &Redirect::LoopbackListener::redirectReceived, m_flow,
            &AuthCode::AuthorizationCodeFlow::handleRedirect);
    connect(&m_wait, &QTimer::timeout, this, [this] {
        m_flow->cancelWithReason(
            tr("No redirect arrived within %1 s (--wait)").arg(m_wait.interval() / 1000));
    });
}

AuthorizeCommand::~AuthorizeCommand() = default;

QString AuthorizeCommand::summary()
{
    return tr("Run the authorization code flow (PKCE S256 by default) with a loopback "
              "redirect URI.");
}

int AuthorizeCommand::prepare(const QStringList &arguments)
{
    CommandParser command(QStringLiteral("authorize"), summary(), m_output);
    command.useProfiles(qobject_cast<const ProfileOptions *>(parent())); // --profile NAME
    QCommandLineParser &parser = command.parser();
    auto usageError = [&command](const QString &message) {
        return command.usageError(message);
    };
    auto option = [&parser](const char *name, const QString &description,
                            const QString &value = QString(), const QString &fallback = QString()) {
        QCommandLineOption o(QString::fromLatin1(name), description, value, fallback);
        parser.addOption(o);
        return o;
    };
    const auto issuer =
        option("issuer", tr("The provider's issuer: its metadata gives the endpoints."), tr("url"));
    const auto authorizationEndpoint =
        option("authorization-endpoint", tr("Overrides the discovered authorization endpoint."),
               tr("url"));
    const auto tokenEndpoint =
        option("token-endpoint", tr("Overrides the discovered token endpoint."), tr("url"));
    const auto userinfoEndpoint =
        option("userinfo-endpoint", tr("Overrides the discovered userinfo endpoint."), tr("url"));
    const auto clientId = option("client-id", tr("The client_id."), tr("id"));
    const auto secretEnv =
        option("client-secret-env", tr("Read the client secret from this environment variable."),
               tr("var"));
    const auto secretFile =
        option("client-secret-file", tr("Read the client secret from this file."), tr("file"));
    const auto authMethod =
        option("auth-method",
               tr("client_secret_basic, client_secret_post, client_secret_jwt, private_key_jwt "
                  "or none (default: basic with a secret, private_key_jwt with a key, none "
                  "without)."),
               tr("method"));
    const auto privateKey = option(
        "private-key", tr("private_key_jwt: the client's private key (PEM or JWK) in this file."),
        tr("file"));
    const auto scope = option("scope", tr("The scope (default \"openid\")."), tr("scope"),
                              QStringLiteral("openid"));
    const auto responseType =
        option("response-type",
               tr("code (default), id_token, \"id_token token\", token, \"code id_token\", "
                  "\"code token\" or \"code id_token token\"."),
               tr("type"), QStringLiteral("code"));
    const auto responseMode = option(
        "response-mode", tr("query, fragment or form_post (default: the provider's)."), tr("mode"));
    const auto redirectUri =
        option("redirect-uri",
               tr("The loopback redirect URI, http://127.0.0.1:PORT/PATH; port 0 picks a free one "
                  "(default http://127.0.0.1:0/callback)."),
               tr("uri"), QStringLiteral("http://127.0.0.1:0/callback"));
    const auto pkce =
        option("pkce", tr("S256 (default), plain or none."), tr("method"), QStringLiteral("S256"));
    const auto state =
        option("state", tr("The state to send (default: 128 random bits)."), tr("value"));
    const auto nonce =
        option("nonce", tr("The nonce to send (default: 128 random bits)."), tr("value"));
    const auto prompt = option("prompt", tr("The prompt parameter."), tr("value"));
    const auto loginHint = option("login-hint", tr("The login_hint parameter."), tr("value"));
    const auto param = option(
        "param", tr("An extra authorization parameter, NAME=VALUE. Repeatable."), tr("name=value"));
    const auto browser = option("browser",
                                tr("print: write \"authorization_url: URL\" on stderr and wait; "
                                   "system: open the desktop's browser."),
                                tr("mode"), QStringLiteral("print"));
    const auto wait = option("wait", tr("Seconds to wait for the redirect (default 300)."),
                             tr("seconds"), QStringLiteral("300"));
    const QCommandLineOption noUserinfo(QStringLiteral("no-userinfo"),
                                        tr("Do not call the userinfo endpoint after the flow."));
    parser.addOption(noUserinfo);
    Http::HttpOptions options;
    if (const int stop = command.parse(arguments, &options); stop >= 0)
        return stop;
    if (parser.positionalArguments().size() > 1)
        return usageError(tr("authorize takes no positional argument; unexpected “%1”")
                              .arg(parser.positionalArguments().at(1)));
    m_http->setOptions(options);

    auto url = [&parser](const QCommandLineOption &o) {
        return QUrl(parser.value(o), QUrl::StrictMode);
    };
    m_issuer = parser.value(issuer);
    m_request.issuer = m_issuer;
    m_request.authorizationEndpoint = url(authorizationEndpoint);
    m_request.tokenEndpoint = url(tokenEndpoint);
    m_request.userinfoEndpoint = url(userinfoEndpoint);
    if (m_issuer.isEmpty() &&
        (!m_request.authorizationEndpoint.isValid() || !m_request.tokenEndpoint.isValid()))
        return usageError(tr("authorize needs --issuer, or both --authorization-endpoint and "
                             "--token-endpoint"));
    m_request.clientId = parser.value(clientId);
    if (m_request.clientId.isEmpty())
        return usageError(tr("authorize needs --client-id"));
    if (parser.isSet(secretEnv)) {
        const QByteArray name = parser.value(secretEnv).toLocal8Bit();
        if (!qEnvironmentVariableIsSet(name.constData()))
            return usageError(
                tr("--client-secret-env: the variable %1 is not set").arg(parser.value(secretEnv)));
        m_request.clientSecret = qgetenv(name.constData());
    } else if (parser.isSet(secretFile)) {
        QFile file(parser.value(secretFile));
        if (!file.open(QIODevice::ReadOnly))
            return usageError(tr("--client-secret-file: cannot read “%1”").arg(file.fileName()));
        m_request.clientSecret = file.readAll();
        while (m_request.clientSecret.endsWith('\n') || m_request.clientSecret.endsWith('\r'))
            m_request.clientSecret.chop(1);
    } else {
        m_request.clientSecret = command.profileClientSecret(); // --profile: from the keychain
    }
    if (parser.isSet(privateKey)) {
        QFile file(parser.value(privateKey));
        if (!file.open(QIODevice::ReadOnly))
            return usageError(tr("--private-key: cannot read “%1”").arg(file.fileName()));
        m_request.clientPrivateKey = file.readAll();
    } else {
        m_request.clientPrivateKey = command.profileSecret(Profiles::SecretKind::PrivateKey);
    }
    using Method = ClientAuth::ClientAuthentication::Method;
    m_request.authMethod = !m_request.clientPrivateKey.isEmpty() ? Method::PrivateKeyJwt
                           : m_request.clientSecret.isEmpty()    ? Method::None
                                                                 : Method::ClientSecretBasic;
    if (parser.isSet(authMethod) && !ClientAuth::ClientAuthentication::parseMethod(
                                        parser.value(authMethod), &m_request.authMethod))
        return usageError(tr("--auth-method takes client_secret_basic, client_secret_post, "
                             "client_secret_jwt, private_key_jwt or none, not “%1”")
                              .arg(parser.value(authMethod)));
    if (m_request.authMethod == Method::PrivateKeyJwt) {
        if (m_request.clientPrivateKey.isEmpty())
            return usageError(tr("--auth-method private_key_jwt needs --private-key"));
    } else if (m_request.authMethod != Method::None && m_request.clientSecret.isEmpty()) {
        return usageError(tr("--auth-method %1 needs --client-secret-env or --client-secret-file")
                              .arg(parser.value(authMethod)));
    }
    m_request.scope = parser.value(scope);
    m_request.responseType = parser.value(responseType);
    if (const QString problem = m_request.parsedResponseType().problem(); !problem.isEmpty())
        return usageError(tr("--response-type: %1").arg(problem));
    m_request.responseMode = parser.value(responseMode);
    if (!m_request.responseMode.isEmpty() && m_request.responseMode != QLatin1String("query") &&
        m_request.responseMode != QLatin1String("fragment") &&
        m_request.responseMode != QLatin1String("form_post"))
        return usageError(tr("--response-mode takes query, fragment or form_post, not “%1”")
                              .arg(m_request.responseMode));
    m_redirectUri = url(redirectUri);
    if (m_redirectUri.scheme() != QLatin1String("http") ||
        (m_redirectUri.host() != QLatin1String("127.0.0.1") &&
         m_redirectUri.host() != QLatin1String("::1")) ||
        m_redirectUri.path().isEmpty())
        return usageError(tr("--redirect-uri must be http://127.0.0.1:PORT/PATH or "
                             "http://[::1]:PORT/PATH (RFC 8252 §7.3), not “%1”")
                              .arg(parser.value(redirectUri)));
    if (!AuthCode::Pkce::parseMethod(parser.value(pkce), &m_request.pkceMethod))
        return usageError(tr("--pkce takes S256, plain or none, not “%1”").arg(parser.value(pkce)));
    m_request.state = parser.value(state);
    m_request.nonce = parser.value(nonce);
    m_request.prompt = parser.value(prompt);
    m_request.loginHint = parser.value(loginHint);
    const QStringList params = parser.values(param);
    for (const QString &p : params) {
        const qsizetype equals = p.indexOf(QLatin1Char('='));
        if (equals <= 0)
            return usageError(tr("--param takes NAME=VALUE, not “%1”").arg(p));
        m_request.extraParameters.append({p.left(equals), p.mid(equals + 1)});
    }
    m_browser = parser.value(browser);
    if (m_browser != QLatin1String("print") && m_browser != QLatin1String("system"))
        return usageError(tr("--browser takes print or system, not “%1”").arg(m_browser));
    bool waitOk = false;
    const int waitSeconds = parser.value(wait).toInt(&waitOk);
    if (!waitOk || waitSeconds <= 0)
        return usageError(
            tr("--wait takes a positive number of seconds, not “%1”").arg(parser.value(wait)));
    m_wait.setInterval(waitSeconds * 1000);
    m_request.callUserinfo = !parser.isSet(noUserinfo);
    return -1;
}

void AuthorizeCommand::run()
{
    if (!m_issuer.isEmpty()) {
        m_discovery->discover(m_issuer);
        return;
    }
    startFlow();
}

void AuthorizeCommand::onDiscovered(const Discovery::DiscoveryResult &result)
{
    if (const int stop = DiscoverCommand::takeDiscovery(m_output, result); stop >= 0) {
        finish(stop);
        return;
    }
    const auto &m = result.metadata;
    m_request.issuer = m.issuer;
    if (!m_request.authorizationEndpoint.isValid())
        m_request.authorizationEndpoint = m.endpoint(QStringLiteral("authorization_endpoint"));
    if (!m_request.tokenEndpoint.isValid())
        m_request.tokenEndpoint = m.endpoint(QStringLiteral("token_endpoint"));
    if (!m_request.userinfoEndpoint.isValid())
        m_request.userinfoEndpoint = m.endpoint(QStringLiteral("userinfo_endpoint"));
    m_request.jwksUri = m.endpoint(QStringLiteral("jwks_uri"));
    m_request.issParameterRequired = m.authorizationResponseIssParameterSupported;
    startFlow();
}

void AuthorizeCommand::startFlow()
{
    if (!m_listener->listen(quint16(qMax(0, m_redirectUri.port(0))), m_redirectUri.path(),
                            m_redirectUri.host() == QLatin1String("::1"))) {
        m_output.setError({QStringLiteral("listener"), m_listener->errorString(), {}, {}, {}, {}});
        finish(ExitCode::NetworkError);
        return;
    }
    m_request.redirectUri = m_listener->redirectUri();
    m_flow->start(m_request);
}

void AuthorizeCommand::onAuthorizationUrl(const QUrl &url)
{
    const QByteArray line = "authorization_url: " + url.toEncoded() + '\n';
    std::fwrite(line.constData(), 1, size_t(line.size()), stderr);
    std::fflush(stderr);
    m_wait.start();
    if (m_browser == QLatin1String("system") &&
        !QProcess::startDetached(QStringLiteral("xdg-open"), {url.toString(QUrl::FullyEncoded)})) {
        const QByteArray warning =
            tr("tokenscope-cli: could not start the system browser (xdg-open); open the URL above")
                .toUtf8() +
            '\n';
        std::fwrite(warning.constData(), 1, size_t(warning.size()), stderr);
    }
}

void AuthorizeCommand::onFlowFinished(const FlowResult &result)
{
    m_wait.stop();
    m_listener->close();
    m_output.addExchanges(result.exchanges);
    m_output.setResult(resultJson(result));
    if (!result.ok())
        m_output.setError(CliOutput::flowError(result.error));
    finish(CliOutput::exitCodeFor(result.error));
}

QJsonObject AuthorizeCommand::resultJson(const FlowResult &result) const
{
    QJsonArray validation;
    for (const Finding &finding : result.checks)
        validation.append(finding.toJson());
    QJsonObject redirect;
    for (const auto &[name, value] : result.redirect.parameters)
        redirect.insert(name, value);
    QJsonObject object{
        {QStringLiteral("authorization_url"),
         QString::fromUtf8(result.authorizationUrl.toEncoded())},
        {QStringLiteral("redirect_uri"), m_flow->request().redirectUri.toString()},
        {QStringLiteral("response_source"),
         Redirect::RedirectResult::sourceName(result.redirect.source)},
        {QStringLiteral("response"), redirect},
        {QStringLiteral("validation"), validation},
    };
    if (result.frontChannel.ok && !result.frontChannel.raw.isEmpty() &&
        m_flow->request().parsedResponseType().kind() == AuthCode::ResponseType::Kind::Hybrid) {
        QJsonObject front{{QStringLiteral("response"), result.frontChannel.raw}};
        const QJsonObject claims = AuthCode::IdTokenCheck::claims(result.frontChannel.idToken);
        if (!claims.isEmpty())
            front.insert(QStringLiteral("claims"), claims);
        object.insert(QStringLiteral("front_channel"), front);
    }
    if (result.tokens.ok) {
        object.insert(QStringLiteral("tokens"), result.tokens.raw);
        const QJsonObject claims = AuthCode::IdTokenCheck::claims(result.tokens.idToken);
        if (!claims.isEmpty())
            object.insert(QStringLiteral("claims"), claims);
    }
    if (!result.userinfo.isEmpty())
        object.insert(QStringLiteral("userinfo"), result.userinfo);
    return object;
}

void AuthorizeCommand::finish(int exitCode)
{
    m_output.print();
    emit finished(exitCode);
}

} // namespace Tokenscope::Cli
