// The provider panel against a loopback provider: discovery fills the endpoints,
// capabilities, findings and raw document; every failure is explained in place.
#include "UiSession.h"
#include "common/CodeView.h"
#include "provider/ProviderPanel.h"

#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSignalSpy>
#include <QTableWidget>
#include <QTest>
#include <QTreeWidget>

using Tokenscope::Testing::LoopbackServer;
using Tokenscope::Testing::ReceivedRequest;

namespace {

bool tableContains(const QTableWidget *table, int column, const QString &text)
{
    for (int row = 0; row < table->rowCount(); ++row) {
        if (table->item(row, column) && table->item(row, column)->text() == text)
            return true;
    }
    return false;
}

QString cell(const QTableWidget *table, const QString &key, int column)
{
    for (int row = 0; row < table->rowCount(); ++row) {
        if (table->item(row, 0) && table->item(row, 0)->text() == key)
            return table->item(row, column) ? table->item(row, column)->text() : QString();
    }
    return {};
}

} // namespace

class TestProviderPanel final : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void cleanup();

    void discoveryShowsEndpointsCapabilitiesAndDocument();
    void enterInTheIssuerFieldDiscovers();
    void htmlErrorPageIsExplainedInPlace();
    void malformedJsonNamesLineAndColumn();
    void issuerMismatchShowsBothIssuers();
    void invalidIssuerIsExplainedWithoutARequest();
    void nextSuccessHidesTheError();

private:
    void typeIssuerAndDiscover(const QString &issuer);

    std::unique_ptr<UiSession> m_session;
    std::unique_ptr<ProviderPanel> m_panel;
    QLineEdit *m_issuer = nullptr;
    QPushButton *m_discover = nullptr;
    QLabel *m_error = nullptr;
};

void TestProviderPanel::init()
{
    m_session = std::make_unique<UiSession>();
    m_panel = std::make_unique<ProviderPanel>(&m_session->discovery);
    m_panel->resize(900, 600);
    m_panel->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_panel.get()));
    QCOMPARE(m_panel->objectName(), QStringLiteral("providerPanel"));
    m_issuer = childNamed<QLineEdit>(m_panel.get(), "issuerEdit");
    m_discover = childNamed<QPushButton>(m_panel.get(), "discoverButton");
    m_error = childNamed<QLabel>(m_panel.get(), "errorLabel");
    QVERIFY(m_issuer && m_discover && m_error);
    QVERIFY(!m_issuer->placeholderText().isEmpty());
}

void TestProviderPanel::cleanup()
{
    m_panel.reset();
    m_session.reset();
}

void TestProviderPanel::typeIssuerAndDiscover(const QString &issuer)
{
    m_issuer->clear();
    QTest::keyClicks(m_issuer, issuer);
    QTest::mouseClick(m_discover, Qt::LeftButton);
}

void TestProviderPanel::discoveryShowsEndpointsCapabilitiesAndDocument()
{
    LoopbackServer server({});
    serveDiscovery(server);
    const QString issuer = QString::fromLatin1(issuerOf(server));

    typeIssuerAndDiscover(issuer);
    QVERIFY(!m_discover->isEnabled()); // while running

    auto *endpoints = childNamed<QTableWidget>(m_panel.get(), "endpointsView");
    QVERIFY(endpoints);
    QTRY_VERIFY(tableContains(endpoints, 1, issuer + QStringLiteral("/token")));
    QCOMPARE(cell(endpoints, QStringLiteral("token_endpoint"), 1),
             issuer + QStringLiteral("/token"));
    QCOMPARE(cell(endpoints, QStringLiteral("jwks_uri"), 1), issuer + QStringLiteral("/jwks"));
    QVERIFY(m_discover->isEnabled());
    QVERIFY(!m_error->isVisible());

    auto *capabilities = childNamed<QTableWidget>(m_panel.get(), "capabilitiesView");
    QVERIFY(capabilities);
    QCOMPARE(cell(capabilities, QStringLiteral("code_challenge_methods_supported"), 1),
             QStringLiteral("S256"));
    QCOMPARE(cell(capabilities, QStringLiteral("code_challenge_methods_supported"), 2),
             QStringLiteral("advertised"));
    // Absent from the document: the spec's default, marked as such.
    QCOMPARE(cell(capabilities, QStringLiteral("grant_types_supported"), 1),
             QStringLiteral("authorization_code, implicit"));
    QCOMPARE(cell(capabilities, QStringLiteral("grant_types_supported"), 2),
             QStringLiteral("default"));

    QVERIFY(childNamed<QTreeWidget>(m_panel.get(), "findingsView"));
    auto *raw = childNamed<CodeView>(m_panel.get(), "rawDocumentView");
    QVERIFY(raw);
    QVERIFY(raw->toPlainText().startsWith(QStringLiteral("{\n  \"issuer\": \"") + issuer));

    auto *summary = childNamed<QLabel>(m_panel.get(), "summaryLabel");
    QVERIFY(summary->text().contains(issuer));
    QVERIFY(summary->text().contains(issuer + QStringLiteral("/.well-known/openid-configuration")));
    QVERIFY(summary->text().contains(QStringLiteral("3 endpoint")));
}

void TestProviderPanel::enterInTheIssuerFieldDiscovers()
{
    LoopbackServer server({});
    serveDiscovery(server);
    QTest::keyClicks(m_issuer, QString::fromLatin1(issuerOf(server)));
    QTest::keyClick(m_issuer, Qt::Key_Return);
    auto *endpoints = childNamed<QTableWidget>(m_panel.get(), "endpointsView");
    QTRY_COMPARE(endpoints->rowCount(), 3);
    QCOMPARE(server.requests().size(), 1);
}

void TestProviderPanel::htmlErrorPageIsExplainedInPlace()
{
    LoopbackServer server([](const ReceivedRequest &, QTcpSocket *socket) {
        LoopbackServer::respond(socket, 404, "Not Found", {{"Content-Type", "text/html"}},
                                "<!DOCTYPE html><html><body><h1>Not Found</h1></body></html>");
    });
    typeIssuerAndDiscover(QString::fromLatin1(issuerOf(server)));
    QTRY_VERIFY(m_error->isVisible());
    QVERIFY2(m_error->text().contains(QStringLiteral("404")), qPrintable(m_error->text()));
    QVERIFY(m_error->text().contains(QStringLiteral("HTML")));
    QCOMPARE(m_panel->errorText(), m_error->text());
    QCOMPARE(childNamed<QTableWidget>(m_panel.get(), "endpointsView")->rowCount(), 0);
    QVERIFY(m_discover->isEnabled());
}

void TestProviderPanel::malformedJsonNamesLineAndColumn()
{
    LoopbackServer server([](const ReceivedRequest &, QTcpSocket *socket) {
        LoopbackServer::respondJson(socket, 200, "{\n  \"issuer\": \"x\",\n  oops\n}");
    });
    typeIssuerAndDiscover(QString::fromLatin1(issuerOf(server)));
    QTRY_VERIFY(m_error->isVisible());
    QVERIFY2(m_error->text().contains(QStringLiteral("line 3")), qPrintable(m_error->text()));
    QVERIFY(m_error->text().contains(QStringLiteral("column")));
}

void TestProviderPanel::issuerMismatchShowsBothIssuers()
{
    LoopbackServer server([](const ReceivedRequest &, QTcpSocket *socket) {
        LoopbackServer::respondJson(socket, 200, discoveryDocument("https://elsewhere.example"));
    });
    const QString issuer = QString::fromLatin1(issuerOf(server));
    typeIssuerAndDiscover(issuer);
    QTRY_VERIFY(m_error->isVisible());
    QVERIFY2(m_error->text().contains(QStringLiteral("Expected issuer: ") + issuer),
             qPrintable(m_error->text()));
    QVERIFY(m_error->text().contains(QStringLiteral("https://elsewhere.example")));
    // The document is still there to look at.
    QCOMPARE(childNamed<QTableWidget>(m_panel.get(), "endpointsView")->rowCount(), 3);
}

void TestProviderPanel::invalidIssuerIsExplainedWithoutARequest()
{
    QSignalSpy sent(&m_session->transcript, &Tokenscope::Http::Transcript::exchangeAdded);
    typeIssuerAndDiscover(QStringLiteral("not a url"));
    QTRY_VERIFY(m_error->isVisible());
    QVERIFY(!m_error->text().isEmpty());
    QVERIFY(m_discover->isEnabled());
    QCOMPARE(sent.count(), 0);
}

void TestProviderPanel::nextSuccessHidesTheError()
{
    LoopbackServer server([](const ReceivedRequest &, QTcpSocket *socket) {
        LoopbackServer::respondJson(socket, 500, R"({"error":"server_error"})");
    });
    typeIssuerAndDiscover(QString::fromLatin1(issuerOf(server)));
    QTRY_VERIFY(m_error->isVisible());
    QVERIFY(m_error->text().contains(QStringLiteral("server_error")));

    serveDiscovery(server);
    QTest::mouseClick(m_discover, Qt::LeftButton);
    QTRY_COMPARE(childNamed<QTableWidget>(m_panel.get(), "endpointsView")->rowCount(), 3);
    QVERIFY(!m_error->isVisible());
    QVERIFY(m_panel->errorText().isEmpty());
}

QTEST_MAIN(TestProviderPanel)
#include "TestProviderPanel.moc"
