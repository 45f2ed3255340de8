#pragma once

// Which SecretStore the composition root built: what the profiles UI tells the user about
// where secrets go. The UI never guesses it from the store.
enum class SecretBackend
{
    SystemKeychain, // Keychain::KeychainSecretStore (the Secret Service on Linux)
    MemoryOnly,     // Profiles::MemorySecretStore: forgotten when Tokenscope quits
};
