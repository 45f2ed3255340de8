#include "PollingCommand.h"

#include "ExitCode.h"
#include "InterruptNotifier.h"
#include "authcode/IdTokenCheck.h"
#include "common/Clock.h"
#include "common/PolledGrantFlow.h"
#include "http/HttpClient.h"
#include "http/Transcript.h"

#include <QCommandLineParser>
#include <QJsonArray>

#include <cstdio>

namespace Tokenscope::Cli {

using AuthCode::FlowError;

PollingCommand::PollingCommand(QNetworkAccessManager *network, const Clock &clock,
                               const QString &flowName, QObject *parent)
    : QObject(parent)
    , m_transcript(new Http::Transcript(this))
    , m_http(new Http::HttpClient(network, m_transcript, clock, this))
    , m_discovery(new Discovery::DiscoveryClient(m_http, this))
    , m_interrupt(new InterruptNotifier(this))
    , m_output(flowName)
{
    m_wait.setSingleShot(true);
    connect(m_discovery, &Discovery::DiscoveryClient::finished, this,
            &PollingCommand::onDiscovered);
}

PollingCommand::~PollingCommand() = default;

void PollingCommand::say(const QByteArray &line)
{
    std::fwrite(line.constData(), 1, size_t(line.size()), stderr);
    std::fputc('\n', stderr);
    std::fflush(stderr);
}

void PollingCommand::watch(PolledGrantFlow *flow)
{
    m_flow = flow;
    connect(flow, &PolledGrantFlow::polled, this, [this](int number, const QString &answer) {
        if (answer.isEmpty())
            return;
        say(tr("poll %1: %2 (next in %3 s)")
                .arg(number)
                .arg(answer)
                .arg(qMax<qint64>(0, m_http->clock().now().secsTo(m_flow->nextPollAt())))
                .toUtf8());
    });
    connect(&m_wait, &QTimer::timeout, flow, [this] {
        m_flow->cancelWithReason(
            tr("The user did not decide within %1 s (--wait)").arg(m_wait.interval() / 1000));
    });
    connect(m_interrupt, &InterruptNotifier::interrupted, flow, [this](const QString &signal) {
        m_flow->cancelWithReason(tr("Interrupted (%1)").arg(signal));
    });
}

QCommandLineOption PollingCommand::addOption(QCommandLineParser &parser, const char *name,
                                             const QString &description, const QString &valueName,
                                             const QString &defaultValue)
{
    QCommandLineOption option(QString::fromLatin1(name), description, valueName, defaultValue);
    parser.addOption(option);
    return option;
}

QString PollingCommand::readParameters(const QStringList &values,
                                       QList<QPair<QString, QString>> *parameters)
{
    for (const QString &p : values) {
        const qsizetype equals = p.indexOf(QLatin1Char('='));
        if (equals <= 0)
            return tr("--param takes NAME=VALUE, not “%1”").arg(p);
        parameters->append({p.left(equals), p.mid(equals + 1)});
    }
    return {};
}

QString PollingCommand::readWait(const QCommandLineParser &parser, const QCommandLineOption &wait)
{
    if (!parser.isSet(wait))
        return {};
    bool ok = false;
    const int seconds = parser.value(wait).toInt(&ok);
    if (!ok || seconds <= 0)
        return tr("--wait takes a positive number of seconds, not “%1”").arg(parser.value(wait));
    m_wait.setInterval(seconds * 1000);
    return {};
}

void PollingCommand::startWaiting()
{
    if (m_wait.interval() > 0)
        m_wait.start();
}

void PollingCommand::run()
{
    m_interrupt->listen();
    if (!beforeRun())
        return;
    if (!m_issuer.isEmpty()) {
        m_discovery->discover(m_issuer);
        return;
    }
    startFlow();
}

QJsonObject PollingCommand::pollingJson(const AuthCode::TokenResponse &tokens,
                                        const Findings &checks, int polls, qint64 interval)
{
    QJsonArray validation;
    for (const Finding &finding : checks)
        validation.append(finding.toJson());
    QJsonObject object{{QStringLiteral("polls"), polls},
                       {QStringLiteral("interval"), interval},
                       {QStringLiteral("validation"), validation}};
    if (tokens.ok) {
        object.insert(QStringLiteral("tokens"), tokens.raw);
        const QJsonObject claims = AuthCode::IdTokenCheck::claims(tokens.idToken);
        if (!claims.isEmpty())
            object.insert(QStringLiteral("claims"), claims);
    }
    return object;
}

void PollingCommand::finishFlow(const QList<Http::Exchange> &exchanges, const QJsonObject &result,
                                const FlowError &error)
{
    m_wait.stop();
    m_output.addExchanges(exchanges);
    m_output.setResult(result);
    if (error.isError())
        m_output.setError(CliOutput::flowError(error));
    finish(CliOutput::exitCodeFor(error));
}

void PollingCommand::finish(int exitCode)
{
    m_output.print();
    emit finished(exitCode);
}

} // namespace Tokenscope::Cli
