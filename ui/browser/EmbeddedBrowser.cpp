#include "EmbeddedBrowser.h"

#include "BrowserLogging.h"
#include "CapturePage.h"
#include "EmbeddedBrowserRefusal.h"
#include "FormPostCapture.h"
#include "RedirectSchemeHandler.h"
#include "RedirectSchemes.h"
#include "SystemBrowser.h"
#include "http/Transcript.h"
#include "redirect/RedirectMatcher.h"

#include <QCoreApplication>
#include <QDir>
#include <QFrame>
#include <QHBoxLayout>
#include <QHash>
#include <QLabel>
#include <QLineEdit>
#include <QPointer>
#include <QProgressBar>
#include <QPushButton>
#include <QRandomGenerator>
#include <QStandardPaths>
#include <QStyle>
#include <QTimer>
#include <QToolButton>
#include <QVBoxLayout>
#include <QWebEngineCertificateError>
#include <QWebEngineHistory>
#include <QWebEngineLoadingInfo>
#include <QWebEngineNewWindowRequest>
#include <QWebEngineProfile>
#include <QWebEngineScript>
#include <QWebEngineScriptCollection>
#include <QWebEngineSettings>
#include <QWebEngineUrlScheme>
#include <QWebEngineView>

namespace Tokenscope::Browser {

namespace {

// net::ERR_ABORTED: a navigation we refused or stopped, not a failure.
constexpr int errAborted = -3;

bool isInternalUrl(const QUrl &url)
{
    return url.scheme() == QLatin1String("data") || url.scheme() == QLatin1String("about");
}

QToolButton *toolButton(QWidget *parent, QStyle::StandardPixmap icon, const QString &text,
                        const char *objectName)
{
    auto *button = new QToolButton(parent);
    button->setObjectName(QString::fromLatin1(objectName));
    button->setIcon(parent->style()->standardIcon(icon));
    button->setText(text);
    button->setToolTip(text);
    button->setAutoRaise(true);
    return button;
}

} // namespace

EmbeddedBrowser::EmbeddedBrowser(QWidget *parent)
    : QWidget(parent)
    , m_backButton(toolButton(this, QStyle::SP_ArrowBack, tr("Back"), "browserBackButton"))
    , m_reloadButton(
          toolButton(this, QStyle::SP_BrowserReload, tr("Reload"), "browserReloadButton"))
    , m_stopButton(toolButton(this, QStyle::SP_BrowserStop, tr("Stop"), "browserStopButton"))
    , m_security(new QLabel(this))
    , m_address(new QLineEdit(this))
    , m_progress(new QProgressBar(this))
    , m_infoBar(new QFrame(this))
    , m_infoText(new QLabel(m_infoBar))
    , m_openExternalButton(new QPushButton(tr("Open in the system browser"), m_infoBar))
    , m_view(new QWebEngineView(this))
{
    m_security->setObjectName(QStringLiteral("browserSecurityHint"));
    m_security->setTextFormat(Qt::PlainText);
    m_security->hide();
    m_address->setObjectName(QStringLiteral("browserAddress"));
    m_address->setReadOnly(true);
    m_address->setPlaceholderText(tr("No page loaded"));
    m_progress->setObjectName(QStringLiteral("browserProgress"));
    m_progress->setRange(0, 100);
    m_progress->setTextVisible(false);
    m_progress->setMaximumHeight(6);
    m_progress->hide();

    m_infoBar->setObjectName(QStringLiteral("browserInfoBar"));
    m_infoBar->setFrameShape(QFrame::StyledPanel);
    m_infoText->setObjectName(QStringLiteral("browserInfoText"));
    m_infoText->setTextFormat(Qt::PlainText);
    m_infoText->setWordWrap(true);
    m_infoText->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_openExternalButton->setObjectName(QStringLiteral("browserOpenInSystemBrowser"));
    m_openExternalButton->setToolTip(
        tr("Start this authorization again in the desktop's web browser. The redirect then "
           "has to be captured another way, e.g. by the loopback listener."));
    auto *infoLayout = new QHBoxLayout(m_infoBar);
    infoLayout->setContentsMargins(8, 4, 8, 4);
    infoLayout->addWidget(m_infoText, 1);
    infoLayout->addWidget(m_openExternalButton, 0, Qt::AlignVCenter);
    m_infoBar->hide();

    m_view->setObjectName(QStringLiteral("browserView"));
    m_view->setMinimumSize(320, 240);

    auto *bar = new QHBoxLayout;
    bar->setContentsMargins(0, 0, 0, 0);
    bar->setSpacing(2);
    bar->addWidget(m_backButton);
    bar->addWidget(m_reloadButton);
    bar->addWidget(m_stopButton);
    bar->addSpacing(4);
    bar->addWidget(m_security);
    bar->addWidget(m_address, 1);

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(2);
    layout->addLayout(bar);
    layout->addWidget(m_progress);
    layout->addWidget(m_infoBar);
    layout->addWidget(m_view, 1);

    connect(m_backButton, &QToolButton::clicked, this, [this] {
        if (m_page)
            m_page->triggerAction(QWebEnginePage::Back);
    });
    connect(m_reloadButton, &QToolButton::clicked, this, [this] {
        if (m_page)
            m_page->triggerAction(QWebEnginePage::Reload);
    });
    connect(m_stopButton, &QToolButton::clicked, this, [this] {
        if (m_page)
            m_page->triggerAction(QWebEnginePage::Stop);
    });
    connect(m_openExternalButton, &QPushButton::clicked, this,
            &EmbeddedBrowser::openInSystemBrowser);
    updateNavigationButtons();
}

// Fresh-session profiles belong to the browser that made them; persistent ones are shared.
static QWebEngineProfile *ownedProfile(QWebEngineProfile *profile)
{
    return profile && profile->isOffTheRecord() ? profile : nullptr;
}

EmbeddedBrowser::~EmbeddedBrowser()
{
    // A page goes before its profile; the view, which only borrows the page, first.
    delete m_view;
    m_view = nullptr;
    for (const Retired &retired : std::as_const(m_retired)) {
        delete retired.page.data();
        delete retired.profile.data();
    }
    delete m_page;
    delete ownedProfile(m_profile);
}

void EmbeddedBrowser::setTranscript(Tokenscope::Http::Transcript *transcript)
{
    m_transcript = transcript;
}

bool EmbeddedBrowser::isFreshSession() const
{
    return m_profile ? m_profile->isOffTheRecord() : true;
}

QString EmbeddedBrowser::persistentStoragePath(const QString &sessionName)
{
    QString name = sessionName.isEmpty() ? QStringLiteral("default") : sessionName;
    // A file-system-safe, one-to-one spelling of the name.
    name = QString::fromLatin1(QUrl::toPercentEncoding(name, "-_"))
               .replace(QLatin1Char('%'), QLatin1Char('+'));
    return QStandardPaths::writableLocation(QStandardPaths::AppDataLocation) +
           QStringLiteral("/browser-sessions/") + name;
}

QString EmbeddedBrowser::infoText() const
{
    return m_infoBar->isVisibleTo(this) ? m_infoText->text() : QString();
}

QWebEngineProfile *EmbeddedBrowser::profileFor(const BrowserOptions &options)
{
    if (options.freshSession) {
        // No storage name: off the record, nothing written to disk, nothing shared.
        return new QWebEngineProfile;
    }
    const QString path = persistentStoragePath(options.persistentSessionName);
    // One profile per persistent session in the whole process, shared by every embedded
    // browser that names it (the wizard's, the logout window's): two profiles on one
    // storage path would not see each other's cookies. It lives as long as the application.
    static QHash<QString, QPointer<QWebEngineProfile>> shared;
    if (QWebEngineProfile *existing = shared.value(path))
        return existing;
    QDir().mkpath(path);
    // One storage name per session name, as one-to-one as its folder.
    auto *profile = new QWebEngineProfile(QStringLiteral("tokenscope-") + QDir(path).dirName(),
                                          QCoreApplication::instance());
    profile->setPersistentStoragePath(path);
    profile->setCachePath(path + QStringLiteral("/cache"));
    // The provider's session cookie is what makes SSO stick across app starts.
    profile->setPersistentCookiesPolicy(QWebEngineProfile::ForcePersistentCookies);
    shared.insert(path, profile);
    return profile;
}

void EmbeddedBrowser::retireCurrentPage()
{
    if (!m_page)
        return;
    m_page->disconnect(this);
    m_page->setRedirectUri(QUrl());
    m_page->triggerAction(QWebEnginePage::Stop);
    // The page may be the sender of the signal that got us here: delete it later, and
    // its profile (when no longer used) only after it.
    Retired retired{m_page, nullptr};
    m_page->deleteLater();
    m_page = nullptr;
    m_retired.append(retired);
}

void EmbeddedBrowser::start(const QUrl &authorizationUrl, const QUrl &redirectUri,
                            const BrowserOptions &options)
{
    const QString sessionName = options.persistentSessionName.isEmpty()
                                    ? QStringLiteral("default")
                                    : options.persistentSessionName;
    const bool keepProfile = m_profile && !options.freshSession && !m_profile->isOffTheRecord() &&
                             m_profileSessionName == sessionName;

    QWebEngineProfile *oldProfile = keepProfile ? nullptr : ownedProfile(m_profile);
    CapturePage *oldPage = m_page;
    retireCurrentPage();
    if (!keepProfile)
        m_profile = nullptr;
    if (oldProfile) {
        if (oldPage) {
            m_retired.last().profile = oldProfile;
            connect(oldPage, &QObject::destroyed, oldProfile, &QObject::deleteLater);
        } else {
            oldProfile->deleteLater();
        }
        m_profile = nullptr;
    }
    // Forget what has been deleted since.
    m_retired.erase(std::remove_if(m_retired.begin(), m_retired.end(),
                                   [](const Retired &r) { return !r.page && !r.profile; }),
                    m_retired.end());

    if (!m_profile) {
        m_profile = profileFor(options);
        m_profileSessionName = options.freshSession ? QString() : sessionName;
    }
    const QString scheme = redirectUri.scheme().toLower();
    if (auto *handler =
            const_cast<RedirectSchemeHandler *>(qobject_cast<const RedirectSchemeHandler *>(
                scheme.isEmpty() ? nullptr : m_profile->urlSchemeHandler(scheme.toLatin1())))) {
        // A shared profile's handler, installed by another browser: hear it too.
        connect(handler, &RedirectSchemeHandler::requestSeen, this,
                &EmbeddedBrowser::onSchemeRequest, Qt::UniqueConnection);
    } else if (!scheme.isEmpty() && !isBuiltInScheme(scheme) &&
               !m_profile->urlSchemeHandler(scheme.toLatin1())) {
        if (QWebEngineUrlScheme::schemeByName(scheme.toLatin1()).name().isEmpty()) {
            qCWarning(lcBrowser,
                      "the redirect scheme \"%s\" was not registered before the application "
                      "started: only the navigation check can capture it",
                      qUtf8Printable(scheme));
        } else {
            auto *handler = new RedirectSchemeHandler(m_profile);
            connect(handler, &RedirectSchemeHandler::requestSeen, this,
                    &EmbeddedBrowser::onSchemeRequest);
            m_profile->installUrlSchemeHandler(scheme.toLatin1(), handler);
        }
    }

    m_authorizationUrl = authorizationUrl;
    m_redirectUri = redirectUri;
    m_refusedUrl.clear();
    m_certificateRejectedUrl.clear();
    m_hops.clear();
    hideInfo();

    m_page = new CapturePage(m_profile);
    // No tab strip to show an icon in: no extra requests to the provider for one.
    m_page->settings()->setAttribute(QWebEngineSettings::AutoLoadIconsForPage, false);
    m_page->setRedirectUri(redirectUri);
    const QString marker = newMarker();
    m_page->setMarker(marker);
    if (redirectUri.isValid()) {
        QWebEngineScript script;
        script.setName(QStringLiteral("tokenscope-form-post-capture"));
        script.setInjectionPoint(QWebEngineScript::DocumentCreation);
        script.setWorldId(QWebEngineScript::MainWorld);
        script.setRunsOnSubFrames(true);
        script.setSourceCode(FormPostCapture::script(redirectUri, marker));
        m_page->scripts().insert(script);
    }

    connect(m_page, &CapturePage::navigationSeen, this, &EmbeddedBrowser::onNavigationSeen);
    connect(m_page, &CapturePage::formPostReported, this, &EmbeddedBrowser::onFormPostReported);
    connect(m_page, &QWebEnginePage::urlChanged, this, &EmbeddedBrowser::onUrlChanged);
    connect(m_page, &QWebEnginePage::loadStarted, this, &EmbeddedBrowser::onLoadStarted);
    connect(m_page, &QWebEnginePage::loadProgress, m_progress, &QProgressBar::setValue);
    connect(m_page, &QWebEnginePage::loadFinished, this, &EmbeddedBrowser::onLoadFinished);
    connect(m_page, &QWebEnginePage::loadingChanged, this, &EmbeddedBrowser::onLoadingChanged);
    connect(m_page, &QWebEnginePage::certificateError, this, &EmbeddedBrowser::onCertificateError);
    connect(m_page, &QWebEnginePage::newWindowRequested, this,
            &EmbeddedBrowser::onNewWindowRequested);
    connect(m_page, &QWebEnginePage::renderProcessTerminated, this,
            &EmbeddedBrowser::onRenderProcessTerminated);
    m_view->setPage(m_page);
    m_page->load(authorizationUrl);
    updateNavigationButtons();
}

void EmbeddedBrowser::stop()
{
    m_redirectUri.clear();
    m_authorizationUrl.clear();
    if (!m_page)
        return;
    m_page->setRedirectUri(QUrl());
    m_page->scripts().clear();
    m_page->triggerAction(QWebEnginePage::Stop);
    m_page->setHtml(QString());
    hideInfo();
    m_progress->hide();
}

QString EmbeddedBrowser::newMarker()
{
    QByteArray bytes = m_random.bytes(16);
    if (bytes.size() != 16) {
        bytes.resize(16);
        QRandomGenerator::system()->fillRange(reinterpret_cast<quint32 *>(bytes.data()), 4);
    }
    return QStringLiteral("tokenscope-form-post-") + QString::fromLatin1(bytes.toHex());
}

QString EmbeddedBrowser::navigationTypeName(QWebEnginePage::NavigationType type)
{
    switch (type) {
    case QWebEnginePage::NavigationTypeLinkClicked:
        return QStringLiteral("link");
    case QWebEnginePage::NavigationTypeTyped:
        return QStringLiteral("typed");
    case QWebEnginePage::NavigationTypeFormSubmitted:
        return QStringLiteral("form");
    case QWebEnginePage::NavigationTypeBackForward:
        return QStringLiteral("back_forward");
    case QWebEnginePage::NavigationTypeReload:
        return QStringLiteral("reload");
    case QWebEnginePage::NavigationTypeRedirect:
        return QStringLiteral("redirect");
    case QWebEnginePage::NavigationTypeOther:
        break;
    }
    return QStringLiteral("other");
}

NavigationHop EmbeddedBrowser::recordHop(const QUrl &url, const QString &type, bool isMainFrame,
                                         bool captured, const QByteArray &method)
{
    NavigationHop hop{url, type, isMainFrame, captured, QDateTime::currentDateTimeUtc()};
    m_hops.append(hop);
    if (m_transcript) {
        Http::Exchange exchange;
        exchange.id = m_transcript->nextId();
        exchange.label = captured ? tr("Redirect captured in the browser (%1)").arg(type)
                                  : tr("Browser navigation (%1)").arg(type);
        exchange.method = method;
        exchange.url = url;
        exchange.started = hop.at;
        exchange.hasResponse = false;
        exchange.durationUs = 0;
        m_transcript->record(exchange);
    }
    emit hopRecorded(hop);
    return hop;
}

void EmbeddedBrowser::onNavigationSeen(const QUrl &url, QWebEnginePage::NavigationType type,
                                       bool isMainFrame, bool captured)
{
    if (isInternalUrl(url))
        return;
    const bool form = type == QWebEnginePage::NavigationTypeFormSubmitted;
    recordHop(url, navigationTypeName(type), isMainFrame, captured,
              form ? QByteArrayLiteral("POST") : QByteArrayLiteral("GET"));
    if (!captured)
        return;
    if (form) {
        // The injected script stops every POST form to the redirect URI and reports its
        // fields; a form submission that still got here carried a body nobody could read.
        const QString message =
            tr("The provider sent the response to %1 as a form submission (response_mode="
               "form_post), and the embedded browser could not read its fields. The "
               "navigation was stopped. Capture the redirect with the loopback listener "
               "instead, which reads the posted body.")
                .arg(url.adjusted(QUrl::RemoveQuery | QUrl::RemoveFragment).toDisplayString());
        showInfo(InfoKind::Error, message);
        emit captureFailed(url, message);
        return;
    }
    deliver(Redirect::RedirectMatcher::parse(url));
}

void EmbeddedBrowser::onFormPostReported(const QUrl &action, const QByteArray &body,
                                         bool isMainFrame)
{
    if (!m_redirectUri.isValid() || !Redirect::RedirectMatcher::matches(m_redirectUri, action))
        return;
    recordHop(action, QStringLiteral("form"), isMainFrame, true, QByteArrayLiteral("POST"));
    deliver(Redirect::RedirectMatcher::parse(action, body));
}

void EmbeddedBrowser::onSchemeRequest(const QUrl &url)
{
    if (!m_redirectUri.isValid() || !Redirect::RedirectMatcher::matches(m_redirectUri, url))
        return;
    recordHop(url, QStringLiteral("other"), true, true, QByteArrayLiteral("GET"));
    deliver(Redirect::RedirectMatcher::parse(url));
}

void EmbeddedBrowser::deliver(const Redirect::RedirectResult &result)
{
    showInfo(InfoKind::Info,
             tr("The redirect to %1 was captured before it was loaded.")
                 .arg(m_redirectUri.adjusted(QUrl::RemoveQuery | QUrl::RemoveFragment)
                          .toDisplayString()));
    // Not from inside the navigation callback that refused the redirect, and only on the
    // page of this run (a new run may start before the timer fires).
    QTimer::singleShot(0, this, [this, page = QPointer<CapturePage>(m_page)] {
        if (page && page == m_page)
            showCapturedPage();
    });
    emit redirectCaptured(result);
}

void EmbeddedBrowser::showCapturedPage()
{
    if (!m_page)
        return;
    const QString title = tr("Redirect captured");
    const QString text =
        tr("Tokenscope captured the response sent to %1 before it was loaded. Return to "
           "Tokenscope to continue.")
            .arg(
                m_redirectUri.adjusted(QUrl::RemoveQuery | QUrl::RemoveFragment).toDisplayString());
    const QString html =
        QStringLiteral("<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>") +
        title.toHtmlEscaped() +
        QStringLiteral("</title><style>body { font-family: sans-serif; margin: 3em; }"
                       "</style></head><body><h1>") +
        title.toHtmlEscaped() + QStringLiteral("</h1><p>") + text.toHtmlEscaped() +
        QStringLiteral("</p></body></html>");
    m_page->setHtml(html);
}

void EmbeddedBrowser::onUrlChanged(const QUrl &url)
{
    if (isInternalUrl(url) || url.isEmpty()) {
        m_address->clear();
        m_address->setToolTip(QString());
    } else {
        m_address->setText(url.toDisplayString());
        m_address->setToolTip(url.toDisplayString());
        m_address->setCursorPosition(0);
    }
    updateSecurityHint(url);
    updateNavigationButtons();
}

void EmbeddedBrowser::updateSecurityHint(const QUrl &url)
{
    const QString scheme = url.scheme();
    QString text;
    QString tip;
    QString color;
    if (isInternalUrl(url) || url.isEmpty()) {
        m_security->hide();
        return;
    }
    if (url == m_certificateRejectedUrl) {
        text = tr("Not trusted");
        tip = tr("The server's certificate was not accepted.");
        color = QStringLiteral("#b31d28");
    } else if (scheme == QLatin1String("https")) {
        text = tr("Secure");
        tip = tr("The connection is encrypted (https) and the certificate is trusted.");
        color = QStringLiteral("#1a7f37");
    } else if (scheme == QLatin1String("http") &&
               Redirect::RedirectMatcher::isLoopbackLiteral(url.host())) {
        text = tr("Loopback");
        tip = tr("Plain http to this machine (%1): nothing leaves it.").arg(url.host());
        color = QStringLiteral("#7a5c00");
    } else if (scheme == QLatin1String("http")) {
        text = tr("Not secure");
        tip = tr("Plain http: what is sent can be read and changed on the way.");
        color = QStringLiteral("#b31d28");
    } else {
        text = scheme;
        tip = tr("A page of the %1 scheme.").arg(scheme);
    }
    m_security->setText(text);
    m_security->setToolTip(tip);
    m_security->setStyleSheet(
        color.isEmpty() ? QString()
                        : QStringLiteral("QLabel { color: %1; font-weight: 600; }").arg(color));
    m_security->show();
}

void EmbeddedBrowser::onLoadStarted()
{
    m_progress->setValue(0);
    m_progress->show();
    updateNavigationButtons();
}

void EmbeddedBrowser::onLoadFinished(bool ok)
{
    m_progress->hide();
    updateNavigationButtons();
    if (!ok || !m_page)
        return;
    const QUrl url = m_page->url();
    if (isInternalUrl(url))
        return;
    const QString title = m_page->title();
    if (!EmbeddedBrowserRefusal::reason(url, title).isEmpty()) {
        checkForRefusal(url, title, QString());
        return;
    }
    // The text is read in an isolated world, where page scripts cannot interfere.
    QPointer<EmbeddedBrowser> self(this);
    QPointer<CapturePage> page(m_page);
    m_page->runJavaScript(
        QStringLiteral("document.body ? document.body.innerText.slice(0, 200000) : ''"),
        QWebEngineScript::ApplicationWorld, [self, page, url, title](const QVariant &text) {
            if (self && page && self->m_page == page)
                self->checkForRefusal(url, title, text.toString());
        });
}

void EmbeddedBrowser::checkForRefusal(const QUrl &url, const QString &title, const QString &text)
{
    const QString reason = EmbeddedBrowserRefusal::reason(url, title, text);
    if (reason.isEmpty() || url == m_refusedUrl)
        return;
    m_refusedUrl = url;
    showInfo(InfoKind::Warning,
             tr("The provider refuses to sign in inside an embedded browser. %1").arg(reason),
             true);
    emit embeddedBrowserRefused(url, reason);
}

void EmbeddedBrowser::onLoadingChanged(const QWebEngineLoadingInfo &info)
{
    if (info.status() != QWebEngineLoadingInfo::LoadFailedStatus)
        return;
    if (info.errorCode() == errAborted)
        return; // refused by us (a captured redirect) or stopped
    if (m_redirectUri.isValid() && Redirect::RedirectMatcher::matches(m_redirectUri, info.url()))
        return;
    if (info.errorDomain() == QWebEngineLoadingInfo::CertificateErrorDomain &&
        info.url().host() == m_certificateRejectedUrl.host() &&
        info.url().port() == m_certificateRejectedUrl.port())
        return; // already reported by onCertificateError
    if (info.errorDomain() == QWebEngineLoadingInfo::HttpStatusCodeDomain)
        return; // an error page the server sent is a page: it is shown as it is
    reportLoadFailure(info.url(), tr("Could not load %1: %2 (error %3)")
                                      .arg(info.url().toDisplayString(), info.errorString())
                                      .arg(info.errorCode()));
}

void EmbeddedBrowser::onCertificateError(const QWebEngineCertificateError &error)
{
    QWebEngineCertificateError decision(error);
    decision.rejectCertificate();
    m_certificateRejectedUrl = error.url();
    updateSecurityHint(error.url());
    reportLoadFailure(
        error.url(),
        tr("The certificate of %1 was not accepted: %2 The embedded browser never "
           "accepts an untrusted certificate; the page was not loaded.")
            .arg(error.url().host() + QLatin1Char(':') + QString::number(error.url().port(443)),
                 error.description()));
}

void EmbeddedBrowser::reportLoadFailure(const QUrl &url, const QString &message)
{
    m_progress->hide();
    showInfo(InfoKind::Error, message);
    emit loadFailed(url, message);
}

void EmbeddedBrowser::onNewWindowRequested(QWebEngineNewWindowRequest &request)
{
    const QUrl url = request.requestedUrl();
    if (url.isEmpty() || isInternalUrl(url))
        return; // nothing to hand over; createWindow() refuses the window
    if (m_redirectUri.isValid() && Redirect::RedirectMatcher::matches(m_redirectUri, url)) {
        recordHop(url, QStringLiteral("other"), false, true, QByteArrayLiteral("GET"));
        deliver(Redirect::RedirectMatcher::parse(url));
        return;
    }
    showInfo(InfoKind::Info,
             tr("The page opened a new window; it was sent to the system browser: %1")
                 .arg(url.toDisplayString()));
    emit systemBrowserRequested(url);
    SystemBrowser::open(url);
}

void EmbeddedBrowser::onRenderProcessTerminated(
    QWebEnginePage::RenderProcessTerminationStatus status, int exitCode)
{
    if (status == QWebEnginePage::NormalTerminationStatus)
        return;
    reportLoadFailure(
        m_page ? m_page->url() : QUrl(),
        tr("The page's renderer process ended unexpectedly (exit code %1).").arg(exitCode));
}

void EmbeddedBrowser::openInSystemBrowser()
{
    const QUrl url = m_authorizationUrl.isValid() ? m_authorizationUrl : m_refusedUrl;
    if (!url.isValid())
        return;
    // First the signal, so that whoever waits for the redirect (a loopback listener) is
    // ready before the desktop's browser gets the URL.
    emit systemBrowserRequested(url);
    SystemBrowser::open(url);
}

void EmbeddedBrowser::showInfo(InfoKind kind, const QString &text, bool offerSystemBrowser)
{
    static const char *const styles[] = {
        "#browserInfoBar { background: #ddf4ff; border: 1px solid #54aeff; }",
        "#browserInfoBar { background: #fff8c5; border: 1px solid #d4a72c; }",
        "#browserInfoBar { background: #ffebe9; border: 1px solid #ff8182; }",
    };
    m_infoBar->setStyleSheet(QString::fromLatin1(styles[int(kind)]));
    m_infoBar->setProperty("kind", int(kind));
    m_infoText->setText(text);
    m_openExternalButton->setVisible(offerSystemBrowser);
    m_infoBar->show();
}

void EmbeddedBrowser::hideInfo()
{
    m_infoText->clear();
    m_infoBar->hide();
}

void EmbeddedBrowser::updateNavigationButtons()
{
    m_backButton->setEnabled(m_page && m_page->history()->canGoBack());
    m_reloadButton->setEnabled(m_page != nullptr);
    m_stopButton->setEnabled(m_page && m_progress->isVisibleTo(this));
}

} // namespace Tokenscope::Browser
