#pragma once

#include "BrowserOptions.h"
#include "NavigationHop.h"
#include "common/RandomSource.h"
#include "redirect/RedirectResult.h"

#include <QList>
#include <QPointer>
#include <QUrl>
#include <QWebEnginePage>
#include <QWidget>

class QFrame;
class QLabel;
class QLineEdit;
class QProgressBar;
class QPushButton;
class QToolButton;
class QWebEngineCertificateError;
class QWebEngineLoadingInfo;
class QWebEngineNewWindowRequest;
class QWebEngineProfile;
class QWebEngineView;

namespace Tokenscope::Http {
class Transcript;
}

namespace Tokenscope::Browser {

class CapturePage;

// The browser step of an authorization flow, inside Tokenscope. Each run gets its own
// page on a fresh off-the-record profile (or on a named persistent one, for SSO). Every
// navigation is reported before it is sent; the one to the registered redirect URI is
// refused and its parameters are handed over (query, fragment, or the form_post fields
// read by an injected script), so the redirect URI is never loaded. Pop-ups go to the
// system browser; certificate errors are refused and reported; a provider page that
// refuses embedded browsers is recognised and the system browser offered.
class EmbeddedBrowser final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(EmbeddedBrowser)

public:
    explicit EmbeddedBrowser(QWidget *parent = nullptr);
    ~EmbeddedBrowser() override;

    // Where each navigation is also recorded, as a response-less exchange (optional).
    void setTranscript(Tokenscope::Http::Transcript *transcript);

    // A new run: a new page (and, for a fresh session, a new profile) loading the
    // authorization URL. Hops and the previous run's state are forgotten.
    void start(const QUrl &authorizationUrl, const QUrl &redirectUri,
               const Tokenscope::Browser::BrowserOptions &options = {});
    // Stops loading, shows a blank page and forgets the redirect URI.
    void stop();

    QList<Tokenscope::Browser::NavigationHop> hops() const { return m_hops; }
    QWebEngineView *view() const { return m_view; }
    bool isFreshSession() const;
    QUrl redirectUri() const { return m_redirectUri; }
    // Where a persistent session with this name keeps its data (under the app data
    // location).
    static QString persistentStoragePath(const QString &sessionName);

    // Shown in the widget's info bar; empty when it is hidden.
    QString infoText() const;

signals:
    void redirectCaptured(const Tokenscope::Redirect::RedirectResult &redirect);
    // The redirect URI was reached but its parameters could not be read (a form_post
    // body the injected script did not see): the navigation was refused all the same.
    void captureFailed(const QUrl &url, const QString &message);
    void hopRecorded(const Tokenscope::Browser::NavigationHop &hop);
    void embeddedBrowserRefused(const QUrl &url, const QString &reason);
    void loadFailed(const QUrl &url, const QString &message);
    // A pop-up, or the user chose "Open in the system browser"; the URL was handed to
    // the desktop's browser.
    void systemBrowserRequested(const QUrl &url);

private:
    enum class InfoKind
    {
        Info,
        Warning,
        Error
    };

    void retireCurrentPage();
    QWebEngineProfile *profileFor(const BrowserOptions &options);
    void onNavigationSeen(const QUrl &url, QWebEnginePage::NavigationType type, bool isMainFrame,
                          bool captured);
    void onFormPostReported(const QUrl &action, const QByteArray &body, bool isMainFrame);
    void onSchemeRequest(const QUrl &url);
    void onUrlChanged(const QUrl &url);
    void onLoadStarted();
    void onLoadFinished(bool ok);
    void onLoadingChanged(const QWebEngineLoadingInfo &info);
    void onCertificateError(const QWebEngineCertificateError &error);
    void onNewWindowRequested(QWebEngineNewWindowRequest &request);
    void onRenderProcessTerminated(QWebEnginePage::RenderProcessTerminationStatus status,
                                   int exitCode);
    void checkForRefusal(const QUrl &url, const QString &title, const QString &text);
    NavigationHop recordHop(const QUrl &url, const QString &type, bool isMainFrame, bool captured,
                            const QByteArray &method);
    void deliver(const Tokenscope::Redirect::RedirectResult &result);
    void showCapturedPage();
    void reportLoadFailure(const QUrl &url, const QString &message);
    void openInSystemBrowser();
    void showInfo(InfoKind kind, const QString &text, bool offerSystemBrowser = false);
    void hideInfo();
    void updateNavigationButtons();
    void updateSecurityHint(const QUrl &url);
    QString newMarker();

    static QString navigationTypeName(QWebEnginePage::NavigationType type);

    QToolButton *m_backButton;
    QToolButton *m_reloadButton;
    QToolButton *m_stopButton;
    QLabel *m_security;
    QLineEdit *m_address;
    QProgressBar *m_progress;
    QFrame *m_infoBar;
    QLabel *m_infoText;
    QPushButton *m_openExternalButton;
    QWebEngineView *m_view;

    CapturePage *m_page = nullptr;
    QWebEngineProfile *m_profile = nullptr;
    QString m_profileSessionName; // of m_profile when it is persistent
    struct Retired
    {
        QPointer<QWebEnginePage> page;
        QPointer<QWebEngineProfile> profile; // null when the profile stays in use
    };
    QList<Retired> m_retired;

    QPointer<Tokenscope::Http::Transcript> m_transcript;
    Tokenscope::SystemRandomSource m_random;
    QUrl m_authorizationUrl;
    QUrl m_redirectUri;
    QUrl m_refusedUrl;
    QUrl m_certificateRejectedUrl;
    QList<NavigationHop> m_hops;
};

} // namespace Tokenscope::Browser
