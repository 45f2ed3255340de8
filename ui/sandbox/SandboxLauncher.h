#pragma once

#include "profiles/Profile.h"

#include <QJsonObject>
#include <QString>

namespace Tokenscope::Http {
class Transcript;
}

// What the desktop app needs of the built-in sandbox provider, which the app composes in
// (the UI does not link it): start it on first use, know where it is, see its log.
class SandboxLauncher
{
public:
    struct Started
    {
        QString issuer; // "http://127.0.0.1:PORT"; empty when it could not start
        QJsonObject metadata;
        QString error; // translated, when it could not start
    };

    virtual ~SandboxLauncher() = default;
    // Starts the sandbox unless it runs already; where it runs or why it could not start.
    virtual Started ensureRunning() = 0;
    // Every exchange the sandbox answered: what it received and what it decided.
    virtual Tokenscope::Http::Transcript *log() const = 0;
    // A new profile for the sandbox (not saved): its provider marked built-in, its client one
    // of the sandbox's own.
    virtual Tokenscope::Profiles::Profile newProfile() const = 0;
};
