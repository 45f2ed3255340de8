#pragma once

#include <QByteArray>
#include <QString>
#include <QUrl>

namespace Tokenscope::Browser {

// response_mode=form_post in the embedded browser. Qt WebEngine 6.4 has no API for a
// request body, so a script injected at document creation into the page's main world
// watches form submissions: a POST form whose action is the redirect URI has its fields
// encoded (application/x-www-form-urlencoded) and reported on the console behind a
// marker that is random for each run, and the real submission is prevented. The page
// cannot read the marker: it lives in the script's closure and the console function is
// taken before any page script runs.
class FormPostCapture final
{
public:
    struct Report
    {
        QUrl action;
        QByteArray body;
        bool isMainFrame = true;
    };

    // The script for this run. The page-side check (scheme, host, port unless a loopback
    // literal without one, path) only decides what to intercept; the caller confirms
    // the reported action with RedirectMatcher.
    static QString script(const QUrl &redirectUri, const QString &marker);
    // A console message from the page: true when it is a report with this run's marker.
    static bool parse(const QString &message, const QString &marker, Report *report);
};

} // namespace Tokenscope::Browser
