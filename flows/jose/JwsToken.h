#pragma once

#include "JoseError.h"
#include "JwsLimits.h"

#include <QByteArray>
#include <QCoreApplication>
#include <QJsonObject>
#include <QList>
#include <QString>

namespace Tokenscope::Jose {

// One JWS signature over a payload, parsed but not yet trusted (RFC 7515): decoded headers,
// the payload bytes, the exact signing input and the signature bytes. A general JSON
// serialization with several signatures gives one JwsToken per signature.
class JwsToken
{
    Q_DECLARE_TR_FUNCTIONS(Tokenscope::Jose::JwsToken)

public:
    enum class Serialization
    {
        Compact,
        JsonFlattened,
        JsonGeneral,
    };

    struct ParseResult
    {
        QList<JwsToken> tokens; // one for compact and flattened; one per signature otherwise
        JoseError error;
        bool isError() const { return error.isError(); }
        const JwsToken &token() const { return tokens.constFirst(); } // when !isError()
    };

    // BASE64URL(header) "." BASE64URL(payload) "." BASE64URL(signature): exactly three
    // segments (five is a JWE, reported as JweNotSupported), each strict base64url, the
    // header a JSON object with an "alg" string and no repeated member names. A payload
    // that is a JSON object must not repeat member names either.
    static ParseResult parseCompact(const QByteArray &text, const JwsLimits &limits = {});
    // The JWS JSON serialization (RFC 7515 §7.2), general or flattened.
    static ParseResult parseJson(const QByteArray &text, const JwsLimits &limits = {});

    Serialization serialization() const { return m_serialization; }
    // The header every rule reads: protected and unprotected members joined (they must not
    // overlap). For a compact token that is the protected header.
    QJsonObject header() const { return m_header; }
    QJsonObject protectedHeader() const { return m_protectedHeader; }
    QJsonObject unprotectedHeader() const { return m_unprotectedHeader; }
    QByteArray protectedHeaderBytes() const { return m_protectedHeaderBytes; } // decoded JSON
    QByteArray payload() const { return m_payload; }
    QByteArray signingInput() const { return m_signingInput; }
    QByteArray signature() const { return m_signature; }
    QString alg() const;
    QString kid() const; // empty when absent
    bool hasKid() const;

    // The payload as a JSON object (the JWT claims), when it is one.
    bool payloadIsJsonObject() const { return m_payloadIsObject; }
    QJsonObject payloadObject() const { return m_payloadObject; }

private:
    Serialization m_serialization = Serialization::Compact;
    QJsonObject m_header;
    QJsonObject m_protectedHeader;
    QJsonObject m_unprotectedHeader;
    QByteArray m_protectedHeaderBytes;
    QByteArray m_payload;
    QByteArray m_signingInput;
    QByteArray m_signature;
    bool m_payloadIsObject = false;
    QJsonObject m_payloadObject;

    static JoseError readProtectedHeader(const QByteArray &segment, JwsToken *token);
    static JoseError readPayload(const QByteArray &segment, JwsToken *token);
};

} // namespace Tokenscope::Jose
