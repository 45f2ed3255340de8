#include "SandboxProfile.h"

#include <QCoreApplication>

namespace Tokenscope::Sandbox {

Profiles::Profile sandboxProfile()
{
    Profiles::Profile profile =
        Profiles::Profile::create(QCoreApplication::translate("Tokenscope::Sandbox", "Sandbox"));
    profile.notes = QCoreApplication::translate(
        "Tokenscope::Sandbox",
        "Tokenscope's built-in provider on 127.0.0.1, started when this profile is used. "
        "Sign in as alice, bob or li.lei; nothing leaves this computer.");
    profile.provider.builtInSandbox = true;
    auto &client = profile.client;
    client.clientId = QStringLiteral("sandbox-public");
    client.authMethod = QStringLiteral("none");
    client.redirectUris = {QUrl(QStringLiteral("http://127.0.0.1/callback"))};
    client.defaultScopes = {QStringLiteral("openid"), QStringLiteral("profile"),
                            QStringLiteral("email"), QStringLiteral("offline_access")};
    client.pkceMethod = QStringLiteral("S256");
    client.responseType = QStringLiteral("code");
    return profile;
}

} // namespace Tokenscope::Sandbox
