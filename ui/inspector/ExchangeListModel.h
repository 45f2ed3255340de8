#pragma once

#include "http/Exchange.h"

#include <QAbstractTableModel>

namespace Tokenscope::Http {
class Transcript;
}

// The session's exchanges as a table: #, method, URL, status (or the failure, or "…"
// while in flight), time, size and what the request was for. Rows follow the
// transcript live. URLs are shown masked unless secrets are shown.
class ExchangeListModel final : public QAbstractTableModel
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ExchangeListModel)

public:
    enum Column
    {
        Number,
        Method,
        Url,
        Status,
        Time,
        Size,
        Label,
        ColumnCount
    };

    explicit ExchangeListModel(Tokenscope::Http::Transcript *transcript, QObject *parent = nullptr);

    int rowCount(const QModelIndex &parent = QModelIndex()) const override;
    int columnCount(const QModelIndex &parent = QModelIndex()) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;

    const Tokenscope::Http::Exchange &exchangeAt(int row) const;
    bool showsSecrets() const { return m_showSecrets; }
    void setShowSecrets(bool show);

    static QString statusText(const Tokenscope::Http::Exchange &exchange);

private:
    void onExchangeAdded(int index);
    void onExchangeUpdated(int index);
    void onCleared();
    QString urlText(const Tokenscope::Http::Exchange &exchange) const;

    Tokenscope::Http::Transcript *m_transcript;
    QStringList m_urls; // display URLs, masked or not, one a row
    bool m_showSecrets = false;
};
