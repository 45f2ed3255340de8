#pragma once

#include "ProviderCommand.h"
#include "endpoints/UserInfoClient.h"

namespace Tokenscope::Cli {

// tokenscope-cli userinfo --access-token T [--id-token T]: UserInfo (OIDC Core §5.3), JSON
// or signed (verified), its sub compared with the ID token's.
class UserInfoCommand final : public ProviderCommand
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(UserInfoCommand)

public:
    UserInfoCommand(QNetworkAccessManager *network, const Clock &clock, RandomSource &random,
                    QObject *parent = nullptr);
    ~UserInfoCommand() override;

    static QString summary();

private:
    QString summaryText() const override { return summary(); }
    QStringList endpointNames() const override;
    bool needsClientId() const override { return false; }
    void addOptions(QCommandLineParser &parser) override;
    QString readOptions(const QCommandLineParser &parser) override;
    void act() override;

    Endpoints::UserInfoClient *m_userinfo;
    Endpoints::UserInfoRequest m_request;
};

} // namespace Tokenscope::Cli
