#include "SandboxDeferredGrants.h"

#include "common/Clock.h"
#include "common/RandomSource.h"
#include "jose/Base64Url.h"

#include <algorithm>

namespace Tokenscope::Sandbox {

namespace {

// RFC 8628 §6.1: consonants only, no vowels to spell words, no ambiguous characters.
const char userCodeAlphabet[] = "BCDFGHJKLMNPQRSTVWXZ";
constexpr int userCodeLength = 8;

QString normalizeUserCode(const QString &typed)
{
    QString out;
    for (const QChar c : typed)
        if (c.isLetterOrNumber())
            out.append(c.toUpper());
    return out;
}

} // namespace

SandboxDeferredGrants::SandboxDeferredGrants(const Clock &clock, RandomSource &random)
    : m_clock(clock)
    , m_random(random)
{}

QString SandboxDeferredGrants::newHandle()
{
    const QByteArray random = m_random.bytes(32);
    if (random.size() != 32)
        qFatal("sandbox: the random source failed");
    return QString::fromLatin1(Jose::Base64Url::encode(random));
}

void SandboxDeferredGrants::purge()
{
    // Expired requests stay a while so that a late poll is told expired_token.
    const QDateTime now = m_clock.now();
    for (auto it = m_requests.begin(); it != m_requests.end();) {
        if (it->expires.secsTo(now) > deviceLifetime || it->state == State::Redeemed)
            it = m_requests.erase(it);
        else
            ++it;
    }
}

QString SandboxDeferredGrants::startDevice(const QString &clientId, const QStringList &scopes,
                                           QString *userCode)
{
    purge();
    if (m_requests.size() >= maxPending)
        return {};
    QString code;
    do {
        code.clear();
        while (code.size() < userCodeLength) {
            const QByteArray bytes = m_random.bytes(16);
            if (bytes.size() != 16)
                qFatal("sandbox: the random source failed");
            for (const char b : bytes) {
                const auto value = static_cast<unsigned char>(b);
                if (value < 240 && code.size() < userCodeLength) // 240 = 12 × 20, no bias
                    code.append(QLatin1Char(userCodeAlphabet[value % 20]));
            }
        }
    } while (!deviceCodeFor(code).isEmpty());
    Request request;
    request.kind = Kind::Device;
    request.clientId = clientId;
    request.scopes = scopes;
    request.userCode = code;
    request.created = m_clock.now();
    request.expires = request.created.addSecs(deviceLifetime);
    const QString handle = newHandle();
    m_requests.insert(handle, request);
    *userCode = code;
    return handle;
}

QString SandboxDeferredGrants::startCiba(const QString &clientId, const QStringList &scopes,
                                         const QString &sub, const QJsonObject &userClaims,
                                         const QString &bindingMessage, const QString &acr,
                                         qint64 lifetime, const QUrl &notificationEndpoint,
                                         const QString &notificationToken)
{
    purge();
    if (m_requests.size() >= maxPending)
        return {};
    Request request;
    request.kind = Kind::Ciba;
    request.clientId = clientId;
    request.scopes = scopes;
    request.sub = sub;
    request.userClaims = userClaims;
    request.bindingMessage = bindingMessage;
    request.acr = acr;
    request.notificationEndpoint = notificationEndpoint;
    request.notificationToken = notificationToken;
    request.created = m_clock.now();
    request.expires = request.created.addSecs(lifetime);
    const QString handle = newHandle();
    m_requests.insert(handle, request);
    return handle;
}

QString SandboxDeferredGrants::deviceCodeFor(const QString &typedUserCode) const
{
    const QString code = normalizeUserCode(typedUserCode);
    if (code.size() != userCodeLength)
        return {};
    const QDateTime now = m_clock.now();
    for (auto it = m_requests.cbegin(); it != m_requests.cend(); ++it)
        if (it->kind == Kind::Device && it->userCode == code && it->state == State::Pending &&
            it->expires > now)
            return it.key();
    return {};
}

const SandboxDeferredGrants::Request *SandboxDeferredGrants::request(const QString &handle) const
{
    const auto it = m_requests.constFind(handle);
    return it == m_requests.cend() ? nullptr : &*it;
}

QList<QPair<QString, SandboxDeferredGrants::Request>> SandboxDeferredGrants::pendingCiba() const
{
    QList<QPair<QString, Request>> out;
    const QDateTime now = m_clock.now();
    for (auto it = m_requests.cbegin(); it != m_requests.cend(); ++it)
        if (it->kind == Kind::Ciba && it->state == State::Pending && it->expires > now)
            out.append({it.key(), *it});
    std::sort(out.begin(), out.end(),
              [](const auto &a, const auto &b) { return a.second.created < b.second.created; });
    return out;
}

bool SandboxDeferredGrants::decide(const QString &handle, bool allow, const QString &sub,
                                   const QJsonObject &userClaims, const QDateTime &authTime)
{
    auto it = m_requests.find(handle);
    if (handle.isEmpty() || it == m_requests.end() || it->state != State::Pending ||
        it->expires <= m_clock.now())
        return false;
    it->state = allow ? State::Approved : State::Denied;
    if (!sub.isEmpty()) {
        it->sub = sub;
        it->userClaims = userClaims;
    }
    it->authTime = authTime.isValid() ? authTime : m_clock.now();
    if (it->notificationEndpoint.isValid())
        it->lastPoll = {}; // the notification invites the token request at once
    return true;
}

SandboxDeferredGrants::Poll SandboxDeferredGrants::poll(const QString &handle,
                                                        const QString &clientId, Request *approved)
{
    purge();
    auto it = m_requests.find(handle);
    if (handle.isEmpty() || it == m_requests.end())
        return Poll::Unknown;
    if (it->clientId != clientId)
        return Poll::WrongClient;
    const QDateTime now = m_clock.now();
    if (it->expires <= now)
        return Poll::Expired;
    if (it->state == State::Denied)
        return Poll::Denied;
    const QDateTime last = it->lastPoll;
    it->lastPoll = now;
    if (last.isValid() && last.secsTo(now) < it->interval) {
        it->interval += 5;
        return Poll::SlowDown;
    }
    if (it->state == State::Pending)
        return Poll::Pending;
    if (approved)
        *approved = *it;
    it->state = State::Redeemed;
    return Poll::Approved;
}

QString SandboxDeferredGrants::formatUserCode(const QString &userCode)
{
    return userCode.size() == userCodeLength ? userCode.left(4) + QLatin1Char('-') + userCode.mid(4)
                                             : userCode;
}

} // namespace Tokenscope::Sandbox
