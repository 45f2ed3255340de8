#pragma once

#include "ClientAuthentication.h"

#include <QByteArray>
#include <QString>

namespace Tokenscope::ClientAuth {

// Who the client is and how it proves it: what a profile holds for one client.
struct ClientCredentials
{
    QString clientId;
    QByteArray secret; // client_secret_basic, client_secret_post, client_secret_jwt
    ClientAuthentication::Method method = ClientAuthentication::Method::None;
    // private_key_jwt: a PEM private key or a private JWK; alg empty: the key's first one.
    QByteArray privateKey;
    QString privateKeyAlg;
    QString privateKeyKid;
    qint64 assertionLifetimeSeconds = 60;
};

} // namespace Tokenscope::ClientAuth
