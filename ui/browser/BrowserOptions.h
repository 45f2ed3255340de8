#pragma once

#include <QString>

namespace Tokenscope::Browser {

// How the embedded browser keeps what the provider stores (cookies, local storage).
struct BrowserOptions
{
    // true: a new off-the-record profile for each run, so no provider session carries
    // over. false: the named persistent profile below, kept on disk under the app data
    // location, so a provider's SSO session sticks between runs and app starts.
    bool freshSession = true;
    QString persistentSessionName; // used when !freshSession; empty means "default"
};

} // namespace Tokenscope::Browser
