#pragma once

#include <QUrl>
#include <QWebEnginePage>

namespace Tokenscope::Browser {

// The embedded browser's page: it reports every navigation before it is sent and refuses
// the ones to the redirect URI (RedirectMatcher decides), reads form_post reports behind
// this run's marker from the console, and creates no windows (the browser widget sends
// pop-ups to the system browser).
class CapturePage final : public QWebEnginePage
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(CapturePage)

public:
    explicit CapturePage(QWebEngineProfile *profile, QObject *parent = nullptr);

    // An empty URL captures nothing.
    void setRedirectUri(const QUrl &redirectUri) { m_redirectUri = redirectUri; }
    QUrl redirectUri() const { return m_redirectUri; }
    void setMarker(const QString &marker) { m_marker = marker; }

signals:
    void navigationSeen(const QUrl &url, QWebEnginePage::NavigationType type, bool isMainFrame,
                        bool captured);
    void formPostReported(const QUrl &action, const QByteArray &body, bool isMainFrame);

protected:
    bool acceptNavigationRequest(const QUrl &url, NavigationType type, bool isMainFrame) override;
    void javaScriptConsoleMessage(JavaScriptConsoleMessageLevel level, const QString &message,
                                  int lineNumber, const QString &sourceId) override;
    QWebEnginePage *createWindow(WebWindowType type) override;

private:
    QUrl m_redirectUri;
    QString m_marker;
};

} // namespace Tokenscope::Browser
