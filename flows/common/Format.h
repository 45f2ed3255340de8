#pragma once

#include <QCoreApplication>
#include <QString>

namespace Tokenscope {

// Human-readable sizes and durations for messages, in the user's language.
class Format final
{
    Q_DECLARE_TR_FUNCTIONS(Tokenscope::Format)

public:
    static QString bytes(qint64 bytes);           // "512 B", "4 MiB", "1.5 KiB"
    static QString duration(qint64 milliseconds); // "250 ms", "30 s", "1.5 s"
};

} // namespace Tokenscope
