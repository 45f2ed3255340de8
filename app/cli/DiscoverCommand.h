#pragma once

#include "CliOutput.h"
#include "discovery/DiscoveryClient.h"

#include <QObject>

class QNetworkAccessManager;

namespace Tokenscope {
class Clock;
namespace Http {
class HttpClient;
class Transcript;
} // namespace Http
} // namespace Tokenscope

namespace Tokenscope::Cli {

// tokenscope-cli discover ISSUER: fetch, check and print a provider's metadata.
class DiscoverCommand final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(DiscoverCommand)

public:
    DiscoverCommand(QNetworkAccessManager *network, const Clock &clock, QObject *parent = nullptr);
    ~DiscoverCommand() override;

    // Parses the arguments (argv[0] and "discover" included). Returns -1 when the
    // command should run, or the exit code to stop with (help, usage errors).
    int prepare(const QStringList &arguments);
    void run();

    static QString summary();
    // The CLI contract's exit code for a discovery error (also used by flows that discover).
    static int exitCodeFor(const Discovery::DiscoveryError &error);
    // The CLI contract's "error" member for a discovery error (kind, message, OAuth fields).
    static CliOutput::Error outputError(const Discovery::DiscoveryError &error);
    // For the commands that discover before they start a flow: adds the discovery's
    // exchanges to `output` and, when it failed, its error. Returns the exit code to stop
    // with, or -1 to go on.
    static int takeDiscovery(CliOutput &output, const Discovery::DiscoveryResult &result);
    // Fills an endpoint the options did not give from the metadata's `name`. False, with a
    // usage error in `output` naming the option to give, when the metadata has none either.
    static bool takeEndpoint(QUrl *endpoint, const Discovery::ProviderMetadata &metadata,
                             const QString &name, CliOutput &output);

signals:
    void finished(int exitCode);

private:
    void onFinished(const Discovery::DiscoveryResult &result);

    QNetworkAccessManager *m_network;
    const Clock &m_clock;
    Http::Transcript *m_transcript;
    Http::HttpClient *m_http;
    Discovery::DiscoveryClient *m_discovery;
    CliOutput m_output{QStringLiteral("discover")};
    QString m_issuer;
    Discovery::WellKnown::Mode m_mode = Discovery::WellKnown::Mode::Auto;
};

} // namespace Tokenscope::Cli
