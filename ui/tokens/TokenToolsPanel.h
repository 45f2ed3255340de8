#pragma once

#include <QWidget>

#include <memory>

namespace Tokenscope {
class Clock;
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

class KeychainKeySource;
class QComboBox;
class QLabel;
class QLineEdit;
class QPlainTextEdit;
class QPushButton;
class QSpinBox;
class QTabWidget;
class TokenInspector;

// The Tokens tab: two separate modes. "Decode & verify" takes any token (JWS, JWE, opaque),
// optional keys (a JWKS URL fetched through the JwksCache on the app's HttpClient, so the
// fetch lands in the transcript; pasted JWKS or JWK JSON; a private key for a JWE) and
// optional expectations, and shows it in a TokenInspector: it never signs nor alters the
// token. "Sign / encode" builds test tokens and client assertions (RFC 7523) from templates
// and a key (pasted PEM or JWK, generated, an HMAC secret, or a saved profile's key or client
// secret read from the keychain and never shown) with JwsSigner.
class TokenToolsPanel final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(TokenToolsPanel)

public:
    enum class Mode
    {
        Decode,
        Sign,
    };
    enum class Template
    {
        IdToken,
        AccessToken,
        PrivateKeyJwt,
        ClientSecretJwt,
    };

    // clock: for templates' iat/exp, countdowns and claim rules; the system clock when null.
    // keys: the app's shared key sets; the panel keeps its own when null.
    explicit TokenToolsPanel(Tokenscope::Http::HttpClient *http,
                             const Tokenscope::Clock *clock = nullptr,
                             Tokenscope::Jose::JwksCache *keys = nullptr,
                             QWidget *parent = nullptr);
    ~TokenToolsPanel() override;

    Mode mode() const;
    void setMode(Mode mode);
    TokenInspector *decodeInspector() const { return m_decodeInspector; }
    TokenInspector *signInspector() const { return m_signInspector; }
    Tokenscope::Jose::JwksCache *jwksCache() const { return m_jwks; }
    // Offers the saved profiles' keys and client secrets (from the keychain) as signing keys.
    void setProfiles(Tokenscope::Profiles::ProfileManager *manager);
    // Lists the profiles' key material again (on showing the panel, too).
    void refreshKeychainKeys();

public slots:
    // Decode mode: inspects the pasted token with the keys and expectations given.
    void verify();
    // Sign mode.
    void applyTemplate(Template which);
    void generateKey();
    void sign();

private:
    QWidget *createDecodePage();
    QWidget *createSignPage();
    void showSignError(const QString &message);
    void keySourceChanged();

protected:
    void showEvent(QShowEvent *event) override;

private:
    std::unique_ptr<Tokenscope::Clock> m_systemClock;
    const Tokenscope::Clock *m_clock;
    Tokenscope::Http::HttpClient *m_http;
    Tokenscope::Jose::JwksCache *m_jwks;
    QTabWidget *m_modes = nullptr;

    // Decode & verify
    QPlainTextEdit *m_tokenInput = nullptr;
    QLineEdit *m_jwksUrl = nullptr;
    QPlainTextEdit *m_keysInput = nullptr;
    QPlainTextEdit *m_decryptionKey = nullptr;
    QComboBox *m_kind = nullptr;
    QLineEdit *m_issuer = nullptr;
    QLineEdit *m_audience = nullptr;
    QLineEdit *m_nonce = nullptr;
    QSpinBox *m_maxAge = nullptr;
    QLineEdit *m_accessClientId = nullptr;
    QLineEdit *m_allowedAlgs = nullptr;
    QSpinBox *m_skew = nullptr;
    QPushButton *m_verify = nullptr;
    TokenInspector *m_decodeInspector = nullptr;

    // Sign / encode
    QComboBox *m_template = nullptr;
    QLineEdit *m_signIssuer = nullptr;
    QLineEdit *m_signClientId = nullptr;
    QLineEdit *m_signAudience = nullptr;
    QPlainTextEdit *m_headerEditor = nullptr;
    QPlainTextEdit *m_claimsEditor = nullptr;
    QComboBox *m_alg = nullptr;
    QLineEdit *m_kid = nullptr;
    QPlainTextEdit *m_signingKey = nullptr;
    KeychainKeySource *m_keySource = nullptr; // pasted, or a profile's key from the keychain
    QPlainTextEdit *m_publicJwks = nullptr;
    QPlainTextEdit *m_signed = nullptr;
    QLabel *m_signStatus = nullptr;
    TokenInspector *m_signInspector = nullptr;
};
