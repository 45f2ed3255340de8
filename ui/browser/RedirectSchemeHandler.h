#pragma once

#include <QWebEngineUrlSchemeHandler>

namespace Tokenscope::Browser {

// The second line of defence for a private-use redirect scheme: whatever request for it
// reaches WebEngine's network side (the navigation itself is refused before that) is
// reported with its query and fragment, and answered with nothing.
class RedirectSchemeHandler final : public QWebEngineUrlSchemeHandler
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(RedirectSchemeHandler)

public:
    explicit RedirectSchemeHandler(QObject *parent = nullptr);

    void requestStarted(QWebEngineUrlRequestJob *job) override;

signals:
    void requestSeen(const QUrl &url);
};

} // namespace Tokenscope::Browser
