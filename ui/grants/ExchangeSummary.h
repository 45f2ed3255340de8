#pragma once

#include "http/Exchange.h"

#include <QTreeWidget>

// The exchanges of one run, one line each (what it was for, method and URL, status,
// time), with consecutive polls of the token endpoint folded into one line: "polled 7
// times, last answer authorization_pending". Every detail is in the exchange inspector.
class ExchangeSummary final : public QTreeWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ExchangeSummary)

public:
    explicit ExchangeSummary(QWidget *parent = nullptr);

    // pollIds: the exchanges that are polls; lastAnswer: the last poll's answer.
    void setExchanges(const QList<Tokenscope::Http::Exchange> &exchanges,
                      const QList<quint64> &pollIds = {}, const QString &lastAnswer = {});
    void clearExchanges();
};
