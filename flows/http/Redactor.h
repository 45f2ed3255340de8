#pragma once

#include "Exchange.h"

#include <QByteArrayList>
#include <QJsonObject>

namespace Tokenscope::Http {

// Masks secrets when an exchange is rendered or exported: Authorization and cookie
// headers, client secrets, codes, verifiers, tokens, passwords and assertions in query
// strings, fragments, form bodies and JSON bodies; then every other occurrence of a
// secret found that way (a code echoed in an HTML page, a token in a Location header).
// The recorded exchange itself is never changed.
class Redactor final
{
public:
    static QByteArray mask() { return QByteArrayLiteral("[redacted]"); }

    static bool isSecretParameter(const QByteArray &name);
    static bool isSecretHeader(const QByteArray &name);

    static Exchange redact(const Exchange &exchange);

    // Building blocks, each adding what it masked to `secrets` (when not null).
    static QByteArray redactForm(const QByteArray &form, QByteArrayList *secrets);
    static QByteArray redactJson(const QByteArray &json, QByteArrayList *secrets);
    static QByteArray redactHeader(const QByteArray &name, const QByteArray &value,
                                   QByteArrayList *secrets);
    static QUrl redactUrl(const QUrl &url, QByteArrayList *secrets);
    // A parsed document (the CLI's "result", exports): secret members masked.
    static QJsonObject redactJsonObject(const QJsonObject &object);
};

} // namespace Tokenscope::Http
