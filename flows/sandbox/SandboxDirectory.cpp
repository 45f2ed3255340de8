#include "SandboxDirectory.h"

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

} // namespace

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
