#include "MessageBox.h"

namespace {

struct Seam
{
    QMessageBox::StandardButton nextAnswer = QMessageBox::NoButton;
    QString lastText;
};

Seam &seam()
{
    static Seam state;
    return state;
}

} // namespace

bool MessageBox::takeNextAnswer(const QString &text, QMessageBox::StandardButton *answer)
{
    Seam &state = seam();
    state.lastText = text;
    if (state.nextAnswer == QMessageBox::NoButton)
        return false;
    *answer = state.nextAnswer;
    state.nextAnswer = QMessageBox::NoButton;
    return true;
}

void MessageBox::about(QWidget *parent, const QString &title, const QString &text)
{
    QMessageBox::StandardButton answer = QMessageBox::NoButton;
    if (takeNextAnswer(text, &answer))
        return;
    QMessageBox::about(parent, title, text);
}

void MessageBox::aboutQt(QWidget *parent)
{
    QMessageBox::StandardButton answer = QMessageBox::NoButton;
    if (takeNextAnswer(QStringLiteral("Qt"), &answer))
        return;
    QMessageBox::aboutQt(parent);
}

QMessageBox::StandardButton MessageBox::question(QWidget *parent, const QString &title,
                                                 const QString &text,
                                                 QMessageBox::StandardButtons buttons)
{
    QMessageBox::StandardButton answer = QMessageBox::NoButton;
    if (takeNextAnswer(text, &answer))
        return answer;
    return QMessageBox::question(parent, title, text, buttons);
}

void MessageBox::setNextAnswer(QMessageBox::StandardButton answer)
{
    seam().nextAnswer = answer;
}

QString MessageBox::lastText()
{
    return seam().lastText;
}
