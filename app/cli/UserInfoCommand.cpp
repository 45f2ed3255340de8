#include "UserInfoCommand.h"

#include <QCommandLineParser>
#include <QFile>

namespace Tokenscope::Cli {

UserInfoCommand::UserInfoCommand(QNetworkAccessManager *network, const Clock &clock,
                                 RandomSource &random, QObject *parent)
    : ProviderCommand(QStringLiteral("userinfo"), network, clock, random, parent)
    , m_userinfo(new Endpoints::UserInfoClient(m_http, nullptr, this))
{
    connect(m_userinfo, &Endpoints::UserInfoClient::finished, this,
            [this](const Endpoints::UserInfoResult &result) {
                QJsonObject object{{QStringLiteral("http_status"), result.httpStatus},
                                   {QStringLiteral("signed"), result.signedAnswer},
                                   {QStringLiteral("encrypted"), result.encryptedAnswer}};
                if (!result.claims.isEmpty())
                    object.insert(QStringLiteral("claims"), result.claims);
                if (!result.jwt.isEmpty())
                    object.insert(QStringLiteral("jwt"), result.jwt);
                if (!result.challenge.scheme.isEmpty()) {
                    QJsonObject challenge{{QStringLiteral("scheme"), result.challenge.scheme}};
                    for (const auto &[name, value] : result.challenge.parameters)
                        challenge.insert(name, value);
                    object.insert(QStringLiteral("www_authenticate"), challenge);
                }
                finishWith(object, result.checks, result.exchanges, result.error);
            });
}

UserInfoCommand::~UserInfoCommand() = default;

QString UserInfoCommand::summary()
{
    return tr("Call the UserInfo endpoint with an access token; check a signed answer and its "
              "sub against an ID token.");
}

QStringList UserInfoCommand::endpointNames() const
{
    return {QStringLiteral("userinfo_endpoint")};
}

void UserInfoCommand::addOptions(QCommandLineParser &parser)
{
    parser.addOption(QCommandLineOption(QStringLiteral("access-token"),
                                        tr("The access token (required)."), tr("token")));
    parser.addOption(QCommandLineOption(QStringLiteral("id-token"),
                                        tr("An ID token whose sub the answer must equal."),
                                        tr("token")));
    parser.addOption(QCommandLineOption(QStringLiteral("method"),
                                        tr("get (GET with Authorization: Bearer, the default), "
                                           "post (POST with the token in the form body) or "
                                           "post-header (POST with Authorization: Bearer and "
                                           "an empty body)."),
                                        tr("method"), QStringLiteral("get")));
    parser.addOption(
        QCommandLineOption(QStringLiteral("accept"), tr("The Accept header to send."), tr("type")));
    parser.addOption(QCommandLineOption(
        QStringLiteral("decryption-key"),
        tr("A private JWK or JWK Set file for an encrypted answer."), tr("file")));
}

QString UserInfoCommand::readOptions(const QCommandLineParser &parser)
{
    if (parser.positionalArguments().size() > 1)
        return tr("userinfo takes no positional argument; unexpected “%1”")
            .arg(parser.positionalArguments().at(1));
    m_request.accessToken = parser.value(QStringLiteral("access-token"));
    if (m_request.accessToken.isEmpty())
        return tr("userinfo needs --access-token");
    m_request.idToken = parser.value(QStringLiteral("id-token"));
    const QString method = parser.value(QStringLiteral("method"));
    if (method == QLatin1String("post"))
        m_request.method = Endpoints::UserInfoRequest::Method::PostForm;
    else if (method == QLatin1String("post-header"))
        m_request.method = Endpoints::UserInfoRequest::Method::PostBearer;
    else if (method != QLatin1String("get"))
        return tr("--method takes get, post or post-header, not “%1”").arg(method);
    m_request.accept = parser.value(QStringLiteral("accept")).toUtf8();
    if (parser.isSet(QStringLiteral("decryption-key"))) {
        QFile file(parser.value(QStringLiteral("decryption-key")));
        if (!file.open(QIODevice::ReadOnly))
            return tr("--decryption-key: cannot read “%1”").arg(file.fileName());
        m_request.decryptionKeys = file.readAll();
    }
    return {};
}

void UserInfoCommand::act()
{
    m_request.endpoint = endpoint(QStringLiteral("userinfo_endpoint"));
    m_request.issuer = m_issuer;
    m_request.clientId = m_client.clientId;
    m_request.jwksUri = m_jwksUri;
    m_userinfo->fetch(m_request);
}

} // namespace Tokenscope::Cli
