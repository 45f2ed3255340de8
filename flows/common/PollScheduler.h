#pragma once

#include <QList>
#include <QObject>
#include <QPointer>
#include <QTimer>

#include <functional>

namespace Tokenscope {

class FixedClock;

// When the next poll happens: injected, so that a test runs a flow that polls every 5 s
// in milliseconds, with a clock that moves by exactly the waits asked for. One pending
// call at a time: schedule() replaces what was scheduled.
class PollScheduler
{
public:
    virtual ~PollScheduler() = default;
    // Calls `fire` once, `seconds` from now, unless cancel() comes first. `context` is the
    // object the call belongs to: when it is destroyed the call is dropped.
    virtual void schedule(qint64 seconds, QObject *context, std::function<void()> fire) = 0;
    virtual void cancel() = 0;
    virtual bool isScheduled() const = 0;
};

// The application's scheduler: a single-shot QTimer.
class TimerPollScheduler final : public PollScheduler
{
public:
    TimerPollScheduler();
    ~TimerPollScheduler() override;
    void schedule(qint64 seconds, QObject *context, std::function<void()> fire) override;
    void cancel() override;
    bool isScheduled() const override;

private:
    QTimer m_timer;
    QMetaObject::Connection m_connection;
};

// For tests: each wait is recorded, the clock is advanced by it, and the call is made on
// the next turn of the event loop (so no test ever sleeps).
class FastForwardPollScheduler final : public PollScheduler
{
public:
    explicit FastForwardPollScheduler(FixedClock &clock);
    ~FastForwardPollScheduler() override;
    void schedule(qint64 seconds, QObject *context, std::function<void()> fire) override;
    void cancel() override;
    bool isScheduled() const override { return m_scheduled; }

    // Every wait asked for, in seconds, in order.
    const QList<qint64> &waits() const { return m_waits; }
    // While paused, a scheduled call waits for resume() (a test can cancel in between).
    void setPaused(bool paused);

private:
    void post();

    FixedClock &m_clock;
    QList<qint64> m_waits;
    std::function<void()> m_fire;
    QPointer<QObject> m_context;
    QObject m_anchor; // the posted calls' context: dropped with this scheduler
    quint64 m_generation = 0;
    bool m_scheduled = false;
    bool m_paused = false;
};

} // namespace Tokenscope
