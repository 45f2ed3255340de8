#include "SandboxHost.h"

#include "SandboxKeys.h"
#include "SandboxProvider.h"
#include "SandboxServer.h"
#include "http/Transcript.h"

namespace Tokenscope::Sandbox {

SandboxHost::SandboxHost(const Clock &clock, RandomSource &random, QString keyDirectory,
                         QObject *parent)
    : QObject(parent)
    , m_clock(clock)
    , m_random(random)
    , m_keyDirectory(std::move(keyDirectory))
    , m_log(new Http::Transcript(this))
{}

SandboxHost::~SandboxHost()
{
    delete m_server; // before the provider it refers to
    m_server = nullptr;
}

bool SandboxHost::start(quint16 port, QString *error)
{
    if (m_server)
        return true;
    auto keys = std::make_unique<SandboxKeys>();
    if (!keys->load(m_keyDirectory, error))
        return false;
    auto provider = std::make_unique<SandboxProvider>(m_clock, m_random, *keys);
    auto server = std::make_unique<SandboxServer>(*provider);
    if (!server->listen(port)) {
        if (error)
            *error = tr("The sandbox cannot listen on 127.0.0.1:%1: %2")
                         .arg(port)
                         .arg(server->errorString());
        return false;
    }
    server->setLog(m_log);
    m_keys = std::move(keys);
    m_provider = std::move(provider);
    m_server = server.release();
    m_server->setParent(this);
    emit started(m_server->issuer());
    return true;
}

QString SandboxHost::issuer() const
{
    return m_server ? m_server->issuer() : QString();
}

QJsonObject SandboxHost::metadata() const
{
    return m_provider && m_server ? m_provider->metadata() : QJsonObject();
}

} // namespace Tokenscope::Sandbox
