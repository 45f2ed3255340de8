#include "MainWindow.h"

#include "ActivityIndicator.h"
#include "common/MessageBox.h"
#include "discovery/DiscoveryClient.h"
#include "http/HttpClient.h"
#include "http/Transcript.h"
#include "inspector/ExchangeInspector.h"
#include "provider/ProviderPanel.h"

#include <QAction>
#include <QApplication>
#include <QDockWidget>
#include <QMenuBar>
#include <QStatusBar>

MainWindow::MainWindow(Tokenscope::Http::HttpClient *http,
                       Tokenscope::Discovery::DiscoveryClient *discovery, QWidget *parent)
    : QMainWindow(parent)
    , m_http(http)
    , m_discovery(discovery)
    , m_provider(new ProviderPanel(discovery, this))
    , m_inspector(new ExchangeInspector(http->transcript(), this))
    , m_inspectorDock(new QDockWidget(tr("Exchanges"), this))
    , m_activity(new ActivityIndicator(http, this))
{
    setObjectName(QStringLiteral("mainWindow"));
    setWindowTitle(tr("Tokenscope"));
    resize(1280, 800);

    setCentralWidget(m_provider);

    m_inspectorDock->setObjectName(QStringLiteral("inspectorDock"));
    m_inspectorDock->setWidget(m_inspector);
    m_inspectorDock->setFeatures(QDockWidget::DockWidgetClosable | QDockWidget::DockWidgetMovable |
                                 QDockWidget::DockWidgetFloatable);
    addDockWidget(Qt::BottomDockWidgetArea, m_inspectorDock);
    resizeDocks({m_inspectorDock}, {height() * 11 / 20}, Qt::Vertical);

    statusBar()->addPermanentWidget(m_activity);
    connect(m_activity, &ActivityIndicator::cancelRequested, this, &MainWindow::cancelAll);
    connect(m_inspector, &ExchangeInspector::statusMessage, this,
            [this](const QString &message) { statusBar()->showMessage(message, 4000); });

    connect(m_provider, &ProviderPanel::certificateTrustRequested, this,
            &MainWindow::trustCertificateOnce);

    createMenus();
}

void MainWindow::trustCertificateOnce(const QByteArray &sha256Fingerprint)
{
    // For this session only: the client's options live as long as the process.
    Tokenscope::Http::HttpOptions options = m_http->options();
    if (!options.trustedCertificateSha256.contains(sha256Fingerprint))
        options.trustedCertificateSha256.append(sha256Fingerprint);
    m_http->setOptions(options);
    statusBar()->showMessage(tr("Trusting the certificate %1 until Tokenscope quits")
                                 .arg(QString::fromLatin1(sha256Fingerprint)),
                             6000);
    m_provider->discoverTyped();
}

void MainWindow::createMenus()
{
    QMenu *file = menuBar()->addMenu(tr("&File"));
    QAction *quit = file->addAction(tr("&Quit"), this, &QWidget::close);
    quit->setObjectName(QStringLiteral("quitAction"));
    quit->setShortcut(QKeySequence::Quit);
    quit->setMenuRole(QAction::QuitRole);

    QMenu *view = menuBar()->addMenu(tr("&View"));
    QAction *toggleInspector = m_inspectorDock->toggleViewAction();
    toggleInspector->setObjectName(QStringLiteral("toggleInspectorAction"));
    toggleInspector->setText(tr("&Exchange Inspector"));
    toggleInspector->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_I));
    view->addAction(toggleInspector);
    view->addSeparator();
    QAction *clear = view->addAction(tr("&Clear Transcript"), m_http->transcript(),
                                     &Tokenscope::Http::Transcript::clear);
    clear->setObjectName(QStringLiteral("clearTranscriptAction"));
    clear->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_K));

    QMenu *help = menuBar()->addMenu(tr("&Help"));
    QAction *about = help->addAction(tr("&About Tokenscope"), this, &MainWindow::showAbout);
    about->setObjectName(QStringLiteral("aboutAction"));
    about->setMenuRole(QAction::AboutRole);
    QAction *aboutQt =
        help->addAction(tr("About &Qt"), this, [this] { MessageBox::aboutQt(this); });
    aboutQt->setObjectName(QStringLiteral("aboutQtAction"));
    aboutQt->setMenuRole(QAction::AboutQtRole);
}

void MainWindow::cancelAll()
{
    m_discovery->cancel();
    m_http->cancelAll();
    statusBar()->showMessage(tr("Cancelled"), 4000);
}

void MainWindow::showAbout()
{
    MessageBox::about(
        this, tr("About Tokenscope"),
        tr("<h3>Tokenscope %1</h3>"
           "<p>An OAuth 2.0 and OpenID Connect debugger: every request and response of a "
           "flow, on the wire, with secrets masked until you ask to see them.</p>"
           "<p>Built with Qt %2.</p>")
            .arg(QApplication::applicationVersion(), QString::fromLatin1(qVersion())));
}
