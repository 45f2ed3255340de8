#pragma once

// The services main.cpp builds, for widget tests: a network manager, a clock, the
// transcript, the HTTP client and discovery, owned together and destroyed in order.

#include "common/Clock.h"
#include "common/RandomSource.h"
#include "discovery/DiscoveryClient.h"
#include "http/HttpClient.h"
#include "http/Transcript.h"
#include "support/LoopbackServer.h"

#include <QNetworkAccessManager>
#include <QObject>
#include <QTest>

#include <memory>

struct UiSession
{
    QNetworkAccessManager network;
    Tokenscope::SystemClock clock;
    Tokenscope::SystemRandomSource random;
    Tokenscope::Http::Transcript transcript;
    Tokenscope::Http::HttpClient http{&network, &transcript, clock};
    Tokenscope::Discovery::DiscoveryClient discovery{&http};
};

// "http://127.0.0.1:PORT": an issuer the server at that port can serve metadata for.
inline QByteArray issuerOf(const Tokenscope::Testing::LoopbackServer &server)
{
    return "http://127.0.0.1:" + QByteArray::number(server.serverPort());
}

inline QByteArray discoveryDocument(const QByteArray &issuer)
{
    return R"({"issuer":")" + issuer + R"(","authorization_endpoint":")" + issuer +
           R"(/authorize","token_endpoint":")" + issuer + R"(/token","jwks_uri":")" + issuer +
           R"(/jwks","response_types_supported":["code"],"subject_types_supported":["public"],)" +
           R"("id_token_signing_alg_values_supported":["RS256"],)" +
           R"("code_challenge_methods_supported":["S256"]})";
}

// A child widget by object name and type; fails the test when missing.
template<typename T>
T *childNamed(const QObject *parent, const char *name)
{
    T *child = parent->findChild<T *>(QString::fromLatin1(name));
    if (!child)
        qWarning("no child %s of the expected type", name);
    return child;
}

// Serves discoveryDocument(issuerOf(server)) at /.well-known/openid-configuration and a
// JSON 404 everywhere else.
inline void serveDiscovery(Tokenscope::Testing::LoopbackServer &server)
{
    using Tokenscope::Testing::LoopbackServer;
    server.setHandler(
        [&server](const Tokenscope::Testing::ReceivedRequest &request, QTcpSocket *socket) {
            if (request.target == "/.well-known/openid-configuration")
                LoopbackServer::respondJson(socket, 200, discoveryDocument(issuerOf(server)));
            else
                LoopbackServer::respondJson(socket, 404, R"({"error":"not_found"})");
        });
}
