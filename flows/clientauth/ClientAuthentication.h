#pragma once

#include "http/Exchange.h"

#include <QCoreApplication>
#include <QList>
#include <QPair>
#include <QString>

namespace Tokenscope {
class Clock;
class RandomSource;
} // namespace Tokenscope

namespace Tokenscope::ClientAuth {

struct ClientCredentials;

using FormFields = QList<QPair<QByteArray, QByteArray>>;

// How the client proves itself at the token endpoint (RFC 6749 §2.3, OIDC Core §9).
// mTLS comes with the client-authentication issue.
class ClientAuthentication final
{
    Q_DECLARE_TR_FUNCTIONS(Tokenscope::ClientAuth::ClientAuthentication)

public:
    enum class Method
    {
        ClientSecretBasic,
        ClientSecretPost,
        None,
        ClientSecretJwt, // RFC 7523 §2.2 with HS256 over the secret (OIDC Core §9)
        PrivateKeyJwt,   // RFC 7523 §2.2 signed with the client's private key
    };

    // Adds what the method needs to the form and the headers.
    static void apply(Method method, const QString &clientId, const QByteArray &secret,
                      FormFields *form, Http::HeaderList *headers);
    // "Basic base64(urlencode(id):urlencode(secret))", RFC 6749 §2.3.1.
    // Every method: the JWT ones build a client_assertion with iss = sub = client_id,
    // aud = `audience` (the endpoint), a random jti and exp from the clock. Returns a
    // translated problem, or empty.
    static QString apply(const ClientCredentials &client, const QUrl &audience, const Clock &clock,
                         RandomSource &random, FormFields *form, Http::HeaderList *headers);
    static QByteArray basicCredentials(const QString &clientId, const QByteArray &secret);
    static QByteArray encodeForm(const FormFields &form); // application/x-www-form-urlencoded

    static QString methodName(Method method);
    static bool parseMethod(const QString &name, Method *method);
};

} // namespace Tokenscope::ClientAuth
