#pragma once

#include "common/Finding.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QJsonObject>

namespace Tokenscope::Jose {

// What the client knows when it receives an ID token (OpenID Connect Core §3.1.3.7).
struct IdTokenExpectations
{
    QString issuer;      // empty: iss not checked
    QString clientId;    // empty: aud and azp not checked
    QString nonce;       // the nonce sent; empty when none was sent
    qint64 maxAge = -1;  // seconds; -1 when max_age was not requested
    QString accessToken; // for at_hash, when one came with the ID token
    QString code;        // for c_hash, when one came with the ID token
    QString alg;         // the JWS alg, whose hash at_hash and c_hash use
    QDateTime now;
    qint64 skewSeconds = 60;
};

// The ID token claim rules, each a finding with its rule id, expected vs actual and the
// spec section. Pure: the signature is checked by JwsVerifier, before this.
class IdTokenValidator final
{
    Q_DECLARE_TR_FUNCTIONS(Tokenscope::Jose::IdTokenValidator)

public:
    static Findings validate(const QJsonObject &claims, const IdTokenExpectations &expected);
    // BASE64URL(left half of HASH(value)), HASH from the alg (SHA-256 for *256…; EdDSA
    // uses SHA-512). Empty for an unknown alg.
    static QString leftHalfHash(const QByteArray &value, const QString &alg);
};

} // namespace Tokenscope::Jose
