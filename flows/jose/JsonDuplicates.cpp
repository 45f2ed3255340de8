#include "JsonDuplicates.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QList>
#include <QSet>

namespace Tokenscope::Jose {

namespace {

struct Frame
{
    bool isObject = false;
    bool expectName = false;
    QSet<QString> names;
};

QString unescapedName(const QByteArray &literal)
{
    // literal includes its quotes.
    if (!literal.contains('\\'))
        return QString::fromUtf8(literal.mid(1, literal.size() - 2));
    const QByteArray wrapped = '[' + literal + ']';
    return QJsonDocument::fromJson(wrapped).array().at(0).toString();
}

} // namespace

QString JsonDuplicates::firstDuplicate(const QByteArray &json)
{
    QList<Frame> stack;
    const qsizetype size = json.size();
    qsizetype i = 0;
    while (i < size) {
        const char c = json.at(i);
        switch (c) {
        case '{':
            stack.append(Frame{true, true, {}});
            ++i;
            break;
        case '[':
            stack.append(Frame{false, false, {}});
            ++i;
            break;
        case '}':
        case ']':
            if (!stack.isEmpty())
                stack.removeLast();
            ++i;
            break;
        case ',':
            if (!stack.isEmpty() && stack.last().isObject)
                stack.last().expectName = true;
            ++i;
            break;
        case '"': {
            qsizetype end = i + 1;
            while (end < size && json.at(end) != '"')
                end += json.at(end) == '\\' ? 2 : 1;
            if (end >= size)
                return QString(); // unterminated: not for us to judge
            if (!stack.isEmpty() && stack.last().isObject && stack.last().expectName) {
                Frame &frame = stack.last();
                QString name = unescapedName(json.mid(i, end - i + 1));
                if (name.isNull())
                    name = QStringLiteral(""); // "" is a name too: keep it distinct from "none"
                if (frame.names.contains(name))
                    return name;
                frame.names.insert(name);
                frame.expectName = false;
            }
            i = end + 1;
            break;
        }
        default:
            ++i;
            break;
        }
    }
    return QString();
}

} // namespace Tokenscope::Jose
