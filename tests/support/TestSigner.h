#pragma once

#include <QByteArray>
#include <QJsonObject>
#include <QString>

#include <memory>

namespace Tokenscope::Testing {

// Signs test tokens as a provider would: a fresh P-256 key per instance, published as a
// JWKS, compact JWS with ES256. For tests that need ID tokens that really verify.
class TestSigner final
{
public:
    explicit TestSigner(const QString &kid = QStringLiteral("test-es256"));
    ~TestSigner();
    TestSigner(const TestSigner &) = delete;
    TestSigner &operator=(const TestSigner &) = delete;

    QString kid() const { return m_kid; }
    QByteArray jwks() const; // {"keys":[{"kty":"EC","crv":"P-256",…}]}
    // header {"alg":"ES256","kid":…} plus extraHeader; payload the claims.
    QByteArray sign(const QJsonObject &claims, const QJsonObject &extraHeader = {}) const;

private:
    struct Key;
    std::unique_ptr<Key> m_key;
    QString m_kid;
};

} // namespace Tokenscope::Testing
