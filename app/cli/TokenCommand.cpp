#include "TokenCommand.h"

#include "authcode/IdTokenCheck.h"

#include <QCommandLineParser>
#include <QFile>

namespace Tokenscope::Cli {

namespace {
enum Option
{
    Grant,
    RefreshToken,
    IdToken,
    Username,
    PasswordEnv,
    SubjectToken,
    SubjectTokenType,
    ActorToken,
    ActorTokenType,
    Audience,
    RequestedTokenType,
    Assertion,
    AssertionKey,
    AssertionAlg,
    AssertionKid,
    AssertionIssuer,
    AssertionSubject,
    AssertionAudience,
    AssertionLifetime,
};
} // namespace

TokenCommand::TokenCommand(QNetworkAccessManager *network, const Clock &clock, RandomSource &random,
                           QObject *parent)
    : ProviderCommand(QStringLiteral("token"), network, clock, random, parent)
    , m_flow(new Grants::TokenGrantFlow(m_http, random, nullptr, this))
{
    connect(m_flow, &Grants::TokenGrantFlow::finished, this, &TokenCommand::onFinished);
}

TokenCommand::~TokenCommand() = default;

QString TokenCommand::summary()
{
    return tr("Request tokens with a grant that needs no browser: client_credentials, password, "
              "refresh_token, token_exchange, jwt_bearer, saml2_bearer or any grant_type.");
}

QStringList TokenCommand::endpointNames() const
{
    return {QStringLiteral("token_endpoint")};
}

void TokenCommand::addOptions(QCommandLineParser &parser)
{
    auto add = [this, &parser](const char *name, const QString &description, const QString &value) {
        m_options.append(QCommandLineOption(QString::fromLatin1(name), description, value));
        parser.addOption(m_options.constLast());
    };
    add("grant",
        tr("client_credentials, password, refresh_token, token_exchange, jwt_bearer, "
           "saml2_bearer, or a grant_type URI."),
        tr("grant"));
    add("refresh-token", tr("refresh_token: the refresh token."), tr("token"));
    add("id-token",
        tr("refresh_token: the ID token that came with it (a new one must keep its sub)."),
        tr("token"));
    add("username", tr("password: the resource owner's username."), tr("name"));
    add("password-env", tr("password: read the password from this environment variable."),
        tr("var"));
    add("subject-token", tr("token_exchange: the subject_token."), tr("token"));
    add("subject-token-type",
        tr("token_exchange: its type URI (default urn:ietf:params:oauth:token-type:access_token)."),
        tr("urn"));
    add("actor-token", tr("token_exchange: the actor_token."), tr("token"));
    add("actor-token-type", tr("token_exchange: its type URI."), tr("urn"));
    add("audience", tr("token_exchange: the audience."), tr("value"));
    add("requested-token-type", tr("token_exchange: the requested_token_type."), tr("urn"));
    add("assertion",
        tr("jwt_bearer, saml2_bearer: the assertion (SAML XML is base64url-encoded here)."),
        tr("assertion"));
    add("assertion-key", tr("jwt_bearer: sign an assertion with this key (PEM or JWK file)."),
        tr("file"));
    add("assertion-alg", tr("jwt_bearer: the signing alg (default: the key's first)."), tr("alg"));
    add("assertion-kid", tr("jwt_bearer: the kid header."), tr("kid"));
    add("assertion-iss", tr("jwt_bearer: iss (default: the client_id)."), tr("value"));
    add("assertion-sub", tr("jwt_bearer: sub (default: iss)."), tr("value"));
    add("assertion-aud", tr("jwt_bearer: aud (default: the token endpoint)."), tr("value"));
    add("assertion-lifetime", tr("jwt_bearer: seconds until exp (default 300)."), tr("seconds"));
}

QString TokenCommand::readOptions(const QCommandLineParser &parser)
{
    auto value = [this, &parser](Option o) {
        return parser.value(m_options.at(o));
    };
    if (!parser.isSet(m_options.at(Grant)))
        return tr("token needs --grant");
    if (!Grants::TokenGrantRequest::parseGrant(value(Grant), &m_request.grant,
                                               &m_request.customGrantType))
        return tr("--grant takes %1 or a grant_type URI, not “%2”")
            .arg(Grants::TokenGrantRequest::grantNames().join(QStringLiteral(", ")), value(Grant));
    m_request.refreshToken = value(RefreshToken);
    if (m_request.refreshToken.isEmpty()) // --profile: the refresh token it keeps
        m_request.refreshToken =
            QString::fromUtf8(profileSecret(Profiles::SecretKind::RefreshToken));
    m_request.previousIdToken = value(IdToken);
    m_request.username = value(Username);
    if (parser.isSet(m_options.at(PasswordEnv))) {
        const QByteArray name = value(PasswordEnv).toLocal8Bit();
        if (!qEnvironmentVariableIsSet(name.constData()))
            return tr("--password-env: the variable %1 is not set").arg(value(PasswordEnv));
        m_request.password = qgetenv(name.constData());
    } else { // --profile: the resource owner's password from the keychain
        m_request.password = profileSecret(Profiles::SecretKind::Password);
    }
    m_request.subjectToken = value(SubjectToken);
    if (parser.isSet(m_options.at(SubjectTokenType)))
        m_request.subjectTokenType = value(SubjectTokenType);
    m_request.actorToken = value(ActorToken);
    m_request.actorTokenType = value(ActorTokenType);
    m_request.audience = value(Audience);
    m_request.requestedTokenType = value(RequestedTokenType);
    m_request.assertion = value(Assertion);
    if (parser.isSet(m_options.at(AssertionKey))) {
        QFile file(value(AssertionKey));
        if (!file.open(QIODevice::ReadOnly))
            return tr("--assertion-key: cannot read “%1”").arg(file.fileName());
        m_request.signAssertion.key = file.readAll();
    }
    m_request.signAssertion.alg = value(AssertionAlg);
    m_request.signAssertion.kid = value(AssertionKid);
    m_request.signAssertion.issuer = value(AssertionIssuer);
    m_request.signAssertion.subject = value(AssertionSubject);
    m_request.signAssertion.audience = value(AssertionAudience);
    if (parser.isSet(m_options.at(AssertionLifetime))) {
        bool ok = false;
        m_request.signAssertion.lifetimeSeconds = value(AssertionLifetime).toLongLong(&ok);
        if (!ok || m_request.signAssertion.lifetimeSeconds <= 0)
            return tr("--assertion-lifetime takes a positive number of seconds");
    }
    return {};
}

void TokenCommand::act()
{
    m_request.tokenEndpoint = endpoint(QStringLiteral("token_endpoint"));
    m_request.client = m_client;
    m_request.scope = m_scope;
    m_request.resources = m_resources;
    m_request.extraParameters = m_parameters;
    m_request.issuer = m_issuer;
    m_request.jwksUri = m_jwksUri;
    m_flow->start(m_request);
}

void TokenCommand::onFinished(const Grants::GrantResult &result)
{
    QJsonObject object{
        {QStringLiteral("grant"), Grants::TokenGrantRequest::grantName(result.grant)},
        {QStringLiteral("grant_type"), result.grantType},
    };
    if (!result.tokens.raw.isEmpty())
        object.insert(QStringLiteral("tokens"), result.tokens.raw);
    const QJsonObject claims = AuthCode::IdTokenCheck::claims(result.tokens.idToken);
    if (!claims.isEmpty())
        object.insert(QStringLiteral("claims"), claims);
    if (!result.builtAssertion.isEmpty())
        object.insert(QStringLiteral("assertion"), result.builtAssertion);
    if (result.grant == Grants::GrantType::RefreshToken && result.tokens.ok)
        object.insert(
            QStringLiteral("refresh"),
            QJsonObject{{QStringLiteral("rotated"), result.rotated},
                        {QStringLiteral("previous_refresh_token"), result.previousRefreshToken},
                        {QStringLiteral("refresh_token"), result.currentRefreshToken}});
    finishWith(object, result.checks, result.exchanges, result.error);
}

} // namespace Tokenscope::Cli
