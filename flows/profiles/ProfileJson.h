#pragma once

#include "Profile.h"
#include "ProfileError.h"

#include <QCoreApplication>
#include <QJsonObject>

namespace Tokenscope::Profiles {

struct ProfileParseResult
{
    Profile profile;
    ProfileError error;
    int readVersion = 0; // the schema version the document had before migration
};

// The profile file format. Every document carries "schema_version"; older documents are
// migrated one version at a time (migrateStep), newer ones are refused.
//
// Version 0: an unversioned document, as a person writes by hand: flat "name", "issuer",
//   "client_id", "client_secret_in_keychain" (bool), "scope" (one space-separated string),
//   "redirect_uri" (one string), "auth_method", optional "id".
// Version 1: sections "provider", "client", "secrets" (see toJson).
class ProfileJson final
{
    Q_DECLARE_TR_FUNCTIONS(Tokenscope::Profiles::ProfileJson)

public:
    static constexpr int CurrentSchemaVersion = 1;

    static QJsonObject toJson(const Profile &profile);
    // Migrates to the current version, then reads. A document without "id" gets fallbackId
    // (the store derives one from the file name so that it is stable).
    static ProfileParseResult fromJson(const QJsonObject &document, const QUuid &fallbackId = {});

    // The schema version of a document: "schema_version", 0 when absent, -1 when not an integer.
    static int schemaVersion(const QJsonObject &document);
    // One step: a document of version `from` to version from + 1. Only valid for
    // 0 <= from < CurrentSchemaVersion.
    static QJsonObject migrateStep(const QJsonObject &document, int from);

private:
    static QJsonObject migrate0To1(const QJsonObject &v0);
};

} // namespace Tokenscope::Profiles
