#pragma once

#include <QJsonObject>
#include <QString>

namespace Tokenscope {

// The error fields of RFC 6749 §4.1.2.1 and §5.2, as the provider sent them.
struct OAuthError
{
    QString error;
    QString errorDescription;
    QString errorUri;

    bool isEmpty() const { return error.isEmpty(); }
    static OAuthError fromJson(const QJsonObject &object)
    {
        return {object.value(QLatin1String("error")).toString(),
                object.value(QLatin1String("error_description")).toString(),
                object.value(QLatin1String("error_uri")).toString()};
    }
    QString summary() const // "invalid_grant: code expired"
    {
        return errorDescription.isEmpty() ? error : error + QStringLiteral(": ") + errorDescription;
    }
};

} // namespace Tokenscope
