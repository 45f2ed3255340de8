#include "IntrospectCommand.h"

#include <QCommandLineParser>

namespace Tokenscope::Cli {

IntrospectCommand::IntrospectCommand(QNetworkAccessManager *network, const Clock &clock,
                                     RandomSource &random, QObject *parent)
    : ProviderCommand(QStringLiteral("introspect"), network, clock, random, parent)
    , m_client(new Endpoints::IntrospectionClient(m_http, random, this))
{
    connect(m_client, &Endpoints::IntrospectionClient::finished, this,
            [this](const Endpoints::IntrospectionResult &result) {
                QJsonObject object{{QStringLiteral("active"), result.active},
                                   {QStringLiteral("http_status"), result.httpStatus}};
                if (!result.claims.isEmpty())
                    object.insert(QStringLiteral("claims"), result.claims);
                finishWith(object, result.checks, result.exchanges, result.error);
            });
}

IntrospectCommand::~IntrospectCommand() = default;

QString IntrospectCommand::summary()
{
    return tr("Ask the provider whether a token is active, and what it knows of it (RFC 7662).");
}

QStringList IntrospectCommand::endpointNames() const
{
    return {QStringLiteral("introspection_endpoint")};
}

void IntrospectCommand::addOptions(QCommandLineParser &parser)
{
    parser.addOption(QCommandLineOption(QStringLiteral("token-type-hint"),
                                        tr("access_token or refresh_token."), tr("hint")));
    parser.addPositionalArgument(QStringLiteral("TOKEN"), tr("The token to introspect."));
}

QString IntrospectCommand::readOptions(const QCommandLineParser &parser)
{
    const QStringList positional = parser.positionalArguments();
    if (positional.size() != 2)
        return tr("introspect takes one TOKEN");
    m_request.token = positional.at(1);
    m_request.tokenTypeHint = parser.value(QStringLiteral("token-type-hint"));
    return {};
}

void IntrospectCommand::act()
{
    m_request.endpoint = endpoint(QStringLiteral("introspection_endpoint"));
    m_request.client = ProviderCommand::m_client;
    m_client->introspect(m_request);
}

} // namespace Tokenscope::Cli
