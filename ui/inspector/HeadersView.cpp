#include "HeadersView.h"

#include <QFontDatabase>
#include <QHeaderView>
#include <QLabel>
#include <QTableWidget>
#include <QVBoxLayout>

HeadersView::HeadersView(QWidget *parent)
    : QWidget(parent)
    , m_startLine(new QLabel(this))
    , m_table(new QTableWidget(0, 2, this))
{
    const QFont fixed = QFontDatabase::systemFont(QFontDatabase::FixedFont);
    m_startLine->setFont(fixed);
    m_startLine->setTextInteractionFlags(Qt::TextSelectableByMouse | Qt::TextSelectableByKeyboard);
    m_startLine->setTextFormat(Qt::PlainText);
    m_startLine->setWordWrap(true);
    // A request line is often one long URL with nowhere to wrap: it must not make the
    // inspector (and with it the main window) wider than the screen. Clipped here, whole
    // in the tooltip and on the Raw tab.
    QSizePolicy policy(QSizePolicy::Ignored, QSizePolicy::Preferred);
    policy.setHeightForWidth(true);
    m_startLine->setSizePolicy(policy);
    m_startLine->setMinimumWidth(120);
    m_startLine->setContentsMargins(4, 2, 4, 2);

    m_table->setHorizontalHeaderLabels({tr("Name"), tr("Value")});
    m_table->setFont(fixed);
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setAlternatingRowColors(true);
    m_table->setWordWrap(false);
    m_table->setTextElideMode(Qt::ElideRight);
    m_table->verticalHeader()->hide();
    m_table->verticalHeader()->setSectionResizeMode(QHeaderView::Fixed);
    m_table->verticalHeader()->setDefaultSectionSize(m_table->fontMetrics().height() + 6);
    m_table->horizontalHeader()->setStretchLastSection(true);
    m_table->horizontalHeader()->setHighlightSections(false);
    m_table->setColumnWidth(0, m_table->fontMetrics().horizontalAdvance(QLatin1Char('M')) * 20);

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(2);
    layout->addWidget(m_startLine);
    layout->addWidget(m_table, 1);
}

void HeadersView::setHeaders(const QString &startLine, const Tokenscope::Http::HeaderList &headers)
{
    m_startLine->setText(startLine);
    m_startLine->setToolTip(startLine);
    m_startLine->setEnabled(true);
    m_table->setRowCount(int(headers.size()));
    int row = 0;
    for (const auto &[name, value] : headers) {
        auto *nameItem = new QTableWidgetItem(QString::fromLatin1(name));
        auto *valueItem = new QTableWidgetItem(QString::fromUtf8(value));
        valueItem->setToolTip(valueItem->text());
        m_table->setItem(row, 0, nameItem);
        m_table->setItem(row, 1, valueItem);
        ++row;
    }
}

void HeadersView::setPlaceholder(const QString &text)
{
    m_table->setRowCount(0);
    m_startLine->setText(text);
    m_startLine->setToolTip(QString());
    m_startLine->setEnabled(false);
}

void HeadersView::clear()
{
    m_table->setRowCount(0);
    m_startLine->clear();
}
