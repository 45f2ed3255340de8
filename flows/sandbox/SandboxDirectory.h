#pragma once

#include <QCoreApplication>
#include <QJsonObject>
#include <QList>
#include <QString>
#include <QStringList>
#include <QUrl>

namespace Tokenscope::Sandbox {

struct SandboxClient
{
    QString id;
    QByteArray secret;  // empty for a public client
    QString authMethod; // client_secret_basic, client_secret_post, none
    QList<QUrl> redirectUris;
    QStringList grantTypes;    // authorization_code, refresh_token, client_credentials, implicit
    QStringList responseTypes; // normalized: words sorted, e.g. "code id_token"
    QString idTokenAlg = QStringLiteral("RS256");
    bool isPublic() const { return authMethod == QLatin1String("none"); }
};

struct SandboxUser
{
    QString sub;
    QJsonObject claims; // OIDC standard claims, sub excluded
    QString displayName() const;
};

// The preconfigured clients and test users.
class SandboxDirectory final
{
public:
    SandboxDirectory(); // the defaults
    const QList<SandboxClient> &clients() const { return m_clients; }
    const QList<SandboxUser> &users() const { return m_users; }
    const SandboxClient *client(const QString &id) const;
    // A test user by sub or by name; an unknown but acceptable name (1–64 characters)
    // becomes an ad-hoc user whose sub and name are that name.
    SandboxUser user(const QString &login, bool *ok) const;
    // Normalizes a response_type value: words sorted, each known; empty when invalid.
    static QString normalizeResponseType(const QString &value);

private:
    QList<SandboxClient> m_clients;
    QList<SandboxUser> m_users;
};

} // namespace Tokenscope::Sandbox
