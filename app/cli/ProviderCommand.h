#pragma once

#include "CliOutput.h"
#include "authcode/AuthorizationCodeFlow.h"
#include "clientauth/ClientCredentials.h"
#include "discovery/DiscoveryClient.h"
#include "profiles/SecretKey.h"

#include <QHash>
#include <QObject>
#include <QUrl>

class QCommandLineParser;
class QNetworkAccessManager;

namespace Tokenscope {
class Clock;
class RandomSource;
namespace Http {
class HttpClient;
class Transcript;
} // namespace Http
} // namespace Tokenscope

namespace Tokenscope::Cli {

class CommandParser;

// What the commands that call one provider endpoint share (token, introspect, revoke,
// userinfo, register): the provider options (--issuer for discovery, an override per
// endpoint), the client options (--client-id, the secret from the environment, a file or
// the profile, --auth-method, --private-key), --scope, --resource, --param; discovery
// before the call; the CLI contract's document and exit codes for the result.
class ProviderCommand : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ProviderCommand)

public:
    ~ProviderCommand() override;

    int prepare(const QStringList &arguments); // -1: run; otherwise the exit code
    void run();

signals:
    void finished(int exitCode);

protected:
    ProviderCommand(const QString &name, QNetworkAccessManager *network, const Clock &clock,
                    RandomSource &random, QObject *parent);

    virtual QString summaryText() const = 0;
    // Metadata names of the endpoints the command may call ("token_endpoint", …): each gets
    // an override option. The first is the one the command cannot do without.
    virtual QStringList endpointNames() const = 0;
    virtual bool needsClientId() const { return true; }
    // False when this run does not call the first endpoint (known after readOptions()).
    virtual bool needsEndpoint() const { return true; }
    virtual void addOptions(QCommandLineParser &parser) = 0;
    // Reads the command's own options; a usage error (translated) or empty.
    virtual QString readOptions(const QCommandLineParser &parser) = 0;
    // One of the --profile's secrets (empty without a profile), for readOptions().
    QByteArray profileSecret(Profiles::SecretKind kind) const;
    // Called once the endpoints are known: makes the call, then calls finishWith().
    virtual void act() = 0;

    QUrl endpoint(const QString &name) const { return m_endpoints.value(name); }
    void finishWith(const QJsonObject &result, const Findings &checks,
                    const QList<Http::Exchange> &exchanges, const AuthCode::FlowError &error);
    void finishUsage(const QString &message);

    const Clock &m_clock;
    RandomSource &m_random;
    Http::Transcript *m_transcript;
    Http::HttpClient *m_http;
    CliOutput m_output;
    QString m_name;
    QString m_issuer;
    QUrl m_jwksUri;
    ClientAuth::ClientCredentials m_client;
    QString m_scope;
    QStringList m_resources;
    QList<QPair<QString, QString>> m_parameters;

private:
    void onDiscovered(const Discovery::DiscoveryResult &result);

    Discovery::DiscoveryClient *m_discovery;
    QHash<QString, QUrl> m_endpoints;
};

} // namespace Tokenscope::Cli
