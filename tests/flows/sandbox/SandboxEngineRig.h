#pragma once

// Our own authorization code engine against the sandbox in this process: keys in a
// temporary directory, the provider and its server on 127.0.0.1, an HttpClient, and the
// discovered metadata. Shared by the engine tests (TestSandboxAuthCode, TestSandboxFaults).

#include "SandboxKeys.h"
#include "SandboxProvider.h"
#include "SandboxServer.h"
#include "authcode/AuthorizationRequest.h"
#include "clientauth/ClientAuthentication.h"
#include "common/Clock.h"
#include "common/RandomSource.h"
#include "discovery/ProviderMetadata.h"
#include "http/HttpClient.h"
#include "http/Transcript.h"
#include "support/Discover.h"

#include <QNetworkAccessManager>
#include <QTemporaryDir>

#include <memory>

struct SandboxEngineRig
{
    QTemporaryDir keyDir;
    Tokenscope::SystemClock clock;
    Tokenscope::SystemRandomSource random;
    Tokenscope::Sandbox::SandboxKeys keys;
    std::unique_ptr<Tokenscope::Sandbox::SandboxProvider> provider;
    std::unique_ptr<Tokenscope::Sandbox::SandboxServer> server;
    QNetworkAccessManager network;
    Tokenscope::Http::Transcript transcript;
    std::unique_ptr<Tokenscope::Http::HttpClient> http;
    Tokenscope::Discovery::ProviderMetadata metadata;

    // Starts the sandbox and discovers it; what failed, or empty.
    QString start()
    {
        QString error;
        if (!keys.load(keyDir.path(), &error))
            return error;
        provider = std::make_unique<Tokenscope::Sandbox::SandboxProvider>(clock, random, keys);
        server = std::make_unique<Tokenscope::Sandbox::SandboxServer>(*provider);
        if (!server->listen())
            return server->errorString();
        http = std::make_unique<Tokenscope::Http::HttpClient>(&network, &transcript, clock);
        const Tokenscope::Discovery::DiscoveryResult discovered =
            Tokenscope::Testing::discover(http.get(), server->issuer());
        if (!discovered.ok())
            return discovered.error.message;
        metadata = discovered.metadata;
        return {};
    }

    // Code + PKCE for the public client, the discovered endpoints, UserInfo called.
    Tokenscope::AuthCode::AuthorizationRequest baseRequest() const
    {
        Tokenscope::AuthCode::AuthorizationRequest r;
        r.issuer = metadata.issuer;
        r.authorizationEndpoint = metadata.endpoint(QStringLiteral("authorization_endpoint"));
        r.tokenEndpoint = metadata.endpoint(QStringLiteral("token_endpoint"));
        r.issParameterRequired = metadata.authorizationResponseIssParameterSupported;
        r.clientId = QStringLiteral("sandbox-public");
        r.authMethod = Tokenscope::ClientAuth::ClientAuthentication::Method::None;
        r.scope = QStringLiteral("openid profile email");
        r.jwksUri = metadata.endpoint(QStringLiteral("jwks_uri"));
        r.userinfoEndpoint = metadata.endpoint(QStringLiteral("userinfo_endpoint"));
        r.callUserinfo = true;
        return r;
    }
};
