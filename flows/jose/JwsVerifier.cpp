#include "JwsVerifier.h"

#include "JwsAlgorithm.h"
#include "OpenSslPtr.h"

#include <QJsonArray>

#include <openssl/crypto.h>
#include <openssl/err.h>
#include <openssl/hmac.h>
#include <openssl/rsa.h>

namespace Tokenscope::Jose {

namespace {

using OpenSsl::bytes;
using OpenSsl::digest;

using Family = JwsAlgorithm::Family;
using Id = JwsAlgorithm::Id;

// Header parameters registered by RFC 7515 §4.1 and RFC 7516 / RFC 7518 §4: "crit" must
// not list them (RFC 7515 §4.1.11).
const QStringList &registeredHeaderParameters()
{
    static const QStringList names{
        QStringLiteral("alg"), QStringLiteral("jku"),      QStringLiteral("jwk"),
        QStringLiteral("kid"), QStringLiteral("x5u"),      QStringLiteral("x5c"),
        QStringLiteral("x5t"), QStringLiteral("x5t#S256"), QStringLiteral("typ"),
        QStringLiteral("cty"), QStringLiteral("crit"),     QStringLiteral("enc"),
        QStringLiteral("zip"), QStringLiteral("epk"),      QStringLiteral("apu"),
        QStringLiteral("apv"), QStringLiteral("iv"),       QStringLiteral("tag"),
        QStringLiteral("p2s"), QStringLiteral("p2c")};
    return names;
}

Finding makeFinding(const QString &rule, Finding::Status status, const QString &message,
                    const QString &spec)
{
    Finding finding;
    finding.rule = rule;
    finding.status = status;
    finding.message = message;
    finding.spec = spec;
    return finding;
}

// JWS carries ECDSA signatures as R || S, each left-padded to the curve size (RFC 7518
// §3.4); OpenSSL wants DER. Empty on failure.
QByteArray rawToDer(const QByteArray &raw)
{
    using namespace OpenSsl;
    const int half = int(raw.size() / 2);
    EcdsaSigPtr signature(ECDSA_SIG_new());
    BignumPtr r(BN_bin2bn(bytes(raw), half, nullptr));
    BignumPtr s(BN_bin2bn(bytes(raw) + half, half, nullptr));
    if (!signature || !r || !s || ECDSA_SIG_set0(signature.get(), r.get(), s.get()) != 1)
        return QByteArray();
    r.release(); // owned by signature now
    s.release();
    const int size = i2d_ECDSA_SIG(signature.get(), nullptr);
    if (size <= 0)
        return QByteArray();
    QByteArray der(size, '\0');
    auto *out = reinterpret_cast<unsigned char *>(der.data());
    if (i2d_ECDSA_SIG(signature.get(), &out) != size)
        return QByteArray();
    return der;
}

enum class Outcome
{
    Verified,
    BadSignature,
    KeyUnusable, // the key could not be built, or the signature can't be this key's
};

Outcome verifyWith(const Jwk &key, Id id, const JwsToken &token, JoseError *keyProblem)
{
    using namespace OpenSsl;
    const QByteArray &input = token.signingInput();
    const QByteArray &signature = token.signature();
    const Family family = JwsAlgorithm::family(id);

    if (family == Family::Hmac) {
        const QByteArray secret = key.secret();
        unsigned char tag[EVP_MAX_MD_SIZE];
        unsigned int tagSize = 0;
        if (!HMAC(digest(id), secret.constData(), int(secret.size()), bytes(input),
                  std::size_t(input.size()), tag, &tagSize)) {
            ERR_clear_error();
            *keyProblem = {JoseError::Kind::Crypto, JwsVerifier::tr("HMAC computation failed.")};
            return Outcome::KeyUnusable;
        }
        // The length is public (it follows from alg); the contents are compared in
        // constant time.
        const bool equal = std::size_t(signature.size()) == tagSize &&
                           CRYPTO_memcmp(tag, signature.constData(), tagSize) == 0;
        OPENSSL_cleanse(tag, sizeof tag);
        return equal ? Outcome::Verified : Outcome::BadSignature;
    }

    if (family == Family::EdDsa) {
        const int expected = key.curve() == QLatin1String("Ed25519") ? 64 : 114;
        if (signature.size() != expected) {
            *keyProblem = {JoseError::Kind::SignatureLength,
                           JwsVerifier::tr("An %1 signature is %2 bytes long, not %3.")
                               .arg(key.curve())
                               .arg(expected)
                               .arg(signature.size())};
            return Outcome::KeyUnusable;
        }
    }

    EvpPkey publicKey = key.publicKey(keyProblem);
    if (!publicKey)
        return Outcome::KeyUnusable;
    QByteArray der;
    const QByteArray *checked = &signature;
    if (family == Family::Ecdsa) {
        der = rawToDer(signature);
        if (der.isEmpty()) {
            ERR_clear_error();
            *keyProblem = {JoseError::Kind::Crypto,
                           JwsVerifier::tr("The ECDSA signature could not be converted.")};
            return Outcome::KeyUnusable;
        }
        checked = &der;
    }

    MdCtxPtr context(EVP_MD_CTX_new());
    EVP_PKEY_CTX *keyContext = nullptr; // owned by context
    const EVP_MD *md = family == Family::EdDsa ? nullptr : digest(id);
    bool ready = context && EVP_DigestVerifyInit(context.get(), &keyContext, md, nullptr,
                                                 publicKey.get()) == 1;
    if (ready && family == Family::RsaPss) {
        // RFC 7518 §3.5: MGF1 with the same hash, salt as long as the hash.
        ready = EVP_PKEY_CTX_set_rsa_padding(keyContext, RSA_PKCS1_PSS_PADDING) == 1 &&
                EVP_PKEY_CTX_set_rsa_mgf1_md(keyContext, md) == 1 &&
                EVP_PKEY_CTX_set_rsa_pss_saltlen(keyContext, RSA_PSS_SALTLEN_DIGEST) == 1;
    }
    if (!ready) {
        ERR_clear_error();
        *keyProblem = {JoseError::Kind::Crypto,
                       JwsVerifier::tr("OpenSSL could not set up the verification.")};
        return Outcome::KeyUnusable;
    }
    const int verified =
        EVP_DigestVerify(context.get(), bytes(*checked), std::size_t(checked->size()), bytes(input),
                         std::size_t(input.size()));
    ERR_clear_error();
    return verified == 1 ? Outcome::Verified : Outcome::BadSignature;
}

// Why a key may not verify this token, or an empty string when it may.
QString unsuitability(const Jwk &key, Id id, const QString &alg)
{
    const QString kty = JwsAlgorithm::keyType(id);
    if (key.kty() != kty)
        return JwsVerifier::tr("kty is %1, %2 needs %3").arg(key.kty(), alg, kty);
    if (JwsAlgorithm::family(id) == Family::Ecdsa && key.curve() != JwsAlgorithm::ecCurve(id))
        return JwsVerifier::tr("curve is %1, %2 needs %3")
            .arg(key.curve(), alg, JwsAlgorithm::ecCurve(id));
    if (JwsAlgorithm::family(id) == Family::EdDsa &&
        !JwsAlgorithm::okpCurves(id).contains(key.curve()))
        return JwsVerifier::tr("curve %1 does not fit %2").arg(key.curve(), alg);
    if (!key.use().isEmpty() && key.use() != QLatin1String("sig"))
        return JwsVerifier::tr("use is \"%1\", not \"sig\"").arg(key.use());
    if (key.hasKeyOps() && !key.keyOps().contains(QStringLiteral("verify")))
        return JwsVerifier::tr("key_ops does not include \"verify\"");
    if (!key.alg().isEmpty() && key.alg() != alg)
        return JwsVerifier::tr("the key is for %1, the token uses %2").arg(key.alg(), alg);
    return QString();
}

QString describe(const Jwk &key, int index)
{
    return key.hasKid() ? JwsVerifier::tr("key \"%1\"").arg(key.kid())
                        : JwsVerifier::tr("key %1").arg(index + 1);
}

} // namespace

JwsVerifyResult JwsVerifier::verify(const JwsToken &token, const JwkSet &keys,
                                    const JwsVerifyOptions &options)
{
    JwsVerifyResult result;
    const QJsonObject header = token.header();
    const QString alg = token.alg();
    result.alg = alg;
    const auto fail = [&result](JoseError::Kind kind, const QString &message) {
        result.status = JwsVerifyResult::Status::Failed;
        result.error = {kind, message};
        result.findings.append(makeFinding(QStringLiteral("jws_signature"), Finding::Status::Fail,
                                           message, QStringLiteral("RFC 7515 §5.2")));
        return result;
    };

    // Keys the token brings along are attacker-chosen: never fetched, never used.
    for (const char *name : {"jwk", "jku", "x5u", "x5c"}) {
        const QString member = QLatin1String(name);
        if (header.contains(member))
            result.findings.append(makeFinding(
                QStringLiteral("jws_header_key_ignored"), Finding::Status::Warn,
                tr("The header names a key in \"%1\"; it is ignored: only the configured key "
                   "set is trusted.")
                    .arg(member),
                QStringLiteral("RFC 8725 §3.10")));
    }

    // "crit" (RFC 7515 §4.1.11): a non-empty list of extension names, each present in the
    // header and understood by the caller.
    const QJsonObject protectedHeader = token.protectedHeader();
    if (header.contains(QStringLiteral("crit"))) {
        const QJsonValue crit = header.value(QStringLiteral("crit"));
        if (!crit.isArray() || crit.toArray().isEmpty())
            return fail(JoseError::Kind::InvalidCrit,
                        tr("\"crit\" must be a non-empty list of header parameter names."));
        const QJsonArray names = crit.toArray();
        for (const QJsonValue &value : names) {
            const QString name = value.toString();
            if (!value.isString() || name.isEmpty())
                return fail(JoseError::Kind::InvalidCrit,
                            tr("\"crit\" must list header parameter names."));
            if (registeredHeaderParameters().contains(name))
                return fail(
                    JoseError::Kind::InvalidCrit,
                    tr("\"crit\" lists \"%1\", a parameter the specification defines.").arg(name));
            if (!protectedHeader.contains(name))
                return fail(
                    JoseError::Kind::InvalidCrit,
                    tr("\"crit\" lists \"%1\", which the protected header lacks.").arg(name));
            if (!options.understoodCritical.contains(name))
                return fail(JoseError::Kind::UnsupportedCrit,
                            tr("\"crit\" requires the extension \"%1\", which is not understood.")
                                .arg(name));
        }
    }

    const Id id = JwsAlgorithm::fromName(alg);
    if (id == Id::None)
        return fail(JoseError::Kind::AlgNone,
                    tr("The token is unsigned (\"alg\": \"none\"); a signature is required."));
    if (id == Id::Unknown)
        return fail(JoseError::Kind::UnsupportedAlg,
                    tr("The algorithm \"%1\" is not supported.").arg(alg));
    if (!options.allowedAlgorithms.isEmpty()) {
        const QString allowed = options.allowedAlgorithms.join(QStringLiteral(", "));
        if (!options.allowedAlgorithms.contains(alg)) {
            const QString message =
                tr("The algorithm %1 is not among the allowed ones (%2).").arg(alg, allowed);
            if (options.disallowedAlgorithm == JwsVerifyOptions::AlgorithmPolicy::Fail)
                return fail(JoseError::Kind::AlgNotAllowed, message);
            Finding finding = makeFinding(QStringLiteral("jws_alg_allowed"), Finding::Status::Warn,
                                          message, QStringLiteral("RFC 8725 §3.1"));
            finding.expected = allowed;
            finding.actual = alg;
            result.findings.append(finding);
        }
    }

    const Family family = JwsAlgorithm::family(id);
    if (family == Family::Ecdsa &&
        token.signature().size() != 2 * JwsAlgorithm::ecCoordinateBytes(id))
        return fail(JoseError::Kind::SignatureLength,
                    tr("An %1 signature is R || S, %2 bytes long; this one has %3.")
                        .arg(alg)
                        .arg(2 * JwsAlgorithm::ecCoordinateBytes(id))
                        .arg(token.signature().size()));

    if (keys.isEmpty())
        return fail(JoseError::Kind::NoSuitableKey, tr("The key set is empty."));
    QList<Jwk> pool = keys.keys;
    if (token.hasKid()) {
        pool = keys.keysWithKid(token.kid());
        if (pool.isEmpty())
            return fail(JoseError::Kind::UnknownKid,
                        tr("No key in the set has the kid \"%1\".").arg(token.kid()));
    }

    if (family == Family::Hmac) {
        const bool anySymmetric = std::any_of(pool.cbegin(), pool.cend(),
                                              [](const Jwk &key) { return key.isSymmetric(); });
        if (!anySymmetric)
            return fail(JoseError::Kind::KeyConfusion,
                        tr("%1 is an HMAC algorithm but the only keys that apply are public "
                           "keys: using one as an HMAC secret is the key confusion attack.")
                            .arg(alg));
    }

    QList<Jwk> candidates;
    QStringList reasons;
    for (qsizetype index = 0; index < pool.size(); ++index) {
        const QString why = unsuitability(pool.at(index), id, alg);
        if (why.isEmpty())
            candidates.append(pool.at(index));
        else
            reasons.append(describe(pool.at(index), int(index)) + QStringLiteral(": ") + why);
    }
    if (candidates.isEmpty())
        return fail(JoseError::Kind::NoSuitableKey,
                    tr("No key may verify this %1 token (%2).")
                        .arg(alg, reasons.join(QStringLiteral("; "))));

    bool onlyLengthProblems = true;
    for (qsizetype index = 0; index < candidates.size(); ++index) {
        const Jwk &key = candidates.at(index);
        JoseError problem;
        ++result.keysTried;
        const Outcome outcome = verifyWith(key, id, token, &problem);
        if (outcome == Outcome::Verified) {
            result.status = JwsVerifyResult::Status::Verified;
            result.key = key;
            result.findings.append(key.warnings());
            if (family == Family::Hmac && key.secret().size() * 8 < JwsAlgorithm::hashBits(id))
                result.findings.append(
                    makeFinding(QStringLiteral("jwk_hmac_key_size"), Finding::Status::Warn,
                                tr("The %1 key has %2 bits; at least %3 are required.")
                                    .arg(alg)
                                    .arg(key.secret().size() * 8)
                                    .arg(JwsAlgorithm::hashBits(id)),
                                QStringLiteral("RFC 7518 §3.2")));
            Finding passed =
                makeFinding(QStringLiteral("jws_signature"), Finding::Status::Pass,
                            tr("The %1 signature verifies with %2 (%3, thumbprint %4).")
                                .arg(alg, describe(key, int(index)), key.kty(), key.thumbprint()),
                            QStringLiteral("RFC 7515 §5.2"));
            passed.actual = key.thumbprint();
            result.findings.append(passed);
            return result;
        }
        if (outcome == Outcome::KeyUnusable) {
            reasons.append(describe(key, int(index)) + QStringLiteral(": ") + problem.message);
            onlyLengthProblems =
                onlyLengthProblems && problem.kind == JoseError::Kind::SignatureLength;
        } else {
            onlyLengthProblems = false;
        }
    }
    if (onlyLengthProblems)
        return fail(JoseError::Kind::SignatureLength, reasons.join(QStringLiteral("; ")));
    QString message = tr("The %1 signature does not verify with any of the %n candidate key(s).",
                         nullptr, int(candidates.size()))
                          .arg(alg);
    if (!reasons.isEmpty())
        message += QStringLiteral(" ") + reasons.join(QStringLiteral("; "));
    return fail(JoseError::Kind::SignatureInvalid, message);
}

} // namespace Tokenscope::Jose
