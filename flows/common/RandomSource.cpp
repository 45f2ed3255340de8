#include "RandomSource.h"

#include <openssl/rand.h>

namespace Tokenscope {

QByteArray SystemRandomSource::bytes(int count)
{
    if (count <= 0)
        return {};
    QByteArray out(count, Qt::Uninitialized);
    if (RAND_bytes(reinterpret_cast<unsigned char *>(out.data()), count) != 1)
        return {};
    return out;
}

QByteArray FixedRandomSource::bytes(int count)
{
    QByteArray out;
    out.reserve(count);
    while (out.size() < count && !m_pattern.isEmpty())
        out.append(m_pattern.left(count - out.size()));
    return out;
}

} // namespace Tokenscope
