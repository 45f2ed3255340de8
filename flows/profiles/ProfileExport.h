#pragma once

#include "Profile.h"
#include "ProfileExportError.h"
#include "SecretKey.h"

#include <QByteArray>
#include <QCoreApplication>
#include <QDateTime>
#include <QHash>
#include <QList>
#include <QMap>
#include <QUuid>

namespace Tokenscope {
class RandomSource;
}

namespace Tokenscope::Profiles {

using SecretValues = QMap<SecretKind, QByteArray>;

// scrypt's cost parameters (RFC 7914), recorded in every document that carries secrets.
struct ScryptParameters
{
    quint64 n = quint64(1) << 15; // CPU/memory cost, a power of two
    quint32 r = 8;                // block size
    quint32 p = 1;                // parallelism

    // What a document may ask for: n a power of two from 2^10 to 2^20, r 1–32, p 1–16 and
    // at most 256 MiB of memory (128·n·r), so that a hostile file cannot exhaust the machine.
    // Returns why not, or an empty string.
    QString whyOutOfRange() const;
    friend bool operator==(const ScryptParameters &a, const ScryptParameters &b)
    {
        return a.n == b.n && a.r == b.r && a.p == b.p;
    }
};

struct ExportOptions
{
    bool includeSecrets = false; // an explicit choice; needs a passphrase
    QByteArray passphrase;
    ScryptParameters kdf;
};

struct ExportWriteResult
{
    QByteArray document; // empty on error
    ProfileExportError error;
    bool ok() const { return !error.isError(); }
};

struct ExportReadResult
{
    // In document order. A profile keeps a reference to the secret store only for the kinds
    // whose values this document delivered (file references are kept as they are).
    QList<Profile> profiles;
    QHash<QUuid, SecretValues> secrets;             // decrypted values, by profile id
    QHash<QUuid, QList<SecretKind>> secretsLeftOut; // kinds the exporter had but did not deliver
    bool hasEncryptedSecrets = false;
    ScryptParameters kdf; // when hasEncryptedSecrets
    ProfileExportError error;
    bool ok() const { return !error.isError(); }
};

// The profile export file: versioned JSON. Secrets are left out by default: each secret the
// profile refers to in the secret store is a placeholder ("value": "<not exported>").
// With ExportOptions::includeSecrets they are encrypted together: AES-256-GCM under a key
// derived from the passphrase with scrypt (salt and parameters recorded in the file). The
// GCM additional data covers the header and every exported profile, so a changed profile,
// ciphertext or tag is Tampered; a separate key check tells a WrongPassphrase apart.
//
//   {"format": "tokenscope-profile-export", "version": 1, "exported_at": "…",
//    "profiles": [<profile as ProfileJson writes it, placeholders in "secrets">…],
//    "encrypted_secrets": null | {"cipher": "AES-256-GCM",
//        "kdf": {"name": "scrypt", "n", "r", "p", "salt"}, "iv", "key_check",
//        "ciphertext", "tag"}}   (binary values in base64)
class ProfileExport final
{
    Q_DECLARE_TR_FUNCTIONS(Tokenscope::Profiles::ProfileExport)

public:
    static constexpr int CurrentVersion = 1;
    static QString formatName();
    static QString notExportedPlaceholder(); // "<not exported>"
    static QString encryptedPlaceholder();   // "<encrypted>"

    // secrets: values by profile id (only what the caller could read); ignored unless
    // options.includeSecrets. now: the "exported_at" stamp.
    static ExportWriteResult write(const QList<Profile> &profiles,
                                   const QHash<QUuid, SecretValues> &secrets,
                                   const ExportOptions &options, RandomSource &random,
                                   const QDateTime &now);
    // passphrase may be empty: then a document with encrypted secrets fails with
    // PassphraseRequired (the profiles are still returned, for a preview).
    static ExportReadResult read(const QByteArray &document, const QByteArray &passphrase);

    // scrypt(passphrase, salt) → length bytes; empty when OpenSSL refused.
    static QByteArray deriveKey(const QByteArray &passphrase, const QByteArray &salt,
                                const ScryptParameters &parameters, int length);
};

} // namespace Tokenscope::Profiles
