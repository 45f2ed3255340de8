#pragma once

#include <QByteArray>
#include <QByteArrayView>
#include <QString>

namespace Tokenscope::Jose {

// Strict base64url (RFC 4648 §5) as JOSE uses it (RFC 7515 §2): the URL-safe alphabet, no
// padding, no whitespace, and no non-canonical trailing bits (the unused low bits of the
// last character must be zero, so every byte string has exactly one encoding).
class Base64Url final
{
public:
    enum class Problem
    {
        None,
        Padding,          // "=" present
        InvalidCharacter, // outside A-Z a-z 0-9 - _
        InvalidLength,    // length % 4 == 1 can't encode whole bytes
        NonCanonical,     // unused trailing bits are not zero
    };

    // Decodes `text` into *out (cleared first). Returns false, and says why in *problem
    // when given, for anything but a canonical unpadded base64url string. The empty string
    // decodes to an empty array.
    static bool decode(QByteArrayView text, QByteArray *out, Problem *problem = nullptr);
    static QByteArray encode(QByteArrayView bytes);

    static QString problemName(Problem problem); // stable: "padding", "invalid_character", …
};

} // namespace Tokenscope::Jose
