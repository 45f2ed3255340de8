#pragma once

#include "authcode/TokenResponse.h"

#include <QDateTime>
#include <QList>
#include <QObject>
#include <QString>

// Every token obtained in this session, from any panel (the authorization wizard, the
// grants, the device flow, CIBA, token exchange…), newest last. The main window owns one and
// hands it to the panels; the session token list shows it and offers the actions.
class SessionTokens final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(SessionTokens)

public:
    enum class Kind
    {
        AccessToken,
        RefreshToken,
        IdToken,
        IssuedToken, // token exchange's issued_token of another type
    };
    Q_ENUM(Kind)

    // The client a token was issued to: its id and token_endpoint_auth_method name, never
    // its secret. A refresh must authenticate as that client (RFC 6749 §6).
    struct Client
    {
        QString id;
        QString authMethod; // "client_secret_basic", "none", …; empty when unknown
        bool isEmpty() const { return id.isEmpty(); }
        friend bool operator==(const Client &a, const Client &b)
        {
            return a.id == b.id && a.authMethod == b.authMethod;
        }
        friend bool operator!=(const Client &a, const Client &b) { return !(a == b); }
    };

    struct Entry
    {
        quint64 id = 0;
        Kind kind = Kind::AccessToken;
        QString value;
        QString tokenType; // "Bearer", "DPoP", a token-type URN…
        QString scope;
        QString source;         // translated: "Authorization code", "Client credentials", …
        QString profileName;    // empty when none
        QDateTime obtainedAt;   // UTC
        QDateTime expiresAt;    // UTC; null when unknown
        quint64 replacedBy = 0; // a rotated refresh token: the entry that replaced it
        bool revoked = false;   // revoked through this app (RFC 7009)
        Client client;          // who obtained it; empty when unknown
    };

    explicit SessionTokens(QObject *parent = nullptr);

    // Adds the tokens of a response (access, refresh, ID), obtained at `obtainedAt`. Returns
    // the ids of the entries added, in that order. A refresh token that replaces
    // `replacesRefreshToken` (rotation) marks the old entry as replaced.
    QList<quint64> addResponse(const Tokenscope::AuthCode::TokenResponse &response,
                               const QString &source, const QDateTime &obtainedAt,
                               const QString &profileName = QString(),
                               const QString &replacesRefreshToken = QString());
    // The same, recording the client the tokens were issued to with each entry.
    QList<quint64> addResponse(const Tokenscope::AuthCode::TokenResponse &response,
                               const QString &source, const QDateTime &obtainedAt,
                               const Client &client, const QString &profileName = QString(),
                               const QString &replacesRefreshToken = QString());
    quint64 add(Entry entry);
    void remove(quint64 id);
    // Marks every entry holding this value as revoked. Returns how many were marked.
    int markRevoked(const QString &value);
    void clear();

    const QList<Entry> &entries() const { return m_entries; }
    const Entry *find(quint64 id) const;
    // The newest entry of that kind; null when none.
    const Entry *latest(Kind kind) const;
    // The newest entry holding this value; null when none.
    const Entry *findValue(const QString &value) const;

    static QString kindName(Kind kind); // translated
    // A JWT's exp claim (not verified: only for a countdown); null for an opaque token or
    // one without exp.
    static QDateTime jwtExpiry(const QString &token);

signals:
    void added(quint64 id);
    void changed(quint64 id);
    void removed(quint64 id);
    void cleared();

private:
    QList<Entry> m_entries;
    quint64 m_lastId = 0;
};
