#include "FindingsView.h"

#include <QHeaderView>
#include <QStyle>

using Tokenscope::Finding;

FindingsView::FindingsView(QWidget *parent)
    : QTreeWidget(parent)
{
    const int em = fontMetrics().horizontalAdvance(QLatin1Char('M'));
    setColumnCount(4);
    setHeaderLabels({tr("Status"), tr("Finding"), tr("Checked"), tr("Specification")});
    setAlternatingRowColors(true);
    setWordWrap(true);
    setRootIsDecorated(true);
    header()->setStretchLastSection(false);
    header()->setSectionResizeMode(1, QHeaderView::Stretch);
    setColumnWidth(0, em * 9); // icon and "Warning"
    setColumnWidth(2, em * 12);
    setColumnWidth(3, em * 14);
}

QString FindingsView::statusText(Finding::Status status)
{
    switch (status) {
    case Finding::Status::Pass:
        return tr("Pass");
    case Finding::Status::Warn:
        return tr("Warning");
    case Finding::Status::Fail:
        return tr("Fail");
    }
    return QString();
}

void FindingsView::setFindings(const Tokenscope::Findings &findings)
{
    clear();
    m_failures = 0;
    QStyle *style = this->style();
    bool anySubject = false;
    for (const Finding &finding : findings) {
        QIcon icon;
        switch (finding.status) {
        case Finding::Status::Pass:
            icon = style->standardIcon(QStyle::SP_DialogApplyButton);
            break;
        case Finding::Status::Warn:
            icon = style->standardIcon(QStyle::SP_MessageBoxWarning);
            break;
        case Finding::Status::Fail:
            icon = style->standardIcon(QStyle::SP_MessageBoxCritical);
            ++m_failures;
            break;
        }
        anySubject = anySubject || !finding.subject.isEmpty();
        auto *row = new QTreeWidgetItem(
            this, {statusText(finding.status), finding.message, finding.subject, finding.spec});
        row->setIcon(0, icon);
        // Tool tips that look like HTML are shown as HTML: a provider's text is escaped, and
        // marked up so that the escaped text is never taken for plain text.
        const QString tip = finding.rule + QLatin1String(": ") + finding.message;
        row->setToolTip(1, QStringLiteral("<p>%1</p>").arg(tip.toHtmlEscaped()));
        row->setData(0, Qt::UserRole, finding.rule);
        if (!finding.expected.isEmpty())
            new QTreeWidgetItem(row, {QString(), tr("Expected: %1").arg(finding.expected)});
        if (!finding.actual.isEmpty())
            new QTreeWidgetItem(row, {QString(), tr("Actual: %1").arg(finding.actual)});
    }
    setColumnHidden(2, !anySubject);
    expandAll();
}
