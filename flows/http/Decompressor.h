#pragma once

#include <QByteArray>

namespace Tokenscope::Http {

// Content-Encoding gzip and deflate (zlib-wrapped or raw), with an output cap so that a
// small compressed body cannot expand without bound.
class Decompressor final
{
public:
    enum class Status
    {
        Ok,
        Truncated,
        Corrupt,
        Unsupported
    };
    struct Result
    {
        Status status = Status::Ok;
        QByteArray data; // what could be decompressed, up to the cap
    };

    static bool supports(const QByteArray &encoding); // "gzip", "x-gzip", "deflate", "identity"
    static Result decompress(const QByteArray &encoding, const QByteArray &data, qint64 maxBytes);
};

} // namespace Tokenscope::Http
