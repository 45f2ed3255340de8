// The catalogues are built, embedded and loaded as the app loads them: the widgets and
// the core's messages speak Chinese with zh_CN, and English plurals come out right.
#include "Translations.h"
#include "UiSession.h"
#include "common/Format.h"
#include "inspector/ExchangeInspector.h"
#include "provider/ProviderPanel.h"

#include <QAbstractButton>
#include <QFile>
#include <QLabel>
#include <QPushButton>
#include <QTest>
#include <QTranslator>

class TestTranslations final : public QObject
{
    Q_OBJECT

private slots:
    void cleanup();

    void cataloguesAreEmbedded();
    void chineseTranslatesWidgetsAndCore();
    void englishCarriesThePluralForms();
    void unknownLocaleFallsBackToEnglish();
};

void TestTranslations::cleanup()
{
    const QList<QTranslator *> translators = qApp->findChildren<QTranslator *>();
    qDeleteAll(translators); // a deleted translator removes itself from the application
}

void TestTranslations::cataloguesAreEmbedded()
{
    QCOMPARE(Tokenscope::Translations::languages(),
             (QStringList{QStringLiteral("en"), QStringLiteral("zh_CN")}));
    for (const QString &language : Tokenscope::Translations::languages())
        QVERIFY2(QFile::exists(Tokenscope::Translations::catalogue(language)),
                 qPrintable(Tokenscope::Translations::catalogue(language)));
    QVERIFY(Tokenscope::Translations::isAvailable(QStringLiteral("zh-CN")));
    QVERIFY(!Tokenscope::Translations::isAvailable(QStringLiteral("fr")));
}

void TestTranslations::chineseTranslatesWidgetsAndCore()
{
    QCOMPARE(Tokenscope::Translations::install(*qApp, QLocale(QLocale::Chinese, QLocale::China)),
             QStringLiteral("zh_CN"));

    UiSession session;
    ProviderPanel panel(&session.discovery);
    auto *discover = childNamed<QPushButton>(&panel, "discoverButton");
    QVERIFY(discover->text() != QStringLiteral("Discover"));
    QCOMPARE(discover->text(), QStringLiteral("发现"));

    ExchangeInspector inspector(&session.transcript);
    QCOMPARE(childNamed<QAbstractButton>(&inspector, "copyCurlButton")->text(),
             QStringLiteral("复制为 curl 命令"));
    QCOMPARE(childNamed<QAbstractButton>(&inspector, "showSecretsToggle")->text(),
             QStringLiteral("显示机密"));

    // Strings of the UI-free core come from the same catalogue.
    QCOMPARE(Tokenscope::Format::duration(250), QStringLiteral("250 毫秒"));
}

void TestTranslations::englishCarriesThePluralForms()
{
    QCOMPARE(Tokenscope::Translations::install(*qApp, QLocale(QLocale::English)),
             QStringLiteral("en"));
    UiSession session;
    ExchangeInspector inspector(&session.transcript);
    auto *count = childNamed<QLabel>(&inspector, "exchangeCount");
    QCOMPARE(count->text(), QStringLiteral("0 exchanges"));
    QCOMPARE(ExchangeInspector::tr("%n exchange(s)", nullptr, 1), QStringLiteral("1 exchange"));
}

void TestTranslations::unknownLocaleFallsBackToEnglish()
{
    QCOMPARE(Tokenscope::Translations::install(*qApp, QLocale(QLocale::Swahili, QLocale::Kenya)),
             QStringLiteral("en"));
}

QTEST_MAIN(TestTranslations)
#include "TestTranslations.moc"
