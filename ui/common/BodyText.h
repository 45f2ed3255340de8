#pragma once

#include <QByteArray>
#include <QCoreApplication>
#include <QString>

// How a message body is shown: what it is (JSON, form, HTML, text, binary) and the text
// the views display. Pure functions over bytes, so they are tested without widgets.
//
// Large bodies stay responsive: only bodies up to FormatLimit are pretty-printed or
// highlighted; beyond it the views show at most DisplayLimit bytes as received, with
// very long lines broken for display, and a note saying so (copies take the whole body).
class BodyText final
{
    Q_DECLARE_TR_FUNCTIONS(BodyText)

public:
    enum class Kind
    {
        Empty,
        Json,
        Form,
        Html,
        Text,
        Binary
    };

    static constexpr qsizetype FormatLimit = 512 * 1024;
    static constexpr qsizetype DisplayLimit = 1024 * 1024;
    static constexpr qsizetype DisplayLineLimit = 1000;
    static constexpr int JsonIndent = 2;

    struct Presentation
    {
        Kind kind = Kind::Empty;
        QString text;           // what the body view shows first
        QString note;           // why it is shown that way; empty when nothing to say
        bool highlight = false; // text is pretty-printed JSON
        bool formatted = false; // text differs from the body as received
    };

    // `contentType` is the Content-Type header value (parameters allowed, may be empty).
    static Kind classify(const QByteArray &contentType, const QByteArray &body);
    static Presentation present(const QByteArray &contentType, const QByteArray &body);

    // JSON re-indented, members in their original order and numbers as written.
    // `json` must be valid JSON.
    static QString prettyJson(const QByteArray &json);
    // "name = value" lines, percent-decoded, in the order sent.
    static QString decodedForm(const QByteArray &form);
    // The bytes as text for a view: UTF-8 up to the limits above, with `note` (when not
    // null) set when the text was cut or its lines broken.
    static QString displayText(const QByteArray &bytes, QString *note = nullptr);
    // Offset, hex and ASCII columns, 16 bytes a line, of the first DisplayLimit / 4 bytes.
    static QString hexDump(const QByteArray &bytes);
    static bool isLarge(const QByteArray &bytes) { return bytes.size() > FormatLimit; }
};
