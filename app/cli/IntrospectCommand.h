#pragma once

#include "ProviderCommand.h"
#include "endpoints/IntrospectionClient.h"

namespace Tokenscope::Cli {

// tokenscope-cli introspect TOKEN: token introspection (RFC 7662).
class IntrospectCommand final : public ProviderCommand
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(IntrospectCommand)

public:
    IntrospectCommand(QNetworkAccessManager *network, const Clock &clock, RandomSource &random,
                      QObject *parent = nullptr);
    ~IntrospectCommand() override;

    static QString summary();

private:
    QString summaryText() const override { return summary(); }
    QStringList endpointNames() const override;
    void addOptions(QCommandLineParser &parser) override;
    QString readOptions(const QCommandLineParser &parser) override;
    void act() override;

    Endpoints::IntrospectionClient *m_client;
    Endpoints::IntrospectionRequest m_request;
};

} // namespace Tokenscope::Cli
