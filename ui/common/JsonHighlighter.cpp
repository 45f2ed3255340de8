#include "JsonHighlighter.h"

#include <QGuiApplication>
#include <QPalette>

namespace {

QTextCharFormat colored(const QColor &color, bool bold = false)
{
    QTextCharFormat format;
    format.setForeground(color);
    if (bold)
        format.setFontWeight(QFont::DemiBold);
    return format;
}

bool isNumberChar(QChar c)
{
    return c.isDigit() || c == QLatin1Char('-') || c == QLatin1Char('+') || c == QLatin1Char('.') ||
           c == QLatin1Char('e') || c == QLatin1Char('E');
}

} // namespace

JsonHighlighter::JsonHighlighter(QTextDocument *document)
    : QSyntaxHighlighter(document)
{
    const bool dark = QGuiApplication::palette().color(QPalette::Base).lightness() < 128;
    m_key = colored(dark ? QColor(0x9c, 0xdc, 0xfe) : QColor(0x0b, 0x4f, 0x9c), true);
    m_string = colored(dark ? QColor(0xce, 0x91, 0x78) : QColor(0xa3, 0x15, 0x15));
    m_number = colored(dark ? QColor(0xb5, 0xce, 0xa8) : QColor(0x09, 0x86, 0x58));
    m_literal = colored(dark ? QColor(0x56, 0x9c, 0xd6) : QColor(0x80, 0x00, 0x80), true);
    m_punctuation = colored(dark ? QColor(0xa0, 0xa0, 0xa0) : QColor(0x60, 0x60, 0x60));
}

QTextCharFormat JsonHighlighter::formatFor(Token token) const
{
    switch (token) {
    case Token::Key:
        return m_key;
    case Token::String:
        return m_string;
    case Token::Number:
        return m_number;
    case Token::Literal:
        return m_literal;
    case Token::Punctuation:
        return m_punctuation;
    }
    return {};
}

void JsonHighlighter::highlightBlock(const QString &text)
{
    const int length = int(text.size());
    int i = 0;
    while (i < length) {
        const QChar c = text.at(i);
        if (c == QLatin1Char('"')) {
            int end = i + 1;
            bool escaped = false;
            while (end < length) {
                const QChar d = text.at(end);
                if (escaped)
                    escaped = false;
                else if (d == QLatin1Char('\\'))
                    escaped = true;
                else if (d == QLatin1Char('"'))
                    break;
                ++end;
            }
            end = std::min(end + 1, length);
            int next = end;
            while (next < length && text.at(next).isSpace())
                ++next;
            const bool key = next < length && text.at(next) == QLatin1Char(':');
            setFormat(i, end - i, key ? m_key : m_string);
            i = end;
        } else if (c.isDigit() || c == QLatin1Char('-')) {
            int end = i + 1;
            while (end < length && isNumberChar(text.at(end)))
                ++end;
            setFormat(i, end - i, m_number);
            i = end;
        } else if (c.isLetter()) {
            int end = i + 1;
            while (end < length && text.at(end).isLetter())
                ++end;
            const QStringView word = QStringView(text).mid(i, end - i);
            if (word == QLatin1String("true") || word == QLatin1String("false") ||
                word == QLatin1String("null")) {
                setFormat(i, end - i, m_literal);
            }
            i = end;
        } else {
            if (QStringView(u"{}[],:").contains(c))
                setFormat(i, 1, m_punctuation);
            ++i;
        }
    }
}
