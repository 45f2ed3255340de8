#pragma once

#include "SecretError.h"

#include <QByteArray>
#include <QString>

#include <functional>

class QObject;

namespace Tokenscope::Profiles {

struct SecretResult
{
    QString key;
    QByteArray value; // a read's secret; empty otherwise
    SecretError error;

    bool ok() const { return !error.isError(); }
};

using SecretCallback = std::function<void(const SecretResult &)>;

// The one interface every secret goes through (STYLE rule 8). Values are binary-safe.
// Each operation completes asynchronously, never before it returns: done is called once, in
// context's thread, unless context has been destroyed by then. Keys come from SecretKey.
class SecretStore
{
public:
    virtual ~SecretStore() = default;

    virtual void read(const QString &key, QObject *context, SecretCallback done) = 0;
    // Replaces any value stored under key.
    virtual void write(const QString &key, const QByteArray &value, QObject *context,
                       SecretCallback done) = 0;
    // Deleting a key that holds nothing succeeds: the postcondition holds.
    virtual void remove(const QString &key, QObject *context, SecretCallback done) = 0;
};

} // namespace Tokenscope::Profiles
