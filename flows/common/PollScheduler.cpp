#include "PollScheduler.h"

#include "Clock.h"

#include <limits>

namespace Tokenscope {

TimerPollScheduler::TimerPollScheduler()
{
    m_timer.setSingleShot(true);
}

TimerPollScheduler::~TimerPollScheduler() = default;

void TimerPollScheduler::schedule(qint64 seconds, QObject *context, std::function<void()> fire)
{
    cancel();
    m_connection = QObject::connect(&m_timer, &QTimer::timeout, context, std::move(fire));
    const qint64 ms = qBound(qint64(0), seconds * 1000, qint64(std::numeric_limits<int>::max()));
    m_timer.start(int(ms));
}

void TimerPollScheduler::cancel()
{
    m_timer.stop();
    QObject::disconnect(m_connection);
    m_connection = {};
}

bool TimerPollScheduler::isScheduled() const
{
    return m_timer.isActive();
}

FastForwardPollScheduler::FastForwardPollScheduler(FixedClock &clock)
    : m_clock(clock)
{}

FastForwardPollScheduler::~FastForwardPollScheduler() = default;

void FastForwardPollScheduler::schedule(qint64 seconds, QObject *context,
                                        std::function<void()> fire)
{
    ++m_generation;
    m_waits.append(seconds);
    m_fire = std::move(fire);
    m_context = context;
    m_scheduled = true;
    if (!m_paused)
        post();
}

void FastForwardPollScheduler::post()
{
    const quint64 generation = m_generation;
    const qint64 seconds = m_waits.constLast();
    QTimer::singleShot(0, &m_anchor, [this, generation, seconds] {
        if (generation != m_generation || !m_scheduled || m_paused)
            return;
        m_scheduled = false;
        m_clock.advance(seconds);
        const std::function<void()> fire = std::move(m_fire);
        m_fire = nullptr;
        if (m_context && fire)
            fire();
    });
}

void FastForwardPollScheduler::cancel()
{
    ++m_generation;
    m_scheduled = false;
    m_fire = nullptr;
}

void FastForwardPollScheduler::setPaused(bool paused)
{
    m_paused = paused;
    if (!paused && m_scheduled)
        post();
}

} // namespace Tokenscope
