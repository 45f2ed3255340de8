#include "ProfileExportError.h"

namespace Tokenscope::Profiles {

QString ProfileExportError::kindName(Kind kind)
{
    switch (kind) {
    case Kind::None:
        return QStringLiteral("none");
    case Kind::MalformedJson:
        return QStringLiteral("malformed_json");
    case Kind::NotAnExport:
        return QStringLiteral("not_an_export");
    case Kind::UnsupportedVersion:
        return QStringLiteral("unsupported_version");
    case Kind::InvalidField:
        return QStringLiteral("invalid_field");
    case Kind::DuplicateName:
        return QStringLiteral("duplicate_name");
    case Kind::DuplicateId:
        return QStringLiteral("duplicate_id");
    case Kind::PassphraseRequired:
        return QStringLiteral("passphrase_required");
    case Kind::WrongPassphrase:
        return QStringLiteral("wrong_passphrase");
    case Kind::Tampered:
        return QStringLiteral("tampered");
    case Kind::KdfParameters:
        return QStringLiteral("kdf_parameters");
    case Kind::Crypto:
        return QStringLiteral("crypto");
    }
    return QStringLiteral("none");
}

} // namespace Tokenscope::Profiles
