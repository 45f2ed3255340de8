#pragma once

#include <QStyledItemDelegate>

// Elides its column's text its own way: a URL keeps its start and its end ("http://…
// /openid-configuration") where the rest of the row elides on the right.
class ElidingItemDelegate final : public QStyledItemDelegate
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ElidingItemDelegate)

public:
    explicit ElidingItemDelegate(Qt::TextElideMode mode, QObject *parent = nullptr);

protected:
    void initStyleOption(QStyleOptionViewItem *option, const QModelIndex &index) const override;

private:
    Qt::TextElideMode m_mode;
};
