#pragma once

#include "clientauth/ClientCredentials.h"

#include <QCommandLineOption>
#include <QCoreApplication>

class QCommandLineParser;

namespace Tokenscope::Cli {

class CommandParser;

// The client options of the commands that authenticate at a provider's endpoints:
// --client-id, --client-secret-env VAR | --client-secret-file F (or a profile's secret),
// --auth-method METHOD, --private-key F.
class ClientOptions final
{
    Q_DECLARE_TR_FUNCTIONS(Tokenscope::Cli::ClientOptions)

public:
    ClientOptions();
    void addTo(QCommandLineParser &parser) const;
    // Reads the parsed values into `client`: the method defaults to `withSecret` when there
    // is a secret, private_key_jwt with a private key, none otherwise. The --profile's
    // client secret and private key (from `command`) are used when none is given. Returns a
    // one-line usage error, or empty.
    QString read(const QCommandLineParser &parser, const CommandParser &command,
                 ClientAuth::ClientAuthentication::Method withSecret,
                 ClientAuth::ClientCredentials *client) const;

private:
    QCommandLineOption m_clientId;
    QCommandLineOption m_secretEnv;
    QCommandLineOption m_secretFile;
    QCommandLineOption m_authMethod;
    QCommandLineOption m_privateKey;
};

} // namespace Tokenscope::Cli
