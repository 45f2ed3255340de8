#include "SystemBrowser.h"

#include <QDesktopServices>

namespace Tokenscope::Browser {

namespace {

SystemBrowser::Opener &opener()
{
    static SystemBrowser::Opener replacement;
    return replacement;
}

} // namespace

bool SystemBrowser::open(const QUrl &url)
{
    if (opener())
        return opener()(url);
    return QDesktopServices::openUrl(url);
}

void SystemBrowser::setOpener(Opener replacement)
{
    opener() = std::move(replacement);
}

} // namespace Tokenscope::Browser
