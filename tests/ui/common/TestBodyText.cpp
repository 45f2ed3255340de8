// How bodies are classified and turned into text: JSON keeps its member order and
// numbers as written, forms are decoded, large bodies are cut and left unformatted.
#include "common/BodyText.h"

#include <QTest>

class TestBodyText final : public QObject
{
    Q_OBJECT

private slots:
    void classify_data();
    void classify();
    void prettyJson_data();
    void prettyJson();
    void malformedJsonIsShownAsReceivedWithTheParserPosition();
    void formIsDecodedInOrder();
    void largeBodyIsNotFormatted();
    void hugeBodyIsCutAndLongLinesBroken();
    void binaryBodyIsAHexDump();
};

void TestBodyText::classify_data()
{
    QTest::addColumn<QByteArray>("contentType");
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<BodyText::Kind>("kind");

    QTest::newRow("empty_body_is_empty")
        << QByteArray("application/json") << QByteArray() << BodyText::Kind::Empty;
    QTest::newRow("application_json_with_charset") << QByteArray("application/json; charset=utf-8")
                                                   << QByteArray("{}") << BodyText::Kind::Json;
    QTest::newRow("jwk_set_plus_json") << QByteArray("application/jwk-set+json")
                                       << QByteArray("{\"keys\":[]}") << BodyText::Kind::Json;
    QTest::newRow("untyped_object_is_json")
        << QByteArray() << QByteArray(" {\"a\":1}") << BodyText::Kind::Json;
    QTest::newRow("form") << QByteArray("application/x-www-form-urlencoded")
                          << QByteArray("a=1&b=2") << BodyText::Kind::Form;
    QTest::newRow("html_by_type") << QByteArray("text/html") << QByteArray("<p>x</p>")
                                  << BodyText::Kind::Html;
    QTest::newRow("untyped_html_by_doctype")
        << QByteArray() << QByteArray("<!DOCTYPE html><html></html>") << BodyText::Kind::Html;
    QTest::newRow("plain_text") << QByteArray("text/plain") << QByteArray("hello")
                                << BodyText::Kind::Text;
    QTest::newRow("nul_bytes_are_binary") << QByteArray("application/octet-stream")
                                          << QByteArray("ab\0cd", 5) << BodyText::Kind::Binary;
    QTest::newRow("invalid_utf8_is_binary")
        << QByteArray() << QByteArray("\xff\xfe\xfa") << BodyText::Kind::Binary;
}

void TestBodyText::classify()
{
    QFETCH(QByteArray, contentType);
    QFETCH(QByteArray, body);
    QFETCH(BodyText::Kind, kind);
    QCOMPARE(BodyText::classify(contentType, body), kind);
}

void TestBodyText::prettyJson_data()
{
    QTest::addColumn<QByteArray>("json");
    QTest::addColumn<QString>("pretty");

    QTest::newRow("members_keep_their_order")
        << QByteArray(R"({"z":1,"a":2})") << QStringLiteral("{\n  \"z\": 1,\n  \"a\": 2\n}");
    QTest::newRow("numbers_stay_as_written")
        << QByteArray(R"({"n":1.50,"e":1E3})")
        << QStringLiteral("{\n  \"n\": 1.50,\n  \"e\": 1E3\n}");
    QTest::newRow("empty_containers_stay_on_one_line")
        << QByteArray(R"({"a":[],"b":{ }})") << QStringLiteral("{\n  \"a\": [],\n  \"b\": {}\n}");
    QTest::newRow("nested_arrays_are_indented")
        << QByteArray(R"([1,[2,3]])") << QStringLiteral("[\n  1,\n  [\n    2,\n    3\n  ]\n]");
    QTest::newRow("punctuation_inside_strings_is_kept")
        << QByteArray(R"({"s":"a, {b}: [c] \"d\""})")
        << QStringLiteral("{\n  \"s\": \"a, {b}: [c] \\\"d\\\"\"\n}");
    QTest::newRow("whitespace_is_normalized")
        << QByteArray("{\n\t\"a\" :\r\n true }") << QStringLiteral("{\n  \"a\": true\n}");
    QTest::newRow("utf8_survives")
        << QByteArray(R"({"name":"Zoë 張"})") << QStringLiteral("{\n  \"name\": \"Zoë 張\"\n}");
}

void TestBodyText::prettyJson()
{
    QFETCH(QByteArray, json);
    QFETCH(QString, pretty);
    QCOMPARE(BodyText::prettyJson(json), pretty);
    const BodyText::Presentation shown = BodyText::present("application/json", json);
    QCOMPARE(shown.text, pretty);
    QVERIFY(shown.highlight);
    QVERIFY(shown.note.isEmpty());
}

void TestBodyText::malformedJsonIsShownAsReceivedWithTheParserPosition()
{
    const QByteArray body = "{\n  \"a\": 1,\n  oops\n}";
    const BodyText::Presentation shown = BodyText::present("application/json", body);
    QCOMPARE(shown.kind, BodyText::Kind::Json);
    QCOMPARE(shown.text, QString::fromLatin1(body));
    QVERIFY(!shown.highlight);
    QVERIFY2(shown.note.contains(QStringLiteral("line 3")), qPrintable(shown.note));
}

void TestBodyText::formIsDecodedInOrder()
{
    const QByteArray form = "grant_type=authorization_code&redirect_uri=http%3A%2F%2F127.0.0.1"
                            "%3A8080%2Fcb&scope=openid+profile&flag";
    QCOMPARE(BodyText::decodedForm(form), QStringLiteral("grant_type = authorization_code\n"
                                                         "redirect_uri = http://127.0.0.1:8080/cb\n"
                                                         "scope = openid profile\nflag"));
    const BodyText::Presentation shown =
        BodyText::present("application/x-www-form-urlencoded", form);
    QCOMPARE(shown.kind, BodyText::Kind::Form);
    QVERIFY(shown.formatted);
}

void TestBodyText::largeBodyIsNotFormatted()
{
    QByteArray json = "[";
    while (json.size() <= BodyText::FormatLimit)
        json += "1,\n";
    json += "1]";
    const BodyText::Presentation shown = BodyText::present("application/json", json);
    QCOMPARE(shown.kind, BodyText::Kind::Json);
    QVERIFY(!shown.highlight);
    QVERIFY(!shown.formatted);
    QCOMPARE(shown.text, QString::fromLatin1(json)); // under the display limit: all of it
    QVERIFY2(shown.note.startsWith(QStringLiteral("Large body")), qPrintable(shown.note));
}

void TestBodyText::hugeBodyIsCutAndLongLinesBroken()
{
    const QByteArray line(3 * BodyText::DisplayLimit, 'x');
    QString note;
    const QString text = BodyText::displayText(line, &note);
    QCOMPARE(text.count(QLatin1Char('x')), BodyText::DisplayLimit);
    QCOMPARE(text.count(QLatin1Char('\n')), BodyText::DisplayLimit / BodyText::DisplayLineLimit);
    QVERIFY(note.contains(QStringLiteral("Showing the first 1 MiB of 3 MiB")));
    QVERIFY(note.contains(QStringLiteral("broken for display")));

    // Small bodies are never altered.
    const QByteArray small(BodyText::DisplayLineLimit * 4, 'y');
    QCOMPARE(BodyText::displayText(small), QString::fromLatin1(small));
}

void TestBodyText::binaryBodyIsAHexDump()
{
    const QByteArray bytes("\x89PNG\r\n\x1a\n\0\0\0\rIHDR", 16);
    const BodyText::Presentation shown = BodyText::present("image/png", bytes);
    QCOMPARE(shown.kind, BodyText::Kind::Binary);
    QCOMPARE(shown.text,
             QStringLiteral("00000000  89 50 4e 47 0d 0a 1a 0a 00 00 00 0d 49 48 44 52  "
                            ".PNG........IHDR\n"));
    QVERIFY(shown.note.contains(QStringLiteral("hex dump")));
}

QTEST_MAIN(TestBodyText)
#include "TestBodyText.moc"
