#pragma once

#include "http/Exchange.h"

#include <QWidget>

class MessagePane;
class QLabel;
class QSplitter;
class QStackedWidget;

// One exchange in full: a line of timing and size facts, the failure in red when there
// was one, and the request and response side by side.
class ExchangeDetailView final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ExchangeDetailView)

public:
    explicit ExchangeDetailView(QWidget *parent = nullptr);

    // The exchange as it is to be shown (already masked when secrets are hidden).
    void setExchange(const Tokenscope::Http::Exchange &exchange);
    void clear();

    MessagePane *requestPane() const { return m_request; }
    MessagePane *responsePane() const { return m_response; }
    QString infoText() const;
    QString errorText() const;

    static QString summary(const Tokenscope::Http::Exchange &exchange);

private:
    QStackedWidget *m_stack;
    QLabel *m_placeholder;
    QWidget *m_page;
    QLabel *m_info;
    QLabel *m_error;
    QSplitter *m_splitter;
    MessagePane *m_request;
    MessagePane *m_response;
};
