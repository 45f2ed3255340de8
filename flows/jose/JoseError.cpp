#include "JoseError.h"

namespace Tokenscope::Jose {

QString JoseError::kindName(Kind kind)
{
    switch (kind) {
    case Kind::None:
        return QStringLiteral("none");
    case Kind::TooLarge:
        return QStringLiteral("too_large");
    case Kind::WrongSegmentCount:
        return QStringLiteral("wrong_segment_count");
    case Kind::JweNotSupported:
        return QStringLiteral("jwe_not_supported");
    case Kind::InvalidBase64Url:
        return QStringLiteral("invalid_base64url");
    case Kind::HeaderNotJson:
        return QStringLiteral("header_not_json");
    case Kind::HeaderNotObject:
        return QStringLiteral("header_not_object");
    case Kind::DuplicateMember:
        return QStringLiteral("duplicate_member");
    case Kind::MissingAlg:
        return QStringLiteral("missing_alg");
    case Kind::MalformedJwsJson:
        return QStringLiteral("malformed_jws_json");
    case Kind::AlgNone:
        return QStringLiteral("alg_none");
    case Kind::UnsupportedAlg:
        return QStringLiteral("unsupported_alg");
    case Kind::AlgNotAllowed:
        return QStringLiteral("alg_not_allowed");
    case Kind::InvalidCrit:
        return QStringLiteral("invalid_crit");
    case Kind::UnsupportedCrit:
        return QStringLiteral("unsupported_crit");
    case Kind::KeyConfusion:
        return QStringLiteral("key_confusion");
    case Kind::UnknownKid:
        return QStringLiteral("unknown_kid");
    case Kind::NoSuitableKey:
        return QStringLiteral("no_suitable_key");
    case Kind::SignatureLength:
        return QStringLiteral("signature_length");
    case Kind::SignatureInvalid:
        return QStringLiteral("signature_invalid");
    case Kind::NotAJwkSet:
        return QStringLiteral("not_a_jwk_set");
    case Kind::InvalidKey:
        return QStringLiteral("invalid_key");
    case Kind::UnsupportedKeyType:
        return QStringLiteral("unsupported_key_type");
    case Kind::DecryptionFailed:
        return QStringLiteral("decryption_failed");
    case Kind::KeysUnavailable:
        return QStringLiteral("keys_unavailable");
    case Kind::Crypto:
        return QStringLiteral("crypto");
    }
    return QStringLiteral("none");
}

} // namespace Tokenscope::Jose
