#include "SessionTokens.h"

#include "authcode/IdTokenCheck.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QJsonValue>

QDateTime SessionTokens::jwtExpiry(const QString &token)
{
    const QJsonValue exp =
        Tokenscope::AuthCode::IdTokenCheck::claims(token).value(QLatin1String("exp"));
    return exp.isDouble() ? QDateTime::fromSecsSinceEpoch(qint64(exp.toDouble()), Qt::UTC)
                          : QDateTime();
}

SessionTokens::SessionTokens(QObject *parent)
    : QObject(parent)
{}

QList<quint64> SessionTokens::addResponse(const Tokenscope::AuthCode::TokenResponse &response,
                                          const QString &source, const QDateTime &obtainedAt,
                                          const QString &profileName,
                                          const QString &replacesRefreshToken)
{
    return addResponse(response, source, obtainedAt, Client(), profileName, replacesRefreshToken);
}

QList<quint64> SessionTokens::addResponse(const Tokenscope::AuthCode::TokenResponse &response,
                                          const QString &source, const QDateTime &obtainedAt,
                                          const Client &client, const QString &profileName,
                                          const QString &replacesRefreshToken)
{
    QList<quint64> ids;
    const auto make = [&](Kind kind, const QString &value) {
        Entry entry;
        entry.client = client;
        entry.kind = kind;
        entry.value = value;
        entry.source = source;
        entry.profileName = profileName;
        entry.obtainedAt = obtainedAt.toUTC();
        return entry;
    };
    if (!response.accessToken.isEmpty()) {
        Entry entry = make(Kind::AccessToken, response.accessToken);
        entry.tokenType = response.tokenType;
        entry.scope = response.scope;
        if (response.expiresIn >= 0)
            entry.expiresAt = entry.obtainedAt.addSecs(response.expiresIn);
        ids.append(add(entry));
    }
    if (!response.refreshToken.isEmpty()) {
        const quint64 id = add(make(Kind::RefreshToken, response.refreshToken));
        ids.append(id);
        if (!replacesRefreshToken.isEmpty() && replacesRefreshToken != response.refreshToken) {
            for (Entry &old : m_entries) {
                if (old.kind == Kind::RefreshToken && old.value == replacesRefreshToken &&
                    old.id != id && old.replacedBy == 0) {
                    old.replacedBy = id;
                    emit changed(old.id);
                }
            }
        }
    }
    if (!response.idToken.isEmpty()) {
        Entry entry = make(Kind::IdToken, response.idToken);
        entry.expiresAt = jwtExpiry(response.idToken);
        ids.append(add(entry));
    }
    return ids;
}

quint64 SessionTokens::add(Entry entry)
{
    entry.id = ++m_lastId;
    if (!entry.obtainedAt.isValid())
        entry.obtainedAt = QDateTime::currentDateTimeUtc();
    m_entries.append(entry);
    emit added(entry.id);
    return entry.id;
}

void SessionTokens::remove(quint64 id)
{
    for (qsizetype i = 0; i < m_entries.size(); ++i) {
        if (m_entries.at(i).id == id) {
            m_entries.removeAt(i);
            emit removed(id);
            return;
        }
    }
}

int SessionTokens::markRevoked(const QString &value)
{
    int marked = 0;
    for (Entry &entry : m_entries) {
        if (entry.value == value && !entry.revoked) {
            entry.revoked = true;
            ++marked;
            emit changed(entry.id);
        }
    }
    return marked;
}

void SessionTokens::clear()
{
    m_entries.clear();
    emit cleared();
}

const SessionTokens::Entry *SessionTokens::find(quint64 id) const
{
    for (const Entry &entry : m_entries)
        if (entry.id == id)
            return &entry;
    return nullptr;
}

const SessionTokens::Entry *SessionTokens::latest(Kind kind) const
{
    for (auto it = m_entries.crbegin(); it != m_entries.crend(); ++it)
        if (it->kind == kind)
            return &*it;
    return nullptr;
}

const SessionTokens::Entry *SessionTokens::findValue(const QString &value) const
{
    for (auto it = m_entries.crbegin(); it != m_entries.crend(); ++it)
        if (it->value == value)
            return &*it;
    return nullptr;
}

QString SessionTokens::kindName(Kind kind)
{
    switch (kind) {
    case Kind::AccessToken:
        return tr("Access token");
    case Kind::RefreshToken:
        return tr("Refresh token");
    case Kind::IdToken:
        return tr("ID token");
    case Kind::IssuedToken:
        return tr("Issued token");
    }
    return {};
}
