#include "SecretError.h"

namespace Tokenscope::Profiles {

QString SecretError::kindName(Kind kind)
{
    switch (kind) {
    case Kind::None:
        return QStringLiteral("none");
    case Kind::NotFound:
        return QStringLiteral("not_found");
    case Kind::Unavailable:
        return QStringLiteral("unavailable");
    case Kind::Locked:
        return QStringLiteral("locked");
    case Kind::Other:
        return QStringLiteral("other");
    }
    return QStringLiteral("none");
}

} // namespace Tokenscope::Profiles
