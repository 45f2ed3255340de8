#include "JsonReader.h"

#include <QJsonParseError>

namespace Tokenscope {

std::pair<int, int> JsonReader::lineColumn(const QByteArray &bytes, qsizetype offset)
{
    offset = std::clamp<qsizetype>(offset, 0, bytes.size());
    int line = 1;
    qsizetype lineStart = 0;
    for (qsizetype i = 0; i < offset; ++i) {
        if (bytes.at(i) == '\n') {
            ++line;
            lineStart = i + 1;
        }
    }
    // Columns count characters (code points): a UTF-8 sequence is one column, so only
    // bytes that do not continue a sequence (10xxxxxx) start a new one.
    int column = 1;
    for (qsizetype i = lineStart; i < offset; ++i) {
        if ((static_cast<unsigned char>(bytes.at(i)) & 0xC0) != 0x80)
            ++column;
    }
    return {line, column};
}

// RFC 8259 §7: control characters inside strings must be escaped. Qt's parser lets raw
// ones through; a debugger must not. Returns the offset of the first one, or -1.
static qsizetype rawControlCharacterInString(const QByteArray &bytes)
{
    bool inString = false;
    for (qsizetype i = 0; i < bytes.size(); ++i) {
        const auto c = static_cast<unsigned char>(bytes.at(i));
        if (!inString) {
            inString = c == '"';
            continue;
        }
        if (c == '\\')
            ++i;
        else if (c == '"')
            inString = false;
        else if (c < 0x20)
            return i;
    }
    return -1;
}

JsonParseResult JsonReader::parse(const QByteArray &bytes)
{
    JsonParseResult result;
    if (bytes.trimmed().isEmpty()) {
        result.line = 1;
        result.column = 1;
        result.message = tr("the body is empty, a JSON document was expected");
        return result;
    }
    QJsonParseError error;
    result.document = QJsonDocument::fromJson(bytes, &error);
    if (error.error == QJsonParseError::NoError) {
        const qsizetype control = rawControlCharacterInString(bytes);
        if (control < 0) {
            result.ok = true;
            return result;
        }
        result.document = QJsonDocument();
        const auto [line, column] = lineColumn(bytes, control);
        result.line = line;
        result.column = column;
        result.message =
            tr("line %1, column %2: unescaped control character U+%3 in a string")
                .arg(line)
                .arg(column)
                .arg(int(static_cast<unsigned char>(bytes.at(control))), 4, 16, QLatin1Char('0'));
        return result;
    }
    // Qt reports the offset just past the token it rejected; point at the token itself,
    // except where Qt already points at the start (garbage) or the end (open string).
    qsizetype offset = error.offset;
    if (error.error != QJsonParseError::UnterminatedString &&
        error.error != QJsonParseError::GarbageAtEnd && offset > 0)
        --offset;
    const auto [line, column] = lineColumn(bytes, offset);
    result.line = line;
    result.column = column;
    result.message = tr("line %1, column %2: %3").arg(line).arg(column).arg(error.errorString());
    return result;
}

} // namespace Tokenscope
