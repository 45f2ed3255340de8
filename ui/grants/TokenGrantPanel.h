#pragma once

#include "grants/TokenGrantFlow.h"
#include "session/SessionTokens.h"

#include <QDateTime>
#include <QTimer>
#include <QWidget>

namespace Tokenscope {
class RandomSource;
namespace Discovery {
struct ProviderMetadata;
}
namespace Http {
class HttpClient;
}
namespace Jose {
class JwksCache;
}
namespace Profiles {
class ProfileManager;
}
} // namespace Tokenscope

class ClientFields;
class ExchangeSummary;
class FindingsView;
class KeychainKeySource;
class TokenPicker;
class TokenTable;
class QCheckBox;
class QComboBox;
class QFormLayout;
class QGroupBox;
class QLabel;
class QLineEdit;
class QPlainTextEdit;
class QPushButton;
class QSpinBox;

// The token endpoint grants that need no browser: client credentials, password (shown with
// why to avoid it), refresh (old and new refresh token side by side), token exchange, JWT
// bearer and SAML 2.0 bearer. The form shows only the fields the chosen grant sends; the
// result is the tokens, the checks and the exchanges. Tokens obtained join the session's
// list with the client they were issued to, and a refresh, subject or actor token can be
// picked from it. A refresh token is meant for the client it was issued to: the panel says
// so when the form's client is another. A JWT bearer assertion is signed with a pasted key
// or a saved profile's key from the keychain (never shown).
class TokenGrantPanel final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(TokenGrantPanel)

public:
    // session: the session's tokens (not owned; may be null).
    TokenGrantPanel(Tokenscope::Http::HttpClient *http, Tokenscope::RandomSource &random,
                    Tokenscope::Jose::JwksCache *keys, SessionTokens *session,
                    QWidget *parent = nullptr);
    ~TokenGrantPanel() override;

    Tokenscope::Grants::TokenGrantFlow *flow() const { return m_flow; }
    ClientFields *clientFields() const { return m_client; }
    Tokenscope::Grants::GrantType grant() const;
    void setGrant(Tokenscope::Grants::GrantType grant);
    // The request the form describes now.
    Tokenscope::Grants::TokenGrantRequest request() const;
    // Empty, or why Run is not possible (translated).
    QString problem() const;
    QString statusText() const;
    // Whether an automatic refresh is scheduled, and when (null when none).
    bool autoRefreshScheduled() const { return m_autoRefresh.isActive(); }
    QDateTime nextAutoRefresh() const { return m_nextAutoRefresh; }
    // Offers the saved profiles' private keys (from the keychain) to sign a JWT assertion.
    void setProfiles(Tokenscope::Profiles::ProfileManager *manager);
    // A profile's resource-owner password (for the password grant) and extra token
    // parameters (NAME=VALUE each, sent with every grant).
    void setPassword(const QByteArray &password);
    void setExtraParameters(const QList<QPair<QString, QString>> &parameters);
    KeychainKeySource *assertionKeySource() const { return m_assertionKeySource; }
    // The client the refresh token in the form was issued to (from the session's list);
    // empty when unknown.
    SessionTokens::Client refreshTokenClient() const { return m_refreshIssuedTo; }
    // Empty, or the visible warning that the form's client is not the one the refresh token
    // was issued to (translated; names both).
    QString refreshClientWarning() const;

public slots:
    void setProvider(const Tokenscope::Discovery::ProviderMetadata &metadata);
    // Token exchange with this subject token; its type from the session's entry, if any.
    void setSubjectToken(const QString &token);
    // The refresh grant with this refresh token, ready to Run.
    void setRefreshToken(const QString &token);
    // After a token exchange: its issued token becomes the next exchange's subject token,
    // with the issued_token_type as its type; the other fields stay.
    void exchangeIssuedTokenAgain();
    // The refresh grant: the client id and method the refresh token was issued to go into
    // the form (the secret stays as typed).
    void useIssuingClient();
    void run();
    void cancel();

private:
    void updateFields();
    void fillSessionPickers();
    void onStepChanged(Tokenscope::Grants::TokenGrantFlow::Step step);
    void onFinished(const Tokenscope::Grants::GrantResult &result);
    void refreshSecrets();
    QString masked(const QString &value) const;
    QWidget *buildForm();
    QWidget *buildResult();
    void scheduleAutoRefresh(const Tokenscope::Grants::GrantResult &result, const QDateTime &now);
    void stopAutoRefresh(const QString &why = QString());
    void updateCountdowns();
    void updateRefreshClient();
    // An empty client id in the form takes the refresh token's issuing client.
    void adoptRefreshClient();
    void updateAssertionKey();

    Tokenscope::Http::HttpClient *m_http;
    SessionTokens *m_session;
    Tokenscope::Grants::TokenGrantFlow *m_flow;
    QString m_issuer;
    QUrl m_jwksUri;
    // Form.
    QFormLayout *m_grantForm;
    QComboBox *m_grantCombo;
    QLabel *m_passwordNote;
    ClientFields *m_client;
    QLineEdit *m_customGrant;
    QLineEdit *m_resource;
    QLineEdit *m_audience;
    QGroupBox *m_passwordBox;
    QLineEdit *m_username;
    QLineEdit *m_password;
    QGroupBox *m_refreshBox;
    QComboBox *m_refreshPick;
    QLineEdit *m_refreshToken;
    QCheckBox *m_autoRefreshCheck;
    QSpinBox *m_autoRefreshLead;
    QGroupBox *m_exchangeBox;
    QComboBox *m_subjectPick;
    QLineEdit *m_subjectToken;
    QComboBox *m_subjectType;
    TokenPicker *m_actorPick;
    QLineEdit *m_actorToken; // the picker's value
    QComboBox *m_actorType;
    QComboBox *m_requestedType;
    QGroupBox *m_assertionBox;
    QPlainTextEdit *m_assertion;
    QCheckBox *m_buildAssertion;
    QWidget *m_builder;
    QLineEdit *m_assertionAlg;
    QLineEdit *m_assertionKid;
    QLineEdit *m_assertionIss;
    QLineEdit *m_assertionSub;
    QLineEdit *m_assertionAud;
    QSpinBox *m_assertionLifetime;
    QPlainTextEdit *m_assertionKey;
    KeychainKeySource *m_assertionKeySource;
    QLabel *m_assertionKeyStatus;
    QWidget *m_refreshClientBox;
    QLabel *m_refreshClientWarning;
    QPushButton *m_useIssuingClient;
    SessionTokens::Client m_refreshIssuedTo;
    QPlainTextEdit *m_extraParameters;
    QPushButton *m_run;
    QPushButton *m_cancel;
    // Result.
    QLabel *m_status;
    QLabel *m_outcome;
    QCheckBox *m_showSecrets;
    TokenTable *m_tokens;
    QGroupBox *m_rotationBox;
    QLabel *m_oldRefresh;
    QLabel *m_newRefresh;
    QLabel *m_rotationVerdict;
    FindingsView *m_checks;
    ExchangeSummary *m_exchanges;
    QLabel *m_builtAssertion;
    QPushButton *m_chainExchange;
    QLabel *m_countdowns;
    // Automatic refresh: the single-shot timer of the next refresh and the 1 s countdown tick.
    QTimer m_autoRefresh;
    QTimer m_tick;
    QDateTime m_nextAutoRefresh;
    QString m_autoRefreshStopped;
    QDateTime m_accessExpiry;
    QDateTime m_refreshExpiry;
    QDateTime m_idExpiry;

    Tokenscope::Grants::GrantResult m_last;
    QString m_previousIdToken;
};
