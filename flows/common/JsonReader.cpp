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
    const QString prefix = QString::fromUtf8(bytes.constData() + lineStart, offset - lineStart);
    return {line, int(prefix.size()) + 1};
}

JsonParseResult JsonReader::parse(const QByteArray &bytes)
{
    JsonParseResult result;
    QJsonParseError error;
    result.document = QJsonDocument::fromJson(bytes, &error);
    if (error.error == QJsonParseError::NoError) {
        result.ok = true;
        return result;
    }
    if (bytes.trimmed().isEmpty()) {
        result.line = 1;
        result.column = 1;
        result.message = tr("the body is empty, a JSON document was expected");
        return result;
    }
    const auto [line, column] = lineColumn(bytes, error.offset);
    result.line = line;
    result.column = column;
    result.message = tr("line %1, column %2: %3").arg(line).arg(column).arg(error.errorString());
    return result;
}

} // namespace Tokenscope
