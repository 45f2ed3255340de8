#pragma once

#include "Exchange.h"

#include <QJsonObject>

namespace Tokenscope::Http {

// The JSON form of an exchange, shared by the CLI's "exchanges" array and exports:
// {"request": {"method", "url", "headers": [[name, value]…], "body"},
//  "response": {"status", "reason", "headers", "body", …}, "ms", …}
// Bodies that are not UTF-8 text are given as "body_base64" instead of "body".
class ExchangeJson final
{
public:
    enum class Secrets
    {
        Hide,
        Show
    };
    static QJsonObject toJson(const Exchange &recorded, Secrets secrets = Secrets::Hide);
    static QJsonObject tlsToJson(const TlsInfo &tls);
};

} // namespace Tokenscope::Http
