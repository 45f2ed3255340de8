#pragma once

#include "http/Exchange.h"

namespace Tokenscope::AuthCode {
struct FlowError;
}

#include <QJsonObject>
#include <QList>
#include <QString>

namespace Tokenscope::Cli {

// The one JSON document every command prints on stdout:
// {"ok", "flow", "result", "error", "exchanges"}; secrets masked unless asked.
class CliOutput final
{
public:
    struct Error
    {
        QString kind;    // our own kind, e.g. "transport", "issuer_mismatch"
        QString message; // one line, also written to stderr
        QString error;   // RFC 6749 §5.2 fields, when the provider sent them
        QString errorDescription;
        QString errorUri;
        QJsonObject details; // extra members merged into "error"
    };

    // The document's "error" for a flow's error (with "rule" and "transport" when they
    // apply), and the CLI contract's exit code for it.
    static Error flowError(const AuthCode::FlowError &error);
    static int exitCodeFor(const AuthCode::FlowError &error);

    explicit CliOutput(QString flow)
        : m_flow(std::move(flow))
    {}

    void setShowSecrets(bool show) { m_showSecrets = show; }
    void setCompact(bool compact) { m_compact = compact; }
    void setResult(const QJsonObject &result) { m_result = result; }
    void setError(const Error &error)
    {
        m_error = error;
        m_failed = true;
    }
    // The saved profile a command used (--profile): a "profile" member of the document.
    void setProfile(const QJsonObject &profile) { m_profile = profile; }
    void addExchanges(const QList<Http::Exchange> &exchanges) { m_exchanges.append(exchanges); }

    QJsonObject document() const;
    // Prints the document on stdout and, on error, "tokenscope-cli: MESSAGE" on stderr.
    void print() const;
    // A usage error: the document, the message, a pointer to the command's help; returns
    // the usage exit code.
    int usageError(const QString &message, const QString &command);

private:
    QString m_flow;
    QJsonObject m_result;
    QJsonObject m_profile;
    Error m_error;
    bool m_failed = false;
    bool m_showSecrets = false;
    bool m_compact = false;
    QList<Http::Exchange> m_exchanges;
};

} // namespace Tokenscope::Cli
