#pragma once

#include <QByteArray>
#include <QDateTime>
#include <QList>
#include <QPair>
#include <QString>
#include <QStringList>

namespace Tokenscope::Sandbox {

class SandboxKeys;

// JWT Secured Authorization Response Mode (JARM): the authorization response's parameters
// as one JWT signed by the sandbox (iss, aud, exp and the parameters), delivered as the
// single parameter "response" in the query, the fragment or a form post.
class SandboxJarm final
{
public:
    static constexpr qint64 lifetime = 600; // exp - now, in seconds

    static QStringList modes(); // jwt, query.jwt, fragment.jwt, form_post.jwt
    static bool isJwtMode(const QString &responseMode) { return modes().contains(responseMode); }
    // How the JWT travels: "jwt" is query for response type code and fragment otherwise
    // (JARM §2.3.4); the others name it. Other modes are returned as they are.
    static QString deliveryMode(const QString &responseMode, const QString &responseType);
    // The signed response with the key for `alg` (the client's ID token algorithm).
    static QByteArray sign(const SandboxKeys &keys, const QString &alg, const QString &issuer,
                           const QString &clientId, const QDateTime &now,
                           const QList<QPair<QString, QString>> &parameters);
};

} // namespace Tokenscope::Sandbox
