#pragma once

#include <QString>

namespace Tokenscope::Profiles {

// Why an export document could not be written or read.
struct ProfileExportError
{
    enum class Kind
    {
        None,
        MalformedJson,      // not JSON; line/column in message
        NotAnExport,        // JSON, but not a Tokenscope profile export
        UnsupportedVersion, // "version" is not one this build reads
        InvalidField,       // field names the offending member
        DuplicateName,      // two profiles in one document share a name
        DuplicateId,        // two profiles in one document share an id
        PassphraseRequired, // secrets asked for (export) or present (import) without one
        WrongPassphrase,    // the passphrase does not open the secrets section
        Tampered,           // the passphrase is right but the ciphertext or its tag changed
        KdfParameters,      // scrypt parameters out of the accepted range
        Crypto,             // OpenSSL failed (or the random source did)
    };

    Kind kind = Kind::None;
    QString message; // translated, one line; never contains a secret or the passphrase
    QString field;

    bool isError() const { return kind != Kind::None; }
    static QString kindName(Kind kind); // stable, for JSON: "wrong_passphrase", …
};

} // namespace Tokenscope::Profiles
