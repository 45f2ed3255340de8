// tokenscope-cli token, introspect, revoke and userinfo against a real OpenID provider
// (oidc-provider on 127.0.0.1): the CLI contract's JSON document and exit codes.
#include "support/HeadlessLogin.h"
#include "support/InteropProvider.h"

#include <QDateTime>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

class TestTokenCliInterop final : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void clientCredentialsIntrospectRevoke();
    void wrongSecretExitsWithProviderError();
    void usageErrors_data();
    void usageErrors();
    void unreachableTokenEndpointExitsWithNetworkError();
    void refreshRotatesThenReuseIsRefused();
    void userinfoWithAnUnknownTokenReadsTheChallenge();
    void userinfoSendsEachMethod();
    void registerReadDelete();
    void registerSavesAProfile();
    void tokenExchangeIssuesANewAccessToken();
    void tokenExchangeOfAMadeUpTokenIsInvalidGrant();
    void jwtBearerSignedWithAKeyFile();
    void samlBearerFromPastedXml();
    void passwordGrantFromAVariable();

private:
    struct Run
    {
        int exitCode = -1;
        QJsonObject document;
        QByteArray stderrBytes;
        QJsonObject result() const { return document.value(QLatin1String("result")).toObject(); }
        QJsonObject error() const { return document.value(QLatin1String("error")).toObject(); }
        QString accessToken() const
        {
            return result()
                .value(QLatin1String("tokens"))
                .toObject()
                .value(QLatin1String("access_token"))
                .toString();
        }
    };
    Run cli(const QStringList &arguments, bool login = false) const;
    QStringList clientArguments(const QString &clientId, const QString &secretVariable) const;
    QStringList confidential() const;
    QStringList exchangeClient() const;
    QStringList assertionClient() const;
    QString tokenEndpoint() const;

    QString m_issuer;
    QTemporaryDir m_home; // the profiles of this test run, never the user's
};

void TestTokenCliInterop::initTestCase()
{
    m_issuer = qEnvironmentVariable("TOKENSCOPE_INTEROP_ISSUER");
    QVERIFY2(!m_issuer.isEmpty(), "TOKENSCOPE_INTEROP_ISSUER is set by the CTest fixture");
}

TestTokenCliInterop::Run TestTokenCliInterop::cli(const QStringList &arguments, bool login) const
{
    QProcess process;
    QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
    environment.insert(QStringLiteral("TOKENSCOPE_TEST_SECRET"),
                       QStringLiteral("tokenscope-secret"));
    environment.insert(QStringLiteral("TOKENSCOPE_WRONG_SECRET"), QStringLiteral("wrong"));
    environment.insert(QStringLiteral("TOKENSCOPE_EXCHANGE_SECRET"),
                       QStringLiteral("tokenscope-exchange-secret"));
    environment.insert(QStringLiteral("TOKENSCOPE_PASSWORD_SECRET"),
                       QStringLiteral("tokenscope-password-secret"));
    environment.insert(QStringLiteral("TOKENSCOPE_USER_PASSWORD"),
                       QStringLiteral("tokenscope-user-password"));
    environment.insert(QStringLiteral("TOKENSCOPE_WRONG_PASSWORD"), QStringLiteral("nope"));
    environment.insert(QStringLiteral("TOKENSCOPE_ASSERTION_SECRET"),
                       QStringLiteral("tokenscope-assertion-secret"));
    environment.insert(QStringLiteral("XDG_CONFIG_HOME"), m_home.path());
    environment.insert(QStringLiteral("XDG_DATA_HOME"), m_home.path());
    process.setProcessEnvironment(environment);
    process.start(QStringLiteral(TOKENSCOPE_CLI_PATH), arguments);
    Run run;
    QByteArray err;
    if (login && !Tokenscope::Testing::HeadlessLogin::followPrinted(process, &err))
        qWarning("the printed URL was not followed to the redirect URI");
    // waitForFinished() is false for a process that already ended: wait on its state.
    if (!QTest::qWaitFor([&] { return process.state() == QProcess::NotRunning; }, 30'000)) {
        process.kill();
        process.waitForFinished();
    }
    run.exitCode = process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -1;
    run.document = QJsonDocument::fromJson(process.readAllStandardOutput()).object();
    run.stderrBytes = err + process.readAllStandardError();
    return run;
}

// --issuer, --client-id and --client-secret-env for a confidential client of the provider.
QStringList TestTokenCliInterop::clientArguments(const QString &clientId,
                                                 const QString &secretVariable) const
{
    return {QStringLiteral("--issuer"),
            m_issuer,
            QStringLiteral("--client-id"),
            clientId,
            QStringLiteral("--client-secret-env"),
            secretVariable};
}

QStringList TestTokenCliInterop::confidential() const
{
    return clientArguments(QStringLiteral("tokenscope-confidential"),
                           QStringLiteral("TOKENSCOPE_TEST_SECRET")) +
           QStringList{QStringLiteral("--show-secrets")};
}

QStringList TestTokenCliInterop::exchangeClient() const
{
    return clientArguments(QStringLiteral("tokenscope-exchange"),
                           QStringLiteral("TOKENSCOPE_EXCHANGE_SECRET")) +
           QStringList{QStringLiteral("--show-secrets")};
}

void TestTokenCliInterop::clientCredentialsIntrospectRevoke()
{
    const Run token = cli(QStringList{QStringLiteral("token"), QStringLiteral("--grant"),
                                      QStringLiteral("client_credentials")} +
                          confidential());
    QVERIFY2(token.exitCode == 0, token.stderrBytes.constData());
    QVERIFY(token.document.value(QLatin1String("ok")).toBool());
    QCOMPARE(token.document.value(QLatin1String("flow")).toString(), QStringLiteral("token"));
    QCOMPARE(token.result().value(QLatin1String("grant_type")).toString(),
             QStringLiteral("client_credentials"));
    const QString accessToken = token.accessToken();
    QVERIFY(!accessToken.isEmpty());
    // Discovery, then the token request: both exchanges are in the document.
    QCOMPARE(token.document.value(QLatin1String("exchanges")).toArray().size(), 2);

    Run introspect = cli(QStringList{QStringLiteral("introspect"), accessToken} + confidential());
    QVERIFY2(introspect.exitCode == 0, introspect.stderrBytes.constData());
    QVERIFY(introspect.result().value(QLatin1String("active")).toBool());

    const Run revoke =
        cli(QStringList{QStringLiteral("revoke"), accessToken, QStringLiteral("--token-type-hint"),
                        QStringLiteral("access_token")} +
            confidential());
    QVERIFY2(revoke.exitCode == 0, revoke.stderrBytes.constData());
    QVERIFY(revoke.result().value(QLatin1String("revoked")).toBool());

    introspect = cli(QStringList{QStringLiteral("introspect"), accessToken} + confidential());
    QVERIFY2(introspect.exitCode == 0, introspect.stderrBytes.constData());
    QVERIFY(!introspect.result().value(QLatin1String("active")).toBool());
}

void TestTokenCliInterop::wrongSecretExitsWithProviderError()
{
    QStringList arguments = confidential();
    arguments.replace(arguments.indexOf(QStringLiteral("TOKENSCOPE_TEST_SECRET")),
                      QStringLiteral("TOKENSCOPE_WRONG_SECRET"));
    const Run run = cli(QStringList{QStringLiteral("token"), QStringLiteral("--grant"),
                                    QStringLiteral("client_credentials")} +
                        arguments);
    QCOMPARE(run.exitCode, 1);
    QVERIFY(!run.document.value(QLatin1String("ok")).toBool());
    QCOMPARE(run.error().value(QLatin1String("kind")).toString(), QStringLiteral("provider"));
    QCOMPARE(run.error().value(QLatin1String("error")).toString(),
             QStringLiteral("invalid_client"));
}

void TestTokenCliInterop::usageErrors_data()
{
    QTest::addColumn<QStringList>("arguments");
    QTest::newRow("token_without_grant") << QStringList{QStringLiteral("token")};
    QTest::newRow("unknown_grant_name") << QStringList{
        QStringLiteral("token"), QStringLiteral("--grant"), QStringLiteral("bad grant")};
    QTest::newRow("refresh_without_refresh_token") << QStringList{
        QStringLiteral("token"), QStringLiteral("--grant"), QStringLiteral("refresh_token")};
    QTest::newRow("introspect_without_token") << QStringList{QStringLiteral("introspect")};
    QTest::newRow("userinfo_without_access_token") << QStringList{QStringLiteral("userinfo")};
}

void TestTokenCliInterop::usageErrors()
{
    QFETCH(QStringList, arguments);
    const Run run = cli(arguments + confidential());
    QCOMPARE(run.exitCode, 2);
    QCOMPARE(run.error().value(QLatin1String("kind")).toString(), QStringLiteral("usage"));
}

void TestTokenCliInterop::unreachableTokenEndpointExitsWithNetworkError()
{
    const Run run = cli({QStringLiteral("token"), QStringLiteral("--grant"),
                         QStringLiteral("client_credentials"), QStringLiteral("--token-endpoint"),
                         QStringLiteral("http://127.0.0.1:1/token"), QStringLiteral("--client-id"),
                         QStringLiteral("x")});
    QCOMPARE(run.exitCode, 4);
    QCOMPARE(run.error().value(QLatin1String("kind")).toString(), QStringLiteral("transport"));
}

void TestTokenCliInterop::refreshRotatesThenReuseIsRefused()
{
    const Run authorize =
        cli({QStringLiteral("authorize"), QStringLiteral("--issuer"), m_issuer,
             QStringLiteral("--client-id"), QStringLiteral("tokenscope-public"),
             QStringLiteral("--scope"), QStringLiteral("openid offline_access"),
             QStringLiteral("--prompt"), QStringLiteral("consent"), QStringLiteral("--browser"),
             QStringLiteral("print"), QStringLiteral("--wait"), QStringLiteral("30"),
             QStringLiteral("--no-userinfo"), QStringLiteral("--show-secrets")},
            true);
    QVERIFY2(authorize.exitCode == 0, authorize.stderrBytes.constData());
    const QJsonObject tokens = authorize.result().value(QLatin1String("tokens")).toObject();
    const QString refreshToken = tokens.value(QLatin1String("refresh_token")).toString();
    QVERIFY(!refreshToken.isEmpty());

    const QStringList refresh{QStringLiteral("token"),
                              QStringLiteral("--grant"),
                              QStringLiteral("refresh_token"),
                              QStringLiteral("--issuer"),
                              m_issuer,
                              QStringLiteral("--client-id"),
                              QStringLiteral("tokenscope-public"),
                              QStringLiteral("--refresh-token"),
                              refreshToken,
                              QStringLiteral("--id-token"),
                              tokens.value(QLatin1String("id_token")).toString(),
                              QStringLiteral("--show-secrets")};
    const Run rotated = cli(refresh);
    QVERIFY2(rotated.exitCode == 0, rotated.stderrBytes.constData());
    const QJsonObject info = rotated.result().value(QLatin1String("refresh")).toObject();
    QVERIFY(info.value(QLatin1String("rotated")).toBool());
    QVERIFY(info.value(QLatin1String("refresh_token")).toString() != refreshToken);
    QStringList rules;
    for (const QJsonValue v : rotated.result().value(QLatin1String("validation")).toArray())
        rules << v.toObject().value(QLatin1String("rule")).toString();
    QVERIFY(rules.contains(QStringLiteral("refresh_token_rotated")));
    QVERIFY(rules.contains(QStringLiteral("refresh_id_token_same_sub")));

    const Run reused = cli(refresh);
    QCOMPARE(reused.exitCode, 1);
    QCOMPARE(reused.error().value(QLatin1String("error")).toString(),
             QStringLiteral("invalid_grant"));
    QCOMPARE(reused.error().value(QLatin1String("rule")).toString(),
             QStringLiteral("refresh_token_reuse"));
}

void TestTokenCliInterop::userinfoWithAnUnknownTokenReadsTheChallenge()
{
    const Run run = cli({QStringLiteral("userinfo"), QStringLiteral("--issuer"), m_issuer,
                         QStringLiteral("--access-token"), QStringLiteral("unknown")});
    QCOMPARE(run.exitCode, 1);
    const QJsonObject challenge = run.result().value(QLatin1String("www_authenticate")).toObject();
    QCOMPARE(challenge.value(QLatin1String("scheme")).toString(), QStringLiteral("Bearer"));
    QCOMPARE(challenge.value(QLatin1String("error")).toString(), QStringLiteral("invalid_token"));
}

void TestTokenCliInterop::userinfoSendsEachMethod()
{
    const Run authorize =
        cli({QStringLiteral("authorize"), QStringLiteral("--issuer"), m_issuer,
             QStringLiteral("--client-id"), QStringLiteral("tokenscope-public"),
             QStringLiteral("--scope"), QStringLiteral("openid"), QStringLiteral("--browser"),
             QStringLiteral("print"), QStringLiteral("--wait"), QStringLiteral("30"),
             QStringLiteral("--no-userinfo"), QStringLiteral("--show-secrets")},
            true);
    QVERIFY2(authorize.exitCode == 0, authorize.stderrBytes.constData());
    const QJsonObject tokens = authorize.result().value(QLatin1String("tokens")).toObject();
    const QString accessToken = tokens.value(QLatin1String("access_token")).toString();
    const QString idToken = tokens.value(QLatin1String("id_token")).toString();
    QVERIFY(!accessToken.isEmpty());
    QVERIFY(!idToken.isEmpty());

    struct Expected
    {
        const char *option;
        const char *httpMethod;
        bool bearerHeader;
        bool tokenInBody;
    };
    for (const Expected &expected :
         {Expected{"get", "GET", true, false}, Expected{"post", "POST", false, true},
          Expected{"post-header", "POST", true, false}}) {
        const Run run =
            cli({QStringLiteral("userinfo"), QStringLiteral("--issuer"), m_issuer,
                 QStringLiteral("--access-token"), accessToken, QStringLiteral("--id-token"),
                 idToken, QStringLiteral("--method"), QString::fromLatin1(expected.option),
                 QStringLiteral("--show-secrets")});
        QVERIFY2(run.exitCode == 0, run.stderrBytes.constData());
        QVERIFY(run.document.value(QLatin1String("ok")).toBool());
        const QJsonObject claims = run.result().value(QLatin1String("claims")).toObject();
        QVERIFY2(!claims.value(QLatin1String("sub")).toString().isEmpty(), expected.option);

        // The one exchange is the userinfo request, sent as the option says.
        const QJsonArray exchanges = run.document.value(QLatin1String("exchanges")).toArray();
        QJsonObject request;
        for (const QJsonValue exchange : exchanges) {
            const QJsonObject candidate =
                exchange.toObject().value(QLatin1String("request")).toObject();
            if (candidate.value(QLatin1String("url")).toString().contains(QLatin1String("/me")))
                request = candidate;
        }
        QVERIFY2(!request.isEmpty(), expected.option);
        QCOMPARE(request.value(QLatin1String("method")).toString(),
                 QString::fromLatin1(expected.httpMethod));
        bool bearerHeader = false;
        for (const QJsonValue header : request.value(QLatin1String("headers")).toArray()) {
            const QJsonArray pair = header.toArray();
            if (pair.at(0).toString().compare(QLatin1String("authorization"),
                                              Qt::CaseInsensitive) == 0)
                bearerHeader = pair.at(1).toString() == QLatin1String("Bearer ") + accessToken;
        }
        QCOMPARE(bearerHeader, expected.bearerHeader);
        const QString body = request.value(QLatin1String("body")).toString();
        QCOMPARE(body.contains(QLatin1String("access_token=") + accessToken), expected.tokenInBody);
        if (!expected.tokenInBody && expected.httpMethod == QByteArrayView("POST"))
            QVERIFY2(body.isEmpty(), qPrintable(body));
    }
}

void TestTokenCliInterop::registerReadDelete()
{
    const Run registered =
        cli({QStringLiteral("register"), QStringLiteral("--issuer"), m_issuer,
             QStringLiteral("--redirect-uri"), QStringLiteral("https://rp.example/cb"),
             QStringLiteral("--client-name"), QStringLiteral("CLI client"),
             QStringLiteral("--show-secrets")});
    QVERIFY2(registered.exitCode == 0, registered.stderrBytes.constData());
    const QJsonObject client = registered.result().value(QLatin1String("client")).toObject();
    QCOMPARE(client.value(QLatin1String("client_name")).toString(), QStringLiteral("CLI client"));
    QCOMPARE(client.value(QLatin1String("redirect_uris")).toArray().first().toString(),
             QStringLiteral("https://rp.example/cb"));
    const QStringList manage{QStringLiteral("--registration-client-uri"),
                             client.value(QLatin1String("registration_client_uri")).toString(),
                             QStringLiteral("--registration-access-token"),
                             client.value(QLatin1String("registration_access_token")).toString()};

    const Run read = cli(QStringList{QStringLiteral("register"), QStringLiteral("--action"),
                                     QStringLiteral("read")} +
                         manage);
    QVERIFY2(read.exitCode == 0, read.stderrBytes.constData());
    QCOMPARE(
        read.result().value(QLatin1String("client")).toObject().value(QLatin1String("client_id")),
        client.value(QLatin1String("client_id")));

    const Run deleted = cli(QStringList{QStringLiteral("register"), QStringLiteral("--action"),
                                        QStringLiteral("delete")} +
                            manage);
    QVERIFY2(deleted.exitCode == 0, deleted.stderrBytes.constData());
    QCOMPARE(deleted.result().value(QLatin1String("http_status")).toInt(), 204);

    const Run gone = cli(QStringList{QStringLiteral("register"), QStringLiteral("--action"),
                                     QStringLiteral("read")} +
                         manage);
    QCOMPARE(gone.exitCode, 1);
}

void TestTokenCliInterop::registerSavesAProfile()
{
    const QStringList arguments{QStringLiteral("register"),
                                QStringLiteral("--issuer"),
                                m_issuer,
                                QStringLiteral("--redirect-uri"),
                                QStringLiteral("https://rp.example/cb"),
                                QStringLiteral("--save-profile"),
                                QStringLiteral("registered"),
                                QStringLiteral("--no-keychain"),
                                QStringLiteral("--show-secrets")};
    const Run registered = cli(arguments);
    QVERIFY2(registered.exitCode == 0, registered.stderrBytes.constData());
    const QString clientId = registered.result()
                                 .value(QLatin1String("client"))
                                 .toObject()
                                 .value(QLatin1String("client_id"))
                                 .toString();
    QCOMPARE(registered.result()
                 .value(QLatin1String("saved_profile"))
                 .toObject()
                 .value(QLatin1String("name"))
                 .toString(),
             QStringLiteral("registered"));

    const Run shown = cli({QStringLiteral("profile"), QStringLiteral("show"),
                           QStringLiteral("registered"), QStringLiteral("--no-keychain")});
    QVERIFY2(shown.exitCode == 0, shown.stderrBytes.constData());
    const QJsonObject saved = shown.result()
                                  .value(QLatin1String("profile"))
                                  .toObject()
                                  .value(QLatin1String("client"))
                                  .toObject();
    QCOMPARE(saved.value(QLatin1String("client_id")).toString(), clientId);
    QCOMPARE(saved.value(QLatin1String("redirect_uris")).toArray().first().toString(),
             QStringLiteral("https://rp.example/cb"));

    // A second registration under the same name is refused before anything is sent.
    const Run again = cli(arguments);
    QCOMPARE(again.exitCode, 2);
    QVERIFY(again.document.value(QLatin1String("exchanges")).toArray().isEmpty());
}

void TestTokenCliInterop::tokenExchangeIssuesANewAccessToken()
{
    const Run subject = cli(QStringList{QStringLiteral("token"), QStringLiteral("--grant"),
                                        QStringLiteral("client_credentials")} +
                            confidential());
    QVERIFY2(subject.exitCode == 0, subject.stderrBytes.constData());
    const QString subjectToken = subject.accessToken();
    QVERIFY(!subjectToken.isEmpty());

    const Run run =
        cli(QStringList{QStringLiteral("token"), QStringLiteral("--grant"),
                        QStringLiteral("token_exchange"), QStringLiteral("--subject-token"),
                        subjectToken, QStringLiteral("--subject-token-type"),
                        QStringLiteral("urn:ietf:params:oauth:token-type:access_token")} +
            exchangeClient());
    QVERIFY2(run.exitCode == 0, run.stderrBytes.constData());
    QVERIFY(run.document.value(QLatin1String("ok")).toBool());
    QCOMPARE(run.result().value(QLatin1String("grant_type")).toString(),
             QStringLiteral("urn:ietf:params:oauth:grant-type:token-exchange"));
    const QJsonObject tokens = run.result().value(QLatin1String("tokens")).toObject();
    const QString issued = tokens.value(QLatin1String("access_token")).toString();
    QVERIFY(!issued.isEmpty());
    QVERIFY(issued != subjectToken);
    QCOMPARE(tokens.value(QLatin1String("issued_token_type")).toString(),
             QStringLiteral("urn:ietf:params:oauth:token-type:access_token"));
    QCOMPARE(tokens.value(QLatin1String("token_type")).toString(), QStringLiteral("Bearer"));

    // The issued token is live at the provider.
    const Run introspect = cli(QStringList{QStringLiteral("introspect"), issued} + confidential());
    QVERIFY2(introspect.exitCode == 0, introspect.stderrBytes.constData());
    QVERIFY(introspect.result().value(QLatin1String("active")).toBool());
    QCOMPARE(introspect.result()
                 .value(QLatin1String("claims"))
                 .toObject()
                 .value(QLatin1String("client_id"))
                 .toString(),
             QStringLiteral("tokenscope-exchange"));
}

void TestTokenCliInterop::tokenExchangeOfAMadeUpTokenIsInvalidGrant()
{
    const Run run =
        cli(QStringList{QStringLiteral("token"), QStringLiteral("--grant"),
                        QStringLiteral("token_exchange"), QStringLiteral("--subject-token"),
                        QStringLiteral("made-up"), QStringLiteral("--subject-token-type"),
                        QStringLiteral("urn:ietf:params:oauth:token-type:access_token")} +
            exchangeClient());
    QCOMPARE(run.exitCode, 1);
    QVERIFY(!run.document.value(QLatin1String("ok")).toBool());
    QCOMPARE(run.error().value(QLatin1String("kind")).toString(), QStringLiteral("provider"));
    QCOMPARE(run.error().value(QLatin1String("error")).toString(), QStringLiteral("invalid_grant"));
    QCOMPARE(run.error().value(QLatin1String("error_description")).toString(),
             QStringLiteral("subject_token is not an active access token issued by this provider"));
}

QStringList TestTokenCliInterop::assertionClient() const
{
    return clientArguments(QStringLiteral("tokenscope-assertion"),
                           QStringLiteral("TOKENSCOPE_ASSERTION_SECRET"));
}

QString TestTokenCliInterop::tokenEndpoint() const
{
    return m_issuer + QStringLiteral("/token");
}

void TestTokenCliInterop::jwtBearerSignedWithAKeyFile()
{
    QFile key(m_home.filePath(QStringLiteral("idp-key.pem")));
    QVERIFY(key.open(QIODevice::WriteOnly));
    key.write(Tokenscope::Testing::interopAssertionIssuerKey());
    key.close();
    const QStringList grant{QStringLiteral("token"),
                            QStringLiteral("--grant"),
                            QStringLiteral("jwt_bearer"),
                            QStringLiteral("--assertion-key"),
                            key.fileName(),
                            QStringLiteral("--assertion-alg"),
                            QStringLiteral("ES256"),
                            QStringLiteral("--assertion-iss"),
                            Tokenscope::Testing::interopAssertionIssuer(),
                            QStringLiteral("--assertion-sub"),
                            QStringLiteral("carol")};
    const Run run = cli(grant + assertionClient());
    QVERIFY2(run.exitCode == 0, run.stderrBytes.constData());
    QCOMPARE(run.result().value(QLatin1String("grant_type")).toString(),
             QStringLiteral("urn:ietf:params:oauth:grant-type:jwt-bearer"));
    QVERIFY(!run.accessToken().isEmpty());

    // Signed as another issuer: the provider refuses it and says why; exit 1.
    QStringList other = grant;
    other[other.indexOf(Tokenscope::Testing::interopAssertionIssuer())] =
        QStringLiteral("https://someone-else.test");
    const Run refused = cli(other + assertionClient());
    QCOMPARE(refused.exitCode, 1);
    QCOMPARE(refused.error().value(QLatin1String("error")).toString(),
             QStringLiteral("invalid_grant"));
    QVERIFY2(refused.error()
                 .value(QLatin1String("error_description"))
                 .toString()
                 .contains(QLatin1String("iss")),
             qPrintable(refused.error().value(QLatin1String("error_description")).toString()));
}

void TestTokenCliInterop::samlBearerFromPastedXml()
{
    const auto assertion = [this](qint64 secondsLeft) {
        return Tokenscope::Testing::interopSamlAssertion(
            tokenEndpoint(), QDateTime::currentDateTimeUtc().addSecs(secondsLeft));
    };
    const QStringList grant{QStringLiteral("token"), QStringLiteral("--grant"),
                            QStringLiteral("saml2_bearer"), QStringLiteral("--assertion")};
    const Run run = cli(grant + QStringList{assertion(300)} + assertionClient());
    QVERIFY2(run.exitCode == 0, run.stderrBytes.constData());
    QCOMPARE(run.result().value(QLatin1String("grant_type")).toString(),
             QStringLiteral("urn:ietf:params:oauth:grant-type:saml2-bearer"));

    const Run expired = cli(grant + QStringList{assertion(-60)} + assertionClient());
    QCOMPARE(expired.exitCode, 1);
    QCOMPARE(expired.error().value(QLatin1String("error")).toString(),
             QStringLiteral("invalid_grant"));
    QVERIFY(expired.error()
                .value(QLatin1String("error_description"))
                .toString()
                .contains(QLatin1String("expired")));
}

// token --grant password: the password from a variable, never the command line; a wrong one
// is the provider's invalid_grant, exit 1.
void TestTokenCliInterop::passwordGrantFromAVariable()
{
    const QStringList grant{QStringLiteral("token"),    QStringLiteral("--grant"),
                            QStringLiteral("password"), QStringLiteral("--username"),
                            QStringLiteral("erin"),     QStringLiteral("--scope"),
                            QStringLiteral("openid"),   QStringLiteral("--password-env")};
    const QStringList client = clientArguments(QStringLiteral("tokenscope-password"),
                                               QStringLiteral("TOKENSCOPE_PASSWORD_SECRET"));
    const Run run = cli(grant + QStringList{QStringLiteral("TOKENSCOPE_USER_PASSWORD")} + client);
    QVERIFY2(run.exitCode == 0, run.stderrBytes.constData());
    QCOMPARE(run.result().value(QLatin1String("grant_type")).toString(),
             QStringLiteral("password"));
    QVERIFY(!run.accessToken().isEmpty());
    // The password is masked in the document's exchanges.
    const QByteArray document = QJsonDocument(run.document).toJson();
    QVERIFY(!document.contains("tokenscope-user-password"));

    const Run wrong =
        cli(grant + QStringList{QStringLiteral("TOKENSCOPE_WRONG_PASSWORD")} + client);
    QCOMPARE(wrong.exitCode, 1);
    QCOMPARE(wrong.error().value(QLatin1String("error")).toString(),
             QStringLiteral("invalid_grant"));
}

QTEST_GUILESS_MAIN(TestTokenCliInterop)
#include "TestTokenCliInterop.moc"
