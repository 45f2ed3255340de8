#pragma once

#include "JwksResult.h"
#include "JwsToken.h"
#include "JwsVerifyOptions.h"
#include "JwsVerifyResult.h"

#include <QDateTime>
#include <QHash>
#include <QObject>
#include <QPointer>

#include <functional>

namespace Tokenscope {
class Clock;
namespace Http {
class HttpClient;
class PendingExchange;
} // namespace Http
} // namespace Tokenscope

namespace Tokenscope::Jose {

// Key sets by jwks_uri, fetched through the HttpClient (so every fetch is an exchange in its
// transcript), kept, and fetched again:
// - when nothing is cached, or the cached set is older than maximumAge();
// - once when a token names a kid the cached set lacks (the provider rotated its keys),
//   but never more often than once per refetchInterval() per URI, whatever the tokens
//   say: a stream of tokens with made-up kids costs the provider one request per interval.
// Lookups for a URI whose fetch is in flight wait for that fetch (one request for all).
// Results are always delivered from the event loop, never from inside the call.
class JwksCache final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(JwksCache)

public:
    using KeysCallback = std::function<void(const JwksResult &)>;
    using VerifyCallback = std::function<void(const JwsVerifyResult &, const JwksResult &)>;

    static constexpr qint64 DefaultRefetchIntervalSeconds = 60;
    static constexpr qint64 DefaultMaximumAgeSeconds = 24 * 60 * 60;

    JwksCache(Http::HttpClient *http, const Clock &clock, QObject *parent = nullptr);
    ~JwksCache() override;

    // At most one fetch per URI per this many seconds (the first fetch is always allowed).
    void setRefetchInterval(qint64 seconds);
    qint64 refetchInterval() const { return m_refetchInterval; }
    // A cached set older than this is fetched again (rate limit permitting).
    void setMaximumAge(qint64 seconds);
    qint64 maximumAge() const { return m_maximumAge; }

    // The key set for `jwksUri`, able to verify a token with `kid` if the provider has it
    // (empty kid: any set will do). `done` is called once, later, unless `context` (when
    // given) has been destroyed by then.
    void keys(const QUrl &jwksUri, const QString &kid, QObject *context, KeysCallback done);
    // keys() for the token's kid, then JwsVerifier::verify. An unknown kid leads to at most
    // one re-fetch; when none is allowed the result is UnknownKid, with a
    // jwks_refetch_rate_limited finding in the JwksResult. When no keys could be had at all,
    // the verification fails with KeysUnavailable.
    void verify(const JwsToken &token, const QUrl &jwksUri, const JwsVerifyOptions &options,
                QObject *context, VerifyCallback done);

    bool contains(const QUrl &jwksUri) const;
    JwkSet cached(const QUrl &jwksUri) const;       // empty when nothing is cached
    QDateTime fetchedAt(const QUrl &jwksUri) const; // last successful fetch; null if none
    // Forgets the URI (its set and its rate limit): the next lookup fetches. For an explicit
    // "refresh keys" by the user, never in response to a token.
    void forget(const QUrl &jwksUri);
    void clear();

signals:
    void fetchStarted(const QUrl &jwksUri);
    void fetchFinished(const QUrl &jwksUri, bool ok);

private:
    struct Waiter
    {
        QPointer<QObject> context;
        bool hasContext = false;
        KeysCallback done;
    };
    struct Entry
    {
        JwkSet keys;
        bool hasKeys = false;
        QDateTime fetchedAt;   // last successful fetch
        QDateTime attemptedAt; // last fetch started, successful or not
        QString lastFailure;   // message of the last failed fetch
        QPointer<Http::PendingExchange> pending;
        bool refetch = false; // the fetch in flight replaces a set that was cached
        QList<Waiter> waiters;
    };

    static QString keyOf(const QUrl &url);
    bool fetchAllowed(const Entry &entry, qint64 now) const;
    void startFetch(const QUrl &jwksUri, Entry &entry, bool refetch);
    void onFetched(const QUrl &jwksUri, Http::PendingExchange *pending);
    void deliver(Waiter waiter, const JwksResult &result);

    Http::HttpClient *m_http;
    const Clock &m_clock;
    qint64 m_refetchInterval = DefaultRefetchIntervalSeconds;
    qint64 m_maximumAge = DefaultMaximumAgeSeconds;
    QHash<QString, Entry> m_entries;
};

} // namespace Tokenscope::Jose
