#pragma once

#include "BodyText.h"

#include <QWidget>

class CodeView;
class JsonHighlighter;
class OfflineTextBrowser;
class QComboBox;
class QLabel;
class QStackedWidget;

// A message body: pretty-printed and highlighted JSON, decoded forms, HTML as source or
// rendered offline, text, or a hex dump, with a note when the body was too large to
// format. A mode box switches between the formatted view and the bytes as received.
class BodyView final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(BodyView)

public:
    enum class Mode
    {
        Formatted,
        AsReceived,
        Rendered
    };

    explicit BodyView(QWidget *parent = nullptr);

    // `contentType` is the Content-Type header value of the message.
    void setBody(const QByteArray &contentType, const QByteArray &body);
    // No body to show, and why ("No response").
    void setPlaceholder(const QString &text);
    void clear();

    BodyText::Kind kind() const { return m_presentation.kind; }
    QList<Mode> modes() const;
    Mode mode() const;
    void setMode(Mode mode);
    QString text() const; // the text view's text
    QString note() const; // the note shown above it; empty when hidden
    bool isHighlighted() const;

private:
    void onModeChosen(int index);
    void display(Mode mode);

    QLabel *m_note;
    QComboBox *m_modeBox;
    QStackedWidget *m_stack;
    CodeView *m_text;
    OfflineTextBrowser *m_rendered;
    JsonHighlighter *m_highlighter;
    QByteArray m_body;
    BodyText::Presentation m_presentation;
    bool m_renderedIsCurrent = false;
};
