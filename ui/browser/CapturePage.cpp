#include "CapturePage.h"

#include "BrowserLogging.h"
#include "FormPostCapture.h"
#include "redirect/RedirectMatcher.h"

namespace Tokenscope::Browser {

CapturePage::CapturePage(QWebEngineProfile *profile, QObject *parent)
    : QWebEnginePage(profile, parent)
{}

bool CapturePage::acceptNavigationRequest(const QUrl &url, NavigationType type, bool isMainFrame)
{
    const bool captured =
        m_redirectUri.isValid() && Redirect::RedirectMatcher::matches(m_redirectUri, url);
    emit navigationSeen(url, type, isMainFrame, captured);
    return !captured;
}

void CapturePage::javaScriptConsoleMessage(JavaScriptConsoleMessageLevel level,
                                           const QString &message, int lineNumber,
                                           const QString &sourceId)
{
    Q_UNUSED(level)
    FormPostCapture::Report report;
    if (FormPostCapture::parse(message, m_marker, &report)) {
        if (m_redirectUri.isValid() &&
            Redirect::RedirectMatcher::matches(m_redirectUri, report.action)) {
            emit formPostReported(report.action, report.body, report.isMainFrame);
        } else {
            qCWarning(lcBrowser, "a form report for an action that is not the redirect URI "
                                 "was ignored");
        }
        return;
    }
    // The page's own console output may carry anything: only its origin is logged.
    qCDebug(lcBrowser, "console message from %s:%d", qUtf8Printable(sourceId), lineNumber);
}

QWebEnginePage *CapturePage::createWindow(WebWindowType type)
{
    Q_UNUSED(type)
    return nullptr;
}

} // namespace Tokenscope::Browser
