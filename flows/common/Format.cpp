#include "Format.h"

namespace Tokenscope {

QString Format::bytes(qint64 bytes)
{
    constexpr qint64 KiB = 1024;
    constexpr qint64 MiB = 1024 * KiB;
    auto trimmed = [](double value) {
        return QString::number(value, 'f', value == double(qint64(value)) ? 0 : 1);
    };
    if (bytes >= MiB)
        return tr("%1 MiB").arg(trimmed(double(bytes) / MiB));
    if (bytes >= KiB)
        return tr("%1 KiB").arg(trimmed(double(bytes) / KiB));
    return tr("%1 B").arg(bytes);
}

QString Format::duration(qint64 milliseconds)
{
    if (milliseconds < 1000)
        return tr("%1 ms").arg(milliseconds);
    const double seconds = double(milliseconds) / 1000.0;
    return tr("%1 s").arg(QString::number(seconds, 'f', milliseconds % 1000 == 0 ? 0 : 1));
}

} // namespace Tokenscope
