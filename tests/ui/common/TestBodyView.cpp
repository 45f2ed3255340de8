// The body view's modes: formatted or as received, HTML as source or rendered offline.
#include "common/BodyView.h"
#include "common/OfflineTextBrowser.h"

#include <QComboBox>
#include <QTest>

class TestBodyView final : public QObject
{
    Q_OBJECT

private slots:
    void jsonIsPrettyAndHighlightedWithTheBytesOneChoiceAway();
    void formIsDecoded();
    void plainTextHasNoModes();
    void emptyBodySaysSo();
    void offlineBrowserLoadsNothing();
};

void TestBodyView::jsonIsPrettyAndHighlightedWithTheBytesOneChoiceAway()
{
    BodyView view;
    view.show();
    view.setBody("application/json", R"({"b":1,"a":[true,null]})");
    QCOMPARE(view.text(),
             QStringLiteral("{\n  \"b\": 1,\n  \"a\": [\n    true,\n    null\n  ]\n}"));
    QVERIFY(view.isHighlighted());
    QCOMPARE(view.mode(), BodyView::Mode::Formatted);

    auto *box = view.findChild<QComboBox *>(QStringLiteral("bodyModeBox"));
    QVERIFY(box->isVisible());
    box->setCurrentIndex(1);
    QCOMPARE(view.mode(), BodyView::Mode::AsReceived);
    QCOMPARE(view.text(), QStringLiteral(R"({"b":1,"a":[true,null]})"));
    QVERIFY(!view.isHighlighted());

    view.setMode(BodyView::Mode::Formatted);
    QVERIFY(view.text().startsWith(QStringLiteral("{\n")));
}

void TestBodyView::formIsDecoded()
{
    BodyView view;
    view.setBody("application/x-www-form-urlencoded", "code=abc&redirect_uri=a%2Fb");
    QCOMPARE(view.text(), QStringLiteral("code = abc\nredirect_uri = a/b"));
    view.setMode(BodyView::Mode::AsReceived);
    QCOMPARE(view.text(), QStringLiteral("code=abc&redirect_uri=a%2Fb"));
}

void TestBodyView::plainTextHasNoModes()
{
    BodyView view;
    view.show();
    view.setBody("text/plain", "hello");
    QCOMPARE(view.text(), QStringLiteral("hello"));
    QVERIFY(view.modes().isEmpty());
    QVERIFY(!view.findChild<QComboBox *>(QStringLiteral("bodyModeBox"))->isVisible());
    QVERIFY(view.note().isEmpty());
}

void TestBodyView::emptyBodySaysSo()
{
    BodyView view;
    view.setBody("application/json", QByteArray());
    QCOMPARE(view.kind(), BodyText::Kind::Empty);
    QVERIFY(view.text().isEmpty());
    view.setPlaceholder(QStringLiteral("No response"));
    QVERIFY(view.text().isEmpty());
}

void TestBodyView::offlineBrowserLoadsNothing()
{
    OfflineTextBrowser browser;
    QVERIFY(!browser.openLinks());
    QVERIFY(!browser.openExternalLinks());
    const QVariant image = browser.loadResource(QTextDocument::ImageResource,
                                                QUrl(QStringLiteral("file:///etc/hostname")));
    QVERIFY(!image.isValid());
    const QVariant sheet = browser.loadResource(QTextDocument::StyleSheetResource,
                                                QUrl(QStringLiteral("https://example.com/a.css")));
    QVERIFY(!sheet.isValid());
}

QTEST_MAIN(TestBodyView)
#include "TestBodyView.moc"
