#pragma once

#include "authcode/AuthorizationCodeFlow.h"
#include "common/PollScheduler.h"
#include "grants/PollResultView.h"

#include <QDateTime>
#include <QTimer>
#include <QUrl>
#include <QWidget>

namespace Tokenscope {
namespace Discovery {
struct ProviderMetadata;
}
namespace Http {
class HttpClient;
}
} // namespace Tokenscope

class ClientFields;
class SessionTokens;
class QHBoxLayout;
class QLabel;
class QPushButton;

// What the panels of the grants that poll the token endpoint while the user decides
// elsewhere share (the device flow, CIBA): Start and Cancel, the status line, the countdown
// and the poll line, ticking once a second while the flow runs, and the result column. The
// children are named after the panel's prefix ("deviceStartButton", "cibaPollLabel", …).
// Each panel builds its own form around them and drives its own flow.
class PollingFlowPanel : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(PollingFlowPanel)

public:
    ~PollingFlowPanel() override;

    ClientFields *clientFields() const { return m_client; }
    // Empty, or why Start is not possible (translated).
    virtual QString problem() const = 0;
    QString statusText() const;
    // "Polled 3 time(s), last answer authorization_pending · interval 5 s"
    QString pollText() const;

public slots:
    virtual void start() = 0;
    virtual void cancel() = 0;

protected:
    // prefix: the start of the children's object names; session: the session's tokens (not
    // owned; may be null).
    PollingFlowPanel(Tokenscope::Http::HttpClient *http, const QString &prefix,
                     SessionTokens *session, QWidget *parent);

    // The builders, each called where its widgets go in the panel's form.
    QHBoxLayout *createButtons(QWidget *form);
    QLabel *createStatus(const QString &text, QWidget *parent);
    // The countdown and the poll line, added to the end of parent's layout.
    void createProgress(QWidget *parent);
    // The form (scrolled) on the left, the result on the right.
    void placeColumns(QWidget *form);

    // The token endpoint, issuer and key set from the provider's metadata.
    void takeProvider(const Tokenscope::Discovery::ProviderMetadata &metadata);
    // True when Start may go on; else the status says why.
    bool readyToStart();
    // Before a new start: no polls, no countdown, no result.
    void resetProgress();
    // Start, Cancel, the tick and the status line as the flow's step says (DeviceFlow::Step,
    // CibaFlow::Step), then a tick; requesting and waiting: what the status says while the
    // first request is out and while the user decides. Returns whether the flow runs.
    template<typename Step>
    bool followStep(Step step, const QString &requesting, const QString &waiting)
    {
        const bool running = step == Step::Requesting || step == Step::AwaitingUser ||
                             step == Step::Polling || step == Step::FetchingKeys;
        setRunning(running);
        if (step == Step::Requesting)
            setStatus(requesting);
        else if (step == Step::AwaitingUser || step == Step::Polling)
            setStatus(waiting);
        else if (step == Step::FetchingKeys)
            showFetchingKeys();
        tick();
        return running;
    }
    void onPolled(int number, const QString &answer);
    // A finished flow's result (DeviceFlowResult, CibaFlowResult): doneText is the status
    // when it succeeded, source what the session's list says the tokens came from.
    template<typename Result>
    void finish(const Result &result, const QString &doneText, const QString &source)
    {
        m_tick.stop();
        m_pollCount = result.polls;
        const QDateTime at = now();
        showOutcome(result.error, doneText);
        m_result->setResult(result, m_lastAnswer, source, at);
        tick();
    }
    // pattern: "The code expires %1." (%1: the countdown); ended: when no longer waiting
    // (empty: "No longer polling.").
    void showCountdown(const QDateTime &expiresAt, bool waiting, const QDateTime &now,
                       const QString &pattern, const QString &ended = {});
    void showPolls(qint64 interval, const QDateTime &nextPollAt, bool waiting,
                   const QDateTime &now);
    QDateTime now() const;
    // Once a second while the flow runs, and after every change.
    virtual void tick() = 0;

    Tokenscope::Http::HttpClient *m_http;
    Tokenscope::TimerPollScheduler m_scheduler;
    QString m_issuer;
    QUrl m_jwksUri;
    ClientFields *m_client = nullptr;
    QLabel *m_status = nullptr;

private:
    // Start and Cancel, and the tick, as the flow runs or not.
    void setRunning(bool running);
    void setStatus(const QString &text);
    void showFetchingKeys();
    void showOutcome(const Tokenscope::AuthCode::FlowError &error, const QString &doneText);

    QString m_prefix;
    SessionTokens *m_session;
    QPushButton *m_start = nullptr;
    QPushButton *m_cancel = nullptr;
    QLabel *m_expiry = nullptr;
    QLabel *m_polls = nullptr;
    PollResultView *m_result = nullptr;
    QTimer m_tick;
    int m_pollCount = 0;
    QString m_lastAnswer;
};
