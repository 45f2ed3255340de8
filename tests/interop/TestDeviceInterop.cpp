// The device authorization grant against a real provider (oidc-provider on 127.0.0.1,
// client tokenscope-device): the engine asks for a user code and polls, while a headless
// user opens verification_uri_complete on "another device" over HTTP, confirms the code,
// logs in and consents (or aborts). The CLI's `device` command is run the same way.
#include "authcode/IdTokenCheck.h"
#include "common/Clock.h"
#include "common/PollScheduler.h"
#include "common/RandomSource.h"
#include "device/DeviceFlow.h"
#include "http/HttpClient.h"
#include "http/Transcript.h"
#include "support/DeviceApprover.h"
#include "support/InteropProvider.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QNetworkAccessManager>
#include <QProcess>
#include <QRegularExpression>
#include <QSignalSpy>
#include <QTest>
#include <QTimer>

using namespace Tokenscope;
using namespace Tokenscope::Device;
using Tokenscope::AuthCode::FlowError;

class TestDeviceInterop final : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void init();
    void cleanup();
    void userApprovesWhileTheEnginePolls();
    void userAbortsAndThePollSaysAccessDenied();
    void cliDevicePrintsTheCodeAndEndsWithTokens();
    void cliDeviceInterruptedStillPrintsTheDocument();

private:
    DeviceRequest request() const;

    QString m_issuer;
    Discovery::ProviderMetadata m_metadata;
    SystemClock m_clock;
    SystemRandomSource m_random;
    TimerPollScheduler m_scheduler;
    std::unique_ptr<Testing::HttpStack> m_stack;
    std::unique_ptr<DeviceFlow> m_flow;
};

void TestDeviceInterop::initTestCase()
{
    m_issuer = Testing::interopIssuer();
    const Discovery::DiscoveryResult discovered = Testing::discoverInteropProvider(m_clock);
    QVERIFY2(discovered.ok(), qPrintable(discovered.error.message));
    m_metadata = discovered.metadata;
    QVERIFY(m_metadata.endpoint(QStringLiteral("device_authorization_endpoint")).isValid());
}

void TestDeviceInterop::init()
{
    m_stack = std::make_unique<Testing::HttpStack>(m_clock);
    m_flow = std::make_unique<DeviceFlow>(&m_stack->http, m_random, m_scheduler);
}

void TestDeviceInterop::cleanup()
{
    m_flow.reset();
    m_stack.reset();
}

DeviceRequest TestDeviceInterop::request() const
{
    DeviceRequest r;
    r.deviceAuthorizationEndpoint =
        m_metadata.endpoint(QStringLiteral("device_authorization_endpoint"));
    r.tokenEndpoint = m_metadata.endpoint(QStringLiteral("token_endpoint"));
    r.jwksUri = m_metadata.endpoint(QStringLiteral("jwks_uri"));
    r.issuer = m_metadata.issuer;
    r.client.clientId = QStringLiteral("tokenscope-device");
    r.scope = QStringLiteral("openid profile");
    return r;
}

void TestDeviceInterop::userApprovesWhileTheEnginePolls()
{
    // The user acts only after the provider has answered authorization_pending once.
    Testing::DeviceApprover user;
    bool userDone = false;
    connect(m_flow.get(), &DeviceFlow::polled, this, [&](int number, const QString &answer) {
        // Outside the signal: the engine schedules its next poll meanwhile.
        if (number == 1 && answer == QLatin1String("authorization_pending"))
            QTimer::singleShot(0, this, [&] {
                userDone = user.run(m_flow->result().authorization.verificationUriComplete);
            });
    });
    QSignalSpy finished(m_flow.get(), &DeviceFlow::finished);
    m_flow->start(request());
    QVERIFY(finished.wait(40'000));
    QVERIFY2(userDone, qPrintable(user.log()));
    const DeviceFlowResult &result = m_flow->result();
    QVERIFY2(result.ok(), qPrintable(result.error.message));
    QCOMPARE(m_flow->step(), DeviceFlow::Step::Succeeded);
    QVERIFY(!result.authorization.userCode.isEmpty());
    QVERIFY(result.authorization.verificationUriComplete.toString().contains(
        result.authorization.userCode));
    QCOMPARE(result.polls, 2);
    QCOMPARE(result.pollExchangeIds.size(), 2);
    QVERIFY(!result.tokens.accessToken.isEmpty());
    QVERIFY(!result.tokens.idToken.isEmpty());
    // The ID token is verified with the provider's keys and names alice.
    for (const Finding &finding : result.checks)
        QVERIFY2(finding.status != Finding::Status::Fail, qPrintable(finding.message));
    const bool signed_ =
        std::any_of(result.checks.cbegin(), result.checks.cend(), [](const auto &f) {
            return f.rule == QLatin1String("signature_verified") &&
                   f.status == Finding::Status::Pass;
        });
    QVERIFY(signed_);
    QCOMPARE(AuthCode::IdTokenCheck::claims(result.tokens.idToken).value(QLatin1String("sub")),
             QJsonValue(QStringLiteral("alice")));
}

void TestDeviceInterop::userAbortsAndThePollSaysAccessDenied()
{
    Testing::DeviceApprover user(Testing::DeviceApprover::Answer::Abort);
    bool userDone = false;
    connect(m_flow.get(), &DeviceFlow::authorizationReady, this,
            [&](const DeviceAuthorization &authorization) {
                const QUrl url = authorization.verificationUriComplete;
                QTimer::singleShot(0, this, [&, url] { userDone = user.run(url); });
            });
    QSignalSpy finished(m_flow.get(), &DeviceFlow::finished);
    m_flow->start(request());
    QVERIFY(finished.wait(40'000));
    QVERIFY2(userDone, qPrintable(user.log()));
    const DeviceFlowResult &result = m_flow->result();
    QCOMPARE(result.error.kind, FlowError::Kind::Provider);
    QCOMPARE(result.error.oauth.error, QStringLiteral("access_denied"));
    QCOMPARE(result.polls, 1);
    QCOMPARE(m_flow->step(), DeviceFlow::Step::Failed);
}

void TestDeviceInterop::cliDevicePrintsTheCodeAndEndsWithTokens()
{
    QProcess cli;
    cli.start(QStringLiteral(TOKENSCOPE_CLI_PATH),
              {QStringLiteral("device"), QStringLiteral("--issuer"), m_issuer,
               QStringLiteral("--client-id"), QStringLiteral("tokenscope-device"),
               QStringLiteral("--scope"), QStringLiteral("openid profile"),
               QStringLiteral("--compact")});
    QVERIFY(cli.waitForStarted());
    QByteArray err;
    QUrl complete;
    QByteArray userCode;
    QVERIFY(QTest::qWaitFor(
        [&] {
            err += cli.readAllStandardError();
            static const QRegularExpression line(
                QStringLiteral("^verification_uri_complete: (\\S+)$"),
                QRegularExpression::MultilineOption);
            static const QRegularExpression code(QStringLiteral("^user_code: (\\S+)$"),
                                                 QRegularExpression::MultilineOption);
            const QString text = QString::fromUtf8(err);
            complete = QUrl::fromEncoded(line.match(text).captured(1).toLatin1());
            userCode = code.match(text).captured(1).toLatin1();
            return (complete.isValid() && !complete.isEmpty()) ||
                   cli.state() == QProcess::NotRunning;
        },
        20'000));
    QVERIFY2(complete.isValid() && !complete.isEmpty(), err.constData());
    QVERIFY(!userCode.isEmpty());
    QVERIFY(err.contains("verification_uri: http"));
    Testing::DeviceApprover user;
    QVERIFY2(user.run(complete), qPrintable(user.log()));
    QVERIFY(QTest::qWaitFor([&cli] { return cli.state() == QProcess::NotRunning; }, 30'000));
    err += cli.readAllStandardError();
    QCOMPARE(cli.exitCode(), 0);
    const QJsonObject document = QJsonDocument::fromJson(cli.readAllStandardOutput()).object();
    QVERIFY2(document.value(QLatin1String("ok")).toBool(), err.constData());
    QCOMPARE(document.value(QLatin1String("flow")).toString(), QStringLiteral("device"));
    const QJsonObject result = document.value(QLatin1String("result")).toObject();
    QCOMPARE(result.value(QLatin1String("user_code")).toString(), QString::fromLatin1(userCode));
    QCOMPARE(result.value(QLatin1String("claims")).toObject().value(QLatin1String("sub")),
             QJsonValue(QStringLiteral("alice")));
    QVERIFY(result.value(QLatin1String("polls")).toInt() >= 1);
    // Tokens are masked unless --show-secrets.
    const QString accessToken = result.value(QLatin1String("tokens"))
                                    .toObject()
                                    .value(QLatin1String("access_token"))
                                    .toString();
    QCOMPARE(accessToken, QStringLiteral("[redacted]"));
    // Discovery, the device authorization request, then the polls.
    QVERIFY(document.value(QLatin1String("exchanges")).toArray().size() >= 3);
}

void TestDeviceInterop::cliDeviceInterruptedStillPrintsTheDocument()
{
    QProcess cli;
    cli.start(QStringLiteral(TOKENSCOPE_CLI_PATH),
              {QStringLiteral("device"), QStringLiteral("--issuer"), m_issuer,
               QStringLiteral("--client-id"), QStringLiteral("tokenscope-device"),
               QStringLiteral("--compact")});
    QVERIFY(cli.waitForStarted());
    QByteArray err;
    QVERIFY(QTest::qWaitFor(
        [&] {
            err += cli.readAllStandardError();
            return err.contains("verification_uri: ") || cli.state() == QProcess::NotRunning;
        },
        20'000));
    QVERIFY2(err.contains("user_code: "), err.constData());
    cli.terminate(); // SIGTERM, as a service manager or Ctrl-C (SIGINT) would
    QVERIFY(QTest::qWaitFor([&cli] { return cli.state() == QProcess::NotRunning; }, 10'000));
    QCOMPARE(cli.exitStatus(), QProcess::NormalExit);
    QCOMPARE(cli.exitCode(), 4);
    const QJsonObject document = QJsonDocument::fromJson(cli.readAllStandardOutput()).object();
    QVERIFY(!document.value(QLatin1String("ok")).toBool());
    const QJsonObject error = document.value(QLatin1String("error")).toObject();
    QCOMPARE(error.value(QLatin1String("kind")).toString(), QStringLiteral("cancelled"));
    QVERIFY(error.value(QLatin1String("message")).toString().contains(QLatin1String("SIGTERM")));
    // Discovery and the device authorization request; no poll was due yet, none was sent.
    QCOMPARE(document.value(QLatin1String("exchanges")).toArray().size(), 2);
    QCOMPARE(document.value(QLatin1String("result")).toObject().value(QLatin1String("polls")),
             QJsonValue(0));
}

QTEST_GUILESS_MAIN(TestDeviceInterop)
#include "TestDeviceInterop.moc"
