#include "JwksResult.h"

namespace Tokenscope::Jose {

QString JwksResult::sourceName(Source source)
{
    switch (source) {
    case Source::Cache:
        return QStringLiteral("cache");
    case Source::Fetched:
        return QStringLiteral("fetched");
    case Source::Refetched:
        return QStringLiteral("refetched");
    case Source::None:
        break;
    }
    return QStringLiteral("none");
}

QString JwksResult::problemName(Problem problem)
{
    switch (problem) {
    case Problem::None:
        break;
    case Problem::Transport:
        return QStringLiteral("transport");
    case Problem::HttpStatus:
        return QStringLiteral("http_status");
    case Problem::InvalidSet:
        return QStringLiteral("invalid_set");
    case Problem::RateLimited:
        return QStringLiteral("rate_limited");
    }
    return QStringLiteral("none");
}

} // namespace Tokenscope::Jose
