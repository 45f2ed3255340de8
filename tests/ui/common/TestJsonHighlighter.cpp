// Each JSON token gets its own colour; keys and string values differ.
#include "common/JsonHighlighter.h"

#include <QTest>
#include <QTextBlock>
#include <QTextDocument>
#include <QTextLayout>

namespace {

QColor colourAt(const QTextBlock &block, int position)
{
    const QList<QTextLayout::FormatRange> ranges = block.layout()->formats();
    for (const QTextLayout::FormatRange &range : ranges) {
        if (position >= range.start && position < range.start + range.length)
            return range.format.foreground().color();
    }
    return {};
}

} // namespace

class TestJsonHighlighter final : public QObject
{
    Q_OBJECT

private slots:
    void tokensAreColouredByKind();
};

void TestJsonHighlighter::tokensAreColouredByKind()
{
    QTextDocument document;
    document.setPlainText(
        QStringLiteral(R"(  "key": "value", "n": -1.5e3, "t": true, "z": null,)"));
    JsonHighlighter highlighter(&document);
    highlighter.rehighlight();
    const QTextBlock block = document.firstBlock();
    const QString text = block.text();

    const auto colour = [&highlighter](JsonHighlighter::Token token) {
        return highlighter.formatFor(token).foreground().color();
    };
    QCOMPARE(colourAt(block, int(text.indexOf(QStringLiteral("\"key\"")))),
             colour(JsonHighlighter::Token::Key));
    QCOMPARE(colourAt(block, int(text.indexOf(QStringLiteral("\"value\""))) + 2),
             colour(JsonHighlighter::Token::String));
    QCOMPARE(colourAt(block, int(text.indexOf(QStringLiteral("-1.5e3"))) + 4),
             colour(JsonHighlighter::Token::Number));
    QCOMPARE(colourAt(block, int(text.indexOf(QStringLiteral("true")))),
             colour(JsonHighlighter::Token::Literal));
    QCOMPARE(colourAt(block, int(text.indexOf(QStringLiteral("null"))) + 3),
             colour(JsonHighlighter::Token::Literal));
    QCOMPARE(colourAt(block, int(text.indexOf(QLatin1Char(':')))),
             colour(JsonHighlighter::Token::Punctuation));
    QVERIFY(colour(JsonHighlighter::Token::Key) != colour(JsonHighlighter::Token::String));
}

QTEST_MAIN(TestJsonHighlighter)
#include "TestJsonHighlighter.moc"
