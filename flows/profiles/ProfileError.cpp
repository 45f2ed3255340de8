#include "ProfileError.h"

namespace Tokenscope::Profiles {

QString ProfileError::kindName(Kind kind)
{
    switch (kind) {
    case Kind::None:
        return QStringLiteral("none");
    case Kind::NotFound:
        return QStringLiteral("not_found");
    case Kind::ChangedOnDisk:
        return QStringLiteral("changed_on_disk");
    case Kind::MalformedJson:
        return QStringLiteral("malformed_json");
    case Kind::NotAnObject:
        return QStringLiteral("not_an_object");
    case Kind::InvalidField:
        return QStringLiteral("invalid_field");
    case Kind::NewerSchema:
        return QStringLiteral("newer_schema");
    case Kind::Io:
        return QStringLiteral("io");
    case Kind::AmbiguousName:
        return QStringLiteral("ambiguous_name");
    }
    return QStringLiteral("none");
}

} // namespace Tokenscope::Profiles
