#include "ResponseType.h"

#include <QSet>

namespace Tokenscope::AuthCode {

ResponseType::ResponseType(const QString &value)
    : m_parts(value.split(QLatin1Char(' '), Qt::SkipEmptyParts))
{
    static const QSet<QString> known{QStringLiteral("code"), QStringLiteral("id_token"),
                                     QStringLiteral("token"), QStringLiteral("none")};
    QSet<QString> seen;
    for (const QString &part : std::as_const(m_parts)) {
        if (!known.contains(part)) {
            m_problem = tr("“%1” is not a registered response type part (code, id_token, token, "
                           "none)")
                            .arg(part);
            return;
        }
        if (seen.contains(part)) {
            m_problem = tr("“%1” appears twice in the response type").arg(part);
            return;
        }
        seen.insert(part);
    }
    if (m_parts.isEmpty()) {
        m_problem = tr("The response type is empty");
    } else if (seen.contains(QStringLiteral("none"))) {
        if (m_parts.size() == 1)
            m_kind = Kind::None;
        else
            m_problem = tr("“none” cannot be combined with another response type");
    } else if (hasCode()) {
        m_kind = m_parts.size() == 1 ? Kind::AuthorizationCode : Kind::Hybrid;
    } else {
        m_kind = Kind::Implicit;
    }
}

QString ResponseType::defaultResponseMode() const
{
    return m_kind == Kind::Implicit || m_kind == Kind::Hybrid ? QStringLiteral("fragment")
                                                              : QStringLiteral("query");
}

QStringList ResponseType::registeredValues()
{
    return {QStringLiteral("code"),
            QStringLiteral("id_token"),
            QStringLiteral("id_token token"),
            QStringLiteral("token"),
            QStringLiteral("code id_token"),
            QStringLiteral("code token"),
            QStringLiteral("code id_token token"),
            QStringLiteral("none")};
}

} // namespace Tokenscope::AuthCode
