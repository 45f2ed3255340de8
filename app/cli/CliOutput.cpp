#include "CliOutput.h"

#include "ExitCode.h"
#include "authcode/AuthorizationCodeFlow.h"
#include "common/OAuthErrorExplanation.h"
#include "http/ExchangeJson.h"
#include "http/Redactor.h"

#include <QCoreApplication>
#include <QJsonArray>
#include <QJsonDocument>

#include <cstdio>

namespace Tokenscope::Cli {

QJsonObject CliOutput::document() const
{
    QJsonArray exchanges;
    for (const auto &exchange : m_exchanges) {
        exchanges.append(Http::ExchangeJson::toJson(
            exchange,
            m_showSecrets ? Http::ExchangeJson::Secrets::Show : Http::ExchangeJson::Secrets::Hide));
    }
    QJsonObject document{
        {QStringLiteral("ok"), !m_failed},
        {QStringLiteral("flow"), m_flow},
        {QStringLiteral("result"), m_result.isEmpty() ? QJsonValue(QJsonValue::Null)
                                   : m_showSecrets    ? m_result
                                                      : Http::Redactor::redactJsonObject(m_result)},
        {QStringLiteral("exchanges"), exchanges},
    };
    if (!m_profile.isEmpty())
        document.insert(QStringLiteral("profile"), m_profile);
    if (m_failed) {
        QJsonObject error = m_error.details;
        error.insert(QStringLiteral("kind"), m_error.kind);
        error.insert(QStringLiteral("message"), m_error.message);
        error.insert(QStringLiteral("error"), m_error.error.isEmpty() ? QJsonValue(QJsonValue::Null)
                                                                      : QJsonValue(m_error.error));
        error.insert(QStringLiteral("error_description"),
                     m_error.errorDescription.isEmpty() ? QJsonValue(QJsonValue::Null)
                                                        : QJsonValue(m_error.errorDescription));
        error.insert(QStringLiteral("error_uri"), m_error.errorUri.isEmpty()
                                                      ? QJsonValue(QJsonValue::Null)
                                                      : QJsonValue(m_error.errorUri));
        // What the code usually means, beside the provider's own words.
        if (const QString explanation = explainOAuthError(m_error.error); !explanation.isEmpty())
            error.insert(QStringLiteral("explanation"), explanation);
        document.insert(QStringLiteral("error"), error);
    } else {
        document.insert(QStringLiteral("error"), QJsonValue::Null);
    }
    return document;
}

void CliOutput::print() const
{
    const QByteArray json =
        QJsonDocument(document())
            .toJson(m_compact ? QJsonDocument::Compact : QJsonDocument::Indented);
    std::fwrite(json.constData(), 1, size_t(json.size()), stdout);
    if (m_compact)
        std::fputc('\n', stdout);
    std::fflush(stdout);
    if (m_failed) {
        const QByteArray line = "tokenscope-cli: " + m_error.message.toUtf8() + '\n';
        std::fwrite(line.constData(), 1, size_t(line.size()), stderr);
        std::fflush(stderr);
    }
}

} // namespace Tokenscope::Cli

namespace Tokenscope::Cli {

int CliOutput::usageError(const QString &message, const QString &command)
{
    setError({QStringLiteral("usage"), message, {}, {}, {}, {}});
    print();
    const QByteArray hint =
        QCoreApplication::translate("tokenscope-cli", "Try 'tokenscope-cli %1 --help'.")
            .arg(command)
            .toUtf8() +
        '\n';
    std::fputs(hint.constData(), stderr);
    return ExitCode::Usage;
}

CliOutput::Error CliOutput::flowError(const AuthCode::FlowError &error)
{
    using AuthCode::FlowError;
    Error output{FlowError::kindName(error.kind), error.message,        error.oauth.error,
                 error.oauth.errorDescription,    error.oauth.errorUri, {}};
    if (!error.rule.isEmpty())
        output.details.insert(QStringLiteral("rule"), error.rule);
    if (error.transport != Http::TransportErrorKind::None)
        output.details.insert(QStringLiteral("transport"),
                              Http::transportErrorKindName(error.transport));
    return output;
}

int CliOutput::exitCodeFor(const AuthCode::FlowError &error)
{
    using Kind = AuthCode::FlowError::Kind;
    switch (error.kind) {
    case Kind::None:
        return ExitCode::Ok;
    case Kind::Usage:
        return ExitCode::Usage;
    case Kind::Validation:
        return ExitCode::ValidationFailed;
    case Kind::Provider:
        return ExitCode::ProviderError;
    case Kind::Transport:
    case Kind::Cancelled:
        return ExitCode::NetworkError;
    }
    return ExitCode::ProviderError;
}

} // namespace Tokenscope::Cli
