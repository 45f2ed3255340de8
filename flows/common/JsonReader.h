#pragma once

#include <QByteArray>
#include <QCoreApplication>
#include <QJsonDocument>
#include <QString>

namespace Tokenscope {

// Parses a JSON document and, when it is malformed, says where: line and column (both
// 1-based, column in characters of the line) and what the parser expected.
struct JsonParseResult
{
    QJsonDocument document;
    bool ok = false;
    int line = 0;
    int column = 0;
    QString message; // translated, e.g. "line 3, column 14: unterminated string"
};

class JsonReader final
{
    Q_DECLARE_TR_FUNCTIONS(Tokenscope::JsonReader)

public:
    static JsonParseResult parse(const QByteArray &bytes);
    // Line and column of a byte offset in bytes (1-based).
    static std::pair<int, int> lineColumn(const QByteArray &bytes, qsizetype offset);
};

} // namespace Tokenscope
