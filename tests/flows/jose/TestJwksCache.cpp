// JwksCache against a loopback server that counts the requests: a key set is fetched once and
// served from the cache, a rotated key (a kid the cache lacks) costs exactly one re-fetch, and
// re-fetches are rate limited per URI by a fixed clock, whatever the tokens say. Failures are
// named, and a failed re-fetch keeps the cached set.
#include "TestKeys.h"
#include "common/Clock.h"
#include "http/HttpClient.h"
#include "http/Transcript.h"
#include "jose/JwksCache.h"
#include "jose/JwsToken.h"
#include "support/LoopbackServer.h"

#include <QNetworkAccessManager>
#include <QTcpServer>
#include <QTest>

#include <memory>
#include <optional>

using namespace Tokenscope;
using namespace Tokenscope::Jose;
using Tokenscope::Testing::LoopbackServer;
using Tokenscope::Testing::ReceivedRequest;

namespace {

const QDateTime Start = QDateTime::fromSecsSinceEpoch(1'700'000'000, Qt::UTC);

bool hasRule(const Findings &findings, const QString &rule)
{
    return std::any_of(findings.cbegin(), findings.cend(),
                       [&](const Finding &f) { return f.rule == rule; });
}

struct Outcome
{
    JwsVerifyResult verified;
    JwksResult keys;
};

} // namespace

class TestJwksCache final : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void init();
    void cleanup();

    void keySetIsFetchedOnceThenCached();
    void rotatedKeyIsFoundWithOneRefetch();
    void unknownKidRefetchIsRateLimited_data();
    void unknownKidRefetchIsRateLimited();
    void madeUpKidsCostOneRequestPerInterval();
    void lookupsDuringAFetchShareIt();
    void failuresAreNamed_data();
    void failuresAreNamed();
    void unreachableServerIsATransportProblem();
    void failedRefetchKeepsTheCachedSet();
    void expiredSetIsFetchedAgain();
    void destroyedContextIsNotCalled();

private:
    QByteArray token(const char *keyName, const QByteArray &kid) const;
    Outcome verify(const QByteArray &compact);

    EvpPkey m_keyA;
    EvpPkey m_keyB;
    QByteArray m_jwksA;
    QByteArray m_jwksB;
    QByteArray m_served;
    int m_status = 200;
    std::unique_ptr<LoopbackServer> m_server;
    std::unique_ptr<FixedClock> m_clock;
    std::unique_ptr<QNetworkAccessManager> m_network;
    std::unique_ptr<Http::Transcript> m_transcript;
    std::unique_ptr<Http::HttpClient> m_http;
    std::unique_ptr<JwksCache> m_cache;
};

void TestJwksCache::initTestCase()
{
    m_keyA = TestKeys::generate(QStringLiteral("p256"));
    m_keyB = TestKeys::generate(QStringLiteral("p256"));
    m_jwksA = TestKeys::jwks({TestKeys::publicJwk(m_keyA.get(), "\"kid\":\"key-a\",")});
    m_jwksB = TestKeys::jwks({TestKeys::publicJwk(m_keyB.get(), "\"kid\":\"key-b\",")});
}

void TestJwksCache::init()
{
    m_served = m_jwksA;
    m_status = 200;
    m_server = std::make_unique<LoopbackServer>([this](const ReceivedRequest &, QTcpSocket *s) {
        LoopbackServer::respond(s, m_status, m_status == 200 ? "OK" : "Error",
                                {{"Content-Type", "application/json"}}, m_served);
    });
    m_clock = std::make_unique<FixedClock>(Start);
    m_network = std::make_unique<QNetworkAccessManager>();
    m_transcript = std::make_unique<Http::Transcript>();
    m_http = std::make_unique<Http::HttpClient>(m_network.get(), m_transcript.get(), *m_clock);
    m_cache = std::make_unique<JwksCache>(m_http.get(), *m_clock);
}

void TestJwksCache::cleanup()
{
    m_cache.reset();
    m_http.reset();
    m_transcript.reset();
    m_network.reset();
    m_server.reset();
}

QByteArray TestJwksCache::token(const char *keyName, const QByteArray &kid) const
{
    EVP_PKEY *key = qstrcmp(keyName, "a") == 0 ? m_keyA.get() : m_keyB.get();
    return TestKeys::sign("ES256", key, "{\"alg\":\"ES256\",\"kid\":\"" + kid + "\"}",
                          "{\"sub\":\"alice\"}");
}

Outcome TestJwksCache::verify(const QByteArray &compact)
{
    const auto parsed = JwsToken::parseCompact(compact);
    Q_ASSERT(!parsed.isError());
    std::optional<Outcome> outcome;
    m_cache->verify(parsed.token(), m_server->url("/jwks"), {}, this,
                    [&outcome](const JwsVerifyResult &verified, const JwksResult &keys) {
                        outcome = Outcome{verified, keys};
                    });
    if (!QTest::qWaitFor([&] { return outcome.has_value(); }, 10'000))
        qFatal("the cache never answered");
    return *outcome;
}

void TestJwksCache::keySetIsFetchedOnceThenCached()
{
    const Outcome first = verify(token("a", "key-a"));
    QVERIFY2(first.verified.isVerified(), qPrintable(first.verified.error.message));
    QCOMPARE(first.keys.source, JwksResult::Source::Fetched);
    QCOMPARE(first.keys.exchanges.size(), 1);
    QCOMPARE(m_server->requests().size(), 1);
    QCOMPARE(m_transcript->size(), 1); // the fetch is an exchange in the transcript
    QVERIFY(m_cache->contains(m_server->url("/jwks")));

    const Outcome second = verify(token("a", "key-a"));
    QVERIFY(second.verified.isVerified());
    QCOMPARE(second.keys.source, JwksResult::Source::Cache);
    QVERIFY(second.keys.exchanges.isEmpty());
    QCOMPARE(m_server->requests().size(), 1);
}

void TestJwksCache::rotatedKeyIsFoundWithOneRefetch()
{
    QVERIFY(verify(token("a", "key-a")).verified.isVerified());
    m_served = m_jwksB; // the provider rotates its key
    m_clock->advance(JwksCache::DefaultRefetchIntervalSeconds);

    const Outcome rotated = verify(token("b", "key-b"));
    QVERIFY2(rotated.verified.isVerified(), qPrintable(rotated.verified.error.message));
    QCOMPARE(rotated.verified.key.kid(), QStringLiteral("key-b"));
    QCOMPARE(rotated.keys.source, JwksResult::Source::Refetched);
    QVERIFY(hasRule(rotated.keys.findings, QStringLiteral("jwks_refetched")));
    QCOMPARE(m_server->requests().size(), 2);
    QCOMPARE(m_transcript->size(), 2);

    // The retired key is gone from the new set, and asking for it again right away fetches
    // nothing: the re-fetch was just spent.
    const Outcome retired = verify(token("a", "key-a"));
    QCOMPARE(retired.verified.error.kind, JoseError::Kind::UnknownKid);
    QVERIFY(hasRule(retired.keys.findings, QStringLiteral("jwks_refetch_rate_limited")));
    QCOMPARE(m_server->requests().size(), 2);
}

void TestJwksCache::unknownKidRefetchIsRateLimited_data()
{
    QTest::addColumn<qint64>("interval");
    QTest::addColumn<qint64>("after"); // seconds after the first fetch
    QTest::addColumn<bool>("refetched");

    QTest::newRow("at_once_is_refused") << qint64(60) << qint64(0) << false;
    QTest::newRow("after_59_s_is_refused") << qint64(60) << qint64(59) << false;
    QTest::newRow("after_60_s_is_allowed") << qint64(60) << qint64(60) << true;
    QTest::newRow("after_an_hour_is_allowed") << qint64(60) << qint64(3600) << true;
    QTest::newRow("configured_300_s_refuses_after_120_s") << qint64(300) << qint64(120) << false;
    QTest::newRow("configured_300_s_allows_after_300_s") << qint64(300) << qint64(300) << true;
}

void TestJwksCache::unknownKidRefetchIsRateLimited()
{
    QFETCH(qint64, interval);
    QFETCH(qint64, after);
    QFETCH(bool, refetched);
    m_cache->setRefetchInterval(interval);
    QVERIFY(verify(token("a", "key-a")).verified.isVerified());
    m_served = m_jwksB;
    m_clock->advance(after);

    const Outcome outcome = verify(token("b", "key-b"));
    QCOMPARE(m_server->requests().size(), refetched ? 2 : 1);
    QCOMPARE(outcome.verified.isVerified(), refetched);
    if (!refetched) {
        QCOMPARE(outcome.verified.error.kind, JoseError::Kind::UnknownKid);
        QCOMPARE(outcome.keys.source, JwksResult::Source::Cache);
        QVERIFY(hasRule(outcome.keys.findings, QStringLiteral("jwks_refetch_rate_limited")));
    }
}

void TestJwksCache::madeUpKidsCostOneRequestPerInterval()
{
    QVERIFY(verify(token("a", "key-a")).verified.isVerified());
    for (int i = 0; i < 50; ++i) {
        const Outcome outcome = verify(token("b", "made-up-" + QByteArray::number(i)));
        QCOMPARE(outcome.verified.error.kind, JoseError::Kind::UnknownKid);
    }
    QCOMPARE(m_server->requests().size(), 1);
    m_clock->advance(60);
    for (int i = 0; i < 50; ++i)
        verify(token("b", "made-up-again-" + QByteArray::number(i)));
    QCOMPARE(m_server->requests().size(), 2);
}

void TestJwksCache::lookupsDuringAFetchShareIt()
{
    int answers = 0;
    int verified = 0;
    const auto parsed = JwsToken::parseCompact(token("a", "key-a"));
    for (int i = 0; i < 10; ++i) {
        m_cache->verify(parsed.token(), m_server->url("/jwks"), {}, this,
                        [&](const JwsVerifyResult &result, const JwksResult &) {
                            ++answers;
                            verified += result.isVerified() ? 1 : 0;
                        });
    }
    QCOMPARE(answers, 0); // never answered from inside the call
    QTRY_COMPARE(answers, 10);
    QCOMPARE(verified, 10);
    QCOMPARE(m_server->requests().size(), 1);
}

void TestJwksCache::failuresAreNamed_data()
{
    QTest::addColumn<int>("status");
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<JwksResult::Problem>("problem");

    QTest::newRow("http_500_is_http_status")
        << 500 << QByteArray("{\"error\":\"server_error\"}") << JwksResult::Problem::HttpStatus;
    QTest::newRow("html_is_not_a_set")
        << 200 << QByteArray("<html>maintenance</html>") << JwksResult::Problem::InvalidSet;
    QTest::newRow("object_without_keys_is_not_a_set")
        << 200 << QByteArray("{\"issuer\":\"x\"}") << JwksResult::Problem::InvalidSet;
    QTest::newRow("control_a_set_is_fine") << 200 << QByteArray() << JwksResult::Problem::None;
}

void TestJwksCache::failuresAreNamed()
{
    QFETCH(int, status);
    QFETCH(QByteArray, body);
    QFETCH(JwksResult::Problem, problem);
    m_status = status;
    if (!body.isEmpty())
        m_served = body;

    const Outcome outcome = verify(token("a", "key-a"));
    QCOMPARE(outcome.keys.problem, problem);
    QCOMPARE(outcome.verified.isVerified(), problem == JwksResult::Problem::None);
    if (problem != JwksResult::Problem::None) {
        QCOMPARE(outcome.verified.error.kind, JoseError::Kind::KeysUnavailable);
        QVERIFY(!outcome.keys.message.isEmpty());
        // A failed fetch is rate limited too: asking again at once sends nothing.
        const Outcome again = verify(token("a", "key-a"));
        QCOMPARE(again.keys.problem, JwksResult::Problem::RateLimited);
        QCOMPARE(m_server->requests().size(), 1);
        m_clock->advance(60);
        verify(token("a", "key-a"));
        QCOMPARE(m_server->requests().size(), 2);
    }
}

void TestJwksCache::unreachableServerIsATransportProblem()
{
    QTcpServer closed; // a port that was free a moment ago, and is closed again
    QVERIFY(closed.listen(QHostAddress::LocalHost));
    const QUrl url(QStringLiteral("http://127.0.0.1:%1/jwks").arg(closed.serverPort()));
    closed.close();
    const auto parsed = JwsToken::parseCompact(token("a", "key-a"));
    std::optional<Outcome> outcome;
    m_cache->verify(parsed.token(), url, {}, this,
                    [&outcome](const JwsVerifyResult &verified, const JwksResult &keys) {
                        outcome = Outcome{verified, keys};
                    });
    QTRY_VERIFY(outcome.has_value());
    QCOMPARE(outcome->keys.problem, JwksResult::Problem::Transport);
    QCOMPARE(outcome->keys.transportKind, Http::TransportErrorKind::ConnectionRefused);
    QCOMPARE(outcome->verified.error.kind, JoseError::Kind::KeysUnavailable);
    QCOMPARE(outcome->keys.exchanges.size(), 1); // the failed attempt is recorded too
    QCOMPARE(m_transcript->size(), 1);
}

void TestJwksCache::failedRefetchKeepsTheCachedSet()
{
    QVERIFY(verify(token("a", "key-a")).verified.isVerified());
    m_status = 503;
    m_clock->advance(60);
    const Outcome outcome = verify(token("b", "key-b"));
    QCOMPARE(m_server->requests().size(), 2);
    QCOMPARE(outcome.keys.problem, JwksResult::Problem::HttpStatus);
    QCOMPARE(outcome.keys.keys.keys.size(), 1); // key-a, still cached
    QCOMPARE(outcome.verified.error.kind, JoseError::Kind::UnknownKid);
    QVERIFY(verify(token("a", "key-a")).verified.isVerified());
    QCOMPARE(m_server->requests().size(), 2);
}

void TestJwksCache::expiredSetIsFetchedAgain()
{
    m_cache->setMaximumAge(3600);
    QVERIFY(verify(token("a", "key-a")).verified.isVerified());
    m_clock->advance(3599);
    QVERIFY(verify(token("a", "key-a")).verified.isVerified());
    QCOMPARE(m_server->requests().size(), 1);
    m_clock->advance(1);
    const Outcome outcome = verify(token("a", "key-a"));
    QVERIFY(outcome.verified.isVerified());
    QCOMPARE(outcome.keys.source, JwksResult::Source::Refetched);
    QCOMPARE(m_server->requests().size(), 2);
}

void TestJwksCache::destroyedContextIsNotCalled()
{
    auto context = std::make_unique<QObject>();
    bool called = false;
    bool controlCalled = false;
    const auto parsed = JwsToken::parseCompact(token("a", "key-a"));
    m_cache->verify(parsed.token(), m_server->url("/jwks"), {}, context.get(),
                    [&called](const JwsVerifyResult &, const JwksResult &) { called = true; });
    m_cache->verify(
        parsed.token(), m_server->url("/jwks"), {}, this,
        [&controlCalled](const JwsVerifyResult &, const JwksResult &) { controlCalled = true; });
    context.reset();
    QTRY_VERIFY(controlCalled);
    QVERIFY(!called);
}

QTEST_GUILESS_MAIN(TestJwksCache)
#include "TestJwksCache.moc"
