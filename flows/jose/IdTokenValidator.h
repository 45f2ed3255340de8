#pragma once

#include "common/Finding.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QJsonObject>
#include <QStringList>

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
    QString alg;         // the JWS alg, whose hash at_hash, c_hash and s_hash use
    QString state;       // for s_hash (FAPI 1.0 Advanced §5.1), the state sent; empty: none
    // The ID token came from the authorization endpoint (implicit or hybrid response): then
    // at_hash is required with an access token and c_hash with a code (Core §3.2.2.10,
    // §3.3.2.11), and so is s_hash with a state when requireStateHash is set (FAPI).
    bool fromAuthorizationEndpoint = false;
    bool requireStateHash = false;
    // acr values requested: with acr_values (voluntary, Core §3.1.2.1) a different acr is a
    // warning; requested as an essential claim (§5.5.1.1) it is a failure.
    QStringList acrValues;
    bool acrEssential = false;
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
    // The JOSE header of an ID token: "typ", when present, must not name another kind of JWT
    // (at+jwt, logout+jwt, …): explicit typing against cross-JWT confusion (RFC 8725 §3.11).
    static Findings validateHeader(const QJsonObject &header);
    // BASE64URL(left half of HASH(value)), HASH from the alg (SHA-256 for *256…; EdDSA
    // uses SHA-512). Empty for an unknown alg.
    static QString leftHalfHash(const QByteArray &value, const QString &alg);
};

} // namespace Tokenscope::Jose
