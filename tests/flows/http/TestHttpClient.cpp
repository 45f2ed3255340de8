// The recorded exchange: what the client records must be what went over the wire, and
// every fault must be a named error that keeps the partial exchange.
#include "common/Clock.h"
#include "http/HttpClient.h"
#include "http/PendingExchange.h"
#include "http/TlsSummary.h"
#include "http/Transcript.h"
#include "support/Compression.h"
#include "support/LoopbackServer.h"
#include "support/TestCertificate.h"

#include <QNetworkAccessManager>
#include <QSignalSpy>
#include <QSslSocket>
#include <QTemporaryFile>
#include <QTest>

using namespace Tokenscope;
using namespace Tokenscope::Http;
using Tokenscope::Testing::LoopbackServer;
using Tokenscope::Testing::ReceivedRequest;

namespace {

const QDateTime FixedNow = QDateTime(QDate(2026, 1, 2), QTime(3, 4, 5), Qt::UTC);

// A TLS server on 127.0.0.1 that answers every request with a small JSON body.
std::unique_ptr<LoopbackServer> tlsServer(const Testing::TestCertificate &identity)
{
    auto server = std::make_unique<LoopbackServer>([](const ReceivedRequest &, QTcpSocket *socket) {
        LoopbackServer::respondJson(socket, 200, R"({"tls":true})");
    });
    server->enableTls(identity.certificate, identity.key);
    return server;
}

} // namespace

class TestHttpClient final : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void cleanup();

    void recordedRequestEqualsTheWire_data();
    void recordedRequestEqualsTheWire();
    void responseIsRecordedInOrder();
    void transcriptRecordsPendingThenComplete();
    void compressedBodyIsDecompressedAndNoted_data();
    void compressedBodyIsDecompressedAndNoted();
    void faultsAreNamedAndKeepThePartialExchange_data();
    void faultsAreNamedAndKeepThePartialExchange();
    void connectionRefusedIsNamed();
    void unknownHostIsNamed();
    void invalidUrlIsNamed();
    void htmlErrorPageIsAResponseNotAFault();
    void redirectsAreSeparateHops();
    void redirectsAreNotFollowedUnlessAllowed();
    void crossOriginRedirectDropsAuthorization();
    void redirectLoopStops();
    void cancelStopsARequestInFlight();
    void httpProxyIsRecordedAsUsed();
    void untrustedCertificateIsShownAndRefused();
    void trustOnceAcceptsThatCertificateOnly();
    void caFileMakesTheCertificateTrusted();

private:
    Exchange send(const HttpRequest &request);
    PendingExchange *start(const HttpRequest &request);

    FixedClock m_clock{FixedNow};
    std::unique_ptr<QNetworkAccessManager> m_network;
    std::unique_ptr<Transcript> m_transcript;
    std::unique_ptr<HttpClient> m_client;
};

void TestHttpClient::init()
{
    m_network = std::make_unique<QNetworkAccessManager>();
    m_transcript = std::make_unique<Transcript>();
    m_client = std::make_unique<HttpClient>(m_network.get(), m_transcript.get(), m_clock);
}

void TestHttpClient::cleanup()
{
    m_client.reset();
    m_transcript.reset();
    m_network.reset();
}

PendingExchange *TestHttpClient::start(const HttpRequest &request)
{
    return m_client->send(request);
}

Exchange TestHttpClient::send(const HttpRequest &request)
{
    PendingExchange *pending = start(request);
    QSignalSpy finished(pending, &PendingExchange::finished);
    if (!finished.wait(20'000))
        qWarning("request did not finish");
    return pending->result();
}

void TestHttpClient::recordedRequestEqualsTheWire_data()
{
    QTest::addColumn<QByteArray>("method");
    QTest::addColumn<QString>("path");
    QTest::addColumn<HeaderList>("headers");
    QTest::addColumn<QByteArray>("body");

    QTest::newRow("get_without_body_sends_only_the_clients_headers")
        << QByteArray("GET") << QStringLiteral("/.well-known/openid-configuration") << HeaderList{}
        << QByteArray();
    QTest::newRow("post_form_body_adds_content_type_and_length")
        << QByteArray("POST") << QStringLiteral("/token")
        << HeaderList{{"Content-Type", "application/x-www-form-urlencoded"},
                      {"Authorization", "Basic Y2xpZW50OnNlY3JldA=="}}
        << QByteArray("grant_type=client_credentials&scope=read%20write");
    QTest::newRow("custom_headers_keep_their_order_and_case")
        << QByteArray("POST") << QStringLiteral("/par")
        << HeaderList{{"X-Zeta", "1"},
                      {"dpop", "eyJ0eXAiOiJkcG9wK2p3dCJ9.e30.sig"},
                      {"X-Alpha", "2"},
                      {"Content-Type", "application/json"}}
        << QByteArray(R"({"a":1})");
    QTest::newRow("a_request_header_replaces_the_default_in_place")
        << QByteArray("GET") << QStringLiteral("/userinfo")
        << HeaderList{{"Accept", "application/jwt"}, {"Authorization", "Bearer abc.def.ghi"}}
        << QByteArray();
    QTest::newRow("query_string_is_sent_as_encoded")
        << QByteArray("GET") << QStringLiteral("/authorize?scope=openid%20profile&state=a%2Bb")
        << HeaderList{} << QByteArray();
    QTest::newRow("delete_without_body")
        << QByteArray("DELETE") << QStringLiteral("/client/1") << HeaderList{} << QByteArray();
}

void TestHttpClient::recordedRequestEqualsTheWire()
{
    QFETCH(QByteArray, method);
    QFETCH(QString, path);
    QFETCH(HeaderList, headers);
    QFETCH(QByteArray, body);

    LoopbackServer server([](const ReceivedRequest &, QTcpSocket *socket) {
        LoopbackServer::respondJson(socket, 200, "{}");
    });
    HttpRequest request;
    request.method = method;
    request.url = QUrl(server.url().toString(QUrl::RemovePath) + path, QUrl::StrictMode);
    request.headers = headers;
    request.body = body;
    const Exchange exchange = send(request);

    QVERIFY2(!exchange.error.isError(), qPrintable(exchange.error.message));
    QCOMPARE(server.requests().size(), 1);
    const ReceivedRequest &wire = server.requests().constFirst();
    // Byte for byte: request line, every header in order, body. Anything Qt added on its
    // own would show up here.
    QCOMPARE(exchange.rawRequest(), wire.raw);
    QCOMPARE(exchange.requestHeaders.constFirst().first, QByteArray("Host"));
    for (const auto &[name, value] : headers)
        QCOMPARE(wire.header(name), value);
}

void TestHttpClient::responseIsRecordedInOrder()
{
    LoopbackServer server([](const ReceivedRequest &, QTcpSocket *socket) {
        LoopbackServer::respond(socket, 201, "Created",
                                {{"X-Zulu", "last-letter"},
                                 {"Content-Type", "application/json; charset=utf-8"},
                                 {"X-Alpha", "first-letter"},
                                 {"Cache-Control", "no-store"}},
                                R"({"created":true})");
    });
    const Exchange exchange = send(HttpRequest::get(server.url("/thing"), QStringLiteral("t")));

    QVERIFY(exchange.hasResponse);
    QCOMPARE(exchange.statusCode, 201);
    QCOMPARE(exchange.reasonPhrase, QByteArray("Created"));
    QCOMPARE(exchange.statusLine(), QByteArray("HTTP/1.1 201 Created"));
    QStringList names;
    for (const auto &field : exchange.responseHeaders)
        names << QString::fromLatin1(field.first);
    QVERIFY2(names.indexOf(QStringLiteral("X-Zulu")) < names.indexOf(QStringLiteral("X-Alpha")),
             qPrintable(names.join(u',')));
    QCOMPARE(exchange.responseBody, QByteArray(R"({"created":true})"));
    QVERIFY(exchange.responseIsJson());
    QCOMPARE(exchange.started, FixedNow);
    QVERIFY(exchange.timeToHeadersUs >= 0);
    QVERIFY(exchange.durationUs >= exchange.timeToHeadersUs);
    QCOMPARE(exchange.label, QStringLiteral("t"));
    QVERIFY(exchange.rawResponse().startsWith("HTTP/1.1 201 Created\r\nX-Zulu: last-letter\r\n"));
    QVERIFY(exchange.rawResponse().endsWith("\r\n\r\n{\"created\":true}"));
}

void TestHttpClient::transcriptRecordsPendingThenComplete()
{
    LoopbackServer server([](const ReceivedRequest &, QTcpSocket *socket) {
        LoopbackServer::respondJson(socket, 200, "{}");
    });
    QSignalSpy added(m_transcript.get(), &Transcript::exchangeAdded);
    QSignalSpy updated(m_transcript.get(), &Transcript::exchangeUpdated);
    bool finishedAtAdd = true;
    connect(m_transcript.get(), &Transcript::exchangeAdded, this,
            [&](int index) { finishedAtAdd = m_transcript->at(index).isFinished(); });
    send(HttpRequest::get(server.url(), QStringLiteral("pending")));
    QCOMPARE(added.size(), 1);
    QVERIFY(!finishedAtAdd);
    QVERIFY(updated.size() >= 1);
    QVERIFY(m_transcript->at(0).isFinished());
    QCOMPARE(m_transcript->at(0).statusCode, 200);
}

void TestHttpClient::compressedBodyIsDecompressedAndNoted_data()
{
    QTest::addColumn<QByteArray>("encoding");
    QTest::addColumn<int>("windowBits");
    QTest::newRow("gzip") << QByteArray("gzip") << Testing::GzipWindowBits;
    QTest::newRow("deflate_zlib_wrapped") << QByteArray("deflate") << Testing::ZlibWindowBits;
    QTest::newRow("deflate_raw_as_some_servers_send")
        << QByteArray("deflate") << Testing::RawDeflateWindowBits;
}

void TestHttpClient::compressedBodyIsDecompressedAndNoted()
{
    QFETCH(QByteArray, encoding);
    QFETCH(int, windowBits);
    const QByteArray json =
        R"({"issuer":"https://as.example.com","padding":")" + QByteArray(2000, 'x') + "\"}";
    const QByteArray compressed = Testing::compressed(json, windowBits);
    LoopbackServer server([&](const ReceivedRequest &, QTcpSocket *socket) {
        LoopbackServer::respond(
            socket, 200, "OK",
            {{"Content-Type", "application/json"}, {"Content-Encoding", encoding}}, compressed);
    });
    const Exchange exchange = send(HttpRequest::get(server.url(), QString()));
    QVERIFY2(!exchange.error.isError(), qPrintable(exchange.error.message));
    QCOMPARE(exchange.responseBody, json);
    QCOMPARE(exchange.contentEncoding, encoding);
    QCOMPARE(exchange.wireBodyBytes, qint64(compressed.size()));
    QVERIFY(exchange.wireBodyBytes < json.size());
}

enum class Fault
{
    StallBeforeHeaders,
    StallMidBody,
    TruncatedBody,
    BodyOverCap,
    CompressedBomb,
    CorruptGzip,
    Garbage,
};

void TestHttpClient::faultsAreNamedAndKeepThePartialExchange_data()
{
    QTest::addColumn<Fault>("fault");
    QTest::addColumn<TransportErrorKind>("kind");
    QTest::addColumn<bool>("hasResponse");
    QTest::addColumn<qsizetype>("bodySize");
    QTest::addColumn<bool>("truncated");
    QTest::addColumn<QString>("messagePart");

    QTest::newRow("stall_before_headers_times_out")
        << Fault::StallBeforeHeaders << TransportErrorKind::Timeout << false << qsizetype(0)
        << false << QStringLiteral("within 300 ms");
    QTest::newRow("stall_mid_body_times_out_keeping_what_arrived")
        << Fault::StallMidBody << TransportErrorKind::Timeout << true << qsizetype(10) << false
        << QStringLiteral("within");
    QTest::newRow("connection_closed_mid_body_is_reported")
        << Fault::TruncatedBody << TransportErrorKind::Network << true << qsizetype(40) << false
        << QStringLiteral("40 of the 100");
    QTest::newRow("body_over_the_cap_is_cut_and_marked")
        << Fault::BodyOverCap << TransportErrorKind::BodyTooLarge << true << qsizetype(1024) << true
        << QStringLiteral("1 KiB");
    QTest::newRow("compressed_bomb_is_cut_after_decompression")
        << Fault::CompressedBomb << TransportErrorKind::BodyTooLarge << true << qsizetype(1024)
        << true << QStringLiteral("1 KiB");
    QTest::newRow("corrupt_gzip_keeps_the_raw_bytes")
        << Fault::CorruptGzip << TransportErrorKind::Decompression << true << qsizetype(12) << false
        << QStringLiteral("gzip");
    QTest::newRow("garbage_instead_of_http_is_a_network_error")
        << Fault::Garbage << TransportErrorKind::Network << false << qsizetype(0) << false
        << QString();
}

void TestHttpClient::faultsAreNamedAndKeepThePartialExchange()
{
    QFETCH(Fault, fault);
    QFETCH(TransportErrorKind, kind);
    QFETCH(bool, hasResponse);
    QFETCH(qsizetype, bodySize);
    QFETCH(bool, truncated);
    QFETCH(QString, messagePart);

    HttpOptions options;
    options.timeoutMs = 300;
    options.maxBodyBytes = 1024;
    m_client->setOptions(options);

    LoopbackServer server([fault](const ReceivedRequest &, QTcpSocket *socket) {
        switch (fault) {
        case Fault::StallBeforeHeaders:
            break;
        case Fault::StallMidBody:
            socket->write("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\n"
                          "Content-Length: 100\r\n\r\n{\"a\":\"1234");
            break;
        case Fault::TruncatedBody:
            socket->write("HTTP/1.1 200 OK\r\nContent-Length: 100\r\n\r\n" + QByteArray(40, 'x'));
            socket->flush();
            socket->disconnectFromHost();
            break;
        case Fault::BodyOverCap:
            LoopbackServer::respond(socket, 200, "OK", {}, QByteArray(5000, 'x'));
            break;
        case Fault::CompressedBomb:
            LoopbackServer::respond(
                socket, 200, "OK", {{"Content-Encoding", "gzip"}},
                Testing::compressed(QByteArray(8 * 1024 * 1024, '\0'), Testing::GzipWindowBits));
            break;
        case Fault::CorruptGzip:
            LoopbackServer::respond(socket, 200, "OK", {{"Content-Encoding", "gzip"}},
                                    "not gzip at all");
            break;
        case Fault::Garbage:
            socket->write("\x01\x02 this is not HTTP \xff\xfe\r\n\r\n");
            socket->flush();
            socket->disconnectFromHost();
            break;
        }
    });
    if (fault == Fault::CorruptGzip)
        bodySize = QByteArray("not gzip at all").size();

    const Exchange exchange = send(HttpRequest::get(server.url("/fault"), QString()));
    QCOMPARE(exchange.error.kind, kind);
    QVERIFY(!exchange.error.message.isEmpty());
    if (!messagePart.isEmpty())
        QVERIFY2(exchange.error.message.contains(messagePart), qPrintable(exchange.error.message));
    QCOMPARE(exchange.hasResponse, hasResponse);
    QCOMPARE(exchange.responseBody.size(), bodySize);
    QCOMPARE(exchange.truncated, truncated);
    // The request is kept whatever happened to the response.
    QCOMPARE(exchange.method, QByteArray("GET"));
    QVERIFY(!exchange.requestHeaders.isEmpty());
    QVERIFY(exchange.isFinished());
    QCOMPARE(m_transcript->size(), 1);
    QCOMPARE(m_transcript->at(0).error.kind, kind);
}

void TestHttpClient::connectionRefusedIsNamed()
{
    quint16 port = 0;
    {
        QTcpServer probe;
        QVERIFY(probe.listen(QHostAddress::LocalHost, 0));
        port = probe.serverPort();
    }
    const Exchange exchange =
        send(HttpRequest::get(QUrl(QStringLiteral("http://127.0.0.1:%1/").arg(port)), QString()));
    QCOMPARE(exchange.error.kind, TransportErrorKind::ConnectionRefused);
    QVERIFY(exchange.error.message.contains(QString::number(port)));
    QVERIFY(!exchange.hasResponse);
}

void TestHttpClient::unknownHostIsNamed()
{
    // .invalid never resolves (RFC 6761 §6.4).
    const Exchange exchange =
        send(HttpRequest::get(QUrl(QStringLiteral("https://tokenscope-test.invalid/")), QString()));
    QCOMPARE(exchange.error.kind, TransportErrorKind::HostNotFound);
    QVERIFY(exchange.error.message.contains(QStringLiteral("tokenscope-test.invalid")));
}

void TestHttpClient::invalidUrlIsNamed()
{
    PendingExchange *pending =
        start(HttpRequest::get(QUrl(QStringLiteral("ftp://example.com/x")), QString()));
    QSignalSpy finished(pending, &PendingExchange::finished);
    QVERIFY(finished.wait());
    QCOMPARE(pending->result().error.kind, TransportErrorKind::InvalidUrl);
    QCOMPARE(m_transcript->size(), 1);
}

void TestHttpClient::htmlErrorPageIsAResponseNotAFault()
{
    LoopbackServer server([](const ReceivedRequest &, QTcpSocket *socket) {
        LoopbackServer::respond(socket, 502, "Bad Gateway", {{"Content-Type", "text/html"}},
                                "<html><body><h1>502 Bad Gateway</h1></body></html>");
    });
    const Exchange exchange = send(HttpRequest::get(server.url(), QString()));
    QVERIFY(!exchange.error.isError());
    QCOMPARE(exchange.statusCode, 502);
    QVERIFY(exchange.responseIsHtml());
    QVERIFY(!exchange.responseIsJson());
    QVERIFY(exchange.responseBody.contains("<h1>502 Bad Gateway</h1>"));
}

void TestHttpClient::redirectsAreSeparateHops()
{
    LoopbackServer server([](const ReceivedRequest &request, QTcpSocket *socket) {
        if (request.target == "/old")
            LoopbackServer::respond(socket, 301, "Moved Permanently", {{"Location", "/new"}}, {});
        else
            LoopbackServer::respondJson(socket, 200, R"({"here":true})");
    });
    HttpRequest request = HttpRequest::get(server.url("/old"), QStringLiteral("metadata"));
    request.followRedirects = true;
    PendingExchange *pending = start(request);
    QSignalSpy finished(pending, &PendingExchange::finished);
    QVERIFY(finished.wait());
    QCOMPARE(pending->hops().size(), 2);
    QCOMPARE(pending->hops().at(0).statusCode, 301);
    QCOMPARE(pending->hops().at(1).statusCode, 200);
    QCOMPARE(pending->hops().at(1).hop, 1);
    QCOMPARE(pending->hops().at(1).previousHopId, pending->hops().at(0).id);
    QCOMPARE(pending->hops().at(1).url.path(), QStringLiteral("/new"));
    QCOMPARE(m_transcript->size(), 2);
    QCOMPARE(server.requests().at(1).raw, pending->hops().at(1).rawRequest());
}

void TestHttpClient::redirectsAreNotFollowedUnlessAllowed()
{
    LoopbackServer server([](const ReceivedRequest &, QTcpSocket *socket) {
        LoopbackServer::respond(socket, 307, "Temporary Redirect",
                                {{"Location", "https://elsewhere.example/token"}}, {});
    });
    const Exchange exchange = send(HttpRequest::postForm(
        server.url("/token"), "grant_type=client_credentials", QStringLiteral("token")));
    QVERIFY(!exchange.error.isError());
    QCOMPARE(exchange.statusCode, 307);
    QVERIFY(exchange.isRedirect());
    QCOMPARE(exchange.redirectTarget(), QUrl(QStringLiteral("https://elsewhere.example/token")));
    QCOMPARE(server.requests().size(), 1);
    QCOMPARE(m_transcript->size(), 1);
}

void TestHttpClient::crossOriginRedirectDropsAuthorization()
{
    LoopbackServer target([](const ReceivedRequest &, QTcpSocket *socket) {
        LoopbackServer::respondJson(socket, 200, "{}");
    });
    const QByteArray location = target.url("/landing").toEncoded();
    LoopbackServer origin([location](const ReceivedRequest &, QTcpSocket *socket) {
        LoopbackServer::respond(socket, 302, "Found", {{"Location", location}}, {});
    });
    HttpRequest request = HttpRequest::get(origin.url("/start"), QString());
    request.headers = {{"Authorization", "Bearer secret-token-value"}};
    request.followRedirects = true;
    PendingExchange *pending = start(request);
    QSignalSpy finished(pending, &PendingExchange::finished);
    QVERIFY(finished.wait());
    QCOMPARE(pending->hops().size(), 2);
    QCOMPARE(origin.requests().constFirst().header("Authorization"),
             QByteArray("Bearer secret-token-value"));
    QCOMPARE(target.requests().size(), 1);
    QVERIFY(target.requests().constFirst().header("Authorization").isEmpty());
    QCOMPARE(target.requests().constFirst().header("Host"), HttpClient::hostHeader(target.url()));
}

void TestHttpClient::redirectLoopStops()
{
    HttpOptions options;
    options.maxRedirects = 3;
    m_client->setOptions(options);
    LoopbackServer server([](const ReceivedRequest &, QTcpSocket *socket) {
        LoopbackServer::respond(socket, 302, "Found", {{"Location", "/loop"}}, {});
    });
    HttpRequest request = HttpRequest::get(server.url("/loop"), QString());
    request.followRedirects = true;
    PendingExchange *pending = start(request);
    QSignalSpy finished(pending, &PendingExchange::finished);
    QVERIFY(finished.wait());
    QCOMPARE(pending->hops().size(), options.maxRedirects + 1);
    QCOMPARE(pending->result().error.kind, TransportErrorKind::TooManyRedirects);
}

void TestHttpClient::cancelStopsARequestInFlight()
{
    LoopbackServer server([](const ReceivedRequest &, QTcpSocket *) {});
    QSignalSpy busy(m_client.get(), &HttpClient::busyChanged);
    PendingExchange *pending = start(HttpRequest::get(server.url("/stall"), QString()));
    QSignalSpy finished(pending, &PendingExchange::finished);
    QTRY_COMPARE(server.requests().size(), 1);
    QVERIFY(m_client->isBusy());
    m_client->cancelAll();
    QTRY_COMPARE(finished.size(), 1);
    QCOMPARE(pending->result().error.kind, TransportErrorKind::Cancelled);
    QVERIFY(!m_client->isBusy());
    QCOMPARE(busy.size(), 2);
    QCOMPARE(busy.at(1).at(0).toBool(), false);
}

void TestHttpClient::httpProxyIsRecordedAsUsed()
{
    LoopbackServer proxy([](const ReceivedRequest &, QTcpSocket *socket) {
        LoopbackServer::respondJson(socket, 200, R"({"via":"proxy"})");
    });
    LoopbackServer direct([](const ReceivedRequest &, QTcpSocket *socket) {
        LoopbackServer::respondJson(socket, 200, R"({"via":"direct"})");
    });
    HttpOptions options;
    options.proxyMode = ProxyMode::Manual;
    options.proxyUrl = proxy.url();
    m_client->setOptions(options);

    const Exchange proxied = send(HttpRequest::get(
        QUrl(QStringLiteral("http://provider.example/.well-known/x?y=1")), QString()));
    QVERIFY2(!proxied.error.isError(), qPrintable(proxied.error.message));
    QCOMPARE(proxied.proxy, QStringLiteral("http://127.0.0.1:%1").arg(proxy.serverPort()));
    QCOMPARE(proxy.requests().size(), 1);
    // Through an HTTP proxy the request line carries the absolute URL; the record says so.
    QCOMPARE(proxied.rawRequest(), proxy.requests().constFirst().raw);
    QVERIFY(proxied.requestLine().startsWith("GET http://provider.example/.well-known/x?y=1 "));

    // Loopback never goes through a proxy.
    const Exchange local = send(HttpRequest::get(direct.url("/local"), QString()));
    QCOMPARE(local.responseBody, QByteArray(R"({"via":"direct"})"));
    QVERIFY(local.proxy.isEmpty());
    QCOMPARE(proxy.requests().size(), 1);
}

void TestHttpClient::untrustedCertificateIsShownAndRefused()
{
    const auto identity = Testing::TestCertificate::create("tokenscope-untrusted");
    const auto server = tlsServer(identity);
    const Exchange exchange = send(HttpRequest::get(server->url("/metadata"), QString()));
    QCOMPARE(exchange.error.kind, TransportErrorKind::Tls);
    QVERIFY(!exchange.tls.errors.isEmpty());
    QVERIFY(!exchange.hasResponse);
    QVERIFY(!exchange.tls.peerChain.isEmpty());
    QVERIFY(exchange.tls.peerChain.constFirst().subject.contains(
        QStringLiteral("tokenscope-untrusted")));
    QCOMPARE(exchange.tls.peerChain.constFirst().sha256Fingerprint,
             TlsSummary::sha256Fingerprint(identity.certificate));
    QVERIFY(exchange.tls.peerChain.constFirst().selfSigned);
    QVERIFY(!exchange.tls.trustedByOverride);
}

void TestHttpClient::trustOnceAcceptsThatCertificateOnly()
{
    const auto identity = Testing::TestCertificate::create("tokenscope-once");
    const auto other = Testing::TestCertificate::create("tokenscope-other");
    const auto server = tlsServer(identity);

    HttpOptions options;
    options.trustedCertificateSha256 = {
        TlsSummary::sha256Fingerprint(other.certificate).toLatin1()};
    m_client->setOptions(options);
    const Exchange refused = send(HttpRequest::get(server->url("/metadata"), QString()));
    QCOMPARE(refused.error.kind, TransportErrorKind::Tls);

    // Any spelling of the fingerprint: lower case, no colons.
    options.trustedCertificateSha256 = {
        TlsSummary::sha256Fingerprint(identity.certificate).toLatin1().toLower().replace(":", "")};
    m_client->setOptions(options);
    const Exchange accepted = send(HttpRequest::get(server->url("/metadata"), QString()));
    QVERIFY2(!accepted.error.isError(), qPrintable(accepted.error.message));
    QCOMPARE(accepted.statusCode, 200);
    QVERIFY(accepted.tls.trustedByOverride);
    QVERIFY(!accepted.tls.errors.isEmpty()); // what was overridden stays visible
    QVERIFY(accepted.tls.protocol.startsWith(QStringLiteral("TLSv1.")));
    QVERIFY(!accepted.tls.cipher.isEmpty());
}

void TestHttpClient::caFileMakesTheCertificateTrusted()
{
    const auto identity = Testing::TestCertificate::create("tokenscope-ca");
    const auto server = tlsServer(identity);
    QTemporaryFile caFile;
    QVERIFY(caFile.open());
    caFile.write(identity.certificatePem);
    caFile.close();

    HttpOptions options;
    options.caFile = caFile.fileName();
    m_client->setOptions(options);
    const Exchange exchange = send(HttpRequest::get(server->url("/metadata"), QString()));
    QVERIFY2(!exchange.error.isError(), qPrintable(exchange.error.message));
    QCOMPARE(exchange.statusCode, 200);
    QVERIFY(!exchange.tls.trustedByOverride);
    QVERIFY(exchange.tls.errors.isEmpty());
    QCOMPARE(exchange.tls.caFile, caFile.fileName());
    QCOMPARE(exchange.responseBody, QByteArray(R"({"tls":true})"));
}

QTEST_GUILESS_MAIN(TestHttpClient)
#include "TestHttpClient.moc"
