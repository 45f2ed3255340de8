#pragma once

#include <QCoreApplication>
#include <QDateTime>
#include <QHash>
#include <QString>

namespace Tokenscope {
class Clock;
class RandomSource;
} // namespace Tokenscope

namespace Tokenscope::Sandbox {

// Pushed authorization requests (RFC 9126): the parameters a client pushed, kept under a
// request_uri that the authorization endpoint accepts once, before it expires.
class SandboxPar final
{
    Q_DECLARE_TR_FUNCTIONS(Tokenscope::Sandbox::SandboxPar)

public:
    static constexpr qint64 lifetime = 60; // expires_in
    static constexpr int maxPending = 1000;
    static QString uriPrefix() { return QStringLiteral("urn:ietf:params:oauth:request_uri:"); }

    SandboxPar(const Clock &clock, RandomSource &random);
    SandboxPar(const SandboxPar &) = delete;
    SandboxPar &operator=(const SandboxPar &) = delete;

    // Keeps `parameters` for `clientId`; the request_uri, or empty when too many are pending.
    QString push(const QString &clientId, const QHash<QString, QString> &parameters);
    // The parameters pushed under `requestUri` by `clientId`, removed so that it works once.
    // False, with *problem, when unknown, used, expired or pushed by another client.
    bool take(const QString &requestUri, const QString &clientId,
              QHash<QString, QString> *parameters, QString *problem);
    static bool isRequestUri(const QString &value) { return value.startsWith(uriPrefix()); }

private:
    struct Pushed
    {
        QString clientId;
        QHash<QString, QString> parameters;
        QDateTime expires;
    };
    void purge();

    const Clock &m_clock;
    RandomSource &m_random;
    QHash<QString, Pushed> m_pushed;
};

} // namespace Tokenscope::Sandbox
