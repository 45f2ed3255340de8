#pragma once

#include "profiles/Profile.h"

#include <QJsonObject>
#include <QList>
#include <QString>
#include <QStringList>

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

    // A break-it switch: a deliberate mistake the sandbox makes on request (teaching, and
    // testing a client's defences). Texts translated, name stable.
    struct Fault
    {
        QString name; // "wrong_state", …
        QString description;
        QString attackerGain; // what an attacker would have gained had the client not caught it
        QString caughtBy;     // the client check that catches it
    };

    virtual ~SandboxLauncher() = default;
    // Starts the sandbox unless it runs already; where it runs or why it could not start.
    virtual Started ensureRunning() = 0;
    // Every exchange the sandbox answered: what it received and what it decided.
    virtual Tokenscope::Http::Transcript *log() const = 0;
    // A new profile for the sandbox (not saved): its provider marked built-in, its client one
    // of the sandbox's own.
    virtual Tokenscope::Profiles::Profile newProfile() const = 0;
    virtual QList<Fault> availableFaults() const = 0;
    // The switches on now (names); none by default.
    virtual QStringList faults() const = 0;
    virtual void setFaults(const QStringList &names) = 0;
};
