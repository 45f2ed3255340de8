#include "CibaCommand.h"

#include "CommandParser.h"
#include "DiscoverCommand.h"
#include "ExitCode.h"
#include "common/RandomSource.h"
#include "http/HttpClient.h"

#include <QCommandLineParser>

namespace Tokenscope::Cli {

using AuthCode::FlowError;

CibaCommand::CibaCommand(QNetworkAccessManager *network, const Clock &clock, RandomSource &random,
                         QObject *parent)
    : PollingCommand(network, clock, QStringLiteral("ciba"), parent)
    , m_flow(new Ciba::CibaFlow(m_http, random, m_scheduler, nullptr, this))
    , m_random(random)
{
    watch(m_flow);
    connect(m_flow, &Ciba::CibaFlow::authorizationReady, this, &CibaCommand::onAuthorization);
    connect(m_flow, &Ciba::CibaFlow::finished, this, &CibaCommand::onFlowFinished);
}

CibaCommand::~CibaCommand()
{
    delete m_flow; // before the scheduler it uses
}

QString CibaCommand::summary()
{
    return tr("Run CIBA in poll or ping mode: ask the user on their device, then poll for "
              "the tokens or wait for the provider's notification.");
}

int CibaCommand::prepare(const QStringList &arguments)
{
    CommandParser command(QStringLiteral("ciba"), summary(), m_output);
    command.useProfiles(qobject_cast<const ProfileOptions *>(parent())); // --profile NAME
    QCommandLineParser &parser = command.parser();
    const auto option = [&parser](const char *name, const QString &description,
                                  const QString &value = QString(),
                                  const QString &fallback = QString()) {
        return addOption(parser, name, description, value, fallback);
    };
    const auto issuer =
        option("issuer", tr("The provider's issuer: its metadata gives the endpoints."), tr("url"));
    const auto bcEndpoint =
        option("backchannel-authentication-endpoint",
               tr("Overrides the discovered backchannel authentication endpoint."), tr("url"));
    const auto tokenEndpoint =
        option("token-endpoint", tr("Overrides the discovered token endpoint."), tr("url"));
    m_clientOptions.addTo(parser);
    const auto scope = option("scope", tr("The scope, with openid (default \"openid\")."),
                              tr("scope"), QStringLiteral("openid"));
    const auto loginHint = option("login-hint", tr("Who to ask: the login_hint."), tr("value"));
    const auto idTokenHint =
        option("id-token-hint", tr("Who to ask: an ID token of theirs."), tr("token"));
    const auto loginHintToken =
        option("login-hint-token", tr("Who to ask: a login_hint_token."), tr("token"));
    const auto bindingMessage =
        option("binding-message", tr("A short message shown on both devices."), tr("text"));
    const auto userCode = option("user-code", tr("The user's secret user_code."), tr("code"));
    const auto requestedExpiry =
        option("requested-expiry", tr("The lifetime to ask for, in seconds."), tr("seconds"));
    const auto acrValues = option("acr-values", tr("The acr_values parameter."), tr("values"));
    const auto param = option(
        "param", tr("An extra backchannel authentication parameter, NAME=VALUE. Repeatable."),
        tr("name=value"));
    const auto wait =
        option("wait", tr("Seconds to wait for the user (default: until the request expires)."),
               tr("seconds"));
    const auto ping = option(
        "ping",
        tr("Ping mode: listen at this client notification endpoint, http://127.0.0.1:PORT/PATH "
           "(port 0 picks a free one), and wait for the provider's notification instead of "
           "polling."),
        tr("url"));
    Http::HttpOptions options;
    if (const int stop = command.parse(arguments, &options); stop >= 0)
        return stop;
    if (parser.positionalArguments().size() > 1)
        return command.usageError(tr("ciba takes no positional argument; unexpected “%1”")
                                      .arg(parser.positionalArguments().at(1)));
    m_http->setOptions(options);
    m_issuer = parser.value(issuer);
    m_request.issuer = m_issuer;
    m_request.backchannelAuthenticationEndpoint = QUrl(parser.value(bcEndpoint), QUrl::StrictMode);
    m_request.tokenEndpoint = QUrl(parser.value(tokenEndpoint), QUrl::StrictMode);
    if (m_issuer.isEmpty() && (!m_request.backchannelAuthenticationEndpoint.isValid() ||
                               !m_request.tokenEndpoint.isValid()))
        return command.usageError(tr("ciba needs --issuer, or both "
                                     "--backchannel-authentication-endpoint and --token-endpoint"));
    const QString clientProblem = m_clientOptions.read(
        parser, command, ClientAuth::ClientAuthentication::Method::ClientSecretBasic,
        &m_request.client);
    if (!clientProblem.isEmpty())
        return command.usageError(clientProblem);
    m_request.scope = parser.value(scope);
    m_request.loginHint = parser.value(loginHint);
    m_request.idTokenHint = parser.value(idTokenHint);
    m_request.loginHintToken = parser.value(loginHintToken);
    m_request.bindingMessage = parser.value(bindingMessage);
    m_request.userCode = parser.value(userCode);
    m_request.acrValues = parser.value(acrValues);
    if (parser.isSet(requestedExpiry)) {
        bool ok = false;
        m_request.requestedExpiry = parser.value(requestedExpiry).toLongLong(&ok);
        if (!ok || m_request.requestedExpiry <= 0)
            return command.usageError(
                tr("--requested-expiry takes a positive number of seconds, not “%1”")
                    .arg(parser.value(requestedExpiry)));
    }
    if (const QString problem = readParameters(parser.values(param), &m_request.extraParameters);
        !problem.isEmpty())
        return command.usageError(problem);
    if (const QString problem = readWait(parser, wait); !problem.isEmpty())
        return command.usageError(problem);
    if (parser.isSet(ping)) {
        if (const QString problem = readPingUrl(parser.value(ping)); !problem.isEmpty())
            return command.usageError(problem);
    }
    // Endpoints may still come from discovery: check the rest now.
    Ciba::CibaRequest probe = m_request;
    probe.backchannelAuthenticationEndpoint = QUrl(QStringLiteral("https://probe.invalid/bc"));
    probe.tokenEndpoint = QUrl(QStringLiteral("https://probe.invalid/token"));
    if (const QString problem = probe.problem(); !problem.isEmpty())
        return command.usageError(problem);
    return -1;
}

QString CibaCommand::readPingUrl(const QString &text)
{
    const QUrl url(text, QUrl::StrictMode);
    if (!url.isValid() || url.scheme() != QLatin1String("http") ||
        url.host() != QLatin1String("127.0.0.1") || url.port() < 0 || url.path().isEmpty() ||
        url.hasQuery() || url.hasFragment() || !url.userInfo().isEmpty())
        return tr("--ping takes http://127.0.0.1:PORT/PATH (a loopback address with a port, 0 for "
                  "a free one), not “%1”")
            .arg(text);
    m_pingUrl = url;
    return {};
}

bool CibaCommand::startListener()
{
    m_listener = new Ciba::NotificationListener(this);
    if (!m_listener->listen(quint16(m_pingUrl.port()), m_pingUrl.path())) {
        m_output.setError(
            {QStringLiteral("listener"),
             tr("Cannot listen at %1: %2").arg(m_pingUrl.toString(), m_listener->errorString()),
             {},
             {},
             {},
             {}});
        return false;
    }
    m_listener->setHandler([this](const QByteArray &authorization, const QByteArray &body) {
        return m_flow->handleNotification(authorization, body);
    });
    connect(m_listener, &Ciba::NotificationListener::notificationReceived, this, [](int status) {
        if (status == 204)
            say(tr("notification received: asking for the tokens").toUtf8());
        else
            say(tr("a notification was refused (HTTP %1)").arg(status).toUtf8());
    });
    // 256 bits from the CSPRNG, as a bearer token (base64url without padding).
    const QByteArray secret = m_random.bytes(32);
    if (secret.size() != 32)
        qFatal("tokenscope-cli: the random source failed");
    m_request.clientNotificationEndpoint = m_listener->url();
    m_request.clientNotificationToken = QString::fromLatin1(
        secret.toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals));
    // Scripts read this line: it is not translated.
    say("client_notification_endpoint: " + m_listener->url().toEncoded());
    return true;
}

bool CibaCommand::beforeRun()
{
    if (m_pingUrl.isValid() && !startListener()) {
        finish(ExitCode::NetworkError);
        return false;
    }
    return true;
}

void CibaCommand::startFlow()
{
    m_flow->start(m_request);
}

void CibaCommand::onDiscovered(const Discovery::DiscoveryResult &result)
{
    if (const int stop = DiscoverCommand::takeDiscovery(m_output, result); stop >= 0) {
        finish(stop);
        return;
    }
    const auto &m = result.metadata;
    m_request.issuer = m.issuer;
    if (!DiscoverCommand::takeEndpoint(&m_request.backchannelAuthenticationEndpoint, m,
                                       QStringLiteral("backchannel_authentication_endpoint"),
                                       m_output)) {
        finish(ExitCode::Usage);
        return;
    }
    if (!m_request.tokenEndpoint.isValid())
        m_request.tokenEndpoint = m.endpoint(QStringLiteral("token_endpoint"));
    m_request.jwksUri = m.endpoint(QStringLiteral("jwks_uri"));
    startFlow();
}

void CibaCommand::onAuthorization(const Ciba::CibaAuthorization &authorization)
{
    // Scripts read this line: it is not translated.
    say("expires_in: " + QByteArray::number(authorization.expiresIn));
    startWaiting();
}

void CibaCommand::onFlowFinished(const Ciba::CibaFlowResult &result)
{
    QJsonObject object = pollingJson(result.tokens, result.checks, result.polls, result.interval);
    if (!result.authorization.raw.isEmpty())
        object.insert(QStringLiteral("backchannel_authentication"), result.authorization.raw);
    object.insert(QStringLiteral("mode"),
                  m_request.isPingMode() ? QStringLiteral("ping") : QStringLiteral("poll"));
    if (m_request.isPingMode()) {
        object.insert(QStringLiteral("notified"), result.notified);
        object.insert(QStringLiteral("client_notification_endpoint"),
                      m_request.clientNotificationEndpoint.toString());
    }
    if (m_listener)
        m_listener->close();
    finishFlow(result.exchanges, object, result.error);
}

} // namespace Tokenscope::Cli
