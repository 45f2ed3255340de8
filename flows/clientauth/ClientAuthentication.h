#pragma once

#include "http/Exchange.h"

#include <QList>
#include <QPair>
#include <QString>

namespace Tokenscope::ClientAuth {

using FormFields = QList<QPair<QByteArray, QByteArray>>;

// How the client proves itself at the token endpoint (RFC 6749 §2.3, OIDC Core §9).
// client_secret_jwt, private_key_jwt and mTLS come with the client-authentication issue.
class ClientAuthentication final
{
public:
    enum class Method
    {
        ClientSecretBasic,
        ClientSecretPost,
        None
    };

    // Adds what the method needs to the form and the headers.
    static void apply(Method method, const QString &clientId, const QByteArray &secret,
                      FormFields *form, Http::HeaderList *headers);
    // "Basic base64(urlencode(id):urlencode(secret))", RFC 6749 §2.3.1.
    static QByteArray basicCredentials(const QString &clientId, const QByteArray &secret);
    static QByteArray encodeForm(const FormFields &form); // application/x-www-form-urlencoded

    static QString methodName(Method method);
    static bool parseMethod(const QString &name, Method *method);
};

} // namespace Tokenscope::ClientAuth
