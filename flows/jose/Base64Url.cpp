#include "Base64Url.h"

#include <array>

namespace Tokenscope::Jose {

namespace {

constexpr qint8 Invalid = -1;

constexpr std::array<qint8, 256> makeTable()
{
    std::array<qint8, 256> table{};
    for (auto &entry : table)
        entry = Invalid;
    for (int i = 0; i < 26; ++i) {
        table[std::size_t('A' + i)] = qint8(i);
        table[std::size_t('a' + i)] = qint8(26 + i);
    }
    for (int i = 0; i < 10; ++i)
        table[std::size_t('0' + i)] = qint8(52 + i);
    table[std::size_t('-')] = 62;
    table[std::size_t('_')] = 63;
    return table;
}

constexpr std::array<qint8, 256> Table = makeTable();

bool fail(Base64Url::Problem reason, Base64Url::Problem *problem, QByteArray *out)
{
    if (problem)
        *problem = reason;
    out->clear();
    return false;
}

} // namespace

bool Base64Url::decode(QByteArrayView text, QByteArray *out, Problem *problem)
{
    out->clear();
    if (problem)
        *problem = Problem::None;
    const qsizetype size = text.size();
    out->reserve(size / 4 * 3 + 2);
    quint32 accumulator = 0;
    int bits = 0;
    for (qsizetype i = 0; i < size; ++i) {
        const auto c = static_cast<unsigned char>(text[i]);
        const qint8 value = Table[c];
        if (value == Invalid)
            return fail(c == '=' ? Problem::Padding : Problem::InvalidCharacter, problem, out);
        accumulator = (accumulator << 6) | quint32(value);
        bits += 6;
        if (bits >= 8) {
            bits -= 8;
            out->append(char((accumulator >> bits) & 0xffu));
        }
    }
    // 6 bits left over: a length of 4n + 1 characters can't encode whole bytes.
    if (bits == 6)
        return fail(Problem::InvalidLength, problem, out);
    // 2 or 4 bits left over: they must be zero in the canonical encoding.
    if (bits > 0 && (accumulator & ((1u << bits) - 1u)) != 0)
        return fail(Problem::NonCanonical, problem, out);
    return true;
}

QByteArray Base64Url::encode(QByteArrayView bytes)
{
    return bytes.toByteArray().toBase64(QByteArray::Base64UrlEncoding |
                                        QByteArray::OmitTrailingEquals);
}

QString Base64Url::problemName(Problem problem)
{
    switch (problem) {
    case Problem::None:
        return QStringLiteral("none");
    case Problem::Padding:
        return QStringLiteral("padding");
    case Problem::InvalidCharacter:
        return QStringLiteral("invalid_character");
    case Problem::InvalidLength:
        return QStringLiteral("invalid_length");
    case Problem::NonCanonical:
        return QStringLiteral("non_canonical");
    }
    return QStringLiteral("none");
}

} // namespace Tokenscope::Jose
