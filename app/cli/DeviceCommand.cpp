#include "DeviceCommand.h"

#include "CommandParser.h"
#include "DiscoverCommand.h"
#include "ExitCode.h"
#include "InterruptNotifier.h"
#include "authcode/IdTokenCheck.h"
#include "common/Clock.h"
#include "device/QrCode.h"
#include "http/HttpClient.h"
#include "http/Transcript.h"

#include <QCommandLineParser>
#include <QJsonArray>
#include <QProcess>

#include <cstdio>

namespace Tokenscope::Cli {

using AuthCode::FlowError;

namespace {

void say(const QByteArray &line)
{
    std::fwrite(line.constData(), 1, size_t(line.size()), stderr);
    std::fputc('\n', stderr);
    std::fflush(stderr);
}

} // namespace

DeviceCommand::DeviceCommand(QNetworkAccessManager *network, const Clock &clock,
                             RandomSource &random, QObject *parent)
    : QObject(parent)
    , m_transcript(new Http::Transcript(this))
    , m_http(new Http::HttpClient(network, m_transcript, clock, this))
    , m_discovery(new Discovery::DiscoveryClient(m_http, this))
    , m_flow(new Device::DeviceFlow(m_http, random, m_scheduler, nullptr, this))
    , m_interrupt(new InterruptNotifier(this))
{
    m_wait.setSingleShot(true);
    connect(m_discovery, &Discovery::DiscoveryClient::finished, this, &DeviceCommand::onDiscovered);
    connect(m_flow, &Device::DeviceFlow::authorizationReady, this, &DeviceCommand::onAuthorization);
    connect(m_flow, &Device::DeviceFlow::polled, this,
            [this](int number, const QString &answer) { onPolled(number, answer); });
    connect(m_flow, &Device::DeviceFlow::finished, this, &DeviceCommand::onFlowFinished);
    connect(&m_wait, &QTimer::timeout, this, [this] {
        m_flow->cancelWithReason(
            tr("The user did not decide within %1 s (--wait)").arg(m_wait.interval() / 1000));
    });
    connect(m_interrupt, &InterruptNotifier::interrupted, this, [this](const QString &signal) {
        m_flow->cancelWithReason(tr("Interrupted (%1)").arg(signal));
    });
}

DeviceCommand::~DeviceCommand()
{
    delete m_flow; // before the scheduler it uses
}

QString DeviceCommand::summary()
{
    return tr("Run the device authorization grant (RFC 8628): show the user code, poll for "
              "the tokens.");
}

int DeviceCommand::prepare(const QStringList &arguments)
{
    CommandParser command(QStringLiteral("device"), summary(), m_output);
    command.useProfiles(qobject_cast<const ProfileOptions *>(parent())); // --profile NAME
    QCommandLineParser &parser = command.parser();
    auto option = [&parser](const char *name, const QString &description,
                            const QString &value = QString(), const QString &fallback = QString()) {
        QCommandLineOption o(QString::fromLatin1(name), description, value, fallback);
        parser.addOption(o);
        return o;
    };
    const auto issuer =
        option("issuer", tr("The provider's issuer: its metadata gives the endpoints."), tr("url"));
    const auto deviceEndpoint =
        option("device-authorization-endpoint",
               tr("Overrides the discovered device authorization endpoint."), tr("url"));
    const auto tokenEndpoint =
        option("token-endpoint", tr("Overrides the discovered token endpoint."), tr("url"));
    m_clientOptions.addTo(parser);
    const auto scope = option("scope", tr("The scope (default \"openid\")."), tr("scope"),
                              QStringLiteral("openid"));
    const auto param =
        option("param", tr("An extra device authorization parameter, NAME=VALUE. Repeatable."),
               tr("name=value"));
    const QCommandLineOption open(QStringLiteral("open"),
                                  tr("Open the verification URI in the desktop's browser."));
    const QCommandLineOption qr(QStringLiteral("qr"),
                                tr("Also draw the verification URI as a QR code on stderr."));
    parser.addOptions({open, qr});
    const auto wait =
        option("wait", tr("Seconds to wait for the user (default: until the device code expires)."),
               tr("seconds"));
    Http::HttpOptions options;
    if (const int stop = command.parse(arguments, &options); stop >= 0)
        return stop;
    if (parser.positionalArguments().size() > 1)
        return command.usageError(tr("device takes no positional argument; unexpected “%1”")
                                      .arg(parser.positionalArguments().at(1)));
    m_http->setOptions(options);
    m_issuer = parser.value(issuer);
    m_request.issuer = m_issuer;
    m_request.deviceAuthorizationEndpoint = QUrl(parser.value(deviceEndpoint), QUrl::StrictMode);
    m_request.tokenEndpoint = QUrl(parser.value(tokenEndpoint), QUrl::StrictMode);
    if (m_issuer.isEmpty() &&
        (!m_request.deviceAuthorizationEndpoint.isValid() || !m_request.tokenEndpoint.isValid()))
        return command.usageError(tr("device needs --issuer, or both "
                                     "--device-authorization-endpoint and --token-endpoint"));
    const QString clientProblem = m_clientOptions.read(
        parser, command.profileClientSecret(),
        ClientAuth::ClientAuthentication::Method::ClientSecretBasic, &m_request.client);
    if (!clientProblem.isEmpty())
        return command.usageError(clientProblem);
    m_request.scope = parser.value(scope);
    for (const QString &p : parser.values(param)) {
        const qsizetype equals = p.indexOf(QLatin1Char('='));
        if (equals <= 0)
            return command.usageError(tr("--param takes NAME=VALUE, not “%1”").arg(p));
        m_request.extraParameters.append({p.left(equals), p.mid(equals + 1)});
    }
    m_open = parser.isSet(open);
    m_qr = parser.isSet(qr);
    if (parser.isSet(wait)) {
        bool ok = false;
        const int seconds = parser.value(wait).toInt(&ok);
        if (!ok || seconds <= 0)
            return command.usageError(
                tr("--wait takes a positive number of seconds, not “%1”").arg(parser.value(wait)));
        m_wait.setInterval(seconds * 1000);
    }
    return -1;
}

void DeviceCommand::run()
{
    m_interrupt->listen();
    if (!m_issuer.isEmpty()) {
        m_discovery->discover(m_issuer);
        return;
    }
    startFlow();
}

void DeviceCommand::onDiscovered(const Discovery::DiscoveryResult &result)
{
    if (const int stop = DiscoverCommand::takeDiscovery(m_output, result); stop >= 0) {
        finish(stop);
        return;
    }
    const auto &m = result.metadata;
    m_request.issuer = m.issuer;
    if (!DiscoverCommand::takeEndpoint(&m_request.deviceAuthorizationEndpoint, m,
                                       QStringLiteral("device_authorization_endpoint"), m_output)) {
        finish(ExitCode::Usage);
        return;
    }
    if (!m_request.tokenEndpoint.isValid())
        m_request.tokenEndpoint = m.endpoint(QStringLiteral("token_endpoint"));
    m_request.jwksUri = m.endpoint(QStringLiteral("jwks_uri"));
    startFlow();
}

void DeviceCommand::startFlow()
{
    m_flow->start(m_request);
}

void DeviceCommand::onAuthorization(const Device::DeviceAuthorization &authorization)
{
    // Scripts read these lines: they are not translated.
    say("user_code: " + authorization.userCode.toUtf8());
    say("verification_uri: " + authorization.verificationUri.toEncoded());
    if (!authorization.verificationUriComplete.isEmpty())
        say("verification_uri_complete: " + authorization.verificationUriComplete.toEncoded());
    const QUrl shown = authorization.verificationUriComplete.isEmpty()
                           ? authorization.verificationUri
                           : authorization.verificationUriComplete;
    if (m_qr) {
        const Device::QrCode code = Device::QrCode::encode(shown.toEncoded());
        say(code.isNull() ? tr("(no QR code: %1)").arg(code.problem()).toUtf8()
                          : code.toText().toUtf8());
    }
    if (m_open &&
        !QProcess::startDetached(QStringLiteral("xdg-open"), {shown.toString(QUrl::FullyEncoded)}))
        say(tr("tokenscope-cli: could not start the system browser (xdg-open); open the URL "
               "above")
                .toUtf8());
    if (m_wait.interval() > 0)
        m_wait.start();
}

void DeviceCommand::onPolled(int number, const QString &answer)
{
    if (answer.isEmpty())
        return;
    say(tr("poll %1: %2 (next in %3 s)")
            .arg(number)
            .arg(answer)
            .arg(qMax<qint64>(0, m_http->clock().now().secsTo(m_flow->nextPollAt())))
            .toUtf8());
}

CliOutput::Error DeviceCommand::outputError(const FlowError &error)
{
    CliOutput::Error output{
        FlowError::kindName(error.kind), error.message,        error.oauth.error,
        error.oauth.errorDescription,    error.oauth.errorUri, {}};
    if (!error.rule.isEmpty())
        output.details.insert(QStringLiteral("rule"), error.rule);
    if (error.transport != Http::TransportErrorKind::None)
        output.details.insert(QStringLiteral("transport"),
                              Http::transportErrorKindName(error.transport));
    return output;
}

int DeviceCommand::exitCodeFor(const FlowError &error)
{
    switch (error.kind) {
    case FlowError::Kind::None:
        return ExitCode::Ok;
    case FlowError::Kind::Usage:
        return ExitCode::Usage;
    case FlowError::Kind::Validation:
        return ExitCode::ValidationFailed;
    case FlowError::Kind::Provider:
        return ExitCode::ProviderError;
    case FlowError::Kind::Transport:
    case FlowError::Kind::Cancelled:
        return ExitCode::NetworkError;
    }
    return ExitCode::ProviderError;
}

QJsonObject DeviceCommand::pollingJson(const AuthCode::TokenResponse &tokens,
                                       const Findings &checks, int polls, qint64 interval)
{
    QJsonArray validation;
    for (const Finding &finding : checks)
        validation.append(finding.toJson());
    QJsonObject object{{QStringLiteral("polls"), polls},
                       {QStringLiteral("interval"), interval},
                       {QStringLiteral("validation"), validation}};
    if (tokens.ok) {
        object.insert(QStringLiteral("tokens"), tokens.raw);
        const QJsonObject claims = AuthCode::IdTokenCheck::claims(tokens.idToken);
        if (!claims.isEmpty())
            object.insert(QStringLiteral("claims"), claims);
    }
    return object;
}

QJsonObject DeviceCommand::resultJson(const Device::DeviceFlowResult &result) const
{
    QJsonObject object = pollingJson(result.tokens, result.checks, result.polls, result.interval);
    const Device::DeviceAuthorization &a = result.authorization;
    if (!a.raw.isEmpty())
        object.insert(QStringLiteral("device_authorization"), a.raw);
    if (!a.userCode.isEmpty()) {
        object.insert(QStringLiteral("user_code"), a.userCode);
        object.insert(QStringLiteral("verification_uri"), a.verificationUri.toString());
    }
    if (!a.verificationUriComplete.isEmpty())
        object.insert(QStringLiteral("verification_uri_complete"),
                      a.verificationUriComplete.toString());
    return object;
}

void DeviceCommand::onFlowFinished(const Device::DeviceFlowResult &result)
{
    m_wait.stop();
    m_output.addExchanges(result.exchanges);
    m_output.setResult(resultJson(result));
    if (!result.ok())
        m_output.setError(outputError(result.error));
    finish(exitCodeFor(result.error));
}

void DeviceCommand::finish(int exitCode)
{
    m_output.print();
    emit finished(exitCode);
}

} // namespace Tokenscope::Cli
