#pragma once

#include "CliOutput.h"
#include "ClientOptions.h"
#include "common/PollScheduler.h"
#include "device/DeviceFlow.h"
#include "discovery/DiscoveryClient.h"

#include <QObject>
#include <QTimer>

class QNetworkAccessManager;

namespace Tokenscope {
class Clock;
class RandomSource;
namespace Http {
class HttpClient;
class Transcript;
} // namespace Http
} // namespace Tokenscope

namespace Tokenscope::Cli {

class InterruptNotifier;

// tokenscope-cli device: the device authorization grant (RFC 8628). Writes "user_code:",
// "verification_uri:" and, when given, "verification_uri_complete:" lines on stderr, then
// polls the token endpoint until the user has decided, the code expired, --wait ran out
// or the user pressed Ctrl-C; prints the document on stdout in every case.
class DeviceCommand final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(DeviceCommand)

public:
    DeviceCommand(QNetworkAccessManager *network, const Clock &clock, RandomSource &random,
                  QObject *parent = nullptr);
    ~DeviceCommand() override;

    int prepare(const QStringList &arguments); // -1: run; otherwise the exit code
    void run();
    static QString summary();

    // What the device and ciba commands report for a flow's error: the document's "error"
    // (with "rule" and "transport" when they apply) and the exit code of the CLI contract.
    static CliOutput::Error outputError(const AuthCode::FlowError &error);
    static int exitCodeFor(const AuthCode::FlowError &error);
    // The token part of a polling flow's result: tokens, claims, validation, polls.
    static QJsonObject pollingJson(const AuthCode::TokenResponse &tokens, const Findings &checks,
                                   int polls, qint64 interval);

signals:
    void finished(int exitCode);

private:
    void onDiscovered(const Discovery::DiscoveryResult &result);
    void startFlow();
    void onAuthorization(const Device::DeviceAuthorization &authorization);
    void onPolled(int number, const QString &answer);
    void onFlowFinished(const Device::DeviceFlowResult &result);
    void finish(int exitCode);
    QJsonObject resultJson(const Device::DeviceFlowResult &result) const;

    Http::Transcript *m_transcript;
    Http::HttpClient *m_http;
    Discovery::DiscoveryClient *m_discovery;
    TimerPollScheduler m_scheduler;
    Device::DeviceFlow *m_flow;
    InterruptNotifier *m_interrupt;
    CliOutput m_output{QStringLiteral("device")};
    ClientOptions m_clientOptions;
    Device::DeviceRequest m_request;
    QString m_issuer;
    bool m_open = false;
    bool m_qr = false;
    QTimer m_wait;
};

} // namespace Tokenscope::Cli
