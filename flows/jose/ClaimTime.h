#pragma once

// Internal to flows/jose: reading and showing the NumericDate claims (exp, iat, nbf,
// auth_time) the token validators share.

#include <QDateTime>
#include <QJsonObject>
#include <QString>

namespace Tokenscope::Jose::ClaimTime {

// "2026-11-22T03:31:56Z (1795318316)": what findings show as expected and actual.
inline QString text(qint64 seconds)
{
    return QDateTime::fromSecsSinceEpoch(seconds, Qt::UTC).toString(Qt::ISODate) +
           QStringLiteral(" (") + QString::number(seconds) + QLatin1Char(')');
}

// A claim that is a JSON number, as whole seconds; false when absent or not a number.
inline bool numericDate(const QJsonObject &claims, const char *name, qint64 *value)
{
    const QJsonValue v = claims.value(QLatin1String(name));
    if (!v.isDouble())
        return false;
    *value = qint64(v.toDouble());
    return true;
}

} // namespace Tokenscope::Jose::ClaimTime
