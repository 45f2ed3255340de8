#include "BodyText.h"

#include "common/Format.h"
#include "common/JsonReader.h"

#include <QUrl>

namespace {

QByteArray mediaType(const QByteArray &contentType)
{
    QByteArray type = contentType;
    const qsizetype semicolon = type.indexOf(';');
    if (semicolon >= 0)
        type.truncate(semicolon);
    return type.trimmed().toLower();
}

bool isJsonType(const QByteArray &type)
{
    return type == "application/json" || type.endsWith("+json") || type == "text/json";
}

bool looksBinary(const QByteArray &type, const QByteArray &bytes)
{
    QByteArray head = bytes.left(4096);
    if (head.contains('\0'))
        return true;
    if (type.startsWith("text/"))
        return false; // text in a legacy charset is still text
    if (bytes.size() > head.size()) {
        // Cut at 4 KiB: drop a multi-byte sequence split by the cut.
        qsizetype end = head.size();
        while (end > 0 && (uchar(head.at(end - 1)) & 0xC0) == 0x80)
            --end;
        if (end > 0 && uchar(head.at(end - 1)) >= 0xC0)
            --end;
        head.truncate(end);
    }
    return QString::fromUtf8(head).contains(QChar::ReplacementCharacter);
}

QByteArray breakLongLines(const QByteArray &text, qsizetype limit, bool *broken)
{
    QByteArray out;
    out.reserve(text.size() + text.size() / limit + 1);
    qsizetype run = 0;
    for (const char c : text) {
        out += c;
        if (c == '\n') {
            run = 0;
        } else if (++run >= limit) {
            out += '\n';
            run = 0;
            *broken = true;
        }
    }
    return out;
}

} // namespace

BodyText::Kind BodyText::classify(const QByteArray &contentType, const QByteArray &body)
{
    if (body.isEmpty())
        return Kind::Empty;
    const QByteArray type = mediaType(contentType);
    if (isJsonType(type))
        return Kind::Json;
    if (type == "application/x-www-form-urlencoded")
        return Kind::Form;
    if (type == "text/html" || type == "application/xhtml+xml")
        return Kind::Html;
    if (looksBinary(type, body))
        return Kind::Binary;
    const QByteArray start = body.left(256).trimmed();
    if (type.isEmpty() || type == "text/plain") {
        if (start.startsWith('{') || start.startsWith('['))
            return Kind::Json;
        const QByteArray lower = start.toLower();
        if (lower.startsWith("<!doctype html") || lower.startsWith("<html"))
            return Kind::Html;
    }
    return Kind::Text;
}

BodyText::Presentation BodyText::present(const QByteArray &contentType, const QByteArray &body)
{
    Presentation shown;
    shown.kind = classify(contentType, body);
    switch (shown.kind) {
    case Kind::Empty:
        shown.note = tr("No body");
        return shown;
    case Kind::Binary:
        shown.text = hexDump(body);
        shown.formatted = true;
        shown.note = tr("Binary body of %1, shown as a hex dump")
                         .arg(Tokenscope::Format::bytes(body.size()));
        if (body.size() > DisplayLimit / 4)
            shown.note += QLatin1Char(' ') +
                          tr("(the first %1)").arg(Tokenscope::Format::bytes(DisplayLimit / 4));
        return shown;
    default:
        break;
    }

    if (isLarge(body)) {
        shown.text = displayText(body, &shown.note);
        const QString large = tr("Large body (%1): shown as received, without formatting.")
                                  .arg(Tokenscope::Format::bytes(body.size()));
        shown.note = shown.note.isEmpty() ? large : large + QLatin1Char(' ') + shown.note;
        return shown;
    }

    switch (shown.kind) {
    case Kind::Json: {
        const Tokenscope::JsonParseResult parsed = Tokenscope::JsonReader::parse(body);
        if (parsed.ok) {
            shown.text = prettyJson(body);
            shown.highlight = true;
            shown.formatted = true;
        } else {
            shown.text = displayText(body);
            shown.note = tr("Not valid JSON: %1").arg(parsed.message);
        }
        break;
    }
    case Kind::Form:
        shown.text = decodedForm(body);
        shown.formatted = true;
        break;
    default:
        shown.text = displayText(body);
        break;
    }
    return shown;
}

QString BodyText::prettyJson(const QByteArray &json)
{
    QByteArray out;
    out.reserve(json.size() + json.size() / 2);
    int depth = 0;
    bool inString = false;
    bool escaped = false;
    auto newline = [&out, &depth] {
        out += '\n';
        out.append(qsizetype(depth) * JsonIndent, ' ');
    };
    const qsizetype size = json.size();
    for (qsizetype i = 0; i < size; ++i) {
        const char c = json.at(i);
        if (inString) {
            out += c;
            if (escaped)
                escaped = false;
            else if (c == '\\')
                escaped = true;
            else if (c == '"')
                inString = false;
            continue;
        }
        switch (c) {
        case '"':
            inString = true;
            out += c;
            break;
        case '{':
        case '[': {
            qsizetype next = i + 1;
            while (next < size && QChar::isSpace(uchar(json.at(next))))
                ++next;
            if (next < size && (json.at(next) == '}' || json.at(next) == ']')) {
                out += c;
                out += json.at(next);
                i = next;
                break;
            }
            out += c;
            ++depth;
            newline();
            break;
        }
        case '}':
        case ']':
            --depth;
            newline();
            out += c;
            break;
        case ',':
            out += c;
            newline();
            break;
        case ':':
            out += ": ";
            break;
        case ' ':
        case '\t':
        case '\n':
        case '\r':
            break;
        default:
            out += c;
        }
    }
    return QString::fromUtf8(out);
}

QString BodyText::decodedForm(const QByteArray &form)
{
    QStringList lines;
    const QByteArrayList pairs = form.split('&');
    for (const QByteArray &pair : pairs) {
        if (pair.isEmpty())
            continue;
        const qsizetype equals = pair.indexOf('=');
        QByteArray name = equals < 0 ? pair : pair.left(equals);
        QByteArray value = equals < 0 ? QByteArray() : pair.mid(equals + 1);
        name.replace('+', ' ');
        value.replace('+', ' ');
        const QString decodedName = QUrl::fromPercentEncoding(name);
        if (equals < 0)
            lines.append(decodedName);
        else
            lines.append(decodedName + QStringLiteral(" = ") + QUrl::fromPercentEncoding(value));
    }
    return lines.join(QLatin1Char('\n'));
}

QString BodyText::displayText(const QByteArray &bytes, QString *note)
{
    if (!isLarge(bytes))
        return QString::fromUtf8(bytes);
    QStringList notes;
    QByteArray shown = bytes;
    if (shown.size() > DisplayLimit) {
        shown.truncate(DisplayLimit);
        notes.append(tr("Showing the first %1 of %2; the copy buttons copy all of it.")
                         .arg(Tokenscope::Format::bytes(DisplayLimit),
                              Tokenscope::Format::bytes(bytes.size())));
    }
    bool broken = false;
    shown = breakLongLines(shown, DisplayLineLimit, &broken);
    if (broken)
        notes.append(
            tr("Lines longer than %1 characters are broken for display.").arg(DisplayLineLimit));
    if (note)
        *note = notes.join(QLatin1Char(' '));
    return QString::fromUtf8(shown);
}

QString BodyText::hexDump(const QByteArray &bytes)
{
    const QByteArray shown = bytes.left(DisplayLimit / 4);
    QString text;
    text.reserve(shown.size() * 5);
    for (qsizetype offset = 0; offset < shown.size(); offset += 16) {
        const QByteArray line = shown.mid(offset, 16);
        QString hex = QString::fromLatin1(line.toHex(' '));
        hex = hex.leftJustified(16 * 3 - 1, QLatin1Char(' '));
        QString ascii;
        for (const char c : line)
            ascii += (c >= 0x20 && c < 0x7f) ? QLatin1Char(c) : QLatin1Char('.');
        text += QStringLiteral("%1  %2  %3\n").arg(offset, 8, 16, QLatin1Char('0')).arg(hex, ascii);
    }
    return text;
}
