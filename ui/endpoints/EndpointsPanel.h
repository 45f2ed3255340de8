#pragma once

#include "endpoints/IntrospectionClient.h"
#include "endpoints/LogoutUrl.h"
#include "endpoints/RegistrationClient.h"
#include "endpoints/RevocationClient.h"
#include "endpoints/UserInfoClient.h"

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
namespace Browser {
class EmbeddedBrowser;
}
namespace Redirect {
struct RedirectResult;
}
} // namespace Tokenscope

class CodeView;
class EndpointResultView;
class FindingsView;
class KeychainKeySource;
class SessionTokens;
class TokenPicker;
class QCheckBox;
class QComboBox;
class QLabel;
class QLineEdit;
class QPlainTextEdit;
class QPushButton;
class QTabWidget;

// The provider's other endpoints, one sub-tab each: token introspection (RFC 7662),
// revocation (RFC 7009), UserInfo (OIDC Core §5.3, JSON or signed/encrypted, its sub checked
// against an ID token), RP-initiated logout (built, opened in the embedded browser, the
// return to post_logout_redirect_uri captured and its state checked) and dynamic client
// registration (RFC 7591, the result saved as a profile; read, update and delete per RFC 7592).
// Endpoints come from the discovered metadata and stay editable; the client's credentials are
// shared by all: a secret, or for private_key_jwt a pasted key or a saved profile's key from
// the keychain. A method this tab cannot use (mTLS) is named, with the one used instead.
class EndpointsPanel final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(EndpointsPanel)

public:
    enum Page
    {
        IntrospectionPage,
        RevocationPage,
        UserInfoPage,
        LogoutPage,
        RegistrationPage,
    };

    EndpointsPanel(Tokenscope::Http::HttpClient *http, Tokenscope::RandomSource &random,
                   Tokenscope::Jose::JwksCache *keys, SessionTokens *session,
                   QWidget *parent = nullptr);
    ~EndpointsPanel() override;

    void setProvider(const Tokenscope::Discovery::ProviderMetadata &metadata);
    // Where "Save as profile" saves a registered client (its secret to the keychain); its
    // profiles' private keys are offered for private_key_jwt.
    void setProfileManager(Tokenscope::Profiles::ProfileManager *manager);
    // The client that authenticates at introspection and revocation. method: a
    // token_endpoint_auth_method name; empty keeps the current one. For private_key_jwt the
    // key of a saved profile with that client id is chosen from the keychain when there is
    // one. A method this tab does not offer (tls_client_auth…) keeps the current one and
    // says so in clientNote().
    void setClient(const QString &clientId, const QByteArray &secret,
                   const QString &method = QString());
    // Empty, or what the client box says about its authentication (translated).
    QString clientNote() const;
    KeychainKeySource *clientKeySource() const { return m_clientKeySource; }

    QTabWidget *pages() const { return m_pages; }
    EndpointResultView *introspectionView() const { return m_introspectionResult; }
    EndpointResultView *revocationView() const { return m_revocationResult; }
    EndpointResultView *userInfoView() const { return m_userInfoResult; }
    EndpointResultView *registrationView() const { return m_registrationResult; }
    FindingsView *logoutFindings() const { return m_logoutFindings; }
    // The request's checks, then the return's (after the return was captured).
    Tokenscope::Findings logoutChecks() const { return m_logoutChecks; }
    QString logoutStatus() const;
    QUrl logoutUrl() const { return m_logoutUrl; }
    Tokenscope::Browser::EmbeddedBrowser *logoutBrowser() const { return m_logoutBrowser; }
    Tokenscope::Endpoints::IntrospectionClient *introspectionClient() const
    {
        return m_introspection;
    }
    Tokenscope::Endpoints::RevocationClient *revocationClient() const { return m_revocation; }
    Tokenscope::Endpoints::UserInfoClient *userInfoClient() const { return m_userInfo; }
    Tokenscope::Endpoints::RegistrationClient *registrationClient() const { return m_registration; }

signals:
    void statusMessage(const QString &message);
    // A registered client was saved as this profile.
    void profileSaved(const QString &name);
    // The browser came back to post_logout_redirect_uri; passed: every check passed.
    void logoutReturned(bool passed);

public slots:
    // From the session token list: fill the page in and send.
    void introspectToken(const QString &token, const QString &tokenTypeHint);
    void revokeToken(const QString &token, const QString &tokenTypeHint);
    void fetchUserInfo(const QString &accessToken);

    void introspect();
    void revoke();
    void userInfo();
    void buildLogout();
    void openLogout();
    void registerClient();
    // RFC 7592 at the registration client URI with the registration access token.
    void readRegistration();
    void updateRegistration();
    void deleteRegistration();
    void saveRegisteredProfile();

private:
    QWidget *createClientBox();
    QWidget *createIntrospectionPage();
    QWidget *createRevocationPage();
    QWidget *createUserInfoPage();
    QWidget *createLogoutPage();
    QWidget *createRegistrationPage();
    Tokenscope::ClientAuth::ClientCredentials credentials() const;
    // Empty, or why the client cannot authenticate yet (translated).
    QString clientProblem() const;
    void updateClientRows();
    void setClientNote(const QString &text, bool warning);
    QComboBox *createHintBox(const char *name);
    void onLogoutReturn(const Tokenscope::Redirect::RedirectResult &redirect);
    void showRegistration();
    QJsonObject registrationFormMetadata() const;
    void fillRegistrationForm(const QJsonObject &client);
    void setRegistrationBusy(bool busy, const QString &text = QString());

    Tokenscope::Http::HttpClient *m_http;
    Tokenscope::RandomSource &m_random;
    Tokenscope::Jose::JwksCache *m_keys;
    SessionTokens *m_session;
    Tokenscope::Profiles::ProfileManager *m_profileManager = nullptr;
    Tokenscope::Endpoints::IntrospectionClient *m_introspection;
    Tokenscope::Endpoints::RevocationClient *m_revocation;
    Tokenscope::Endpoints::UserInfoClient *m_userInfo;
    Tokenscope::Endpoints::RegistrationClient *m_registration;
    QString m_issuer;
    QUrl m_jwksUri;
    QString m_revokingToken;

    QTabWidget *m_pages = nullptr;
    QLineEdit *m_clientId = nullptr;
    QLineEdit *m_clientSecret = nullptr;
    QComboBox *m_authMethod = nullptr;
    QCheckBox *m_showSecrets = nullptr;
    QWidget *m_secretRow = nullptr;
    QWidget *m_clientKeyRow = nullptr;
    KeychainKeySource *m_clientKeySource = nullptr;
    QPlainTextEdit *m_clientKey = nullptr;
    QLabel *m_clientNote = nullptr;

    QLineEdit *m_introspectionEndpoint = nullptr;
    TokenPicker *m_introspectionToken = nullptr;
    QComboBox *m_introspectionHint = nullptr;
    QPushButton *m_introspectButton = nullptr;
    EndpointResultView *m_introspectionResult = nullptr;

    QLineEdit *m_revocationEndpoint = nullptr;
    TokenPicker *m_revocationToken = nullptr;
    QComboBox *m_revocationHint = nullptr;
    QPushButton *m_revokeButton = nullptr;
    EndpointResultView *m_revocationResult = nullptr;

    QLineEdit *m_userInfoEndpoint = nullptr;
    TokenPicker *m_userInfoToken = nullptr;
    QComboBox *m_userInfoMethod = nullptr;
    TokenPicker *m_userInfoIdToken = nullptr;
    QPushButton *m_userInfoButton = nullptr;
    EndpointResultView *m_userInfoResult = nullptr;

    QLineEdit *m_endSessionEndpoint = nullptr;
    TokenPicker *m_idTokenHint = nullptr;
    QLineEdit *m_postLogoutRedirect = nullptr;
    QLineEdit *m_logoutState = nullptr;
    QLineEdit *m_browserSession = nullptr;
    QPlainTextEdit *m_logoutUrlView = nullptr;
    QLabel *m_logoutStatus = nullptr;
    FindingsView *m_logoutFindings = nullptr;
    Tokenscope::Endpoints::LogoutUrl::Request m_logoutRequest;
    Tokenscope::Findings m_logoutChecks;
    QUrl m_logoutUrl;
    QWidget *m_logoutWindow = nullptr;
    Tokenscope::Browser::EmbeddedBrowser *m_logoutBrowser = nullptr;

    QLineEdit *m_registrationEndpoint = nullptr;
    QPlainTextEdit *m_redirectUris = nullptr;
    QLineEdit *m_clientName = nullptr;
    QLineEdit *m_grantTypes = nullptr;
    QLineEdit *m_responseTypes = nullptr;
    QComboBox *m_registrationAuthMethod = nullptr;
    QLineEdit *m_initialAccessToken = nullptr;
    QLineEdit *m_registrationClientUri = nullptr;
    QLineEdit *m_registrationAccessToken = nullptr;
    QPushButton *m_registerButton = nullptr;
    QPushButton *m_readRegistrationButton = nullptr;
    QPushButton *m_updateRegistrationButton = nullptr;
    QPushButton *m_deleteRegistrationButton = nullptr;
    QPushButton *m_saveProfileButton = nullptr;
    CodeView *m_registrationJson = nullptr;
    EndpointResultView *m_registrationResult = nullptr;
    Tokenscope::Endpoints::RegistrationResult m_registered;
};
