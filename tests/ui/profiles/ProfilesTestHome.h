#pragma once

// The profiles UI tests run in a fresh home: XDG_CONFIG_HOME, XDG_DATA_HOME and
// XDG_CACHE_HOME point into a temporary directory before the application exists, so the
// ProfileStore's default directory (AppConfigLocation/profiles) is there and nothing
// touches the real home. The directory and everything in it is removed at exit.

#include "profiles/MemorySecretStore.h"
#include "profiles/ProfileManager.h"
#include "profiles/ProfileStore.h"
#include "support/SaveProfile.h"

#include <QApplication>
#include <QDirIterator>
#include <QFile>
#include <QTemporaryDir>
#include <QTest>

#include <optional>

inline QTemporaryDir &profilesTestHome()
{
    static QTemporaryDir home;
    return home;
}

// Every regular file under the test home whose bytes contain needle.
inline QStringList filesContaining(const QByteArray &needle)
{
    QStringList found;
    QDirIterator it(profilesTestHome().path(), QDir::Files | QDir::Hidden | QDir::System,
                    QDirIterator::Subdirectories);
    while (it.hasNext()) {
        const QString path = it.next();
        QFile file(path);
        if (file.open(QIODevice::ReadOnly) && file.readAll().contains(needle))
            found.append(path);
    }
    return found;
}

// Every regular file under the test home.
inline QStringList filesInTestHome()
{
    QStringList found;
    QDirIterator it(profilesTestHome().path(), QDir::Files | QDir::Hidden | QDir::System,
                    QDirIterator::Subdirectories);
    while (it.hasNext())
        found.append(it.next());
    return found;
}

#define TOKENSCOPE_PROFILES_TEST_MAIN(TestClass)                                                   \
    int main(int argc, char **argv)                                                                \
    {                                                                                              \
        QTemporaryDir &home = profilesTestHome();                                                  \
        if (!home.isValid())                                                                       \
            return 2;                                                                              \
        for (const char *variable : {"XDG_CONFIG_HOME", "XDG_DATA_HOME", "XDG_CACHE_HOME"})        \
            qputenv(variable, QFile::encodeName(home.path() + u'/' +                               \
                                                QString::fromLatin1(variable).toLower()));         \
        QApplication app(argc, argv);                                                              \
        QApplication::setApplicationName(QStringLiteral("tokenscope-ui-test"));                    \
        app.setAttribute(Qt::AA_Use96Dpi, true);                                                   \
        TestClass test;                                                                            \
        QTEST_SET_MAIN_SOURCE_PATH                                                                 \
        return QTest::qExec(&test, argc, argv);                                                    \
    }
