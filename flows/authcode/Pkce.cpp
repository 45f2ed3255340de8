#include "Pkce.h"

#include "common/RandomSource.h"

#include <QCryptographicHash>

namespace Tokenscope::AuthCode {

static QByteArray base64Url(const QByteArray &bytes)
{
    return bytes.toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals);
}

QByteArray Pkce::generateVerifier(RandomSource &random, int randomBytes)
{
    const QByteArray entropy = random.bytes(std::clamp(randomBytes, 32, 96));
    if (entropy.isEmpty())
        return {};
    return base64Url(entropy);
}

QByteArray Pkce::challenge(const QByteArray &verifier, Method method)
{
    switch (method) {
    case Method::S256:
        return base64Url(QCryptographicHash::hash(verifier, QCryptographicHash::Sha256));
    case Method::Plain:
        return verifier;
    case Method::None:
        return {};
    }
    return {};
}

QString Pkce::verifierProblem(const QByteArray &verifier)
{
    if (verifier.size() < 43 || verifier.size() > 128)
        return tr("a code_verifier has 43 to 128 characters, this one has %1 (RFC 7636 §4.1)")
            .arg(verifier.size());
    for (const char c : verifier) {
        const bool unreserved = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') ||
                                (c >= '0' && c <= '9') || c == '-' || c == '.' || c == '_' ||
                                c == '~';
        if (!unreserved)
            return tr("“%1” is not allowed in a code_verifier (RFC 7636 §4.1)")
                .arg(QString::fromLatin1(QByteArray(1, c)));
    }
    return {};
}

QString Pkce::methodName(Method method)
{
    switch (method) {
    case Method::S256:
        return QStringLiteral("S256");
    case Method::Plain:
        return QStringLiteral("plain");
    case Method::None:
        return QStringLiteral("none");
    }
    return QStringLiteral("none");
}

bool Pkce::parseMethod(const QString &name, Method *method)
{
    for (const Method m : {Method::S256, Method::Plain, Method::None}) {
        if (name == methodName(m)) {
            *method = m;
            return true;
        }
    }
    return false;
}

} // namespace Tokenscope::AuthCode
