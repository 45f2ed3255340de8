// JWT access tokens (RFC 9068) from a real provider (oidc-provider on 127.0.0.1): the
// client_credentials grant with a resource indicator (RFC 8707) returns a JWT signed with
// ES256 or RS256, depending on the resource; JwksCache fetches the provider's keys once and
// verifies both; AccessTokenValidator passes every rule with the right expectations and
// names the one that fails with a wrong one. Without a resource the token stays opaque.
#include "common/Clock.h"
#include "http/HttpClient.h"
#include "http/PendingExchange.h"
#include "http/Transcript.h"
#include "jose/AccessTokenValidator.h"
#include "jose/JwksCache.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QTest>
#include <QUrlQuery>

#include <optional>

using namespace Tokenscope;
using namespace Tokenscope::Jose;

namespace {

const QString ClientId = QStringLiteral("tokenscope-confidential");
const QByteArray ClientSecret = "tokenscope-secret";

struct Verified
{
    JwsVerifyResult signature;
    JwksResult keys;
};

} // namespace

class TestAccessTokenInterop final : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void jwtAccessTokenVerifiesAndPassesRfc9068_data();
    void jwtAccessTokenVerifiesAndPassesRfc9068();
    void keysAreFetchedOnceForBothTokens();
    void wrongExpectationsAreNamed();
    void withoutAResourceTheTokenIsOpaque();

private:
    Http::Exchange send(const Http::HttpRequest &request);
    QByteArray clientCredentials(const QString &resource);
    Verified verify(const QByteArray &token);
    AccessTokenExpectations expectations(const QString &resource) const;
    int jwksRequests() const;

    SystemClock m_clock;
    QString m_issuer;
    QUrl m_jwksUri;
    QUrl m_tokenEndpoint;
    std::unique_ptr<QNetworkAccessManager> m_network;
    std::unique_ptr<Http::Transcript> m_transcript;
    std::unique_ptr<Http::HttpClient> m_http;
    std::unique_ptr<JwksCache> m_cache;
};

void TestAccessTokenInterop::initTestCase()
{
    m_issuer = qEnvironmentVariable("TOKENSCOPE_INTEROP_ISSUER");
    QVERIFY2(!m_issuer.isEmpty(), "TOKENSCOPE_INTEROP_ISSUER is set by the CTest fixture");
    m_network = std::make_unique<QNetworkAccessManager>();
    m_transcript = std::make_unique<Http::Transcript>();
    m_http = std::make_unique<Http::HttpClient>(m_network.get(), m_transcript.get(), m_clock);
    m_cache = std::make_unique<JwksCache>(m_http.get(), m_clock);

    const Http::Exchange metadata = send(
        Http::HttpRequest::get(QUrl(m_issuer + QStringLiteral("/.well-known/openid-configuration")),
                               QStringLiteral("discovery")));
    QCOMPARE(metadata.statusCode, 200);
    const QJsonObject document = QJsonDocument::fromJson(metadata.responseBody).object();
    m_jwksUri = QUrl(document.value(QLatin1String("jwks_uri")).toString());
    m_tokenEndpoint = QUrl(document.value(QLatin1String("token_endpoint")).toString());
    QVERIFY(m_jwksUri.isValid() && !m_jwksUri.isEmpty());
    QVERIFY(m_tokenEndpoint.isValid() && !m_tokenEndpoint.isEmpty());
}

Http::Exchange TestAccessTokenInterop::send(const Http::HttpRequest &request)
{
    Http::PendingExchange *pending = m_http->send(request);
    if (!QTest::qWaitFor([pending] { return pending->isFinished(); }, 20'000))
        qWarning("the request did not finish");
    pending->deleteLater();
    return pending->result();
}

QByteArray TestAccessTokenInterop::clientCredentials(const QString &resource)
{
    QUrlQuery form;
    form.addQueryItem(QStringLiteral("grant_type"), QStringLiteral("client_credentials"));
    if (!resource.isEmpty()) {
        form.addQueryItem(QStringLiteral("resource"), resource);
        form.addQueryItem(QStringLiteral("scope"), QStringLiteral("api:read"));
    }
    Http::HttpRequest request = Http::HttpRequest::postForm(
        m_tokenEndpoint, form.toString(QUrl::FullyEncoded).toUtf8(), QStringLiteral("token"));
    const QByteArray credentials = ClientId.toUtf8() + ':' + ClientSecret;
    request.headers.append(
        {QByteArrayLiteral("Authorization"), QByteArray("Basic " + credentials.toBase64())});
    const Http::Exchange exchange = send(request);
    if (exchange.statusCode != 200)
        qWarning("token endpoint: %d %s", exchange.statusCode, exchange.responseBody.constData());
    return QJsonDocument::fromJson(exchange.responseBody)
        .object()
        .value(QLatin1String("access_token"))
        .toString()
        .toUtf8();
}

Verified TestAccessTokenInterop::verify(const QByteArray &token)
{
    const auto parsed = JwsToken::parseCompact(token);
    Q_ASSERT(!parsed.isError());
    std::optional<Verified> outcome;
    m_cache->verify(parsed.token(), m_jwksUri, {}, this,
                    [&outcome](const JwsVerifyResult &signature, const JwksResult &keys) {
                        outcome = Verified{signature, keys};
                    });
    if (!QTest::qWaitFor([&] { return outcome.has_value(); }, 20'000))
        qFatal("the key cache never answered");
    return *outcome;
}

AccessTokenExpectations TestAccessTokenInterop::expectations(const QString &resource) const
{
    AccessTokenExpectations e;
    e.issuer = m_issuer;
    e.resource = resource;
    e.clientId = ClientId;
    e.now = m_clock.now();
    return e;
}

int TestAccessTokenInterop::jwksRequests() const
{
    int count = 0;
    for (const Http::Exchange &exchange : m_transcript->exchanges())
        count += exchange.url == m_jwksUri ? 1 : 0;
    return count;
}

void TestAccessTokenInterop::jwtAccessTokenVerifiesAndPassesRfc9068_data()
{
    QTest::addColumn<QString>("resource");
    QTest::addColumn<QString>("alg");
    QTest::addColumn<QString>("kty");
    QTest::newRow("es256_for_api") << QStringLiteral("https://api.tokenscope.test")
                                   << QStringLiteral("ES256") << QStringLiteral("EC");
    QTest::newRow("rs256_for_api_rs256") << QStringLiteral("https://api-rs256.tokenscope.test")
                                         << QStringLiteral("RS256") << QStringLiteral("RSA");
}

void TestAccessTokenInterop::jwtAccessTokenVerifiesAndPassesRfc9068()
{
    QFETCH(QString, resource);
    QFETCH(QString, alg);
    QFETCH(QString, kty);
    const QByteArray token = clientCredentials(resource);
    const AccessTokenReport report = AccessTokenValidator::inspect(token, expectations(resource));
    QCOMPARE(report.format, AccessTokenReport::Format::Jwt);
    QCOMPARE(report.header.value(QLatin1String("alg")).toString(), alg);
    for (const Finding &f : report.findings)
        QVERIFY2(f.status == Finding::Status::Pass,
                 qPrintable(f.rule + QStringLiteral(": ") + f.message + QStringLiteral(" / ") +
                            f.actual));
    QCOMPARE(report.findings.size(), 11); // at_format + the ten rules of RFC 9068

    const Verified verified = verify(token);
    QVERIFY2(verified.signature.isVerified(), qPrintable(verified.signature.error.message));
    QCOMPARE(verified.signature.key.kty(), kty);
    QCOMPARE(verified.signature.alg, alg);
}

void TestAccessTokenInterop::keysAreFetchedOnceForBothTokens()
{
    // The data-driven test above verified two tokens already; two more cost nothing.
    QVERIFY(verify(clientCredentials(QStringLiteral("https://api.tokenscope.test")))
                .signature.isVerified());
    QVERIFY(verify(clientCredentials(QStringLiteral("https://api-rs256.tokenscope.test")))
                .signature.isVerified());
    QVERIFY(m_cache->contains(m_jwksUri));
    QCOMPARE(jwksRequests(), 1); // over the whole test run, for four tokens
}

void TestAccessTokenInterop::wrongExpectationsAreNamed()
{
    const QByteArray token = clientCredentials(QStringLiteral("https://api.tokenscope.test"));
    AccessTokenExpectations e = expectations(QStringLiteral("https://api-rs256.tokenscope.test"));
    e.clientId = QStringLiteral("tokenscope-public");
    QStringList failed;
    for (const Finding &f : AccessTokenValidator::inspect(token, e).findings) {
        if (f.status == Finding::Status::Fail)
            failed << f.rule;
    }
    QCOMPARE(failed, (QStringList{QStringLiteral("at_aud"), QStringLiteral("at_client_id")}));
}

void TestAccessTokenInterop::withoutAResourceTheTokenIsOpaque()
{
    const QByteArray token = clientCredentials(QString());
    QVERIFY(!token.isEmpty());
    const AccessTokenReport report = AccessTokenValidator::inspect(token, expectations(QString()));
    QCOMPARE(report.format, AccessTokenReport::Format::Opaque);
    QCOMPARE(report.findings.size(), 1);
    QCOMPARE(report.findings.first().status, Finding::Status::Warn);
}

QTEST_GUILESS_MAIN(TestAccessTokenInterop)
#include "TestAccessTokenInterop.moc"
