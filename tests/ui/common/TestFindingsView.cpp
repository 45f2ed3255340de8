// The findings list shows a provider's words as text: markup in a message is neither
// rendered in the row nor in its tool tip.
#include "common/FindingsView.h"

#include <QApplication>
#include <QTest>
#include <QTextDocument>
#include <QTreeWidgetItem>

using Tokenscope::Finding;

class TestFindingsView final : public QObject
{
    Q_OBJECT

private slots:
    void markupInAMessageStaysText();
};

void TestFindingsView::markupInAMessageStaysText()
{
    FindingsView view;
    const QString message = QStringLiteral("The provider said <b>html</b> & more");
    view.setFindings({Finding{QStringLiteral("callback_error"), Finding::Status::Fail, message,
                              QString(), QString(), QStringLiteral("RFC 6749 §4.1.2.1")}});
    QTreeWidgetItem *row = view.topLevelItem(0);
    QVERIFY(row);
    QCOMPARE(row->text(1), message);
    // What the tool tip shows, as Qt renders it: the same words, tags and all.
    QTextDocument shown;
    const QString tip = row->toolTip(1);
    QVERIFY(Qt::mightBeRichText(tip));
    shown.setHtml(tip);
    QCOMPARE(shown.toPlainText(), QStringLiteral("callback_error: ") + message);
}

QTEST_MAIN(TestFindingsView)
#include "TestFindingsView.moc"
