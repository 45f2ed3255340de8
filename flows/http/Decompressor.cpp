#include "Decompressor.h"

#include <zlib.h>

#include <array>

namespace Tokenscope::Http {

bool Decompressor::supports(const QByteArray &encoding)
{
    const QByteArray e = encoding.trimmed().toLower();
    return e.isEmpty() || e == "identity" || e == "gzip" || e == "x-gzip" || e == "deflate";
}

static Decompressor::Result inflateWith(int windowBits, const QByteArray &data, qint64 maxBytes)
{
    Decompressor::Result result;
    z_stream stream{};
    if (inflateInit2(&stream, windowBits) != Z_OK) {
        result.status = Decompressor::Status::Corrupt;
        return result;
    }
    // zlib's API takes non-const input; it does not write to it.
    stream.next_in = reinterpret_cast<Bytef *>(const_cast<char *>(data.constData()));
    stream.avail_in = uInt(data.size());
    std::array<char, 64 * 1024> buffer{};
    int rc = Z_OK;
    while (rc != Z_STREAM_END) {
        stream.next_out = reinterpret_cast<Bytef *>(buffer.data());
        stream.avail_out = uInt(buffer.size());
        rc = inflate(&stream, Z_NO_FLUSH);
        if (rc != Z_OK && rc != Z_STREAM_END) {
            result.status = Decompressor::Status::Corrupt;
            break;
        }
        const qint64 produced = qint64(buffer.size()) - stream.avail_out;
        const qint64 room = maxBytes - result.data.size();
        if (produced > room) {
            result.data.append(buffer.data(), room);
            result.status = Decompressor::Status::Truncated;
            break;
        }
        result.data.append(buffer.data(), produced);
        if (rc == Z_OK && stream.avail_in == 0 && produced == 0) {
            result.status = Decompressor::Status::Corrupt; // input ended mid-stream
            break;
        }
    }
    inflateEnd(&stream);
    return result;
}

Decompressor::Result Decompressor::decompress(const QByteArray &encoding, const QByteArray &data,
                                              qint64 maxBytes)
{
    const QByteArray e = encoding.trimmed().toLower();
    if (e.isEmpty() || e == "identity")
        return {Status::Ok, data};
    if (e == "gzip" || e == "x-gzip")
        return inflateWith(16 + MAX_WBITS, data, maxBytes);
    if (e == "deflate") {
        // RFC 9110 says zlib format; some servers send raw deflate. Try both.
        Result zlibWrapped = inflateWith(MAX_WBITS, data, maxBytes);
        if (zlibWrapped.status != Status::Corrupt)
            return zlibWrapped;
        return inflateWith(-MAX_WBITS, data, maxBytes);
    }
    return {Status::Unsupported, data};
}

} // namespace Tokenscope::Http
