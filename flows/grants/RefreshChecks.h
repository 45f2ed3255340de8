#pragma once

#include "common/Finding.h"
#include "common/OAuthError.h"
#include "jose/JwkSet.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QString>

namespace Tokenscope::Grants {

// What a refresh response says about its refresh token and its ID token. Pure.
class RefreshChecks final
{
    Q_DECLARE_TR_FUNCTIONS(Tokenscope::Grants::RefreshChecks)

public:
    // refresh_token_rotated (a new one: the old one is spent) or refresh_token_kept (none
    // returned: the old one stays in use, RFC 6749 §6), as pass/warn-free info findings.
    static Finding rotation(const QString &sent, const QString &returned);
    // An invalid_grant answer to a refresh: explained as a fail finding (a rotated-out token
    // used again, RFC 9700 §4.14.2, revoked, expired or bound to another client).
    static Finding reuseError(const OAuthError &error, bool rotatedBefore);

    struct IdTokenInput
    {
        QString previousIdToken; // empty: sub stability cannot be checked (a warning)
        QString idToken;
        QString issuer;
        QString clientId;
        const Jose::JwkSet *keys = nullptr; // null: no jwks_uri, signature not checked
        QString keysProblem;
        QDateTime now;
        qint64 skewSeconds = 60;
    };
    // OIDC Core §12.2: signature, iss = the previous iss (and the issuer), sub = the
    // previous sub, aud contains the client, iat present, exp in the future.
    static Findings checkIdToken(const IdTokenInput &input);
};

} // namespace Tokenscope::Grants
