// The exchange inspector over a live transcript: rows follow the exchanges as they are
// sent and completed; the selected one is shown in full, masked until secrets are shown.
#include "UiSession.h"
#include "common/BodyText.h"
#include "common/BodyView.h"
#include "common/CodeView.h"
#include "http/PendingExchange.h"
#include "inspector/ExchangeDetailView.h"
#include "inspector/ExchangeInspector.h"
#include "inspector/ExchangeListModel.h"
#include "inspector/HeadersView.h"
#include "inspector/MessagePane.h"

#include <QAbstractButton>
#include <QClipboard>
#include <QComboBox>
#include <QGuiApplication>
#include <QLabel>
#include <QTableWidget>
#include <QTest>
#include <QTextBrowser>
#include <QTreeView>
#include <QTreeWidget>
#include <QTreeWidgetItemIterator>

using Tokenscope::Http::HttpRequest;
using Tokenscope::Testing::LoopbackServer;
using Tokenscope::Testing::ReceivedRequest;

namespace {

QString headerValue(const QTableWidget *table, const QString &name)
{
    for (int row = 0; row < table->rowCount(); ++row) {
        if (table->item(row, 0)->text().compare(name, Qt::CaseInsensitive) == 0)
            return table->item(row, 1)->text();
    }
    return QStringLiteral("<absent>");
}

const QByteArray Secret = "s3cr3t-client-value";
const QByteArray Password = "p4ssw0rd-in-basic";

} // namespace

class TestExchangeInspector final : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void cleanup();

    void pendingRowIsUpdatedWhenComplete();
    void selectedExchangeShowsRequestAndResponse();
    void copyAsCurlAndCopyRaw();
    void secretsAreMaskedUntilShown();
    void transportFailureIsShownInRed();
    void largeBodyIsShownRawWithoutFreezing();
    void htmlPageRendersWithoutLoadingAnything();
    void clearingTheTranscriptEmptiesTheInspector();
    void httpsResponseHasATlsTab();

private:
    QString statusOfRow(int row) const;
    Tokenscope::Http::PendingExchange *get(const LoopbackServer &server, const QString &path);

    std::unique_ptr<UiSession> m_session;
    std::unique_ptr<ExchangeInspector> m_inspector;
    QTreeView *m_list = nullptr;
};

void TestExchangeInspector::init()
{
    m_session = std::make_unique<UiSession>();
    m_inspector = std::make_unique<ExchangeInspector>(&m_session->transcript);
    m_inspector->resize(1200, 500);
    m_inspector->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_inspector.get()));
    QCOMPARE(m_inspector->objectName(), QStringLiteral("exchangeInspector"));
    m_list = childNamed<QTreeView>(m_inspector.get(), "exchangeList");
    QVERIFY(m_list);
}

void TestExchangeInspector::cleanup()
{
    m_inspector.reset();
    m_session.reset();
    QGuiApplication::clipboard()->clear();
}

QString TestExchangeInspector::statusOfRow(int row) const
{
    return m_list->model()->index(row, ExchangeListModel::Status).data().toString();
}

Tokenscope::Http::PendingExchange *TestExchangeInspector::get(const LoopbackServer &server,
                                                              const QString &path)
{
    return m_session->http.send(
        HttpRequest::get(server.url(path.toUtf8()), QStringLiteral("test")));
}

void TestExchangeInspector::pendingRowIsUpdatedWhenComplete()
{
    QPointer<QTcpSocket> held;
    LoopbackServer server([&held](const ReceivedRequest &, QTcpSocket *socket) { held = socket; });
    get(server, QStringLiteral("/slow"));
    QTRY_COMPARE(m_list->model()->rowCount(), 1);
    QCOMPARE(statusOfRow(0), QStringLiteral("…"));
    QTRY_VERIFY(held);

    LoopbackServer::respondJson(held, 200, R"({"done":true})");
    QTRY_COMPARE(statusOfRow(0), QStringLiteral("200 OK"));
    QVERIFY(!m_list->model()->index(0, ExchangeListModel::Time).data().toString().isEmpty());
    // Nothing was selected: the inspector followed the new exchange.
    QCOMPARE(m_inspector->currentRow(), 0);
    auto *body = childNamed<BodyView>(m_inspector.get(), "responseBodyView");
    QTRY_COMPARE(body->text(), QStringLiteral("{\n  \"done\": true\n}"));
}

void TestExchangeInspector::selectedExchangeShowsRequestAndResponse()
{
    LoopbackServer server({});
    serveDiscovery(server);
    get(server, QStringLiteral("/.well-known/openid-configuration"));
    get(server, QStringLiteral("/missing"));
    QTRY_COMPARE(m_list->model()->rowCount(), 2);
    QTRY_COMPARE(statusOfRow(0), QStringLiteral("200 OK"));
    QTRY_VERIFY(statusOfRow(1).startsWith(QStringLiteral("404")));

    const QModelIndex first = m_list->model()->index(0, ExchangeListModel::Url);
    QTest::mouseClick(m_list->viewport(), Qt::LeftButton, {}, m_list->visualRect(first).center());
    QCOMPARE(m_inspector->currentRow(), 0);

    auto *requestLine = childNamed<QLabel>(m_inspector.get(), "requestLineLabel");
    QCOMPARE(requestLine->text(), QStringLiteral("GET /.well-known/openid-configuration HTTP/1.1"));
    auto *requestHeaders = childNamed<QTableWidget>(m_inspector.get(), "requestHeadersTable");
    QVERIFY(requestHeaders);
    QCOMPARE(requestHeaders->item(0, 0)->text(), QStringLiteral("Host")); // wire order
    QCOMPARE(headerValue(requestHeaders, QStringLiteral("Host")),
             QStringLiteral("127.0.0.1:%1").arg(server.serverPort()));
    QVERIFY(headerValue(requestHeaders, QStringLiteral("User-Agent"))
                .startsWith(QStringLiteral("Tokenscope/")));

    auto *responsePane = childNamed<MessagePane>(m_inspector.get(), "responsePane");
    responsePane->setCurrentWidget(responsePane->headersView());
    auto *statusLine = childNamed<QLabel>(m_inspector.get(), "statusLineLabel");
    QCOMPARE(statusLine->text(), QStringLiteral("HTTP/1.1 200 OK"));
    auto *responseHeaders = childNamed<QTableWidget>(m_inspector.get(), "responseHeadersTable");
    QCOMPARE(headerValue(responseHeaders, QStringLiteral("Content-Type")),
             QStringLiteral("application/json"));

    // The response opens on its body: pretty-printed and highlighted JSON.
    auto *body = childNamed<BodyView>(m_inspector.get(), "responseBodyView");
    responsePane->setCurrentWidget(body);
    const QString issuer = QString::fromLatin1(issuerOf(server));
    QVERIFY2(body->text().startsWith(QStringLiteral("{\n  \"issuer\": \"") + issuer +
                                     QStringLiteral("\",\n  \"authorization_endpoint\"")),
             qPrintable(body->text()));
    QVERIFY(body->isHighlighted());
    QCOMPARE(body->kind(), BodyText::Kind::Json);

    auto *raw = childNamed<CodeView>(m_inspector.get(), "responseRawView");
    responsePane->setCurrentWidget(raw);
    QVERIFY(raw->toPlainText().startsWith(QStringLiteral("HTTP/1.1 200 OK\n")));
    QVERIFY(raw->toPlainText().contains(QString::fromLatin1(discoveryDocument(issuerOf(server)))));

    auto *requestPane = childNamed<MessagePane>(m_inspector.get(), "requestPane");
    auto *requestRaw = childNamed<CodeView>(m_inspector.get(), "requestRawView");
    requestPane->setCurrentWidget(requestRaw);
    QVERIFY(requestRaw->toPlainText().startsWith(
        QStringLiteral("GET /.well-known/openid-configuration HTTP/1.1\nHost: 127.0.0.1:")));

    auto *info = childNamed<QLabel>(m_inspector.get(), "exchangeInfo");
    QVERIFY(info->text().contains(QStringLiteral("total")));

    // The second row, a 404.
    m_inspector->selectRow(1);
    responsePane->setCurrentWidget(responsePane->headersView());
    QCOMPARE(statusLine->text(), QStringLiteral("HTTP/1.1 404 Error"));
}

void TestExchangeInspector::copyAsCurlAndCopyRaw()
{
    LoopbackServer server({});
    serveDiscovery(server);
    auto *copyCurl = childNamed<QAbstractButton>(m_inspector.get(), "copyCurlButton");
    auto *copyRaw = childNamed<QAbstractButton>(m_inspector.get(), "copyRawButton");
    QVERIFY(copyCurl && copyRaw);
    QVERIFY(!copyCurl->isEnabled()); // nothing selected

    get(server, QStringLiteral("/.well-known/openid-configuration"));
    QTRY_COMPARE(statusOfRow(0), QStringLiteral("200 OK"));
    m_inspector->selectRow(0);
    QVERIFY(copyCurl->isEnabled());

    QTest::mouseClick(copyCurl, Qt::LeftButton);
    const QString curl = QGuiApplication::clipboard()->text();
    QVERIFY2(curl.startsWith(QStringLiteral("curl")), qPrintable(curl));
    QVERIFY(curl.contains(server.url("/.well-known/openid-configuration").toString()));

    QTest::mouseClick(copyRaw, Qt::LeftButton);
    const QString raw = QGuiApplication::clipboard()->text();
    QVERIFY(raw.startsWith(QStringLiteral("GET /.well-known/openid-configuration HTTP/1.1\r\n")));
    QVERIFY(raw.contains(QStringLiteral("HTTP/1.1 200 OK\r\n")));
    QVERIFY(raw.endsWith(QString::fromLatin1(discoveryDocument(issuerOf(server)))));
}

void TestExchangeInspector::secretsAreMaskedUntilShown()
{
    LoopbackServer server([](const ReceivedRequest &, QTcpSocket *socket) {
        LoopbackServer::respondJson(socket, 200,
                                    R"({"access_token":"at-0123456789","token_type":"Bearer"})");
    });
    HttpRequest request = HttpRequest::postForm(
        server.url("/token"), "grant_type=client_credentials&client_id=app&client_secret=" + Secret,
        QStringLiteral("token"));
    request.headers.append({"Authorization", "Basic " + QByteArray("app:" + Password).toBase64()});
    m_session->http.send(request);
    QTRY_COMPARE(statusOfRow(0), QStringLiteral("200 OK"));
    m_inspector->selectRow(0);

    auto *toggle = childNamed<QAbstractButton>(m_inspector.get(), "showSecretsToggle");
    QVERIFY(toggle && toggle->isCheckable());
    QVERIFY(!toggle->isChecked());

    auto *headers = childNamed<QTableWidget>(m_inspector.get(), "requestHeadersTable");
    auto *requestPane = childNamed<MessagePane>(m_inspector.get(), "requestPane");
    auto *requestBody = childNamed<BodyView>(m_inspector.get(), "requestBodyView");
    auto *responseBody = childNamed<BodyView>(m_inspector.get(), "responseBodyView");
    auto *requestRaw = childNamed<CodeView>(m_inspector.get(), "requestRawView");

    QCOMPARE(headerValue(headers, QStringLiteral("Authorization")),
             QStringLiteral("Basic [redacted]"));
    requestPane->setCurrentWidget(requestBody);
    QVERIFY2(requestBody->text().contains(QStringLiteral("client_secret = [redacted]")),
             qPrintable(requestBody->text()));
    QVERIFY(!requestBody->text().contains(QString::fromLatin1(Secret)));
    QVERIFY(responseBody->text().contains(QStringLiteral("\"access_token\": \"[redacted]\"")));
    requestPane->setCurrentWidget(requestRaw);
    QVERIFY(!requestRaw->toPlainText().contains(QString::fromLatin1(Secret)));

    QTest::mouseClick(childNamed<QAbstractButton>(m_inspector.get(), "copyCurlButton"),
                      Qt::LeftButton);
    QVERIFY(!QGuiApplication::clipboard()->text().contains(QString::fromLatin1(Secret)));
    QTest::mouseClick(childNamed<QAbstractButton>(m_inspector.get(), "copyRawButton"),
                      Qt::LeftButton);
    QVERIFY(QGuiApplication::clipboard()->text().contains(QStringLiteral("[redacted]")));
    QVERIFY(!QGuiApplication::clipboard()->text().contains(QString::fromLatin1(Secret)));
    QVERIFY(!QGuiApplication::clipboard()->text().contains(QStringLiteral("at-0123456789")));

    QTest::mouseClick(toggle, Qt::LeftButton);
    QVERIFY(toggle->isChecked());
    QVERIFY(requestRaw->toPlainText().contains(QString::fromLatin1(Secret)));
    requestPane->setCurrentWidget(requestPane->headersView());
    QCOMPARE(headerValue(headers, QStringLiteral("Authorization")),
             QStringLiteral("Basic ") +
                 QString::fromLatin1(QByteArray("app:" + Password).toBase64()));
    requestPane->setCurrentWidget(requestBody);
    QVERIFY(requestBody->text().contains(QStringLiteral("client_secret = ") +
                                         QString::fromLatin1(Secret)));
    QVERIFY(responseBody->text().contains(QStringLiteral("at-0123456789")));
    QTest::mouseClick(childNamed<QAbstractButton>(m_inspector.get(), "copyCurlButton"),
                      Qt::LeftButton);
    QVERIFY(QGuiApplication::clipboard()->text().contains(QString::fromLatin1(Secret)));

    QTest::mouseClick(toggle, Qt::LeftButton);
    QVERIFY(!requestBody->text().contains(QString::fromLatin1(Secret)));
}

void TestExchangeInspector::transportFailureIsShownInRed()
{
    quint16 port = 0;
    {
        LoopbackServer closed({});
        port = closed.serverPort();
    }
    m_session->http.send(HttpRequest::get(
        QUrl(QStringLiteral("http://127.0.0.1:%1/gone").arg(port)), QStringLiteral("test")));
    QTRY_COMPARE(statusOfRow(0), QStringLiteral("Connection refused"));
    m_inspector->selectRow(0);
    auto *error = childNamed<QLabel>(m_inspector.get(), "exchangeError");
    QVERIFY(error->isVisible());
    QVERIFY2(error->text().contains(QStringLiteral("Connection refused")),
             qPrintable(error->text()));
    auto *statusLine = childNamed<QLabel>(m_inspector.get(), "statusLineLabel");
    auto *responsePane = childNamed<MessagePane>(m_inspector.get(), "responsePane");
    responsePane->setCurrentWidget(responsePane->headersView());
    QVERIFY(statusLine->text().startsWith(QStringLiteral("No response")));
}

void TestExchangeInspector::largeBodyIsShownRawWithoutFreezing()
{
    // 4 MiB of JSON on a single line: as one block, a text view would take seconds.
    QByteArray big = R"({"keys":[)";
    while (big.size() < 4 * 1024 * 1024 - 100) // just under the client's 4 MiB cap
        big += R"({"kid":"k","n":"0123456789abcdef0123456789abcdef"},)";
    big.chop(1);
    big += "]}";
    LoopbackServer server([&big](const ReceivedRequest &, QTcpSocket *socket) {
        LoopbackServer::respondJson(socket, 200, big);
    });
    get(server, QStringLiteral("/jwks"));
    QTRY_COMPARE(statusOfRow(0), QStringLiteral("200 OK"));
    QCOMPARE(m_inspector->currentRow(), 0);

    // Showing secrets renders the exchange anew, and so does opening the tabs. How long
    // that takes is measured by bench/, not here: here, that the big body is cut.
    m_inspector->setShowSecrets(true);
    auto *body = childNamed<BodyView>(m_inspector.get(), "responseBodyView");
    auto *responsePane = childNamed<MessagePane>(m_inspector.get(), "responsePane");
    responsePane->setCurrentWidget(body);
    auto *raw = childNamed<CodeView>(m_inspector.get(), "responseRawView");
    responsePane->setCurrentWidget(raw);
    QTest::qWait(0);

    QVERIFY(!body->isHighlighted());
    QVERIFY2(body->note().contains(QStringLiteral("Large body")), qPrintable(body->note()));
    QVERIFY(body->note().contains(QStringLiteral("first 1 MiB of")));
    QVERIFY(body->text().size() < BodyText::DisplayLimit + BodyText::DisplayLimit / 100);
    QVERIFY(body->text().startsWith(QStringLiteral(R"({"keys":[{"kid")")));
}

void TestExchangeInspector::htmlPageRendersWithoutLoadingAnything()
{
    LoopbackServer server([](const ReceivedRequest &, QTcpSocket *socket) {
        LoopbackServer::respond(
            socket, 500, "Internal Server Error", {{"Content-Type", "text/html; charset=utf-8"}},
            "<!DOCTYPE html><html><head><link rel=stylesheet href=\"/style.css\"></head>"
            "<body><h1>Something broke</h1><img src=\"/logo.png\">"
            "<a href=\"/help\">help</a></body></html>");
    });
    get(server, QStringLiteral("/authorize"));
    QTRY_VERIFY(statusOfRow(0).startsWith(QStringLiteral("500")));
    m_inspector->selectRow(0);

    auto *body = childNamed<BodyView>(m_inspector.get(), "responseBodyView");
    auto *responsePane = childNamed<MessagePane>(m_inspector.get(), "responsePane");
    responsePane->setCurrentWidget(body);
    QCOMPARE(body->kind(), BodyText::Kind::Html);
    QVERIFY(body->text().startsWith(QStringLiteral("<!DOCTYPE html>"))); // source first
    QCOMPARE(body->modes(),
             (QList<BodyView::Mode>{BodyView::Mode::AsReceived, BodyView::Mode::Rendered}));

    auto *modeBox = childNamed<QComboBox>(body, "bodyModeBox");
    QVERIFY(modeBox->isVisible());
    modeBox->setCurrentIndex(1);
    auto *rendered = childNamed<QTextBrowser>(body, "bodyRendered");
    QVERIFY(rendered->isVisible());
    QVERIFY(rendered->toPlainText().contains(QStringLiteral("Something broke")));
    QVERIFY(!rendered->openExternalLinks());
    QVERIFY(!rendered->openLinks());
    QTest::qWait(50);
    QCOMPARE(server.requests().size(), 1); // no style sheet, image or link was fetched
}

void TestExchangeInspector::clearingTheTranscriptEmptiesTheInspector()
{
    LoopbackServer server({});
    serveDiscovery(server);
    get(server, QStringLiteral("/.well-known/openid-configuration"));
    QTRY_COMPARE(statusOfRow(0), QStringLiteral("200 OK"));
    m_inspector->selectRow(0);
    auto *count = childNamed<QLabel>(m_inspector.get(), "exchangeCount");
    QVERIFY(count->text().startsWith(QStringLiteral("1 ")));

    QTest::mouseClick(childNamed<QAbstractButton>(m_inspector.get(), "clearButton"),
                      Qt::LeftButton);
    QCOMPARE(m_list->model()->rowCount(), 0);
    QVERIFY(childNamed<QLabel>(m_inspector.get(), "exchangePlaceholder")->isVisible());
    QVERIFY(!childNamed<QAbstractButton>(m_inspector.get(), "copyCurlButton")->isEnabled());
    QVERIFY(count->text().startsWith(QStringLiteral("0 ")));
}

void TestExchangeInspector::httpsResponseHasATlsTab()
{
    // An https exchange as the client records it (no TLS server needed for the view).
    Tokenscope::Http::Exchange exchange;
    exchange.id = m_session->transcript.nextId();
    exchange.method = "GET";
    exchange.url = QUrl(QStringLiteral("https://idp.example/.well-known/openid-configuration"));
    exchange.hasResponse = true;
    exchange.statusCode = 200;
    exchange.reasonPhrase = "OK";
    exchange.durationUs = 40'000;
    exchange.tls.protocol = QStringLiteral("TLS 1.3");
    exchange.tls.cipher = QStringLiteral("TLS_AES_256_GCM_SHA384");
    Tokenscope::Http::CertificateSummary leaf;
    leaf.subject = QStringLiteral("CN=idp.example");
    leaf.issuer = QStringLiteral("CN=Example CA");
    leaf.sha256Fingerprint = QStringLiteral("AB:CD:EF");
    exchange.tls.peerChain = {leaf};
    exchange.tls.errors = {QStringLiteral("The certificate has expired")};
    m_session->transcript.record(exchange);
    m_inspector->selectRow(0);

    auto *responsePane = childNamed<MessagePane>(m_inspector.get(), "responsePane");
    auto *tls = childNamed<QTreeWidget>(m_inspector.get(), "responseTlsView");
    QVERIFY(tls);
    QVERIFY(responsePane->isTabVisible(responsePane->indexOf(tls)));
    responsePane->setCurrentWidget(tls);
    QStringList texts;
    for (QTreeWidgetItemIterator it(tls); *it; ++it)
        texts.append((*it)->text(0) + QLatin1Char('=') + (*it)->text(1));
    const QString all = texts.join(QLatin1Char('\n'));
    QVERIFY2(all.contains(QStringLiteral("Protocol=TLS 1.3")), qPrintable(all));
    QVERIFY(all.contains(QStringLiteral("Cipher=TLS_AES_256_GCM_SHA384")));
    QVERIFY(all.contains(QStringLiteral("Issuer=CN=Example CA")));
    QVERIFY(all.contains(QStringLiteral("SHA-256=AB:CD:EF")));
    QVERIFY(all.contains(QStringLiteral("The certificate has expired")));

    // Plain http: no TLS tab.
    LoopbackServer server({});
    serveDiscovery(server);
    get(server, QStringLiteral("/.well-known/openid-configuration"));
    QTRY_COMPARE(statusOfRow(1), QStringLiteral("200 OK"));
    m_inspector->selectRow(1);
    QVERIFY(!responsePane->isTabVisible(responsePane->indexOf(tls)));
}

QTEST_MAIN(TestExchangeInspector)
#include "TestExchangeInspector.moc"
