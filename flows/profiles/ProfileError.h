#pragma once

#include <QString>

namespace Tokenscope::Profiles {

// Why a profile could not be loaded, saved or deleted.
struct ProfileError
{
    enum class Kind
    {
        None,
        NotFound,      // no file for this profile
        ChangedOnDisk, // the file changed (or vanished, or appeared) since this store read it
        MalformedJson, // line/column in message
        NotAnObject,
        InvalidField,  // field names the offending member ("client.redirect_uris")
        NewerSchema,   // written by a newer Tokenscope: not loaded, never overwritten
        Io,            // open, write, commit, permissions, remove
        AmbiguousName, // findByName: more than one profile has this name
    };

    Kind kind = Kind::None;
    QString message; // translated, one line
    QString path;    // the file concerned
    QString field;   // InvalidField

    bool isError() const { return kind != Kind::None; }
    static QString kindName(Kind kind); // stable, for JSON: "changed_on_disk", …
};

} // namespace Tokenscope::Profiles
