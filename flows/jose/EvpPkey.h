#pragma once

#include <memory>

// OpenSSL's EVP_PKEY, forward-declared so that users of the JOSE API need no OpenSSL headers.
struct evp_pkey_st;

namespace Tokenscope::Jose {

struct EvpPkeyDeleter
{
    void operator()(evp_pkey_st *key) const; // EVP_PKEY_free
};

// An owned OpenSSL key (EVP_PKEY *). Null when building the key failed.
using EvpPkey = std::unique_ptr<evp_pkey_st, EvpPkeyDeleter>;

} // namespace Tokenscope::Jose
