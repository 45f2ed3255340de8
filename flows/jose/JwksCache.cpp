#include "JwksCache.h"

#include "JwsVerifier.h"
#include "common/Clock.h"
#include "http/HttpClient.h"
#include "http/PendingExchange.h"

#include <QLoggingCategory>

namespace Tokenscope::Jose {

Q_LOGGING_CATEGORY(lcJose, "tokenscope.flows.jose", QtInfoMsg)

namespace {

Finding makeFinding(const QString &rule, Finding::Status status, const QString &message,
                    const QString &expected = {}, const QString &actual = {})
{
    // Key rotation: a new kid in a token is the signal to fetch the key set again.
    const QString spec = QStringLiteral("OpenID Connect Core 1.0 §10.1.1");
    return Finding{rule, status, message, expected, actual, spec};
}

} // namespace

JwksCache::JwksCache(Http::HttpClient *http, const Clock &clock, QObject *parent)
    : QObject(parent)
    , m_http(http)
    , m_clock(clock)
{}

JwksCache::~JwksCache()
{
    for (Entry &entry : m_entries) {
        if (entry.pending) {
            entry.pending->disconnect(this);
            entry.pending->cancel();
        }
    }
}

void JwksCache::setRefetchInterval(qint64 seconds)
{
    m_refetchInterval = qMax<qint64>(0, seconds);
}

void JwksCache::setMaximumAge(qint64 seconds)
{
    m_maximumAge = qMax<qint64>(0, seconds);
}

QString JwksCache::keyOf(const QUrl &url)
{
    return url.toString(QUrl::FullyEncoded);
}

bool JwksCache::contains(const QUrl &jwksUri) const
{
    const auto it = m_entries.constFind(keyOf(jwksUri));
    return it != m_entries.cend() && it->hasKeys;
}

JwkSet JwksCache::cached(const QUrl &jwksUri) const
{
    const auto it = m_entries.constFind(keyOf(jwksUri));
    return it != m_entries.cend() && it->hasKeys ? it->keys : JwkSet();
}

QDateTime JwksCache::fetchedAt(const QUrl &jwksUri) const
{
    const auto it = m_entries.constFind(keyOf(jwksUri));
    return it != m_entries.cend() ? it->fetchedAt : QDateTime();
}

void JwksCache::forget(const QUrl &jwksUri)
{
    const auto it = m_entries.find(keyOf(jwksUri));
    if (it == m_entries.end())
        return;
    if (it->pending) {
        // Those waiting get the answer of the fetch in flight; only the cache forgets.
        it->keys = JwkSet();
        it->hasKeys = false;
        it->attemptedAt = QDateTime();
        return;
    }
    m_entries.erase(it);
}

void JwksCache::clear()
{
    for (auto it = m_entries.begin(); it != m_entries.end();) {
        if (it->pending) {
            it->keys = JwkSet();
            it->hasKeys = false;
            it->attemptedAt = QDateTime();
            ++it;
        } else {
            it = m_entries.erase(it);
        }
    }
}

bool JwksCache::fetchAllowed(const Entry &entry, qint64 now) const
{
    if (!entry.attemptedAt.isValid())
        return true;
    const qint64 since = now - entry.attemptedAt.toSecsSinceEpoch();
    return since >= m_refetchInterval;
}

void JwksCache::keys(const QUrl &jwksUri, const QString &kid, QObject *context, KeysCallback done)
{
    Waiter waiter{context, context != nullptr, std::move(done)};
    Entry &entry = m_entries[keyOf(jwksUri)];
    if (entry.pending) {
        entry.waiters.append(std::move(waiter));
        return;
    }
    const qint64 now = m_clock.now().toSecsSinceEpoch();
    JwksResult result;
    result.jwksUri = jwksUri;
    if (!entry.hasKeys) {
        if (fetchAllowed(entry, now)) {
            entry.waiters.append(std::move(waiter));
            startFetch(jwksUri, entry, false);
            return;
        }
        result.problem = JwksResult::Problem::RateLimited;
        result.message =
            tr("The key set at %1 could not be fetched (%2); it is tried again at most once "
               "every %n s.",
               nullptr, int(m_refetchInterval))
                .arg(jwksUri.toDisplayString(), entry.lastFailure);
        QMetaObject::invokeMethod(
            this, [this, waiter, result] { deliver(waiter, result); }, Qt::QueuedConnection);
        return;
    }

    const bool expired = now - entry.fetchedAt.toSecsSinceEpoch() >= m_maximumAge;
    const bool kidMissing = !kid.isEmpty() && entry.keys.keysWithKid(kid).isEmpty();
    if ((expired || kidMissing) && fetchAllowed(entry, now)) {
        entry.waiters.append(std::move(waiter));
        startFetch(jwksUri, entry, true);
        return;
    }
    result.keys = entry.keys;
    result.source = JwksResult::Source::Cache;
    result.findings = entry.keys.warnings;
    if (kidMissing) {
        QStringList kids;
        for (const Jwk &key : entry.keys.keys) {
            if (key.hasKid())
                kids << key.kid();
        }
        result.findings.append(makeFinding(
            QStringLiteral("jwks_refetch_rate_limited"), Finding::Status::Warn,
            tr("No key in the set has the kid \"%1\", and the set was fetched %2 s ago; it is "
               "fetched again at most once every %3 s.")
                .arg(kid)
                .arg(now - entry.attemptedAt.toSecsSinceEpoch())
                .arg(m_refetchInterval),
            kid, kids.join(QStringLiteral(", "))));
    }
    QMetaObject::invokeMethod(
        this, [this, waiter, result] { deliver(waiter, result); }, Qt::QueuedConnection);
}

void JwksCache::verify(const JwsToken &token, const QUrl &jwksUri, const JwsVerifyOptions &options,
                       QObject *context, VerifyCallback done)
{
    const QString kid = token.hasKid() ? token.kid() : QString();
    keys(jwksUri, kid, context, [token, options, done = std::move(done)](const JwksResult &keys) {
        if (keys.keys.isEmpty() && !keys.ok()) {
            JwsVerifyResult failed;
            failed.alg = token.alg();
            failed.error = {JoseError::Kind::KeysUnavailable, keys.message};
            failed.findings.append(Finding{QStringLiteral("jws_signature"),
                                           Finding::Status::Fail,
                                           keys.message,
                                           {},
                                           {},
                                           QStringLiteral("RFC 7515 §5.2")});
            done(failed, keys);
            return;
        }
        done(JwsVerifier::verify(token, keys.keys, options), keys);
    });
}

void JwksCache::startFetch(const QUrl &jwksUri, Entry &entry, bool refetch)
{
    entry.attemptedAt = m_clock.now();
    entry.refetch = refetch;
    Http::HttpRequest request = Http::HttpRequest::get(
        jwksUri,
        refetch ? tr("JWKS (fetched again for an unknown kid or an old set)") : tr("JWKS"));
    request.followRedirects = true; // read-only metadata; every hop is recorded
    request.headers.append({QByteArrayLiteral("Accept"),
                            QByteArrayLiteral("application/jwk-set+json, application/json")});
    qCDebug(lcJose) << "fetching key set" << jwksUri << (refetch ? "again" : "");
    Http::PendingExchange *pending = m_http->send(request);
    entry.pending = pending;
    if (pending->isFinished()) // refused before sending (an invalid URL): finished already
        QMetaObject::invokeMethod(
            this, [this, jwksUri, pending] { onFetched(jwksUri, pending); }, Qt::QueuedConnection);
    else
        connect(pending, &Http::PendingExchange::finished, this,
                [this, jwksUri, pending] { onFetched(jwksUri, pending); });
    emit fetchStarted(jwksUri);
}

void JwksCache::onFetched(const QUrl &jwksUri, Http::PendingExchange *pending)
{
    pending->deleteLater();
    const auto it = m_entries.find(keyOf(jwksUri));
    if (it == m_entries.end())
        return;
    Entry &entry = *it;
    entry.pending = nullptr;

    JwksResult result;
    result.jwksUri = jwksUri;
    result.exchanges = pending->hops();
    const Http::Exchange &exchange = pending->result();
    if (exchange.error.isError()) {
        result.problem = JwksResult::Problem::Transport;
        result.transportKind = exchange.error.kind;
        result.message = exchange.error.message;
    } else if (exchange.statusCode != 200) {
        result.problem = JwksResult::Problem::HttpStatus;
        result.message =
            tr("HTTP %1 from %2").arg(exchange.statusCode).arg(jwksUri.toDisplayString());
    } else {
        const JwkSet set = JwkSet::fromJson(exchange.responseBody);
        if (set.isError()) {
            result.problem = JwksResult::Problem::InvalidSet;
            result.message = set.error.message;
        } else {
            entry.keys = set;
            entry.hasKeys = true;
            entry.fetchedAt = m_clock.now();
            entry.lastFailure.clear();
            result.source =
                entry.refetch ? JwksResult::Source::Refetched : JwksResult::Source::Fetched;
            result.keys = set;
            result.findings = set.warnings;
            if (entry.refetch)
                result.findings.append(
                    makeFinding(QStringLiteral("jwks_refetched"), Finding::Status::Pass,
                                tr("The key set was fetched again (a kid it lacked, or it was "
                                   "older than %1 s).")
                                    .arg(m_maximumAge)));
        }
    }
    if (!result.ok()) {
        entry.lastFailure = result.message;
        if (entry.hasKeys) { // keep verifying with what was cached
            result.keys = entry.keys;
            result.source = JwksResult::Source::Cache;
            result.findings = entry.keys.warnings;
        }
        qCInfo(lcJose) << "key set fetch failed:" << jwksUri << result.message;
    }
    const QList<Waiter> waiters = std::exchange(entry.waiters, {});
    // `entry` may be gone from here on: a callback may call forget() or keys().
    emit fetchFinished(jwksUri, result.ok());
    for (const Waiter &waiter : waiters)
        deliver(waiter, result);
}

void JwksCache::deliver(Waiter waiter, const JwksResult &result)
{
    if (waiter.hasContext && !waiter.context)
        return;
    if (waiter.done)
        waiter.done(result);
}

} // namespace Tokenscope::Jose
