#pragma once

// With TOKENSCOPE_SCREENSHOT_DIR set, UI tests save what the user sees there (that is how
// the docs' screenshots are made); without it, nothing is written.

#include <QDir>
#include <QTest>
#include <QWidget>

inline void saveScreenshot(QWidget *window, const QString &name)
{
    const QString directory = qEnvironmentVariable("TOKENSCOPE_SCREENSHOT_DIR");
    if (directory.isEmpty())
        return;
    QTest::qWait(300); // let the page paint
    QDir().mkpath(directory);
    window->grab().save(QDir(directory).filePath(name));
}
