#pragma once

#include <QCoreApplication>
#include <QList>
#include <QUrl>

#include <optional>

namespace Tokenscope::Discovery {

// Where metadata lives for an issuer, as pure functions over URLs.
class WellKnown final
{
    Q_DECLARE_TR_FUNCTIONS(Tokenscope::Discovery::WellKnown)

public:
    enum class Kind
    {
        OpenIdConfiguration,
        OAuthAuthorizationServer
    };
    enum class Mode
    {
        Auto,
        OpenIdOnly,
        OAuthOnly
    };

    struct Candidate
    {
        QUrl url;
        Kind kind = Kind::OpenIdConfiguration;
        QString form; // "append" (OIDC Discovery §4) or "insert" (RFC 8414 §3)
    };

    // The URLs to try, in order: OpenID Connect Discovery (issuer + /.well-known/…),
    // RFC 8414 (/.well-known/… inserted before the issuer's path), and for issuers with
    // a path the OpenID name in RFC 8414's inserted form (RFC 8414 §5).
    static QList<Candidate> candidates(const QUrl &issuer, Mode mode = Mode::Auto);

    // When the user pasted a metadata URL rather than an issuer: the issuer it implies
    // and the one candidate to fetch.
    struct Pasted
    {
        QUrl issuer;
        Candidate candidate;
    };
    static std::optional<Pasted> fromMetadataUrl(const QUrl &url);

    // Parses what the user typed. Returns an error message (translated) or an empty
    // string; `issuer` receives the parsed URL.
    static QString parseIssuer(const QString &text, QUrl *issuer);

    static QString kindName(Kind kind); // "openid-configuration", "oauth-authorization-server"
    static bool isLoopback(const QUrl &url);
};

} // namespace Tokenscope::Discovery
