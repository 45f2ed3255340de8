// flows/sandbox/SandboxDpop and the sandbox's DPoP endpoints (RFC 9449): each proof rule
// on its own, then the token endpoint's and UserInfo's nonce dance, DPoP-bound tokens in
// introspection, and a public client's refresh token bound to its key. Fixed clock.
#include "SandboxDpop.h"
#include "SandboxProofs.h"
#include "SandboxTestKit.h"
#include "jose/Jwk.h"

#include <QJsonArray>
#include <QTest>

using namespace Tokenscope;
using namespace Tokenscope::Testing;
using Sandbox::SandboxDpop;

namespace {

const QString tokenUrl = QStringLiteral("http://127.0.0.1:1234/token");
const QString userinfoUrl = QStringLiteral("http://127.0.0.1:1234/userinfo");
const QString redirect = QStringLiteral("http://127.0.0.1:50123/callback");
const QByteArray verifier = "dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk";
const QString challenge = QStringLiteral("E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM");

Sandbox::HttpRequest withDpop(Sandbox::HttpRequest request, const QByteArray &proof)
{
    request.headers.append({QByteArray("dpop"), proof});
    return request;
}

} // namespace

class TestSandboxDpop final : public QObject
{
    Q_OBJECT

private slots:
    void proofRules_data();
    void proofRules();
    void replayedJtiIsRejected();
    void nonceIsRequiredAndRotatesWithTheClock();
    void athBindsTheProofToTheAccessToken();
    void metadataAdvertisesDpopAlgorithms();
    void tokenEndpointNonceDanceIssuesDpopToken();
    void userinfoRequiresDpopSchemeProofAndNonce();
    void publicClientRefreshTokenIsBoundToTheKey();

private:
    // Code flow for the public client up to the code.
    static QString codeFor(SandboxKit &kit);
};

void TestSandboxDpop::proofRules_data()
{
    QTest::addColumn<QString>("typ");
    QTest::addColumn<QString>("alg");
    QTest::addColumn<QString>("jwkVariant"); // "", "private", "other", "oct"
    QTest::addColumn<QByteArray>("method");
    QTest::addColumn<QString>("htu");
    QTest::addColumn<qint64>("iatOffset");
    QTest::addColumn<bool>("ok");
    QTest::addColumn<QString>("why"); // a word of the description

    const QString d = QStringLiteral("dpop+jwt");
    const QString es = QStringLiteral("ES256");
    QTest::newRow("valid_proof_is_accepted")
        << d << es << QString() << QByteArray("POST") << tokenUrl << qint64(0) << true << QString();
    QTest::newRow("htu_query_and_fragment_are_ignored")
        << d << es << QString() << QByteArray("POST") << tokenUrl + QStringLiteral("?a=1#f")
        << qint64(0) << true << QString();
    QTest::newRow("typ_jwt_is_rejected")
        << QStringLiteral("JWT") << es << QString() << QByteArray("POST") << tokenUrl << qint64(0)
        << false << QStringLiteral("typ");
    QTest::newRow("alg_none_is_rejected")
        << d << QStringLiteral("none") << QString() << QByteArray("POST") << tokenUrl << qint64(0)
        << false << QStringLiteral("alg");
    QTest::newRow("alg_hs256_is_rejected")
        << d << QStringLiteral("HS256") << QString() << QByteArray("POST") << tokenUrl << qint64(0)
        << false << QStringLiteral("alg");
    QTest::newRow("private_key_in_jwk_is_rejected")
        << d << es << QStringLiteral("private") << QByteArray("POST") << tokenUrl << qint64(0)
        << false << QStringLiteral("public key");
    QTest::newRow("oct_jwk_is_rejected")
        << d << es << QStringLiteral("oct") << QByteArray("POST") << tokenUrl << qint64(0) << false
        << QStringLiteral("public key");
    QTest::newRow("signature_by_another_key_is_rejected")
        << d << es << QStringLiteral("other") << QByteArray("POST") << tokenUrl << qint64(0)
        << false << QStringLiteral("signature");
    QTest::newRow("htm_mismatch_is_rejected")
        << d << es << QString() << QByteArray("GET") << tokenUrl << qint64(0) << false
        << QStringLiteral("htm");
    QTest::newRow("htu_mismatch_is_rejected")
        << d << es << QString() << QByteArray("POST") << userinfoUrl << qint64(0) << false
        << QStringLiteral("htu");
    QTest::newRow("htu_other_port_is_rejected") << d << es << QString() << QByteArray("POST")
                                                << QStringLiteral("http://127.0.0.1:1235/token")
                                                << qint64(0) << false << QStringLiteral("htu");
    QTest::newRow("iat_at_the_window_edge_is_accepted")
        << d << es << QString() << QByteArray("POST") << tokenUrl << qint64(-SandboxDpop::iatWindow)
        << true << QString();
    QTest::newRow("stale_iat_is_rejected")
        << d << es << QString() << QByteArray("POST") << tokenUrl
        << qint64(-SandboxDpop::iatWindow - 1) << false << QStringLiteral("iat");
    QTest::newRow("future_iat_is_rejected")
        << d << es << QString() << QByteArray("POST") << tokenUrl
        << qint64(SandboxDpop::iatWindow + 1) << false << QStringLiteral("iat");
}

void TestSandboxDpop::proofRules()
{
    QFETCH(QString, typ);
    QFETCH(QString, alg);
    QFETCH(QString, jwkVariant);
    QFETCH(QByteArray, method);
    QFETCH(QString, htu);
    QFETCH(qint64, iatOffset);
    QFETCH(bool, ok);
    QFETCH(QString, why);
    FixedClock clock(QDateTime(QDate(2026, 1, 1), QTime(12, 0), Qt::UTC));
    SystemRandomSource random;
    SandboxDpop dpop(clock, random);
    dpop.setNonceRequired(false);
    DpopProver prover(rfc7515EcPrivateJwk());
    DpopProver::Options options;
    options.typ = typ;
    options.alg = alg;
    options.iatOffset = iatOffset;
    if (jwkVariant == QLatin1String("private"))
        options.jwk = QJsonDocument::fromJson(rfc7515EcPrivateJwk()).object();
    else if (jwkVariant == QLatin1String("other"))
        options.jwk = DpopProver().publicJwk;
    else if (jwkVariant == QLatin1String("oct"))
        options.jwk =
            QJsonObject{{QStringLiteral("kty"), QStringLiteral("oct")},
                        {QStringLiteral("k"), QStringLiteral("c2VjcmV0LXNlY3JldC1zZWNyZXQ")}};
    const QByteArray proof = prover.proof(method, htu, clock.now(), options);
    const SandboxDpop::Result result =
        dpop.verify(proof, "POST", QUrl(tokenUrl + QStringLiteral("?x=y")));
    QCOMPARE(result.ok, ok);
    if (ok) {
        QCOMPARE(result.jkt, Jose::Jwk::fromJson(prover.publicJwk).thumbprint());
    } else {
        QCOMPARE(result.error, QStringLiteral("invalid_dpop_proof"));
        QVERIFY2(result.description.contains(why), qPrintable(result.description));
    }
}

void TestSandboxDpop::replayedJtiIsRejected()
{
    FixedClock clock(QDateTime(QDate(2026, 1, 1), QTime(12, 0), Qt::UTC));
    SystemRandomSource random;
    SandboxDpop dpop(clock, random);
    dpop.setNonceRequired(false);
    DpopProver prover;
    const QByteArray proof = prover.proof("POST", tokenUrl, clock.now());
    QVERIFY(dpop.verify(proof, "POST", QUrl(tokenUrl)).ok);
    const SandboxDpop::Result again = dpop.verify(proof, "POST", QUrl(tokenUrl));
    QVERIFY(!again.ok);
    QVERIFY(again.description.contains(QLatin1String("jti")));
    // A fresh jti from the same key is fine.
    QVERIFY(dpop.verify(prover.proof("POST", tokenUrl, clock.now()), "POST", QUrl(tokenUrl)).ok);
}

void TestSandboxDpop::nonceIsRequiredAndRotatesWithTheClock()
{
    FixedClock clock(QDateTime(QDate(2026, 1, 1), QTime(12, 0), Qt::UTC));
    SystemRandomSource random;
    SandboxDpop dpop(clock, random);
    DpopProver prover;
    DpopProver::Options options;
    SandboxDpop::Result result =
        dpop.verify(prover.proof("POST", tokenUrl, clock.now(), options), "POST", QUrl(tokenUrl));
    QVERIFY(!result.ok);
    QVERIFY(result.isNonceError());

    const QByteArray first = dpop.nonce();
    QCOMPARE(dpop.nonce(), first); // stable within its lifetime
    options.nonce = QStringLiteral("made-up");
    QVERIFY(
        dpop.verify(prover.proof("POST", tokenUrl, clock.now(), options), "POST", QUrl(tokenUrl))
            .isNonceError());
    options.nonce = QString::fromLatin1(first);
    QVERIFY(
        dpop.verify(prover.proof("POST", tokenUrl, clock.now(), options), "POST", QUrl(tokenUrl))
            .ok);

    clock.advance(SandboxDpop::nonceLifetime);
    const QByteArray second = dpop.nonce();
    QVERIFY(second != first);
    // The previous nonce is still accepted; the one before it no longer.
    QVERIFY(
        dpop.verify(prover.proof("POST", tokenUrl, clock.now(), options), "POST", QUrl(tokenUrl))
            .ok);
    clock.advance(SandboxDpop::nonceLifetime);
    QVERIFY(dpop.nonce() != second);
    QVERIFY(
        dpop.verify(prover.proof("POST", tokenUrl, clock.now(), options), "POST", QUrl(tokenUrl))
            .isNonceError());
}

void TestSandboxDpop::athBindsTheProofToTheAccessToken()
{
    FixedClock clock(QDateTime(QDate(2026, 1, 1), QTime(12, 0), Qt::UTC));
    SystemRandomSource random;
    SandboxDpop dpop(clock, random);
    dpop.setNonceRequired(false);
    DpopProver prover;
    const QString token = QStringLiteral("the-access-token");
    DpopProver::Options options;
    SandboxDpop::Result missing =
        dpop.verify(prover.proof("GET", userinfoUrl, clock.now()), "GET", QUrl(userinfoUrl), token);
    QVERIFY(!missing.ok);
    QVERIFY(missing.description.contains(QLatin1String("ath")));
    options.accessToken = QStringLiteral("another-token");
    QVERIFY(!dpop.verify(prover.proof("GET", userinfoUrl, clock.now(), options), "GET",
                         QUrl(userinfoUrl), token)
                 .ok);
    options.accessToken = token;
    QVERIFY(dpop.verify(prover.proof("GET", userinfoUrl, clock.now(), options), "GET",
                        QUrl(userinfoUrl), token)
                .ok);
}

void TestSandboxDpop::metadataAdvertisesDpopAlgorithms()
{
    SandboxKit kit;
    const QJsonArray algs = kit.provider->metadata()
                                .value(QLatin1String("dpop_signing_alg_values_supported"))
                                .toArray();
    QVERIFY(algs.contains(QJsonValue(QStringLiteral("ES256"))));
    QVERIFY(!algs.contains(QJsonValue(QStringLiteral("HS256"))));
    QVERIFY(!algs.contains(QJsonValue(QStringLiteral("none"))));
}

QString TestSandboxDpop::codeFor(SandboxKit &kit)
{
    const auto response =
        kit.authorize({{QStringLiteral("client_id"), QStringLiteral("sandbox-public")},
                       {QStringLiteral("redirect_uri"), redirect},
                       {QStringLiteral("response_type"), QStringLiteral("code")},
                       {QStringLiteral("scope"), QStringLiteral("openid profile")},
                       {QStringLiteral("code_challenge"), challenge},
                       {QStringLiteral("code_challenge_method"), QStringLiteral("S256")}});
    return SandboxKit::redirectParameters(response).queryItemValue(QStringLiteral("code"));
}

void TestSandboxDpop::tokenEndpointNonceDanceIssuesDpopToken()
{
    SandboxKit kit;
    DpopProver prover;
    const QByteArray body =
        form({{QStringLiteral("grant_type"), QStringLiteral("authorization_code")},
              {QStringLiteral("code"), codeFor(kit)},
              {QStringLiteral("redirect_uri"), redirect},
              {QStringLiteral("client_id"), QStringLiteral("sandbox-public")},
              {QStringLiteral("code_verifier"), QString::fromLatin1(verifier)}});
    const auto first = kit.provider->handle(withDpop(
        formPost(QStringLiteral("/token"), body), prover.proof("POST", tokenUrl, kit.clock.now())));
    QCOMPARE(first.status, 400);
    QCOMPARE(jsonOf(first).value(QLatin1String("error")).toString(),
             QStringLiteral("use_dpop_nonce"));
    const QByteArray nonce = first.header("DPoP-Nonce");
    QVERIFY(!nonce.isEmpty());

    DpopProver::Options options;
    options.nonce = QString::fromLatin1(nonce);
    const auto second =
        kit.provider->handle(withDpop(formPost(QStringLiteral("/token"), body),
                                      prover.proof("POST", tokenUrl, kit.clock.now(), options)));
    QCOMPARE(second.status, 200);
    QCOMPARE(jsonOf(second).value(QLatin1String("token_type")).toString(), QStringLiteral("DPoP"));
    QVERIFY(!second.header("DPoP-Nonce").isEmpty());

    // Introspection shows the binding (RFC 9449 §6.2).
    const QString accessToken = jsonOf(second).value(QLatin1String("access_token")).toString();
    const auto introspection = kit.provider->handle(
        formPost(QStringLiteral("/introspect"), form({{QStringLiteral("token"), accessToken}}),
                 basic("sandbox-confidential", "sandbox-secret")));
    const QJsonObject info = jsonOf(introspection);
    QCOMPARE(info.value(QLatin1String("token_type")).toString(), QStringLiteral("DPoP"));
    QCOMPARE(info.value(QLatin1String("cnf")).toObject().value(QLatin1String("jkt")).toString(),
             Jose::Jwk::fromJson(prover.publicJwk).thumbprint());

    // Without a proof, the same grant gives a plain Bearer token.
    SandboxKit plain;
    const QByteArray plainBody =
        form({{QStringLiteral("grant_type"), QStringLiteral("authorization_code")},
              {QStringLiteral("code"), codeFor(plain)},
              {QStringLiteral("redirect_uri"), redirect},
              {QStringLiteral("client_id"), QStringLiteral("sandbox-public")},
              {QStringLiteral("code_verifier"), QString::fromLatin1(verifier)}});
    const auto bearer = plain.provider->handle(formPost(QStringLiteral("/token"), plainBody));
    QCOMPARE(jsonOf(bearer).value(QLatin1String("token_type")).toString(),
             QStringLiteral("Bearer"));
}

void TestSandboxDpop::userinfoRequiresDpopSchemeProofAndNonce()
{
    SandboxKit kit;
    DpopProver prover;
    DpopProver::Options options;
    options.nonce = QString::fromLatin1(kit.provider->dpop().nonce());
    const auto tokens = kit.provider->handle(withDpop(
        formPost(QStringLiteral("/token"),
                 form({{QStringLiteral("grant_type"), QStringLiteral("authorization_code")},
                       {QStringLiteral("code"), codeFor(kit)},
                       {QStringLiteral("redirect_uri"), redirect},
                       {QStringLiteral("client_id"), QStringLiteral("sandbox-public")},
                       {QStringLiteral("code_verifier"), QString::fromLatin1(verifier)}})),
        prover.proof("POST", tokenUrl, kit.clock.now(), options)));
    QCOMPARE(tokens.status, 200);
    const QString accessToken = jsonOf(tokens).value(QLatin1String("access_token")).toString();

    // As a Bearer token: refused, it is bound.
    const auto asBearer = kit.provider->handle(
        get(QStringLiteral("/userinfo"), {}, "Bearer " + accessToken.toLatin1()));
    QCOMPARE(asBearer.status, 401);
    QVERIFY(asBearer.header("WWW-Authenticate").startsWith("DPoP "));

    // A proof with ath but a stale nonce: 401 use_dpop_nonce with a fresh one.
    kit.clock.advance(2 * SandboxDpop::nonceLifetime);
    DpopProver::Options resource = options;
    resource.accessToken = accessToken;
    auto answer = kit.provider->handle(
        withDpop(get(QStringLiteral("/userinfo"), {}, "DPoP " + accessToken.toLatin1()),
                 prover.proof("GET", userinfoUrl, kit.clock.now(), resource)));
    QCOMPARE(answer.status, 401);
    QVERIFY2(answer.header("WWW-Authenticate").startsWith("DPoP error=\"use_dpop_nonce\""),
             answer.header("WWW-Authenticate").constData());
    const QByteArray fresh = answer.header("DPoP-Nonce");
    QVERIFY(!fresh.isEmpty());
    resource.nonce = QString::fromLatin1(fresh);

    // Signed by another key: refused.
    DpopProver stranger;
    answer = kit.provider->handle(
        withDpop(get(QStringLiteral("/userinfo"), {}, "DPoP " + accessToken.toLatin1()),
                 stranger.proof("GET", userinfoUrl, kit.clock.now(), resource)));
    QCOMPARE(answer.status, 401);
    QVERIFY(answer.header("WWW-Authenticate").contains("invalid_dpop_proof"));

    // Without a proof: refused.
    answer = kit.provider->handle(
        get(QStringLiteral("/userinfo"), {}, "DPoP " + accessToken.toLatin1()));
    QCOMPARE(answer.status, 401);

    answer = kit.provider->handle(
        withDpop(get(QStringLiteral("/userinfo"), {}, "DPoP " + accessToken.toLatin1()),
                 prover.proof("GET", userinfoUrl, kit.clock.now(), resource)));
    QCOMPARE(answer.status, 200);
    QCOMPARE(jsonOf(answer).value(QLatin1String("sub")).toString(), QStringLiteral("alice"));
}

void TestSandboxDpop::publicClientRefreshTokenIsBoundToTheKey()
{
    SandboxKit kit;
    DpopProver prover;
    DpopProver::Options options;
    options.nonce = QString::fromLatin1(kit.provider->dpop().nonce());
    const auto tokens = kit.provider->handle(withDpop(
        formPost(QStringLiteral("/token"),
                 form({{QStringLiteral("grant_type"), QStringLiteral("authorization_code")},
                       {QStringLiteral("code"), codeFor(kit)},
                       {QStringLiteral("redirect_uri"), redirect},
                       {QStringLiteral("client_id"), QStringLiteral("sandbox-public")},
                       {QStringLiteral("code_verifier"), QString::fromLatin1(verifier)}})),
        prover.proof("POST", tokenUrl, kit.clock.now(), options)));
    QCOMPARE(tokens.status, 200);
    const QByteArray refresh =
        form({{QStringLiteral("grant_type"), QStringLiteral("refresh_token")},
              {QStringLiteral("client_id"), QStringLiteral("sandbox-public")},
              {QStringLiteral("refresh_token"),
               jsonOf(tokens).value(QLatin1String("refresh_token")).toString()}});

    const auto withoutProof = kit.provider->handle(formPost(QStringLiteral("/token"), refresh));
    QCOMPARE(withoutProof.status, 400);
    QCOMPARE(jsonOf(withoutProof).value(QLatin1String("error")).toString(),
             QStringLiteral("invalid_grant"));
    DpopProver thief;
    const auto otherKey =
        kit.provider->handle(withDpop(formPost(QStringLiteral("/token"), refresh),
                                      thief.proof("POST", tokenUrl, kit.clock.now(), options)));
    QCOMPARE(otherKey.status, 400);
    const auto sameKey =
        kit.provider->handle(withDpop(formPost(QStringLiteral("/token"), refresh),
                                      prover.proof("POST", tokenUrl, kit.clock.now(), options)));
    QCOMPARE(sameKey.status, 200);
    QCOMPARE(jsonOf(sameKey).value(QLatin1String("token_type")).toString(), QStringLiteral("DPoP"));
}

QTEST_GUILESS_MAIN(TestSandboxDpop)
#include "TestSandboxDpop.moc"
