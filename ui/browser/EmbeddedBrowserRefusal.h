#pragma once

#include <QCoreApplication>
#include <QString>
#include <QUrl>

namespace Tokenscope::Browser {

// Providers that refuse to sign users in inside an embedded browser say so on an error
// page (Google: "Error 403: disallowed_useragent"). This finds such a page by its
// address, title or text and says why, in one translated sentence; empty when the page
// is not such a refusal.
class EmbeddedBrowserRefusal final
{
    Q_DECLARE_TR_FUNCTIONS(Tokenscope::Browser::EmbeddedBrowserRefusal)

public:
    static QString reason(const QUrl &url, const QString &title, const QString &text = {});
};

} // namespace Tokenscope::Browser
