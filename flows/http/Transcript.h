#pragma once

#include "Exchange.h"

#include <QObject>

namespace Tokenscope::Http {

// The session's record of every exchange, in the order they started. An exchange is
// recorded when its request is sent and updated when its response is complete.
class Transcript final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(Transcript)

public:
    explicit Transcript(QObject *parent = nullptr);

    quint64 nextId() { return ++m_lastId; }
    void record(const Exchange &exchange);
    const QList<Exchange> &exchanges() const { return m_exchanges; }
    int indexOf(quint64 id) const;
    int size() const { return int(m_exchanges.size()); }
    const Exchange &at(int index) const { return m_exchanges.at(index); }
    void clear();

signals:
    void exchangeAdded(int index);
    void exchangeUpdated(int index);
    void cleared();

private:
    QList<Exchange> m_exchanges;
    quint64 m_lastId = 0;
};

} // namespace Tokenscope::Http
