#include "JwsToken.h"

#include "Base64Url.h"
#include "JsonDuplicates.h"
#include "common/JsonReader.h"
#include "common/Utf8.h"

#include <QJsonArray>

namespace Tokenscope::Jose {

namespace {

JoseError makeError(JoseError::Kind kind, const QString &message)
{
    return JoseError{kind, message};
}

JwsToken::ParseResult failure(JoseError::Kind kind, const QString &message)
{
    JwsToken::ParseResult result;
    result.error = makeError(kind, message);
    return result;
}

} // namespace

QString JwsToken::alg() const
{
    return m_header.value(QStringLiteral("alg")).toString();
}

QString JwsToken::kid() const
{
    return m_header.value(QStringLiteral("kid")).toString();
}

bool JwsToken::hasKid() const
{
    return m_header.value(QStringLiteral("kid")).isString();
}

JoseError JwsToken::readProtectedHeader(const QByteArray &segment, JwsToken *token)
{
    QByteArray decoded;
    Base64Url::Problem problem = Base64Url::Problem::None;
    if (!Base64Url::decode(segment, &decoded, &problem))
        return makeError(JoseError::Kind::InvalidBase64Url,
                         tr("The protected header is not valid base64url (%1).")
                             .arg(Base64Url::problemName(problem)));
    if (!isValidUtf8(decoded))
        return makeError(JoseError::Kind::HeaderNotJson, tr("The header is not UTF-8 text."));
    const JsonParseResult parsed = JsonReader::parse(decoded);
    if (!parsed.ok) {
        // QJsonDocument takes only objects and arrays at the top; a bare string or number
        // is JSON too, just not an object.
        if (!decoded.trimmed().isEmpty() && JsonReader::parse('[' + decoded + ']').ok)
            return makeError(JoseError::Kind::HeaderNotObject,
                             tr("The header is JSON but not an object."));
        return makeError(JoseError::Kind::HeaderNotJson,
                         tr("The header is not JSON: %1").arg(parsed.message));
    }
    if (!parsed.document.isObject())
        return makeError(JoseError::Kind::HeaderNotObject,
                         tr("The header is JSON but not an object."));
    const QString duplicate = JsonDuplicates::firstDuplicate(decoded);
    if (!duplicate.isNull())
        return makeError(JoseError::Kind::DuplicateMember,
                         tr("The header has the member \"%1\" twice.").arg(duplicate));
    token->m_protectedHeader = parsed.document.object();
    token->m_protectedHeaderBytes = decoded;
    return {};
}

JoseError JwsToken::readPayload(const QByteArray &segment, JwsToken *token)
{
    Base64Url::Problem problem = Base64Url::Problem::None;
    if (!Base64Url::decode(segment, &token->m_payload, &problem))
        return makeError(
            JoseError::Kind::InvalidBase64Url,
            tr("The payload is not valid base64url (%1).").arg(Base64Url::problemName(problem)));
    // A JWS payload may be any bytes; when it is a JSON object (JWT claims), it must not
    // repeat a member name either (RFC 7519 §4).
    if (token->m_payload.trimmed().startsWith('{')) {
        const JsonParseResult parsed = JsonReader::parse(token->m_payload);
        if (parsed.ok && parsed.document.isObject()) {
            const QString duplicate = JsonDuplicates::firstDuplicate(token->m_payload);
            if (!duplicate.isNull())
                return makeError(JoseError::Kind::DuplicateMember,
                                 tr("The payload has the member \"%1\" twice.").arg(duplicate));
            token->m_payloadIsObject = true;
            token->m_payloadObject = parsed.document.object();
        }
    }
    return {};
}

JwsToken::ParseResult JwsToken::parseCompact(const QByteArray &text, const JwsLimits &limits)
{
    if (text.size() > limits.maxTokenBytes)
        return failure(JoseError::Kind::TooLarge, tr("The token is %1 bytes long; the limit is %2.")
                                                      .arg(text.size())
                                                      .arg(limits.maxTokenBytes));
    // Count separators first, stopping early: 100,000 dots cost one short scan.
    int dots = 0;
    for (const char c : text) {
        if (c == '.' && ++dots > 4)
            break;
    }
    if (dots == 4)
        return failure(JoseError::Kind::JweNotSupported,
                       tr("This is a JWE (five segments); decryption is not available yet."));
    if (dots != 2)
        return failure(JoseError::Kind::WrongSegmentCount,
                       dots > 4
                           ? tr("A compact JWS has three segments; this has more than five.")
                           : tr("A compact JWS has three segments; this has %1.").arg(dots + 1));

    const qsizetype first = text.indexOf('.');
    const qsizetype second = text.indexOf('.', first + 1);
    JwsToken token;
    token.m_serialization = Serialization::Compact;
    JoseError error = readProtectedHeader(text.left(first), &token);
    if (error.isError())
        return failure(error.kind, error.message);
    token.m_header = token.m_protectedHeader;
    if (!token.m_header.value(QStringLiteral("alg")).isString())
        return failure(JoseError::Kind::MissingAlg, tr("The header has no \"alg\" string."));
    error = readPayload(text.mid(first + 1, second - first - 1), &token);
    if (error.isError())
        return failure(error.kind, error.message);
    Base64Url::Problem problem = Base64Url::Problem::None;
    if (!Base64Url::decode(QByteArrayView(text).sliced(second + 1), &token.m_signature, &problem))
        return failure(
            JoseError::Kind::InvalidBase64Url,
            tr("The signature is not valid base64url (%1).").arg(Base64Url::problemName(problem)));
    token.m_signingInput = text.left(second);

    ParseResult result;
    result.tokens.append(token);
    return result;
}

JwsToken::ParseResult JwsToken::parseJson(const QByteArray &text, const JwsLimits &limits)
{
    if (text.size() > limits.maxTokenBytes)
        return failure(JoseError::Kind::TooLarge, tr("The JWS is %1 bytes long; the limit is %2.")
                                                      .arg(text.size())
                                                      .arg(limits.maxTokenBytes));
    const JsonParseResult parsed = JsonReader::parse(text);
    if (!parsed.ok)
        return failure(JoseError::Kind::MalformedJwsJson,
                       tr("The JWS is not valid JSON: %1").arg(parsed.message));
    if (!parsed.document.isObject())
        return failure(JoseError::Kind::MalformedJwsJson,
                       tr("A JWS JSON serialization is a JSON object."));
    const QString duplicate = JsonDuplicates::firstDuplicate(text);
    if (!duplicate.isNull())
        return failure(JoseError::Kind::DuplicateMember,
                       tr("The JWS has the member \"%1\" twice in one object.").arg(duplicate));
    const QJsonObject document = parsed.document.object();
    const QJsonValue payload = document.value(QStringLiteral("payload"));
    if (!payload.isString())
        return failure(JoseError::Kind::MalformedJwsJson,
                       tr("The JWS has no \"payload\" string (detached payloads are not "
                          "supported)."));

    QList<QJsonObject> entries;
    Serialization serialization = Serialization::JsonFlattened;
    if (document.contains(QStringLiteral("signatures"))) {
        serialization = Serialization::JsonGeneral;
        const QJsonValue signatures = document.value(QStringLiteral("signatures"));
        if (document.contains(QStringLiteral("signature")) ||
            document.contains(QStringLiteral("protected")) ||
            document.contains(QStringLiteral("header")))
            return failure(JoseError::Kind::MalformedJwsJson,
                           tr("The general JWS serialization must not also have flattened "
                              "members."));
        if (!signatures.isArray() || signatures.toArray().isEmpty())
            return failure(JoseError::Kind::MalformedJwsJson,
                           tr("\"signatures\" must be a non-empty list."));
        const QJsonArray list = signatures.toArray();
        if (list.size() > limits.maxJsonSignatures)
            return failure(JoseError::Kind::TooLarge,
                           tr("The JWS has %1 signatures; the limit is %2.")
                               .arg(list.size())
                               .arg(limits.maxJsonSignatures));
        for (const QJsonValue &entry : list) {
            if (!entry.isObject())
                return failure(JoseError::Kind::MalformedJwsJson,
                               tr("Each entry of \"signatures\" must be an object."));
            entries.append(entry.toObject());
        }
    } else {
        entries.append(document);
    }

    ParseResult result;
    const QByteArray payloadSegment = payload.toString().toUtf8();
    for (const QJsonObject &entry : entries) {
        JwsToken token;
        token.m_serialization = serialization;
        const QJsonValue protectedValue = entry.value(QStringLiteral("protected"));
        const QJsonValue headerValue = entry.value(QStringLiteral("header"));
        const QJsonValue signatureValue = entry.value(QStringLiteral("signature"));
        if (!signatureValue.isString())
            return failure(JoseError::Kind::MalformedJwsJson,
                           tr("A signature entry has no \"signature\" string."));
        if ((!protectedValue.isUndefined() && !protectedValue.isString()) ||
            (!headerValue.isUndefined() && !headerValue.isObject()))
            return failure(JoseError::Kind::MalformedJwsJson,
                           tr("\"protected\" must be a string and \"header\" an object."));
        if (protectedValue.isUndefined() && headerValue.isUndefined())
            return failure(JoseError::Kind::MalformedJwsJson,
                           tr("A signature entry needs \"protected\" or \"header\"."));
        const QByteArray protectedSegment = protectedValue.toString().toUtf8();
        if (!protectedValue.isUndefined()) {
            const JoseError error = readProtectedHeader(protectedSegment, &token);
            if (error.isError())
                return failure(error.kind, error.message);
        }
        token.m_unprotectedHeader = headerValue.toObject();
        token.m_header = token.m_protectedHeader;
        for (auto it = token.m_unprotectedHeader.constBegin();
             it != token.m_unprotectedHeader.constEnd(); ++it) {
            if (token.m_header.contains(it.key()))
                return failure(JoseError::Kind::DuplicateMember,
                               tr("The header member \"%1\" is both protected and unprotected.")
                                   .arg(it.key()));
            token.m_header.insert(it.key(), it.value());
        }
        if (token.m_unprotectedHeader.contains(QStringLiteral("crit")))
            return failure(JoseError::Kind::InvalidCrit,
                           tr("\"crit\" must be in the protected header."));
        if (!token.m_header.value(QStringLiteral("alg")).isString())
            return failure(JoseError::Kind::MissingAlg, tr("The header has no \"alg\" string."));
        const JoseError error = readPayload(payloadSegment, &token);
        if (error.isError())
            return failure(error.kind, error.message);
        Base64Url::Problem problem = Base64Url::Problem::None;
        if (!Base64Url::decode(signatureValue.toString().toUtf8(), &token.m_signature, &problem))
            return failure(JoseError::Kind::InvalidBase64Url,
                           tr("The signature is not valid base64url (%1).")
                               .arg(Base64Url::problemName(problem)));
        token.m_signingInput = protectedSegment + '.' + payloadSegment;
        result.tokens.append(token);
    }
    return result;
}

} // namespace Tokenscope::Jose
