#pragma once

#include "JwsToken.h"
#include "common/Finding.h"

#include <QByteArray>
#include <QCoreApplication>
#include <QDateTime>
#include <QJsonObject>

namespace Tokenscope::Jose {

// What a resource server (or a client looking at its own token) knows about an access token.
struct AccessTokenExpectations
{
    QString issuer;   // empty: iss must be present, its value is not checked
    QString resource; // the audience the token is for (a resource indicator, RFC 8707);
                      // empty: aud must be present, its value is not checked
    QString clientId; // empty: client_id must be present, its value is not checked
    QDateTime now;
    qint64 skewSeconds = 60;
};

// The result of looking at an access token: what it is, and the findings.
struct AccessTokenReport
{
    enum class Format
    {
        Jwt,       // a JWS: the RFC 9068 rules were applied
        Jwe,       // five segments: encrypted, for the resource server only
        Malformed, // looks like a JWS (three segments, "eyJ…") but does not parse
        Opaque,    // anything else: only introspection (RFC 7662) can tell what it means
    };

    Format format = Format::Opaque;
    QJsonObject header; // when Jwt
    QJsonObject claims; // when Jwt
    Findings findings;

    bool hasFailure() const;
    static QString formatName(Format format); // "jwt", "jwe", "malformed", "opaque"
};

// JWT access tokens (RFC 9068): the "typ" header (at+jwt, explicit typing as RFC 8725 §3.11
// asks), "alg" not none, and the required claims iss, exp, aud, sub, client_id, iat, jti,
// with "scope" a space-delimited string. Each rule is a finding with the spec section. The
// signature is JwsVerifier's (or JwksCache's) business; key strength warnings (RSA under
// 2048 bits, HMAC keys shorter than the hash) come from there.
class AccessTokenValidator final
{
    Q_DECLARE_TR_FUNCTIONS(Tokenscope::Jose::AccessTokenValidator)

public:
    // Classifies `token` and, when it is a JWS, applies validate(JwsToken, …).
    static AccessTokenReport inspect(const QByteArray &token, const AccessTokenExpectations &e);
    // The RFC 9068 §4 rules for a parsed JWS.
    static Findings validate(const JwsToken &token, const AccessTokenExpectations &e);
    static Findings validate(const QJsonObject &header, const QJsonObject &claims,
                             const AccessTokenExpectations &e);
    // "at+jwt" or "application/at+jwt", compared case-insensitively (RFC 7515 §4.1.9).
    static bool isAccessTokenType(const QString &typ);
};

} // namespace Tokenscope::Jose
