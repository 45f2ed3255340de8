// The sandbox's break-it switches (flows/sandbox/SandboxFaults) against our own engine: for
// each switch, flows/authcode's AuthorizationCodeFlow runs against the sandbox over loopback
// with the switch on and must fail at the named check, without a token request when the
// fault is in the authorization response; with the switch off (the control) the same flow
// succeeds. Also the switches' names, texts and the sandbox-only control endpoint.
#include "SandboxEngineRig.h"
#include "SandboxFaults.h"
#include "SandboxServer.h"
#include "SandboxTestKit.h"
#include "authcode/AuthorizationCodeFlow.h"
#include "http/HttpClient.h"
#include "http/Transcript.h"
#include "jose/JwkSet.h"
#include "jose/JwsToken.h"
#include "jose/JwsVerifier.h"
#include "redirect/LoopbackListener.h"
#include "support/Discover.h"
#include "support/HeadlessLogin.h"

#include <QJsonArray>
#include <QNetworkAccessManager>
#include <QSignalSpy>
#include <QTest>

using namespace Tokenscope;
using namespace Tokenscope::AuthCode;
using ClientAuth::ClientAuthentication;
using Sandbox::SandboxFaults;
using Fault = Sandbox::SandboxFaults::Fault;

class TestSandboxFaults final : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void init();
    void everySwitchHasNameAndTexts();
    void parseNamesAList();
    void parseNamesAList_data();
    void flowCatchesTheFault_data();
    void flowCatchesTheFault();
    void replayedCodeIsNeverSentTwiceByTheFlow();
    void replayedCodeAcceptedRedeemsACodeTwice();
    void refreshReuseAcceptedSkipsTheTheftDetection();
    void mixUpTokensComeFromAnotherIssuersKey();
    void controlEndpointShowsAndSetsTheSwitches();
    void controlEndpointRefusesWhatIsNotJson();

private:
    struct Run
    {
        FlowResult result;
        Redirect::RedirectResult redirect;
        int exchangesAfterSecondRedirect = -1;
        AuthorizationCodeFlow::Step stepAfterSecondRedirect = AuthorizationCodeFlow::Step::Idle;
    };
    Run runWith(const AuthorizationRequest &request, bool deliverTwice = false);
    static bool sentTokenRequest(const FlowResult &result);

    SandboxEngineRig m_rig;
};

void TestSandboxFaults::initTestCase()
{
    const QString problem = m_rig.start();
    QVERIFY2(problem.isEmpty(), qPrintable(problem));
    QVERIFY(m_rig.metadata.authorizationResponseIssParameterSupported);
}

void TestSandboxFaults::init()
{
    m_rig.provider->setFaults({});
}

TestSandboxFaults::Run TestSandboxFaults::runWith(const AuthorizationRequest &base,
                                                  bool deliverTwice)
{
    Run run;
    Redirect::LoopbackListener listener;
    if (!listener.listen(0, QStringLiteral("/callback")))
        qWarning("cannot listen: %s", qPrintable(listener.errorString()));
    AuthorizationRequest r = base;
    r.redirectUri = listener.redirectUri();
    AuthorizationCodeFlow flow(m_rig.http.get(), m_rig.random);
    connect(&listener, &Redirect::LoopbackListener::redirectReceived, &flow,
            &AuthorizationCodeFlow::handleRedirect);
    connect(&listener, &Redirect::LoopbackListener::redirectReceived, this,
            [&run](const Redirect::RedirectResult &redirect) { run.redirect = redirect; });
    QSignalSpy finished(&flow, &AuthorizationCodeFlow::finished);
    flow.start(r);
    Testing::HeadlessLogin user(QStringLiteral("alice"));
    if (!user.run(flow.result().authorizationUrl, listener.redirectUri()))
        qWarning("%s", qPrintable(user.log().join(QLatin1Char('\n'))));
    if (finished.isEmpty() && !finished.wait(20'000))
        qWarning("the flow did not finish");
    if (deliverTwice) {
        // The same authorization response again, as an attacker replaying it would.
        // A token request would start at once (the step would be ExchangingCode).
        const int before = int(flow.result().exchanges.size());
        flow.handleRedirect(run.redirect);
        run.stepAfterSecondRedirect = flow.step();
        run.exchangesAfterSecondRedirect = int(flow.result().exchanges.size()) - before;
    }
    run.result = flow.result();
    return run;
}

bool TestSandboxFaults::sentTokenRequest(const FlowResult &result)
{
    for (const Http::Exchange &exchange : result.exchanges)
        if (exchange.url.path() == QLatin1String("/token"))
            return true;
    return false;
}

void TestSandboxFaults::everySwitchHasNameAndTexts()
{
    QStringList names;
    for (Fault fault : SandboxFaults::all()) {
        const QString name = SandboxFaults::name(fault);
        QVERIFY(!name.isEmpty());
        QVERIFY2(!names.contains(name), qPrintable(name));
        names << name;
        Fault back;
        QVERIFY(SandboxFaults::fromName(name, &back));
        QCOMPARE(back, fault);
        QVERIFY2(SandboxFaults::description(fault).size() > 20, qPrintable(name));
        QVERIFY2(SandboxFaults::attackerGain(fault).size() > 20, qPrintable(name));
        QVERIFY2(!SandboxFaults::caughtBy(fault).isEmpty(), qPrintable(name));
    }
    for (const char *required :
         {"wrong_state", "missing_state", "wrong_iss", "missing_iss", "mix_up",
          "id_token_bad_signature", "id_token_wrong_aud", "id_token_expired",
          "id_token_wrong_nonce", "id_token_alg_none", "replayed_code_accepted",
          "refresh_reuse_accepted", "at_hash_wrong", "c_hash_wrong", "userinfo_wrong_sub"})
        QVERIFY2(names.contains(QString::fromLatin1(required)), required);
}

void TestSandboxFaults::parseNamesAList_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<bool>("ok");
    QTest::addColumn<QStringList>("names");
    QTest::newRow("empty_list_is_no_switch") << QString() << true << QStringList();
    QTest::newRow("two_names_in_canonical_order")
        << QStringLiteral("mix_up,wrong_state") << true
        << QStringList{QStringLiteral("wrong_state"), QStringLiteral("mix_up")};
    QTest::newRow("dashes_and_case_are_accepted")
        << QStringLiteral("ID-Token-Expired") << true
        << QStringList{QStringLiteral("id_token_expired")};
    QTest::newRow("unknown_name_is_rejected")
        << QStringLiteral("wrong_state,steal_everything") << false << QStringList();
}

void TestSandboxFaults::parseNamesAList()
{
    QFETCH(QString, text);
    QFETCH(bool, ok);
    QFETCH(QStringList, names);
    SandboxFaults faults;
    faults.set(Fault::IdTokenAlgNone);
    QString error;
    QCOMPARE(SandboxFaults::parse(text, &faults, &error), ok);
    if (ok)
        QCOMPARE(faults.names(), names);
    else
        QVERIFY(error.contains(QLatin1String("steal_everything")));
}

void TestSandboxFaults::flowCatchesTheFault_data()
{
    QTest::addColumn<QString>("fault");
    QTest::addColumn<QString>("responseType");
    QTest::addColumn<QString>("rule");
    QTest::addColumn<bool>("frontChannel"); // caught before any token request
    const QString code = QStringLiteral("code");
    const QString hybrid = QStringLiteral("code id_token");
    QTest::newRow("wrong_state_fails_state_matches")
        << QStringLiteral("wrong_state") << code << QStringLiteral("state_matches") << true;
    QTest::newRow("missing_state_fails_state_present")
        << QStringLiteral("missing_state") << code << QStringLiteral("state_present") << true;
    QTest::newRow("wrong_iss_fails_iss_matches")
        << QStringLiteral("wrong_iss") << code << QStringLiteral("iss_matches") << true;
    QTest::newRow("missing_iss_fails_iss_present")
        << QStringLiteral("missing_iss") << code << QStringLiteral("iss_present") << true;
    QTest::newRow("mix_up_fails_iss_matches")
        << QStringLiteral("mix_up") << code << QStringLiteral("iss_matches") << true;
    QTest::newRow("mix_up_hybrid_fails_iss_matches")
        << QStringLiteral("mix_up") << hybrid << QStringLiteral("iss_matches") << true;
    QTest::newRow("bad_signature_front_channel_fails_jws_signature")
        << QStringLiteral("id_token_bad_signature") << hybrid << QStringLiteral("jws_signature")
        << true;
    QTest::newRow("bad_signature_token_endpoint_fails_jws_signature")
        << QStringLiteral("id_token_bad_signature") << code << QStringLiteral("jws_signature")
        << false;
    QTest::newRow("alg_none_fails_jws_signature")
        << QStringLiteral("id_token_alg_none") << hybrid << QStringLiteral("jws_signature") << true;
    QTest::newRow("wrong_aud_fails_id_token_aud")
        << QStringLiteral("id_token_wrong_aud") << hybrid << QStringLiteral("id_token_aud") << true;
    QTest::newRow("wrong_aud_token_endpoint_fails_id_token_aud")
        << QStringLiteral("id_token_wrong_aud") << code << QStringLiteral("id_token_aud") << false;
    QTest::newRow("expired_fails_id_token_exp")
        << QStringLiteral("id_token_expired") << hybrid << QStringLiteral("id_token_exp") << true;
    QTest::newRow("wrong_nonce_fails_id_token_nonce")
        << QStringLiteral("id_token_wrong_nonce") << hybrid << QStringLiteral("id_token_nonce")
        << true;
    QTest::newRow("wrong_nonce_token_endpoint_fails_id_token_nonce")
        << QStringLiteral("id_token_wrong_nonce") << code << QStringLiteral("id_token_nonce")
        << false;
    QTest::newRow("at_hash_wrong_fails_id_token_at_hash")
        << QStringLiteral("at_hash_wrong") << QStringLiteral("id_token token")
        << QStringLiteral("id_token_at_hash") << true;
    QTest::newRow("c_hash_wrong_fails_id_token_c_hash")
        << QStringLiteral("c_hash_wrong") << hybrid << QStringLiteral("id_token_c_hash") << true;
    QTest::newRow("userinfo_wrong_sub_fails_userinfo_sub_matches")
        << QStringLiteral("userinfo_wrong_sub") << code << QStringLiteral("userinfo_sub_matches")
        << false;
}

void TestSandboxFaults::flowCatchesTheFault()
{
    QFETCH(QString, fault);
    QFETCH(QString, responseType);
    QFETCH(QString, rule);
    QFETCH(bool, frontChannel);
    Fault which;
    QVERIFY(SandboxFaults::fromName(fault, &which));
    AuthorizationRequest r = m_rig.baseRequest();
    r.responseType = responseType;

    // The control: the same flow with the switch off succeeds.
    m_rig.provider->setFaults({});
    const FlowResult control = runWith(r).result;
    QVERIFY2(control.ok(), qPrintable(control.error.message));
    QVERIFY(!control.tokens.accessToken.isEmpty());

    SandboxFaults faults;
    faults.set(which);
    m_rig.provider->setFaults(faults);
    const FlowResult broken = runWith(r).result;
    QVERIFY2(!broken.ok(), "the flow accepted a broken response");
    QCOMPARE(broken.error.kind, FlowError::Kind::Validation);
    QCOMPARE(broken.error.rule, rule);
    QCOMPARE(SandboxFaults::caughtBy(which), rule);
    QCOMPARE(sentTokenRequest(broken), !frontChannel);
}

void TestSandboxFaults::replayedCodeIsNeverSentTwiceByTheFlow()
{
    // The server-side fault cannot be seen by a client; what the client does is never
    // redeem an authorization response twice (its state is single-use), and send PKCE.
    SandboxFaults faults;
    faults.set(Fault::ReplayedCodeAccepted);
    m_rig.provider->setFaults(faults);
    const Run run = runWith(m_rig.baseRequest(), true);
    QVERIFY2(run.result.ok(), qPrintable(run.result.error.message));
    QCOMPARE(run.stepAfterSecondRedirect, AuthorizationCodeFlow::Step::Succeeded);
    QCOMPARE(run.exchangesAfterSecondRedirect, 0);
    int tokenRequests = 0;
    for (const Http::Exchange &exchange : run.result.exchanges) {
        if (exchange.url.path() == QLatin1String("/token")) {
            ++tokenRequests;
            QVERIFY(exchange.requestBody.contains("code_verifier="));
        }
    }
    QCOMPARE(tokenRequests, 1);
}

void TestSandboxFaults::replayedCodeAcceptedRedeemsACodeTwice()
{
    for (const bool on : {false, true}) {
        Testing::SandboxKit kit;
        SandboxFaults faults;
        faults.set(Fault::ReplayedCodeAccepted, on);
        kit.provider->setFaults(faults);
        const QString redirect = QStringLiteral("http://127.0.0.1:50123/callback");
        const QByteArray verifier = "dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk";
        const auto response =
            kit.authorize({{QStringLiteral("client_id"), QStringLiteral("sandbox-public")},
                           {QStringLiteral("redirect_uri"), redirect},
                           {QStringLiteral("response_type"), QStringLiteral("code")},
                           {QStringLiteral("scope"), QStringLiteral("openid")},
                           {QStringLiteral("state"), QStringLiteral("s")},
                           {QStringLiteral("code_challenge"),
                            QStringLiteral("E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM")},
                           {QStringLiteral("code_challenge_method"), QStringLiteral("S256")}});
        const QString code = Testing::SandboxKit::redirectParameters(response).queryItemValue(
            QStringLiteral("code"));
        QVERIFY(!code.isEmpty());
        const QByteArray body =
            Testing::form({{QStringLiteral("grant_type"), QStringLiteral("authorization_code")},
                           {QStringLiteral("code"), code},
                           {QStringLiteral("redirect_uri"), redirect},
                           {QStringLiteral("client_id"), QStringLiteral("sandbox-public")},
                           {QStringLiteral("code_verifier"), QString::fromLatin1(verifier)}});
        QCOMPARE(kit.provider->handle(Testing::formPost(QStringLiteral("/token"), body)).status,
                 200);
        const auto second = kit.provider->handle(Testing::formPost(QStringLiteral("/token"), body));
        QCOMPARE(second.status, on ? 200 : 400);
    }
}

void TestSandboxFaults::refreshReuseAcceptedSkipsTheTheftDetection()
{
    for (const bool on : {false, true}) {
        Testing::SandboxKit kit;
        SandboxFaults faults;
        faults.set(Fault::RefreshReuseAccepted, on);
        kit.provider->setFaults(faults);
        const QString redirect = QStringLiteral("http://127.0.0.1:50123/callback");
        const auto response =
            kit.authorize({{QStringLiteral("client_id"), QStringLiteral("sandbox-confidential")},
                           {QStringLiteral("redirect_uri"), redirect},
                           {QStringLiteral("response_type"), QStringLiteral("code")},
                           {QStringLiteral("scope"), QStringLiteral("openid offline_access")}});
        const QString code = Testing::SandboxKit::redirectParameters(response).queryItemValue(
            QStringLiteral("code"));
        const QByteArray auth = Testing::basic("sandbox-confidential", "sandbox-secret");
        const auto tokens = kit.provider->handle(Testing::formPost(
            QStringLiteral("/token"),
            Testing::form({{QStringLiteral("grant_type"), QStringLiteral("authorization_code")},
                           {QStringLiteral("code"), code},
                           {QStringLiteral("redirect_uri"), redirect}}),
            auth));
        QCOMPARE(tokens.status, 200);
        const QByteArray refresh = Testing::form(
            {{QStringLiteral("grant_type"), QStringLiteral("refresh_token")},
             {QStringLiteral("refresh_token"),
              Testing::jsonOf(tokens).value(QLatin1String("refresh_token")).toString()}});
        QCOMPARE(
            kit.provider->handle(Testing::formPost(QStringLiteral("/token"), refresh, auth)).status,
            200);
        const auto reuse =
            kit.provider->handle(Testing::formPost(QStringLiteral("/token"), refresh, auth));
        QCOMPARE(reuse.status, on ? 200 : 400);
    }
}

void TestSandboxFaults::mixUpTokensComeFromAnotherIssuersKey()
{
    Testing::SandboxKit kit;
    SandboxFaults faults;
    faults.set(Fault::MixUp);
    kit.provider->setFaults(faults);
    const auto response = kit.authorize(
        {{QStringLiteral("client_id"), QStringLiteral("sandbox-public")},
         {QStringLiteral("redirect_uri"), QStringLiteral("http://127.0.0.1:50123/callback")},
         {QStringLiteral("response_type"), QStringLiteral("id_token")},
         {QStringLiteral("scope"), QStringLiteral("openid")},
         {QStringLiteral("nonce"), QStringLiteral("n")}});
    const QUrlQuery parameters = Testing::SandboxKit::redirectParameters(response);
    QCOMPARE(parameters.queryItemValue(QStringLiteral("iss")),
             QStringLiteral("https://attacker.example"));
    const auto parsed = Jose::JwsToken::parseCompact(
        parameters.queryItemValue(QStringLiteral("id_token")).toLatin1());
    QVERIFY(!parsed.isError());
    QCOMPARE(parsed.token().payloadObject().value(QLatin1String("iss")).toString(),
             QStringLiteral("https://attacker.example"));
    const Jose::JwkSet keys =
        Jose::JwkSet::fromJson(QJsonDocument(kit.keys.jwks()).toJson(QJsonDocument::Compact));
    QVERIFY(!Jose::JwsVerifier::verify(parsed.token(), keys).isVerified());
    QVERIFY(keys.keysWithKid(parsed.token().kid()).isEmpty());
}

void TestSandboxFaults::controlEndpointShowsAndSetsTheSwitches()
{
    Testing::SandboxKit kit;
    auto shown = kit.provider->handle(Testing::get(QStringLiteral("/sandbox/faults")));
    QCOMPARE(shown.status, 200);
    QCOMPARE(Testing::jsonOf(shown).value(QLatin1String("faults")).toArray().size(), 0);
    QCOMPARE(Testing::jsonOf(shown).value(QLatin1String("available")).toArray().size(),
             SandboxFaults::all().size());

    Sandbox::HttpRequest post = Testing::formPost(QStringLiteral("/sandbox/faults"),
                                                  R"({"faults":["missing_iss","wrong_state"]})");
    post.headers[1].second = "application/json";
    const auto set = kit.provider->handle(post);
    QCOMPARE(set.status, 200);
    QVERIFY(kit.provider->faults().isOn(Fault::MissingIss));
    QVERIFY(kit.provider->faults().isOn(Fault::WrongState));
    shown = kit.provider->handle(Testing::get(QStringLiteral("/sandbox/faults")));
    QCOMPARE(Testing::jsonOf(shown).value(QLatin1String("faults")).toArray(),
             (QJsonArray{QStringLiteral("wrong_state"), QStringLiteral("missing_iss")}));

    // And they take effect: no iss, a forged state.
    const auto response = kit.authorize(
        {{QStringLiteral("client_id"), QStringLiteral("sandbox-confidential")},
         {QStringLiteral("redirect_uri"), QStringLiteral("http://127.0.0.1:50123/callback")},
         {QStringLiteral("response_type"), QStringLiteral("code")},
         {QStringLiteral("state"), QStringLiteral("mine")}});
    const QUrlQuery parameters = Testing::SandboxKit::redirectParameters(response);
    QVERIFY(!parameters.hasQueryItem(QStringLiteral("iss")));
    QVERIFY(parameters.queryItemValue(QStringLiteral("state")) != QLatin1String("mine"));
}

void TestSandboxFaults::controlEndpointRefusesWhatIsNotJson()
{
    Testing::SandboxKit kit;
    // A form post (what a cross-site page can send) is refused.
    const auto form = kit.provider->handle(
        Testing::formPost(QStringLiteral("/sandbox/faults"), "faults=wrong_state"));
    QCOMPARE(form.status, 415);
    Sandbox::HttpRequest unknown =
        Testing::formPost(QStringLiteral("/sandbox/faults"), R"({"faults":["steal"]})");
    unknown.headers[1].second = "application/json";
    QCOMPARE(kit.provider->handle(unknown).status, 400);
    QVERIFY(kit.provider->faults().isEmpty());
}

QTEST_GUILESS_MAIN(TestSandboxFaults)
#include "TestSandboxFaults.moc"
