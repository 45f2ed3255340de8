#pragma once

#include "profiles/SecretKey.h"

#include <QByteArray>
#include <QComboBox>
#include <QList>
#include <QUuid>

namespace Tokenscope::Profiles {
class ProfileManager;
}

// Where a signing key comes from: pasted (the first item), or a saved profile's key read
// from the keychain through the ProfileManager (asynchronously: the UI never waits on the
// keychain). The key read is held here and never shown; the form shows only which profile's
// key signs. Used wherever the app signs with a key: the Grants tab's JWT bearer assertion,
// the Endpoints tab's private_key_jwt client, the Tokens tab's signer.
class KeychainKeySource final : public QComboBox
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(KeychainKeySource)

public:
    // pastedText: the first item's text; kinds: the secrets offered, in this order per profile.
    KeychainKeySource(const QString &pastedText, QList<Tokenscope::Profiles::SecretKind> kinds,
                      QWidget *parent = nullptr);
    ~KeychainKeySource() override;

    // The profiles whose keys are offered; null offers none. Lists them at once.
    void setProfiles(Tokenscope::Profiles::ProfileManager *manager);
    Tokenscope::Profiles::ProfileManager *profiles() const { return m_profiles; }
    // Lists the profiles' keys again, keeping the current choice when it is still there.
    void reload();

    bool fromKeychain() const { return currentIndex() > 0; }
    // The key read for the current keychain choice; empty when pasted or not read yet.
    QByteArray key() const { return m_key; }
    bool isReading() const { return m_reading; }
    // The current keychain choice as listed ("Partner — private_key_jwt key (keychain)").
    QString chosenLabel() const;
    // Chooses that profile's key of that kind and reads it; false when it is not listed.
    bool choose(const QUuid &profileId, Tokenscope::Profiles::SecretKind kind);
    // Chooses that profile's key of that kind with the key already read by the caller (no
    // second keychain read); false when it is not listed.
    bool chooseRead(const QUuid &profileId, Tokenscope::Profiles::SecretKind kind,
                    const QByteArray &key);
    // Chooses the key of the first profile whose client is clientId (the first kind it has);
    // false when no listed profile has that client.
    bool chooseForClient(const QString &clientId);
    void usePasted();
    // Lists the keys again before the list opens: a profile saved meanwhile is offered.
    void showPopup() override;

    // The translated name of a kind of key in the list ("private_key_jwt key", …).
    static QString kindLabel(Tokenscope::Profiles::SecretKind kind);

signals:
    // The choice changed: to pasted, or to a keychain key whose reading has started.
    void sourceChanged();
    void keyReady(const QString &label);
    void keyFailed(const QString &label, const QString &message);

private:
    void read(int index);
    void forget();

    QList<Tokenscope::Profiles::SecretKind> m_kinds;
    Tokenscope::Profiles::ProfileManager *m_profiles = nullptr;
    QByteArray m_key;
    bool m_reading = false;
    quint64 m_readGeneration = 0;
};
