#include "Finding.h"

namespace Tokenscope {

QString Finding::statusName(Status status)
{
    switch (status) {
    case Status::Pass:
        return QStringLiteral("pass");
    case Status::Warn:
        return QStringLiteral("warn");
    case Status::Fail:
        return QStringLiteral("fail");
    }
    return QStringLiteral("fail");
}

QJsonObject Finding::toJson() const
{
    QJsonObject object{{QStringLiteral("rule"), rule},
                       {QStringLiteral("status"), statusName(status)},
                       {QStringLiteral("message"), message},
                       {QStringLiteral("spec"), spec}};
    if (!expected.isEmpty() || !actual.isEmpty()) {
        object.insert(QStringLiteral("expected"), expected);
        object.insert(QStringLiteral("actual"), actual);
    }
    if (!subject.isEmpty())
        object.insert(QStringLiteral("subject"), subject);
    return object;
}

} // namespace Tokenscope
