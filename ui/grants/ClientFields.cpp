#include "ClientFields.h"

#include <QComboBox>
#include <QFile>
#include <QFormLayout>
#include <QLineEdit>

using Method = Tokenscope::ClientAuth::ClientAuthentication::Method;

ClientFields::ClientFields(const QString &prefix, QWidget *parent)
    : QWidget(parent)
    , m_form(new QFormLayout(this))
    , m_tokenEndpoint(new QLineEdit(this))
    , m_clientId(new QLineEdit(this))
    , m_secret(new QLineEdit(this))
    , m_method(new QComboBox(this))
    , m_privateKey(new QLineEdit(this))
    , m_scope(new QLineEdit(this))
{
    m_form->setContentsMargins(0, 0, 0, 0);
    m_form->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);
    m_tokenEndpoint->setObjectName(prefix + QStringLiteral("TokenEndpointEdit"));
    m_tokenEndpoint->setPlaceholderText(tr("https://provider.example/token"));
    m_clientId->setObjectName(prefix + QStringLiteral("ClientIdEdit"));
    m_secret->setObjectName(prefix + QStringLiteral("ClientSecretEdit"));
    m_secret->setEchoMode(QLineEdit::Password);
    m_method->setObjectName(prefix + QStringLiteral("AuthMethodCombo"));
    for (Method method : {Method::ClientSecretBasic, Method::ClientSecretPost, Method::None,
                          Method::ClientSecretJwt, Method::PrivateKeyJwt})
        m_method->addItem(Tokenscope::ClientAuth::ClientAuthentication::methodName(method),
                          int(method));
    m_privateKey->setObjectName(prefix + QStringLiteral("PrivateKeyEdit"));
    m_privateKey->setPlaceholderText(tr("PEM file of the client's private key"));
    m_scope->setObjectName(prefix + QStringLiteral("ScopeEdit"));
    m_scope->setPlaceholderText(tr("space-separated, optional"));

    m_form->addRow(tr("Token endpoint"), m_tokenEndpoint);
    m_form->addRow(tr("Client ID"), m_clientId);
    m_form->addRow(tr("Authentication"), m_method);
    m_form->addRow(tr("Client secret"), m_secret);
    m_form->addRow(tr("Private key"), m_privateKey);
    m_form->addRow(tr("Scope"), m_scope);
    connect(m_method, &QComboBox::currentIndexChanged, this, &ClientFields::updateSecretRow);
    connect(m_method, &QComboBox::currentIndexChanged, this, &ClientFields::clientChanged);
    connect(m_clientId, &QLineEdit::textChanged, this, &ClientFields::clientChanged);
    updateSecretRow();
}

QUrl ClientFields::tokenEndpoint() const
{
    return QUrl(m_tokenEndpoint->text().trimmed());
}

void ClientFields::setTokenEndpoint(const QUrl &url)
{
    m_tokenEndpoint->setText(url.toString());
}

Tokenscope::ClientAuth::ClientCredentials ClientFields::credentials() const
{
    Tokenscope::ClientAuth::ClientCredentials client;
    client.clientId = m_clientId->text().trimmed();
    client.method = Method(m_method->currentData().toInt());
    if (client.method != Method::None && client.method != Method::PrivateKeyJwt)
        client.secret = m_secret->text().toUtf8();
    if (client.method == Method::PrivateKeyJwt) {
        const QString path = m_privateKey->text().trimmed();
        QFile key(path);
        if (path.isEmpty())
            client.privateKey = m_heldKey;
        else if (key.open(QIODevice::ReadOnly))
            client.privateKey = key.readAll();
    }
    return client;
}

void ClientFields::setPrivateKey(const QByteArray &key, const QString &origin, const QString &path)
{
    m_heldKey = key;
    m_privateKey->setText(path);
    m_privateKey->setPlaceholderText(
        key.isEmpty() ? tr("PEM file of the client's private key")
                      : tr("The key of %1 (kept in memory); or a PEM file").arg(origin));
}

void ClientFields::setClient(const QString &clientId, const QByteArray &secret, Method method)
{
    m_clientId->setText(clientId);
    m_secret->setText(QString::fromUtf8(secret));
    m_method->setCurrentIndex(m_method->findData(int(method)));
}

void ClientFields::setClient(const QString &clientId, const QByteArray &secret,
                             const QString &methodName)
{
    m_clientId->setText(clientId);
    m_secret->setText(QString::fromUtf8(secret));
    Method method = Method::None;
    if (Tokenscope::ClientAuth::ClientAuthentication::parseMethod(methodName, &method))
        m_method->setCurrentIndex(m_method->findData(int(method)));
}

QString ClientFields::clientId() const
{
    return m_clientId->text().trimmed();
}

QString ClientFields::methodName() const
{
    return Tokenscope::ClientAuth::ClientAuthentication::methodName(
        Method(m_method->currentData().toInt()));
}

void ClientFields::setClientIdentity(const QString &clientId, const QString &methodName)
{
    m_clientId->setText(clientId);
    Method method = Method::None;
    if (Tokenscope::ClientAuth::ClientAuthentication::parseMethod(methodName, &method))
        m_method->setCurrentIndex(m_method->findData(int(method)));
}

QString ClientFields::scope() const
{
    return m_scope->text().simplified();
}

void ClientFields::setScope(const QString &scope)
{
    m_scope->setText(scope);
}

QString ClientFields::problem() const
{
    const QUrl endpoint = tokenEndpoint();
    if (!endpoint.isValid() || endpoint.scheme().isEmpty() || endpoint.host().isEmpty())
        return tr("Enter the token endpoint, or discover the provider first.");
    if (m_clientId->text().trimmed().isEmpty())
        return tr("Enter the client ID.");
    const auto method = Method(m_method->currentData().toInt());
    if (method == Method::PrivateKeyJwt && credentials().privateKey.isEmpty())
        return tr("private_key_jwt needs a private key: a readable PEM file, or a profile's key.");
    return {};
}

void ClientFields::updateSecretRow()
{
    const auto method = Method(m_method->currentData().toInt());
    m_form->setRowVisible(m_secret, method != Method::None && method != Method::PrivateKeyJwt);
    m_form->setRowVisible(m_privateKey, method == Method::PrivateKeyJwt);
}
