#pragma once

#include <QPlainTextEdit>

// A read-only, monospaced text view for raw messages, bodies and documents. Lines are
// not wrapped, so headers and JSON keep their shape; the text stays selectable.
class CodeView final : public QPlainTextEdit
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(CodeView)

public:
    explicit CodeView(QWidget *parent = nullptr);
};
