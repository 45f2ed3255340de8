#pragma once

#include <QString>

namespace Tokenscope::Jose {

// Why a JOSE object or key was rejected. Each kind has a stable name for the CLI's JSON
// ("kind") and a translated one-line message for people.
struct JoseError
{
    enum class Kind
    {
        None,
        // Parsing a token
        TooLarge,          // over JwsLimits::maxTokenBytes
        WrongSegmentCount, // a compact JWS has exactly 3 segments
        JweNotSupported,   // 5 segments: a JWE; decryption is not available yet
        InvalidBase64Url,  // a segment or member is not strict base64url
        HeaderNotJson,     // the header is not a JSON document (or not UTF-8)
        HeaderNotObject,   // the header is JSON but not an object
        DuplicateMember,   // a member name appears twice in header, payload or JWK
        MissingAlg,        // no "alg" string in the header
        MalformedJwsJson,  // JWS JSON serialization with a missing or wrong member
        // Verifying
        AlgNone,          // "alg": "none" where a signature is expected
        UnsupportedAlg,   // an algorithm this verifier does not implement
        AlgNotAllowed,    // outside the caller's allowed list
        InvalidCrit,      // "crit" empty, not a list of names, or naming an absent member
        UnsupportedCrit,  // "crit" names an extension we don't understand
        KeyConfusion,     // an HMAC algorithm with a public (asymmetric) key
        UnknownKid,       // no key in the set has the token's "kid": the caller may re-fetch
        NoSuitableKey,    // keys exist, none may be used for this token (reasons in message)
        SignatureLength,  // the signature has the wrong length for the algorithm
        SignatureInvalid, // no candidate key verified the signature
        // Keys
        NotAJwkSet,         // not a JSON object with a "keys" array
        InvalidKey,         // a JWK member missing or malformed, or a key too weak
        UnsupportedKeyType, // kty or crv this code does not handle
        Crypto,             // OpenSSL failed unexpectedly
        // Fetching keys
        KeysUnavailable, // the key set could not be fetched (JwksCache), or not again yet
        // Decrypting
        DecryptionFailed, // no key given could decrypt the JWE (or its tag is wrong)
    };

    Kind kind = Kind::None;
    QString message; // translated, one line

    bool isError() const { return kind != Kind::None; }
    static QString kindName(Kind kind); // stable, for JSON: "alg_none", "unknown_kid", …
};

} // namespace Tokenscope::Jose
