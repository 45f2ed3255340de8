// Masking of secrets when an exchange is rendered or exported: form bodies, JSON bodies,
// headers, URLs, and the second pass that hides the same secrets wherever they are echoed.
// Parameter names come from RFC 6749 (§2.3.1, §4.1.3, §4.3.2, §5.1, §6), RFC 7636, RFC 7009,
// RFC 7521/7523, RFC 8628 and RFC 8693; JWK members from RFC 7517/7518 §6.
#include "http/Redactor.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>

using namespace Tokenscope::Http;

namespace {

const QByteArray Masked = QByteArrayLiteral("[redacted]");

Exchange makeExchange(const QByteArray &method, const QString &url,
                      const HeaderList &requestHeaders, const QByteArray &requestBody,
                      int statusCode, const HeaderList &responseHeaders,
                      const QByteArray &responseBody)
{
    Exchange exchange;
    exchange.id = 7;
    exchange.label = QStringLiteral("test");
    exchange.method = method;
    exchange.url = QUrl(url, QUrl::StrictMode);
    exchange.requestHeaders = requestHeaders;
    exchange.requestBody = requestBody;
    exchange.hasResponse = statusCode > 0;
    exchange.statusCode = statusCode;
    exchange.responseHeaders = responseHeaders;
    exchange.responseBody = responseBody;
    exchange.durationUs = 1500;
    return exchange;
}

// An exchange that carries a secret in every place the redactor looks at.
Exchange everySecretExchange()
{
    Exchange exchange = makeExchange(
        "POST",
        QStringLiteral("https://alice:pa55word-1@as.example.com/token?code=SplxlOBeZQQYbYS6WxSbIA"),
        {{"Authorization", "Basic czZCaGRSa3F0MzpnWDFmQmF0M2JW"},
         {"Content-Type", "application/x-www-form-urlencoded"},
         {"Cookie", "sid=31d4d96e407aad42; lang=en-US"}},
        "grant_type=refresh_token&refresh_token=tGzv3JOkF0XG5Qx2TlKWIA&client_secret="
        "7Fjfp0ZBr1KtDRbnfVdmIw",
        200,
        {{"Content-Type", "application/json"},
         {"Set-Cookie", "sid=a2b4c6d8e0f1a3b5; Path=/; Secure; HttpOnly"},
         {"X-Echo", "tGzv3JOkF0XG5Qx2TlKWIA"}},
        R"({"access_token":"2YotnFZFEjr1zCsicMWpAA","token_type":"Bearer","refresh_token":"8xLOxBtZp8"})");
    exchange.error.message = QStringLiteral("server said gX1fBat3bV is wrong");
    return exchange;
}

} // namespace

class TestRedactor final : public QObject
{
    Q_OBJECT

private slots:
    void isSecretParameter_data();
    void isSecretParameter();
    void redactForm_data();
    void redactForm();
    void redactJson_data();
    void redactJson();
    void escapedSecretFallsBackToReserializationAndIsStillMasked();
    void redactHeader_data();
    void redactHeader();
    void redactUrl_data();
    void redactUrl();
    void redact_data();
    void redact();
    void redactNeverModifiesItsInput();
};

void TestRedactor::isSecretParameter_data()
{
    QTest::addColumn<QByteArray>("name");
    QTest::addColumn<bool>("secret");

    QTest::newRow("client_secret_is_secret") << QByteArray("client_secret") << true;
    QTest::newRow("authorization_code_is_secret") << QByteArray("code") << true;
    QTest::newRow("code_verifier_is_secret") << QByteArray("code_verifier") << true;
    QTest::newRow("password_is_secret") << QByteArray("password") << true;
    QTest::newRow("access_token_is_secret") << QByteArray("access_token") << true;
    QTest::newRow("refresh_token_is_secret") << QByteArray("refresh_token") << true;
    QTest::newRow("id_token_is_secret") << QByteArray("id_token") << true;
    QTest::newRow("assertion_is_secret") << QByteArray("assertion") << true;
    QTest::newRow("client_assertion_is_secret") << QByteArray("client_assertion") << true;
    QTest::newRow("subject_token_is_secret") << QByteArray("subject_token") << true;
    QTest::newRow("actor_token_is_secret") << QByteArray("actor_token") << true;
    QTest::newRow("device_code_is_secret") << QByteArray("device_code") << true;
    QTest::newRow("revocation_token_is_secret") << QByteArray("token") << true;
    QTest::newRow("id_token_hint_is_secret") << QByteArray("id_token_hint") << true;
    QTest::newRow("client_notification_token_is_secret")
        << QByteArray("client_notification_token") << true;
    QTest::newRow("name_case_does_not_hide_a_secret") << QByteArray("Client_Secret") << true;
    QTest::newRow("grant_type_is_not_secret") << QByteArray("grant_type") << false;
    QTest::newRow("redirect_uri_is_not_secret") << QByteArray("redirect_uri") << false;
    QTest::newRow("client_id_is_not_secret") << QByteArray("client_id") << false;
    QTest::newRow("state_is_not_secret") << QByteArray("state") << false;
    QTest::newRow("scope_is_not_secret") << QByteArray("scope") << false;
    QTest::newRow("username_is_not_secret") << QByteArray("username") << false;
    QTest::newRow("code_challenge_is_not_secret") << QByteArray("code_challenge") << false;
    QTest::newRow("client_assertion_type_is_not_secret")
        << QByteArray("client_assertion_type") << false;
    QTest::newRow("token_type_is_not_secret") << QByteArray("token_type") << false;
    QTest::newRow("token_type_hint_is_not_secret") << QByteArray("token_type_hint") << false;
    QTest::newRow("user_code_is_not_secret") << QByteArray("user_code") << false;
}

void TestRedactor::isSecretParameter()
{
    QFETCH(QByteArray, name);
    QFETCH(bool, secret);
    QCOMPARE(Redactor::isSecretParameter(name), secret);
}

void TestRedactor::redactForm_data()
{
    QTest::addColumn<QByteArray>("form");
    QTest::addColumn<QByteArray>("expected");
    QTest::addColumn<QByteArrayList>("secrets");

    QTest::newRow("code_and_code_verifier_in_token_request_are_masked")
        << QByteArray("grant_type=authorization_code&code=SplxlOBeZQQYbYS6WxSbIA"
                      "&redirect_uri=https%3A%2F%2Fclient%2Eexample%2Ecom%2Fcb&client_id=s6BhdRkqt3"
                      "&code_verifier=dBjftJeZ4CVP-mJ92IySfhoL7V-5dlW0oL7sxnJhPKo")
        << QByteArray("grant_type=authorization_code&code=[redacted]"
                      "&redirect_uri=https%3A%2F%2Fclient%2Eexample%2Ecom%2Fcb&client_id=s6BhdRkqt3"
                      "&code_verifier=[redacted]")
        << QByteArrayList{"SplxlOBeZQQYbYS6WxSbIA", "dBjftJeZ4CVP-mJ92IySfhoL7V-5dlW0oL7sxnJhPKo"};
    QTest::newRow("client_secret_in_form_body_is_masked")
        << QByteArray("grant_type=refresh_token&refresh_token=tGzv3JOkF0XG5Qx2TlKWIA"
                      "&client_id=s6BhdRkqt3&client_secret=7Fjfp0ZBr1KtDRbnfVdmIw")
        << QByteArray("grant_type=refresh_token&refresh_token=[redacted]"
                      "&client_id=s6BhdRkqt3&client_secret=[redacted]")
        << QByteArrayList{"tGzv3JOkF0XG5Qx2TlKWIA", "7Fjfp0ZBr1KtDRbnfVdmIw"};
    QTest::newRow("password_grant_masks_password_keeps_username")
        << QByteArray("grant_type=password&username=johndoe&password=A3ddj3w")
        << QByteArray("grant_type=password&username=johndoe&password=[redacted]")
        << QByteArrayList{"A3ddj3w"};
    QTest::newRow("jwt_bearer_assertion_is_masked")
        << QByteArray("grant_type=urn%3Aietf%3Aparams%3Aoauth%3Agrant-type%3Ajwt-bearer"
                      "&assertion=eyJhbGciOiJFUzI1NiJ9.eyJpc3MiOiJ4In0.J9l-ZhwP")
        << QByteArray("grant_type=urn%3Aietf%3Aparams%3Aoauth%3Agrant-type%3Ajwt-bearer"
                      "&assertion=[redacted]")
        << QByteArrayList{"eyJhbGciOiJFUzI1NiJ9.eyJpc3MiOiJ4In0.J9l-ZhwP"};
    QTest::newRow("client_assertion_is_masked_its_type_is_kept")
        << QByteArray(
               "client_assertion_type=urn%3Aietf%3Aparams%3Aoauth%3Aclient-assertion-type"
               "%3Ajwt-bearer&client_assertion=eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJjIn0.cC4hiUPo")
        << QByteArray("client_assertion_type=urn%3Aietf%3Aparams%3Aoauth%3Aclient-assertion-type"
                      "%3Ajwt-bearer&client_assertion=[redacted]")
        << QByteArrayList{"eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJjIn0.cC4hiUPo"};
    QTest::newRow("token_exchange_masks_subject_and_actor_tokens_keeps_their_types")
        << QByteArray("grant_type=urn%3Aietf%3Aparams%3Aoauth%3Agrant-type%3Atoken-exchange"
                      "&subject_token=accVkjcJyb4BWCxGsndESCJQbdFMogUC5PbRDqceLTC"
                      "&subject_token_type=urn%3Aietf%3Aparams%3Aoauth%3Atoken-type%3Aaccess_token"
                      "&actor_token=eyJhbGciOiJFUzI1NiJ9.eyJhY3QiOjF9.sig"
                      "&actor_token_type=urn%3Aietf%3Aparams%3Aoauth%3Atoken-type%3Ajwt")
        << QByteArray("grant_type=urn%3Aietf%3Aparams%3Aoauth%3Agrant-type%3Atoken-exchange"
                      "&subject_token=[redacted]"
                      "&subject_token_type=urn%3Aietf%3Aparams%3Aoauth%3Atoken-type%3Aaccess_token"
                      "&actor_token=[redacted]"
                      "&actor_token_type=urn%3Aietf%3Aparams%3Aoauth%3Atoken-type%3Ajwt")
        << QByteArrayList{"accVkjcJyb4BWCxGsndESCJQbdFMogUC5PbRDqceLTC",
                          "eyJhbGciOiJFUzI1NiJ9.eyJhY3QiOjF9.sig"};
    QTest::newRow("device_code_poll_masks_device_code")
        << QByteArray("grant_type=urn%3Aietf%3Aparams%3Aoauth%3Agrant-type%3Adevice_code"
                      "&device_code=GmRhmhcxhwAzkoEqiMEg_DnyEysNkuNhszIySk9eS&client_id=1406020730")
        << QByteArray("grant_type=urn%3Aietf%3Aparams%3Aoauth%3Agrant-type%3Adevice_code"
                      "&device_code=[redacted]&client_id=1406020730")
        << QByteArrayList{"GmRhmhcxhwAzkoEqiMEg_DnyEysNkuNhszIySk9eS"};
    QTest::newRow("revocation_masks_token_keeps_type_hint")
        << QByteArray("token=45ghiukldjahdnhzdauz&token_type_hint=refresh_token")
        << QByteArray("token=[redacted]&token_type_hint=refresh_token")
        << QByteArrayList{"45ghiukldjahdnhzdauz"};
    QTest::newRow("percent_encoded_key_is_recognised")
        << QByteArray("client%5Fsecret=abc%2Fdef&%63ode=xyz789")
        << QByteArray("client%5Fsecret=[redacted]&%63ode=[redacted]")
        << QByteArrayList{"abc/def", "xyz789"};
    QTest::newRow("plus_and_percent_escapes_in_value_are_decoded_for_the_echo_search")
        << QByteArray("username=johndoe&password=p%40ss+word%2B1")
        << QByteArray("username=johndoe&password=[redacted]") << QByteArrayList{"p@ss word+1"};
    QTest::newRow("form_without_secrets_is_unchanged")
        << QByteArray("grant_type=client_credentials&scope=read%20write+admin&client_id=s6BhdRkqt3")
        << QByteArray("grant_type=client_credentials&scope=read%20write+admin&client_id=s6BhdRkqt3")
        << QByteArrayList{};
    QTest::newRow("parameter_without_equals_sign_is_left_alone")
        << QByteArray("code&state=xyz") << QByteArray("code&state=xyz") << QByteArrayList{};
}

void TestRedactor::redactForm()
{
    QFETCH(QByteArray, form);
    QFETCH(QByteArray, expected);
    QFETCH(QByteArrayList, secrets);

    QByteArrayList found;
    QCOMPARE(Redactor::redactForm(form, &found), expected);
    QCOMPARE(found, secrets);
    QCOMPARE(Redactor::redactForm(form, nullptr), expected);
}

void TestRedactor::redactJson_data()
{
    QTest::addColumn<QByteArray>("json");
    QTest::addColumn<QByteArray>("expected");
    QTest::addColumn<QByteArrayList>("secrets");

    // RFC 6749 §5.1, as printed there: layout and member order must survive.
    QTest::newRow("token_response_masks_tokens_and_keeps_formatting_byte_for_byte") << QByteArray(
                                                                                           R"({
       "access_token":"2YotnFZFEjr1zCsicMWpAA",
       "token_type":"example",
       "expires_in":3600,
       "refresh_token":"tGzv3JOkF0XG5Qx2TlKWIA",
       "example_parameter":"example_value"
     })") << QByteArray(R"({
       "access_token":"[redacted]",
       "token_type":"example",
       "expires_in":3600,
       "refresh_token":"[redacted]",
       "example_parameter":"example_value"
     })") << QByteArrayList{"2YotnFZFEjr1zCsicMWpAA", "tGzv3JOkF0XG5Qx2TlKWIA"};
    QTest::newRow("id_token_is_masked_scope_is_kept")
        << QByteArray(R"({"token_type" : "Bearer","scope" : "openid",)"
                      "\r\n"
                      R"( "id_token" : "eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiIyNDgifQ.sig" })")
        << QByteArray(R"({"token_type" : "Bearer","scope" : "openid",)"
                      "\r\n"
                      R"( "id_token" : "[redacted]" })")
        << QByteArrayList{"eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiIyNDgifQ.sig"};
    QTest::newRow("nested_object_is_searched")
        << QByteArray(
               R"({"result":{"tokens":{"refresh_token":"8xLOxBtZp8Qz","kind":"rt"}},"ok":true})")
        << QByteArray(
               R"({"result":{"tokens":{"refresh_token":"[redacted]","kind":"rt"}},"ok":true})")
        << QByteArrayList{"8xLOxBtZp8Qz"};
    QTest::newRow("objects_inside_a_top_level_array_are_searched")
        << QByteArray(R"([{"access_token":"first-token-1"},{"access_token":"second-token-2"}])")
        << QByteArray(R"([{"access_token":"[redacted]"},{"access_token":"[redacted]"}])")
        << QByteArrayList{"first-token-1", "second-token-2"};
    // RFC 7518 §6.3.2: the private members of an RSA key; n and e are public.
    QTest::newRow("rsa_private_jwk_masks_d_p_q_dp_dq_qi_keeps_n_e")
        << QByteArray(R"({"kty":"RSA","kid":"k1","n":"0vx7agoebGcQSuu","e":"AQAB",)"
                      R"("d":"X4cTteJY_gn4FYP","p":"83i-7IvMGXoMX","q":"3dfOR9cuYq-0S",)"
                      R"("dp":"G4sPXkc6Ya9y8","dq":"s9lAH9fggBso","qi":"GyM_p6JrXySiz"})")
        << QByteArray(R"({"kty":"RSA","kid":"k1","n":"0vx7agoebGcQSuu","e":"AQAB",)"
                      R"("d":"[redacted]","p":"[redacted]","q":"[redacted]",)"
                      R"("dp":"[redacted]","dq":"[redacted]","qi":"[redacted]"})")
        << QByteArrayList{"X4cTteJY_gn4FYP", "G4sPXkc6Ya9y8", "s9lAH9fggBso",
                          "83i-7IvMGXoMX",   "3dfOR9cuYq-0S", "GyM_p6JrXySiz"};
    // RFC 7518 §6.2.2.1: d is the EC private key; x and y are the public point.
    QTest::newRow("ec_private_jwk_masks_d_keeps_x_y")
        << QByteArray(R"({"keys":[{"kty":"EC","crv":"P-256","x":"MKBCTNIcKUSDii11",)"
                      R"("y":"4Etl6SRW2YiLUrN5","d":"870MB6gfuTJ4HtUn"}]})")
        << QByteArray(R"({"keys":[{"kty":"EC","crv":"P-256","x":"MKBCTNIcKUSDii11",)"
                      R"("y":"4Etl6SRW2YiLUrN5","d":"[redacted]"}]})")
        << QByteArrayList{"870MB6gfuTJ4HtUn"};
    // RFC 7518 §6.4.1: k is the symmetric key itself.
    QTest::newRow("symmetric_jwk_masks_k")
        << QByteArray(R"({"kty":"oct","alg":"HS256","k":"AyM1SysPpbyDfgZld3umj1qzKObwVMko"})")
        << QByteArray(R"({"kty":"oct","alg":"HS256","k":"[redacted]"})")
        << QByteArrayList{"AyM1SysPpbyDfgZld3umj1qzKObwVMko"};
    QTest::newRow("public_jwk_set_is_unchanged")
        << QByteArray(
               R"({"keys":[{"kty":"RSA","use":"sig","n":"0vx7agoebGcQSuu","e":"AQAB"},)"
               R"({"kty":"EC","crv":"P-256","x":"MKBCTNIcKUSDii11","y":"4Etl6SRW2YiLUrN5"}]})")
        << QByteArray(
               R"({"keys":[{"kty":"RSA","use":"sig","n":"0vx7agoebGcQSuu","e":"AQAB"},)"
               R"({"kty":"EC","crv":"P-256","x":"MKBCTNIcKUSDii11","y":"4Etl6SRW2YiLUrN5"}]})")
        << QByteArrayList{};
    QTest::newRow("d_and_k_outside_an_object_with_kty_are_not_masked")
        << QByteArray(R"({"d":"2024-01-01","k":"kilo-value","p":"page-2"})")
        << QByteArray(R"({"d":"2024-01-01","k":"kilo-value","p":"page-2"})") << QByteArrayList{};
    // RFC 7518 §6.3.2.7: r, d and t of each additional prime are private too.
    QTest::newRow("multi_prime_oth_members_are_masked")
        << QByteArray(R"({"kty":"RSA","n":"0vx7agoebGcQSuu","e":"AQAB","d":"X4cTteJY_gn4FYP",)"
                      R"("oth":[{"r":"oth-prime-r1","d":"oth-exponent-d1","t":"oth-coeff-t1"}]})")
        << QByteArray(R"({"kty":"RSA","n":"0vx7agoebGcQSuu","e":"AQAB","d":"[redacted]",)"
                      R"("oth":[{"r":"[redacted]","d":"[redacted]","t":"[redacted]"}]})")
        << QByteArrayList{"X4cTteJY_gn4FYP", "oth-prime-r1", "oth-exponent-d1", "oth-coeff-t1"};
    QTest::newRow("error_response_is_unchanged")
        << QByteArray(R"({"error":"invalid_grant","error_description":"code expired"})")
        << QByteArray(R"({"error":"invalid_grant","error_description":"code expired"})")
        << QByteArrayList{};
    QTest::newRow("token_metadata_without_token_is_unchanged")
        << QByteArray(R"({"token_type":"Bearer","expires_in":3600,"scope":"openid"})")
        << QByteArray(R"({"token_type":"Bearer","expires_in":3600,"scope":"openid"})")
        << QByteArrayList{};
    // A body cut at the size cap, or a provider's broken JSON, must not show its tokens.
    QTest::newRow("malformed_json_still_masks_tokens")
        << QByteArray(R"({"access_token":"2YotnFZFEjr1zCsicMWpAA","token_type":"Bearer","expi)")
        << QByteArray(R"({"access_token":"[redacted]","token_type":"Bearer","expi)")
        << QByteArrayList{"2YotnFZFEjr1zCsicMWpAA"};
}

void TestRedactor::redactJson()
{
    QFETCH(QByteArray, json);
    QFETCH(QByteArray, expected);
    QFETCH(QByteArrayList, secrets);

    QByteArrayList found;
    QCOMPARE(Redactor::redactJson(json, &found), expected);
    // The order in which members are visited is the parser's business.
    std::sort(found.begin(), found.end());
    std::sort(secrets.begin(), secrets.end());
    QCOMPARE(found, secrets);
}

void TestRedactor::escapedSecretFallsBackToReserializationAndIsStillMasked()
{
    // "\/" is a legal escape of "/": the secret's text is not in the body as written.
    const QByteArray json =
        R"({"access_token" : "2YotnFZ\/EjrCsicMWpAA", "token_type" : "Bearer", "expires_in" : 3600})";
    QByteArrayList found;
    const QByteArray masked = Redactor::redactJson(json, &found);

    QCOMPARE(found, QByteArrayList{"2YotnFZ/EjrCsicMWpAA"});
    QVERIFY(!masked.contains("2YotnFZ"));
    QVERIFY(!masked.contains("EjrCsicMWpAA"));
    QJsonParseError error;
    const QJsonObject object = QJsonDocument::fromJson(masked, &error).object();
    QCOMPARE(error.error, QJsonParseError::NoError);
    QCOMPARE(object.value(QLatin1String("access_token")).toString(), QString::fromLatin1(Masked));
    QCOMPARE(object.value(QLatin1String("token_type")).toString(), QStringLiteral("Bearer"));
    QCOMPARE(object.value(QLatin1String("expires_in")).toInt(), 3600);
}

void TestRedactor::redactHeader_data()
{
    QTest::addColumn<QByteArray>("name");
    QTest::addColumn<QByteArray>("value");
    QTest::addColumn<QByteArray>("expected");
    QTest::addColumn<QByteArrayList>("secrets");

    // RFC 6749 §2.3.1: "s6BhdRkqt3:gX1fBat3bV"; the secret is remembered decoded.
    QTest::newRow("basic_authorization_keeps_scheme_word")
        << QByteArray("Authorization") << QByteArray("Basic czZCaGRSa3F0MzpnWDFmQmF0M2JW")
        << QByteArray("Basic [redacted]")
        << QByteArrayList{"czZCaGRSa3F0MzpnWDFmQmF0M2JW", "gX1fBat3bV"};
    QTest::newRow("bearer_authorization_keeps_scheme_word")
        << QByteArray("Authorization") << QByteArray("Bearer mF_9.B5f-4.1JqM")
        << QByteArray("Bearer [redacted]") << QByteArrayList{"mF_9.B5f-4.1JqM"};
    QTest::newRow("dpop_authorization_keeps_scheme_word")
        << QByteArray("Authorization")
        << QByteArray("DPoP Kz~8mXK1EalYznwH-LC-1fBAo.4Ljp~zsPE_NeO.gxU")
        << QByteArray("DPoP [redacted]")
        << QByteArrayList{"Kz~8mXK1EalYznwH-LC-1fBAo.4Ljp~zsPE_NeO.gxU"};
    QTest::newRow("lower_case_header_name_is_recognised")
        << QByteArray("authorization") << QByteArray("Bearer mF_9.B5f-4.1JqM")
        << QByteArray("Bearer [redacted]") << QByteArrayList{"mF_9.B5f-4.1JqM"};
    QTest::newRow("proxy_authorization_keeps_scheme_word")
        << QByteArray("Proxy-Authorization") << QByteArray("Basic YWxhZGRpbjpvcGVuc2VzYW1l")
        << QByteArray("Basic [redacted]")
        << QByteArrayList{"YWxhZGRpbjpvcGVuc2VzYW1l", "opensesame"};
    QTest::newRow("authorization_without_scheme_is_masked_whole")
        << QByteArray("Authorization") << QByteArray("0123456789abcdef") << QByteArray("[redacted]")
        << QByteArrayList{"0123456789abcdef"};
    QTest::newRow("cookie_masks_each_value")
        << QByteArray("Cookie") << QByteArray("sid=31d4d96e407aad42; lang=en-US")
        << QByteArray("sid=[redacted]; lang=[redacted]")
        << QByteArrayList{"31d4d96e407aad42", "en-US"};
    QTest::newRow("set_cookie_masks_value_keeps_attributes")
        << QByteArray("Set-Cookie") << QByteArray("sid=31d4d96e407aad42; Path=/; Secure; HttpOnly")
        << QByteArray("sid=[redacted]; Path=/; Secure; HttpOnly")
        << QByteArrayList{"31d4d96e407aad42"};
    QTest::newRow("api_key_header_is_masked")
        << QByteArray("X-Api-Key") << QByteArray("k-19fa2e77c0") << QByteArray("[redacted]")
        << QByteArrayList{"k-19fa2e77c0"};
    QTest::newRow("client_secret_header_is_masked")
        << QByteArray("X-Client-Secret") << QByteArray("7Fjfp0ZBr1KtDRbnfVdmIw")
        << QByteArray("[redacted]") << QByteArrayList{"7Fjfp0ZBr1KtDRbnfVdmIw"};
    QTest::newRow("content_type_is_unchanged")
        << QByteArray("Content-Type") << QByteArray("application/x-www-form-urlencoded")
        << QByteArray("application/x-www-form-urlencoded") << QByteArrayList{};
    QTest::newRow("www_authenticate_challenge_is_unchanged")
        << QByteArray("WWW-Authenticate")
        << QByteArray(R"(Bearer realm="example", error="invalid_token")")
        << QByteArray(R"(Bearer realm="example", error="invalid_token")") << QByteArrayList{};
    QTest::newRow("user_agent_is_unchanged")
        << QByteArray("User-Agent") << QByteArray("Tokenscope/0.1") << QByteArray("Tokenscope/0.1")
        << QByteArrayList{};
}

void TestRedactor::redactHeader()
{
    QFETCH(QByteArray, name);
    QFETCH(QByteArray, value);
    QFETCH(QByteArray, expected);
    QFETCH(QByteArrayList, secrets);

    QByteArrayList found;
    QCOMPARE(Redactor::redactHeader(name, value, &found), expected);
    QCOMPARE(found, secrets);
    QCOMPARE(Redactor::isSecretHeader(name), !secrets.isEmpty());
}

void TestRedactor::redactUrl_data()
{
    QTest::addColumn<QString>("url");
    QTest::addColumn<QString>("expectedQuery");    // fully decoded
    QTest::addColumn<QString>("expectedFragment"); // fully decoded
    QTest::addColumn<QString>("expectedPassword");
    QTest::addColumn<QByteArrayList>("secrets");

    // RFC 6749 §4.1.2.
    QTest::newRow("code_in_authorization_response_query_is_masked_state_kept")
        << QStringLiteral("https://client.example.com/cb?code=SplxlOBeZQQYbYS6WxSbIA&state=xyz")
        << QStringLiteral("code=[redacted]&state=xyz") << QString() << QString()
        << QByteArrayList{"SplxlOBeZQQYbYS6WxSbIA"};
    // RFC 6749 §4.2.2.
    QTest::newRow("access_token_in_implicit_response_fragment_is_masked")
        << QStringLiteral("https://example.com/cb#access_token=2YotnFZFEjr1zCsicMWpAA"
                          "&state=xyz&token_type=example&expires_in=3600")
        << QString()
        << QStringLiteral("access_token=[redacted]&state=xyz&token_type=example&expires_in=3600")
        << QString() << QByteArrayList{"2YotnFZFEjr1zCsicMWpAA"};
    QTest::newRow("hybrid_fragment_masks_code_and_id_token")
        << QStringLiteral("https://client.example.org/cb#code=SplxlOBeZQQYbYS6WxSbIA"
                          "&id_token=eyJ0eXAiOiJKV1QiLCJhbGciOiJSUzI1NiJ9.eyJzdWIiOiIxIn0.sig&"
                          "state=af0ifjsldkj")
        << QString() << QStringLiteral("code=[redacted]&id_token=[redacted]&state=af0ifjsldkj")
        << QString()
        << QByteArrayList{"SplxlOBeZQQYbYS6WxSbIA",
                          "eyJ0eXAiOiJKV1QiLCJhbGciOiJSUzI1NiJ9.eyJzdWIiOiIxIn0.sig"};
    QTest::newRow("userinfo_password_is_masked")
        << QStringLiteral("https://alice:s3cr3t-pass@proxy.example.com/path") << QString()
        << QString() << QStringLiteral("[redacted]") << QByteArrayList{"s3cr3t-pass"};
    QTest::newRow("id_token_hint_in_logout_request_is_masked")
        << QStringLiteral("https://as.example.com/logout?id_token_hint=eyJhbGciOiJSUzI1NiJ9.e30.sig"
                          "&post_logout_redirect_uri=https%3A%2F%2Fclient.example.com%2F")
        << QStringLiteral(
               "id_token_hint=[redacted]&post_logout_redirect_uri=https://client.example.com/")
        << QString() << QString() << QByteArrayList{"eyJhbGciOiJSUzI1NiJ9.e30.sig"};
    // RFC 7636 §4.3: the challenge travels through the browser and is no secret.
    QTest::newRow("authorization_request_is_unchanged")
        << QStringLiteral("https://as.example.com/authorize?response_type=code&client_id=s6BhdRkqt3"
                          "&state=xyz&code_challenge=E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM"
                          "&code_challenge_method=S256")
        << QStringLiteral("response_type=code&client_id=s6BhdRkqt3&state=xyz"
                          "&code_challenge=E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM"
                          "&code_challenge_method=S256")
        << QString() << QString() << QByteArrayList{};
    QTest::newRow("error_response_is_unchanged")
        << QStringLiteral("https://client.example.com/cb?error=access_denied&state=xyz")
        << QStringLiteral("error=access_denied&state=xyz") << QString() << QString()
        << QByteArrayList{};
}

void TestRedactor::redactUrl()
{
    QFETCH(QString, url);
    QFETCH(QString, expectedQuery);
    QFETCH(QString, expectedFragment);
    QFETCH(QString, expectedPassword);
    QFETCH(QByteArrayList, secrets);

    const QUrl input(url, QUrl::StrictMode);
    QVERIFY(input.isValid());
    QByteArrayList found;
    const QUrl masked = Redactor::redactUrl(input, &found);

    QVERIFY(masked.isValid());
    QCOMPARE(masked.query(QUrl::FullyDecoded), expectedQuery);
    QCOMPARE(masked.fragment(QUrl::FullyDecoded), expectedFragment);
    QCOMPARE(masked.password(QUrl::FullyDecoded), expectedPassword);
    QCOMPARE(masked.userName(), input.userName());
    const auto rest = QUrl::RemoveQuery | QUrl::RemoveFragment | QUrl::RemovePassword;
    QCOMPARE(masked.adjusted(rest), input.adjusted(rest));
    QCOMPARE(found, secrets);
    for (const QByteArray &secret : std::as_const(secrets))
        QVERIFY2(!masked.toEncoded().contains(secret), secret.constData());
}

void TestRedactor::redact_data()
{
    QTest::addColumn<Exchange>("input");
    QTest::addColumn<QString>("expectedUrl"); // as displayed (pretty decoded)
    QTest::addColumn<HeaderList>("expectedRequestHeaders");
    QTest::addColumn<QByteArray>("expectedRequestBody");
    QTest::addColumn<HeaderList>("expectedResponseHeaders");
    QTest::addColumn<QByteArray>("expectedResponseBody");

    const HeaderList html{{"Content-Type", "text/html; charset=utf-8"}};
    const HeaderList text{{"Content-Type", "text/plain"}};
    const HeaderList form{{"Content-Type", "application/x-www-form-urlencoded"}};
    const HeaderList json{{"Content-Type", "application/json"}};

    QTest::newRow("code_from_query_echoed_in_html_response_is_masked")
        << makeExchange("GET",
                        QStringLiteral(
                            "https://client.example.com/cb?code=SplxlOBeZQQYbYS6WxSbIA&state=xyz"),
                        {}, {}, 200, html,
                        "<p>Received code SplxlOBeZQQYbYS6WxSbIA for state xyz</p>")
        << QStringLiteral("https://client.example.com/cb?code=[redacted]&state=xyz") << HeaderList{}
        << QByteArray() << html << QByteArray("<p>Received code [redacted] for state xyz</p>");
    QTest::newRow("basic_auth_client_secret_echoed_in_body_is_masked")
        << makeExchange("POST", QStringLiteral("https://as.example.com/token"),
                        {{"Authorization", "Basic czZCaGRSa3F0MzpnWDFmQmF0M2JW"}, form.first()},
                        "grant_type=client_credentials", 401, text,
                        "client s6BhdRkqt3: secret gX1fBat3bV does not match")
        << QStringLiteral("https://as.example.com/token")
        << HeaderList{{"Authorization", "Basic [redacted]"}, form.first()}
        << QByteArray("grant_type=client_credentials") << text
        << QByteArray("client s6BhdRkqt3: secret [redacted] does not match");
    QTest::newRow("code_from_form_body_echoed_in_json_error_is_masked")
        << makeExchange(
               "POST", QStringLiteral("https://as.example.com/token"), form,
               "grant_type=authorization_code&code=SplxlOBeZQQYbYS6WxSbIA", 400, json,
               R"({"error":"invalid_grant","error_description":"code SplxlOBeZQQYbYS6WxSbIA expired"})")
        << QStringLiteral("https://as.example.com/token") << form
        << QByteArray("grant_type=authorization_code&code=[redacted]") << json
        << QByteArray(R"({"error":"invalid_grant","error_description":"code [redacted] expired"})");
    QTest::newRow("token_from_json_response_echoed_in_a_header_is_masked")
        << makeExchange("POST", QStringLiteral("https://as.example.com/token"), form,
                        "grant_type=client_credentials", 200,
                        {json.first(), {"X-Debug", "issued 2YotnFZFEjr1zCsicMWpAA"}},
                        R"({"access_token":"2YotnFZFEjr1zCsicMWpAA","token_type":"Bearer"})")
        << QStringLiteral("https://as.example.com/token") << form
        << QByteArray("grant_type=client_credentials")
        << HeaderList{json.first(), {"X-Debug", "issued [redacted]"}}
        << QByteArray(R"({"access_token":"[redacted]","token_type":"Bearer"})");
    QTest::newRow("percent_encoded_echo_of_a_secret_is_masked")
        << makeExchange("POST", QStringLiteral("https://as.example.com/token"), form,
                        "client_id=s6BhdRkqt3&client_secret=a%2Fb%2Bsecret1", 400, text,
                        "bad client_secret=a%2Fb%2Bsecret1 and a/b+secret1")
        << QStringLiteral("https://as.example.com/token") << form
        << QByteArray("client_id=s6BhdRkqt3&client_secret=[redacted]") << text
        << QByteArray("bad client_secret=[redacted] and [redacted]");
    QTest::newRow("value_shorter_than_six_chars_is_masked_in_place_but_not_searched")
        << makeExchange("GET", QStringLiteral("https://client.example.com/cb?code=abc12&state=xyz"),
                        {}, {}, 200, text, "abc12 is the code; abc12")
        << QStringLiteral("https://client.example.com/cb?code=[redacted]&state=xyz") << HeaderList{}
        << QByteArray() << text << QByteArray("abc12 is the code; abc12");
    QTest::newRow("value_of_six_chars_is_searched_elsewhere")
        << makeExchange("GET",
                        QStringLiteral("https://client.example.com/cb?code=abc123&state=xyz"), {},
                        {}, 200, text, "abc123 is the code")
        << QStringLiteral("https://client.example.com/cb?code=[redacted]&state=xyz") << HeaderList{}
        << QByteArray() << text << QByteArray("[redacted] is the code");
    QTest::newRow("location_of_redirect_is_masked_and_its_code_hidden_in_the_body")
        << makeExchange(
               "GET",
               QStringLiteral("https://as.example.com/authorize?response_type=code&state=xyz"), {},
               {}, 302,
               {{"Location", "https://client.example.com/cb?code=SplxlOBeZQQYbYS6WxSbIA&state=xyz"},
                html.first()},
               "<a "
               "href=\"https://client.example.com/cb?code=SplxlOBeZQQYbYS6WxSbIA&amp;state=xyz\">"
               "Found</a>")
        << QStringLiteral("https://as.example.com/authorize?response_type=code&state=xyz")
        << HeaderList{} << QByteArray()
        << HeaderList{{"Location", "https://client.example.com/cb?code=[redacted]&state=xyz"},
                      html.first()}
        << QByteArray(
               "<a href=\"https://client.example.com/cb?code=[redacted]&amp;state=xyz\">Found</a>");
    QTest::newRow("ordinary_discovery_exchange_is_unchanged")
        << makeExchange(
               "GET", QStringLiteral("https://as.example.com/.well-known/openid-configuration"),
               {{"Accept", "application/json"}}, {}, 200, json,
               R"({"issuer":"https://as.example.com","token_endpoint":"https://as.example.com/token"})")
        << QStringLiteral("https://as.example.com/.well-known/openid-configuration")
        << HeaderList{{"Accept", "application/json"}} << QByteArray() << json
        << QByteArray(
               R"({"issuer":"https://as.example.com","token_endpoint":"https://as.example.com/token"})");
}

void TestRedactor::redact()
{
    QFETCH(Exchange, input);
    QFETCH(QString, expectedUrl);
    QFETCH(HeaderList, expectedRequestHeaders);
    QFETCH(QByteArray, expectedRequestBody);
    QFETCH(HeaderList, expectedResponseHeaders);
    QFETCH(QByteArray, expectedResponseBody);

    const Exchange masked = Redactor::redact(input);
    QCOMPARE(masked.url.toString(), expectedUrl);
    QCOMPARE(masked.requestHeaders, expectedRequestHeaders);
    QCOMPARE(masked.requestBody, expectedRequestBody);
    QCOMPARE(masked.responseHeaders, expectedResponseHeaders);
    QCOMPARE(masked.responseBody, expectedResponseBody);
    // What is not a secret is carried over.
    QCOMPARE(masked.id, input.id);
    QCOMPARE(masked.method, input.method);
    QCOMPARE(masked.statusCode, input.statusCode);
}

void TestRedactor::redactNeverModifiesItsInput()
{
    const Exchange input = everySecretExchange();
    const Exchange masked = Redactor::redact(input);

    // Masking did happen...
    const QByteArray rendered = masked.url.toEncoded() + masked.rawRequest() +
                                masked.rawResponse() + masked.error.message.toUtf8();
    for (const char *secret :
         {"pa55word-1", "SplxlOBeZQQYbYS6WxSbIA", "czZCaGRSa3F0MzpnWDFmQmF0M2JW",
          "31d4d96e407aad42", "tGzv3JOkF0XG5Qx2TlKWIA", "7Fjfp0ZBr1KtDRbnfVdmIw",
          "a2b4c6d8e0f1a3b5", "2YotnFZFEjr1zCsicMWpAA", "8xLOxBtZp8", "gX1fBat3bV"})
        QVERIFY2(!rendered.contains(secret), secret);

    // ...on a copy: the recorded exchange still equals a freshly built one.
    const Exchange original = everySecretExchange();
    QCOMPARE(input.url, original.url);
    QCOMPARE(input.url.toEncoded(), original.url.toEncoded());
    QCOMPARE(input.requestHeaders, original.requestHeaders);
    QCOMPARE(input.requestBody, original.requestBody);
    QCOMPARE(input.responseHeaders, original.responseHeaders);
    QCOMPARE(input.responseBody, original.responseBody);
    QCOMPARE(input.error.message, original.error.message);
    QCOMPARE(input.rawRequest(), original.rawRequest());
    QCOMPARE(input.rawResponse(), original.rawResponse());
}

QTEST_APPLESS_MAIN(TestRedactor)
#include "TestRedactor.moc"
