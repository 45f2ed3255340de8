#pragma once

#include <QDateTime>
#include <QTimer>
#include <QTreeWidget>

namespace Tokenscope::AuthCode {
struct TokenResponse;
}

// The tokens a flow obtained, one row each: kind, value (masked unless secrets are
// shown), and when it expires, counted down every second. The access token expires
// expires_in seconds after it was received; an ID token at its exp claim.
class TokenTable final : public QTreeWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(TokenTable)

public:
    explicit TokenTable(QWidget *parent = nullptr);

    // receivedAt: when the response arrived (UTC).
    void setTokens(const Tokenscope::AuthCode::TokenResponse &tokens, const QDateTime &receivedAt);
    void clearTokens();
    void setShowSecrets(bool show);
    // "in 4 min 10 s", "expired 12 s ago", "unknown": the expiry column's text.
    static QString countdownText(const QDateTime &expiry, const QDateTime &now);

    enum Column
    {
        KindColumn,
        ValueColumn,
        ExpiresColumn
    };

private:
    void refresh();
    void addRow(const QString &kind, const QString &value, const QDateTime &expiry);

    struct Row
    {
        QString value;
        QDateTime expiry;
    };
    QList<Row> m_rows;
    bool m_showSecrets = false;
    QTimer m_tick;
};
