#pragma once

#include "CliOutput.h"

#include <QObject>

class QNetworkAccessManager;

namespace Tokenscope::Jose {
struct AccessTokenExpectations;
}

namespace Tokenscope {
class Clock;
namespace Http {
class HttpClient;
class Transcript;
} // namespace Http
} // namespace Tokenscope

namespace Tokenscope::Cli {

// tokenscope-cli decode TOKEN [--jwks URI|FILE] [--issuer I] [--audience A] [--nonce N]
// [--max-age S] [--access-token] [--resource R] [--client-id C] [--decrypt-key FILE]: a JWE
// decrypted first (with libjose; a nested JWT inside is decoded as usual), the header and claims of
// a JWS, with keys its signature check, with any of the ID token options the claim rules of OpenID
// Connect Core §3.1.3.7, and as an access token (--access-token, --resource,
// --client-id, or a typ of at+jwt) the rules of RFC 9068; an opaque access token is reported
// as such (exit 0). Decoding never trusts: without keys the signature is "not_checked", and a
// token that does not parse is rejected with its named rule.
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
    Jose::AccessTokenExpectations accessTokenExpectations() const;

    const Clock &m_clock;
    Http::Transcript *m_transcript;
    Http::HttpClient *m_http;
    CliOutput m_output{QStringLiteral("decode")};
    QByteArray m_token;
    QString m_jwks;
    QStringList m_allowedAlgorithms;
    bool m_validateClaims = false;
    QString m_issuer;
    QString m_audience;
    QString m_nonce;
    qint64 m_maxAge = -1;
    qint64 m_skew = 60;
    bool m_accessToken = false; // --access-token, --resource or --client-id
    QString m_resource;
    QString m_clientId;
    QByteArray m_decryptKeys; // --decrypt-key FILE's contents; null when not given
};

} // namespace Tokenscope::Cli
