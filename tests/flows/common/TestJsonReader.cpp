// Where a malformed JSON document (RFC 8259) goes wrong: 1-based line and column, the column
// counted in characters, pointing at the first character the parser could not accept.
#include "common/JsonReader.h"

#include <QTest>

using Tokenscope::JsonParseResult;
using Tokenscope::JsonReader;

class TestJsonReader final : public QObject
{
    Q_OBJECT

private slots:
    void parse_data();
    void parse();
    void emptyBodyIsNamed_data();
    void emptyBodyIsNamed();
    void lineColumn_data();
    void lineColumn();
};

void TestJsonReader::parse_data()
{
    QTest::addColumn<QByteArray>("bytes");
    QTest::addColumn<bool>("ok");
    QTest::addColumn<int>("line");
    QTest::addColumn<int>("column");

    // Well-formed documents.
    QTest::newRow("empty_object_is_valid") << QByteArray("{}") << true << 0 << 0;
    QTest::newRow("empty_array_is_valid") << QByteArray("[]") << true << 0 << 0;
    QTest::newRow("rfc6749_token_response_is_valid") << QByteArray(R"({
       "access_token":"2YotnFZFEjr1zCsicMWpAA",
       "token_type":"example",
       "expires_in":3600,
       "refresh_token":"tGzv3JOkF0XG5Qx2TlKWIA",
       "example_parameter":"example_value"
     })") << true << 0 << 0;
    QTest::newRow("nested_document_with_crlf_and_tabs_is_valid")
        << QByteArray(
               "{\r\n\t\"keys\": [\r\n\t\t{\"kty\": \"EC\", \"x\": null, \"ok\": true}\r\n\t]\r\n}")
        << true << 0 << 0;
    QTest::newRow("utf8_strings_are_valid")
        << QByteArray("{\"name\":\"Zo\xc3\xab \xe2\x82\xac \xf0\x9f\x98\x80\"}") << true << 0 << 0;
    QTest::newRow("escaped_unicode_is_valid")
        << QByteArray(R"({"a":"\u00e9\ud83d\ude00","b":"\"\\\/\b\f\n\r\t"})") << true << 0 << 0;
    QTest::newRow("surrounding_whitespace_is_valid")
        << QByteArray(" \n {\"a\": [1, 2.5, -3e2]} \n\n") << true << 0 << 0;

    // Malformed documents: the position of the first character that can't be accepted.
    QTest::newRow("missing_comma_on_line_3_points_at_the_next_member")
        << QByteArray("{\n  \"a\": 1,\n  \"b\": 2 \"c\": 3\n}") << false << 3 << 10;
    QTest::newRow("missing_colon_points_at_the_value")
        << QByteArray(R"({"a" 1})") << false << 1 << 6;
    QTest::newRow("trailing_comma_in_array_points_at_the_bracket")
        << QByteArray("[1,2,]") << false << 1 << 6;
    QTest::newRow("misspelled_literal_points_at_its_first_letter")
        << QByteArray(R"({"a":tru})") << false << 1 << 6;
    QTest::newRow("unterminated_string_runs_to_the_end_of_input")
        << QByteArray(R"({"a": "abc)") << false << 1 << 11;
    QTest::newRow("trailing_garbage_points_at_its_first_character")
        << QByteArray(R"({"a":1} x)") << false << 1 << 9;
    QTest::newRow("trailing_garbage_on_a_later_line")
        << QByteArray("{\"a\":1}\n\nxyz") << false << 3 << 1;
    QTest::newRow("two_byte_character_before_the_error_counts_as_one_column")
        << QByteArray("{\"\xc3\xa9\":1} x") << false << 1 << 9;
    QTest::newRow("three_byte_character_before_the_error_counts_as_one_column")
        << QByteArray("{\"\xe2\x82\xac\":1} x") << false << 1 << 9;
    QTest::newRow("four_byte_character_before_the_error_counts_as_one_column")
        << QByteArray("{\"\xf0\x9f\x98\x80\":1} x") << false << 1 << 9;
    QTest::newRow("multi_byte_character_on_an_earlier_line_does_not_shift_the_column")
        << QByteArray("{\"\xc3\xa9\xc3\xa9\":1}\n  x") << false << 2 << 3;
    // RFC 8259 §7: control characters in a string must be escaped.
    QTest::newRow("raw_newline_inside_a_string_is_rejected")
        << QByteArray("{\"a\":\"x\ny\"}") << false << 1 << 8;
}

void TestJsonReader::parse()
{
    QFETCH(QByteArray, bytes);
    QFETCH(bool, ok);
    QFETCH(int, line);
    QFETCH(int, column);

    const JsonParseResult result = JsonReader::parse(bytes);
    QCOMPARE(result.ok, ok);
    if (ok) {
        QVERIFY(!result.document.isNull());
        QVERIFY(result.message.isEmpty());
        return;
    }
    QVERIFY(result.document.isNull());
    QCOMPARE(result.line, line);
    QCOMPARE(result.column, column);
    // "line 3, column 10: <what the parser expected>"
    const QString where = QStringLiteral("line %1, column %2: ").arg(line).arg(column);
    QVERIFY2(result.message.startsWith(where), qPrintable(result.message));
    QVERIFY2(result.message.size() > where.size(), qPrintable(result.message));
}

void TestJsonReader::emptyBodyIsNamed_data()
{
    QTest::addColumn<QByteArray>("bytes");

    QTest::newRow("empty_body_is_named") << QByteArray();
    QTest::newRow("whitespace_only_body_is_named") << QByteArray(" \r\n\t \n");
}

void TestJsonReader::emptyBodyIsNamed()
{
    QFETCH(QByteArray, bytes);

    const JsonParseResult result = JsonReader::parse(bytes);
    QVERIFY(!result.ok);
    QVERIFY(result.document.isNull());
    QCOMPARE(result.line, 1);
    QCOMPARE(result.column, 1);
    // Says the body is empty rather than blaming a character that isn't there.
    QVERIFY2(result.message.contains(QLatin1String("empty")), qPrintable(result.message));
    QVERIFY2(!result.message.startsWith(QLatin1String("line ")), qPrintable(result.message));
}

void TestJsonReader::lineColumn_data()
{
    QTest::addColumn<QByteArray>("bytes");
    QTest::addColumn<qsizetype>("offset");
    QTest::addColumn<int>("line");
    QTest::addColumn<int>("column");

    QTest::newRow("start_of_text_is_line_1_column_1")
        << QByteArray("abc") << qsizetype(0) << 1 << 1;
    QTest::newRow("offset_within_first_line") << QByteArray("abc") << qsizetype(2) << 1 << 3;
    QTest::newRow("end_of_text_is_one_past_the_last_column")
        << QByteArray("abc") << qsizetype(3) << 1 << 4;
    QTest::newRow("newline_belongs_to_the_line_it_ends")
        << QByteArray("ab\ncd") << qsizetype(2) << 1 << 3;
    QTest::newRow("byte_after_newline_starts_line_2")
        << QByteArray("ab\ncd") << qsizetype(3) << 2 << 1;
    QTest::newRow("third_line") << QByteArray("a\nb\ncde") << qsizetype(6) << 3 << 3;
    QTest::newRow("empty_lines_are_counted") << QByteArray("\n\n\nx") << qsizetype(3) << 4 << 1;
    QTest::newRow("crlf_ends_a_line") << QByteArray("a\r\nb") << qsizetype(3) << 2 << 1;
    QTest::newRow("two_byte_character_is_one_column")
        << QByteArray("\xc3\xa9=x") << qsizetype(3) << 1 << 3;
    QTest::newRow("three_byte_character_is_one_column")
        << QByteArray("\xe2\x82\xacx") << qsizetype(3) << 1 << 2;
    QTest::newRow("four_byte_character_is_one_column")
        << QByteArray("\xf0\x9f\x98\x80x") << qsizetype(4) << 1 << 2;
    QTest::newRow("multi_byte_character_on_previous_line_does_not_count")
        << QByteArray("\xc3\xa9\xc3\xa9\nx") << qsizetype(5) << 2 << 1;
    QTest::newRow("offset_past_the_end_is_clamped") << QByteArray("ab") << qsizetype(10) << 1 << 3;
    QTest::newRow("negative_offset_is_clamped") << QByteArray("ab") << qsizetype(-5) << 1 << 1;
    QTest::newRow("empty_text") << QByteArray() << qsizetype(0) << 1 << 1;
}

void TestJsonReader::lineColumn()
{
    QFETCH(QByteArray, bytes);
    QFETCH(qsizetype, offset);
    QFETCH(int, line);
    QFETCH(int, column);

    const auto [actualLine, actualColumn] = JsonReader::lineColumn(bytes, offset);
    QCOMPARE(actualLine, line);
    QCOMPARE(actualColumn, column);
}

QTEST_APPLESS_MAIN(TestJsonReader)
#include "TestJsonReader.moc"
