#pragma once

#include <QCoreApplication>
#include <QString>
#include <QStringList>

namespace Tokenscope::AuthCode {

// A response_type value read as the set of its parts (OAuth 2.0 Multiple Response Type
// Encoding Practices §3): the order of the parts does not matter, each may appear once.
class ResponseType final
{
    Q_DECLARE_TR_FUNCTIONS(Tokenscope::AuthCode::ResponseType)

public:
    enum class Kind
    {
        AuthorizationCode, // code
        Implicit,          // token, id_token, id_token token
        Hybrid,            // code id_token, code token, code id_token token
        None,              // none
        Unknown
    };

    explicit ResponseType(const QString &value = QStringLiteral("code"));

    bool hasCode() const { return m_parts.contains(QLatin1String("code")); }
    bool hasIdToken() const { return m_parts.contains(QLatin1String("id_token")); }
    bool hasToken() const { return m_parts.contains(QLatin1String("token")); }
    Kind kind() const { return m_kind; }
    // Why the value is not one of the registered response types; empty when it is.
    QString problem() const { return m_problem; }
    // The default response_mode: query for code and none, fragment for everything that
    // returns a token from the authorization endpoint (Multiple Response Types §2.1, §3).
    QString defaultResponseMode() const;

    // The seven registered values, in the order the UI offers them.
    static QStringList registeredValues();

private:
    QStringList m_parts;
    Kind m_kind = Kind::Unknown;
    QString m_problem;
};

} // namespace Tokenscope::AuthCode
