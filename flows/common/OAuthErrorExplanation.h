#pragma once

#include <QString>

namespace Tokenscope {

// What an OAuth / OpenID Connect error code usually means and what usually causes it, in
// plain words (translated): shown beside the provider's own text, never instead of it.
// Covers RFC 6749, 6750, 7009, 7591, 7662, 8628, 8693, 8707, 9126, 9449, 9470, OIDC Core
// and CIBA. Empty for a code it does not know (a provider's own extension).
QString explainOAuthError(const QString &error);

} // namespace Tokenscope
