#pragma once

#include "authcode/AuthorizationRequest.h"

#include <QUuid>
#include <QWidget>

namespace Tokenscope {
class RandomSource;
namespace Discovery {
struct ProviderMetadata;
}
namespace Profiles {
struct Profile;
class ProfileManager;
} // namespace Profiles
} // namespace Tokenscope

class KeychainKeySource;
class QCheckBox;
class QFormLayout;
class QComboBox;
class QLabel;
class QLineEdit;
class QPlainTextEdit;
class QSpinBox;

// The first step of the authorization wizard: every parameter of the request, editable,
// checked as it is typed, and the exact authorization URL it makes. State, nonce and
// code_verifier are generated here (CSPRNG), shown, and can be edited or regenerated; a
// run uses them once and the next run gets fresh ones.
class AuthorizationRequestForm final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(AuthorizationRequestForm)

public:
    enum class CaptureMode
    {
        EmbeddedBrowser,
        SystemBrowser, // and the loopback listener
        Paste
    };
    Q_ENUM(CaptureMode)

    AuthorizationRequestForm(Tokenscope::RandomSource &random, QWidget *parent = nullptr);
    ~AuthorizationRequestForm() override;

    // Fills the provider part from discovery; the client part is kept.
    void setProvider(const Tokenscope::Discovery::ProviderMetadata &metadata);
    // Fills the form from a saved profile; its client secret comes from the keychain.
    void applyProfile(const Tokenscope::Profiles::Profile &profile, const QByteArray &clientSecret);
    // private_key_jwt: the saved profiles whose keys are offered (from the keychain); null
    // offers none.
    void setProfiles(Tokenscope::Profiles::ProfileManager *manager);
    // private_key_jwt: the applied profile's private key, read from the keychain by the
    // caller. Held, never shown; the form names whose key signs. Empty forgets it.
    void setClientPrivateKey(const QByteArray &pem);
    KeychainKeySource *keySource() const { return m_keySource; }
    // The profile's name when one was applied, else empty.
    QString profileName() const { return m_profileName; }
    Tokenscope::AuthCode::AuthorizationRequest request() const;
    CaptureMode captureMode() const;
    void setCaptureMode(CaptureMode mode);
    bool freshSession() const;
    // How long the system browser's loopback listener waits for the redirect before the
    // run is given up and the listener closed.
    int redirectTimeoutSeconds() const;
    static constexpr int DefaultRedirectTimeoutSeconds = 600;
    // The persistent browser session to use when not fresh: one per profile.
    QString sessionName() const { return m_sessionName; }
    // Why the request cannot be sent as it is; empty when it can.
    QString problem() const;

public slots:
    void regenerate();

signals:
    void changed();

private:
    void update();
    void keySourceChanged();
    void forgetHandedKey();
    QByteArray privateKey() const;
    QLineEdit *addLine(const char *objectName, const QString &placeholder = QString());

    Tokenscope::RandomSource &m_random;
    QLineEdit *m_issuer;
    QLineEdit *m_authorizationEndpoint;
    QLineEdit *m_tokenEndpoint;
    QLineEdit *m_clientId;
    QLineEdit *m_clientSecret;
    QComboBox *m_authMethod;
    KeychainKeySource *m_keySource;
    QPlainTextEdit *m_privateKey;
    QLabel *m_keyStatus;
    QWidget *m_keyBox = nullptr; // the pasted key and its status
    QFormLayout *m_clientForm = nullptr;
    // The applied profile's key handed over by setClientPrivateKey when its profile's key is
    // not listed in the key source; never shown.
    QByteArray m_handedKey;
    QComboBox *m_responseType;
    QComboBox *m_responseMode;
    QLineEdit *m_scope;
    QLineEdit *m_redirectUri;
    QComboBox *m_pkce;
    QLineEdit *m_state;
    QLineEdit *m_nonce;
    QLineEdit *m_verifier;
    QLineEdit *m_prompt;
    QLineEdit *m_loginHint;
    QLineEdit *m_maxAge;
    QLineEdit *m_acrValues;
    QLineEdit *m_claims;
    QLineEdit *m_uiLocales;
    QLineEdit *m_idTokenHint;
    QPlainTextEdit *m_extra;
    QComboBox *m_capture;
    QCheckBox *m_fresh;
    QSpinBox *m_timeout;
    QLabel *m_problem;
    QPlainTextEdit *m_preview;
    QUrl m_jwksUri;
    QUrl m_userinfoEndpoint;
    bool m_issRequired = false;
    QString m_profileName;
    QUuid m_profileId;
    QString m_sessionName;
};
