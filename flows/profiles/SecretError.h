#pragma once

#include <QString>

namespace Tokenscope::Profiles {

// Why a secret-store operation failed. The kinds are what a user can act on; message keeps
// the backend's own words.
struct SecretError
{
    enum class Kind
    {
        None,
        NotFound,    // no secret under this key (a read; a delete of a missing key succeeds)
        Unavailable, // no secret service (no D-Bus session, no keyring daemon, no backend)
        Locked,      // the keyring is locked or refused access (libsecret reports both alike)
        Other,       // anything else: see message
    };

    Kind kind = Kind::None;
    QString message; // the backend's message, or ours; never contains a secret

    bool isError() const { return kind != Kind::None; }
    static QString kindName(Kind kind); // stable, for JSON: "not_found", "unavailable", …
};

} // namespace Tokenscope::Profiles
