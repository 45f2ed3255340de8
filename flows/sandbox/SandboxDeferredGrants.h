#pragma once

#include <QCoreApplication>
#include <QDateTime>
#include <QHash>
#include <QJsonObject>
#include <QList>
#include <QPair>
#include <QStringList>
#include <QUrl>

namespace Tokenscope {
class Clock;
class RandomSource;
} // namespace Tokenscope

namespace Tokenscope::Sandbox {

// The grants a client polls for at the token endpoint while a person decides elsewhere:
// the device authorization grant (RFC 8628; the person types the user code on /device) and
// CIBA in poll and ping mode (OpenID CIBA Core; the person approves on /backchannel). Time
// from the injected clock: a poll sooner than the interval is slow_down and adds 5 seconds to
// it (RFC 8628 §3.5), a request past its lifetime is expired_token, a tokens answer is given
// once.
class SandboxDeferredGrants final
{
    Q_DECLARE_TR_FUNCTIONS(Tokenscope::Sandbox::SandboxDeferredGrants)

public:
    static constexpr qint64 deviceLifetime = 600;
    static constexpr qint64 cibaLifetime = 300;
    static constexpr int defaultInterval = 5;
    static constexpr int maxPending = 1000;

    enum class Kind
    {
        Device,
        Ciba,
    };
    enum class State
    {
        Pending,
        Approved,
        Denied,
        Redeemed,
    };
    struct Request
    {
        Kind kind = Kind::Device;
        QString clientId;
        QStringList scopes;
        QString userCode;       // device: 8 letters, without the dash
        QString bindingMessage; // CIBA
        // CIBA ping mode (§10.2): where the decision is announced, with which bearer token.
        QUrl notificationEndpoint;
        QString notificationToken;
        QString acr;
        QString sub;
        QJsonObject userClaims;
        QDateTime authTime;
        QDateTime created;
        QDateTime expires;
        QDateTime lastPoll;
        int interval = defaultInterval;
        State state = State::Pending;
    };
    enum class Poll
    {
        Unknown,     // invalid_grant
        WrongClient, // invalid_grant
        Pending,     // authorization_pending
        SlowDown,    // slow_down
        Denied,      // access_denied
        Expired,     // expired_token
        Approved,    // issue the tokens
    };

    SandboxDeferredGrants(const Clock &clock, RandomSource &random);
    SandboxDeferredGrants(const SandboxDeferredGrants &) = delete;
    SandboxDeferredGrants &operator=(const SandboxDeferredGrants &) = delete;

    // A device authorization: returns the device_code and sets *userCode; empty when too
    // many are pending.
    QString startDevice(const QString &clientId, const QStringList &scopes, QString *userCode);
    // A CIBA request for a known user; returns auth_req_id, empty when too many are pending.
    QString startCiba(const QString &clientId, const QStringList &scopes, const QString &sub,
                      const QJsonObject &userClaims, const QString &bindingMessage,
                      const QString &acr, qint64 lifetime, const QUrl &notificationEndpoint = {},
                      const QString &notificationToken = {});
    // The device_code for a typed user code (case, dashes and spaces ignored); empty when
    // unknown, decided or expired.
    QString deviceCodeFor(const QString &typedUserCode) const;
    const Request *request(const QString &handle) const;
    // The CIBA requests still waiting for a decision, oldest first.
    QList<QPair<QString, Request>> pendingCiba() const;
    // The person's decision; false when the request is unknown, decided or expired. A ping
    // request's next token request is never slow_down: the client was told to come.
    bool decide(const QString &handle, bool allow, const QString &sub = {},
                const QJsonObject &userClaims = {}, const QDateTime &authTime = {});
    // A poll by `clientId`. Approved hands out *approved and marks the request redeemed.
    Poll poll(const QString &handle, const QString &clientId, Request *approved = nullptr);

    // "BCDF-GHJK" for display.
    static QString formatUserCode(const QString &userCode);

private:
    const Clock &m_clock;
    RandomSource &m_random;
    QHash<QString, Request> m_requests;
    QString newHandle();
    void purge();
};

} // namespace Tokenscope::Sandbox
