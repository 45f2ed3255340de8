#pragma once

#include <QUrl>

#include <functional>

namespace Tokenscope::Browser {

// The one way the embedded browser hands a URL to the desktop's browser
// (QDesktopServices::openUrl), so that tests can replace it and nothing is opened.
class SystemBrowser final
{
public:
    using Opener = std::function<bool(const QUrl &)>;

    static bool open(const QUrl &url);
    // Replaces the opener until reset with an empty function.
    static void setOpener(Opener opener);
};

} // namespace Tokenscope::Browser
