#pragma once

#include <QByteArray>
#include <QCoreApplication>
#include <QList>
#include <QPair>
#include <QString>
#include <QStringList>

namespace Tokenscope::Endpoints {

// One challenge of a WWW-Authenticate header (RFC 9110 §11.6.1): the scheme and its
// auth-params, with the Bearer ones read out (RFC 6750 §3, RFC 9470 §3 step-up).
struct AuthChallenge
{
    QString scheme;                            // "Bearer", "DPoP", "Basic", as sent
    QList<QPair<QString, QString>> parameters; // names lower-cased, values unquoted
    QString token68;                           // a token68 instead of parameters, rarely used

    QString parameter(const QString &name) const;
    QString realm() const { return parameter(QStringLiteral("realm")); }
    QString error() const { return parameter(QStringLiteral("error")); }
    QString errorDescription() const { return parameter(QStringLiteral("error_description")); }
    QString errorUri() const { return parameter(QStringLiteral("error_uri")); }
    QString scope() const { return parameter(QStringLiteral("scope")); }
    QStringList acrValues() const; // RFC 9470: space-separated
    qint64 maxAge() const;         // RFC 9470; -1 when absent or not a number
    bool isStepUp() const { return error() == QLatin1String("insufficient_user_authentication"); }
};

// The parser, in one place. Tolerant: an unterminated quote ends the value, unknown
// schemes are kept, a header with several challenges gives several.
class WwwAuthenticate final
{
    Q_DECLARE_TR_FUNCTIONS(Tokenscope::Endpoints::WwwAuthenticate)

public:
    static QList<AuthChallenge> parse(const QByteArray &header);
    // The first challenge of `scheme` (case-insensitive), or an empty one.
    static AuthChallenge find(const QList<AuthChallenge> &challenges, const QString &scheme);
    // A sentence for the user: what the error means and what to do (translated).
    static QString explain(const AuthChallenge &challenge);
};

} // namespace Tokenscope::Endpoints
