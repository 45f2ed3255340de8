#pragma once

#include "SandboxDirectory.h"

#include <QCoreApplication>
#include <QJsonObject>
#include <QString>

namespace Tokenscope::Sandbox {

// Dynamic client registration (RFC 7591) and its management protocol (RFC 7592): client
// metadata read into a SandboxClient, and a client written back as metadata. The provider
// mints the identifiers and keeps the clients in its SandboxDirectory.
class SandboxRegistration final
{
    Q_DECLARE_TR_FUNCTIONS(Tokenscope::Sandbox::SandboxRegistration)

public:
    static constexpr int maxDynamicClients = 100;

    struct Problem
    {
        QString error; // invalid_redirect_uri, invalid_client_metadata
        QString description;
        bool isError() const { return !error.isEmpty(); }
    };

    // Reads the metadata into *client (id, secret and tokens are the caller's). Defaults per
    // RFC 7591 §2: token_endpoint_auth_method client_secret_basic, grant_types
    // authorization_code, response_types code.
    static Problem read(const QJsonObject &metadata, SandboxClient *client);
    // The client's metadata as the registration response (RFC 7591 §3.2.1).
    static QJsonObject write(const SandboxClient &client, const QString &registrationUri);
    static QStringList supportedAuthMethods();
    static QStringList supportedGrantTypes();
};

} // namespace Tokenscope::Sandbox
