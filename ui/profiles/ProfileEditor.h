#pragma once

#include "SecretBackend.h"
#include "profiles/Profile.h"
#include "profiles/SecretError.h"

#include <QJsonObject>
#include <QList>
#include <QStringList>
#include <QWidget>

namespace Tokenscope {
namespace Discovery {
class DiscoveryClient;
struct DiscoveryResult;
} // namespace Discovery
namespace Profiles {
class ProfileManager;
struct ProfileSaveResult;
} // namespace Profiles
} // namespace Tokenscope

class QCheckBox;
class QComboBox;
class QLabel;
class QLineEdit;
class QPlainTextEdit;
class QPushButton;

// One profile's settings, checked as they are typed: each problem is shown under its field
// and in a summary, and Save stays disabled until there is none. "Discover" fills the
// endpoints from the issuer. Every secret (client secret, private keys, client certificate
// and key, password, and the refresh token when the profile keeps them) goes to the secret
// store, never to the profile file; when the store can't take one the profile is still
// saved and the message says what was not stored and why.
class ProfileEditor final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ProfileEditor)

public:
    // What the secret store has told us in this session (QtKeychain can't be asked
    // without an operation, so the state comes from the operations themselves).
    enum class BackendState
    {
        NotUsedYet,
        Working,
        Unavailable,
        Locked,
        Failed,
    };
    Q_ENUM(BackendState)

    ProfileEditor(Tokenscope::Profiles::ProfileManager *manager,
                  Tokenscope::Discovery::DiscoveryClient *discovery, SecretBackend backend,
                  QWidget *parent = nullptr);
    ~ProfileEditor() override;

    // Shows a profile: a saved one, or a draft (isNew) that Save creates. Forgets a typed
    // secret and any message about the previous profile.
    void setProfile(const Tokenscope::Profiles::Profile &profile, bool isNew = false);
    // Nothing to edit: the fields are cleared and disabled.
    void clear();
    bool hasProfile() const { return m_hasProfile; }
    bool isNew() const { return m_isNew; }
    // As loaded or last saved.
    const Tokenscope::Profiles::Profile &savedProfile() const { return m_base; }
    // The form's values over the loaded profile (secret references unchanged).
    Tokenscope::Profiles::Profile profile() const;
    // Unsaved edits, a typed secret included.
    bool isModified() const;

    // The names of the other profiles, for the duplicate-name check (case-insensitive).
    void setOtherNames(const QStringList &names);
    // Every problem that keeps Save disabled, "Field: message"; empty when it can be saved.
    QStringList problems() const;

    SecretBackend secretBackend() const { return m_backend; }
    BackendState backendState() const { return m_backendState; }
    QString secretBackendText() const;
    // The message about the last save's secrets; empty when there is none.
    QString secretMessage() const;

    static QString backendName(SecretBackend backend);
    static QString secretKindText(Tokenscope::Profiles::SecretKind kind);
    static QString secretErrorText(SecretBackend backend,
                                   const Tokenscope::Profiles::SecretError &error);

signals:
    void saved(const Tokenscope::Profiles::Profile &profile);
    void modifiedChanged(bool modified);

public slots:
    void save();
    void discover();
    void revert();
    // Reads this profile's client secret entry to learn the store's state.
    void checkSecretBackend();

private:
    struct Problem
    {
        QLabel *label; // the field's message label
        QString field;
        QString message;
    };

    // A secret other than the client secret: one line (password, refresh token) or PEM
    // material (keys, the client certificate), pasted or loaded from a file. Masked: a
    // one-line secret has password echo, PEM stays hidden behind a summary; "Show" reveals
    // what was entered. What is stored is never read back into the form.
    struct SecretField
    {
        Tokenscope::Profiles::SecretKind kind;
        QLineEdit *line = nullptr;
        QPlainTextEdit *pem = nullptr;
        QCheckBox *show = nullptr;
        QLabel *state = nullptr; // PEM: what the field holds, without showing it
        QWidget *row = nullptr;
    };

    QWidget *withMessage(QWidget *input, QLabel **message, const char *objectName);
    QWidget *addSecretField(Tokenscope::Profiles::SecretKind kind, const QString &baseName,
                            bool pem);
    QByteArray enteredSecret(const SecretField &field) const;
    void loadSecretFile(qsizetype index);
    void pasteSecret(qsizetype index);
    void updateSecretStates();
    QLineEdit *addLine(const char *objectName, const QString &placeholder = QString());
    QList<Problem> collectProblems() const;
    void update();
    void onDiscovered(const Tokenscope::Discovery::DiscoveryResult &result);
    void onSaved(const Tokenscope::Profiles::ProfileSaveResult &result);
    void setBackendState(const Tokenscope::Profiles::SecretError &error);
    void showSecretMessage(const QString &text, bool isError);
    void setComboValue(QComboBox *combo, const QString &value);
    void wipeSecretField();

    Tokenscope::Profiles::ProfileManager *m_manager;
    Tokenscope::Discovery::DiscoveryClient *m_discovery;
    SecretBackend m_backend;
    BackendState m_backendState = BackendState::NotUsedYet;
    QString m_backendMessage;

    Tokenscope::Profiles::Profile m_base;
    QJsonObject m_discoveryDocument;
    QDateTime m_discoveryFetchedAt;
    QStringList m_otherNames;
    bool m_hasProfile = false;
    bool m_isNew = false;
    bool m_saving = false;
    bool m_loading = false;
    bool m_awaitingDiscovery = false;
    bool m_lastModified = false;

    QWidget *m_form;
    QLineEdit *m_name;
    QPlainTextEdit *m_notes;
    QLineEdit *m_issuer;
    QPushButton *m_discoverButton;
    QLabel *m_discoveryStatus;
    QList<QPair<QString, QLineEdit *>> m_endpoints; // metadata key, edit
    QLineEdit *m_clientId;
    QComboBox *m_authMethod;
    QPlainTextEdit *m_redirectUris;
    QLineEdit *m_scopes;
    QComboBox *m_pkce;
    QComboBox *m_responseType;
    QComboBox *m_responseMode;
    QComboBox *m_redirectCapture;
    QComboBox *m_browserSession;
    QPlainTextEdit *m_extraParameters;
    QPlainTextEdit *m_extraTokenParameters;
    QLineEdit *m_caFile;
    QLineEdit *m_clientSecret;
    QCheckBox *m_showSecret;
    QCheckBox *m_storeRefreshTokens;
    QList<SecretField> m_secretFields; // every kind but the client secret, in kind order
    QLabel *m_backendLabel;
    QPushButton *m_checkBackendButton;
    QLabel *m_secretMessage;
    QLabel *m_summary;
    QLabel *m_saveError;
    QPushButton *m_revertButton;
    QPushButton *m_saveButton;

    // Each field's message label, by field.
    QLabel *m_nameMessage = nullptr;
    QLabel *m_issuerMessage = nullptr;
    QList<QLabel *> m_endpointMessages;
    QLabel *m_redirectUrisMessage = nullptr;
    QLabel *m_scopesMessage = nullptr;
    QLabel *m_extraParametersMessage = nullptr;
    QLabel *m_extraTokenParametersMessage = nullptr;
    QLabel *m_clientCertificateMessage = nullptr;
    QLabel *m_caFileMessage = nullptr;
};
