// flows/sandbox/HttpRequestParser and SandboxServer: strict HTTP/1.1 parsing with size
// limits, and the listener answering malformed and oversized requests without a crash; a
// CIBA ping notification sent to a real loopback listener.
#include "HttpRequestParser.h"
#include "SandboxServer.h"
#include "SandboxTestKit.h"
#include "ciba/NotificationListener.h"
#include "http/Transcript.h"

#include <QJsonArray>
#include <QNetworkAccessManager>
#include <QNetworkProxy>
#include <QNetworkReply>
#include <QSignalSpy>
#include <QTcpSocket>
#include <QTest>

using namespace Tokenscope;
using namespace Tokenscope::Testing;
using Sandbox::HttpRequestParser;

class TestSandboxServer : public QObject
{
    Q_OBJECT

private slots:
    void parser_data();
    void parser();
    void parserAcceptsBytesOneAtATime();
    void parserKeepsPipelinedRequest();
    void listensOnLoopbackOnly();
    void rawRequests_data();
    void rawRequests();
    void oversizedBodyIsRefusedBeforeItArrives();
    void keepAliveServesTwoRequests();
    void manyPipelinedRequestsAreAllServed();
    void cibaPingNotificationReachesTheListener();

private:
    static QByteArray exchange(quint16 port, const QByteArray &bytes);
};

void TestSandboxServer::parser_data()
{
    QTest::addColumn<QByteArray>("bytes");
    QTest::addColumn<int>("state");
    QTest::addColumn<int>("status");
    const int complete = int(HttpRequestParser::State::Complete);
    const int bad = int(HttpRequestParser::State::Bad);
    const int large = int(HttpRequestParser::State::TooLarge);
    const int more = int(HttpRequestParser::State::NeedMore);
    QTest::newRow("simple_get_is_complete")
        << QByteArray("GET /jwks HTTP/1.1\r\nHost: x\r\n\r\n") << complete << 0;
    QTest::newRow("post_with_body_is_complete")
        << QByteArray("POST /token HTTP/1.1\r\nHost: x\r\nContent-Length: 3\r\n\r\nabc") << complete
        << 0;
    QTest::newRow("partial_body_needs_more")
        << QByteArray("POST /token HTTP/1.1\r\nHost: x\r\nContent-Length: 5\r\n\r\nab") << more
        << 0;
    QTest::newRow("garbage_line_is_bad") << QByteArray("GARBAGE\r\n\r\n") << bad << 400;
    QTest::newRow("binary_garbage_is_bad")
        << QByteArray("\x01\x02\x03 \xff\xfe HTTP/1.1\r\n\r\n", 19) << bad << 400;
    QTest::newRow("absolute_form_target_is_bad")
        << QByteArray("GET http://x/ HTTP/1.1\r\nHost: x\r\n\r\n") << bad << 400;
    QTest::newRow("http2_preface_is_bad")
        << QByteArray("PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n") << bad << 400;
    QTest::newRow("missing_host_is_bad") << QByteArray("GET / HTTP/1.1\r\n\r\n") << bad << 400;
    QTest::newRow("two_hosts_are_bad")
        << QByteArray("GET / HTTP/1.1\r\nHost: a\r\nHost: b\r\n\r\n") << bad << 400;
    QTest::newRow("folded_header_is_bad")
        << QByteArray("GET / HTTP/1.1\r\nHost: a\r\n x\r\n\r\n") << bad << 400;
    QTest::newRow("space_before_colon_is_bad")
        << QByteArray("GET / HTTP/1.1\r\nHost : a\r\n\r\n") << bad << 400;
    QTest::newRow("bare_lf_is_bad") << QByteArray("GET / HTTP/1.1\nHost: a\r\n\r\n") << bad << 400;
    QTest::newRow("chunked_is_refused")
        << QByteArray("POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n")
        << bad << 400;
    QTest::newRow("negative_content_length_is_bad")
        << QByteArray("POST / HTTP/1.1\r\nHost: a\r\nContent-Length: -1\r\n\r\n") << bad << 400;
    QTest::newRow("two_content_lengths_are_bad")
        << QByteArray(
               "POST / HTTP/1.1\r\nHost: a\r\nContent-Length: 1\r\nContent-Length: 2\r\n\r\n")
        << bad << 400;
    QTest::newRow("huge_content_length_is_too_large")
        << QByteArray("POST / HTTP/1.1\r\nHost: a\r\nContent-Length: 99999999999999\r\n\r\n")
        << large << 413;
    QTest::newRow("endless_header_is_too_large")
        << QByteArray("GET / HTTP/1.1\r\nHost: a\r\nX: ") + QByteArray(20000, 'a') << large << 431;
    QTest::newRow("too_many_headers_are_too_large")
        << QByteArray("GET / HTTP/1.1\r\nHost: a\r\n") + QByteArray("A: b\r\n").repeated(150) +
               "\r\n"
        << large << 431;
    QTest::newRow("pipelined_flood_is_too_large")
        << QByteArray("GET / HTTP/1.1\r\nHost: a\r\n\r\n").repeated(4000) << large << 413;
}

void TestSandboxServer::parser()
{
    QFETCH(QByteArray, bytes);
    QFETCH(int, state);
    QFETCH(int, status);
    HttpRequestParser parser;
    QCOMPARE(int(parser.feed(bytes)), state);
    QCOMPARE(parser.errorStatus(), status);
}

void TestSandboxServer::parserAcceptsBytesOneAtATime()
{
    const QByteArray bytes =
        "POST /token?x=1 HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: 4\r\n\r\nab=c";
    HttpRequestParser parser;
    for (qsizetype i = 0; i + 1 < bytes.size(); ++i)
        QCOMPARE(parser.feed(bytes.mid(i, 1)), HttpRequestParser::State::NeedMore);
    QCOMPARE(parser.feed(bytes.right(1)), HttpRequestParser::State::Complete);
    const Sandbox::HttpRequest request = parser.takeRequest();
    QCOMPARE(request.method, QByteArray("POST"));
    QCOMPARE(request.path, QStringLiteral("/token"));
    QCOMPARE(request.query, QByteArray("x=1"));
    QCOMPARE(request.header("host"), QByteArray("127.0.0.1"));
    QCOMPARE(request.body, QByteArray("ab=c"));
}

void TestSandboxServer::parserKeepsPipelinedRequest()
{
    HttpRequestParser parser;
    QCOMPARE(parser.feed("GET /a HTTP/1.1\r\nHost: x\r\n\r\nGET /b HTTP/1.1\r\nHost: x\r\n\r\n"),
             HttpRequestParser::State::Complete);
    QCOMPARE(parser.takeRequest().path, QStringLiteral("/a"));
    QCOMPARE(parser.feed({}), HttpRequestParser::State::Complete);
    QCOMPARE(parser.takeRequest().path, QStringLiteral("/b"));
    QCOMPARE(parser.feed({}), HttpRequestParser::State::NeedMore);
}

QByteArray TestSandboxServer::exchange(quint16 port, const QByteArray &bytes)
{
    QTcpSocket socket;
    socket.connectToHost(QHostAddress::LocalHost, port);
    if (!socket.waitForConnected(5000))
        return "no connection";
    socket.write(bytes);
    QByteArray reply;
    // Bounded: the server answers and closes, or the wait fails.
    for (int i = 0; i < 100 && socket.state() == QAbstractSocket::ConnectedState; ++i) {
        if (!socket.waitForReadyRead(5000))
            break;
        reply += socket.readAll();
    }
    reply += socket.readAll();
    return reply;
}

void TestSandboxServer::listensOnLoopbackOnly()
{
    SandboxKit kit;
    Sandbox::SandboxServer server(*kit.provider);
    QVERIFY(server.listen());
    QVERIFY(server.port() > 0);
    QCOMPARE(kit.provider->issuer(), QStringLiteral("http://127.0.0.1:%1").arg(server.port()));
    QCOMPARE(server.issuer(), kit.provider->issuer());
}

void TestSandboxServer::rawRequests_data()
{
    QTest::addColumn<QByteArray>("bytes");
    QTest::addColumn<QByteArray>("statusLine");
    QTest::newRow("garbage_gets_400")
        << QByteArray("\x16\x03\x01\x02\x00\r\n\r\n", 9) << QByteArray("HTTP/1.1 400 ");
    QTest::newRow("tls_client_hello_gets_400")
        << QByteArray("\x16\x03\x01\x00\xa5\x01\x00\x00\xa1\x03\x03", 11) + QByteArray(20000, 'x')
        << QByteArray("HTTP/1.1 431 ");
    QTest::newRow("oversized_headers_get_431")
        << QByteArray("GET / HTTP/1.1\r\nHost: a\r\nX: ") + QByteArray(40000, 'a') + "\r\n\r\n"
        << QByteArray("HTTP/1.1 431 ");
    QTest::newRow("declared_huge_body_gets_413")
        << QByteArray("POST /token HTTP/1.1\r\nHost: a\r\nContent-Length: 10000000\r\n\r\n")
        << QByteArray("HTTP/1.1 413 ");
    QTest::newRow("unknown_path_gets_404")
        << QByteArray("GET /nope HTTP/1.1\r\nHost: a\r\nConnection: close\r\n\r\n")
        << QByteArray("HTTP/1.1 404 ");
    QTest::newRow("token_get_gets_405")
        << QByteArray("GET /token HTTP/1.1\r\nHost: a\r\nConnection: close\r\n\r\n")
        << QByteArray("HTTP/1.1 405 ");
    QTest::newRow("token_with_json_body_gets_400")
        << QByteArray("POST /token HTTP/1.1\r\nHost: a\r\nConnection: close\r\n"
                      "Content-Type: application/json\r\nContent-Length: 2\r\n\r\n{}")
        << QByteArray("HTTP/1.1 400 ");
    QTest::newRow("login_with_unknown_interaction_gets_400")
        << QByteArray("POST /login HTTP/1.1\r\nHost: a\r\nConnection: close\r\n"
                      "Content-Type: application/x-www-form-urlencoded\r\nContent-Length: 7\r\n"
                      "\r\nlogin=x")
        << QByteArray("HTTP/1.1 400 ");
}

void TestSandboxServer::rawRequests()
{
    QFETCH(QByteArray, bytes);
    QFETCH(QByteArray, statusLine);
    SandboxKit kit;
    Sandbox::SandboxServer server(*kit.provider);
    QVERIFY(server.listen());
    QByteArray reply;
    // The exchange blocks this thread while the server needs the event loop: run the
    // client in a helper thread.
    QThread *thread =
        QThread::create([&reply, &bytes, port = server.port()] { reply = exchange(port, bytes); });
    thread->start();
    QTRY_VERIFY_WITH_TIMEOUT(thread->isFinished(), 15000);
    delete thread;
    QVERIFY2(reply.startsWith(statusLine), reply.left(200).constData());
    // And the server still serves the next client.
    QThread *next = QThread::create([&reply, port = server.port()] {
        reply = exchange(port, "GET /jwks HTTP/1.1\r\nHost: a\r\nConnection: close\r\n\r\n");
    });
    next->start();
    QTRY_VERIFY_WITH_TIMEOUT(next->isFinished(), 15000);
    delete next;
    QVERIFY(reply.startsWith("HTTP/1.1 200 "));
}

void TestSandboxServer::oversizedBodyIsRefusedBeforeItArrives()
{
    SandboxKit kit;
    Sandbox::SandboxServer server(*kit.provider);
    QVERIFY(server.listen());
    QSignalSpy logged(&server, &Sandbox::SandboxServer::requestLogged);
    QTcpSocket socket;
    socket.connectToHost(QHostAddress::LocalHost, server.port());
    QVERIFY(socket.waitForConnected(5000));
    socket.write("POST /token HTTP/1.1\r\nHost: a\r\nContent-Length: 70000\r\n\r\n");
    QTRY_VERIFY_WITH_TIMEOUT(
        socket.bytesAvailable() > 0 || socket.state() != QAbstractSocket::ConnectedState, 10000);
    QVERIFY(socket.readAll().startsWith("HTTP/1.1 413 "));
    QTRY_COMPARE(logged.count(), 1);
}

void TestSandboxServer::keepAliveServesTwoRequests()
{
    SandboxKit kit;
    Sandbox::SandboxServer server(*kit.provider);
    QVERIFY(server.listen());
    QSignalSpy logged(&server, &Sandbox::SandboxServer::requestLogged);
    QTcpSocket socket;
    socket.connectToHost(QHostAddress::LocalHost, server.port());
    QVERIFY(socket.waitForConnected(5000));
    socket.write("GET /jwks HTTP/1.1\r\nHost: a\r\n\r\n"
                 "GET /.well-known/openid-configuration HTTP/1.1\r\nHost: a\r\n\r\n");
    QTRY_COMPARE(logged.count(), 2);
    QCOMPARE(logged.at(0).at(0).toString(), QStringLiteral("GET /jwks 200"));
    QTRY_VERIFY(socket.bytesAvailable() > 0);
    QTRY_VERIFY(socket.peek(1 << 20).count("HTTP/1.1 200 OK") == 2);
    QCOMPARE(socket.state(), QAbstractSocket::ConnectedState);
}

void TestSandboxServer::manyPipelinedRequestsAreAllServed()
{
    SandboxKit kit;
    Sandbox::SandboxServer server(*kit.provider);
    QVERIFY(server.listen());
    QSignalSpy logged(&server, &Sandbox::SandboxServer::requestLogged);
    QTcpSocket socket;
    socket.connectToHost(QHostAddress::LocalHost, server.port());
    QVERIFY(socket.waitForConnected(5000));
    socket.write(QByteArray("GET /nothing HTTP/1.1\r\nHost: a\r\n\r\n").repeated(200));
    QTRY_COMPARE(logged.count(), 200);
}

void TestSandboxServer::cibaPingNotificationReachesTheListener()
{
    SandboxKit kit;
    Sandbox::SandboxServer server(*kit.provider);
    Http::Transcript log;
    server.setLog(&log);
    QVERIFY(server.listen());
    QSignalSpy sent(&server, &Sandbox::SandboxServer::notificationSent);

    // The client's notification endpoint.
    Ciba::NotificationListener listener;
    QList<QPair<QByteArray, QByteArray>> received;
    listener.setHandler([&received](const QByteArray &authorization, const QByteArray &body) {
        received.append({authorization, body});
        return 204;
    });
    QVERIFY(listener.listen(0, QStringLiteral("/ciba/notify")));

    QNetworkAccessManager network;
    network.setProxy(QNetworkProxy::NoProxy);
    const auto send = [&network](QNetworkRequest request, const QByteArray &body) {
        std::unique_ptr<QNetworkReply> reply(network.post(request, body));
        if (!QTest::qWaitFor([&reply] { return reply->isFinished(); }, 10'000))
            return QJsonObject();
        return QJsonDocument::fromJson(reply->readAll()).object();
    };
    QNetworkRequest registration(QUrl(server.issuer() + QStringLiteral("/register")));
    registration.setHeader(QNetworkRequest::ContentTypeHeader,
                           QByteArrayLiteral("application/json"));
    const QJsonObject client = send(
        registration,
        QJsonDocument(
            QJsonObject{{QStringLiteral("grant_types"),
                         QJsonArray{QStringLiteral("urn:openid:params:grant-type:ciba")}},
                        {QStringLiteral("response_types"), QJsonArray()},
                        {QStringLiteral("backchannel_token_delivery_mode"), QStringLiteral("ping")},
                        {QStringLiteral("backchannel_client_notification_endpoint"),
                         listener.url().toString()}})
            .toJson(QJsonDocument::Compact));
    const QString clientId = client.value(QLatin1String("client_id")).toString();
    QVERIFY2(!clientId.isEmpty(), QJsonDocument(client).toJson().constData());

    QNetworkRequest backchannel(
        QUrl(server.issuer() + QStringLiteral("/backchannel-authentication")));
    backchannel.setHeader(QNetworkRequest::ContentTypeHeader,
                          QByteArrayLiteral("application/x-www-form-urlencoded"));
    backchannel.setRawHeader(
        "Authorization", basic(clientId.toLatin1(),
                               client.value(QLatin1String("client_secret")).toString().toLatin1()));
    const QJsonObject started =
        send(backchannel, form({{QStringLiteral("scope"), QStringLiteral("openid")},
                                {QStringLiteral("login_hint"), QStringLiteral("alice+auto")},
                                {QStringLiteral("client_notification_token"),
                                 QStringLiteral("c2VjcmV0LW5vdGlmeQ")}}));
    const QString authReqId = started.value(QLatin1String("auth_req_id")).toString();
    QVERIFY(!authReqId.isEmpty());

    QTRY_COMPARE(received.size(), 1);
    QCOMPARE(received.at(0).first, QByteArrayLiteral("Bearer c2VjcmV0LW5vdGlmeQ"));
    QCOMPARE(QJsonDocument::fromJson(received.at(0).second).object(),
             (QJsonObject{{QStringLiteral("auth_req_id"), authReqId}}));
    QTRY_COMPARE(sent.size(), 1);
    QCOMPARE(sent.at(0).at(0).toUrl(), listener.url());
    QCOMPARE(sent.at(0).at(1).toInt(), 204);
    // The sandbox's log holds the notification next to the requests it answered.
    const Http::Exchange &notification = log.at(log.size() - 1);
    QCOMPARE(notification.method, QByteArrayLiteral("POST"));
    QCOMPARE(notification.url, listener.url());
    QCOMPARE(notification.statusCode, 204);
    QCOMPARE(notification.requestHeader("Authorization"),
             QByteArrayLiteral("Bearer c2VjcmV0LW5vdGlmeQ"));
    QCOMPARE(notification.requestBody, received.at(0).second);
}

QTEST_GUILESS_MAIN(TestSandboxServer)
#include "TestSandboxServer.moc"
