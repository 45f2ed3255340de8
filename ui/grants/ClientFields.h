#pragma once

#include "clientauth/ClientCredentials.h"

#include <QUrl>
#include <QWidget>

class QComboBox;
class QFormLayout;
class QLineEdit;

// The part of a token request form every grant shares: the token endpoint, who the client
// is (client id, secret, authentication method) and the scope. Discovery fills the token
// endpoint; the rest is typed or comes from a profile.
class ClientFields final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ClientFields)

public:
    // prefix: the object names' prefix ("grant", "device", "ciba"), so that a test finds
    // "grantTokenEndpointEdit", "deviceClientIdEdit", …
    explicit ClientFields(const QString &prefix, QWidget *parent = nullptr);

    QUrl tokenEndpoint() const;
    void setTokenEndpoint(const QUrl &url);
    Tokenscope::ClientAuth::ClientCredentials credentials() const;
    void setClient(const QString &clientId, const QByteArray &secret,
                   Tokenscope::ClientAuth::ClientAuthentication::Method method);
    // methodName: token_endpoint_auth_method ("client_secret_basic", "none", …); an
    // unknown or empty name leaves the method as it is.
    void setClient(const QString &clientId, const QByteArray &secret, const QString &methodName);
    QString clientId() const;
    // The chosen method's token_endpoint_auth_method name.
    QString methodName() const;
    // A private key held in memory (a saved profile's, from the keychain) for private_key_jwt:
    // used while the key file field is empty, never shown or written anywhere. `origin`
    // says where it came from, for the field's placeholder; `path`, when given, fills the
    // key file field instead. An empty key and path forget it.
    void setPrivateKey(const QByteArray &key, const QString &origin,
                       const QString &path = QString());
    // The client id and method only: the secret and the key stay as they are.
    void setClientIdentity(const QString &clientId, const QString &methodName);
    QString scope() const;
    void setScope(const QString &scope);
    // The form's rows, for a panel to add its own below.
    QFormLayout *form() const { return m_form; }
    // Empty, or why the request cannot be sent (translated).
    QString problem() const;

signals:
    // The client id or the method changed.
    void clientChanged();

private:
    void updateSecretRow();

    QFormLayout *m_form;
    QLineEdit *m_tokenEndpoint;
    QLineEdit *m_clientId;
    QLineEdit *m_secret;
    QComboBox *m_method;
    QLineEdit *m_privateKey;
    QByteArray m_heldKey; // setPrivateKey()'s, used while m_privateKey is empty
    QLineEdit *m_scope;
};
