#pragma once

#include "SecretBackend.h"
#include "common/RandomSource.h"
#include "profiles/Profile.h"
#include "profiles/ProfileExport.h"

#include <QList>
#include <QUuid>
#include <QWidget>

namespace Tokenscope {
namespace Discovery {
class DiscoveryClient;
}
namespace Profiles {
class ProfileManager;
}
} // namespace Tokenscope

class ProfileEditor;
class QLabel;
class QLineEdit;
class QListWidget;
class QListWidgetItem;
class QPushButton;

// The saved profiles: a searchable list (name, issuer, client_id) with New, Duplicate,
// Rename, Delete, Import and Export, and the editor of the selected profile beside it.
// "Use" (or activating an item) hands the saved profile to whoever sets up the flows.
//
// Duplicate copies the settings and not the secrets: the copy has its own id and no secret
// references, and the user types the secret again if the copy needs one. Rename keeps the
// id, so the keychain entries stay where they are. Delete removes the file and every
// keychain entry under the id. Export writes the profiles shown in the list, secrets left
// out; Import reads an export (asking for its passphrase when it carries secrets).
class ProfileListPanel final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ProfileListPanel)

public:
    ProfileListPanel(Tokenscope::Profiles::ProfileManager *manager,
                     Tokenscope::Discovery::DiscoveryClient *discovery, SecretBackend backend,
                     QWidget *parent = nullptr);
    ~ProfileListPanel() override;

    ProfileEditor *editor() const { return m_editor; }
    // Every profile as last listed, in list order (the search filter does not apply).
    const QList<Tokenscope::Profiles::Profile> &profiles() const { return m_profiles; }
    // The selected profile's id; null when none is selected.
    QUuid currentId() const;
    // The last status message (an action's outcome); empty when none.
    QString statusText() const;
    // Selects the profile and uses it (profileChosen), as its Use button would. False when
    // no listed profile has that id.
    bool chooseProfile(const QUuid &id);

signals:
    // The user chose this profile (as saved) to run flows with.
    void profileChosen(const Tokenscope::Profiles::Profile &profile);

public slots:
    // Lists the profile files again, keeping the selection.
    void reload();
    void newProfile();
    void duplicateProfile();
    void renameProfile();
    void deleteProfile();
    void importProfiles();
    void exportProfiles();
    void useProfile();

private:
    void applyFilter();
    void updateActions();
    void select(const QUuid &id);
    void onCurrentItemChanged(QListWidgetItem *current, QListWidgetItem *previous);
    void onEditorSaved(const Tokenscope::Profiles::Profile &profile);
    bool confirmDiscard();
    const Tokenscope::Profiles::Profile *find(const QUuid &id) const;
    QStringList namesExcept(const QUuid &id) const;
    QString uniqueName(const QString &base) const;
    void showStatus(const QString &text, bool isError);
    // Writes the export file; with a passphrase the secrets are encrypted into it.
    void writeExport(const QString &path, const QList<Tokenscope::Profiles::Profile> &profiles,
                     const QHash<QUuid, Tokenscope::Profiles::SecretValues> &secrets,
                     const QByteArray &passphrase);

    Tokenscope::Profiles::ProfileManager *m_manager;
    SecretBackend m_backend;
    Tokenscope::SystemRandomSource m_random; // export: only used if secrets are encrypted
    QList<Tokenscope::Profiles::Profile> m_profiles;
    bool m_busy = false;

    QLineEdit *m_search;
    QListWidget *m_list;
    QLabel *m_listProblems;
    QPushButton *m_newButton;
    QPushButton *m_duplicateButton;
    QPushButton *m_renameButton;
    QPushButton *m_deleteButton;
    QPushButton *m_importButton;
    QPushButton *m_exportButton;
    QPushButton *m_useButton;
    QLabel *m_status;
    ProfileEditor *m_editor;
};
