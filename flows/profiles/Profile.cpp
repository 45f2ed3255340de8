#include "Profile.h"

namespace Tokenscope::Profiles {

Profile Profile::create(const QString &name)
{
    Profile profile;
    profile.id = QUuid::createUuid();
    profile.name = name;
    return profile;
}

} // namespace Tokenscope::Profiles
