#pragma once

#include "profiles/Profile.h"

namespace Tokenscope::Sandbox {

// The profile a first launch creates: the built-in sandbox provider (its issuer is filled
// in when the sandbox runs, as its port changes from run to run) and its public client,
// authorization code + PKCE S256 on a loopback redirect URI. No secrets.
Profiles::Profile sandboxProfile();

} // namespace Tokenscope::Sandbox
