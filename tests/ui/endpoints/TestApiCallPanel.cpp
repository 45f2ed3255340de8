// Calling a protected resource: a loopback API answers 401 with a WWW-Authenticate
// challenge; the panel sends the token where asked (the Authorization header by default,
// the query or the form body only by choice, with a warning) and explains the challenge.
#include "Screenshot.h"
#include "UiSession.h"
#include "common/CodeView.h"
#include "endpoints/ApiCallPanel.h"
#include "endpoints/TokenPicker.h"
#include "inspector/ExchangeDetailView.h"
#include "inspector/MessagePane.h"
#include "session/SessionTokens.h"

#include <QCheckBox>
#include <QComboBox>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSignalSpy>
#include <QTest>
#include <QUrlQuery>

using Tokenscope::Endpoints::AuthChallenge;
using Tokenscope::Endpoints::WwwAuthenticate;
using Tokenscope::Testing::LoopbackServer;
using Tokenscope::Testing::ReceivedRequest;
using Placement = ApiCallPanel::Placement;

class TestApiCallPanel final : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void cleanup();
    void headerPlacementIsTheDefaultAndShowsNoWarning();
    void stepUpChallengeIsExplained();
    void queryPlacementWarnsAndPutsTheTokenInTheUrl();
    void formPlacementWarnsAndPostsTheToken();
    void explain_data();
    void explain();
    void sessionTokenCanBePicked();

private:
    ApiCallPanel *send(Placement placement, const QString &token);

    std::unique_ptr<UiSession> m_session;
    std::unique_ptr<LoopbackServer> m_api;
    std::unique_ptr<SessionTokens> m_tokens;
    std::unique_ptr<ApiCallPanel> m_panel;
    QByteArray m_challenge;
};

void TestApiCallPanel::init()
{
    m_session = std::make_unique<UiSession>();
    m_challenge =
        R"(Bearer realm="api", error="insufficient_user_authentication", error_description="A different authentication level is required", acr_values="mfa")";
    m_api = std::make_unique<LoopbackServer>([this](const ReceivedRequest &, QTcpSocket *socket) {
        LoopbackServer::respond(
            socket, 401, "Unauthorized",
            {{"WWW-Authenticate", m_challenge}, {"Content-Type", "application/json"}},
            R"({"message":"step up"})");
    });
    m_tokens = std::make_unique<SessionTokens>();
    m_panel = std::make_unique<ApiCallPanel>(&m_session->http, m_tokens.get());
}

void TestApiCallPanel::cleanup()
{
    m_panel.reset();
    m_tokens.reset();
    m_api.reset();
    m_session.reset();
}

ApiCallPanel *TestApiCallPanel::send(Placement placement, const QString &token)
{
    childNamed<QLineEdit>(m_panel.get(), "apiUrl")
        ->setText(m_api->url("/orders?status=open").toString());
    m_panel->tokenPicker()->setToken(token);
    m_panel->setPlacement(placement);
    QSignalSpy finished(m_panel.get(), &ApiCallPanel::finished);
    childNamed<QPushButton>(m_panel.get(), "apiSend")->click();
    if (!finished.wait(10'000))
        qWarning("the API call did not finish");
    return m_panel.get();
}

void TestApiCallPanel::headerPlacementIsTheDefaultAndShowsNoWarning()
{
    QCOMPARE(m_panel->placement(), Placement::Header);
    QVERIFY(m_panel->placementWarning().isEmpty());
    send(Placement::Header, QStringLiteral("header-token"));
    QCOMPARE(m_api->requests().size(), 1);
    const ReceivedRequest &request = m_api->requests().constFirst();
    QCOMPARE(request.method, QByteArray("GET"));
    QCOMPARE(request.header("Authorization"), QByteArray("Bearer header-token"));
    QVERIFY(!request.target.contains("access_token"));
    QVERIFY2(m_panel->statusText().contains(QLatin1String("401")),
             qPrintable(m_panel->statusText()));
    QCOMPARE(m_panel->lastExchange().requestHeader("Authorization"),
             QByteArray("Bearer header-token"));
    // What is shown is masked unless asked for.
    auto *exchange = childNamed<ExchangeDetailView>(m_panel.get(), "apiExchange");
    exchange->requestPane()->setCurrentWidget(exchange->requestPane()->rawView());
    const QString raw = exchange->requestPane()->rawView()->toPlainText();
    QVERIFY2(raw.contains(QLatin1String("Authorization")) &&
                 !raw.contains(QLatin1String("header-token")),
             qPrintable(raw));
    childNamed<QCheckBox>(m_panel.get(), "apiShowSecrets")->click();
    QVERIFY(
        exchange->requestPane()->rawView()->toPlainText().contains(QLatin1String("header-token")));
    // The step-up challenge of this server is explained even for a header token.
    QVERIFY(!m_panel->explanationText().isEmpty());
}

void TestApiCallPanel::stepUpChallengeIsExplained()
{
    m_panel->resize(1100, 820);
    m_panel->show();
    send(Placement::Header, QStringLiteral("weak-token"));
    const QString explanation = m_panel->explanationText();
    QVERIFY2(explanation.contains(QLatin1String("Step-up")), qPrintable(explanation));
    QVERIFY2(explanation.contains(QLatin1String("acr_values=mfa")), qPrintable(explanation));
    QVERIFY2(explanation.contains(QLatin1String("authorization flow again")),
             qPrintable(explanation));
    QVERIFY(QTest::qWaitForWindowExposed(m_panel.get()));
    saveScreenshot(m_panel.get(), QStringLiteral("screenshot-endpoints-api-step-up.png"));
}

void TestApiCallPanel::queryPlacementWarnsAndPutsTheTokenInTheUrl()
{
    m_panel->setPlacement(Placement::Query);
    const QString warning = m_panel->placementWarning();
    QVERIFY2(warning.contains(QString::fromUtf8("RFC 6750 §2.3")), qPrintable(warning));
    QVERIFY(warning.contains(QLatin1String("logs")));
    QVERIFY(childNamed<QLabel>(m_panel.get(), "placementWarning")->isVisibleTo(m_panel.get()));
    send(Placement::Query, QStringLiteral("query-token"));
    const ReceivedRequest &request = m_api->requests().constFirst();
    QVERIFY(request.header("Authorization").isEmpty());
    const QUrlQuery query(QUrl(QString::fromLatin1(request.target)));
    QCOMPARE(query.queryItemValue(QStringLiteral("access_token")), QStringLiteral("query-token"));
    QCOMPARE(query.queryItemValue(QStringLiteral("status")), QStringLiteral("open"));

    // Back to the header: the warning goes away.
    m_panel->setPlacement(Placement::Header);
    QVERIFY(m_panel->placementWarning().isEmpty());
}

void TestApiCallPanel::formPlacementWarnsAndPostsTheToken()
{
    m_panel->setPlacement(Placement::FormBody);
    QVERIFY(m_panel->placementWarning().contains(QString::fromUtf8("RFC 6750 §2.2")));
    send(Placement::FormBody, QStringLiteral("form-token"));
    const ReceivedRequest &request = m_api->requests().constFirst();
    QCOMPARE(request.method, QByteArray("POST"));
    QCOMPARE(request.body, QByteArray("access_token=form-token"));
    QCOMPARE(request.header("Content-Type"), QByteArray("application/x-www-form-urlencoded"));
    QVERIFY(request.header("Authorization").isEmpty());
}

void TestApiCallPanel::explain_data()
{
    QTest::addColumn<QByteArray>("header");
    QTest::addColumn<QStringList>("mentions");
    QTest::newRow("step_up_names_acr_values_and_max_age")
        << QByteArray(
               R"(Bearer error="insufficient_user_authentication", acr_values="mfa phr", max_age="300")")
        << QStringList{QStringLiteral("Step-up"), QStringLiteral("acr_values=mfa phr"),
                       QStringLiteral("max_age=300")};
    QTest::newRow("insufficient_scope_names_the_scope")
        << QByteArray(R"(Bearer error="insufficient_scope", scope="orders:write")")
        << QStringList{QStringLiteral("insufficient_scope"), QStringLiteral("orders:write")};
    QTest::newRow("invalid_token_says_get_a_new_one")
        << QByteArray(R"(Bearer error="invalid_token", error_description="expired")")
        << QStringList{QStringLiteral("invalid_token"), QStringLiteral("new access token"),
                       QStringLiteral("expired")};
}

void TestApiCallPanel::explain()
{
    QFETCH(QByteArray, header);
    QFETCH(QStringList, mentions);
    const AuthChallenge challenge =
        WwwAuthenticate::find(WwwAuthenticate::parse(header), QStringLiteral("Bearer"));
    const QString text = ApiCallPanel::explain(challenge);
    for (const QString &mention : mentions)
        QVERIFY2(text.contains(mention), qPrintable(text));
}

void TestApiCallPanel::sessionTokenCanBePicked()
{
    Tokenscope::AuthCode::TokenResponse response;
    response.accessToken = QStringLiteral("session-access-token");
    response.refreshToken = QStringLiteral("session-refresh-token");
    m_tokens->addResponse(response, QStringLiteral("Client credentials"),
                          QDateTime::currentDateTimeUtc());
    QComboBox *box = m_panel->tokenPicker()->sessionBox();
    // Pasted, then the access token: refresh tokens are not offered for an API call.
    QCOMPARE(box->count(), 2);
    box->setCurrentIndex(1);
    emit box->activated(1);
    QCOMPARE(m_panel->tokenPicker()->token(), QStringLiteral("session-access-token"));
    QCOMPARE(m_panel->tokenPicker()->valueEdit()->echoMode(), QLineEdit::Password);
    childNamed<QLineEdit>(m_panel.get(), "apiUrl")->setText(m_api->url("/me").toString());
    QSignalSpy finished(m_panel.get(), &ApiCallPanel::finished);
    childNamed<QPushButton>(m_panel.get(), "apiSend")->click();
    QVERIFY(finished.wait(10'000));
    QCOMPARE(m_api->requests().constFirst().header("Authorization"),
             QByteArray("Bearer session-access-token"));
}

QTEST_MAIN(TestApiCallPanel)
#include "TestApiCallPanel.moc"
