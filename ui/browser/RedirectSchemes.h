#pragma once

#include <QStringList>

namespace Tokenscope::Browser {

// Registers private-use URI schemes (RFC 8252 §7.1, e.g. "com.example.app") with Qt
// WebEngine so that the embedded browser can capture redirects to them. Must be called
// before the QApplication exists (QWebEngineUrlScheme::registerScheme); a later call is
// ignored with a warning. http, https and the other built-in schemes are skipped.
void registerRedirectSchemes(const QStringList &schemes);

// The schemes registered so far, lower case.
QStringList registeredRedirectSchemes();

// True for the schemes WebEngine handles itself (http, https, file, data, about, …).
bool isBuiltInScheme(const QString &scheme);

} // namespace Tokenscope::Browser
