#pragma once

// The main window against the in-process sandbox provider, discovered: the rig of the UI
// tests that run a tab's flow end to end with no network peer of their own.

#include "UiSession.h"
#include "mainwindow/MainWindow.h"
#include "provider/ProviderPanel.h"
#include "sandbox/SandboxHost.h"

#include <QLineEdit>
#include <QTemporaryDir>
#include <QTest>

#include <memory>

struct SandboxWindow
{
    QTemporaryDir keys; // the sandbox's signing keys, for this test run only
    std::unique_ptr<UiSession> session;
    std::unique_ptr<Tokenscope::Sandbox::SandboxHost> sandbox;
    std::unique_ptr<MainWindow> window;

    // Starts the sandbox, shows the window and discovers the sandbox. Empty, or why not.
    QString start()
    {
        if (!keys.isValid())
            return QStringLiteral("no temporary directory for the keys");
        session = std::make_unique<UiSession>();
        sandbox = std::make_unique<Tokenscope::Sandbox::SandboxHost>(session->clock,
                                                                     session->random, keys.path());
        QString error;
        if (!sandbox->start(0, &error))
            return error;
        window = std::make_unique<MainWindow>(&session->http, &session->discovery, session->random);
        window->resize(1400, 900);
        window->show();
        if (!QTest::qWaitForWindowExposed(window.get()))
            return QStringLiteral("the main window was not shown");
        window->providerPanel()->discover(sandbox->issuer());
        return {};
    }
    // Whether discovery filled `endpoint` (a tab's endpoint field) within 20 s.
    bool discovered(const QLineEdit *endpoint) const
    {
        return endpoint &&
               QTest::qWaitFor([&] { return endpoint->text().startsWith(sandbox->issuer()); },
                               20'000);
    }
    void stop()
    {
        window.reset();
        sandbox.reset();
        session.reset();
    }
};
