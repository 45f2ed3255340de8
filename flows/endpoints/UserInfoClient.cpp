#include "UserInfoClient.h"

#include "EndpointReply.h"
#include "authcode/IdTokenCheck.h"
#include "clientauth/ClientAuthentication.h"
#include "common/JsonReader.h"
#include "http/HttpClient.h"
#include "http/PendingExchange.h"
#include "jose/JweDecryptor.h"
#include "jose/JwksCache.h"
#include "jose/JwsToken.h"

#include <QJsonArray>

namespace Tokenscope::Endpoints {

static const QString userinfoSpec = QStringLiteral("OpenID Connect Core 1.0 §5.3.2");

UserInfoClient::UserInfoClient(Http::HttpClient *http, Jose::JwksCache *keys, QObject *parent)
    : QObject(parent)
    , m_http(http)
    , m_keys(keys ? keys : new Jose::JwksCache(http, http->clock(), this))
{
    qRegisterMetaType<Tokenscope::Endpoints::UserInfoResult>();
}

UserInfoClient::~UserInfoClient()
{
    if (m_pending) {
        m_pending->disconnect(this);
        m_pending->cancel();
    }
}

void UserInfoClient::setStep(Step step)
{
    if (m_step == step)
        return;
    m_step = step;
    emit stepChanged(step);
}

void UserInfoClient::fail(EndpointError::Kind kind, const QString &message, const QString &rule)
{
    EndpointReply::setError(&m_result, kind, message, rule);
    setStep(Step::Failed);
    emit finished(m_result);
}

void UserInfoClient::fetch(const UserInfoRequest &request)
{
    if (m_pending) {
        m_pending->disconnect(this);
        m_pending->cancel();
        m_pending = nullptr;
    }
    m_request = request;
    m_result = UserInfoResult{};
    setStep(Step::Idle);
    if (!request.endpoint.isValid() || request.accessToken.isEmpty()) {
        fail(EndpointError::Kind::Usage, tr("A UserInfo endpoint and an access token are needed"));
        return;
    }
    Http::HttpRequest http;
    if (request.method == UserInfoRequest::Method::PostForm) {
        http = Http::HttpRequest::postForm(
            request.endpoint,
            ClientAuth::ClientAuthentication::encodeForm(
                {{QByteArrayLiteral("access_token"), request.accessToken.toUtf8()}}),
            tr("UserInfo"));
    } else {
        // OIDC Core §5.3.1: GET or POST; the token in the header either way (RFC 6750 §2.1).
        http = request.method == UserInfoRequest::Method::PostBearer
                   ? Http::HttpRequest::postForm(request.endpoint, QByteArray(), tr("UserInfo"))
                   : Http::HttpRequest::get(request.endpoint, tr("UserInfo"));
        http.headers.append(
            {QByteArrayLiteral("Authorization"), "Bearer " + request.accessToken.toUtf8()});
    }
    if (!request.accept.isEmpty())
        http.headers.append({QByteArrayLiteral("Accept"), request.accept});
    setStep(Step::Requesting);
    m_pending = m_http->send(http);
    connect(m_pending, &Http::PendingExchange::finished, this, &UserInfoClient::onResponse);
}

void UserInfoClient::onResponse()
{
    Http::PendingExchange *pending = m_pending;
    m_pending = nullptr;
    pending->deleteLater();
    m_result.exchanges.append(pending->hops());
    const Http::Exchange exchange = pending->result();
    if (!EndpointReply::read(exchange, tr("UserInfo"), &m_result)) {
        setStep(Step::Failed);
        emit finished(m_result);
        return;
    }
    if (exchange.mediaType() == "application/jwt") {
        QByteArray jwt = exchange.responseBody.trimmed();
        m_result.jwt = QString::fromLatin1(jwt);
        if (jwt.count('.') == 4) { // a JWE (RFC 7516 §7.1)
            m_result.encryptedAnswer = true;
            if (m_request.decryptionKeys.isEmpty()) {
                m_result.checks.append(Finding{QStringLiteral("userinfo_decrypted"),
                                               Finding::Status::Fail,
                                               tr("The UserInfo answer is encrypted and no "
                                                  "decryption key was given"),
                                               QString(), QString(), userinfoSpec});
                fail(EndpointError::Kind::Validation, m_result.checks.constLast().message,
                     QStringLiteral("userinfo_decrypted"));
                return;
            }
            const Jose::JweDecryptor::Result decrypted =
                Jose::JweDecryptor::decrypt(jwt, m_request.decryptionKeys);
            m_result.checks.append(decrypted.findings);
            const bool ok = !decrypted.isError();
            m_result.checks.append(
                Finding{QStringLiteral("userinfo_decrypted"),
                        ok ? Finding::Status::Pass : Finding::Status::Fail,
                        ok ? tr("The UserInfo answer was decrypted (%1, %2)")
                                 .arg(decrypted.header.value(QLatin1String("alg")).toString(),
                                      decrypted.header.value(QLatin1String("enc")).toString())
                           : decrypted.error.message,
                        QString(), QString(), userinfoSpec});
            if (!ok) {
                fail(EndpointError::Kind::Validation, decrypted.error.message,
                     QStringLiteral("userinfo_decrypted"));
                return;
            }
            jwt = decrypted.plaintext.trimmed();
            if (jwt.startsWith('{')) { // encrypted only, not signed
                const QJsonDocument document = QJsonDocument::fromJson(jwt);
                m_result.claims = document.object();
                checkClaims();
                return;
            }
        }
        verifyJwt(jwt);
        return;
    }
    const JsonParseResult json = JsonReader::parse(exchange.responseBody);
    if (!json.ok || !json.document.isObject()) {
        m_result.checks.append(Finding{
            QStringLiteral("userinfo_json"), Finding::Status::Fail,
            exchange.responseIsHtml() ? tr("UserInfo answered an HTML page, not JSON")
            : json.ok                 ? tr("UserInfo answered JSON that is not an object")
                      : tr("UserInfo answered something that is not JSON (%1)").arg(json.message),
            QStringLiteral("application/json"), QString::fromLatin1(exchange.mediaType()),
            userinfoSpec});
        fail(EndpointError::Kind::Provider, m_result.checks.constLast().message,
             QStringLiteral("userinfo_json"));
        return;
    }
    if (!exchange.responseIsJson())
        m_result.checks.append(Finding{QStringLiteral("userinfo_content_type"),
                                       Finding::Status::Warn,
                                       tr("The UserInfo answer is JSON but not labelled "
                                          "application/json"),
                                       QStringLiteral("application/json"),
                                       QString::fromLatin1(exchange.mediaType()), userinfoSpec});
    m_result.claims = json.document.object();
    checkClaims();
}

void UserInfoClient::verifyJwt(const QByteArray &jws)
{
    m_result.signedAnswer = true;
    const auto parsed = Jose::JwsToken::parseCompact(jws);
    if (parsed.isError() || !parsed.token().payloadIsJsonObject()) {
        const QString message = parsed.isError()
                                    ? parsed.error.message
                                    : tr("The signed UserInfo payload is not a JSON object");
        m_result.checks.append(Finding{QStringLiteral("userinfo_jwt"), Finding::Status::Fail,
                                       message, QString(), QString(), userinfoSpec});
        fail(EndpointError::Kind::Validation, message, QStringLiteral("userinfo_jwt"));
        return;
    }
    const Jose::JwsToken token = parsed.token();
    m_result.claims = token.payloadObject();
    auto checkIssuerAudience = [this]() -> bool {
        const QString iss = m_result.claims.value(QLatin1String("iss")).toString();
        if (!m_request.issuer.isEmpty()) {
            const bool same = iss == m_request.issuer;
            m_result.checks.append(Finding{QStringLiteral("userinfo_iss"),
                                           same ? Finding::Status::Pass : Finding::Status::Fail,
                                           same ? tr("The signed UserInfo's iss is the issuer")
                                                : tr("The signed UserInfo's iss is not the issuer"),
                                           m_request.issuer, iss, userinfoSpec});
            if (!same)
                return false;
        }
        if (!m_request.clientId.isEmpty()) {
            const QJsonValue aud = m_result.claims.value(QLatin1String("aud"));
            const bool contains = aud.isString()
                                      ? aud.toString() == m_request.clientId
                                      : aud.toArray().contains(QJsonValue(m_request.clientId));
            m_result.checks.append(Finding{
                QStringLiteral("userinfo_aud"),
                contains ? Finding::Status::Pass : Finding::Status::Fail,
                contains ? tr("The signed UserInfo's aud contains the client_id")
                         : tr("The signed UserInfo's aud does not contain the client_id"),
                m_request.clientId,
                aud.isString() ? aud.toString()
                               : QString::fromUtf8(
                                     QJsonDocument(aud.toArray()).toJson(QJsonDocument::Compact)),
                userinfoSpec});
            if (!contains)
                return false;
        }
        return true;
    };
    if (!m_request.jwksUri.isValid()) {
        m_result.checks.append(
            Finding{QStringLiteral("userinfo_signature"), Finding::Status::Warn,
                    tr("No jwks_uri is known: the UserInfo signature is not checked"), QString(),
                    QString(), userinfoSpec});
        if (!checkIssuerAudience()) {
            fail(EndpointError::Kind::Validation, m_result.checks.constLast().message,
                 m_result.checks.constLast().rule);
            return;
        }
        checkClaims();
        return;
    }
    setStep(Step::FetchingKeys);
    m_keys->verify(
        token, m_request.jwksUri, {}, this,
        [this, checkIssuerAudience](const Jose::JwsVerifyResult &verified,
                                    const Jose::JwksResult &keys) {
            if (m_step != Step::FetchingKeys)
                return;
            m_result.exchanges.append(keys.exchanges);
            m_result.checks.append(keys.findings);
            m_result.checks.append(verified.findings);
            const bool ok = verified.isVerified();
            m_result.checks.append(Finding{QStringLiteral("userinfo_signature"),
                                           ok ? Finding::Status::Pass : Finding::Status::Fail,
                                           ok ? tr("The UserInfo %1 signature verifies with key %2")
                                                    .arg(verified.alg, verified.key.kid())
                                              : verified.error.message,
                                           QString(), QString(), userinfoSpec});
            if (!ok || !checkIssuerAudience()) {
                fail(EndpointError::Kind::Validation, m_result.checks.constLast().message,
                     m_result.checks.constLast().rule);
                return;
            }
            checkClaims();
        });
}

void UserInfoClient::checkClaims()
{
    const QString sub = m_result.claims.value(QLatin1String("sub")).toString();
    if (sub.isEmpty()) {
        m_result.checks.append(Finding{QStringLiteral("userinfo_sub_present"),
                                       Finding::Status::Fail, tr("The UserInfo answer has no sub"),
                                       QString(), QString(), userinfoSpec});
        fail(EndpointError::Kind::Validation, m_result.checks.constLast().message,
             QStringLiteral("userinfo_sub_present"));
        return;
    }
    if (!m_request.idToken.isEmpty()) {
        const QString idSub = AuthCode::IdTokenCheck::claims(m_request.idToken)
                                  .value(QLatin1String("sub"))
                                  .toString();
        const bool same = idSub == sub;
        m_result.checks.append(
            Finding{QStringLiteral("userinfo_sub_matches"),
                    same ? Finding::Status::Pass : Finding::Status::Fail,
                    same ? tr("The UserInfo sub equals the ID token's sub")
                         : tr("The UserInfo response's sub does not equal the ID token's sub"),
                    idSub, sub, userinfoSpec});
        if (!same) {
            fail(EndpointError::Kind::Validation, m_result.checks.constLast().message,
                 QStringLiteral("userinfo_sub_matches"));
            return;
        }
    }
    setStep(Step::Succeeded);
    emit finished(m_result);
}

void UserInfoClient::cancel()
{
    if (m_step == Step::FetchingKeys)
        fail(EndpointError::Kind::Cancelled, tr("Cancelled"));
    else if (m_pending)
        m_pending->cancel();
}

} // namespace Tokenscope::Endpoints
