// QR codes for verification_uri_complete: the version and size libqrencode picks for known
// inputs, and the structure a reader needs to decode them: the three finder patterns, the
// timing patterns, the dark module and both copies of the format information (error
// correction level and mask, with a valid BCH code).
#include "device/QrCode.h"

#include <QTest>

using Tokenscope::Device::QrCode;

namespace {

// The 15 format bits as libqrencode places them (ISO/IEC 18004 §7.9), least significant
// first: the copy around the top-left finder, and the split copy by the other two.
quint32 formatBits(const QrCode &code, bool secondCopy)
{
    const int w = code.size();
    quint32 bits = 0;
    for (int i = 0; i < 15; ++i) {
        int x = 0;
        int y = 0;
        if (!secondCopy) {
            if (i < 6) {
                x = 8;
                y = i;
            } else if (i < 8) {
                x = 8;
                y = i + 1;
            } else if (i == 8) {
                x = 7;
                y = 8;
            } else {
                x = 14 - i;
                y = 8;
            }
        } else if (i < 8) {
            x = w - 1 - i;
            y = 8;
        } else {
            x = 8;
            y = w - 15 + i;
        }
        if (code.isDark(x, y))
            bits |= 1u << i;
    }
    return bits;
}

// The BCH(15,5) remainder of five data bits (generator x^10+x^8+x^5+x^4+x^2+x+1).
quint32 bch(quint32 data)
{
    quint32 value = data << 10;
    for (int bit = 14; bit >= 10; --bit) {
        if (value & (1u << bit))
            value ^= 0x537u << (bit - 10);
    }
    return value;
}

bool isFinderAt(const QrCode &code, int left, int top)
{
    for (int y = 0; y < 7; ++y) {
        for (int x = 0; x < 7; ++x) {
            const bool ring = x == 0 || y == 0 || x == 6 || y == 6;
            const bool core = x >= 2 && x <= 4 && y >= 2 && y <= 4;
            if (code.isDark(left + x, top + y) != (ring || core))
                return false;
        }
    }
    return true;
}

} // namespace

class TestQrCode final : public QObject
{
    Q_OBJECT

private slots:
    void versionAndSize_data();
    void versionAndSize();
    void finderAndTimingPatterns();
    void formatInformationNamesTheLevel_data();
    void formatInformationNamesTheLevel();
    void tooLongIsNullWithAReason();
    void textRenderingHasTheQuietZone();
};

void TestQrCode::versionAndSize_data()
{
    QTest::addColumn<QByteArray>("data");
    QTest::addColumn<int>("level");
    QTest::addColumn<int>("version");
    QTest::newRow("user_code_fits_version_1")
        << QByteArray("WDJB-MJHT") << int(QrCode::ErrorCorrection::Medium) << 1;
    // 46 bytes: more than version 3-M holds (42), less than version 4-M (62).
    QTest::newRow("verification_uri_complete_needs_version_4")
        << QByteArray("https://example.com/device?user_code=WDJB-MJHT")
        << int(QrCode::ErrorCorrection::Medium) << 4;
    // The same 46 bytes at level H need version 6 (version 5-H holds 44).
    QTest::newRow("level_high_needs_a_larger_version")
        << QByteArray("https://example.com/device?user_code=WDJB-MJHT")
        << int(QrCode::ErrorCorrection::High) << 6;
}

void TestQrCode::versionAndSize()
{
    QFETCH(QByteArray, data);
    QFETCH(int, level);
    QFETCH(int, version);
    const QrCode code = QrCode::encode(data, QrCode::ErrorCorrection(level));
    QVERIFY2(!code.isNull(), qPrintable(code.problem()));
    QCOMPARE(code.version(), version);
    QCOMPARE(code.size(), 17 + 4 * version);
    QCOMPARE(code.rows().size(), code.size());
    QCOMPARE(code.rows().constFirst().size(), code.size());
}

void TestQrCode::finderAndTimingPatterns()
{
    const QrCode code = QrCode::encode("https://example.com/device?user_code=WDJB-MJHT");
    QVERIFY(!code.isNull());
    const int n = code.size();
    QVERIFY(isFinderAt(code, 0, 0));
    QVERIFY(isFinderAt(code, n - 7, 0));
    QVERIFY(isFinderAt(code, 0, n - 7));
    QVERIFY(!isFinderAt(code, n - 7, n - 7)); // only three corners have one
    // Separators are light.
    for (int i = 0; i < 8; ++i) {
        QVERIFY(!code.isDark(7, i));
        QVERIFY(!code.isDark(i, 7));
        QVERIFY(!code.isDark(n - 8, i));
        QVERIFY(!code.isDark(7, n - 1 - i));
    }
    // Timing patterns alternate between the finders, dark on even positions.
    for (int i = 8; i < n - 8; ++i) {
        QCOMPARE(code.isDark(i, 6), i % 2 == 0);
        QCOMPARE(code.isDark(6, i), i % 2 == 0);
    }
    QVERIFY(code.isDark(8, 4 * code.version() + 9)); // the dark module
    QVERIFY(!code.isDark(-1, 0));
    QVERIFY(!code.isDark(0, n));
}

void TestQrCode::formatInformationNamesTheLevel_data()
{
    QTest::addColumn<int>("level");
    QTest::addColumn<quint32>("levelBits");
    QTest::newRow("low_is_01") << int(QrCode::ErrorCorrection::Low) << 1u;
    QTest::newRow("medium_is_00") << int(QrCode::ErrorCorrection::Medium) << 0u;
    QTest::newRow("quartile_is_11") << int(QrCode::ErrorCorrection::Quartile) << 3u;
    QTest::newRow("high_is_10") << int(QrCode::ErrorCorrection::High) << 2u;
}

void TestQrCode::formatInformationNamesTheLevel()
{
    QFETCH(int, level);
    QFETCH(quint32, levelBits);
    const QrCode code = QrCode::encode("WDJB-MJHT", QrCode::ErrorCorrection(level));
    QVERIFY(!code.isNull());
    const quint32 first = formatBits(code, false);
    QCOMPARE(formatBits(code, true), first);
    const quint32 unmasked = first ^ 0x5412u;
    const quint32 data = unmasked >> 10;
    QCOMPARE(unmasked & 0x3ffu, bch(data));
    QCOMPARE(data >> 3, levelBits);
}

void TestQrCode::tooLongIsNullWithAReason()
{
    const QrCode code = QrCode::encode(QByteArray(3000, 'x'), QrCode::ErrorCorrection::High);
    QVERIFY(code.isNull());
    QVERIFY(!code.problem().isEmpty());
    QVERIFY(code.toText().isEmpty());
    QVERIFY(QrCode::encode(QByteArray()).isNull());
}

void TestQrCode::textRenderingHasTheQuietZone()
{
    const QrCode code = QrCode::encode("WDJB-MJHT");
    const QStringList lines = code.toText(2, true).split(QLatin1Char('\n'), Qt::SkipEmptyParts);
    // 21 modules + 2 × 2 margin = 25 columns, rows in pairs: 13 lines.
    QCOMPARE(lines.size(), 13);
    for (const QString &line : lines)
        QCOMPARE(line.size(), 25);
    // Inverted: the light quiet zone is ink (full blocks), the top-left finder's dark ring
    // is blank: row 0 is margin (light) over margin (light).
    QCOMPARE(lines.at(0), QString(25, QChar(0x2588)));
    // Line 1 holds rows 0 and 1 of the code: the finder's top edge (dark) over its ring.
    QCOMPARE(lines.at(1).at(2), QChar(QLatin1Char(' ')));
    const QStringList plain = code.toText(0, false).split(QLatin1Char('\n'), Qt::SkipEmptyParts);
    QCOMPARE(plain.size(), 11);
    QCOMPARE(plain.at(0).at(0), QChar(0x2588)); // rows 0 and 1 of column 0 are dark
}

QTEST_GUILESS_MAIN(TestQrCode)
#include "TestQrCode.moc"
