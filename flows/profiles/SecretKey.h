#pragma once

#include <QList>
#include <QString>
#include <QUuid>

#include <optional>

namespace Tokenscope::Profiles {

// The kinds of secret material a profile can refer to. Each is one entry in the secret store.
enum class SecretKind
{
    ClientSecret,      // client_secret_basic / client_secret_post / client_secret_jwt
    PrivateKey,        // private_key_jwt client assertions
    DpopKey,           // DPoP proofs (RFC 9449)
    RequestObjectKey,  // signed request objects (RFC 9101)
    ClientCertificate, // mTLS (RFC 8705)
    ClientKey,         // the private key of ClientCertificate
    Password,          // resource-owner password grant
    RefreshToken,      // only when the profile allows it (Profile::storeRefreshTokens)
};

// The one place where secret-store keys are built. Service "Tokenscope", key
// "<profile id>/<kind>": the profile id is a UUID that never changes, so renaming a profile
// keeps its entries.
class SecretKey final
{
public:
    static QString serviceName();
    // "0f8fad5b-d9cb-469f-a165-70867728950e/client_secret"; empty for a null id.
    static QString build(const QUuid &profileId, SecretKind kind);
    static QString kindName(SecretKind kind); // stable: also the profile JSON's key
    static std::optional<SecretKind> kindFromName(const QString &name);
    static QList<SecretKind> allKinds();
};

} // namespace Tokenscope::Profiles
