#pragma once

#include <QObject>

class QIODevice;
class QWidget;

// For the start-up benchmark: with TOKENSCOPE_BENCH_FIRST_PAINT=1 in the environment,
// the first paint event of the main window writes exactly one line,
// "first-paint-ms N", N being milliseconds since the process started, and the app
// keeps running (the benchmark measures memory, then ends it) unless
// TOKENSCOPE_BENCH_EXIT=1 is set too, in which case it quits right after.
class FirstPaintProbe final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(FirstPaintProbe)

public:
    FirstPaintProbe(QWidget *window, QIODevice *output, bool quitAfter, QObject *parent = nullptr);

    static bool isRequested();     // TOKENSCOPE_BENCH_FIRST_PAINT=1
    static bool isExitRequested(); // TOKENSCOPE_BENCH_EXIT=1
    // Milliseconds since this process started, by the kernel's clock; -1 when unknown.
    static qint64 millisecondsSinceProcessStart();

signals:
    void painted(qint64 milliseconds);

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    QWidget *m_window;
    QIODevice *m_output;
    bool m_quitAfter;
    bool m_done = false;
};
