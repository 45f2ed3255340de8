#include "DiscoverCommand.h"

#include "CommandParser.h"
#include "ExitCode.h"
#include "ProfileOptions.h"
#include "http/HttpClient.h"
#include "http/Transcript.h"

#include <QCommandLineParser>
#include <QJsonArray>

#include <cstdio>

namespace Tokenscope::Cli {

using Discovery::DiscoveryError;

DiscoverCommand::DiscoverCommand(QNetworkAccessManager *network, const Clock &clock,
                                 QObject *parent)
    : QObject(parent)
    , m_network(network)
    , m_clock(clock)
    , m_transcript(new Http::Transcript(this))
    , m_http(new Http::HttpClient(m_network, m_transcript, m_clock, this))
    , m_discovery(new Discovery::DiscoveryClient(m_http, this))
{
    connect(m_discovery, &Discovery::DiscoveryClient::finished, this, &DiscoverCommand::onFinished);
}

DiscoverCommand::~DiscoverCommand() = default;

QString DiscoverCommand::summary()
{
    return tr("Fetch and check a provider's metadata (OpenID Connect discovery, RFC 8414).");
}

int DiscoverCommand::prepare(const QStringList &arguments)
{
    CommandParser command(QStringLiteral("discover"), summary(), m_output);
    command.useProfiles(qobject_cast<const ProfileOptions *>(parent()));
    QCommandLineParser &parser = command.parser();
    const QCommandLineOption wellKnown(
        QStringLiteral("well-known"),
        tr("Which metadata to look for: 'auto' (OpenID Connect, then RFC 8414), 'openid' or "
           "'oauth'."),
        tr("kind"), QStringLiteral("auto"));
    parser.addOption(wellKnown);
    parser.addPositionalArgument(
        QStringLiteral("ISSUER"),
        tr("The issuer URL, e.g. https://accounts.example.com, or a full .well-known URL."));
    Http::HttpOptions options;
    if (const int stop = command.parse(arguments, &options); stop >= 0)
        return stop;
    auto usageError = [&command](const QString &message) {
        return command.usageError(message);
    };

    const QString mode = parser.value(wellKnown);
    if (mode == QLatin1String("auto"))
        m_mode = Discovery::WellKnown::Mode::Auto;
    else if (mode == QLatin1String("openid"))
        m_mode = Discovery::WellKnown::Mode::OpenIdOnly;
    else if (mode == QLatin1String("oauth"))
        m_mode = Discovery::WellKnown::Mode::OAuthOnly;
    else
        return usageError(tr("--well-known takes 'auto', 'openid' or 'oauth', not “%1”").arg(mode));

    QStringList positional = parser.positionalArguments();
    if (positional.size() < 2 && !command.profileIssuer().isEmpty())
        positional.append(command.profileIssuer()); // --profile NAME: its issuer
    if (positional.size() < 2)
        return usageError(tr("discover needs an ISSUER URL (or --profile NAME)"));
    if (positional.size() > 2)
        return usageError(tr("discover takes one ISSUER; unexpected “%1”").arg(positional.at(2)));
    m_issuer = positional.at(1);
    QUrl parsed;
    const QString issuerProblem = Discovery::WellKnown::parseIssuer(m_issuer, &parsed);
    if (!issuerProblem.isEmpty())
        return usageError(issuerProblem);

    m_http->setOptions(options);
    return -1;
}

void DiscoverCommand::run()
{
    m_discovery->discover(m_issuer, m_mode);
}

int DiscoverCommand::exitCodeFor(const DiscoveryError &error)
{
    switch (error.kind) {
    case DiscoveryError::Kind::None:
        return ExitCode::Ok;
    case DiscoveryError::Kind::InvalidIssuer:
        return ExitCode::Usage;
    case DiscoveryError::Kind::Transport:
    case DiscoveryError::Kind::Cancelled:
        return ExitCode::NetworkError;
    case DiscoveryError::Kind::IssuerMismatch:
        return ExitCode::ValidationFailed;
    case DiscoveryError::Kind::HttpStatus:
    case DiscoveryError::Kind::HtmlPage:
    case DiscoveryError::Kind::NotJson:
    case DiscoveryError::Kind::MalformedJson:
    case DiscoveryError::Kind::NotAnObject:
        return ExitCode::ProviderError;
    }
    return ExitCode::ProviderError;
}

CliOutput::Error DiscoverCommand::outputError(const DiscoveryError &error)
{
    return {DiscoveryError::kindName(error.kind),
            error.message,
            error.error,
            error.errorDescription,
            error.errorUri,
            {}};
}

int DiscoverCommand::takeDiscovery(CliOutput &output, const Discovery::DiscoveryResult &result)
{
    output.addExchanges(result.exchanges);
    if (result.ok())
        return -1;
    output.setError(outputError(result.error));
    return exitCodeFor(result.error);
}

bool DiscoverCommand::takeEndpoint(QUrl *endpoint, const Discovery::ProviderMetadata &metadata,
                                   const QString &name, CliOutput &output)
{
    if (!endpoint->isValid())
        *endpoint = metadata.endpoint(name);
    if (endpoint->isValid())
        return true;
    output.setError({QStringLiteral("usage"),
                     tr("%1 names no %2; give --%3")
                         .arg(metadata.issuer, name, ProfileOptions::optionFor(name)),
                     {},
                     {},
                     {},
                     {}});
    return false;
}

void DiscoverCommand::onFinished(const Discovery::DiscoveryResult &result)
{
    m_output.addExchanges(result.exchanges);
    if (result.ok()) {
        m_output.setResult(result.metadata.toJson());
    } else {
        const DiscoveryError &e = result.error;
        CliOutput::Error error = outputError(e);
        if (e.kind == DiscoveryError::Kind::Transport)
            error.details.insert(QStringLiteral("transport"),
                                 Http::transportErrorKindName(e.transportKind));
        if (e.httpStatus != 0)
            error.details.insert(QStringLiteral("http_status"), e.httpStatus);
        if (e.kind == DiscoveryError::Kind::MalformedJson) {
            error.details.insert(QStringLiteral("line"), e.line);
            error.details.insert(QStringLiteral("column"), e.column);
        }
        if (e.kind == DiscoveryError::Kind::IssuerMismatch) {
            error.details.insert(QStringLiteral("rule"), QStringLiteral("issuer_matches"));
            error.details.insert(QStringLiteral("expected"), e.expected);
            error.details.insert(QStringLiteral("actual"), e.actual);
            // The document is still shown: it is what the provider said.
            m_output.setResult(result.metadata.toJson());
        }
        m_output.setError(error);
    }
    m_output.print();
    emit finished(exitCodeFor(result.error));
}

} // namespace Tokenscope::Cli
