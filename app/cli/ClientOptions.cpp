#include "ClientOptions.h"

#include "CommandParser.h"

#include <QCommandLineParser>
#include <QFile>

namespace Tokenscope::Cli {

using Method = ClientAuth::ClientAuthentication::Method;

ClientOptions::ClientOptions()
    : m_clientId(QStringLiteral("client-id"), tr("The client_id."), tr("id"))
    , m_secretEnv(QStringLiteral("client-secret-env"),
                  tr("Read the client secret from this environment variable."), tr("var"))
    , m_secretFile(QStringLiteral("client-secret-file"),
                   tr("Read the client secret from this file."), tr("file"))
    , m_authMethod(QStringLiteral("auth-method"),
                   tr("client_secret_basic, client_secret_post, client_secret_jwt, "
                      "private_key_jwt or none (default: basic with a secret, private_key_jwt "
                      "with a key, none without)."),
                   tr("method"))
    , m_privateKey(QStringLiteral("private-key"),
                   tr("The client's private key (PEM or JWK) for private_key_jwt."), tr("file"))
{}

void ClientOptions::addTo(QCommandLineParser &parser) const
{
    parser.addOptions({m_clientId, m_secretEnv, m_secretFile, m_authMethod, m_privateKey});
}

QString ClientOptions::read(const QCommandLineParser &parser, const CommandParser &command,
                            Method withSecret, ClientAuth::ClientCredentials *client) const
{
    client->clientId = parser.value(m_clientId);
    if (client->clientId.isEmpty())
        return tr("--client-id is needed");
    if (parser.isSet(m_secretEnv)) {
        const QByteArray name = parser.value(m_secretEnv).toLocal8Bit();
        if (!qEnvironmentVariableIsSet(name.constData()))
            return tr("--client-secret-env: the variable %1 is not set")
                .arg(parser.value(m_secretEnv));
        client->secret = qgetenv(name.constData());
    } else if (parser.isSet(m_secretFile)) {
        QFile file(parser.value(m_secretFile));
        if (!file.open(QIODevice::ReadOnly))
            return tr("--client-secret-file: cannot read “%1”").arg(file.fileName());
        client->secret = file.readAll();
        while (client->secret.endsWith('\n') || client->secret.endsWith('\r'))
            client->secret.chop(1);
    } else {
        client->secret = command.profileClientSecret(); // --profile: from the keychain
    }
    if (parser.isSet(m_privateKey)) {
        QFile file(parser.value(m_privateKey));
        if (!file.open(QIODevice::ReadOnly))
            return tr("--private-key: cannot read “%1”").arg(file.fileName());
        client->privateKey = file.readAll();
    } else {
        client->privateKey = command.profileSecret(Profiles::SecretKind::PrivateKey);
    }
    client->method = !client->privateKey.isEmpty() ? Method::PrivateKeyJwt
                     : client->secret.isEmpty()    ? Method::None
                                                   : withSecret;
    if (parser.isSet(m_authMethod) &&
        !ClientAuth::ClientAuthentication::parseMethod(parser.value(m_authMethod), &client->method))
        return tr("--auth-method takes client_secret_basic, client_secret_post, "
                  "client_secret_jwt, private_key_jwt or none, not “%1”")
            .arg(parser.value(m_authMethod));
    const bool needsSecret = client->method == Method::ClientSecretBasic ||
                             client->method == Method::ClientSecretPost ||
                             client->method == Method::ClientSecretJwt;
    if (needsSecret && client->secret.isEmpty())
        return tr("--auth-method %1 needs --client-secret-env or --client-secret-file")
            .arg(ClientAuth::ClientAuthentication::methodName(client->method));
    if (client->method == Method::PrivateKeyJwt && client->privateKey.isEmpty())
        return tr("--auth-method private_key_jwt needs --private-key");
    return {};
}

} // namespace Tokenscope::Cli
