#pragma once

#include <QJsonObject>
#include <QList>
#include <QString>

#include <utility>

namespace Tokenscope {

// One rule that was checked, with its outcome: what the UI lists under "validation" and
// the CLI prints as {"rule", "status", "expected", "actual", "spec", "message"}.
struct Finding
{
    enum class Status
    {
        Pass,
        Warn,
        Fail
    };

    Finding() = default;
    Finding(QString rule, Status status, QString message, QString expected = QString(),
            QString actual = QString(), QString spec = QString(), QString subject = QString())
        : rule(std::move(rule))
        , status(status)
        , message(std::move(message))
        , expected(std::move(expected))
        , actual(std::move(actual))
        , spec(std::move(spec))
        , subject(std::move(subject))
    {}

    QString rule; // stable identifier, e.g. "issuer_matches"
    Status status = Status::Pass;
    QString message; // translated explanation
    QString expected;
    QString actual;
    QString spec; // "RFC 8414 §3.3"
    // What was checked when a flow checks the same rules twice, e.g. "id_token
    // (authorization response)"; empty otherwise. Printed as "subject" when set.
    QString subject;

    static QString statusName(Status status); // "pass", "warn", "fail"
    QJsonObject toJson() const;
};

using Findings = QList<Finding>;

} // namespace Tokenscope
