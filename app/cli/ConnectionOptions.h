#pragma once

#include "http/HttpOptions.h"

#include <QCommandLineOption>
#include <QCoreApplication>
#include <QList>

class QCommandLineParser;

namespace Tokenscope::Cli {

// The options every network command shares: output, limits, TLS and proxy.
class ConnectionOptions final
{
    Q_DECLARE_TR_FUNCTIONS(Tokenscope::Cli::ConnectionOptions)

public:
    ConnectionOptions();
    void addTo(QCommandLineParser &parser) const;
    // Reads the parsed values into `options`. Returns a one-line usage error, or empty.
    QString read(const QCommandLineParser &parser, Http::HttpOptions *options) const;

    bool showSecrets(const QCommandLineParser &parser) const;
    bool compact(const QCommandLineParser &parser) const;

private:
    QCommandLineOption m_timeout;
    QCommandLineOption m_maxBody;
    QCommandLineOption m_caFile;
    QCommandLineOption m_trustCert;
    QCommandLineOption m_proxy;
    QCommandLineOption m_showSecrets;
    QCommandLineOption m_compact;
};

} // namespace Tokenscope::Cli
