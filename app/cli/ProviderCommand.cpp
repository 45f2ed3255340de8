#include "ProviderCommand.h"

#include "ClientOptions.h"
#include "CommandParser.h"
#include "DiscoverCommand.h"
#include "ExitCode.h"
#include "http/HttpClient.h"
#include "http/Transcript.h"

#include <QCommandLineParser>
#include <QJsonArray>

namespace Tokenscope::Cli {

ProviderCommand::ProviderCommand(const QString &name, QNetworkAccessManager *network,
                                 const Clock &clock, RandomSource &random, QObject *parent)
    : QObject(parent)
    , m_clock(clock)
    , m_random(random)
    , m_transcript(new Http::Transcript(this))
    , m_http(new Http::HttpClient(network, m_transcript, m_clock, this))
    , m_output(name)
    , m_name(name)
    , m_discovery(new Discovery::DiscoveryClient(m_http, this))
{
    connect(m_discovery, &Discovery::DiscoveryClient::finished, this,
            &ProviderCommand::onDiscovered);
}

ProviderCommand::~ProviderCommand() = default;

int ProviderCommand::prepare(const QStringList &arguments)
{
    CommandParser command(m_name, summaryText(), m_output);
    command.useProfiles(qobject_cast<const ProfileOptions *>(parent())); // --profile NAME
    QCommandLineParser &parser = command.parser();
    auto option = [&parser](const QString &name, const QString &description,
                            const QString &value = QString()) {
        QCommandLineOption o(name, description, value);
        parser.addOption(o);
        return o;
    };
    const auto issuer =
        option(QStringLiteral("issuer"),
               tr("The provider's issuer: its metadata gives the endpoints."), tr("url"));
    QList<QPair<QString, QCommandLineOption>> endpointOptions;
    for (const QString &name : endpointNames())
        endpointOptions.append(
            {name, option(ProfileOptions::optionFor(name),
                          tr("Overrides the discovered %1.").arg(name), tr("url"))});
    const auto jwksUri =
        option(QStringLiteral("jwks-uri"), tr("Overrides the discovered jwks_uri."), tr("url"));
    const ClientOptions clientOptions;
    clientOptions.addTo(parser);
    const auto scope = option(QStringLiteral("scope"), tr("The scope to ask for."), tr("scope"));
    const auto resource = option(QStringLiteral("resource"),
                                 tr("A resource indicator (RFC 8707). Repeatable."), tr("uri"));
    const auto param =
        option(QStringLiteral("param"), tr("An extra request parameter, NAME=VALUE. Repeatable."),
               tr("name=value"));
    addOptions(parser);
    Http::HttpOptions options;
    if (const int stop = command.parse(arguments, &options); stop >= 0)
        return stop;
    m_http->setOptions(options);

    auto url = [&parser](const QCommandLineOption &o) {
        return QUrl(parser.value(o), QUrl::StrictMode);
    };
    m_issuer = parser.value(issuer);
    for (const auto &[name, o] : endpointOptions) {
        if (parser.isSet(o))
            m_endpoints.insert(name, url(o));
    }
    if (parser.isSet(jwksUri))
        m_jwksUri = url(jwksUri);
    // A command that can go without a client (userinfo, an assertion grant) reads the
    // client options only when a client is named.
    const bool anonymous = !needsClientId() && !parser.isSet(QStringLiteral("client-id"));
    if (const QString problem =
            anonymous ? QString()
                      : clientOptions.read(
                            parser, command,
                            ClientAuth::ClientAuthentication::Method::ClientSecretBasic, &m_client);
        !problem.isEmpty())
        return command.usageError(problem);
    if (needsClientId() && m_client.clientId.isEmpty())
        return command.usageError(tr("%1 needs --client-id").arg(m_name));
    m_scope = parser.value(scope);
    m_resources = parser.values(resource);
    for (const QString &p : parser.values(param)) {
        const qsizetype equals = p.indexOf(QLatin1Char('='));
        if (equals <= 0)
            return command.usageError(tr("--param takes NAME=VALUE, not “%1”").arg(p));
        m_parameters.append({p.left(equals), p.mid(equals + 1)});
    }
    if (const QString problem = readOptions(parser); !problem.isEmpty())
        return command.usageError(problem);
    const QString required = endpointNames().value(0);
    if (needsEndpoint() && m_issuer.isEmpty() && !m_endpoints.value(required).isValid())
        return command.usageError(
            tr("%1 needs --issuer or --%2").arg(m_name, ProfileOptions::optionFor(required)));
    return -1;
}

QByteArray ProviderCommand::profileSecret(Profiles::SecretKind kind) const
{
    const auto *profiles = qobject_cast<const ProfileOptions *>(parent());
    return profiles && profiles->isActive() ? profiles->secret(kind) : QByteArray();
}

void ProviderCommand::run()
{
    if (!m_issuer.isEmpty()) {
        m_discovery->discover(m_issuer);
        return;
    }
    act();
}

void ProviderCommand::onDiscovered(const Discovery::DiscoveryResult &result)
{
    if (const int stop = DiscoverCommand::takeDiscovery(m_output, result); stop >= 0) {
        m_output.print();
        emit finished(stop);
        return;
    }
    m_issuer = result.metadata.issuer;
    for (const QString &name : endpointNames()) {
        if (!m_endpoints.value(name).isValid())
            m_endpoints.insert(name, result.metadata.endpoint(name));
    }
    if (!m_jwksUri.isValid())
        m_jwksUri = result.metadata.endpoint(QStringLiteral("jwks_uri"));
    const QString required = endpointNames().value(0);
    if (needsEndpoint() && !m_endpoints.value(required).isValid()) {
        m_output.setError({QStringLiteral("usage"),
                           tr("The provider names no %1; give --%2")
                               .arg(required, ProfileOptions::optionFor(required)),
                           {},
                           {},
                           {},
                           {}});
        m_output.print();
        emit finished(ExitCode::Usage);
        return;
    }
    act();
}

void ProviderCommand::finishWith(const QJsonObject &result, const Findings &checks,
                                 const QList<Http::Exchange> &exchanges,
                                 const AuthCode::FlowError &error)
{
    QJsonObject object = result;
    QJsonArray validation;
    for (const Finding &finding : checks)
        validation.append(finding.toJson());
    object.insert(QStringLiteral("validation"), validation);
    m_output.addExchanges(exchanges);
    m_output.setResult(object);
    if (error.isError())
        m_output.setError(CliOutput::flowError(error));
    m_output.print();
    emit finished(CliOutput::exitCodeFor(error));
}

void ProviderCommand::finishUsage(const QString &message)
{
    AuthCode::FlowError error;
    error.kind = AuthCode::FlowError::Kind::Usage;
    error.message = message;
    finishWith({}, {}, {}, error);
}

} // namespace Tokenscope::Cli
