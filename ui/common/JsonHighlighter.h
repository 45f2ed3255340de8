#pragma once

#include <QSyntaxHighlighter>
#include <QTextCharFormat>

// Colours JSON text a line at a time: member names, strings, numbers, literals
// (true, false, null) and punctuation. No regular expressions: it keeps up with the
// largest body the views format (BodyText::FormatLimit).
class JsonHighlighter final : public QSyntaxHighlighter
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(JsonHighlighter)

public:
    enum class Token
    {
        Key,
        String,
        Number,
        Literal,
        Punctuation
    };

    explicit JsonHighlighter(QTextDocument *document = nullptr);

    QTextCharFormat formatFor(Token token) const;

protected:
    void highlightBlock(const QString &text) override;

private:
    QTextCharFormat m_key;
    QTextCharFormat m_string;
    QTextCharFormat m_number;
    QTextCharFormat m_literal;
    QTextCharFormat m_punctuation;
};
