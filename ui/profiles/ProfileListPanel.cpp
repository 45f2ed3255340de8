#include "ProfileListPanel.h"

#include "ProfileDialogs.h"
#include "ProfileEditor.h"
#include "common/MessageBox.h"
#include "profiles/ProfileExport.h"
#include "profiles/ProfileImport.h"
#include "profiles/ProfileManager.h"
#include "profiles/SecretKey.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QGridLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QPushButton>
#include <QSaveFile>
#include <QSplitter>
#include <QVBoxLayout>

#include <algorithm>
#include <memory>

using Tokenscope::Discovery::DiscoveryClient;
using Tokenscope::Profiles::ExportOptions;
using Tokenscope::Profiles::ExportReadResult;
using Tokenscope::Profiles::ImportAction;
using Tokenscope::Profiles::Profile;
using Tokenscope::Profiles::ProfileDeleteResult;
using Tokenscope::Profiles::ProfileExport;
using Tokenscope::Profiles::ProfileExportError;
using Tokenscope::Profiles::ProfileImport;
using Tokenscope::Profiles::ProfileListing;
using Tokenscope::Profiles::ProfileManager;
using Tokenscope::Profiles::ProfileSaveResult;
using Tokenscope::Profiles::SaveMode;
using Tokenscope::Profiles::SecretKind;
using Tokenscope::Profiles::SecretOutcome;
using Tokenscope::Profiles::SecretValues;

namespace {

constexpr int IdRole = Qt::UserRole;
constexpr int NameRole = Qt::UserRole + 1;
constexpr qint64 MaxImportBytes = 16 * 1024 * 1024;

QString subtitle(const Profile &profile)
{
    QStringList parts;
    if (!profile.provider.issuer.isEmpty())
        parts.append(profile.provider.issuer.toDisplayString());
    if (!profile.client.clientId.isEmpty())
        parts.append(profile.client.clientId);
    return parts.join(QStringLiteral(" · "));
}

} // namespace

ProfileListPanel::ProfileListPanel(ProfileManager *manager, DiscoveryClient *discovery,
                                   SecretBackend backend, QWidget *parent)
    : QWidget(parent)
    , m_manager(manager)
    , m_backend(backend)
    , m_search(new QLineEdit(this))
    , m_list(new QListWidget(this))
    , m_listProblems(new QLabel(this))
    , m_newButton(new QPushButton(tr("New"), this))
    , m_duplicateButton(new QPushButton(tr("Duplicate"), this))
    , m_renameButton(new QPushButton(tr("Rename…"), this))
    , m_deleteButton(new QPushButton(tr("Delete…"), this))
    , m_importButton(new QPushButton(tr("Import…"), this))
    , m_exportButton(new QPushButton(tr("Export…"), this))
    , m_useButton(new QPushButton(tr("Use"), this))
    , m_status(new QLabel(this))
    , m_editor(new ProfileEditor(manager, discovery, backend, this))
{
    setObjectName(QStringLiteral("profileListPanel"));

    m_search->setObjectName(QStringLiteral("profileSearchEdit"));
    m_search->setPlaceholderText(tr("Search name, issuer, client_id"));
    m_search->setClearButtonEnabled(true);

    m_list->setObjectName(QStringLiteral("profileList"));
    m_list->setSelectionMode(QAbstractItemView::SingleSelection);
    m_list->setUniformItemSizes(false);
    m_list->setAlternatingRowColors(true);
    m_list->setSpacing(1);
    m_list->setMinimumWidth(fontMetrics().horizontalAdvance(QLatin1Char('M')) * 16);

    m_listProblems->setObjectName(QStringLiteral("listProblemsLabel"));
    m_listProblems->setWordWrap(true);
    m_listProblems->setTextFormat(Qt::PlainText);
    m_listProblems->setStyleSheet(QStringLiteral("color: #8a1c24;"));
    m_listProblems->hide();

    m_newButton->setObjectName(QStringLiteral("newProfileButton"));
    m_newButton->setToolTip(tr("A new, empty profile"));
    m_duplicateButton->setObjectName(QStringLiteral("duplicateProfileButton"));
    m_duplicateButton->setToolTip(
        tr("A copy of the selected profile's settings under a new name. Secrets are not "
           "copied: type them again in the copy if it needs them."));
    m_renameButton->setObjectName(QStringLiteral("renameProfileButton"));
    m_renameButton->setToolTip(tr("Rename the selected profile; its secrets stay with it"));
    m_deleteButton->setObjectName(QStringLiteral("deleteProfileButton"));
    m_deleteButton->setToolTip(
        tr("Delete the selected profile and its secrets in the secret store"));
    m_importButton->setObjectName(QStringLiteral("importProfilesButton"));
    m_importButton->setToolTip(tr("Add profiles from a Tokenscope export file"));
    m_exportButton->setObjectName(QStringLiteral("exportProfilesButton"));
    m_exportButton->setToolTip(tr("Write the profiles shown in the list to a file, without "
                                  "their secrets"));
    m_useButton->setObjectName(QStringLiteral("useProfileButton"));
    m_useButton->setToolTip(tr("Set up the flows with the selected profile, as saved"));

    m_status->setObjectName(QStringLiteral("profileStatusLabel"));
    m_status->setWordWrap(true);
    m_status->setTextFormat(Qt::PlainText);
    m_status->setTextInteractionFlags(Qt::TextSelectableByMouse | Qt::TextSelectableByKeyboard);
    m_status->hide();

    auto *buttons = new QGridLayout;
    buttons->setContentsMargins(0, 0, 0, 0);
    buttons->addWidget(m_newButton, 0, 0);
    buttons->addWidget(m_duplicateButton, 0, 1);
    buttons->addWidget(m_renameButton, 0, 2);
    buttons->addWidget(m_deleteButton, 1, 0);
    buttons->addWidget(m_importButton, 1, 1);
    buttons->addWidget(m_exportButton, 1, 2);

    auto *left = new QWidget(this);
    auto *leftLayout = new QVBoxLayout(left);
    leftLayout->setContentsMargins(8, 8, 4, 8);
    leftLayout->addWidget(m_search);
    leftLayout->addWidget(m_list, 1);
    leftLayout->addWidget(m_listProblems);
    leftLayout->addLayout(buttons);
    leftLayout->addWidget(m_useButton);

    auto *right = new QWidget(this);
    auto *rightLayout = new QVBoxLayout(right);
    rightLayout->setContentsMargins(4, 8, 8, 8);
    rightLayout->addWidget(m_status);
    rightLayout->addWidget(m_editor, 1);

    auto *splitter = new QSplitter(Qt::Horizontal, this);
    splitter->setObjectName(QStringLiteral("profileSplitter"));
    splitter->addWidget(left);
    splitter->addWidget(right);
    splitter->setStretchFactor(0, 1);
    splitter->setStretchFactor(1, 3);
    splitter->setChildrenCollapsible(false);

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(splitter);

    connect(m_search, &QLineEdit::textChanged, this, &ProfileListPanel::applyFilter);
    connect(m_list, &QListWidget::currentItemChanged, this,
            &ProfileListPanel::onCurrentItemChanged);
    connect(m_list, &QListWidget::itemActivated, this, &ProfileListPanel::useProfile);
    connect(m_newButton, &QPushButton::clicked, this, &ProfileListPanel::newProfile);
    connect(m_duplicateButton, &QPushButton::clicked, this, &ProfileListPanel::duplicateProfile);
    connect(m_renameButton, &QPushButton::clicked, this, &ProfileListPanel::renameProfile);
    connect(m_deleteButton, &QPushButton::clicked, this, &ProfileListPanel::deleteProfile);
    connect(m_importButton, &QPushButton::clicked, this, &ProfileListPanel::importProfiles);
    connect(m_exportButton, &QPushButton::clicked, this, &ProfileListPanel::exportProfiles);
    connect(m_useButton, &QPushButton::clicked, this, &ProfileListPanel::useProfile);
    connect(m_editor, &ProfileEditor::saved, this, &ProfileListPanel::onEditorSaved);

    reload();
}

ProfileListPanel::~ProfileListPanel() = default;

QUuid ProfileListPanel::currentId() const
{
    const QListWidgetItem *item = m_list->currentItem();
    return item ? item->data(IdRole).toUuid() : QUuid();
}

QString ProfileListPanel::statusText() const
{
    return m_status->isVisibleTo(this) ? m_status->text() : QString();
}

const Profile *ProfileListPanel::find(const QUuid &id) const
{
    for (const Profile &profile : m_profiles) {
        if (profile.id == id)
            return &profile;
    }
    return nullptr;
}

QStringList ProfileListPanel::namesExcept(const QUuid &id) const
{
    QStringList names;
    for (const Profile &profile : m_profiles) {
        if (profile.id != id)
            names.append(profile.name);
    }
    return names;
}

QString ProfileListPanel::uniqueName(const QString &base) const
{
    const QStringList names = namesExcept({});
    auto taken = [&names](const QString &name) {
        return names.contains(name.trimmed(), Qt::CaseInsensitive);
    };
    if (!taken(base))
        return base;
    for (int n = 2;; ++n) {
        const QString candidate = tr("%1 %2").arg(base).arg(n);
        if (!taken(candidate))
            return candidate;
    }
}

void ProfileListPanel::showStatus(const QString &text, bool isError)
{
    m_status->setText(text);
    m_status->setVisible(!text.isEmpty());
    m_status->setStyleSheet(
        isError ? QStringLiteral("QLabel { color: #8a1c24; background: #fdecee; border: 1px "
                                 "solid #f1aeb5; border-radius: 4px; padding: 6px; }")
                : QStringLiteral("QLabel { color: #0f5132; background: #d1e7dd; border: 1px "
                                 "solid #a3cfbb; border-radius: 4px; padding: 6px; }"));
}

void ProfileListPanel::reload()
{
    const QUuid keep = m_editor->hasProfile() ? m_editor->savedProfile().id : currentId();
    const ProfileListing listing = m_manager->store().list();
    m_profiles = listing.profiles;
    {
        const QSignalBlocker blocker(m_list);
        m_list->clear();
        for (const Profile &profile : std::as_const(m_profiles)) {
            const QString sub = subtitle(profile);
            auto *item =
                new QListWidgetItem(sub.isEmpty() ? profile.name : profile.name + u'\n' + sub);
            item->setData(IdRole, profile.id);
            item->setData(NameRole, profile.name);
            item->setToolTip(sub.isEmpty() ? profile.name : profile.name + u'\n' + sub);
            m_list->addItem(item);
        }
        for (int row = 0; row < m_list->count(); ++row) {
            if (m_list->item(row)->data(IdRole).toUuid() == keep)
                m_list->setCurrentRow(row);
        }
    }
    if (listing.problems.isEmpty()) {
        m_listProblems->hide();
    } else {
        QStringList lines;
        for (const auto &problem : listing.problems)
            lines.append(
                tr("%1: %2").arg(QFileInfo(problem.path).fileName(), problem.error.message));
        m_listProblems->setText(
            tr("%n file(s) in the profiles folder could not be read and are not listed:", nullptr,
               int(lines.size())) +
            u'\n' + lines.join(u'\n'));
        m_listProblems->setToolTip(m_manager->store().directory());
        m_listProblems->show();
    }
    // The editor keeps a draft or the profile it shows; one that is gone is cleared.
    if (m_editor->hasProfile() && !m_editor->isNew() && !find(m_editor->savedProfile().id))
        m_editor->clear();
    if (!m_editor->hasProfile() && m_list->currentItem())
        m_editor->setProfile(*find(currentId()));
    m_editor->setOtherNames(namesExcept(m_editor->savedProfile().id));
    applyFilter();
    updateActions();
}

void ProfileListPanel::applyFilter()
{
    const QString needle = m_search->text().trimmed();
    for (int row = 0; row < m_list->count(); ++row) {
        QListWidgetItem *item = m_list->item(row);
        const Profile *profile = find(item->data(IdRole).toUuid());
        bool match = needle.isEmpty();
        if (!match && profile) {
            for (const QString &text :
                 {profile->name, profile->provider.issuer.toString(), profile->client.clientId}) {
                if (text.contains(needle, Qt::CaseInsensitive)) {
                    match = true;
                    break;
                }
            }
        }
        item->setHidden(!match);
    }
    updateActions();
}

void ProfileListPanel::updateActions()
{
    const QListWidgetItem *item = m_list->currentItem();
    const bool selected = item && !item->isHidden() && !m_busy;
    m_duplicateButton->setEnabled(selected);
    m_renameButton->setEnabled(selected);
    m_deleteButton->setEnabled(selected);
    m_useButton->setEnabled(selected);
    m_newButton->setEnabled(!m_busy);
    m_importButton->setEnabled(!m_busy);
    bool anyShown = false;
    for (int row = 0; row < m_list->count(); ++row)
        anyShown = anyShown || !m_list->item(row)->isHidden();
    m_exportButton->setEnabled(anyShown && !m_busy);
}

void ProfileListPanel::select(const QUuid &id)
{
    for (int row = 0; row < m_list->count(); ++row) {
        if (m_list->item(row)->data(IdRole).toUuid() == id) {
            m_list->setCurrentRow(row);
            return;
        }
    }
}

bool ProfileListPanel::confirmDiscard()
{
    if (!m_editor->isModified())
        return true;
    const QString name = m_editor->profile().name;
    return MessageBox::question(this, tr("Unsaved changes"),
                                tr("The profile “%1” has unsaved changes. Discard them?")
                                    .arg(name.isEmpty() ? tr("(unnamed)") : name),
                                QMessageBox::Discard | QMessageBox::Cancel) == QMessageBox::Discard;
}

void ProfileListPanel::onCurrentItemChanged(QListWidgetItem *current, QListWidgetItem *previous)
{
    const QUuid id = current ? current->data(IdRole).toUuid() : QUuid();
    if (m_editor->hasProfile() && id == m_editor->savedProfile().id && !m_editor->isNew()) {
        updateActions();
        return;
    }
    if (!confirmDiscard()) {
        const QSignalBlocker blocker(m_list);
        m_list->setCurrentItem(previous);
        return;
    }
    showStatus(QString(), false);
    if (const Profile *profile = find(id))
        m_editor->setProfile(*profile);
    else
        m_editor->clear();
    m_editor->setOtherNames(namesExcept(id));
    updateActions();
}

void ProfileListPanel::onEditorSaved(const Profile &profile)
{
    reload();
    const QSignalBlocker blocker(m_list);
    select(profile.id);
    m_editor->setOtherNames(namesExcept(profile.id));
    updateActions();
}

void ProfileListPanel::newProfile()
{
    if (!confirmDiscard())
        return;
    {
        const QSignalBlocker blocker(m_list);
        m_list->setCurrentItem(nullptr);
        m_list->clearSelection();
    }
    const Profile draft = Profile::create(uniqueName(tr("New profile")));
    m_editor->setProfile(draft, true);
    m_editor->setOtherNames(namesExcept(draft.id));
    showStatus(tr("A new profile: fill it in and press Save."), false);
    if (auto *name = m_editor->findChild<QLineEdit *>(QStringLiteral("nameEdit"))) {
        name->setFocus();
        name->selectAll();
    }
    updateActions();
}

void ProfileListPanel::duplicateProfile()
{
    const Profile *source = find(currentId());
    if (!source || !confirmDiscard())
        return;
    Profile copy = *source;
    copy.id = QUuid::createUuid();
    copy.name = uniqueName(tr("%1 (copy)").arg(source->name));
    copy.secrets.clear(); // settings only: the copy's secrets are typed again
    const bool hadSecrets = !source->secrets.isEmpty();
    m_busy = true;
    updateActions();
    m_manager->save(
        copy, {}, SaveMode::Guarded, this,
        [this, hadSecrets, from = source->name](const ProfileSaveResult &result) {
            m_busy = false;
            if (!result.ok()) {
                showStatus(tr("Could not duplicate “%1”: %2").arg(from, result.error.message),
                           true);
                updateActions();
                return;
            }
            m_editor->clear();
            reload();
            select(result.profile.id);
            showStatus(hadSecrets ? tr("Duplicated “%1” as “%2”. Settings were "
                                       "copied, secrets were not: type them in the "
                                       "copy if it needs them.")
                                        .arg(from, result.profile.name)
                                  : tr("Duplicated “%1” as “%2”.").arg(from, result.profile.name),
                       false);
        });
}

void ProfileListPanel::renameProfile()
{
    const Profile *current = find(currentId());
    if (!current)
        return;
    if (m_editor->savedProfile().id == current->id && !confirmDiscard())
        return;
    const Profile stored = *current;
    const std::optional<QString> answer = ProfileDialogs::text(
        this, tr("Rename profile"), tr("New name for “%1”:").arg(stored.name), stored.name);
    if (!answer)
        return;
    const QString name = answer->trimmed();
    if (name.isEmpty()) {
        showStatus(tr("Not renamed: a profile needs a name."), true);
        return;
    }
    if (namesExcept(stored.id).contains(name, Qt::CaseInsensitive)) {
        showStatus(tr("Not renamed: another profile is already named “%1”.").arg(name), true);
        return;
    }
    if (name == stored.name)
        return;
    Profile renamed = stored;
    renamed.name = name; // same id: the secret store entries follow it
    m_busy = true;
    updateActions();
    m_manager->save(
        renamed, {}, SaveMode::Guarded, this,
        [this, from = stored.name](const ProfileSaveResult &result) {
            m_busy = false;
            if (!result.ok()) {
                showStatus(tr("Could not rename “%1”: %2").arg(from, result.error.message), true);
                updateActions();
                return;
            }
            m_editor->setProfile(result.profile);
            reload();
            {
                const QSignalBlocker blocker(m_list);
                select(result.profile.id);
            }
            updateActions();
            showStatus(tr("Renamed “%1” to “%2”; its secrets stay with it.")
                           .arg(from, result.profile.name),
                       false);
        });
}

void ProfileListPanel::deleteProfile()
{
    const Profile *current = find(currentId());
    if (!current)
        return;
    const Profile doomed = *current;
    const QString where = ProfileEditor::backendName(m_backend);
    if (MessageBox::question(this, tr("Delete profile"),
                             tr("Delete the profile “%1”? Its file and its secrets in %2 are "
                                "deleted. This cannot be undone.")
                                 .arg(doomed.name, where),
                             QMessageBox::Yes | QMessageBox::No) != QMessageBox::Yes)
        return;
    m_busy = true;
    updateActions();
    m_manager->remove(doomed.id, this, [this, doomed](const ProfileDeleteResult &result) {
        m_busy = false;
        const bool fileGone =
            !result.error.isError() ||
            result.error.kind == Tokenscope::Profiles::ProfileError::Kind::NotFound;
        if (m_editor->savedProfile().id == doomed.id && fileGone)
            m_editor->clear();
        reload();
        if (!fileGone) {
            showStatus(tr("Could not delete “%1”: %2").arg(doomed.name, result.error.message),
                       true);
            return;
        }
        if (!result.secretsNotDeleted.isEmpty()) {
            QStringList failures;
            for (const SecretOutcome &outcome : result.secretsNotDeleted)
                failures.append(
                    tr("%1 (%2)").arg(ProfileEditor::secretKindText(outcome.kind),
                                      ProfileEditor::secretErrorText(m_backend, outcome.error)));
            showStatus(tr("Deleted “%1”, but these secrets are still in the keychain: %2. "
                          "Delete them there, or unlock the keychain and delete again from "
                          "the command line.")
                           .arg(doomed.name, failures.join(QStringLiteral("; "))),
                       true);
            return;
        }
        showStatus(tr("Deleted “%1” and its secrets.").arg(doomed.name), false);
    });
}

bool ProfileListPanel::chooseProfile(const QUuid &id)
{
    select(id);
    if (currentId() != id)
        return false;
    useProfile();
    return true;
}

void ProfileListPanel::useProfile()
{
    const Profile *current = find(currentId());
    if (!current)
        return;
    if (m_editor->savedProfile().id == current->id && m_editor->isModified())
        showStatus(tr("Using “%1” as saved; the unsaved changes are not used.").arg(current->name),
                   false);
    emit profileChosen(*current);
}

void ProfileListPanel::exportProfiles()
{
    QList<Profile> shown;
    for (int row = 0; row < m_list->count(); ++row) {
        const QListWidgetItem *item = m_list->item(row);
        if (const Profile *profile = find(item->data(IdRole).toUuid());
            profile && !item->isHidden())
            shown.append(*profile);
    }
    if (shown.isEmpty())
        return;
    const std::optional<QString> path = ProfileDialogs::saveFileName(
        this, tr("Export profiles"),
        QDir::home().filePath(QStringLiteral("tokenscope-profiles.json")),
        tr("Tokenscope profile exports (*.json);;All files (*)"));
    if (!path)
        return;
    // Secrets only by an explicit choice, and then encrypted under a passphrase.
    const bool withSecrets =
        std::any_of(shown.cbegin(), shown.cend(),
                    [](const Profile &p) { return !p.secrets.isEmpty(); }) &&
        MessageBox::question(this, tr("Export profiles"),
                             tr("Include the secrets (client secrets, keys, passwords), "
                                "encrypted with a passphrase? Without them the file holds "
                                "placeholders.")) == QMessageBox::Yes;
    if (!withSecrets) {
        writeExport(*path, shown, {}, QByteArray());
        return;
    }
    const std::optional<QString> first =
        ProfileDialogs::text(this, tr("Export profiles"), tr("Passphrase for the secrets:"),
                             QString(), QLineEdit::Password);
    if (!first)
        return;
    const std::optional<QString> second =
        ProfileDialogs::text(this, tr("Export profiles"), tr("The same passphrase again:"),
                             QString(), QLineEdit::Password);
    if (!second)
        return;
    if (first->isEmpty() || *first != *second) {
        showStatus(first->isEmpty() ? tr("Nothing exported: the passphrase is empty")
                                    : tr("Nothing exported: the passphrases differ"),
                   true);
        return;
    }
    // Read every secret the profiles keep in the store, then write; one that cannot be read
    // stops the export (nothing is written) and says which and why.
    struct Pending
    {
        QHash<QUuid, SecretValues> values;
        int waiting = 0;
        QString failure;
    };
    auto pending = std::make_shared<Pending>();
    const QByteArray passphrase = first->toUtf8();
    const QString target = *path;
    const auto finish = [this, pending, shown, passphrase, target] {
        if (!pending->failure.isEmpty()) {
            showStatus(tr("Nothing exported: %1").arg(pending->failure), true);
            return;
        }
        writeExport(target, shown, pending->values, passphrase);
    };
    for (const Profile &profile : std::as_const(shown)) {
        for (auto it = profile.secrets.cbegin(); it != profile.secrets.cend(); ++it) {
            if (it.value().location != Tokenscope::Profiles::SecretRef::Location::SecretStore)
                continue;
            ++pending->waiting;
            m_manager->readSecret(
                profile.id, it.key(), this,
                [pending, finish, id = profile.id, name = profile.name,
                 kind = it.key()](const Tokenscope::Profiles::SecretResult &result) {
                    if (result.ok())
                        pending->values[id].insert(kind, result.value);
                    else if (pending->failure.isEmpty())
                        pending->failure = tr("the %1 of “%2” could not be read: %3")
                                               .arg(Tokenscope::Profiles::SecretKey::kindName(kind),
                                                    name, result.error.message);
                    if (--pending->waiting == 0)
                        finish();
                });
        }
    }
    if (pending->waiting == 0)
        finish();
}

void ProfileListPanel::writeExport(const QString &path, const QList<Profile> &profiles,
                                   const QHash<QUuid, SecretValues> &secrets,
                                   const QByteArray &passphrase)
{
    ExportOptions options;
    options.includeSecrets = !passphrase.isEmpty();
    options.passphrase = passphrase;
    const auto written =
        ProfileExport::write(profiles, secrets, options, m_random, QDateTime::currentDateTimeUtc());
    if (!written.ok()) {
        showStatus(tr("Nothing exported: %1").arg(written.error.message), true);
        return;
    }
    // Owner-only, like the profile files: even without secrets an export says which
    // providers and clients the user has.
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly) ||
        !file.setPermissions(QFileDevice::ReadOwner | QFileDevice::WriteOwner) ||
        file.write(written.document) != written.document.size() || !file.commit()) {
        showStatus(tr("Could not write %1: %2").arg(path, file.errorString()), true);
        return;
    }
    showStatus(
        options.includeSecrets
            ? tr("Exported %n profile(s) to %1, secrets encrypted.", nullptr, int(profiles.size()))
                  .arg(QDir::toNativeSeparators(path))
            : tr("Exported %n profile(s) to %1, without secrets.", nullptr, int(profiles.size()))
                  .arg(QDir::toNativeSeparators(path)),
        false);
}

void ProfileListPanel::importProfiles()
{
    if (!confirmDiscard())
        return;
    const std::optional<QString> path = ProfileDialogs::openFileName(
        this, tr("Import profiles"), tr("Tokenscope profile exports (*.json);;All files (*)"));
    if (!path)
        return;
    QFile file(*path);
    if (!file.open(QIODevice::ReadOnly)) {
        showStatus(tr("Could not read %1: %2").arg(*path, file.errorString()), true);
        return;
    }
    if (file.size() > MaxImportBytes) {
        showStatus(tr("%1 is too large for a profile export.").arg(*path), true);
        return;
    }
    const QByteArray bytes = file.readAll();
    ExportReadResult read = ProfileExport::read(bytes, {});
    if (read.error.kind == ProfileExportError::Kind::PassphraseRequired) {
        const std::optional<QString> passphrase = ProfileDialogs::text(
            this, tr("Import profiles"), tr("The file's secrets are encrypted. Passphrase:"),
            QString(), QLineEdit::Password);
        if (!passphrase)
            return;
        QByteArray key = passphrase->toUtf8();
        read = ProfileExport::read(bytes, key);
        key.fill('\0');
    }
    if (!read.ok()) {
        showStatus(tr("Nothing imported from %1: %2").arg(*path, read.error.message), true);
        return;
    }

    // What the import will do is shown first, in one question: the new profiles, and the
    // ones that exist here already (replace them, or import only the new ones).
    QList<ImportAction> actions = ProfileImport::plan(read.profiles, m_profiles, false);
    QStringList existing;
    QStringList created;
    for (qsizetype i = 0; i < actions.size(); ++i) {
        if (actions.at(i).kind == ImportAction::Kind::Skip)
            existing.append(actions.at(i).existingName);
        else
            created.append(read.profiles.at(i).name);
    }
    const QString newOnes = created.isEmpty()
                                ? tr("No new profile.")
                                : tr("New: %1.").arg(created.join(QStringLiteral(", ")));
    if (existing.isEmpty()) {
        if (MessageBox::question(this, tr("Import profiles"), newOnes + u' ' + tr("Import them?"),
                                 QMessageBox::Yes | QMessageBox::No) != QMessageBox::Yes) {
            showStatus(tr("Nothing imported."), false);
            return;
        }
    } else {
        const QMessageBox::StandardButton answer =
            MessageBox::question(this, tr("Import profiles"),
                                 newOnes + u' ' +
                                     tr("%n profile(s) in the file already exist here: %1. Replace "
                                        "them? (No imports only the new ones.)",
                                        nullptr, int(existing.size()))
                                         .arg(existing.join(QStringLiteral(", "))),
                                 QMessageBox::Yes | QMessageBox::No | QMessageBox::Cancel);
        if (answer == QMessageBox::Cancel) {
            showStatus(tr("Nothing imported."), false);
            return;
        }
        if (answer == QMessageBox::Yes)
            actions = ProfileImport::plan(read.profiles, m_profiles, true);
    }

    struct State
    {
        int pending = 0;
        int created = 0;
        int replaced = 0;
        int skipped = 0;
        QStringList failures;
    };
    auto state = std::make_shared<State>();
    QList<QPair<ImportAction, Profile>> toSave;
    for (qsizetype i = 0; i < actions.size(); ++i) {
        if (actions.at(i).kind == ImportAction::Kind::Skip)
            ++state->skipped;
        else
            toSave.append({actions.at(i), read.profiles.at(i)});
    }
    auto finish = [this, state, path = *path] {
        m_busy = false;
        reload();
        QString text = tr("Imported from %1: %n new", nullptr, state->created)
                           .arg(QDir::toNativeSeparators(path));
        text += tr(", %n replaced", nullptr, state->replaced);
        text += tr(", %n skipped.", nullptr, state->skipped);
        if (!state->failures.isEmpty())
            text += u' ' + state->failures.join(u' ');
        showStatus(text, !state->failures.isEmpty());
    };
    if (toSave.isEmpty()) {
        finish();
        return;
    }
    m_busy = true;
    updateActions();
    state->pending = int(toSave.size());
    for (const auto &[action, incoming] : std::as_const(toSave)) {
        const Profile profile = ProfileImport::apply(action, incoming);
        const bool replacing = action.kind == ImportAction::Kind::Overwrite;
        m_manager->save(
            profile, read.secrets.value(incoming.id), SaveMode::Guarded, this,
            [this, state, finish, replacing, name = profile.name](const ProfileSaveResult &r) {
                if (!r.ok()) {
                    state->failures.append(
                        tr("“%1” was not saved: %2.").arg(name, r.error.message));
                } else {
                    ++(replacing ? state->replaced : state->created);
                    const QList<SecretOutcome> notStored = r.notStored();
                    for (const SecretOutcome &outcome : notStored)
                        state->failures.append(
                            tr("“%1”: %2 was NOT stored: %3.")
                                .arg(name, ProfileEditor::secretKindText(outcome.kind),
                                     ProfileEditor::secretErrorText(m_backend, outcome.error)));
                }
                if (--state->pending == 0)
                    finish();
            });
    }
    for (auto &values : read.secrets) {
        for (QByteArray &value : values)
            value.fill('\0');
    }
}
