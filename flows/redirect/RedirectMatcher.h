#pragma once

#include "RedirectResult.h"

namespace Tokenscope::Redirect {

// Pure functions: does a URL the browser is about to load belong to the registered
// redirect URI, and what does it carry.
class RedirectMatcher final
{
public:
    // Scheme and host compare case-insensitively, path exactly, the registered query's
    // parameters must all be present; the port must match, except for a loopback IP
    // literal registered without one or with port 0, where any port matches (RFC 8252 §7.3).
    static bool matches(const QUrl &registered, const QUrl &candidate);

    // Parameters of the query, the fragment (form-encoded, RFC 6749 §4.2.2) and, for
    // form_post, the body. The source is the body when there is one, else the fragment
    // when it carries parameters, else the query.
    static RedirectResult parse(const QUrl &url, const QByteArray &formBody = QByteArray());

    // application/x-www-form-urlencoded: '+' is a space, %XX decoded as UTF-8.
    static QList<QPair<QString, QString>> decodeForm(const QByteArray &encoded);
    static bool isLoopbackLiteral(const QString &host);
};

} // namespace Tokenscope::Redirect
