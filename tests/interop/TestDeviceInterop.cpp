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
#include "support/Discover.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QNetworkAccessManager>
#include <QNetworkCookieJar>
#include <QNetworkReply>
#include <QProcess>
#include <QRegularExpression>
#include <QSignalSpy>
#include <QTest>
#include <QTimer>

using namespace Tokenscope;
using namespace Tokenscope::Device;
using Tokenscope::AuthCode::FlowError;

namespace {

// The user on their phone: follows the verification page's redirects with cookies and
// submits each form it meets (the code confirmation, devInteractions' login and consent)
// until the provider says the sign-in succeeded. With abort, it aborts on the confirmation
// page instead.
class DeviceUser final
{
public:
    explicit DeviceUser(bool abort = false)
        : m_abort(abort)
    {
        m_network.setCookieJar(new QNetworkCookieJar(&m_network));
    }

    bool run(const QUrl &start)
    {
        static const QRegularExpression formPattern(
            QStringLiteral("<form[^>]*action=\"([^\"]*)\"[^>]*>(.*?)</form>"),
            QRegularExpression::CaseInsensitiveOption |
                QRegularExpression::DotMatchesEverythingOption);
        static const QRegularExpression inputPattern(QStringLiteral("<input([^>]*)>"),
                                                     QRegularExpression::CaseInsensitiveOption);
        static const QRegularExpression namePattern(QStringLiteral("name=\"([^\"]*)\""));
        static const QRegularExpression valuePattern(QStringLiteral("value=\"([^\"]*)\""));
        QUrl url = start;
        QByteArray method = "GET";
        QByteArray body;
        for (int step = 0; step < 20; ++step) {
            QNetworkRequest request(url);
            request.setAttribute(QNetworkRequest::RedirectPolicyAttribute,
                                 QNetworkRequest::ManualRedirectPolicy);
            QNetworkReply *reply = nullptr;
            if (method == "POST") {
                request.setHeader(QNetworkRequest::ContentTypeHeader,
                                  QByteArrayLiteral("application/x-www-form-urlencoded"));
                reply = m_network.post(request, body);
            } else {
                reply = m_network.get(request);
            }
            if (!QTest::qWaitFor([reply] { return reply->isFinished(); }, 15'000))
                return note(QStringLiteral("timeout at %1").arg(url.toString()));
            const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
            const QString page = QString::fromUtf8(reply->readAll());
            const QUrl location = url.resolved(QUrl::fromEncoded(reply->rawHeader("Location")));
            reply->deleteLater();
            m_log << QStringLiteral("%1 %2 -> %3")
                         .arg(QString::fromLatin1(method), url.toString())
                         .arg(status);
            if (page.contains(QLatin1String("Sign-in Success")) ||
                page.contains(QLatin1String("was interrupted")) ||
                page.contains(QLatin1String("access_denied")))
                return true;
            if (status >= 300 && status < 400) {
                method = "GET";
                url = location;
                body.clear();
                continue;
            }
            const QRegularExpressionMatch form = formPattern.match(page);
            if (!form.hasMatch())
                return note(QStringLiteral("no form and no redirect:\n") + page.left(2000));
            body.clear();
            auto inputs = inputPattern.globalMatch(form.captured(2));
            while (inputs.hasNext()) {
                const QString attributes = inputs.next().captured(1);
                QString name = namePattern.match(attributes).captured(1);
                if (name.isEmpty())
                    continue;
                QString value = valuePattern.match(attributes).captured(1);
                if (name == QLatin1String("login"))
                    value = QStringLiteral("alice");
                else if (name == QLatin1String("password"))
                    value = QStringLiteral("any-password");
                else if (name == QLatin1String("confirm") && m_abort)
                    name = QStringLiteral("abort");
                if (!body.isEmpty())
                    body += '&';
                body += QUrl::toPercentEncoding(name) + '=' + QUrl::toPercentEncoding(value);
            }
            method = "POST";
            url = url.resolved(QUrl(form.captured(1)));
        }
        return note(QStringLiteral("gave up after 20 steps"));
    }
    QString log() const { return m_log.join(QLatin1Char('\n')); }

private:
    bool note(const QString &line)
    {
        m_log << line;
        return false;
    }

    QNetworkAccessManager m_network;
    QStringList m_log;
    bool m_abort;
};

} // namespace

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
    std::unique_ptr<QNetworkAccessManager> m_network;
    std::unique_ptr<Http::Transcript> m_transcript;
    std::unique_ptr<Http::HttpClient> m_http;
    std::unique_ptr<DeviceFlow> m_flow;
};

void TestDeviceInterop::initTestCase()
{
    m_issuer = qEnvironmentVariable("TOKENSCOPE_INTEROP_ISSUER");
    QVERIFY2(!m_issuer.isEmpty(), "TOKENSCOPE_INTEROP_ISSUER is set by the CTest fixture");
    init();
    const Discovery::DiscoveryResult discovered = Testing::discover(m_http.get(), m_issuer);
    QVERIFY2(discovered.ok(), qPrintable(discovered.error.message));
    m_metadata = discovered.metadata;
    QVERIFY(m_metadata.endpoint(QStringLiteral("device_authorization_endpoint")).isValid());
    cleanup();
}

void TestDeviceInterop::init()
{
    m_network = std::make_unique<QNetworkAccessManager>();
    m_transcript = std::make_unique<Http::Transcript>();
    m_http = std::make_unique<Http::HttpClient>(m_network.get(), m_transcript.get(), m_clock);
    m_flow = std::make_unique<DeviceFlow>(m_http.get(), m_random, m_scheduler);
}

void TestDeviceInterop::cleanup()
{
    m_flow.reset();
    m_http.reset();
    m_transcript.reset();
    m_network.reset();
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
    DeviceUser user;
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
    DeviceUser user(true);
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
    DeviceUser user;
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
