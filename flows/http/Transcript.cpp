#include "Transcript.h"

namespace Tokenscope::Http {

Transcript::Transcript(QObject *parent)
    : QObject(parent)
{}

void Transcript::record(const Exchange &exchange)
{
    const int index = indexOf(exchange.id);
    if (index >= 0) {
        m_exchanges[index] = exchange;
        emit exchangeUpdated(index);
        return;
    }
    m_exchanges.append(exchange);
    emit exchangeAdded(int(m_exchanges.size()) - 1);
}

int Transcript::indexOf(quint64 id) const
{
    // Exchanges are appended in id order: search from the end, where updates land.
    for (int i = int(m_exchanges.size()) - 1; i >= 0; --i) {
        if (m_exchanges.at(i).id == id)
            return i;
    }
    return -1;
}

void Transcript::clear()
{
    m_exchanges.clear();
    emit cleared();
}

} // namespace Tokenscope::Http
