// JWS verification throughput: Tokenscope's JwsToken::parseCompact + JwsVerifier::verify
// against a JWK Set, for RS256 (2048-bit), ES256 and EdDSA (Ed25519), side by side with
// node's jose (bench/jwt/verify.mjs) on the very same tokens and keys, in the same run.
// One thread each. The two sides take turns, round after round, and each keeps its best
// round: on a shared machine that is the figure least disturbed by the neighbours. A
// benchmark, not a test: it prints figures, it asserts nothing, except that every token
// verifies on both sides.
//
//   build/ci/bench/tokenscope-bench-jwt [--tokens N] [--seconds S] [--rounds R] [--no-node]
#include "flows/jose/TestKeys.h"
#include "jose/JwkSet.h"
#include "jose/JwsToken.h"
#include "jose/JwsVerifier.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QElapsedTimer>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QSysInfo>
#include <QTemporaryDir>
#include <QThread>

#include <cstdio>

using namespace Tokenscope::Jose;

namespace {

struct Algorithm
{
    QByteArray alg;
    QString key;
    QList<QByteArray> tokens;
    QByteArray jwks;
    double perSecond = 0;     // best round
    double nodePerSecond = 0; // best round
};

void prepare(Algorithm *a, int count)
{
    const EvpPkey key = TestKeys::generate(a->key);
    const QByteArray kid = a->alg.toLower() + "-bench";
    a->jwks = TestKeys::jwks({TestKeys::publicJwk(
        key.get(), "\"kid\":\"" + kid + "\",\"use\":\"sig\",\"alg\":\"" + a->alg + "\",")});
    const QByteArray header =
        "{\"alg\":\"" + a->alg + "\",\"typ\":\"at+jwt\",\"kid\":\"" + kid + "\"}";
    for (int i = 0; i < count; ++i) {
        const QByteArray claims =
            "{\"iss\":\"https://issuer.example\",\"sub\":\"user-" + QByteArray::number(i) +
            "\",\"aud\":\"https://api.example\",\"client_id\":\"bench\",\"scope\":\"api:read\","
            "\"iat\":1700000000,\"exp\":1700003600,\"jti\":\"" +
            QByteArray::number(i) + "\"}";
        a->tokens.append(TestKeys::sign(a->alg, key.get(), header, claims));
    }
}

// Parses and verifies every token in turn until `seconds` have passed.
void measure(Algorithm *a, double seconds)
{
    const JwkSet keys = JwkSet::fromJson(a->jwks);
    const auto once = [&] {
        for (const QByteArray &token : std::as_const(a->tokens)) {
            const auto parsed = JwsToken::parseCompact(token);
            if (parsed.isError() || !JwsVerifier::verify(parsed.token(), keys).isVerified())
                qFatal("a %s token did not verify", a->alg.constData());
        }
    };
    once(); // warm-up
    QElapsedTimer timer;
    timer.start();
    qint64 verified = 0;
    while (timer.nsecsElapsed() < qint64(seconds * 1e9)) {
        once();
        verified += a->tokens.size();
    }
    a->perSecond = qMax(a->perSecond, double(verified) / (double(timer.nsecsElapsed()) / 1e9));
}

// One round of node's side for every algorithm; false when node or jose is missing.
bool measureNode(QList<Algorithm> *algorithms, const QString &dir, double seconds)
{
    QProcess process;
    process.setProcessChannelMode(QProcess::ForwardedErrorChannel);
    process.start(QStringLiteral("node"), {QStringLiteral(TOKENSCOPE_BENCH_JWT_DIR "/verify.mjs"),
                                           dir, QString::number(seconds)});
    if (!process.waitForFinished(int(seconds * 3 * 10'000)) ||
        process.exitStatus() != QProcess::NormalExit || process.exitCode() != 0) {
        std::fprintf(stderr, "node's side failed: is jose installed (npm ci in bench/jwt)?\n");
        return false;
    }
    const QJsonObject node = QJsonDocument::fromJson(process.readAllStandardOutput()).object();
    for (Algorithm &a : *algorithms) {
        const double theirs = node.value(QString::fromLatin1(a.alg))
                                  .toObject()
                                  .value(QLatin1String("perSecond"))
                                  .toDouble();
        a.nodePerSecond = qMax(a.nodePerSecond, theirs);
    }
    return true;
}

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral("JWS verification throughput"));
    parser.addHelpOption();
    const QCommandLineOption tokensOption(QStringLiteral("tokens"),
                                          QStringLiteral("Distinct tokens per algorithm (100)."),
                                          QStringLiteral("N"), QStringLiteral("100"));
    const QCommandLineOption secondsOption(
        QStringLiteral("seconds"), QStringLiteral("Time per round, algorithm and side (2)."),
        QStringLiteral("S"), QStringLiteral("2"));
    const QCommandLineOption roundsOption(QStringLiteral("rounds"),
                                          QStringLiteral("Turns each side takes; the best counts "
                                                         "(3)."),
                                          QStringLiteral("R"), QStringLiteral("3"));
    const QCommandLineOption noNode(QStringLiteral("no-node"),
                                    QStringLiteral("Only Tokenscope, without node's jose."));
    parser.addOptions({tokensOption, secondsOption, roundsOption, noNode});
    parser.process(app);
    const int count = qMax(1, parser.value(tokensOption).toInt());
    const double seconds = qMax(0.1, parser.value(secondsOption).toDouble());
    const int rounds = qMax(1, parser.value(roundsOption).toInt());

    QList<Algorithm> algorithms{{"RS256", QStringLiteral("rsa2048"), {}, {}, 0, 0},
                                {"ES256", QStringLiteral("p256"), {}, {}, 0, 0},
                                {"EdDSA", QStringLiteral("ed25519"), {}, {}, 0, 0}};
    QTemporaryDir dir;
    for (Algorithm &a : algorithms) {
        prepare(&a, count);
        QFile tokens(dir.filePath(QString::fromLatin1(a.alg + ".tokens")));
        QFile jwks(dir.filePath(QString::fromLatin1(a.alg + ".jwks")));
        if (!tokens.open(QIODevice::WriteOnly) || !jwks.open(QIODevice::WriteOnly))
            qFatal("cannot write to %s", qPrintable(dir.path()));
        tokens.write(a.tokens.join('\n') + '\n');
        jwks.write(a.jwks);
    }

    bool withNode = !parser.isSet(noNode);
    for (int round = 0; round < rounds; ++round) {
        for (Algorithm &a : algorithms)
            measure(&a, seconds);
        if (withNode)
            withNode = measureNode(&algorithms, dir.path(), seconds);
    }
    QString nodeVersion;
    if (withNode) {
        QProcess version;
        version.start(QStringLiteral("node"), {QStringLiteral("--version")});
        version.waitForFinished();
        nodeVersion = QString::fromLatin1(version.readAllStandardOutput().trimmed());
    }

    std::printf("| %-6s | %18s | %18s | %7s |\n", "alg", "Tokenscope (tok/s)", "node jose (tok/s)",
                "ratio");
    std::printf("|--------|-------------------:|-------------------:|--------:|\n");
    for (const Algorithm &a : std::as_const(algorithms)) {
        const double theirs = a.nodePerSecond;
        std::printf("| %-6s | %18.0f | %18.0f | %6.2fx |\n", a.alg.constData(), a.perSecond, theirs,
                    theirs > 0 ? a.perSecond / theirs : 0.0);
    }
    std::printf("\n%d distinct tokens per algorithm, best of %d rounds of %.1f s per algorithm "
                "and side, one thread each; goal: ratio >= 2.\n",
                count, rounds, seconds);
    std::printf("machine: %s, %d cores; node %s\n", qPrintable(QSysInfo::prettyProductName()),
                QThread::idealThreadCount(), qPrintable(nodeVersion));
    return 0;
}
