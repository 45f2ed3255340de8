#pragma once

#include "JoseError.h"
#include "Jwk.h"
#include "common/Finding.h"

#include <QByteArray>
#include <QCoreApplication>
#include <QList>

namespace Tokenscope::Jose {

// A JWK Set (RFC 7517 §5). A key that can't be used (unknown kty or curve, a malformed
// member, an EC point off its curve, a weak RSA modulus) is left out with a warning; the
// others are kept. Only a document that is not a set at all is an error.
class JwkSet
{
    Q_DECLARE_TR_FUNCTIONS(Tokenscope::Jose::JwkSet)

public:
    JwkSet() = default;
    explicit JwkSet(QList<Jwk> keys);

    // Reads {"keys": [...]}. Repeated member names anywhere in the document are an error.
    static JwkSet fromJson(const QByteArray &json);

    QList<Jwk> keys;
    Findings warnings; // one per skipped key, and advice about the kept ones
    JoseError error;   // NotAJwkSet, DuplicateMember; keys is empty then

    bool isError() const { return error.isError(); }
    bool isEmpty() const { return keys.isEmpty(); }
    QList<Jwk> keysWithKid(const QString &kid) const;
};

} // namespace Tokenscope::Jose
