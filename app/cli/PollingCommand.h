#pragma once

#include "CliOutput.h"
#include "ClientOptions.h"
#include "authcode/AuthorizationCodeFlow.h"
#include "common/PollScheduler.h"
#include "discovery/DiscoveryClient.h"

#include <QCommandLineOption>
#include <QObject>
#include <QTimer>

class QCommandLineParser;
class QNetworkAccessManager;

namespace Tokenscope {
class Clock;
class PolledGrantFlow;
namespace Http {
class HttpClient;
class Transcript;
} // namespace Http
} // namespace Tokenscope

namespace Tokenscope::Cli {

class InterruptNotifier;

// What tokenscope-cli device and ciba share around their polled grant: the HTTP client and
// discovery, the poll scheduler, a poll line on stderr for each answer, --wait and Ctrl-C
// (SIGINT, SIGTERM) cancelling the flow, the document and exit code of the CLI contract
// for how the flow ended.
class PollingCommand : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(PollingCommand)

public:
    ~PollingCommand() override;

    // Discovers the issuer first when one was given (onDiscovered()), then startFlow().
    void run();

    // The token part of a polling flow's result: tokens, claims, validation, polls.
    static QJsonObject pollingJson(const AuthCode::TokenResponse &tokens, const Findings &checks,
                                   int polls, qint64 interval);
    // One line on stderr, flushed.
    static void say(const QByteArray &line);

signals:
    void finished(int exitCode);

protected:
    PollingCommand(QNetworkAccessManager *network, const Clock &clock, const QString &flowName,
                   QObject *parent);

    // Poll lines on stderr for `flow`; --wait and Ctrl-C cancel it.
    void watch(PolledGrantFlow *flow);
    // An option added to the parser and returned.
    static QCommandLineOption addOption(QCommandLineParser &parser, const char *name,
                                        const QString &description,
                                        const QString &valueName = QString(),
                                        const QString &defaultValue = QString());
    // --param NAME=VALUE values into `parameters`: a usage problem (translated) or empty.
    static QString readParameters(const QStringList &values,
                                  QList<QPair<QString, QString>> *parameters);
    // --wait SECONDS: a usage problem (translated) or empty; startWaiting() arms it.
    QString readWait(const QCommandLineParser &parser, const QCommandLineOption &wait);
    // Once the user is being asked: the --wait clock starts.
    void startWaiting();
    // Before run() goes on: false to stop (finish() was called).
    virtual bool beforeRun() { return true; }
    virtual void onDiscovered(const Discovery::DiscoveryResult &result) = 0;
    virtual void startFlow() = 0;
    // The flow ended: the document gets `result` and the error, and the command finishes.
    void finishFlow(const QList<Http::Exchange> &exchanges, const QJsonObject &result,
                    const AuthCode::FlowError &error);
    void finish(int exitCode);

    Http::Transcript *m_transcript;
    Http::HttpClient *m_http;
    Discovery::DiscoveryClient *m_discovery;
    TimerPollScheduler m_scheduler;
    InterruptNotifier *m_interrupt;
    CliOutput m_output;
    ClientOptions m_clientOptions;
    QString m_issuer;

private:
    PolledGrantFlow *m_flow = nullptr;
    QTimer m_wait;
};

} // namespace Tokenscope::Cli
