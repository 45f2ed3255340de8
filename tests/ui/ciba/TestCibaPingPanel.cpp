// ui/ciba/CibaFlowPanel in ping mode against the in-process sandbox provider: a client
// registered for ping, a run with a login hint the sandbox approves at once, the panel's
// listener taking the sandbox's notification, and the tokens asked for only then.
#include "SandboxHost.h"
#include "UiSession.h"
#include "ciba/CibaFlowPanel.h"
#include "ciba/NotificationListener.h"
#include "discovery/ProviderMetadata.h"
#include "grants/ClientFields.h"
#include "http/Transcript.h"

#include <QCheckBox>
#include <QJsonArray>
#include <QJsonDocument>
#include <QLabel>
#include <QLineEdit>
#include <QNetworkReply>
#include <QPushButton>
#include <QSignalSpy>
#include <QTcpServer>
#include <QTemporaryDir>
#include <QTest>

using namespace Tokenscope;

class TestCibaPingPanel final : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void pingRunWaitsForTheNotification();
    void pingEndpointMustBeLoopback();

private:
    void setText(QWidget *panel, const char *name, const QString &text);
    // Registers a CIBA client for ping mode at the sandbox; its id and secret.
    QPair<QString, QString> registerPingClient(const QString &notificationEndpoint);

    QTemporaryDir m_keys;
    UiSession m_session;
    std::unique_ptr<Sandbox::SandboxHost> m_sandbox;
};

void TestCibaPingPanel::initTestCase()
{
    m_sandbox =
        std::make_unique<Sandbox::SandboxHost>(m_session.clock, m_session.random, m_keys.path());
    QString error;
    QVERIFY2(m_sandbox->start(0, &error), qPrintable(error));
}

void TestCibaPingPanel::setText(QWidget *panel, const char *name, const QString &text)
{
    auto *edit = childNamed<QLineEdit>(panel, name);
    QVERIFY(edit);
    edit->setText(text);
}

QPair<QString, QString> TestCibaPingPanel::registerPingClient(const QString &notificationEndpoint)
{
    QNetworkRequest request(QUrl(m_sandbox->issuer() + QStringLiteral("/register")));
    request.setHeader(QNetworkRequest::ContentTypeHeader, QByteArrayLiteral("application/json"));
    std::unique_ptr<QNetworkReply> reply(m_session.network.post(
        request,
        QJsonDocument(
            QJsonObject{
                {QStringLiteral("grant_types"),
                 QJsonArray{QStringLiteral("urn:openid:params:grant-type:ciba")}},
                {QStringLiteral("response_types"), QJsonArray()},
                {QStringLiteral("backchannel_token_delivery_mode"), QStringLiteral("ping")},
                {QStringLiteral("backchannel_client_notification_endpoint"), notificationEndpoint}})
            .toJson(QJsonDocument::Compact)));
    if (!QTest::qWaitFor([&reply] { return reply->isFinished(); }, 10'000))
        return {};
    const QJsonObject client = QJsonDocument::fromJson(reply->readAll()).object();
    return {client.value(QLatin1String("client_id")).toString(),
            client.value(QLatin1String("client_secret")).toString()};
}

void TestCibaPingPanel::pingRunWaitsForTheNotification()
{
    // A free port for the notification endpoint: bound, then released.
    quint16 port = 0;
    {
        QTcpServer probe;
        QVERIFY(probe.listen(QHostAddress::LocalHost, 0));
        port = probe.serverPort();
    }
    const QString endpoint = QStringLiteral("http://127.0.0.1:%1/ciba/notify").arg(port);
    const auto client = registerPingClient(endpoint);
    QVERIFY(!client.first.isEmpty());

    CibaFlowPanel panel(&m_session.http, m_session.random, nullptr, nullptr);
    panel.show();
    const QJsonObject metadata = m_sandbox->metadata();
    panel.setProvider(Discovery::ProviderMetadata::fromJson(
        metadata, QJsonDocument(metadata).toJson(),
        QUrl(m_sandbox->issuer() + QStringLiteral("/.well-known/openid-configuration")),
        Discovery::WellKnown::Kind::OpenIdConfiguration));
    setText(&panel, "cibaClientIdEdit", client.first);
    setText(&panel, "cibaClientSecretEdit", client.second);
    setText(&panel, "cibaHintEdit", QStringLiteral("alice+auto"));
    auto *ping = childNamed<QCheckBox>(&panel, "cibaPingCheck");
    auto *endpointEdit = childNamed<QLineEdit>(&panel, "cibaNotificationEndpointEdit");
    QCOMPARE(endpointEdit->text(), QStringLiteral("http://127.0.0.1:0/ciba/notify"));
    QVERIFY(!endpointEdit->isEnabled());
    ping->setChecked(true);
    QVERIFY(endpointEdit->isEnabled());
    endpointEdit->setText(endpoint);
    QVERIFY2(panel.problem().isEmpty(), qPrintable(panel.problem()));

    QStringList events; // the order in which the notification and the token answers came
    connect(panel.flow(), &Ciba::CibaFlow::polled, this,
            [&events](int number) { events.append(QStringLiteral("poll %1").arg(number)); });
    QStringList statuses; // what the status line said at each step
    connect(panel.flow(), &Ciba::CibaFlow::stepChanged, this,
            [&statuses, &panel] { statuses.append(panel.statusText()); });
    QSignalSpy finished(panel.flow(), &Ciba::CibaFlow::finished);
    QTest::mouseClick(childNamed<QPushButton>(&panel, "cibaStartButton"), Qt::LeftButton);
    QVERIFY(panel.listener());
    QCOMPARE(panel.listener()->url(), QUrl(endpoint));
    connect(panel.listener(), &Ciba::NotificationListener::notificationReceived, this,
            [&events](int status) { events.append(QStringLiteral("notified %1").arg(status)); });
    QVERIFY(panel.flow()->request().isPingMode());
    QCOMPARE(panel.flow()->request().clientNotificationEndpoint, QUrl(endpoint));
    QVERIFY(panel.flow()->request().clientNotificationToken.size() >= 43); // 256 bits

    QVERIFY(finished.wait(20'000));
    const Ciba::CibaFlowResult &result = panel.flow()->result();
    QVERIFY2(result.ok(), qPrintable(result.error.message));
    QVERIFY(result.notified);
    QVERIFY(!result.tokens.raw.value(QLatin1String("access_token")).toString().isEmpty());
    QCOMPARE(events, (QStringList{QStringLiteral("notified 204"), QStringLiteral("poll 1")}));
    QCOMPARE(result.polls, 1);
    QCOMPARE(result.pollExchangeIds.size(), 1);
    int tokenRequests = 0;
    for (const Http::Exchange &exchange : m_session.transcript.exchanges())
        tokenRequests += exchange.url.path() == QLatin1String("/token");
    QCOMPARE(tokenRequests, 1);

    const auto *notification = childNamed<QLabel>(&panel, "cibaNotificationLabel");
    QVERIFY(notification->isVisible());
    QVERIFY2(notification->text().contains(QStringLiteral("Notification received")),
             qPrintable(notification->text()));
    QVERIFY2(statuses.join(QLatin1Char('\n'))
                 .contains(QStringLiteral("waiting for the provider's notification")),
             qPrintable(statuses.join(QLatin1Char('\n'))));
    QVERIFY2(panel.statusText().contains(QStringLiteral("notification came")),
             qPrintable(panel.statusText()));
    QTRY_VERIFY(!panel.listener()); // closed after the run
    // The sandbox recorded the notification it sent.
    bool logged = false;
    for (const Http::Exchange &exchange : m_sandbox->log()->exchanges())
        logged |= exchange.url == QUrl(endpoint) && exchange.statusCode == 204;
    QVERIFY(logged);
}

void TestCibaPingPanel::pingEndpointMustBeLoopback()
{
    CibaFlowPanel panel(&m_session.http, m_session.random, nullptr, nullptr);
    setText(&panel, "cibaEndpointEdit",
            m_sandbox->issuer() + QStringLiteral("/backchannel-authentication"));
    setText(&panel, "cibaTokenEndpointEdit", m_sandbox->issuer() + QStringLiteral("/token"));
    setText(&panel, "cibaClientIdEdit", QStringLiteral("sandbox-ciba"));
    setText(&panel, "cibaClientSecretEdit", QStringLiteral("sandbox-secret"));
    setText(&panel, "cibaHintEdit", QStringLiteral("alice"));
    QVERIFY2(panel.problem().isEmpty(), qPrintable(panel.problem()));
    childNamed<QCheckBox>(&panel, "cibaPingCheck")->setChecked(true);
    QVERIFY(panel.problem().isEmpty()); // the default endpoint
    setText(&panel, "cibaNotificationEndpointEdit", QStringLiteral("https://rp.example.com/cb"));
    QVERIFY(panel.problem().contains(QStringLiteral("127.0.0.1")));
}

QTEST_MAIN(TestCibaPingPanel)
#include "TestCibaPingPanel.moc"
