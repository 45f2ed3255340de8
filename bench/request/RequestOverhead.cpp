// Request overhead: what recording every exchange costs over a bare QNetworkAccessManager,
// on loopback, plus the per-exchange work that grows with body size (decompression,
// masking, curl rendering). A benchmark, not a test: it prints figures, it asserts nothing.
//
//   build/ci/bench/tokenscope-bench-request [--requests N]
#include "common/Clock.h"
#include "http/CurlCommand.h"
#include "http/ExchangeJson.h"
#include "http/HttpClient.h"
#include "http/PendingExchange.h"
#include "http/Redactor.h"
#include "http/Transcript.h"
#include "support/Compression.h"
#include "support/LoopbackServer.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QNetworkAccessManager>
#include <QNetworkReply>

#include <algorithm>
#include <cstdio>
#include <vector>

using namespace Tokenscope;
using Tokenscope::Testing::LoopbackServer;
using Tokenscope::Testing::ReceivedRequest;

namespace {

struct Stats
{
    double median = 0;
    double p90 = 0;
    double mean = 0;
};

Stats stats(std::vector<double> samples)
{
    std::sort(samples.begin(), samples.end());
    Stats s;
    s.median = samples[samples.size() / 2];
    s.p90 = samples[samples.size() * 9 / 10];
    double sum = 0;
    for (double v : samples)
        sum += v;
    s.mean = sum / double(samples.size());
    return s;
}

void row(const char *what, const Stats &s, const char *unit)
{
    std::printf("| %-46s | %10.1f | %10.1f | %10.1f | %-3s |\n", what, s.median, s.p90, s.mean,
                unit);
}

QByteArray bigJson()
{
    QByteArray json = R"({"access_token":"eyJhbGciOiJSUzI1NiJ9.e30.c2lnbmF0dXJl","keys":[)";
    while (json.size() < 4 * 1024 * 1024 - 200)
        json +=
            R"({"kid":"k1","kty":"RSA","n":"0vx7agoebGcQSuuPiLJXZptN9nndrQmbXEps2aiAFbWhM78LhWx4cbbfAAtVT86zwu1RK7aPFFxuhDR1L6tSoc_BJECPebWKRXjBZCiFV4n3oknjhMstn64tZ_2W-5JsGY4Hc5n9yBXArwl93lqt7_RN5w6Cf0h4QyQ5v-65YGjQR0_FDW2QvzqY368QQMicAtaSqzs8KJZgnYb9c7d0zgdAZHzu6qMQvRL5hajrn1n91CbOpbISD08qNLyrdkt-bFTWhAI4vMQFh6WeZu0fM4lFd2NcRwr3XPksINHaQ-G_xBniIqbw0Ls1jF44-csFCur-kEgU8awapJzKnqDKgw","e":"AQAB"},)";
    json.chop(1);
    json += "]}";
    return json;
}

template<typename F>
std::vector<double> timeEach(int n, F &&work)
{
    std::vector<double> samples;
    samples.reserve(size_t(n));
    for (int i = 0; i < n; ++i) {
        QElapsedTimer timer;
        timer.start();
        work();
        samples.push_back(double(timer.nsecsElapsed()) / 1000.0);
    }
    return samples;
}

} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    QCommandLineParser parser;
    parser.addHelpOption();
    const QCommandLineOption requests(QStringLiteral("requests"),
                                      QStringLiteral("Requests per measurement (default 500)."),
                                      QStringLiteral("n"), QStringLiteral("500"));
    parser.addOption(requests);
    parser.process(app);
    const int n = std::max(10, parser.value(requests).toInt());

    const QByteArray smallJson = R"({"issuer":"http://127.0.0.1","token_endpoint":"x"})";
    const QByteArray big = bigJson();
    const QByteArray bigGzip = Testing::compressed(big, Testing::GzipWindowBits);
    LoopbackServer server([&](const ReceivedRequest &request, QTcpSocket *socket) {
        if (request.target == "/big")
            LoopbackServer::respond(
                socket, 200, "OK",
                {{"Content-Type", "application/json"}, {"Content-Encoding", "gzip"}}, bigGzip);
        else
            LoopbackServer::respondJson(socket, 200, smallJson);
    });

    QNetworkAccessManager network;
    SystemClock clock;
    Http::Transcript transcript;
    Http::HttpClient client(&network, &transcript, clock);

    // Warm up both paths (connection set-up, first allocations).
    for (int i = 0; i < 20; ++i) {
        QEventLoop loop;
        QObject::connect(client.send(Http::HttpRequest::get(server.url("/small"), QString())),
                         &Http::PendingExchange::finished, &loop, &QEventLoop::quit);
        loop.exec();
    }

    const auto bare = timeEach(n, [&] {
        QEventLoop loop;
        QNetworkReply *reply = network.get(QNetworkRequest(server.url("/small")));
        QObject::connect(reply, &QNetworkReply::finished, &loop, &QEventLoop::quit);
        loop.exec();
        reply->readAll();
        reply->deleteLater();
    });
    const auto recorded = timeEach(n, [&] {
        QEventLoop loop;
        Http::PendingExchange *pending =
            client.send(Http::HttpRequest::get(server.url("/small"), QString()));
        QObject::connect(pending, &Http::PendingExchange::finished, &loop, &QEventLoop::quit);
        loop.exec();
        pending->deleteLater();
    });
    const Http::Exchange small = transcript.exchanges().constLast();
    Http::Exchange bigExchange;
    const auto bigFetch = timeEach(std::max(5, n / 50), [&] {
        QEventLoop loop;
        Http::PendingExchange *pending =
            client.send(Http::HttpRequest::get(server.url("/big"), QString()));
        QObject::connect(pending, &Http::PendingExchange::finished, &loop, &QEventLoop::quit);
        loop.exec();
        bigExchange = pending->result();
        pending->deleteLater();
    });
    const auto redactSmall = timeEach(n, [&] { (void)Http::Redactor::redact(small); });
    const auto redactBig =
        timeEach(std::max(5, n / 50), [&] { (void)Http::Redactor::redact(bigExchange); });
    const auto curlSmall = timeEach(n, [&] { (void)Http::CurlCommand::render(small); });
    const auto curlBig =
        timeEach(std::max(5, n / 50), [&] { (void)Http::CurlCommand::render(bigExchange); });
    const auto jsonSmall = timeEach(n, [&] { (void)Http::ExchangeJson::toJson(small); });

    std::printf("Tokenscope request overhead, loopback, %d requests per row (%s)\n\n", n,
                bigExchange.error.isError() ? "big body FAILED" : "big body ok");
    std::printf("| %-46s | %10s | %10s | %10s | %-3s |\n", "measurement", "median", "p90", "mean",
                "");
    std::printf("|%s|%s|%s|%s|%s|\n", "------------------------------------------------",
                "------------", "------------", "------------", "-----");
    row("GET, bare QNetworkAccessManager", stats(bare), "us");
    row("GET through HttpClient (recorded exchange)", stats(recorded), "us");
    row("GET 4 MiB JSON, gzip, decompressed + recorded", stats(bigFetch), "us");
    row("Redactor::redact, small exchange", stats(redactSmall), "us");
    row("Redactor::redact, 4 MiB JSON exchange", stats(redactBig), "us");
    row("CurlCommand::render, small exchange", stats(curlSmall), "us");
    row("CurlCommand::render, 4 MiB JSON exchange", stats(curlBig), "us");
    row("ExchangeJson::toJson, small exchange", stats(jsonSmall), "us");
    std::printf("\nRecording overhead (median): %+.1f us per request (%.0f%%)\n",
                stats(recorded).median - stats(bare).median,
                100.0 * (stats(recorded).median - stats(bare).median) / stats(bare).median);
    std::printf("Transcript after the run: %d exchanges\n", transcript.size());
    return bigExchange.error.isError() ? 1 : 0;
}
