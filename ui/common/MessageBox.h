#pragma once

#include <QMessageBox>

// The one way the UI shows a modal message, so that tests never block on one: after
// setNextAnswer() the next dialog is not shown, its text is kept for lastText() and the
// given answer is returned (KeePassXC's MessageBox::setNextAnswer).
class MessageBox final
{
public:
    static void about(QWidget *parent, const QString &title, const QString &text);
    static void aboutQt(QWidget *parent);
    static QMessageBox::StandardButton
    question(QWidget *parent, const QString &title, const QString &text,
             QMessageBox::StandardButtons buttons = QMessageBox::Yes | QMessageBox::No);

    static void setNextAnswer(QMessageBox::StandardButton answer);
    static QString lastText();

private:
    static bool takeNextAnswer(const QString &text, QMessageBox::StandardButton *answer);
};
