#include "ExchangeSummary.h"

#include <QHeaderView>

ExchangeSummary::ExchangeSummary(QWidget *parent)
    : QTreeWidget(parent)
{
    setHeaderLabels({tr("Exchange"), tr("Request"), tr("Status"), tr("Time")});
    setRootIsDecorated(false);
    setUniformRowHeights(true);
    setSelectionMode(QAbstractItemView::NoSelection);
    header()->setStretchLastSection(false);
    header()->setSectionResizeMode(1, QHeaderView::Stretch);
}

void ExchangeSummary::setExchanges(const QList<Tokenscope::Http::Exchange> &exchanges,
                                   const QList<quint64> &pollIds, const QString &lastAnswer)
{
    clear();
    QTreeWidgetItem *pollRow = nullptr;
    int polls = 0;
    double pollMs = 0;
    for (const Tokenscope::Http::Exchange &exchange : exchanges) {
        const QString status = exchange.error.isError() ? exchange.error.message
                                                        : QString::number(exchange.statusCode);
        const QString request =
            QString::fromLatin1(exchange.method) + QLatin1Char(' ') + exchange.url.toString();
        if (pollIds.contains(exchange.id)) {
            ++polls;
            pollMs += qMax(0.0, exchange.durationMs());
            if (!pollRow)
                pollRow = new QTreeWidgetItem(this);
            const QString answer = lastAnswer.isEmpty() ? status : lastAnswer;
            pollRow->setText(0, tr("Token polls"));
            pollRow->setText(1,
                             tr("polled %n time(s), last answer %1", nullptr, polls).arg(answer) +
                                 QStringLiteral(" — ") + request);
            pollRow->setText(2, status);
            pollRow->setText(3, tr("%1 ms").arg(pollMs, 0, 'f', 1));
            pollRow->setToolTip(1, exchange.url.toString());
            continue;
        }
        pollRow = nullptr;
        polls = 0;
        pollMs = 0;
        auto *row = new QTreeWidgetItem(this, {exchange.label, request, status,
                                               tr("%1 ms").arg(exchange.durationMs(), 0, 'f', 1)});
        row->setToolTip(1, exchange.url.toString());
    }
    resizeColumnToContents(0);
    resizeColumnToContents(2);
    resizeColumnToContents(3);
}

void ExchangeSummary::clearExchanges()
{
    clear();
}
