#pragma once

#include "ProviderCommand.h"
#include "grants/TokenGrantFlow.h"

#include <QCommandLineOption>

namespace Tokenscope::Cli {

// tokenscope-cli token --grant client_credentials|password|refresh_token|token_exchange|
// jwt_bearer|saml2_bearer|NAME: one token request without a browser.
class TokenCommand final : public ProviderCommand
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(TokenCommand)

public:
    TokenCommand(QNetworkAccessManager *network, const Clock &clock, RandomSource &random,
                 QObject *parent = nullptr);
    ~TokenCommand() override;

    static QString summary();

private:
    QString summaryText() const override { return summary(); }
    QStringList endpointNames() const override;
    bool needsClientId() const override { return false; }
    void addOptions(QCommandLineParser &parser) override;
    QString readOptions(const QCommandLineParser &parser) override;
    void act() override;
    void onFinished(const Grants::GrantResult &result);

    Grants::TokenGrantFlow *m_flow;
    Grants::TokenGrantRequest m_request;
    QList<QCommandLineOption> m_options;
};

} // namespace Tokenscope::Cli
