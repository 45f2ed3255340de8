#include "ElidingItemDelegate.h"

ElidingItemDelegate::ElidingItemDelegate(Qt::TextElideMode mode, QObject *parent)
    : QStyledItemDelegate(parent)
    , m_mode(mode)
{}

void ElidingItemDelegate::initStyleOption(QStyleOptionViewItem *option,
                                          const QModelIndex &index) const
{
    QStyledItemDelegate::initStyleOption(option, index);
    option->textElideMode = m_mode;
}
