#pragma once

#include "common/Finding.h"
#include "jose/IdTokenValidator.h"
#include "jose/JwkSet.h"

#include <QCoreApplication>
#include <QJsonObject>

namespace Tokenscope::AuthCode {

// One ID token checked end to end: parsed, its typ header, its signature verified against
// the provider's JWKS, then every claim rule of OpenID Connect Core §3.1.3.7 (with the hash
// rules an authorization-endpoint token must meet). Pure: the keys are fetched by the
// caller.
class IdTokenCheck final
{
    Q_DECLARE_TR_FUNCTIONS(Tokenscope::AuthCode::IdTokenCheck)

public:
    struct Input
    {
        QString idToken;
        // The provider's keys. Null: the provider names no jwks_uri, so the signature
        // cannot be checked (a warning). Otherwise keys that do not verify fail.
        const Jose::JwkSet *keys = nullptr;
        QString keysProblem; // why the keys could not be had, reported with the failure
        // fromAuthorizationEndpoint makes at_hash and c_hash required when the access
        // token or code came with the ID token (§3.2.2.10, §3.3.2.11).
        Jose::IdTokenExpectations expected;
        QString subject; // set on every finding, e.g. "id_token (token response)"
    };

    static Findings check(const Input &input);
    // The payload of a compact JWS, or an empty object when it is not one.
    static QJsonObject claims(const QString &idToken);
};

} // namespace Tokenscope::AuthCode
