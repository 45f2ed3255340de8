#pragma once

#include "common/Finding.h"
#include "jose/AccessTokenValidator.h"
#include "jose/IdTokenValidator.h"
#include "jose/JwkSet.h"

#include <QByteArray>
#include <QUrl>

#include <optional>

namespace Tokenscope::Jose {
class JwksCache;
}

// What TokenInspector knows besides the token: keys to verify with (a key set, or a jwks_uri
// looked up through a JwksCache), a key to decrypt a JWE with, what the token is expected to
// be (an ID token or an access token, with their expectations) and findings a flow already
// computed, shown as they are.
struct TokenContext
{
    std::optional<Tokenscope::Jose::JwkSet> keys;
    QUrl jwksUri; // used with jwksCache when keys is empty
    Tokenscope::Jose::JwksCache *jwksCache = nullptr;
    QByteArray decryptionKeys;     // a private JWK or JWK Set, for a JWE
    QStringList allowedAlgorithms; // empty: any but none
    // Claim rules. `now` of either is filled in from the inspector's clock when null.
    std::optional<Tokenscope::Jose::IdTokenExpectations> idToken;
    std::optional<Tokenscope::Jose::AccessTokenExpectations> accessToken;
    Tokenscope::Findings findings; // computed elsewhere (e.g. by a flow)
    // A flow already checked the token (its findings are in `findings`): the inspector adds
    // no rules of its own, and says so instead of "not checked" when no keys are given.
    bool signatureCheckedElsewhere = false;
    QString label; // what the token is, for the heading ("ID token"); empty: guessed
};
