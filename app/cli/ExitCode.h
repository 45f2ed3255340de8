#pragma once

namespace Tokenscope::Cli {

// The CLI contract's exit codes (DESIGN.md): scripts depend on them.
enum ExitCode : int
{
    Ok = 0,
    ProviderError = 1, // an OAuth error body or an HTTP error status
    Usage = 2,
    ValidationFailed = 3, // state, nonce, iss, signature, claims: the failed rule is named
    NetworkError = 4,     // network, TLS, timeout or size cap
    KeychainError = 5,
};

} // namespace Tokenscope::Cli
