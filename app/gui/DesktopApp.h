#pragma once

#include <QString>
#include <QUuid>

#include <memory>

class MainWindow;
class QSettings;

namespace Tokenscope::Http {
class Transcript;
}

// The desktop app's services and main window, built and wired once: network manager,
// clock, random source, transcript, HTTP client, discovery, profiles with the system
// keychain, the built-in sandbox provider (started when a Sandbox profile is used), and
// on a first launch the Sandbox profile, chosen so that a flow works with no set-up.
// main() makes one; so do the tests that check what a new user meets.
class DesktopApp final
{
public:
    // The application object must exist. `settings` says whether this is the first launch.
    explicit DesktopApp(QSettings &settings);
    ~DesktopApp();
    DesktopApp(const DesktopApp &) = delete;
    DesktopApp &operator=(const DesktopApp &) = delete;

    MainWindow &window();
    // The in-process sandbox's log: every exchange it answered.
    Tokenscope::Http::Transcript *sandboxLog() const;
    // The profile created by this first launch, or null when this was not one.
    QUuid firstLaunchProfile() const;
    // Why the first launch could not create its profile (translated); empty when it did.
    QString firstLaunchError() const;
    // Uses the first launch's profile in the window (call once the window is shown).
    void chooseFirstLaunchProfile();

    // The settings key that marks the first launch done.
    static QString firstLaunchKey();

private:
    struct Services;
    std::unique_ptr<Services> m_services;
};
