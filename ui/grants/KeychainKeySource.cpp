#include "KeychainKeySource.h"

#include "profiles/ProfileManager.h"
#include "profiles/ProfileStore.h"

#include <QStringList>

#include <algorithm>

using Tokenscope::Profiles::SecretKind;
using Tokenscope::Profiles::SecretRef;

KeychainKeySource::KeychainKeySource(const QString &pastedText, QList<SecretKind> kinds,
                                     QWidget *parent)
    : QComboBox(parent)
    , m_kinds(std::move(kinds))
{
    setToolTip(tr("Sign with the pasted key, or with a saved profile's key from the keychain "
                  "(read when chosen, never shown)"));
    addItem(pastedText);
    connect(this, &QComboBox::activated, this, &KeychainKeySource::read);
}

KeychainKeySource::~KeychainKeySource()
{
    forget();
}

QString KeychainKeySource::kindLabel(SecretKind kind)
{
    switch (kind) {
    case SecretKind::ClientSecret:
        return tr("client secret (HS*)");
    case SecretKind::PrivateKey:
        return tr("private_key_jwt key");
    case SecretKind::DpopKey:
        return tr("DPoP key");
    case SecretKind::RequestObjectKey:
        return tr("request object key");
    case SecretKind::ClientCertificate:
        return tr("client certificate");
    case SecretKind::ClientKey:
        return tr("client certificate key");
    case SecretKind::Password:
        return tr("password");
    case SecretKind::RefreshToken:
        return tr("refresh token");
    }
    return {};
}

void KeychainKeySource::setProfiles(Tokenscope::Profiles::ProfileManager *manager)
{
    m_profiles = manager;
    reload();
}

void KeychainKeySource::reload()
{
    const QVariant chosen = currentData();
    int index = 0;
    {
        const QSignalBlocker blocker(this);
        while (count() > 1)
            removeItem(1);
        if (m_profiles) {
            for (const Tokenscope::Profiles::Profile &profile :
                 m_profiles->store().list().profiles) {
                for (const SecretKind kind : std::as_const(m_kinds)) {
                    const auto ref = profile.secrets.constFind(kind);
                    if (ref == profile.secrets.cend() ||
                        ref->location != SecretRef::Location::SecretStore)
                        continue;
                    addItem(tr("%1 — %2 (keychain)").arg(profile.name, kindLabel(kind)),
                            QStringList{profile.id.toString(), QString::number(int(kind)),
                                        profile.client.clientId});
                }
            }
        }
        index = chosen.isValid() ? std::max(0, int(findData(chosen))) : 0;
        setCurrentIndex(index);
    }
    if (chosen.isValid() && index == 0) { // the chosen key is gone: back to a pasted one
        forget();
        emit sourceChanged();
    }
}

QString KeychainKeySource::chosenLabel() const
{
    return fromKeychain() ? currentText() : QString();
}

bool KeychainKeySource::choose(const QUuid &profileId, SecretKind kind)
{
    for (int i = 1; i < count(); ++i) {
        const QStringList data = itemData(i).toStringList();
        if (data.value(0) == profileId.toString() && data.value(1) == QString::number(int(kind))) {
            setCurrentIndex(i);
            read(i);
            return true;
        }
    }
    return false;
}

bool KeychainKeySource::chooseRead(const QUuid &profileId, SecretKind kind, const QByteArray &key)
{
    for (int i = 1; i < count(); ++i) {
        const QStringList data = itemData(i).toStringList();
        if (data.value(0) != profileId.toString() || data.value(1) != QString::number(int(kind)))
            continue;
        setCurrentIndex(i);
        forget();
        emit sourceChanged();
        m_key = key;
        emit keyReady(itemText(i));
        return true;
    }
    return false;
}

bool KeychainKeySource::chooseForClient(const QString &clientId)
{
    if (clientId.isEmpty())
        return false;
    for (int i = 1; i < count(); ++i) {
        if (itemData(i).toStringList().value(2) == clientId) {
            setCurrentIndex(i);
            read(i);
            return true;
        }
    }
    return false;
}

void KeychainKeySource::usePasted()
{
    setCurrentIndex(0);
    read(0);
}

void KeychainKeySource::showPopup()
{
    reload();
    QComboBox::showPopup();
}

void KeychainKeySource::forget()
{
    m_key.fill('\0');
    m_key.clear();
    m_reading = false;
    ++m_readGeneration;
}

void KeychainKeySource::read(int index)
{
    forget();
    if (index <= 0 || !m_profiles) {
        emit sourceChanged();
        return;
    }
    const QStringList data = itemData(index).toStringList();
    const QUuid id(data.value(0));
    const auto kind = SecretKind(data.value(1).toInt());
    const QString label = itemText(index);
    const quint64 generation = m_readGeneration;
    m_reading = true;
    emit sourceChanged();
    m_profiles->readSecret(
        id, kind, this,
        [this, generation, label](const Tokenscope::Profiles::SecretResult &result) {
            if (generation != m_readGeneration)
                return; // another source was chosen meanwhile
            m_reading = false;
            if (!result.ok()) {
                emit keyFailed(label, result.error.message);
                return;
            }
            m_key = result.value;
            emit keyReady(label);
        });
}
