#include "RevokeCommand.h"

#include <QCommandLineParser>

namespace Tokenscope::Cli {

RevokeCommand::RevokeCommand(QNetworkAccessManager *network, const Clock &clock,
                             RandomSource &random, QObject *parent)
    : ProviderCommand(QStringLiteral("revoke"), network, clock, random, parent)
    , m_revocation(new Endpoints::RevocationClient(m_http, random, this))
{
    connect(m_revocation, &Endpoints::RevocationClient::finished, this,
            [this](const Endpoints::EndpointResult &result) {
                finishWith({{QStringLiteral("revoked"), result.ok()},
                            {QStringLiteral("http_status"), result.httpStatus}},
                           result.checks, result.exchanges, result.error);
            });
}

RevokeCommand::~RevokeCommand() = default;

QString RevokeCommand::summary()
{
    return tr("Revoke an access or refresh token (RFC 7009).");
}

QStringList RevokeCommand::endpointNames() const
{
    return {QStringLiteral("revocation_endpoint")};
}

void RevokeCommand::addOptions(QCommandLineParser &parser)
{
    parser.addOption(QCommandLineOption(QStringLiteral("token-type-hint"),
                                        tr("access_token or refresh_token."), tr("hint")));
    parser.addPositionalArgument(QStringLiteral("TOKEN"), tr("The token to revoke."));
}

QString RevokeCommand::readOptions(const QCommandLineParser &parser)
{
    const QStringList positional = parser.positionalArguments();
    if (positional.size() != 2)
        return tr("revoke takes one TOKEN");
    m_request.token = positional.at(1);
    m_request.tokenTypeHint = parser.value(QStringLiteral("token-type-hint"));
    return {};
}

void RevokeCommand::act()
{
    m_request.endpoint = endpoint(QStringLiteral("revocation_endpoint"));
    m_request.client = m_client;
    m_revocation->revoke(m_request);
}

} // namespace Tokenscope::Cli
