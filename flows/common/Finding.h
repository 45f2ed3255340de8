#pragma once

#include <QJsonObject>
#include <QList>
#include <QString>

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

    QString rule; // stable identifier, e.g. "issuer_matches"
    Status status = Status::Pass;
    QString message; // translated explanation
    QString expected;
    QString actual;
    QString spec; // "RFC 8414 §3.3"

    static QString statusName(Status status); // "pass", "warn", "fail"
    QJsonObject toJson() const;
};

using Findings = QList<Finding>;

} // namespace Tokenscope
