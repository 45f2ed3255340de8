#pragma once

#include "PollingCommand.h"
#include "device/DeviceFlow.h"

namespace Tokenscope {
class RandomSource;
}

namespace Tokenscope::Cli {

// tokenscope-cli device: the device authorization grant (RFC 8628). Writes "user_code:",
// "verification_uri:" and, when given, "verification_uri_complete:" lines on stderr, then
// polls the token endpoint until the user has decided, the code expired, --wait ran out
// or the user pressed Ctrl-C; prints the document on stdout in every case.
class DeviceCommand final : public PollingCommand
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(DeviceCommand)

public:
    DeviceCommand(QNetworkAccessManager *network, const Clock &clock, RandomSource &random,
                  QObject *parent = nullptr);
    ~DeviceCommand() override;

    int prepare(const QStringList &arguments); // -1: run; otherwise the exit code
    static QString summary();

private:
    void onDiscovered(const Discovery::DiscoveryResult &result) override;
    void startFlow() override;
    void onAuthorization(const Device::DeviceAuthorization &authorization);
    void onFlowFinished(const Device::DeviceFlowResult &result);
    QJsonObject resultJson(const Device::DeviceFlowResult &result) const;

    Device::DeviceFlow *m_flow;
    Device::DeviceRequest m_request;
    bool m_open = false;
    bool m_qr = false;
};

} // namespace Tokenscope::Cli
