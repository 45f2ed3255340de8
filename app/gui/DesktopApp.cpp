#include "DesktopApp.h"

#include "SandboxHost.h"
#include "SandboxKeys.h"
#include "SandboxProfile.h"
#include "SandboxProvider.h"
#include "common/Clock.h"
#include "common/RandomSource.h"
#include "discovery/DiscoveryClient.h"
#include "http/HttpClient.h"
#include "http/Transcript.h"
#include "keychain/KeychainSecretStore.h"
#include "mainwindow/MainWindow.h"
#include "profiles/ProfileListPanel.h"
#include "profiles/ProfileManager.h"
#include "profiles/ProfileStore.h"
#include "profiles/SecretBackend.h"
#include "sandbox/SandboxLauncher.h"

#include <QCoreApplication>
#include <QNetworkAccessManager>
#include <QSettings>

namespace {

// The sandbox in this process, started on first use on an ephemeral port.
class InProcessSandbox final : public SandboxLauncher
{
public:
    explicit InProcessSandbox(Tokenscope::Sandbox::SandboxHost &host)
        : m_host(host)
    {}

    Started ensureRunning() override
    {
        Started started;
        const bool wasRunning = m_host.isRunning();
        if (!m_host.start(0, &started.error))
            return started;
        if (!wasRunning)
            m_host.provider()->setFaults(m_pending);
        started.issuer = m_host.issuer();
        started.metadata = m_host.metadata();
        return started;
    }
    Tokenscope::Http::Transcript *log() const override { return m_host.log(); }
    Tokenscope::Profiles::Profile newProfile() const override
    {
        return Tokenscope::Sandbox::sandboxProfile();
    }
    QList<Fault> availableFaults() const override
    {
        using Tokenscope::Sandbox::SandboxFaults;
        QList<Fault> faults;
        for (const SandboxFaults::Fault fault : SandboxFaults::all())
            faults.append({SandboxFaults::name(fault), SandboxFaults::description(fault),
                           SandboxFaults::attackerGain(fault), SandboxFaults::caughtBy(fault)});
        return faults;
    }
    QStringList faults() const override
    {
        return m_host.provider() ? m_host.provider()->faults().names() : m_pending.names();
    }
    void setFaults(const QStringList &names) override
    {
        Tokenscope::Sandbox::SandboxFaults faults;
        QString error;
        if (!Tokenscope::Sandbox::SandboxFaults::parse(names.join(QLatin1Char(',')), &faults,
                                                       &error))
            return;
        m_pending = faults;
        if (m_host.provider())
            m_host.provider()->setFaults(faults);
    }

private:
    Tokenscope::Sandbox::SandboxHost &m_host;
    Tokenscope::Sandbox::SandboxFaults m_pending; // chosen before the sandbox started
};

} // namespace

// Declared in the order they are built; destroyed in reverse (the window first).
struct DesktopApp::Services
{
    QNetworkAccessManager network;
    Tokenscope::SystemClock clock;
    Tokenscope::SystemRandomSource random;
    Tokenscope::Http::Transcript transcript;
    Tokenscope::Http::HttpClient http{&network, &transcript, clock};
    Tokenscope::Discovery::DiscoveryClient discovery{&http};
    // Profiles: one JSON file each under the app config location, secrets in the system
    // keychain (Secret Service) only.
    Tokenscope::Profiles::ProfileStore profileStore{
        Tokenscope::Profiles::ProfileStore::defaultDirectory()};
    Tokenscope::Keychain::KeychainSecretStore keychain;
    Tokenscope::Profiles::ProfileManager profiles{profileStore, keychain};
    Tokenscope::Sandbox::SandboxHost sandboxHost{
        clock, random, Tokenscope::Sandbox::SandboxKeys::defaultDirectory()};
    InProcessSandbox sandbox{sandboxHost};
    QUuid firstLaunchProfile;
    QString firstLaunchError;
    std::unique_ptr<MainWindow> window;
};

QString DesktopApp::firstLaunchKey()
{
    return QStringLiteral("firstLaunch/done");
}

DesktopApp::DesktopApp(QSettings &settings)
    : m_services(std::make_unique<Services>())
{
    Services &s = *m_services;
    // A first launch with no profiles at all gets the Sandbox profile; one who already has
    // profiles (or deleted the Sandbox one) is left alone.
    if (!settings.value(firstLaunchKey()).toBool()) {
        const Tokenscope::Profiles::ProfileListing listing = s.profileStore.list();
        if (listing.profiles.isEmpty() && listing.problems.isEmpty()) {
            const Tokenscope::Profiles::Profile profile = s.sandbox.newProfile();
            const Tokenscope::Profiles::ProfileError error = s.profileStore.save(profile);
            if (error.isError())
                s.firstLaunchError = error.message;
            else
                s.firstLaunchProfile = profile.id;
        }
        settings.setValue(firstLaunchKey(), true);
    }

    s.window = std::make_unique<MainWindow>(&s.http, &s.discovery, s.random);
    s.window->setProfiles(&s.profiles, SecretBackend::SystemKeychain);
    s.window->setSandbox(&s.sandbox);
}

DesktopApp::~DesktopApp() = default;

MainWindow &DesktopApp::window()
{
    return *m_services->window;
}

Tokenscope::Http::Transcript *DesktopApp::sandboxLog() const
{
    return m_services->sandboxHost.log();
}

QUuid DesktopApp::firstLaunchProfile() const
{
    return m_services->firstLaunchProfile;
}

QString DesktopApp::firstLaunchError() const
{
    return m_services->firstLaunchError;
}

void DesktopApp::chooseFirstLaunchProfile()
{
    if (!m_services->firstLaunchProfile.isNull())
        m_services->window->profilesPanel()->chooseProfile(m_services->firstLaunchProfile);
}
