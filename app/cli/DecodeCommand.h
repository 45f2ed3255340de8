#pragma once

#include "CliOutput.h"
#include "ConnectionOptions.h"

#include <QObject>

class QNetworkAccessManager;

namespace Tokenscope {
class Clock;
namespace Http {
class HttpClient;
class Transcript;
} // namespace Http
} // namespace Tokenscope

namespace Tokenscope::Cli {

// tokenscope-cli decode TOKEN [--jwks URI|FILE]: the header and claims of a JWS, and with
// keys its signature check. Decoding never trusts: without keys the signature is
// "not_checked", and a token that does not parse is rejected with its named rule.
class DecodeCommand final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(DecodeCommand)

public:
    DecodeCommand(QNetworkAccessManager *network, const Clock &clock, QObject *parent = nullptr);
    ~DecodeCommand() override;

    int prepare(const QStringList &arguments); // -1: run; otherwise the exit code
    void run();
    static QString summary();

signals:
    void finished(int exitCode);

private:
    void decode(const QByteArray &jwks);
    void finish(int exitCode);

    Http::Transcript *m_transcript;
    Http::HttpClient *m_http;
    ConnectionOptions m_connectionOptions;
    CliOutput m_output{QStringLiteral("decode")};
    QByteArray m_token;
    QString m_jwks;
    QStringList m_allowedAlgorithms;
};

} // namespace Tokenscope::Cli
