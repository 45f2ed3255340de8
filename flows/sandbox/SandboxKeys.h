#pragma once

#include <QByteArray>
#include <QCoreApplication>
#include <QJsonObject>
#include <QString>

#include <memory>

struct evp_pkey_st;

namespace Tokenscope::Sandbox {

// The sandbox's signing keys: RS256 (RSA 2048), ES256 (P-256) and EdDSA (Ed25519),
// generated on first use and kept as PEM files (mode 0600) in a directory, reused on the
// next start. Signing is the sandbox's own, over OpenSSL EVP, until flows/jose has a signer.
class SandboxKeys final
{
    Q_DECLARE_TR_FUNCTIONS(Tokenscope::Sandbox::SandboxKeys)

public:
    SandboxKeys();
    ~SandboxKeys();
    SandboxKeys(const SandboxKeys &) = delete;
    SandboxKeys &operator=(const SandboxKeys &) = delete;

    // QStandardPaths::AppDataLocation + "/sandbox".
    static QString defaultDirectory();

    // Loads the keys from `directory`, generating and saving the missing ones. False, with
    // *error, when a key could not be read, generated or written.
    bool load(const QString &directory, QString *error);

    static QStringList algorithms(); // "RS256", "ES256", "EdDSA"
    bool has(const QString &alg) const;
    QString kid(const QString &alg) const;
    // The public keys as a JWK Set document.
    QJsonObject jwks() const;
    // A compact JWS over `payload` with the key for `alg` (header: alg, kid, typ).
    QByteArray sign(const QString &alg, const QByteArray &payload,
                    const QByteArray &typ = QByteArrayLiteral("JWT")) const;
    // The raw signature over `input`; empty on failure.
    QByteArray signature(const QString &alg, const QByteArray &input) const;

private:
    struct Key;
    std::unique_ptr<Key> m_keys[3];
    static int index(const QString &alg);
};

} // namespace Tokenscope::Sandbox
