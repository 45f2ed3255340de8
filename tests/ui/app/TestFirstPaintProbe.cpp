// The start-up benchmark's probe: one line, "first-paint-ms N", on the first paint of
// the watched window and never again.
#include "FirstPaintProbe.h"

#include <QBuffer>
#include <QRegularExpression>
#include <QSignalSpy>
#include <QTest>
#include <QWidget>

class TestFirstPaintProbe final : public QObject
{
    Q_OBJECT

private slots:
    void processAgeIsKnown();
    void firstPaintWritesOneLine();
    void environmentSwitchesIt();
};

void TestFirstPaintProbe::processAgeIsKnown()
{
    const qint64 first = FirstPaintProbe::millisecondsSinceProcessStart();
    QVERIFY(first >= 0);
    QVERIFY(first < 10 * 60 * 1000);
    QTest::qWait(120);
    QVERIFY(FirstPaintProbe::millisecondsSinceProcessStart() >= first + 100);
}

void TestFirstPaintProbe::firstPaintWritesOneLine()
{
    QBuffer output;
    output.open(QIODevice::WriteOnly);
    QWidget window;
    window.resize(200, 100);
    FirstPaintProbe probe(&window, &output, false);
    QSignalSpy painted(&probe, &FirstPaintProbe::painted);
    QVERIFY(output.data().isEmpty()); // nothing before the window is shown

    window.show();
    QTRY_COMPARE(painted.count(), 1);
    const QByteArray line = output.data();
    QVERIFY2(QRegularExpression(QStringLiteral("^first-paint-ms \\d+\\n$"))
                 .match(QString::fromLatin1(line))
                 .hasMatch(),
             line.constData());
    QCOMPARE(line.trimmed().split(' ').at(1).toLongLong(), painted.first().first().toLongLong());

    window.repaint();
    window.update();
    QTest::qWait(50);
    QCOMPARE(painted.count(), 1);
    QCOMPARE(output.data(), line);
}

void TestFirstPaintProbe::environmentSwitchesIt()
{
    qunsetenv("TOKENSCOPE_BENCH_FIRST_PAINT");
    qunsetenv("TOKENSCOPE_BENCH_EXIT");
    QVERIFY(!FirstPaintProbe::isRequested());
    QVERIFY(!FirstPaintProbe::isExitRequested());
    qputenv("TOKENSCOPE_BENCH_FIRST_PAINT", "1");
    qputenv("TOKENSCOPE_BENCH_EXIT", "1");
    QVERIFY(FirstPaintProbe::isRequested());
    QVERIFY(FirstPaintProbe::isExitRequested());
    qunsetenv("TOKENSCOPE_BENCH_FIRST_PAINT");
    qunsetenv("TOKENSCOPE_BENCH_EXIT");
}

QTEST_MAIN(TestFirstPaintProbe)
#include "TestFirstPaintProbe.moc"
