#include "FirstPaintProbe.h"

#include <QCoreApplication>
#include <QEvent>
#include <QFile>
#include <QIODevice>
#include <QTimer>
#include <QWidget>

#include <unistd.h>

FirstPaintProbe::FirstPaintProbe(QWidget *window, QIODevice *output, bool quitAfter,
                                 QObject *parent)
    : QObject(parent)
    , m_window(window)
    , m_output(output)
    , m_quitAfter(quitAfter)
{
    window->installEventFilter(this);
}

bool FirstPaintProbe::isRequested()
{
    return qEnvironmentVariableIntValue("TOKENSCOPE_BENCH_FIRST_PAINT") == 1;
}

bool FirstPaintProbe::isExitRequested()
{
    return qEnvironmentVariableIntValue("TOKENSCOPE_BENCH_EXIT") == 1;
}

qint64 FirstPaintProbe::millisecondsSinceProcessStart()
{
    // The process's start is field 22 of /proc/self/stat ("starttime"), in clock ticks
    // since boot (sysconf(_SC_CLK_TCK) a second); "now" is the first field of
    // /proc/uptime, in seconds since boot. Both count from the same boot clock, so their
    // difference includes everything before main(): exec, the dynamic loader, static
    // initialisers. Resolution: one clock tick (10 ms on Linux).
    QFile stat(QStringLiteral("/proc/self/stat"));
    QFile uptime(QStringLiteral("/proc/uptime"));
    if (!stat.open(QIODevice::ReadOnly) || !uptime.open(QIODevice::ReadOnly))
        return -1;
    const QByteArray statLine = stat.readAll();
    // Field 2 (the command name) is in parentheses and may hold spaces: count from the
    // last ')', after which field 3 starts.
    const qsizetype close = statLine.lastIndexOf(')');
    if (close < 0)
        return -1;
    const QList<QByteArray> fields = statLine.mid(close + 2).split(' ');
    constexpr int StartTimeField = 22;
    constexpr int FirstFieldAfterName = 3;
    if (fields.size() <= StartTimeField - FirstFieldAfterName)
        return -1;
    bool ok = false;
    const qint64 startTicks = fields.at(StartTimeField - FirstFieldAfterName).toLongLong(&ok);
    const long ticksPerSecond = sysconf(_SC_CLK_TCK);
    if (!ok || ticksPerSecond <= 0)
        return -1;
    const double upSeconds = uptime.readAll().split(' ').value(0).toDouble(&ok);
    if (!ok)
        return -1;
    const double startMs = double(startTicks) * 1000.0 / double(ticksPerSecond);
    return std::max<qint64>(0, qint64(upSeconds * 1000.0 - startMs + 0.5));
}

bool FirstPaintProbe::eventFilter(QObject *watched, QEvent *event)
{
    if (!m_done && watched == m_window && event->type() == QEvent::Paint) {
        m_done = true;
        m_window->removeEventFilter(this);
        const qint64 milliseconds = millisecondsSinceProcessStart();
        m_output->write("first-paint-ms " + QByteArray::number(milliseconds) + '\n');
        if (auto *file = qobject_cast<QFile *>(m_output))
            file->flush();
        emit painted(milliseconds);
        if (m_quitAfter)
            QTimer::singleShot(0, QCoreApplication::instance(), &QCoreApplication::quit);
    }
    return QObject::eventFilter(watched, event);
}
