#pragma once

#include <QObject>

class QSocketNotifier;

namespace Tokenscope::Cli {

// Turns SIGINT and SIGTERM into a Qt signal (through a socket pair, the only safe way out
// of a signal handler), so that a command that waits can cancel its flow and still print
// its document. The default handlers are back when this object is destroyed.
class InterruptNotifier final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(InterruptNotifier)

public:
    explicit InterruptNotifier(QObject *parent = nullptr);
    ~InterruptNotifier() override;

    // Installs the handlers; false when the socket pair could not be made.
    bool listen();

signals:
    void interrupted(const QString &signalName); // "SIGINT", "SIGTERM"

private:
    void onActivated();

    QSocketNotifier *m_notifier = nullptr;
};

} // namespace Tokenscope::Cli
