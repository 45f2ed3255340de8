#include "DecodeCommand.h"

#include "CommandParser.h"
#include "ExitCode.h"
#include "common/Clock.h"
#include "http/HttpClient.h"
#include "http/PendingExchange.h"
#include "http/Transcript.h"
#include "jose/AccessTokenValidator.h"
#include "jose/IdTokenValidator.h"
#include "jose/JweDecryptor.h"
#include "jose/JwkSet.h"
#include "jose/JwsToken.h"
#include "jose/JwsVerifier.h"

#include <QCommandLineParser>
#include <QFile>
#include <QJsonArray>

#include <cstdio>

namespace Tokenscope::Cli {

DecodeCommand::DecodeCommand(QNetworkAccessManager *network, const Clock &clock, QObject *parent)
    : QObject(parent)
    , m_clock(clock)
    , m_transcript(new Http::Transcript(this))
    , m_http(new Http::HttpClient(network, m_transcript, clock, this))
{}

DecodeCommand::~DecodeCommand() = default;

QString DecodeCommand::summary()
{
    return tr("Decode a JWS (a JWT) and, given keys, verify its signature; check ID token or "
              "access token claims.");
}

int DecodeCommand::prepare(const QStringList &arguments)
{
    CommandParser command(QStringLiteral("decode"), summary(), m_output);
    QCommandLineParser &parser = command.parser();
    const QCommandLineOption jwks(
        QStringLiteral("jwks"),
        tr("The keys to verify with: a JWKS URL (fetched, and shown as an exchange) or a file "
           "holding a JWK Set."),
        tr("uri|file"));
    const QCommandLineOption alg(QStringLiteral("alg"),
                                 tr("An algorithm the signature may use (repeatable); others "
                                    "fail. Default: any except none."),
                                 tr("alg"));
    const QCommandLineOption issuer(QStringLiteral("issuer"), tr("ID token: the expected iss."),
                                    tr("issuer"));
    const QCommandLineOption audience(QStringLiteral("audience"),
                                      tr("ID token: the client_id that aud must contain."),
                                      tr("client_id"));
    const QCommandLineOption nonce(QStringLiteral("nonce"), tr("ID token: the nonce sent."),
                                   tr("nonce"));
    const QCommandLineOption maxAge(QStringLiteral("max-age"),
                                    tr("ID token: the max_age requested, in seconds."),
                                    tr("seconds"));
    const QCommandLineOption skew(QStringLiteral("skew"),
                                  tr("Clock skew allowed for exp, iat, nbf and auth_time "
                                     "(default 60 s)."),
                                  tr("seconds"), QStringLiteral("60"));
    const QCommandLineOption accessToken(
        QStringLiteral("access-token"),
        tr("Check the token as an OAuth access token: the JWT access token rules of RFC 9068 "
           "(also applied, without this option, to a token whose typ is at+jwt), or, for an "
           "opaque token, say so."));
    const QCommandLineOption resource(QStringLiteral("resource"),
                                      tr("Access token: the resource (audience) aud must contain."),
                                      tr("uri"));
    const QCommandLineOption clientId(QStringLiteral("client-id"),
                                      tr("Access token: the expected client_id claim."),
                                      tr("client_id"));
    const QCommandLineOption decryptKey(
        QStringLiteral("decrypt-key"),
        tr("A file holding the private JWK (or a JWK Set) to decrypt a JWE with; a nested JWT "
           "inside is then decoded as usual."),
        tr("file"));
    parser.addOption(jwks);
    parser.addOption(decryptKey);
    parser.addOption(alg);
    parser.addOptions({issuer, audience, nonce, maxAge, skew, accessToken, resource, clientId});
    parser.addPositionalArgument(QStringLiteral("TOKEN"),
                                 tr("The token, or - to read it from standard input."));
    Http::HttpOptions options;
    if (const int stop = command.parse(arguments, &options); stop >= 0)
        return stop;
    m_http->setOptions(options);
    auto usageError = [&command](const QString &message) {
        return command.usageError(message);
    };
    const QStringList positional = parser.positionalArguments();
    if (positional.size() != 2)
        return usageError(tr("decode takes one TOKEN (or - for standard input)"));
    if (positional.at(1) == QLatin1String("-")) {
        QFile in;
        if (!in.open(stdin, QIODevice::ReadOnly))
            return usageError(tr("cannot read standard input"));
        m_token = in.readAll().trimmed();
    } else {
        m_token = positional.at(1).toUtf8().trimmed();
    }
    m_jwks = parser.value(jwks);
    if (parser.isSet(decryptKey)) {
        QFile file(parser.value(decryptKey));
        if (!file.open(QIODevice::ReadOnly))
            return usageError(tr("--decrypt-key: cannot read “%1”").arg(parser.value(decryptKey)));
        m_decryptKeys = file.readAll();
        if (m_decryptKeys.isNull())
            m_decryptKeys = QByteArray(""); // an empty file: still "given"
    }
    m_issuer = parser.value(issuer);
    m_audience = parser.value(audience);
    m_nonce = parser.value(nonce);
    bool ok = true;
    if (parser.isSet(maxAge)) {
        m_maxAge = parser.value(maxAge).toLongLong(&ok);
        if (!ok || m_maxAge < 0)
            return usageError(
                tr("--max-age takes a number of seconds, not “%1”").arg(parser.value(maxAge)));
    }
    m_skew = parser.value(skew).toLongLong(&ok);
    if (!ok || m_skew < 0 || m_skew > 86400)
        return usageError(tr("--skew takes a number of seconds from 0 to 86400, not “%1”")
                              .arg(parser.value(skew)));
    m_validateClaims = parser.isSet(issuer) || parser.isSet(audience) || parser.isSet(nonce) ||
                       parser.isSet(maxAge);
    m_allowedAlgorithms = parser.values(alg);
    m_resource = parser.value(resource);
    m_clientId = parser.value(clientId);
    m_accessToken = parser.isSet(accessToken) || parser.isSet(resource) || parser.isSet(clientId);
    if (m_accessToken && (parser.isSet(audience) || parser.isSet(nonce) || parser.isSet(maxAge)))
        return usageError(tr("--audience, --nonce and --max-age are ID token options; an access "
                             "token takes --resource and --client-id"));
    if (m_accessToken)
        m_validateClaims = false; // --issuer then means the access token's issuer
    return -1;
}

void DecodeCommand::run()
{
    if (m_jwks.isEmpty()) {
        decode({});
        return;
    }
    const QUrl url(m_jwks, QUrl::StrictMode);
    if (url.scheme() == QLatin1String("https") || url.scheme() == QLatin1String("http")) {
        Http::PendingExchange *pending = m_http->send(Http::HttpRequest::get(url, tr("JWKS")));
        const auto onFinished = [this, pending] {
            pending->deleteLater();
            m_output.addExchanges(pending->hops());
            const Http::Exchange &exchange = pending->result();
            if (exchange.error.isError() || exchange.statusCode != 200) {
                const bool transport = exchange.error.isError();
                m_output.setError(
                    {transport ? QStringLiteral("transport") : QStringLiteral("http_status"),
                     transport ? exchange.error.message
                               : tr("HTTP %1 from %2")
                                     .arg(exchange.statusCode)
                                     .arg(exchange.url.toDisplayString()),
                     {},
                     {},
                     {},
                     {}});
                finish(transport ? ExitCode::NetworkError : ExitCode::ProviderError);
                return;
            }
            decode(exchange.responseBody);
        };
        if (pending->isFinished()) // refused before sending (an invalid URL)
            QMetaObject::invokeMethod(this, onFinished, Qt::QueuedConnection);
        else
            connect(pending, &Http::PendingExchange::finished, this, onFinished);
        return;
    }
    QFile file(m_jwks);
    if (!file.open(QIODevice::ReadOnly)) {
        m_output.setError(
            {QStringLiteral("usage"), tr("--jwks: cannot read “%1”").arg(m_jwks), {}, {}, {}, {}});
        finish(ExitCode::Usage);
        return;
    }
    decode(file.readAll());
}

Jose::AccessTokenExpectations DecodeCommand::accessTokenExpectations() const
{
    Jose::AccessTokenExpectations expected;
    expected.issuer = m_issuer;
    expected.resource = m_resource;
    expected.clientId = m_clientId;
    expected.now = m_clock.now();
    expected.skewSeconds = m_skew;
    return expected;
}

void DecodeCommand::decode(const QByteArray &jwks)
{
    Findings jweFindings;
    QJsonObject jwe; // the JWE around the token, when one was decrypted
    if (!m_decryptKeys.isNull() && m_token.count('.') == 4) {
        const Jose::JweDecryptor::Result decrypted =
            Jose::JweDecryptor::decrypt(m_token, m_decryptKeys);
        if (decrypted.isError()) {
            CliOutput::Error error{
                QStringLiteral("validation"), decrypted.error.message, {}, {}, {}, {}};
            error.details.insert(QStringLiteral("rule"),
                                 Jose::JoseError::kindName(decrypted.error.kind));
            m_output.setError(error);
            finish(ExitCode::ValidationFailed);
            return;
        }
        jweFindings = decrypted.findings;
        jwe.insert(QStringLiteral("header"), decrypted.header);
        jweFindings.prepend(Finding{QStringLiteral("jwe_decrypted"),
                                    Finding::Status::Pass,
                                    tr("The JWE decrypts and its tag verifies"),
                                    {},
                                    {},
                                    QStringLiteral("RFC 7516 §5.2")});
        const QByteArray inner = decrypted.plaintext.trimmed();
        if (Jose::JwsToken::parseCompact(inner).isError()) { // not a nested JWT
            QJsonArray validation;
            for (const Finding &finding : std::as_const(jweFindings))
                validation.append(finding.toJson());
            m_output.setResult({{QStringLiteral("format"), QStringLiteral("jwe")},
                                {QStringLiteral("jwe"), jwe},
                                {QStringLiteral("payload"), QString::fromUtf8(decrypted.plaintext)},
                                {QStringLiteral("validation"), validation}});
            finish(ExitCode::Ok);
            return;
        }
        m_token = inner; // a nested JWT (RFC 7519 §5.2): decoded and checked as any other
    }
    if (m_accessToken) {
        // An opaque or encrypted access token is not an error: it says what it is, and where
        // to ask (introspection).
        const Jose::AccessTokenReport report =
            Jose::AccessTokenValidator::inspect(m_token, accessTokenExpectations());
        if (report.format == Jose::AccessTokenReport::Format::Opaque ||
            report.format == Jose::AccessTokenReport::Format::Jwe) {
            QJsonArray validation;
            for (const Finding &finding : report.findings)
                validation.append(finding.toJson());
            m_output.setResult(
                {{QStringLiteral("token_type"), QStringLiteral("access_token")},
                 {QStringLiteral("format"), Jose::AccessTokenReport::formatName(report.format)},
                 {QStringLiteral("validation"), validation}});
            finish(ExitCode::Ok);
            return;
        }
    }
    const auto parsed = Jose::JwsToken::parseCompact(m_token);
    if (parsed.isError()) {
        CliOutput::Error error{QStringLiteral("validation"), parsed.error.message, {}, {}, {}, {}};
        error.details.insert(QStringLiteral("rule"), Jose::JoseError::kindName(parsed.error.kind));
        m_output.setError(error);
        finish(ExitCode::ValidationFailed);
        return;
    }
    const Jose::JwsToken &token = parsed.token();
    const bool accessToken =
        m_accessToken ||
        (!m_validateClaims && Jose::AccessTokenValidator::isAccessTokenType(
                                  token.header().value(QLatin1String("typ")).toString()));
    QJsonObject result{{QStringLiteral("header"), token.header()}};
    result.insert(QStringLiteral("format"), QStringLiteral("jwt"));
    result.insert(QStringLiteral("token_type"), accessToken        ? QStringLiteral("access_token")
                                                : m_validateClaims ? QStringLiteral("id_token")
                                                                   : QStringLiteral("jwt"));
    if (token.payloadIsJsonObject())
        result.insert(QStringLiteral("claims"), token.payloadObject());
    else
        result.insert(QStringLiteral("payload"), QString::fromUtf8(token.payload()));

    QJsonArray validation;
    if (!jwe.isEmpty())
        result.insert(QStringLiteral("jwe"), jwe);
    for (const Finding &finding : std::as_const(jweFindings))
        validation.append(finding.toJson());
    QJsonObject signature{{QStringLiteral("alg"), token.header().value(QLatin1String("alg"))}};
    int exitCode = ExitCode::Ok;
    if (jwks.isNull()) {
        signature.insert(QStringLiteral("status"), QStringLiteral("not_checked"));
        validation.append(Finding{QStringLiteral("signature_verified"),
                                  Finding::Status::Warn,
                                  tr("No keys were given (--jwks): the signature is not checked"),
                                  {},
                                  {},
                                  QStringLiteral("RFC 7515 §5.2")}
                              .toJson());
    } else {
        const Jose::JwkSet set = Jose::JwkSet::fromJson(jwks);
        for (const Finding &warning : set.warnings)
            validation.append(warning.toJson());
        if (set.isError()) {
            CliOutput::Error error{QStringLiteral("jwks"), set.error.message, {}, {}, {}, {}};
            error.details.insert(QStringLiteral("rule"), Jose::JoseError::kindName(set.error.kind));
            m_output.setError(error);
            m_output.setResult(result);
            finish(ExitCode::ProviderError);
            return;
        }
        Jose::JwsVerifyOptions options;
        options.allowedAlgorithms = m_allowedAlgorithms;
        const Jose::JwsVerifyResult verified = Jose::JwsVerifier::verify(token, set, options);
        for (const Finding &finding : verified.findings)
            validation.append(finding.toJson());
        signature.insert(QStringLiteral("status"),
                         Jose::JwsVerifyResult::statusName(verified.status));
        if (verified.isVerified()) {
            signature.insert(QStringLiteral("kid"), verified.key.kid());
            signature.insert(QStringLiteral("kty"), verified.key.kty());
            signature.insert(QStringLiteral("thumbprint"), verified.key.thumbprint());
        } else {
            signature.insert(QStringLiteral("error"),
                             Jose::JoseError::kindName(verified.error.kind));
            CliOutput::Error error{
                QStringLiteral("validation"), verified.error.message, {}, {}, {}, {}};
            error.details.insert(QStringLiteral("rule"),
                                 Jose::JoseError::kindName(verified.error.kind));
            m_output.setError(error);
            exitCode = ExitCode::ValidationFailed;
        }
        validation.append(
            Finding{QStringLiteral("signature_verified"),
                    verified.isVerified() ? Finding::Status::Pass : Finding::Status::Fail,
                    verified.isVerified()
                        ? tr("The signature verifies with key %1")
                              .arg(verified.key.kid().isEmpty() ? verified.key.thumbprint()
                                                                : verified.key.kid())
                        : verified.error.message,
                    {},
                    {},
                    QStringLiteral("RFC 7515 §5.2")}
                .toJson());
    }
    const auto failOn = [&](const Findings &findings) {
        const auto failed = std::find_if(findings.cbegin(), findings.cend(), [](const Finding &f) {
            return f.status == Finding::Status::Fail;
        });
        if (failed != findings.cend() && exitCode == ExitCode::Ok) {
            CliOutput::Error error{QStringLiteral("validation"), failed->message, {}, {}, {}, {}};
            error.details.insert(QStringLiteral("rule"), failed->rule);
            error.details.insert(QStringLiteral("expected"), failed->expected);
            error.details.insert(QStringLiteral("actual"), failed->actual);
            m_output.setError(error);
            exitCode = ExitCode::ValidationFailed;
        }
    };
    if (accessToken) {
        const Findings claims =
            Jose::AccessTokenValidator::validate(token, accessTokenExpectations());
        for (const Finding &finding : claims)
            validation.append(finding.toJson());
        failOn(claims);
    }
    if (m_validateClaims) {
        Jose::IdTokenExpectations expected;
        expected.issuer = m_issuer;
        expected.clientId = m_audience;
        expected.nonce = m_nonce;
        expected.maxAge = m_maxAge;
        expected.alg = token.header().value(QLatin1String("alg")).toString();
        expected.now = m_clock.now();
        expected.skewSeconds = m_skew;
        const Findings claims = Jose::IdTokenValidator::validateHeader(token.header()) +
                                Jose::IdTokenValidator::validate(token.payloadObject(), expected);
        for (const Finding &finding : claims)
            validation.append(finding.toJson());
        failOn(claims);
    }
    result.insert(QStringLiteral("signature"), signature);
    result.insert(QStringLiteral("validation"), validation);
    m_output.setResult(result);
    finish(exitCode);
}

void DecodeCommand::finish(int exitCode)
{
    m_output.print();
    emit finished(exitCode);
}

} // namespace Tokenscope::Cli
