// The desktop app's command line: --lang, an optional issuer, usage errors.
#include "CommandLine.h"

#include <QTest>

class TestCommandLine final : public QObject
{
    Q_OBJECT

private slots:
    void languageIsReadBeforeEverythingElse();
    void helpAndVersionNeedNoDisplay();
    void issuerIsOptional();
    void usageErrorsAreNamed_data();
    void usageErrorsAreNamed();
};

void TestCommandLine::languageIsReadBeforeEverythingElse()
{
    QCOMPARE(CommandLine::languageArgument({QStringLiteral("tokenscope"), QStringLiteral("--lang"),
                                            QStringLiteral("zh_CN"),
                                            QStringLiteral("https://idp.example")}),
             QStringLiteral("zh_CN"));
    QCOMPARE(CommandLine::languageArgument({QStringLiteral("tokenscope"),
                                            QStringLiteral("https://idp.example"),
                                            QStringLiteral("--lang=en")}),
             QStringLiteral("en"));
    QVERIFY(CommandLine::languageArgument({QStringLiteral("tokenscope")}).isEmpty());
}

void TestCommandLine::helpAndVersionNeedNoDisplay()
{
    const QString program = QStringLiteral("tokenscope");
    QVERIFY(CommandLine::asksForHelpOrVersion({program, QStringLiteral("--help")}));
    QVERIFY(CommandLine::asksForHelpOrVersion(
        {program, QStringLiteral("--lang"), QStringLiteral("zh_CN"), QStringLiteral("-v")}));
    QVERIFY(!CommandLine::asksForHelpOrVersion({program, QStringLiteral("https://idp.example")}));
    QVERIFY(!CommandLine::asksForHelpOrVersion(
        {program, QStringLiteral("--"), QStringLiteral("--help")}));
}

void TestCommandLine::issuerIsOptional()
{
    QString error;
    CommandLine::Options options = CommandLine::parse({QStringLiteral("tokenscope")}, &error);
    QVERIFY(error.isEmpty());
    QVERIFY(options.issuer.isEmpty());
    QVERIFY(options.language.isEmpty());

    options = CommandLine::parse({QStringLiteral("tokenscope"), QStringLiteral("--lang"),
                                  QStringLiteral("zh_CN"), QStringLiteral("https://idp.example")},
                                 &error);
    QVERIFY2(error.isEmpty(), qPrintable(error));
    QCOMPARE(options.issuer, QStringLiteral("https://idp.example"));
    QCOMPARE(options.language, QStringLiteral("zh_CN"));
}

void TestCommandLine::usageErrorsAreNamed_data()
{
    QTest::addColumn<QStringList>("arguments");
    QTest::addColumn<QString>("mentions");
    QTest::newRow("unknown_option")
        << QStringList{QStringLiteral("--frobnicate")} << QStringLiteral("frobnicate");
    QTest::newRow("unknown_language")
        << QStringList{QStringLiteral("--lang"), QStringLiteral("fr")} << QStringLiteral("fr");
    QTest::newRow("two_issuers") << QStringList{QStringLiteral("https://a.example"),
                                                QStringLiteral("https://b.example")}
                                 << QStringLiteral("one issuer");
}

void TestCommandLine::usageErrorsAreNamed()
{
    QFETCH(QStringList, arguments);
    QFETCH(QString, mentions);
    arguments.prepend(QStringLiteral("tokenscope"));
    QString error;
    CommandLine::parse(arguments, &error);
    QVERIFY2(error.contains(mentions), qPrintable(error));
}

QTEST_MAIN(TestCommandLine)
#include "TestCommandLine.moc"
