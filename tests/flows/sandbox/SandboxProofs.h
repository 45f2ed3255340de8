#pragma once

// Shared by the sandbox's DPoP, request object and JARM tests: a client key that signs DPoP
// proofs and request objects the way a client would.

#include "jose/Base64Url.h"
#include "jose/JwsSigner.h"

#include <QCryptographicHash>
#include <QDateTime>
#include <QJsonDocument>
#include <QJsonObject>

namespace Tokenscope::Testing {

// The P-256 key of RFC 7515 Appendix A.3 (published, for tests only).
inline QByteArray rfc7515EcPrivateJwk()
{
    return R"({"kty":"EC","crv":"P-256",)"
           R"("x":"f83OJ3D2xF1Bg8vub9tLe1gHMzV76e8Tus9uPHvRVEU",)"
           R"("y":"x_FEzRu9m36HLN_tue659LNpXW6pCyStikYjKIWI5a0",)"
           R"("d":"jpsQnnGQmL-YBIffH1136cspYG6-0iY7X1fCE9-E9LI"})";
}

struct DpopProofOptions
{
    QString typ = QStringLiteral("dpop+jwt");
    QString alg = QStringLiteral("ES256");
    QJsonObject jwk;      // empty: the prover's public key
    QString jti;          // empty: a fresh one
    QString nonce;        // empty: none
    QString accessToken;  // non-empty: ath
    qint64 iatOffset = 0; // seconds from now
};

struct DpopProver
{
    Jose::JwsSigner::Key key;
    QJsonObject publicJwk;
    int counter = 0;

    explicit DpopProver(const QString &alg = QStringLiteral("ES256"))
        : key(Jose::JwsSigner::Key::generate(alg))
        , publicJwk(key.verificationJwk())
    {}
    explicit DpopProver(const QByteArray &privateJwk)
        : key(Jose::JwsSigner::Key::fromJwk(privateJwk))
        , publicJwk(key.verificationJwk())
    {}

    static QString ath(const QString &accessToken)
    {
        return QString::fromLatin1(Jose::Base64Url::encode(
            QCryptographicHash::hash(accessToken.toUtf8(), QCryptographicHash::Sha256)));
    }

    using Options = DpopProofOptions;

    QByteArray proof(const QByteArray &method, const QString &htu, const QDateTime &now,
                     const Options &options = {})
    {
        QJsonObject header{
            {QStringLiteral("typ"), options.typ},
            {QStringLiteral("alg"), options.alg},
            {QStringLiteral("jwk"), options.jwk.isEmpty() ? publicJwk : options.jwk}};
        QJsonObject claims{{QStringLiteral("jti"), options.jti.isEmpty()
                                                       ? QStringLiteral("jti-%1").arg(++counter)
                                                       : options.jti},
                           {QStringLiteral("htm"), QString::fromLatin1(method)},
                           {QStringLiteral("htu"), htu},
                           {QStringLiteral("iat"), now.toSecsSinceEpoch() + options.iatOffset}};
        if (!options.nonce.isEmpty())
            claims.insert(QStringLiteral("nonce"), options.nonce);
        if (!options.accessToken.isEmpty())
            claims.insert(QStringLiteral("ath"), ath(options.accessToken));
        const QByteArray payload = QJsonDocument(claims).toJson(QJsonDocument::Compact);
        if (options.alg == QLatin1String("none"))
            return Jose::Base64Url::encode(QJsonDocument(header).toJson(QJsonDocument::Compact)) +
                   '.' + Jose::Base64Url::encode(payload) + '.';
        Jose::JwsSigner::Key signer = key;
        if (options.alg.startsWith(QLatin1String("HS")))
            signer = Jose::JwsSigner::Key::fromSecret("a shared secret of 32 bytes or more!");
        return Jose::JwsSigner::sign(header, payload, signer).compact;
    }
};

} // namespace Tokenscope::Testing
