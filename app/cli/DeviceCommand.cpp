#include "DeviceCommand.h"

#include "CommandParser.h"
#include "DiscoverCommand.h"
#include "ExitCode.h"
#include "device/QrCode.h"
#include "http/HttpClient.h"

#include <QCommandLineParser>
#include <QProcess>

namespace Tokenscope::Cli {

DeviceCommand::DeviceCommand(QNetworkAccessManager *network, const Clock &clock,
                             RandomSource &random, QObject *parent)
    : PollingCommand(network, clock, QStringLiteral("device"), parent)
    , m_flow(new Device::DeviceFlow(m_http, random, m_scheduler, nullptr, this))
{
    watch(m_flow);
    connect(m_flow, &Device::DeviceFlow::authorizationReady, this, &DeviceCommand::onAuthorization);
    connect(m_flow, &Device::DeviceFlow::finished, this, &DeviceCommand::onFlowFinished);
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
    const auto option = [&parser](const char *name, const QString &description,
                                  const QString &value = QString(),
                                  const QString &fallback = QString()) {
        return addOption(parser, name, description, value, fallback);
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
        parser, command, ClientAuth::ClientAuthentication::Method::ClientSecretBasic,
        &m_request.client);
    if (!clientProblem.isEmpty())
        return command.usageError(clientProblem);
    m_request.scope = parser.value(scope);
    if (const QString problem = readParameters(parser.values(param), &m_request.extraParameters);
        !problem.isEmpty())
        return command.usageError(problem);
    m_open = parser.isSet(open);
    m_qr = parser.isSet(qr);
    if (const QString problem = readWait(parser, wait); !problem.isEmpty())
        return command.usageError(problem);
    return -1;
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
    startWaiting();
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
    finishFlow(result.exchanges, resultJson(result), result.error);
}

} // namespace Tokenscope::Cli
