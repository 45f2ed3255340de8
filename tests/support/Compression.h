#pragma once

#include <QByteArray>

namespace Tokenscope::Testing {

// Compresses with zlib: windowBits 16 + 15 for gzip, 15 for zlib-wrapped deflate, -15 for
// raw deflate (what some servers send as "deflate").
QByteArray compressed(const QByteArray &data, int windowBits);

constexpr int GzipWindowBits = 16 + 15;
constexpr int ZlibWindowBits = 15;
constexpr int RawDeflateWindowBits = -15;

} // namespace Tokenscope::Testing
