// Discovery against a real OpenID provider (panva's oidc-provider on 127.0.0.1), through
// the engine and through tokenscope-cli.
#include "common/Clock.h"
#include "discovery/DiscoveryClient.h"
#include "http/HttpClient.h"
#include "http/Transcript.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QProcess>
#include <QSignalSpy>
#include <QTest>

using namespace Tokenscope;
using namespace Tokenscope::Discovery;

class TestDiscoveryInterop final : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void engineDiscoversTheProvider();
    void engineRejectsATrailingSlashIssuer();
    void cliPrintsMetadataAndTheRawExchange();
    void cliFindsRfc8414Metadata();
    void cliReportsTheProvidersNotFound();

private:
    DiscoveryResult discover(const QString &issuer, WellKnown::Mode mode = WellKnown::Mode::Auto);
    static QJsonObject runCli(const QStringList &arguments, int *exitCode);

    QString m_issuer;
};

void TestDiscoveryInterop::initTestCase()
{
    m_issuer = qEnvironmentVariable("TOKENSCOPE_INTEROP_ISSUER");
    QVERIFY2(!m_issuer.isEmpty(), "TOKENSCOPE_INTEROP_ISSUER is set by the CTest fixture");
}

DiscoveryResult TestDiscoveryInterop::discover(const QString &issuer, WellKnown::Mode mode)
{
    SystemClock clock;
    QNetworkAccessManager network;
    Http::Transcript transcript;
    Http::HttpClient http(&network, &transcript, clock);
    DiscoveryClient discovery(&http);
    QSignalSpy finished(&discovery, &DiscoveryClient::finished);
    discovery.discover(issuer, mode);
    if (!finished.wait(20'000))
        qWarning("discovery did not finish");
    return discovery.result();
}

void TestDiscoveryInterop::engineDiscoversTheProvider()
{
    const DiscoveryResult result = discover(m_issuer);
    QVERIFY2(result.ok(), qPrintable(result.error.message));
    const ProviderMetadata &m = result.metadata;
    QCOMPARE(m.issuer, m_issuer);
    QCOMPARE(m.sourceKind, WellKnown::Kind::OpenIdConfiguration);
    QCOMPARE(m.endpoint(QStringLiteral("token_endpoint")).host(), QStringLiteral("127.0.0.1"));
    QVERIFY(m.endpoint(QStringLiteral("jwks_uri")).isValid());
    QVERIFY(m.endpoint(QStringLiteral("authorization_endpoint")).isValid());
    QVERIFY(m.codeChallengeMethods().contains(QStringLiteral("S256")));
    QVERIFY(m.grantTypes().contains(QStringLiteral("authorization_code")));
    QVERIFY(m.capability(QStringLiteral("id_token_signing_alg_values_supported"))
                .contains(QStringLiteral("RS256")));
    // The raw exchange: as sent, as received.
    QCOMPARE(result.exchanges.size(), 1);
    const Http::Exchange &exchange = result.exchanges.constFirst();
    QCOMPARE(exchange.statusCode, 200);
    QVERIFY(exchange.responseIsJson());
    QCOMPARE(exchange.responseBody, m.rawDocument);
    QVERIFY(!exchange.responseHeaders.isEmpty());
    QCOMPARE(exchange.requestHeaders.constFirst().first, QByteArray("Host"));
    // The provider's own findings about its document are advisory, never fatal.
    for (const Finding &finding : m.findings)
        QVERIFY2(finding.status != Finding::Status::Fail, qPrintable(finding.message));
}

void TestDiscoveryInterop::engineRejectsATrailingSlashIssuer()
{
    const DiscoveryResult result = discover(m_issuer + QLatin1Char('/'));
    QCOMPARE(result.error.kind, DiscoveryError::Kind::IssuerMismatch);
    QCOMPARE(result.error.actual, m_issuer);
    QVERIFY(result.error.message.contains(QStringLiteral("trailing slash")));
}

QJsonObject TestDiscoveryInterop::runCli(const QStringList &arguments, int *exitCode)
{
    QProcess process;
    process.start(QStringLiteral(TOKENSCOPE_CLI_PATH), arguments);
    if (!process.waitForFinished(30'000)) {
        process.kill();
        process.waitForFinished();
    }
    *exitCode = process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -1;
    return QJsonDocument::fromJson(process.readAllStandardOutput()).object();
}

void TestDiscoveryInterop::cliPrintsMetadataAndTheRawExchange()
{
    int exitCode = -1;
    const QJsonObject document = runCli({QStringLiteral("discover"), m_issuer}, &exitCode);
    QCOMPARE(exitCode, 0);
    QVERIFY(document.value(QLatin1String("ok")).toBool());
    const QJsonObject result = document.value(QLatin1String("result")).toObject();
    QCOMPARE(result.value(QLatin1String("issuer")).toString(), m_issuer);
    QCOMPARE(result.value(QLatin1String("metadata"))
                 .toObject()
                 .value(QLatin1String("issuer"))
                 .toString(),
             m_issuer);
    const QJsonArray exchanges = document.value(QLatin1String("exchanges")).toArray();
    QCOMPARE(exchanges.size(), 1);
    const QJsonObject response =
        exchanges.first().toObject().value(QLatin1String("response")).toObject();
    QCOMPARE(response.value(QLatin1String("status")).toInt(), 200);
    const QJsonObject body =
        QJsonDocument::fromJson(response.value(QLatin1String("body")).toString().toUtf8()).object();
    QCOMPARE(body.value(QLatin1String("issuer")).toString(), m_issuer);
}

void TestDiscoveryInterop::cliFindsRfc8414Metadata()
{
    int exitCode = -1;
    const QJsonObject document = runCli({QStringLiteral("discover"), QStringLiteral("--well-known"),
                                         QStringLiteral("oauth"), m_issuer},
                                        &exitCode);
    QCOMPARE(exitCode, 0);
    const QJsonObject result = document.value(QLatin1String("result")).toObject();
    QCOMPARE(result.value(QLatin1String("metadata_kind")).toString(),
             QStringLiteral("oauth-authorization-server"));
    QVERIFY(result.value(QLatin1String("metadata_url"))
                .toString()
                .endsWith(QLatin1String("/.well-known/oauth-authorization-server")));
}

void TestDiscoveryInterop::cliReportsTheProvidersNotFound()
{
    // No issuer lives under this path: the provider answers every candidate with 404,
    // which the CLI reports as the provider's error, with exit code 1.
    int exitCode = -1;
    const QJsonObject document = runCli(
        {QStringLiteral("discover"), m_issuer + QStringLiteral("/no-such-tenant")}, &exitCode);
    QCOMPARE(exitCode, 1);
    const QJsonObject error = document.value(QLatin1String("error")).toObject();
    QCOMPARE(error.value(QLatin1String("kind")).toString(), QStringLiteral("http_status"));
    QCOMPARE(error.value(QLatin1String("http_status")).toInt(), 404);
    QVERIFY(error.value(QLatin1String("message")).toString().contains(QStringLiteral("404")));
    QCOMPARE(document.value(QLatin1String("exchanges")).toArray().size(), 3);
}

QTEST_GUILESS_MAIN(TestDiscoveryInterop)
#include "TestDiscoveryInterop.moc"
