#pragma once

#include "ProviderCommand.h"
#include "endpoints/RevocationClient.h"

namespace Tokenscope::Cli {

// tokenscope-cli revoke TOKEN: token revocation (RFC 7009).
class RevokeCommand final : public ProviderCommand
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(RevokeCommand)

public:
    RevokeCommand(QNetworkAccessManager *network, const Clock &clock, RandomSource &random,
                  QObject *parent = nullptr);
    ~RevokeCommand() override;

    static QString summary();

private:
    QString summaryText() const override { return summary(); }
    QStringList endpointNames() const override;
    void addOptions(QCommandLineParser &parser) override;
    QString readOptions(const QCommandLineParser &parser) override;
    void act() override;

    Endpoints::RevocationClient *m_revocation;
    Endpoints::RevocationRequest m_request;
};

} // namespace Tokenscope::Cli
