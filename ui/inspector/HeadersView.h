#pragma once

#include "http/Exchange.h"

#include <QWidget>

class QLabel;
class QTableWidget;

// The start line of a message (request line or status line) above its header fields,
// in wire order with their names as sent.
class HeadersView final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(HeadersView)

public:
    explicit HeadersView(QWidget *parent = nullptr);

    void setHeaders(const QString &startLine, const Tokenscope::Http::HeaderList &headers);
    void setPlaceholder(const QString &text);
    void clear();

    QLabel *startLineLabel() const { return m_startLine; }
    QTableWidget *table() const { return m_table; }

private:
    QLabel *m_startLine;
    QTableWidget *m_table;
};
