#pragma once

#include <QByteArray>
#include <QString>

namespace Tokenscope::Jose {

// QJsonDocument silently keeps one of two members with the same name; RFC 7515 §5.2 and
// RFC 7519 §7.2 want such headers and claims rejected. This scans the raw JSON text, in
// every object at every depth, for a name that repeats (after unescaping, so "a" and
// "\u0061" are the same name). Meant for text QJsonDocument has already accepted; on
// anything else it stops without reading out of bounds.
class JsonDuplicates final
{
public:
    // The first repeated member name, or a null QString when there is none.
    static QString firstDuplicate(const QByteArray &json);
};

} // namespace Tokenscope::Jose
