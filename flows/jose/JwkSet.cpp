#include "JwkSet.h"

#include "JsonDuplicates.h"
#include "common/JsonReader.h"

#include <QJsonArray>
#include <QSet>

namespace Tokenscope::Jose {

JwkSet::JwkSet(QList<Jwk> keys)
    : keys(std::move(keys))
{}

JwkSet JwkSet::fromJson(const QByteArray &json)
{
    JwkSet set;
    const JsonParseResult parsed = JsonReader::parse(json);
    if (!parsed.ok) {
        set.error = {JoseError::Kind::NotAJwkSet,
                     tr("The key set is not valid JSON: %1").arg(parsed.message)};
        return set;
    }
    const QJsonValue keys = parsed.document.object().value(QStringLiteral("keys"));
    if (!parsed.document.isObject() || !keys.isArray()) {
        set.error = {JoseError::Kind::NotAJwkSet,
                     tr("A JWK Set is a JSON object with a \"keys\" list.")};
        return set;
    }
    const QString duplicate = JsonDuplicates::firstDuplicate(json);
    if (!duplicate.isNull()) {
        set.error = {JoseError::Kind::DuplicateMember,
                     tr("The key set has the member \"%1\" twice in one object.").arg(duplicate)};
        return set;
    }

    const QJsonArray entries = keys.toArray();
    QSet<QString> kids;
    for (qsizetype index = 0; index < entries.size(); ++index) {
        const auto skip = [&](const JoseError &why) {
            Finding finding;
            finding.rule = QStringLiteral("jwks_key_skipped");
            finding.status = Finding::Status::Warn;
            finding.message =
                tr("Key %1 of the set is not used: %2").arg(index + 1).arg(why.message);
            finding.actual = JoseError::kindName(why.kind);
            finding.spec = QStringLiteral("RFC 7517 §5");
            set.warnings.append(finding);
        };
        if (!entries.at(index).isObject()) {
            skip({JoseError::Kind::InvalidKey, tr("it is not a JSON object.")});
            continue;
        }
        JoseError problem;
        Jwk key = Jwk::fromJson(entries.at(index).toObject(), &problem);
        if (key.isNull()) {
            skip(problem);
            continue;
        }
        if (!key.isSymmetric() && !key.publicKey(&problem)) {
            skip(problem);
            continue;
        }
        for (Finding finding : key.warnings()) {
            finding.message = tr("Key %1 of the set: %2").arg(index + 1).arg(finding.message);
            set.warnings.append(finding);
        }
        if (key.isPrivate() && !key.isSymmetric()) {
            Finding finding;
            finding.rule = QStringLiteral("jwks_private_key_published");
            finding.status = Finding::Status::Warn;
            finding.message = tr("Key %1 of the set carries private key material; a published "
                                 "key set must hold public keys only.")
                                  .arg(index + 1);
            finding.spec = QStringLiteral("RFC 7517 §5");
            set.warnings.append(finding);
        }
        if (key.hasKid() && kids.contains(key.kid())) {
            Finding finding;
            finding.rule = QStringLiteral("jwks_kid_unique");
            finding.status = Finding::Status::Warn;
            finding.message = tr("Key %1 of the set repeats the kid \"%2\"; keys in a set "
                                 "should have distinct kid values.")
                                  .arg(index + 1)
                                  .arg(key.kid());
            finding.spec = QStringLiteral("RFC 7517 §4.5");
            set.warnings.append(finding);
        }
        if (key.hasKid())
            kids.insert(key.kid());
        set.keys.append(key);
    }
    return set;
}

QList<Jwk> JwkSet::keysWithKid(const QString &kid) const
{
    QList<Jwk> result;
    for (const Jwk &key : keys) {
        if (key.hasKid() && key.kid() == kid)
            result.append(key);
    }
    return result;
}

} // namespace Tokenscope::Jose
