#pragma once

#include "common/Finding.h"

#include <QTreeWidget>

// The rules a check made, one row each: status (icon and word), what was found, what was
// checked (the subject, when a flow checks the same rules twice) and the specification.
// Expected and actual values are child rows. The rule id is the row's Qt::UserRole data.
class FindingsView final : public QTreeWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(FindingsView)

public:
    explicit FindingsView(QWidget *parent = nullptr);

    void setFindings(const Tokenscope::Findings &findings);
    int failureCount() const { return m_failures; }

    static QString statusText(Tokenscope::Finding::Status status);

private:
    int m_failures = 0;
};
