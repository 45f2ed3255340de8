// CIBA in poll mode against a real provider (oidc-provider on 127.0.0.1, client
// tokenscope-ciba): the provider's "authentication device" approves login_hint
// ciba-approve… and denies ciba-deny… about a second after the request, while the engine
// polls with the CIBA grant. The CLI's `ciba` command is run against it too.
#include "authcode/IdTokenCheck.h"
#include "ciba/CibaFlow.h"
#include "common/Clock.h"
#include "common/PollScheduler.h"
#include "common/RandomSource.h"
#include "http/HttpClient.h"
#include "http/Transcript.h"
#include "support/InteropProvider.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QNetworkAccessManager>
#include <QProcess>
#include <QProcessEnvironment>
#include <QSignalSpy>
#include <QTest>

using namespace Tokenscope;
using namespace Tokenscope::Ciba;
using Tokenscope::AuthCode::FlowError;

class TestCibaInterop final : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void init();
    void cleanup();
    void approvedOnTheDeviceEndsWithVerifiedTokens();
    void deniedOnTheDeviceEndsWithAccessDenied();
    void providerErrorsOfTheRequest_data();
    void providerErrorsOfTheRequest();
    void cliCibaEndsWithTokens();
    void cliCibaDenied();
    void cliCibaUsageErrors_data();
    void cliCibaUsageErrors();

private:
    CibaRequest request(const QString &loginHint) const;
    CibaFlowResult run(const CibaRequest &request);
    QProcess *startCli(const QStringList &arguments);

    QString m_issuer;
    Discovery::ProviderMetadata m_metadata;
    SystemClock m_clock;
    SystemRandomSource m_random;
    TimerPollScheduler m_scheduler;
    std::unique_ptr<Testing::HttpStack> m_stack;
    std::unique_ptr<CibaFlow> m_flow;
};

void TestCibaInterop::initTestCase()
{
    m_issuer = Testing::interopIssuer();
    const Discovery::DiscoveryResult discovered = Testing::discoverInteropProvider(m_clock);
    QVERIFY2(discovered.ok(), qPrintable(discovered.error.message));
    m_metadata = discovered.metadata;
    QVERIFY(m_metadata.endpoint(QStringLiteral("backchannel_authentication_endpoint")).isValid());
}

void TestCibaInterop::init()
{
    m_stack = std::make_unique<Testing::HttpStack>(m_clock);
    m_flow = std::make_unique<CibaFlow>(&m_stack->http, m_random, m_scheduler);
}

void TestCibaInterop::cleanup()
{
    m_flow.reset();
    m_stack.reset();
}

CibaRequest TestCibaInterop::request(const QString &loginHint) const
{
    CibaRequest r;
    r.backchannelAuthenticationEndpoint =
        m_metadata.endpoint(QStringLiteral("backchannel_authentication_endpoint"));
    r.tokenEndpoint = m_metadata.endpoint(QStringLiteral("token_endpoint"));
    r.jwksUri = m_metadata.endpoint(QStringLiteral("jwks_uri"));
    r.issuer = m_metadata.issuer;
    r.client.clientId = QStringLiteral("tokenscope-ciba");
    r.client.secret = "tokenscope-ciba-secret";
    r.client.method = ClientAuth::ClientAuthentication::Method::ClientSecretBasic;
    r.scope = QStringLiteral("openid profile");
    r.loginHint = loginHint;
    r.bindingMessage = QStringLiteral("W4SCT");
    return r;
}

CibaFlowResult TestCibaInterop::run(const CibaRequest &request)
{
    QSignalSpy finished(m_flow.get(), &CibaFlow::finished);
    m_flow->start(request);
    if (finished.isEmpty() && !finished.wait(40'000))
        qWarning("the flow did not finish");
    return m_flow->result();
}

void TestCibaInterop::approvedOnTheDeviceEndsWithVerifiedTokens()
{
    CibaRequest r = request(QStringLiteral("ciba-approve-alice"));
    r.requestedExpiry = 120;
    const CibaFlowResult result = run(r);
    QVERIFY2(result.ok(), qPrintable(result.error.message));
    QCOMPARE(m_flow->step(), CibaFlow::Step::Succeeded);
    QVERIFY(!result.authorization.authReqId.isEmpty());
    QVERIFY(result.authorization.expiresIn > 0);
    QVERIFY(!result.authorization.intervalGiven); // oidc-provider sends none: 5 s
    QCOMPARE(result.polls, 1);
    QVERIFY(!result.tokens.accessToken.isEmpty());
    for (const Finding &finding : result.checks)
        QVERIFY2(finding.status != Finding::Status::Fail, qPrintable(finding.message));
    const bool verified =
        std::any_of(result.checks.cbegin(), result.checks.cend(), [](const Finding &f) {
            return f.rule == QLatin1String("signature_verified") &&
                   f.status == Finding::Status::Pass;
        });
    QVERIFY(verified);
    QCOMPARE(AuthCode::IdTokenCheck::claims(result.tokens.idToken).value(QLatin1String("sub")),
             QJsonValue(QStringLiteral("ciba-approve-alice")));
    // The request, the poll and the key fetch, in that order; one of them a poll.
    QCOMPARE(result.exchanges.size(), 3);
    QCOMPARE(result.pollExchangeIds, QList<quint64>{result.exchanges.at(1).id});
    QVERIFY(result.exchanges.at(1).requestBody.contains(
        "grant_type=urn%3Aopenid%3Aparams%3Agrant-type%3Aciba"));
}

void TestCibaInterop::deniedOnTheDeviceEndsWithAccessDenied()
{
    const CibaFlowResult result = run(request(QStringLiteral("ciba-deny-bob")));
    QCOMPARE(result.error.kind, FlowError::Kind::Provider);
    QCOMPARE(result.error.oauth.error, QStringLiteral("access_denied"));
    QCOMPARE(result.polls, 1);
    QCOMPARE(m_flow->step(), CibaFlow::Step::Failed);
}

void TestCibaInterop::providerErrorsOfTheRequest_data()
{
    QTest::addColumn<QString>("loginHint");
    QTest::addColumn<QString>("bindingMessage");
    QTest::addColumn<QString>("oauthError");
    QTest::newRow("unknown_user_is_unknown_user_id")
        << QStringLiteral("nobody") << QString() << QStringLiteral("unknown_user_id");
    QTest::newRow("long_binding_message_is_refused")
        << QStringLiteral("ciba-approve") << QStringLiteral("a binding message far too long")
        << QStringLiteral("invalid_binding_message");
}

void TestCibaInterop::providerErrorsOfTheRequest()
{
    QFETCH(QString, loginHint);
    QFETCH(QString, bindingMessage);
    QFETCH(QString, oauthError);
    CibaRequest r = request(loginHint);
    r.bindingMessage = bindingMessage;
    const CibaFlowResult result = run(r);
    QCOMPARE(result.error.kind, FlowError::Kind::Provider);
    QCOMPARE(result.error.oauth.error, oauthError);
    QCOMPARE(result.polls, 0);
    QCOMPARE(result.exchanges.size(), 1);
}

QProcess *TestCibaInterop::startCli(const QStringList &arguments)
{
    auto *cli = new QProcess(this);
    QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
    environment.insert(QStringLiteral("TOKENSCOPE_TEST_CIBA_SECRET"),
                       QStringLiteral("tokenscope-ciba-secret"));
    cli->setProcessEnvironment(environment);
    cli->start(QStringLiteral(TOKENSCOPE_CLI_PATH),
               QStringList{QStringLiteral("ciba"), QStringLiteral("--issuer"), m_issuer,
                           QStringLiteral("--client-id"), QStringLiteral("tokenscope-ciba"),
                           QStringLiteral("--client-secret-env"),
                           QStringLiteral("TOKENSCOPE_TEST_CIBA_SECRET"),
                           QStringLiteral("--compact")} +
                   arguments);
    return cli;
}

void TestCibaInterop::cliCibaEndsWithTokens()
{
    QProcess *cli = startCli({QStringLiteral("--login-hint"), QStringLiteral("ciba-approve-carol"),
                              QStringLiteral("--binding-message"), QStringLiteral("W4SCT")});
    QVERIFY(cli->waitForStarted());
    QVERIFY(QTest::qWaitFor([cli] { return cli->state() == QProcess::NotRunning; }, 40'000));
    const QByteArray err = cli->readAllStandardError();
    QCOMPARE(cli->exitCode(), 0);
    QVERIFY2(err.contains("expires_in: "), err.constData());
    const QJsonObject document = QJsonDocument::fromJson(cli->readAllStandardOutput()).object();
    QVERIFY2(document.value(QLatin1String("ok")).toBool(), err.constData());
    QCOMPARE(document.value(QLatin1String("flow")).toString(), QStringLiteral("ciba"));
    const QJsonObject result = document.value(QLatin1String("result")).toObject();
    QCOMPARE(result.value(QLatin1String("claims")).toObject().value(QLatin1String("sub")),
             QJsonValue(QStringLiteral("ciba-approve-carol")));
    QCOMPARE(result.value(QLatin1String("backchannel_authentication"))
                 .toObject()
                 .value(QLatin1String("auth_req_id"))
                 .toString(),
             QStringLiteral("[redacted]"));
}

void TestCibaInterop::cliCibaDenied()
{
    QProcess *cli = startCli({QStringLiteral("--login-hint"), QStringLiteral("ciba-deny-dave")});
    QVERIFY(cli->waitForStarted());
    QVERIFY(QTest::qWaitFor([cli] { return cli->state() == QProcess::NotRunning; }, 40'000));
    QCOMPARE(cli->exitCode(), 1);
    const QJsonObject document = QJsonDocument::fromJson(cli->readAllStandardOutput()).object();
    QVERIFY(!document.value(QLatin1String("ok")).toBool());
    const QJsonObject error = document.value(QLatin1String("error")).toObject();
    QCOMPARE(error.value(QLatin1String("kind")).toString(), QStringLiteral("provider"));
    QCOMPARE(error.value(QLatin1String("error")).toString(), QStringLiteral("access_denied"));
}

void TestCibaInterop::cliCibaUsageErrors_data()
{
    QTest::addColumn<QStringList>("arguments");
    QTest::addColumn<QString>("messagePart");
    QTest::newRow("no_hint_is_a_usage_error") << QStringList() << QStringLiteral("Exactly one");
    QTest::newRow("two_hints_are_a_usage_error")
        << QStringList{QStringLiteral("--login-hint"), QStringLiteral("ciba-approve"),
                       QStringLiteral("--login-hint-token"), QStringLiteral("t")}
        << QStringLiteral("Exactly one");
    QTest::newRow("scope_without_openid_is_a_usage_error")
        << QStringList{QStringLiteral("--login-hint"), QStringLiteral("ciba-approve"),
                       QStringLiteral("--scope"), QStringLiteral("email")}
        << QStringLiteral("openid");
}

void TestCibaInterop::cliCibaUsageErrors()
{
    QFETCH(QStringList, arguments);
    QFETCH(QString, messagePart);
    QProcess *cli = startCli(arguments);
    QVERIFY(cli->waitForStarted());
    QVERIFY(QTest::qWaitFor([cli] { return cli->state() == QProcess::NotRunning; }, 20'000));
    QCOMPARE(cli->exitCode(), 2);
    const QJsonObject document = QJsonDocument::fromJson(cli->readAllStandardOutput()).object();
    const QJsonObject error = document.value(QLatin1String("error")).toObject();
    QCOMPARE(error.value(QLatin1String("kind")).toString(), QStringLiteral("usage"));
    QVERIFY2(error.value(QLatin1String("message")).toString().contains(messagePart),
             qPrintable(error.value(QLatin1String("message")).toString()));
    QVERIFY(document.value(QLatin1String("exchanges")).toArray().isEmpty());
}

QTEST_GUILESS_MAIN(TestCibaInterop)
#include "TestCibaInterop.moc"
