#pragma once

#include "SandboxDirectory.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QHash>
#include <QString>
#include <QStringList>

namespace Tokenscope::Sandbox {

// Request objects (OpenID Connect Core §6.1, RFC 9101): the authorization request's
// parameters as a JWT from the client. Signed with one of the client's registered keys or,
// HS256/384/512, with its client secret; unsigned (alg none) only for a client that allows
// it explicitly. A signed one must name the client in iss and the sandbox in aud. Its claims
// take precedence over the parameters outside it.
class SandboxRequestObject final
{
    Q_DECLARE_TR_FUNCTIONS(Tokenscope::Sandbox::SandboxRequestObject)

public:
    struct Result
    {
        bool ok = false;
        QString description;                // why it is an invalid_request_object
        QHash<QString, QString> parameters; // the merged request, "request" removed
    };

    static QStringList algorithms(); // request_object_signing_alg_values_supported
    static Result resolve(const QByteArray &jwt, const SandboxClient &client, const QString &issuer,
                          const QDateTime &now, const QHash<QString, QString> &outer);
};

} // namespace Tokenscope::Sandbox
