#include "ProfileStore.h"

#include "ProfileJson.h"
#include "common/JsonReader.h"

#include <QCryptographicHash>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonDocument>
#include <QLoggingCategory>
#include <QSaveFile>
#include <QStandardPaths>

#include <algorithm>
#include <optional>

namespace Tokenscope::Profiles {

Q_LOGGING_CATEGORY(lcProfiles, "tokenscope.flows.profiles", QtInfoMsg)

namespace {

constexpr QFileDevice::Permissions OwnerOnlyFile = QFileDevice::ReadOwner | QFileDevice::WriteOwner;
constexpr QFileDevice::Permissions OwnerOnlyDirectory =
    QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ExeOwner;

QByteArray sha256(const QByteArray &bytes)
{
    return QCryptographicHash::hash(bytes, QCryptographicHash::Sha256);
}

// The file's bytes, or nullopt when it does not exist.
std::optional<QByteArray> readAll(const QString &path, ProfileError *error)
{
    QFile file(path);
    if (!file.exists()) {
        return std::nullopt;
    }
    if (!file.open(QIODevice::ReadOnly)) {
        *error = {ProfileError::Kind::Io, file.errorString(), path, {}};
        return std::nullopt;
    }
    return file.readAll();
}

} // namespace

ProfileStore::ProfileStore(QString directory)
    : m_directory(std::move(directory))
{}

QString ProfileStore::defaultDirectory()
{
    return QStandardPaths::writableLocation(QStandardPaths::AppConfigLocation) +
           QStringLiteral("/profiles");
}

QString ProfileStore::pathFor(const QUuid &id) const
{
    return m_directory + u'/' + id.toString(QUuid::WithoutBraces) + QStringLiteral(".json");
}

QString ProfileStore::pathOf(const QUuid &id) const
{
    const auto it = m_stamps.constFind(id);
    return it != m_stamps.constEnd() ? it->path : pathFor(id);
}

ProfileListing ProfileStore::list()
{
    ProfileListing listing;
    const QDir dir(m_directory);
    const QStringList names =
        dir.entryList({QStringLiteral("*.json")}, QDir::Files | QDir::Hidden, QDir::Name);
    QHash<QUuid, QString> seen;
    for (const QString &name : names) {
        const QString path = dir.filePath(name);
        ProfileLoad loaded = loadFile(path);
        if (!loaded.error.isError() && seen.contains(loaded.profile.id)) {
            loaded.error = {ProfileError::Kind::InvalidField,
                            tr("the same id as %1").arg(seen.value(loaded.profile.id)), path,
                            QStringLiteral("id")};
        }
        if (loaded.error.isError()) {
            qCWarning(lcProfiles) << "skipping" << path << ':' << loaded.error.message;
            listing.problems.append({path, loaded.error});
            continue;
        }
        seen.insert(loaded.profile.id, name);
        listing.profiles.append(loaded.profile);
    }
    std::stable_sort(listing.profiles.begin(), listing.profiles.end(),
                     [](const Profile &a, const Profile &b) {
                         return QString::localeAwareCompare(a.name, b.name) < 0;
                     });
    return listing;
}

ProfileLoad ProfileStore::load(const QUuid &id)
{
    return loadFile(pathOf(id));
}

ProfileLoad ProfileStore::findByName(const QString &name)
{
    ProfileLoad result;
    const ProfileListing listing = list();
    int matches = 0;
    for (const Profile &profile : listing.profiles) {
        if (profile.name == name) {
            result.profile = profile;
            ++matches;
        }
    }
    if (matches == 0) {
        result.profile = {};
        result.error = {ProfileError::Kind::NotFound,
                        tr("no profile named “%1” in %2").arg(name, m_directory),
                        m_directory,
                        {}};
    } else if (matches > 1) {
        result.error = {ProfileError::Kind::AmbiguousName,
                        tr("%1 profiles are named “%2”: rename all but one").arg(matches).arg(name),
                        m_directory, QStringLiteral("name")};
    }
    return result;
}

ProfileLoad ProfileStore::loadFile(const QString &path)
{
    ProfileLoad result;
    const std::optional<QByteArray> bytes = readAll(path, &result.error);
    if (result.error.isError()) {
        return result;
    }
    if (!bytes) {
        result.error = {ProfileError::Kind::NotFound, tr("no such profile file"), path, {}};
        return result;
    }
    const JsonParseResult parsed = JsonReader::parse(*bytes);
    if (!parsed.ok) {
        result.error = {ProfileError::Kind::MalformedJson, parsed.message, path, {}};
        return result;
    }
    if (!parsed.document.isObject()) {
        result.error = {
            ProfileError::Kind::NotAnObject, tr("the document is not a JSON object"), path, {}};
        return result;
    }
    // A document without an id (schema 0, hand-written) gets one derived from its file name,
    // the same on every load.
    const QUuid fallbackId = QUuid::createUuidV5(
        QUuid(QStringLiteral("6b3c2c1e-1f57-4a53-9d3e-6f0d5e1b7a10")), QFileInfo(path).fileName());
    ProfileParseResult parsedProfile = ProfileJson::fromJson(parsed.document.object(), fallbackId);
    if (parsedProfile.error.isError()) {
        parsedProfile.error.path = path;
        result.error = parsedProfile.error;
        return result;
    }
    result.profile = parsedProfile.profile;
    m_stamps.insert(result.profile.id,
                    Stamp{path, QFileInfo(path).lastModified().toUTC(), sha256(*bytes)});
    return result;
}

ProfileError ProfileStore::checkGuard(const Profile &profile) const
{
    const QString path = pathOf(profile.id);
    ProfileError error;
    const std::optional<QByteArray> bytes = readAll(path, &error);
    if (error.isError()) {
        return error;
    }
    const auto it = m_stamps.constFind(profile.id);
    if (it == m_stamps.constEnd()) {
        if (bytes) {
            return {ProfileError::Kind::ChangedOnDisk,
                    tr("a file for this profile exists but was not loaded"),
                    path,
                    {}};
        }
        return {};
    }
    if (!bytes) {
        return {ProfileError::Kind::ChangedOnDisk,
                tr("the file was deleted since it was loaded"),
                path,
                {}};
    }
    if (sha256(*bytes) != it->sha256) {
        return {ProfileError::Kind::ChangedOnDisk,
                tr("the file changed on disk since it was loaded (loaded: modified %1; now: "
                   "modified %2)")
                    .arg(it->modified.toString(Qt::ISODateWithMs),
                         QFileInfo(path).lastModified().toUTC().toString(Qt::ISODateWithMs)),
                path,
                {}};
    }
    return {};
}

ProfileError ProfileStore::ensureDirectory() const
{
    QDir dir(m_directory);
    if (dir.exists()) {
        return {};
    }
    if (!dir.mkpath(QStringLiteral("."))) {
        return {ProfileError::Kind::Io, tr("cannot create the directory"), m_directory, {}};
    }
    if (!QFile::setPermissions(m_directory, OwnerOnlyDirectory)) {
        return {ProfileError::Kind::Io, tr("cannot make the directory private"), m_directory, {}};
    }
    return {};
}

ProfileError ProfileStore::save(const Profile &profile, SaveMode mode)
{
    if (profile.id.isNull()) {
        return {ProfileError::Kind::InvalidField,
                tr("the profile has no id"),
                {},
                QStringLiteral("id")};
    }
    if (mode == SaveMode::Guarded) {
        const ProfileError guard = checkGuard(profile);
        if (guard.isError()) {
            return guard;
        }
    }
    if (const ProfileError error = ensureDirectory(); error.isError()) {
        return error;
    }

    const QString path = pathOf(profile.id);
    const QByteArray bytes =
        QJsonDocument(ProfileJson::toJson(profile)).toJson(QJsonDocument::Indented);
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly)) {
        return {ProfileError::Kind::Io, file.errorString(), path, {}};
    }
    // Private before the first byte is written, and whatever mode an older file had.
    if (!file.setPermissions(OwnerOnlyFile)) {
        file.cancelWriting();
        return {ProfileError::Kind::Io,
                tr("cannot make the file private: %1").arg(file.errorString()),
                path,
                {}};
    }
    if (file.write(bytes) != bytes.size() || !file.commit()) {
        const QString message = file.errorString();
        file.cancelWriting();
        return {ProfileError::Kind::Io, message, path, {}};
    }
    m_stamps.insert(profile.id, Stamp{path, QFileInfo(path).lastModified().toUTC(), sha256(bytes)});
    return {};
}

ProfileError ProfileStore::remove(const QUuid &id)
{
    const QString path = pathOf(id);
    QFile file(path);
    if (!file.exists()) {
        m_stamps.remove(id);
        return {ProfileError::Kind::NotFound, tr("no such profile file"), path, {}};
    }
    if (!file.remove()) {
        return {ProfileError::Kind::Io, file.errorString(), path, {}};
    }
    m_stamps.remove(id);
    return {};
}

} // namespace Tokenscope::Profiles
