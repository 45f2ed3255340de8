#include "SandboxPar.h"

#include "common/Clock.h"
#include "common/RandomSource.h"
#include "jose/Base64Url.h"

namespace Tokenscope::Sandbox {

SandboxPar::SandboxPar(const Clock &clock, RandomSource &random)
    : m_clock(clock)
    , m_random(random)
{}

void SandboxPar::purge()
{
    const QDateTime now = m_clock.now();
    for (auto it = m_pushed.begin(); it != m_pushed.end();) {
        if (it->expires <= now)
            it = m_pushed.erase(it);
        else
            ++it;
    }
}

QString SandboxPar::push(const QString &clientId, const QHash<QString, QString> &parameters)
{
    purge();
    if (m_pushed.size() >= maxPending)
        return {};
    const QByteArray random = m_random.bytes(32);
    if (random.size() != 32)
        qFatal("sandbox: the random source failed");
    const QString uri = uriPrefix() + QString::fromLatin1(Jose::Base64Url::encode(random));
    m_pushed.insert(uri, Pushed{clientId, parameters, m_clock.now().addSecs(lifetime)});
    return uri;
}

bool SandboxPar::take(const QString &requestUri, const QString &clientId,
                      QHash<QString, QString> *parameters, QString *problem)
{
    const auto it = m_pushed.find(requestUri);
    if (it == m_pushed.end()) {
        *problem = tr("the request_uri is unknown or was used already");
        return false;
    }
    if (it->clientId != clientId) {
        *problem = tr("the request_uri was pushed by another client");
        return false;
    }
    const Pushed pushed = *it;
    m_pushed.erase(it); // one use, whatever the outcome
    if (pushed.expires <= m_clock.now()) {
        *problem = tr("the request_uri has expired");
        return false;
    }
    *parameters = pushed.parameters;
    return true;
}

} // namespace Tokenscope::Sandbox
