#pragma once

#include "Exchange.h"

#include <QString>

namespace Tokenscope::Http {

// "Copy as curl": a bash command that sends the same request line, the same headers in
// the same order and the same body bytes. With secrets hidden the masked values are in
// the command (it then documents the request rather than replaying it).
class CurlCommand final
{
public:
    enum class Secrets
    {
        Hide,
        Show
    };
    static QString render(const Exchange &recorded, Secrets secrets = Secrets::Hide);
    // One shell word: single-quoted, or ANSI-C quoted ($'…') when it holds control bytes.
    static QString quote(const QByteArray &word);
};

} // namespace Tokenscope::Http
