#pragma once

#include <QWidget>

namespace Tokenscope::Http {
class HttpClient;
class Transcript;
} // namespace Tokenscope::Http

class QLabel;
class QProgressBar;
class QPushButton;

// The status bar's view of work in flight: a busy bar, what is being fetched and a
// Cancel button, shown only while the HTTP client is busy.
class ActivityIndicator final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ActivityIndicator)

public:
    explicit ActivityIndicator(Tokenscope::Http::HttpClient *http, QWidget *parent = nullptr);

    bool isBusy() const { return m_busy; }

signals:
    void cancelRequested();

private:
    void setBusy(bool busy);
    void onExchangeAdded(int index);

    Tokenscope::Http::Transcript *m_transcript;
    QLabel *m_activity;
    QProgressBar *m_bar;
    QPushButton *m_cancel;
    bool m_busy = false;
};
