#include "ClientAuthentication.h"

#include <QUrl>

namespace Tokenscope::ClientAuth {

static QByteArray formEncode(const QByteArray &value)
{
    // Unreserved characters stay, a space becomes '+', the rest %XX (HTML form encoding).
    QByteArray encoded = QUrl::toPercentEncoding(QString::fromUtf8(value), " ");
    encoded.replace(' ', '+');
    return encoded;
}

QByteArray ClientAuthentication::basicCredentials(const QString &clientId, const QByteArray &secret)
{
    return "Basic " +
           QByteArray(formEncode(clientId.toUtf8()) + ':' + formEncode(secret)).toBase64();
}

QByteArray ClientAuthentication::encodeForm(const FormFields &form)
{
    QByteArray body;
    for (const auto &[name, value] : form) {
        if (!body.isEmpty())
            body += '&';
        body += formEncode(name) + '=' + formEncode(value);
    }
    return body;
}

void ClientAuthentication::apply(Method method, const QString &clientId, const QByteArray &secret,
                                 FormFields *form, Http::HeaderList *headers)
{
    switch (method) {
    case Method::ClientSecretBasic:
        headers->append({QByteArrayLiteral("Authorization"), basicCredentials(clientId, secret)});
        break;
    case Method::ClientSecretPost:
        form->append({QByteArrayLiteral("client_id"), clientId.toUtf8()});
        form->append({QByteArrayLiteral("client_secret"), secret});
        break;
    case Method::None:
        form->append({QByteArrayLiteral("client_id"), clientId.toUtf8()});
        break;
    }
}

QString ClientAuthentication::methodName(Method method)
{
    switch (method) {
    case Method::ClientSecretBasic:
        return QStringLiteral("client_secret_basic");
    case Method::ClientSecretPost:
        return QStringLiteral("client_secret_post");
    case Method::None:
        return QStringLiteral("none");
    }
    return QStringLiteral("none");
}

bool ClientAuthentication::parseMethod(const QString &name, Method *method)
{
    for (const Method m : {Method::ClientSecretBasic, Method::ClientSecretPost, Method::None}) {
        if (name == methodName(m)) {
            *method = m;
            return true;
        }
    }
    return false;
}

} // namespace Tokenscope::ClientAuth
