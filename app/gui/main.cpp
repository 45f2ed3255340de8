// Entry point of the desktop app: translations, WebEngine's early set-up, the command line;
// DesktopApp composes the services and the main window.

#include "CommandLine.h"
#include "DesktopApp.h"
#include "FirstPaintProbe.h"
#include "Translations.h"
#include "browser/RedirectSchemes.h"
#include "mainwindow/MainWindow.h"
#include "provider/ProviderPanel.h"

#include <QApplication>
#include <QFile>
#include <QIcon>
#include <QSettings>
#include <QTimer>

#include <cstdio>
#include <memory>
#include <unistd.h>

namespace {

QIcon applicationIcon()
{
    QIcon icon;
    for (const int size : {32, 64, 128, 256})
        icon.addFile(QStringLiteral(":/icons/tokenscope-%1.png").arg(size), QSize(size, size));
    return icon;
}

QString geometryKey()
{
    return QStringLiteral("mainWindow/geometry");
}

QString stateKey()
{
    return QStringLiteral("mainWindow/state");
}

void setIdentity()
{
    QCoreApplication::setOrganizationName(QStringLiteral("Tokenscope"));
    QCoreApplication::setApplicationName(QStringLiteral("Tokenscope"));
    QCoreApplication::setApplicationVersion(QStringLiteral(TOKENSCOPE_VERSION));
}

// The system's language, or the one --lang names; installed before the command line is
// parsed for good, so that --help is in that language too.
void installTranslations(QCoreApplication &app)
{
    const QString language = CommandLine::languageArgument(QCoreApplication::arguments());
    QLocale locale = QLocale::system();
    if (!language.isEmpty() && Tokenscope::Translations::isAvailable(language)) {
        locale = QLocale(language);
        QLocale::setDefault(locale);
    }
    Tokenscope::Translations::install(app, locale);
}

// What Qt WebEngine needs before the application object exists: the private-use URI
// schemes the embedded browser captures redirects to (from the settings, e.g.
// "com.example.app"), shared GL contexts, and — only when running as root, where
// Chromium refuses its sandbox — the sandbox switched off.
void prepareWebEngine()
{
    QCoreApplication::setAttribute(Qt::AA_ShareOpenGLContexts);
    if (::geteuid() == 0 && !qEnvironmentVariableIsSet("QTWEBENGINE_DISABLE_SANDBOX"))
        qputenv("QTWEBENGINE_DISABLE_SANDBOX", "1");
    const QSettings settings;
    Tokenscope::Browser::registerRedirectSchemes(
        settings
            .value(QStringLiteral("browser/redirectSchemes"),
                   QStringList{QStringLiteral("com.tokenscope.app")})
            .toStringList());
}

} // namespace

int main(int argc, char *argv[])
{
    QStringList arguments;
    for (int i = 0; i < argc; ++i)
        arguments.append(QString::fromLocal8Bit(argv[i]));
    if (CommandLine::asksForHelpOrVersion(arguments)) {
        // Printing the help or the version needs no display.
        QCoreApplication core(argc, argv);
        setIdentity();
        installTranslations(core);
        CommandLine::parse(QCoreApplication::arguments()); // prints and exits
    }

    setIdentity();
    prepareWebEngine();
    QApplication app(argc, argv);
    setIdentity();
    installTranslations(app);
    const CommandLine::Options options = CommandLine::parse(QCoreApplication::arguments());
    QApplication::setWindowIcon(applicationIcon());

    QFile standardOutput; // for the start-up benchmark's line; outlives the window
    QSettings settings;
    DesktopApp desktop(settings);
    MainWindow &window = desktop.window();
    window.restoreGeometry(settings.value(geometryKey()).toByteArray());
    window.restoreState(settings.value(stateKey()).toByteArray());

    std::unique_ptr<FirstPaintProbe> probe;
    if (FirstPaintProbe::isRequested()) {
        standardOutput.open(stdout, QIODevice::WriteOnly | QIODevice::Unbuffered);
        probe = std::make_unique<FirstPaintProbe>(&window, &standardOutput,
                                                  FirstPaintProbe::isExitRequested());
    }

    window.show();
    if (!desktop.firstLaunchError().isEmpty())
        std::fprintf(stderr, "%s\n",
                     qPrintable(QCoreApplication::translate(
                                    "main", "tokenscope: the Sandbox profile was not created: %1")
                                    .arg(desktop.firstLaunchError())));
    if (options.issuer.isEmpty()) {
        // A first launch opens on the sandbox, ready for a flow.
        QTimer::singleShot(0, &window, [&desktop] { desktop.chooseFirstLaunchProfile(); });
    } else {
        QTimer::singleShot(0, &window, [&window, issuer = options.issuer] {
            window.providerPanel()->discover(issuer);
        });
    }

    const int status = QApplication::exec();
    settings.setValue(geometryKey(), window.saveGeometry());
    settings.setValue(stateKey(), window.saveState());
    return status;
}
