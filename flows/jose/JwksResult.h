#pragma once

#include "JwkSet.h"
#include "common/Finding.h"
#include "http/Exchange.h"

#include <QList>
#include <QUrl>

namespace Tokenscope::Jose {

// What JwksCache answers for one key lookup: the key set to verify with, where it came from,
// the fetches this lookup made (each also an exchange in the client's transcript) and, when
// the keys could not be had, why.
struct JwksResult
{
    enum class Source
    {
        Cache,     // served from the cache, no request
        Fetched,   // fetched because nothing (or only an expired set) was cached
        Refetched, // fetched again because the token's kid was not in the cached set
        None,      // no keys: the fetch failed or was not allowed
    };
    enum class Problem
    {
        None,
        Transport,   // network, TLS, timeout, size cap (transportKind says which)
        HttpStatus,  // the server answered, but not 200
        InvalidSet,  // 200, but not a JWK Set
        RateLimited, // nothing usable cached and the last attempt was too recent
    };

    QUrl jwksUri;
    JwkSet keys; // the fresh set, or the cached one when a re-fetch was refused or failed
    Source source = Source::None;
    Problem problem = Problem::None;
    QString message; // translated, when problem != None
    Http::TransportErrorKind transportKind = Http::TransportErrorKind::None;
    QList<Http::Exchange> exchanges; // this lookup's fetch (redirect hops included), if any
    Findings findings;               // e.g. jwks_refetch_rate_limited, the set's own warnings

    bool ok() const { return problem == Problem::None; }
    static QString sourceName(Source source);    // "cache", "fetched", "refetched", "none"
    static QString problemName(Problem problem); // "none", "transport", "http_status", …
};

} // namespace Tokenscope::Jose
