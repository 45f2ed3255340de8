#pragma once

#include "SessionTokens.h"

#include <QTimer>
#include <QWidget>

#include <memory>

namespace Tokenscope {
class Clock;
namespace Jose {
class JwksCache;
}
} // namespace Tokenscope

class QCheckBox;
class QDialog;
class QLabel;
class QPushButton;
class QTableWidget;

// The session's tokens, one row each: kind, where it came from, the profile, a live expiry
// countdown, the value (masked unless "Show values" is ticked) and whether it was replaced
// (a rotated refresh token) or revoked. The actions act on the selected token: decode it,
// introspect, revoke, call UserInfo or an API with it, use it as a token exchange subject,
// copy it, or forget it.
class SessionTokensPanel final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(SessionTokensPanel)

public:
    enum Column
    {
        KindColumn,
        ExpiresColumn,
        StateColumn,
        SourceColumn,
        ProfileColumn,
        ValueColumn,
    };

    // clock: for the countdowns; the system clock when null.
    explicit SessionTokensPanel(SessionTokens *tokens, const Tokenscope::Clock *clock = nullptr,
                                QWidget *parent = nullptr);
    ~SessionTokensPanel() override;

    // Keys for the Decode dialog's signature check: the provider's jwks_uri, fetched
    // through the app's cache.
    void setKeys(Tokenscope::Jose::JwksCache *cache, const QUrl &jwksUri);

    QTableWidget *table() const { return m_table; }
    // The id of the selected entry; 0 when none.
    quint64 selectedId() const;
    void select(quint64 id);
    bool valuesShown() const;
    void setValuesShown(bool shown);
    // The decode dialog of the last Decode, or null.
    QDialog *decodeDialog() const { return m_decodeDialog; }

    // "in 4 min 10 s", "expired 12 s ago", "unknown".
    static QString countdown(const QDateTime &expiresAt, const QDateTime &now);
    static QString maskedValue(const QString &value);

signals:
    void introspectRequested(const QString &token, const QString &tokenTypeHint);
    void revokeRequested(const QString &token, const QString &tokenTypeHint);
    void userInfoRequested(const QString &accessToken);
    void apiCallRequested(const QString &accessToken);
    // For the token exchange grant's subject_token (RFC 8693).
    void useAsSubjectToken(const QString &token);
    // For the refresh grant's refresh_token (the selected entry is a refresh token).
    void refreshRequested(const QString &refreshToken);
    void statusMessage(const QString &message);

public slots:
    void decodeSelected();
    void introspectSelected();
    void revokeSelected();
    void userInfoSelected();
    void apiCallSelected();
    void useSelectedAsSubject();
    void refreshSelected();
    void copySelected();
    void removeSelected();
    void refreshCountdowns();

private:
    void rebuild();
    void fillRow(int row, const SessionTokens::Entry &entry);
    void updateActions();
    const SessionTokens::Entry *selectedEntry() const;
    QDateTime now() const;

    SessionTokens *m_tokens;
    std::unique_ptr<Tokenscope::Clock> m_systemClock;
    const Tokenscope::Clock *m_clock;
    Tokenscope::Jose::JwksCache *m_jwks = nullptr;
    QUrl m_jwksUri;
    QTimer m_tick;
    QTableWidget *m_table;
    QCheckBox *m_showValues;
    QLabel *m_note;
    QPushButton *m_decode;
    QPushButton *m_introspect;
    QPushButton *m_revoke;
    QPushButton *m_userInfo;
    QPushButton *m_api;
    QPushButton *m_subject;
    QPushButton *m_refresh;
    QPushButton *m_copy;
    QPushButton *m_remove;
    QDialog *m_decodeDialog = nullptr;
};
