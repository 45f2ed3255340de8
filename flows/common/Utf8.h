#pragma once

#include <QByteArray>
#include <QString>

namespace Tokenscope {

// True when `bytes` is valid UTF-8 throughout, a truncated last sequence included:
// decoding replaces anything invalid with U+FFFD, so a round trip would change it.
inline bool isValidUtf8(const QByteArray &bytes)
{
    return QString::fromUtf8(bytes).toUtf8() == bytes;
}

} // namespace Tokenscope
