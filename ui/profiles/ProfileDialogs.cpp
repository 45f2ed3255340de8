#include "ProfileDialogs.h"

#include <QFileDialog>
#include <QInputDialog>
#include <QList>

namespace {

struct Seam
{
    QList<std::optional<QString>> answers;
    QString lastPrompt;
};

Seam &seam()
{
    static Seam state;
    return state;
}

} // namespace

bool ProfileDialogs::takeAnswer(const QString &prompt, std::optional<QString> *answer)
{
    Seam &state = seam();
    state.lastPrompt = prompt;
    if (state.answers.isEmpty())
        return false;
    *answer = state.answers.takeFirst();
    return true;
}

std::optional<QString> ProfileDialogs::openFileName(QWidget *parent, const QString &title,
                                                    const QString &filter)
{
    std::optional<QString> answer;
    if (takeAnswer(title, &answer))
        return answer;
    const QString path = QFileDialog::getOpenFileName(parent, title, QString(), filter);
    if (path.isEmpty())
        return std::nullopt;
    return path;
}

std::optional<QString> ProfileDialogs::saveFileName(QWidget *parent, const QString &title,
                                                    const QString &suggestedPath,
                                                    const QString &filter)
{
    std::optional<QString> answer;
    if (takeAnswer(title, &answer))
        return answer;
    const QString path = QFileDialog::getSaveFileName(parent, title, suggestedPath, filter);
    if (path.isEmpty())
        return std::nullopt;
    return path;
}

std::optional<QString> ProfileDialogs::text(QWidget *parent, const QString &title,
                                            const QString &label, const QString &initial,
                                            QLineEdit::EchoMode echo)
{
    std::optional<QString> answer;
    if (takeAnswer(label, &answer))
        return answer;
    bool ok = false;
    const QString value = QInputDialog::getText(parent, title, label, echo, initial, &ok);
    if (!ok)
        return std::nullopt;
    return value;
}

void ProfileDialogs::queueAnswer(const std::optional<QString> &answer)
{
    seam().answers.append(answer);
}

void ProfileDialogs::clearAnswers()
{
    seam().answers.clear();
}

QString ProfileDialogs::lastPrompt()
{
    return seam().lastPrompt;
}
