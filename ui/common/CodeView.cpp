#include "CodeView.h"

#include <QFontDatabase>

CodeView::CodeView(QWidget *parent)
    : QPlainTextEdit(parent)
{
    setReadOnly(true);
    setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    setLineWrapMode(QPlainTextEdit::NoWrap);
    setTextInteractionFlags(Qt::TextSelectableByMouse | Qt::TextSelectableByKeyboard);
    setUndoRedoEnabled(false);
    setTabStopDistance(4 * fontMetrics().horizontalAdvance(QLatin1Char(' ')));
}
