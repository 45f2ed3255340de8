#pragma once

#include <QDateTime>
#include <QMetaType>
#include <QString>
#include <QUrl>

namespace Tokenscope::Browser {

// One navigation the embedded browser was asked to make, as WebEngine reported it
// before anything was sent.
struct NavigationHop
{
    QUrl url;
    QString type; // link, typed, form, redirect, reload, back_forward, other
    bool isMainFrame = true;
    bool captured = false; // it went to the redirect URI and was not sent
    QDateTime at;          // UTC
};

} // namespace Tokenscope::Browser

Q_DECLARE_METATYPE(Tokenscope::Browser::NavigationHop)
