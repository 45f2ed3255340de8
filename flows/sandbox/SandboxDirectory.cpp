#include "SandboxDirectory.h"

#include "jose/JwsSigner.h"

#include <QJsonArray>

#include <algorithm>

namespace Tokenscope::Sandbox {

QString SandboxUser::displayName() const
{
    const QString name = claims.value(QLatin1String("name")).toString();
    return name.isEmpty() ? sub : name;
}

namespace {

QStringList allResponseTypes()
{
    return {QStringLiteral("code"),
            QStringLiteral("id_token"),
            QStringLiteral("token"),
            QStringLiteral("id_token token"),
            QStringLiteral("code id_token"),
            QStringLiteral("code token"),
            QStringLiteral("code id_token token")};
}

SandboxUser makeUser(const QString &sub, const QString &given, const QString &family,
                     const QString &name, const QString &email, const QString &locale,
                     const QString &zone)
{
    SandboxUser user;
    user.sub = sub;
    user.claims = QJsonObject{
        {QStringLiteral("name"), name},
        {QStringLiteral("given_name"), given},
        {QStringLiteral("family_name"), family},
        {QStringLiteral("preferred_username"), sub},
        {QStringLiteral("email"), email},
        {QStringLiteral("email_verified"), true},
        {QStringLiteral("locale"), locale},
        {QStringLiteral("zoneinfo"), zone},
        {QStringLiteral("updated_at"), 1700000000},
    };
    return user;
}

// The private key of the client "sandbox-private-key" (P-256, ES256). Published on purpose:
// the sandbox is a playground, and signing a private_key_jwt assertion or an RFC 7523 grant
// needs the key. Never register it anywhere else.
const char sandboxClientKeyPem[] =
    "-----BEGIN PRIVATE KEY-----\n"
    "MIGHAgEAMBMGByqGSM49AgEGCCqGSM49AwEHBG0wawIBAQQgxBn446ycS4S8jjD1\n"
    "pF8MJX2XgafJwSOLOWkJ1zhk8NKhRANCAAQUjKNz83jYC2a/MgVLC0S+0D2Ye7IU\n"
    "1o2cdTjjwdtWvo2qFXl4EYRJ83AcDMg+GA81p1sFeFcrozh9mNpks45c\n"
    "-----END PRIVATE KEY-----\n";

} // namespace

QString SandboxDirectory::testPassword()
{
    return QStringLiteral("sandbox");
}

QString SandboxDirectory::deviceCodeGrant()
{
    return QStringLiteral("urn:ietf:params:oauth:grant-type:device_code");
}

QString SandboxDirectory::cibaGrant()
{
    return QStringLiteral("urn:openid:params:grant-type:ciba");
}

QString SandboxDirectory::tokenExchangeGrant()
{
    return QStringLiteral("urn:ietf:params:oauth:grant-type:token-exchange");
}

QString SandboxDirectory::jwtBearerGrant()
{
    return QStringLiteral("urn:ietf:params:oauth:grant-type:jwt-bearer");
}

SandboxDirectory::SandboxDirectory()
{
    const QUrl loopback(QStringLiteral("http://127.0.0.1/callback"));
    const QUrl loopback6(QStringLiteral("http://[::1]/callback"));
    SandboxClient pub;
    pub.id = QStringLiteral("sandbox-public");
    pub.authMethod = QStringLiteral("none");
    pub.redirectUris = {loopback, loopback6, QUrl(QStringLiteral("com.tokenscope.app:/callback"))};
    pub.grantTypes = {QStringLiteral("authorization_code"), QStringLiteral("refresh_token"),
                      QStringLiteral("implicit")};
    pub.responseTypes = allResponseTypes();
    pub.postLogoutRedirectUris = {QUrl(QStringLiteral("http://127.0.0.1/logged-out")),
                                  QUrl(QStringLiteral("http://[::1]/logged-out"))};
    m_clients.append(pub);

    SandboxClient confidential;
    confidential.id = QStringLiteral("sandbox-confidential");
    confidential.secret = QByteArrayLiteral("sandbox-secret");
    confidential.authMethod = QStringLiteral("client_secret_basic");
    confidential.redirectUris = {loopback, loopback6};
    confidential.grantTypes = {QStringLiteral("authorization_code"),
                               QStringLiteral("refresh_token"), QStringLiteral("implicit"),
                               QStringLiteral("client_credentials")};
    confidential.responseTypes = allResponseTypes();
    confidential.postLogoutRedirectUris = pub.postLogoutRedirectUris;
    confidential.grantTypes << QStringLiteral("password") << tokenExchangeGrant();
    m_clients.append(confidential);

    SandboxClient post = confidential;
    post.id = QStringLiteral("sandbox-post");
    post.authMethod = QStringLiteral("client_secret_post");
    post.idTokenAlg = QStringLiteral("ES256");
    m_clients.append(post);

    SandboxClient eddsa = confidential;
    eddsa.id = QStringLiteral("sandbox-eddsa");
    eddsa.idTokenAlg = QStringLiteral("EdDSA");
    m_clients.append(eddsa);

    SandboxClient service;
    service.id = QStringLiteral("sandbox-service");
    service.secret = QByteArrayLiteral("sandbox-secret");
    service.authMethod = QStringLiteral("client_secret_basic");
    service.grantTypes = {QStringLiteral("client_credentials")};
    m_clients.append(service);

    SandboxClient jwt = confidential;
    jwt.id = QStringLiteral("sandbox-jwt");
    jwt.secret = QByteArrayLiteral("sandbox-jwt-secret-0123456789abcdef");
    jwt.authMethod = QStringLiteral("client_secret_jwt");
    m_clients.append(jwt);

    SandboxClient privateKey = confidential;
    privateKey.id = QStringLiteral("sandbox-private-key");
    privateKey.secret.clear();
    privateKey.authMethod = QStringLiteral("private_key_jwt");
    privateKey.grantTypes << jwtBearerGrant();
    privateKey.privateKeyPem = QByteArray(sandboxClientKeyPem);
    const Jose::JwsSigner::Key key = Jose::JwsSigner::Key::fromPem(privateKey.privateKeyPem);
    privateKey.jwks =
        QJsonObject{{QStringLiteral("keys"),
                     QJsonArray{key.verificationJwk(QStringLiteral("sandbox-private-key-1"),
                                                    QStringLiteral("ES256"))}}};
    m_clients.append(privateKey);

    // Pushed authorization requests only (RFC 9126 §6).
    SandboxClient par = confidential;
    par.id = QStringLiteral("sandbox-par");
    par.requirePushedAuthorizationRequests = true;
    m_clients.append(par);

    // A public client that accepts unsigned request objects (alg none), to show why one
    // should not.
    SandboxClient unsignedRequests = pub;
    unsignedRequests.id = QStringLiteral("sandbox-unsigned-request");
    unsignedRequests.allowUnsignedRequestObject = true;
    m_clients.append(unsignedRequests);

    SandboxClient device;
    device.id = QStringLiteral("sandbox-device");
    device.authMethod = QStringLiteral("none");
    device.grantTypes = {deviceCodeGrant(), QStringLiteral("refresh_token")};
    m_clients.append(device);

    SandboxClient ciba;
    ciba.id = QStringLiteral("sandbox-ciba");
    ciba.secret = QByteArrayLiteral("sandbox-secret");
    ciba.authMethod = QStringLiteral("client_secret_basic");
    ciba.grantTypes = {cibaGrant(), QStringLiteral("refresh_token")};
    m_clients.append(ciba);

    m_users.append(makeUser(QStringLiteral("alice"), QStringLiteral("Alice"),
                            QStringLiteral("Liddell"), QStringLiteral("Alice Liddell"),
                            QStringLiteral("alice@example.com"), QStringLiteral("en-GB"),
                            QStringLiteral("Europe/London")));
    m_users.append(makeUser(QStringLiteral("bob"), QStringLiteral("Bob"), QStringLiteral("Builder"),
                            QStringLiteral("Bob Builder"), QStringLiteral("bob@example.com"),
                            QStringLiteral("en-US"), QStringLiteral("America/New_York")));
    m_users.append(makeUser(QStringLiteral("li.lei"), QStringLiteral("雷"), QStringLiteral("李"),
                            QStringLiteral("李雷"), QStringLiteral("li.lei@example.cn"),
                            QStringLiteral("zh-CN"), QStringLiteral("Asia/Shanghai")));
}

const SandboxClient *SandboxDirectory::client(const QString &id) const
{
    for (const SandboxClient &c : m_clients)
        if (c.id == id)
            return &c;
    return nullptr;
}

SandboxUser SandboxDirectory::user(const QString &login, bool *ok) const
{
    const QString trimmed = login.trimmed();
    for (const SandboxUser &u : m_users) {
        if (u.sub == trimmed || u.displayName() == trimmed) {
            *ok = true;
            return u;
        }
    }
    *ok = !trimmed.isEmpty() && trimmed.size() <= 64;
    SandboxUser adhoc;
    if (*ok) {
        adhoc.sub = trimmed;
        adhoc.claims.insert(QStringLiteral("name"), trimmed);
    }
    return adhoc;
}

bool SandboxDirectory::checkPassword(const QString &username, const QString &password,
                                     SandboxUser *user) const
{
    for (const SandboxUser &u : m_users) {
        if (u.sub == username && password == testPassword()) {
            *user = u;
            return true;
        }
    }
    return false;
}

void SandboxDirectory::add(const SandboxClient &client)
{
    remove(client.id);
    m_clients.append(client);
}

bool SandboxDirectory::remove(const QString &id)
{
    for (qsizetype i = 0; i < m_clients.size(); ++i) {
        if (m_clients.at(i).id == id) {
            m_clients.removeAt(i);
            return true;
        }
    }
    return false;
}

QString SandboxDirectory::normalizeResponseType(const QString &value)
{
    QStringList words = value.split(QLatin1Char(' '), Qt::SkipEmptyParts);
    std::sort(words.begin(), words.end());
    if (words.removeDuplicates() > 0)
        return {};
    const QString normalized = words.join(QLatin1Char(' '));
    return allResponseTypes().contains(normalized) ? normalized : QString();
}

} // namespace Tokenscope::Sandbox
