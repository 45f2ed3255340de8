#pragma once

#include <QLineEdit>
#include <QString>

#include <optional>

class QWidget;

// The profiles UI's file and text prompts, behind one seam so that tests never block on a
// dialog (as MessageBox does for messages): after queueAnswer() the next prompt is not
// shown and returns the queued answer (std::nullopt: the user cancelled). lastPrompt()
// keeps the label of the last prompt, shown or not.
class ProfileDialogs final
{
public:
    // A file to read; nullopt when cancelled.
    static std::optional<QString> openFileName(QWidget *parent, const QString &title,
                                               const QString &filter);
    // A file to write; nullopt when cancelled.
    static std::optional<QString> saveFileName(QWidget *parent, const QString &title,
                                               const QString &suggestedPath, const QString &filter);
    // One line of text; nullopt when cancelled. Password echo for passphrases.
    static std::optional<QString> text(QWidget *parent, const QString &title, const QString &label,
                                       const QString &initial = QString(),
                                       QLineEdit::EchoMode echo = QLineEdit::Normal);

    static void queueAnswer(const std::optional<QString> &answer);
    static void clearAnswers();
    static QString lastPrompt();

private:
    static bool takeAnswer(const QString &prompt, std::optional<QString> *answer);
};
