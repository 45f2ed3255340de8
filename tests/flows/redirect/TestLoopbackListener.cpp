// The loopback redirect listener (RFC 8252 §7.3): 127.0.0.1 only, the right Host only, the
// first response only; query, fragment (relayed) and form_post all arrive.
#include "redirect/LoopbackListener.h"

#include <QNetworkInterface>
#include <QSignalSpy>
#include <QTcpSocket>
#include <QTest>

using namespace Tokenscope::Redirect;

class TestLoopbackListener final : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void cleanup();

    void listensOnLoopbackOnly();
    void ipv6LoopbackIsServedToo();
    void queryResponseIsTakenOnce();
    void fragmentIsRelayedByThePage();
    void formPostBodyIsTaken();
    void wrongHostIsRefused();
    void otherPathsAreNotTaken();
    void oversizedRequestIsRefused();
    void garbageIsABadRequestAndTheFlowGoesOn();
    void otherMethodsAndBodiesAreNotTaken_data();
    void otherMethodsAndBodiesAreNotTaken();
    void fixedPortIsHonoured();
    void closeReleasesThePort();

private:
    // Sends raw bytes to the listener and returns everything it answered.
    QByteArray exchange(const QByteArray &request);
    QByteArray host() const;

    std::unique_ptr<LoopbackListener> m_listener;
    int m_port = 0;
};

void TestLoopbackListener::init()
{
    m_listener = std::make_unique<LoopbackListener>();
    QVERIFY2(m_listener->listen(0, QStringLiteral("/callback")),
             qPrintable(m_listener->errorString()));
    m_port = m_listener->redirectUri().port();
}

void TestLoopbackListener::cleanup()
{
    m_listener.reset();
}

QByteArray TestLoopbackListener::host() const
{
    return "127.0.0.1:" + QByteArray::number(m_port);
}

QByteArray TestLoopbackListener::exchange(const QByteArray &request)
{
    QTcpSocket socket;
    socket.connectToHost(QHostAddress::LocalHost, quint16(m_port));
    if (!socket.waitForConnected(5000))
        return "not connected";
    socket.write(request);
    QByteArray response;
    const bool closed = QTest::qWaitFor([&] {
        response += socket.readAll();
        return socket.state() == QAbstractSocket::UnconnectedState;
    });
    if (!closed)
        return "listener did not close the connection: " + response;
    return response + socket.readAll();
}

void TestLoopbackListener::listensOnLoopbackOnly()
{
    const QUrl uri = m_listener->redirectUri();
    QCOMPARE(uri.host(), QStringLiteral("127.0.0.1"));
    QVERIFY(uri.port() > 0);
    QCOMPARE(uri.path(), QStringLiteral("/callback"));
    // From any other address of this machine, nothing listens on that port.
    const auto addresses = QNetworkInterface::allAddresses();
    int tried = 0;
    for (const QHostAddress &address : addresses) {
        if (address.isLoopback() || address.protocol() != QAbstractSocket::IPv4Protocol)
            continue;
        QTcpSocket socket;
        socket.connectToHost(address, quint16(uri.port()));
        QVERIFY2(!socket.waitForConnected(2000), qPrintable(address.toString()));
        ++tried;
    }
    if (tried == 0)
        QSKIP("this machine has no non-loopback IPv4 address to try");
}

void TestLoopbackListener::ipv6LoopbackIsServedToo()
{
    LoopbackListener listener;
    if (!listener.listen(0, QStringLiteral("/cb"), true))
        QSKIP("no IPv6 loopback here");
    const QUrl uri = listener.redirectUri();
    QCOMPARE(uri.host(), QStringLiteral("::1"));
    QVERIFY(uri.toString().startsWith(QStringLiteral("http://[::1]:")));
    QSignalSpy received(&listener, &LoopbackListener::redirectReceived);
    QSignalSpy rejected(&listener, &LoopbackListener::requestRejected);
    const auto send = [&uri](const QByteArray &hostHeader) -> QByteArray {
        QTcpSocket socket;
        socket.connectToHost(QHostAddress::LocalHostIPv6, quint16(uri.port()));
        if (!socket.waitForConnected(5000))
            return QByteArray("not connected");
        socket.write("GET /cb?code=c&state=s HTTP/1.1\r\nHost: " + hostHeader + "\r\n\r\n");
        QByteArray response;
        if (!QTest::qWaitFor([&] {
                response += socket.readAll();
                return socket.state() == QAbstractSocket::UnconnectedState;
            }))
            return "listener did not close the connection: " + response;
        return response + socket.readAll();
    };
    // The IPv4 name of the port is not this listener's.
    QVERIFY(send("127.0.0.1:" + QByteArray::number(uri.port())).startsWith("HTTP/1.1 421"));
    QCOMPARE(rejected.size(), 1);
    QVERIFY(send("[::1]:" + QByteArray::number(uri.port())).startsWith("HTTP/1.1 200"));
    QCOMPARE(received.size(), 1);
    // Nothing on 127.0.0.1 at that port.
    QTcpSocket v4;
    v4.connectToHost(QHostAddress::LocalHost, quint16(uri.port()));
    QVERIFY(!v4.waitForConnected(2000));
}

void TestLoopbackListener::queryResponseIsTakenOnce()
{
    QSignalSpy received(m_listener.get(), &LoopbackListener::redirectReceived);
    QSignalSpy rejected(m_listener.get(), &LoopbackListener::requestRejected);
    const QByteArray first =
        exchange("GET /callback?code=SplxlOBeZQQYbYS6WxSbIA&state=xyz&iss=https%3A%2F%2Fas "
                 "HTTP/1.1\r\nHost: " +
                 host() + "\r\n\r\n");
    QVERIFY2(first.startsWith("HTTP/1.1 200"), first.constData());
    QVERIFY(first.contains("Cache-Control: no-store"));
    QCOMPARE(received.size(), 1);
    const auto result = received.at(0).at(0).value<RedirectResult>();
    QCOMPARE(result.source, RedirectResult::Source::Query);
    QCOMPARE(result.value(QStringLiteral("code")), QStringLiteral("SplxlOBeZQQYbYS6WxSbIA"));
    QCOMPARE(result.value(QStringLiteral("iss")), QStringLiteral("https://as"));
    QVERIFY(m_listener->hasReceived());

    // After one valid callback the listener is closed: a second one finds nobody.
    QVERIFY(!m_listener->isListening());
    const QByteArray second =
        exchange("GET /callback?code=other&state=xyz HTTP/1.1\r\nHost: " + host() + "\r\n\r\n");
    QCOMPARE(second, QByteArray("not connected"));
    QCOMPARE(received.size(), 1);
    QCOMPARE(rejected.size(), 0);
}

void TestLoopbackListener::fragmentIsRelayedByThePage()
{
    QSignalSpy received(m_listener.get(), &LoopbackListener::redirectReceived);
    // The browser never sends the fragment: the listener answers with a relay page.
    const QByteArray page = exchange("GET /callback HTTP/1.1\r\nHost: " + host() + "\r\n\r\n");
    QVERIFY2(page.startsWith("HTTP/1.1 200"), page.constData());
    QVERIFY(page.contains("window.location.hash"));
    QVERIFY(page.contains(LoopbackListener::fragmentField().toLatin1()));
    // Values reach the script as JSON string literals, never spliced in raw.
    QVERIFY2(page.contains("f.action = \"/callback\";"), page.constData());
    QCOMPARE(received.size(), 0);
    // What the page posts back: location.hash without '#', form-encoded.
    const QByteArray hash = "access_token=2YotnFZFEjr1zCsicMWpAA&state=a%20b&token_type=Bearer";
    const QByteArray body = LoopbackListener::fragmentField().toLatin1() + '=' +
                            QUrl::toPercentEncoding(QString::fromLatin1(hash));
    const QByteArray relayed = exchange("POST /callback HTTP/1.1\r\nHost: " + host() +
                                        "\r\nContent-Type: application/x-www-form-urlencoded"
                                        "\r\nContent-Length: " +
                                        QByteArray::number(body.size()) + "\r\n\r\n" + body);
    QVERIFY2(relayed.startsWith("HTTP/1.1 200"), relayed.constData());
    QCOMPARE(received.size(), 1);
    const auto result = received.at(0).at(0).value<RedirectResult>();
    QCOMPARE(result.source, RedirectResult::Source::Fragment);
    QCOMPARE(result.value(QStringLiteral("access_token")),
             QStringLiteral("2YotnFZFEjr1zCsicMWpAA"));
    QCOMPARE(result.value(QStringLiteral("state")), QStringLiteral("a b"));
    QCOMPARE(result.url.fragment(QUrl::FullyEncoded).toLatin1(), hash);
}

void TestLoopbackListener::formPostBodyIsTaken()
{
    QSignalSpy received(m_listener.get(), &LoopbackListener::redirectReceived);
    const QByteArray body = "code=abc&state=xyz&id_token=eyJ.e30.sig";
    const QByteArray response =
        exchange("POST /callback HTTP/1.1\r\nHost: " + host() +
                 "\r\nContent-Type: application/x-www-form-urlencoded\r\nContent-Length: " +
                 QByteArray::number(body.size()) + "\r\n\r\n" + body);
    QVERIFY2(response.startsWith("HTTP/1.1 200"), response.constData());
    QCOMPARE(received.size(), 1);
    const auto result = received.at(0).at(0).value<RedirectResult>();
    QCOMPARE(result.source, RedirectResult::Source::FormPost);
    QCOMPARE(result.formBody, body);
    QCOMPARE(result.value(QStringLiteral("id_token")), QStringLiteral("eyJ.e30.sig"));
}

void TestLoopbackListener::wrongHostIsRefused()
{
    QSignalSpy received(m_listener.get(), &LoopbackListener::redirectReceived);
    QSignalSpy rejected(m_listener.get(), &LoopbackListener::requestRejected);
    // A page on another site that resolved its name to 127.0.0.1 (DNS rebinding).
    const QByteArray response =
        exchange("GET /callback?code=stolen&state=x HTTP/1.1\r\nHost: attacker.example:" +
                 QByteArray::number(m_listener->redirectUri().port()) + "\r\n\r\n");
    QVERIFY2(response.startsWith("HTTP/1.1 421"), response.constData());
    QCOMPARE(received.size(), 0);
    QCOMPARE(rejected.size(), 1);
    QVERIFY(!m_listener->hasReceived());
    // The control: the right host is taken.
    exchange("GET /callback?code=ok&state=x HTTP/1.1\r\nHost: " + host() + "\r\n\r\n");
    QCOMPARE(received.size(), 1);
}

void TestLoopbackListener::otherPathsAreNotTaken()
{
    QSignalSpy received(m_listener.get(), &LoopbackListener::redirectReceived);
    const QByteArray favicon =
        exchange("GET /favicon.ico HTTP/1.1\r\nHost: " + host() + "\r\n\r\n");
    QVERIFY2(favicon.startsWith("HTTP/1.1 404"), favicon.constData());
    const QByteArray prefix =
        exchange("GET /callbackx?code=1 HTTP/1.1\r\nHost: " + host() + "\r\n\r\n");
    QVERIFY2(prefix.startsWith("HTTP/1.1 404"), prefix.constData());
    QCOMPARE(received.size(), 0);
}

void TestLoopbackListener::oversizedRequestIsRefused()
{
    QSignalSpy received(m_listener.get(), &LoopbackListener::redirectReceived);
    const QByteArray response = exchange(
        "POST /callback HTTP/1.1\r\nHost: " + host() +
        "\r\nContent-Type: application/x-www-form-urlencoded\r\nContent-Length: 99999999\r\n\r\n");
    QVERIFY2(response.startsWith("HTTP/1.1 413"), response.constData());
    QCOMPARE(received.size(), 0);
}

void TestLoopbackListener::garbageIsABadRequestAndTheFlowGoesOn()
{
    QSignalSpy received(m_listener.get(), &LoopbackListener::redirectReceived);
    // Not HTTP: a TLS ClientHello's first bytes, then a line break; and an SSH banner.
    const QByteArray binary = exchange(QByteArray::fromHex("160301020001") + "\r\n\r\n");
    QVERIFY2(binary.startsWith("HTTP/1.1 400"), binary.constData());
    const QByteArray banner = exchange("SSH-2.0-OpenSSH_9.2p1 Debian 2 x\r\n\r\n");
    QVERIFY2(banner.startsWith("HTTP/1.1 400"), banner.constData());
    QCOMPARE(received.size(), 0);
    QVERIFY(!m_listener->hasReceived());
    QVERIFY(m_listener->isListening());
    // A valid callback afterwards still completes.
    const QByteArray ok =
        exchange("GET /callback?code=c&state=s HTTP/1.1\r\nHost: " + host() + "\r\n\r\n");
    QVERIFY2(ok.startsWith("HTTP/1.1 200"), ok.constData());
    QCOMPARE(received.size(), 1);
    QCOMPARE(received.at(0).at(0).value<RedirectResult>().value(QStringLiteral("code")),
             QStringLiteral("c"));
}

void TestLoopbackListener::otherMethodsAndBodiesAreNotTaken_data()
{
    QTest::addColumn<QByteArray>("head"); // the request line and headers before Host
    QTest::addColumn<QByteArray>("contentType");
    QTest::addColumn<QByteArray>("status");
    QTest::newRow("put_is_405") << QByteArray("PUT /callback?code=c&state=s HTTP/1.1")
                                << QByteArray("application/x-www-form-urlencoded")
                                << QByteArray("405");
    QTest::newRow("delete_is_405") << QByteArray("DELETE /callback?code=c&state=s HTTP/1.1")
                                   << QByteArray() << QByteArray("405");
    QTest::newRow("post_json_is_415") << QByteArray("POST /callback HTTP/1.1")
                                      << QByteArray("application/json") << QByteArray("415");
    QTest::newRow("post_text_is_415")
        << QByteArray("POST /callback HTTP/1.1") << QByteArray("text/plain") << QByteArray("415");
    QTest::newRow("post_without_content_type_is_415")
        << QByteArray("POST /callback HTTP/1.1") << QByteArray() << QByteArray("415");
    QTest::newRow("http_0_9_style_is_400")
        << QByteArray("GET /callback?code=c&state=s FTP/1.0") << QByteArray() << QByteArray("400");
}

void TestLoopbackListener::otherMethodsAndBodiesAreNotTaken()
{
    QFETCH(QByteArray, head);
    QFETCH(QByteArray, contentType);
    QFETCH(QByteArray, status);
    QSignalSpy received(m_listener.get(), &LoopbackListener::redirectReceived);
    const QByteArray body = "code=c&state=s";
    QByteArray request = head + "\r\nHost: " + host() + "\r\n";
    if (!contentType.isEmpty())
        request += "Content-Type: " + contentType + "\r\n";
    request += "Content-Length: " + QByteArray::number(body.size()) + "\r\n\r\n" + body;
    const QByteArray response = exchange(request);
    QVERIFY2(response.startsWith(QByteArray("HTTP/1.1 " + status)), response.constData());
    // Not taken: the flow does not complete, and the listener still waits for the response.
    QCOMPARE(received.size(), 0);
    QVERIFY(!m_listener->hasReceived());
    QVERIFY(m_listener->isListening());
    exchange("GET /callback?code=ok&state=s HTTP/1.1\r\nHost: " + host() + "\r\n\r\n");
    QCOMPARE(received.size(), 1);
}

static quint16 freePort()
{
    QTcpServer probe;
    if (!probe.listen(QHostAddress::LocalHost, 0))
        return 0;
    return probe.serverPort(); // released when probe goes
}

void TestLoopbackListener::fixedPortIsHonoured()
{
    const quint16 port = freePort();
    QVERIFY(port > 0);
    LoopbackListener listener;
    QVERIFY2(listener.listen(port, QStringLiteral("/cb")), qPrintable(listener.errorString()));
    QCOMPARE(listener.redirectUri(), QUrl(QStringLiteral("http://127.0.0.1:%1/cb").arg(port)));
    QSignalSpy received(&listener, &LoopbackListener::redirectReceived);
    QTcpSocket socket;
    socket.connectToHost(QHostAddress::LocalHost, port);
    QVERIFY(socket.waitForConnected(5000));
    socket.write("GET /cb?code=c&state=s HTTP/1.1\r\nHost: 127.0.0.1:" + QByteArray::number(port) +
                 "\r\n\r\n");
    QTRY_COMPARE(received.size(), 1);
    // A port that is taken is an error that says so, not another port.
    LoopbackListener second;
    QTcpServer holder;
    QVERIFY(holder.listen(QHostAddress::LocalHost, 0));
    QVERIFY(!second.listen(holder.serverPort(), QStringLiteral("/cb")));
    QVERIFY(second.errorString().contains(QString::number(holder.serverPort())));
    QVERIFY(!second.isListening());
}

void TestLoopbackListener::closeReleasesThePort()
{
    const quint16 port = quint16(m_port);
    // Before close: connections are accepted.
    {
        QTcpSocket socket;
        socket.connectToHost(QHostAddress::LocalHost, port);
        QVERIFY(socket.waitForConnected(5000));
    }
    m_listener->close(); // what cancel and a timeout do
    QVERIFY(!m_listener->isListening());
    QTcpSocket refused;
    refused.connectToHost(QHostAddress::LocalHost, port);
    QVERIFY(!refused.waitForConnected(2000));
    // The port is free again: a new listener binds it.
    LoopbackListener next;
    QVERIFY2(next.listen(port, QStringLiteral("/callback")), qPrintable(next.errorString()));
    QCOMPARE(next.redirectUri().port(), int(port));
    // And the same listener can listen again on it after the other one is gone.
    next.close();
    QVERIFY2(m_listener->listen(port, QStringLiteral("/callback")),
             qPrintable(m_listener->errorString()));
}

QTEST_GUILESS_MAIN(TestLoopbackListener)
#include "TestLoopbackListener.moc"
