#include "JwsAlgorithm.h"

#include <array>
#include <utility>

namespace Tokenscope::Jose {

namespace {

using Id = JwsAlgorithm::Id;

const std::array<std::pair<Id, const char *>, 16> &names()
{
    static const std::array<std::pair<Id, const char *>, 16> table{{
        {Id::None, "none"},
        {Id::HS256, "HS256"},
        {Id::HS384, "HS384"},
        {Id::HS512, "HS512"},
        {Id::RS256, "RS256"},
        {Id::RS384, "RS384"},
        {Id::RS512, "RS512"},
        {Id::PS256, "PS256"},
        {Id::PS384, "PS384"},
        {Id::PS512, "PS512"},
        {Id::ES256, "ES256"},
        {Id::ES384, "ES384"},
        {Id::ES512, "ES512"},
        {Id::EdDSA, "EdDSA"},
        {Id::Ed25519, "Ed25519"},
        {Id::Ed448, "Ed448"},
    }};
    return table;
}

} // namespace

JwsAlgorithm::Id JwsAlgorithm::fromName(const QString &name)
{
    for (const auto &[id, text] : names()) {
        if (name == QLatin1String(text))
            return id;
    }
    return Id::Unknown;
}

QString JwsAlgorithm::name(Id id)
{
    for (const auto &[candidate, text] : names()) {
        if (candidate == id)
            return QLatin1String(text);
    }
    return QString();
}

JwsAlgorithm::Family JwsAlgorithm::family(Id id)
{
    switch (id) {
    case Id::Unknown:
        return Family::Unknown;
    case Id::None:
        return Family::None;
    case Id::HS256:
    case Id::HS384:
    case Id::HS512:
        return Family::Hmac;
    case Id::RS256:
    case Id::RS384:
    case Id::RS512:
        return Family::RsaPkcs1;
    case Id::PS256:
    case Id::PS384:
    case Id::PS512:
        return Family::RsaPss;
    case Id::ES256:
    case Id::ES384:
    case Id::ES512:
        return Family::Ecdsa;
    case Id::EdDSA:
    case Id::Ed25519:
    case Id::Ed448:
        return Family::EdDsa;
    }
    return Family::Unknown;
}

int JwsAlgorithm::hashBits(Id id)
{
    switch (id) {
    case Id::HS256:
    case Id::RS256:
    case Id::PS256:
    case Id::ES256:
        return 256;
    case Id::HS384:
    case Id::RS384:
    case Id::PS384:
    case Id::ES384:
        return 384;
    case Id::HS512:
    case Id::RS512:
    case Id::PS512:
    case Id::ES512:
        return 512;
    default:
        return 0;
    }
}

QString JwsAlgorithm::keyType(Id id)
{
    switch (family(id)) {
    case Family::Hmac:
        return QStringLiteral("oct");
    case Family::RsaPkcs1:
    case Family::RsaPss:
        return QStringLiteral("RSA");
    case Family::Ecdsa:
        return QStringLiteral("EC");
    case Family::EdDsa:
        return QStringLiteral("OKP");
    default:
        return QString();
    }
}

QString JwsAlgorithm::ecCurve(Id id)
{
    switch (id) {
    case Id::ES256:
        return QStringLiteral("P-256");
    case Id::ES384:
        return QStringLiteral("P-384");
    case Id::ES512:
        return QStringLiteral("P-521");
    default:
        return QString();
    }
}

int JwsAlgorithm::ecCoordinateBytes(Id id)
{
    switch (id) {
    case Id::ES256:
        return 32;
    case Id::ES384:
        return 48;
    case Id::ES512:
        return 66;
    default:
        return 0;
    }
}

QStringList JwsAlgorithm::okpCurves(Id id)
{
    switch (id) {
    case Id::EdDSA:
        return {QStringLiteral("Ed25519"), QStringLiteral("Ed448")};
    case Id::Ed25519:
        return {QStringLiteral("Ed25519")};
    case Id::Ed448:
        return {QStringLiteral("Ed448")};
    default:
        return {};
    }
}

const QStringList &JwsAlgorithm::supported()
{
    static const QStringList list = [] {
        QStringList result;
        for (const auto &[id, text] : names()) {
            if (id != Id::None)
                result.append(QLatin1String(text));
        }
        return result;
    }();
    return list;
}

} // namespace Tokenscope::Jose
