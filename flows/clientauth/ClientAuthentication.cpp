#include "ClientAuthentication.h"

#include "ClientCredentials.h"
#include "JwtAssertion.h"

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
    case Method::ClientSecretJwt: // without a clock: see the ClientCredentials overload
    case Method::PrivateKeyJwt:
        form->append({QByteArrayLiteral("client_id"), clientId.toUtf8()});
        break;
    }
}

QString ClientAuthentication::apply(const ClientCredentials &client, const QUrl &audience,
                                    const Clock &clock, RandomSource &random, FormFields *form,
                                    Http::HeaderList *headers)
{
    if (client.method == Method::None && client.clientId.isEmpty())
        return {}; // an anonymous request (a grant whose assertion names the client)
    if (client.method != Method::ClientSecretJwt && client.method != Method::PrivateKeyJwt) {
        apply(client.method, client.clientId, client.secret, form, headers);
        return {};
    }
    JwtAssertion::Spec spec;
    spec.isSecret = client.method == Method::ClientSecretJwt;
    spec.key = spec.isSecret ? client.secret : client.privateKey;
    spec.alg = spec.isSecret ? QStringLiteral("HS256") : client.privateKeyAlg;
    spec.kid = spec.isSecret ? QString() : client.privateKeyKid;
    spec.issuer = client.clientId;
    spec.subject = client.clientId;
    spec.audience = audience.toString(QUrl::FullyEncoded);
    spec.lifetimeSeconds = client.assertionLifetimeSeconds;
    const JwtAssertion::Result assertion = JwtAssertion::build(spec, clock, random);
    if (assertion.isError())
        return tr("%1: %2").arg(methodName(client.method), assertion.error);
    form->append({QByteArrayLiteral("client_id"), client.clientId.toUtf8()});
    form->append({QByteArrayLiteral("client_assertion_type"),
                  QByteArrayLiteral("urn:ietf:params:oauth:client-assertion-type:jwt-bearer")});
    form->append({QByteArrayLiteral("client_assertion"), assertion.compact});
    return {};
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
    case Method::ClientSecretJwt:
        return QStringLiteral("client_secret_jwt");
    case Method::PrivateKeyJwt:
        return QStringLiteral("private_key_jwt");
    }
    return QStringLiteral("none");
}

bool ClientAuthentication::parseMethod(const QString &name, Method *method)
{
    for (const Method m : {Method::ClientSecretBasic, Method::ClientSecretPost, Method::None,
                           Method::ClientSecretJwt, Method::PrivateKeyJwt}) {
        if (name == methodName(m)) {
            *method = m;
            return true;
        }
    }
    return false;
}

} // namespace Tokenscope::ClientAuth
