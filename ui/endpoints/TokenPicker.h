#pragma once

#include "session/SessionTokens.h"

#include <QWidget>

class QCheckBox;
class QComboBox;
class QLineEdit;

// A token to send: one of the session's (newest first, of the kinds asked for) or pasted.
// The value is masked like a password until "Show" is ticked.
class TokenPicker final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(TokenPicker)

public:
    // kinds: the session tokens offered; all kinds when empty.
    explicit TokenPicker(SessionTokens *session, QList<SessionTokens::Kind> kinds = {},
                         QWidget *parent = nullptr);

    QString token() const;
    void setToken(const QString &token);
    // "access_token" / "refresh_token" for a session token of those kinds, else empty.
    QString tokenTypeHint() const;
    // The session entry the current value came from; 0 when pasted or edited.
    quint64 sessionId() const;
    QComboBox *sessionBox() const { return m_session; }
    QLineEdit *valueEdit() const { return m_value; }

    static QString hintFor(SessionTokens::Kind kind);

signals:
    void tokenChanged();

private:
    void reload();
    void onChosen(int index);

    SessionTokens *m_sessionTokens;
    QList<SessionTokens::Kind> m_kinds;
    QComboBox *m_session;
    QLineEdit *m_value;
    QCheckBox *m_show;
};
