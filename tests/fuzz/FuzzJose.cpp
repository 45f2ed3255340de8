// The fuzz target for the JOSE parsers: compact and JSON JWS, JWK, JWK Set, base64url, and
// what runs on their output (signature verification, ID token and access token rules).
// An input "TOKEN\nKEYS" also verifies (or, for a JWE, decrypts) TOKEN with the key set KEYS,
// so that the fuzzer reaches the verifier and the decryptor with keys it controls. Nothing here may
// crash, leak, hang or read out of bounds, whatever the bytes.
//
// Built with libFuzzer when the compiler is clang (scripts/fuzz), otherwise linked with
// FuzzDriver.cpp, which replays the corpus and random mutations of it (the ctest run).
#include "jose/AccessTokenValidator.h"
#include "jose/Base64Url.h"
#include "jose/IdTokenValidator.h"
#include "jose/JweDecryptor.h"
#include "jose/Jwk.h"
#include "jose/JwkSet.h"
#include "jose/JwsToken.h"
#include "jose/JwsVerifier.h"

#include <cstddef>
#include <cstdint>

using namespace Tokenscope;
using namespace Tokenscope::Jose;

namespace {

void checkClaims(const JwsToken &token)
{
    const QDateTime now = QDateTime::fromSecsSinceEpoch(1'700'000'000, Qt::UTC);
    IdTokenExpectations id;
    id.issuer = QStringLiteral("https://issuer.example");
    id.clientId = QStringLiteral("client");
    id.nonce = QStringLiteral("n");
    id.maxAge = 60;
    id.accessToken = QStringLiteral("at");
    id.code = QStringLiteral("code");
    id.state = QStringLiteral("state");
    id.acrValues = {QStringLiteral("1")};
    id.alg = token.alg();
    id.now = now;
    IdTokenValidator::validate(token.payloadObject(), id);
    IdTokenValidator::validateHeader(token.header());
    AccessTokenExpectations at;
    at.issuer = id.issuer;
    at.resource = QStringLiteral("https://api.example");
    at.now = now;
    AccessTokenValidator::validate(token, at);
}

void verifyAll(const QList<JwsToken> &tokens, const JwkSet &keys)
{
    JwsVerifyOptions options;
    options.understoodCritical = {QStringLiteral("b64")};
    for (const JwsToken &token : tokens) {
        JwsVerifier::verify(token, keys, options);
        checkClaims(token);
    }
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size)
{
    const QByteArray input =
        QByteArray::fromRawData(reinterpret_cast<const char *>(data), qsizetype(size));
    QByteArray decoded;
    Base64Url::decode(input, &decoded);
    Jwk::fromJson(input);
    const JwkSet wholeSet = JwkSet::fromJson(input);
    for (const Jwk &key : wholeSet.keys)
        key.publicKey();
    AccessTokenValidator::inspect(input, AccessTokenExpectations{});

    const qsizetype newline = input.indexOf('\n');
    const QByteArray token = newline < 0 ? input : input.left(newline);
    const JwkSet keys = newline < 0 ? JwkSet() : JwkSet::fromJson(input.mid(newline + 1));
    const auto compact = JwsToken::parseCompact(token);
    if (!compact.isError())
        verifyAll(compact.tokens, keys);
    const auto json = JwsToken::parseJson(token);
    if (!json.isError())
        verifyAll(json.tokens, keys);
    if (compact.error.kind == JoseError::Kind::JweNotSupported)
        JweDecryptor::decrypt(token, newline < 0 ? QByteArray("{\"kty\":\"oct\",\"k\":\"AAAA\"}")
                                                 : input.mid(newline + 1));
    return 0;
}
