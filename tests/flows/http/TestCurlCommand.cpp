// "Copy as curl": shell quoting of one word, and the command for a recorded exchange.
// bash itself is the judge of the quoting: each quoted word is read back through bash, and
// a rendered command is parsed by bash and run against a curl() function that prints its
// arguments. (Replaying the command against a server is TestCurlReplay's job.)
#include "http/CurlCommand.h"

#include <QProcess>
#include <QStandardPaths>
#include <QTest>

using namespace Tokenscope::Http;

namespace {

struct BashResult
{
    int exitCode = -1;
    QByteArray out;
    QByteArray err;
};

QString bashProgram()
{
    return QStandardPaths::findExecutable(QStringLiteral("bash"));
}

BashResult runBash(const QStringList &arguments)
{
    BashResult result;
    const QString bash = bashProgram();
    QProcess process;
    process.start(bash, arguments);
    if (!process.waitForFinished(30000)) {
        process.kill();
        process.waitForFinished();
        return result;
    }
    result.exitCode = process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -1;
    result.out = process.readAllStandardOutput();
    result.err = process.readAllStandardError();
    return result;
}

Exchange makeRequest(const QByteArray &method, const QString &url, const HeaderList &headers,
                     const QByteArray &body = {})
{
    Exchange exchange;
    exchange.method = method;
    exchange.url = QUrl(url, QUrl::StrictMode);
    exchange.requestHeaders = headers;
    exchange.requestBody = body;
    return exchange;
}

// A body that exercises every quoting path at once: both quote characters, a backslash,
// newlines, a tab, control bytes (ESC, SOH) and multi-byte UTF-8.
QByteArray awkwardBody()
{
    return QByteArrayLiteral(
        "{\"note\":\"it's \\\"quoted\\\"\",\n\"path\":\"C:\\\\dir\",\t\"x\":\"\x01\x1b"
        "[0m\",\n\"name\":\"Zo\xc3\xab \xe2\x9c\x93\"}\n");
}

QStringList words(const QString &command)
{
    return command.split(QStringLiteral(" \\\n  "));
}

} // namespace

class TestCurlCommand final : public QObject
{
    Q_OBJECT

private slots:
    void quote_data();
    void quote();
    void quotedWordReadsBackThroughBash_data();
    void quotedWordReadsBackThroughBash();
    void render_data();
    void render();
    void renderedCommandIsValidBash_data();
    void renderedCommandIsValidBash();
    void renderedCommandPassesTheRecordedBytesToCurl();
};

void TestCurlCommand::quote_data()
{
    QTest::addColumn<QByteArray>("word");
    QTest::addColumn<QString>("expected");

    QTest::newRow("plain_word_is_single_quoted") << QByteArray("abc") << QStringLiteral("'abc'");
    QTest::newRow("empty_word_is_a_pair_of_quotes") << QByteArray("") << QStringLiteral("''");
    QTest::newRow("single_quote_closes_escapes_and_reopens")
        << QByteArray("it's") << QStringLiteral("'it'\\''s'");
    QTest::newRow("shell_metacharacters_stay_literal")
        << QByteArray("$HOME; `id` | \"x\" & *") << QStringLiteral("'$HOME; `id` | \"x\" & *'");
    QTest::newRow("backslash_stays_single_in_single_quotes")
        << QByteArray("a\\b") << QStringLiteral("'a\\b'");
    QTest::newRow("newline_is_kept_in_single_quotes")
        << QByteArray("a\nb") << QStringLiteral("'a\nb'");
    QTest::newRow("tab_is_kept_in_single_quotes") << QByteArray("a\tb") << QStringLiteral("'a\tb'");
    QTest::newRow("utf8_is_kept_verbatim")
        << QByteArray("Zo\xc3\xab \xe2\x9c\x93") << QString::fromUtf8("'Zo\xc3\xab \xe2\x9c\x93'");
    QTest::newRow("control_byte_switches_to_ansi_c_quoting") << QByteArray("a\x01"
                                                                           "b")
                                                             << QStringLiteral("$'a\\x01b'");
    QTest::newRow("escape_byte_is_written_as_hex")
        << QByteArray("\x1b[0m") << QStringLiteral("$'\\x1b[0m'");
    QTest::newRow("newline_next_to_a_control_byte_is_written_as_hex")
        << QByteArray("a\n\x02") << QStringLiteral("$'a\\x0a\\x02'");
    QTest::newRow("backslash_is_doubled_in_ansi_form")
        << QByteArray("a\\b\x01") << QStringLiteral("$'a\\\\b\\x01'");
    QTest::newRow("single_quote_is_escaped_in_ansi_form")
        << QByteArray("it's\x01") << QStringLiteral("$'it\\'s\\x01'");
    QTest::newRow("utf8_is_kept_verbatim_in_ansi_form")
        << QByteArray("\xc3\xa9\x01") << QString::fromUtf8("$'\xc3\xa9\\x01'");
    // DEL is a control character (the ANSI form already escapes it).
    QTest::newRow("del_byte_switches_to_ansi_c_quoting") << QByteArray("a\x7f"
                                                                       "b")
                                                         << QStringLiteral("$'a\\x7fb'");
}

void TestCurlCommand::quote()
{
    QFETCH(QByteArray, word);
    QFETCH(QString, expected);
    QCOMPARE(CurlCommand::quote(word), expected);
}

void TestCurlCommand::quotedWordReadsBackThroughBash_data()
{
    QTest::addColumn<QByteArray>("word");

    QTest::newRow("plain") << QByteArray("abc");
    QTest::newRow("empty") << QByteArray("");
    QTest::newRow("single_quotes") << QByteArray("'it's' ''");
    QTest::newRow("double_quotes_and_dollar") << QByteArray("\"$HOME\" ${x} $(id) `id`");
    QTest::newRow("backslashes") << QByteArray("\\ \\\\ \\n \\x41");
    QTest::newRow("newlines_and_tabs") << QByteArray("a\nb\r\n\tc\n");
    QTest::newRow("utf8") << QByteArray("Zo\xc3\xab \xe2\x9c\x93 \xf0\x9f\x98\x80");
    QTest::newRow("every_control_byte_except_nul") << [] {
        QByteArray bytes;
        for (int c = 1; c < 0x20; ++c)
            bytes += char(c);
        bytes += '\x7f';
        return bytes;
    }();
    QTest::newRow("control_bytes_with_quotes_and_backslash") << QByteArray("'\x01\\\"\x1b'");
    QTest::newRow("body_of_every_kind") << awkwardBody();
    // Bytes that are not UTF-8 (a Latin-1 form body) must reach curl unchanged too.
    QTest::newRow("invalid_utf8_byte_survives") << QByteArray("caf\xe9");
}

void TestCurlCommand::quotedWordReadsBackThroughBash()
{
    if (bashProgram().isEmpty())
        QSKIP("bash is not installed");
    QFETCH(QByteArray, word);

    const BashResult result =
        runBash({QStringLiteral("-c"), QStringLiteral("printf %s ") + CurlCommand::quote(word)});
    QVERIFY2(result.exitCode == 0, result.err.constData());
    QCOMPARE(result.out, word);
}

void TestCurlCommand::render_data()
{
    QTest::addColumn<Exchange>("exchange");
    QTest::addColumn<bool>("showSecrets");
    QTest::addColumn<QStringList>("present");
    QTest::addColumn<QStringList>("absent");

    const QString discovery =
        QStringLiteral("https://as.example.com/.well-known/openid-configuration");
    const QString token = QStringLiteral("https://as.example.com/token");
    const HeaderList form{{"Content-Type", "application/x-www-form-urlencoded"}};
    const Exchange withSecrets = makeRequest(
        "POST", token, {{"Authorization", "Basic czZCaGRSa3F0MzpnWDFmQmF0M2JW"}, form.first()},
        "grant_type=refresh_token&refresh_token=tGzv3JOkF0XG5Qx2TlKWIA");

    QTest::newRow("get_has_no_request_option")
        << makeRequest("GET", discovery, {{"Accept", "application/json"}}) << false
        << QStringList{QStringLiteral("--url '") + discovery + QLatin1Char('\''),
                       QStringLiteral("--header 'Accept: application/json'")}
        << QStringList{QStringLiteral("--request"), QStringLiteral("--head"),
                       QStringLiteral("--data-binary"), QStringLiteral("--compressed")};
    QTest::newRow("post_names_its_method_and_sends_its_body")
        << makeRequest("POST", token, form, "grant_type=client_credentials&scope=read") << false
        << QStringList{QStringLiteral("--request 'POST'"),
                       QStringLiteral("--data-binary 'grant_type=client_credentials&scope=read'")}
        << QStringList{QStringLiteral("--head")};
    QTest::newRow("head_uses_head_option")
        << makeRequest("HEAD", discovery, {}) << false << QStringList{QStringLiteral("--head")}
        << QStringList{QStringLiteral("--request"), QStringLiteral("--data-binary")};
    // curl turns a request with --data-binary into a POST unless told otherwise.
    QTest::newRow("get_with_body_keeps_its_method")
        << makeRequest("GET", discovery, {}, "x=1") << false
        << QStringList{QStringLiteral("--request 'GET'"), QStringLiteral("--data-binary 'x=1'")}
        << QStringList{};
    QTest::newRow("delete_without_body_names_its_method_and_sends_no_data")
        << makeRequest("DELETE", token, {}) << false
        << QStringList{QStringLiteral("--request 'DELETE'")}
        << QStringList{QStringLiteral("--data-binary")};
    QTest::newRow("accept_encoding_sent_means_compressed")
        << makeRequest("GET", discovery, {{"Accept-Encoding", "gzip, deflate"}}) << false
        << QStringList{QStringLiteral("--compressed"),
                       QStringLiteral("--header 'Accept-Encoding: gzip, deflate'")}
        << QStringList{};
    QTest::newRow("lower_case_accept_encoding_means_compressed")
        << makeRequest("GET", discovery, {{"accept-encoding", "gzip"}}) << false
        << QStringList{QStringLiteral("--compressed")} << QStringList{};
    QTest::newRow("headers_keep_their_recorded_order")
        << makeRequest("POST", token,
                       {{"X-Request-Id", "42"},
                        {"User-Agent", "Tokenscope/0.1"},
                        form.first(),
                        {"Accept", "application/json"},
                        {"DPoP", "eyJ0eXAiOiJkcG9wK2p3dCJ9.e30.sig"}},
                       "grant_type=client_credentials")
        << false << QStringList{QStringLiteral("--header 'DPoP: eyJ0eXAiOiJkcG9wK2p3dCJ9.e30.sig'")}
        << QStringList{QStringLiteral("--compressed")};
    QTest::newRow("secrets_are_hidden_by_default")
        << withSecrets << false
        << QStringList{QStringLiteral("--header 'Authorization: Basic [redacted]'"),
                       QStringLiteral(
                           "--data-binary 'grant_type=refresh_token&refresh_token=[redacted]'")}
        << QStringList{QStringLiteral("czZCaGRSa3F0MzpnWDFmQmF0M2JW"),
                       QStringLiteral("tGzv3JOkF0XG5Qx2TlKWIA")};
    QTest::newRow("secrets_are_shown_on_request")
        << withSecrets << true
        << QStringList{QStringLiteral(
                           "--header 'Authorization: Basic czZCaGRSa3F0MzpnWDFmQmF0M2JW'"),
                       QStringLiteral("refresh_token=tGzv3JOkF0XG5Qx2TlKWIA'")}
        << QStringList{QStringLiteral("[redacted]")};
    QTest::newRow("masked_code_in_url_is_not_taken_for_a_glob")
        << makeRequest("GET",
                       QStringLiteral(
                           "https://client.example.com/cb?code=SplxlOBeZQQYbYS6WxSbIA&state=xyz"),
                       {})
        << false
        << QStringList{QStringLiteral("--globoff"),
                       QStringLiteral(
                           "--url 'https://client.example.com/cb?code=[redacted]&state=xyz'")}
        << QStringList{QStringLiteral("SplxlOBeZQQYbYS6WxSbIA")};
}

void TestCurlCommand::render()
{
    QFETCH(Exchange, exchange);
    QFETCH(bool, showSecrets);
    QFETCH(QStringList, present);
    QFETCH(QStringList, absent);

    const QString command = showSecrets ? CurlCommand::render(exchange, CurlCommand::Secrets::Show)
                                        : CurlCommand::render(exchange);
    const QStringList parts = words(command);
    // A bare option ("--head") must be a word of its own: "--header …" is not "--head".
    const auto contains = [&](const QString &text) {
        if (text.startsWith(QLatin1String("--")) && !text.contains(QLatin1Char(' ')))
            return parts.contains(text) || command.contains(text + QLatin1Char(' '));
        return command.contains(text);
    };
    for (const QString &text : std::as_const(present))
        QVERIFY2(contains(text),
                 qPrintable(QString(text + QStringLiteral(" missing in\n") + command)));
    for (const QString &text : std::as_const(absent))
        QVERIFY2(!contains(text),
                 qPrintable(QString(text + QStringLiteral(" found in\n") + command)));

    QVERIFY(parts.first().startsWith(QLatin1String("curl ")));
    QVERIFY2(parts.last().startsWith(QLatin1String("--url ")), qPrintable(command));

    // One --header per recorded header, in the recorded order.
    QCOMPARE(command.count(QLatin1String("--header ")), exchange.requestHeaders.size());
    qsizetype previous = -1;
    for (const auto &[name, value] : std::as_const(exchange.requestHeaders)) {
        const qsizetype at = command.indexOf(QStringLiteral("--header '") +
                                             QString::fromLatin1(QByteArray(name + ": ")));
        QVERIFY2(at > previous, name.constData());
        previous = at;
    }
    QCOMPARE(command.contains(QLatin1String("--data-binary ")), !exchange.requestBody.isEmpty());
}

void TestCurlCommand::renderedCommandIsValidBash_data()
{
    QTest::addColumn<bool>("showSecrets");
    QTest::newRow("with_secrets_hidden") << false;
    QTest::newRow("with_secrets_shown") << true;
}

void TestCurlCommand::renderedCommandIsValidBash()
{
    if (bashProgram().isEmpty())
        QSKIP("bash is not installed");
    QFETCH(bool, showSecrets);

    const Exchange exchange =
        makeRequest("POST", QStringLiteral("https://as.example.com/token?x=it's"),
                    {{"Content-Type", "application/json"},
                     {"Authorization", "Bearer mF_9.B5f-4.1JqM"},
                     {"X-Note", "it's \"odd\" \\ $HOME"}},
                    awkwardBody());
    const QString command = CurlCommand::render(exchange, showSecrets ? CurlCommand::Secrets::Show
                                                                      : CurlCommand::Secrets::Hide);

    const BashResult result = runBash({QStringLiteral("-n"), QStringLiteral("-c"), command});
    QVERIFY2(result.exitCode == 0, result.err.constData());
}

void TestCurlCommand::renderedCommandPassesTheRecordedBytesToCurl()
{
    if (bashProgram().isEmpty())
        QSKIP("bash is not installed");
    const QByteArray url = "https://as.example.com/token?x=it's&y=%22";
    const HeaderList headers{{"Content-Type", "application/json"},
                             {"X-Note", "it's \"odd\" \\ $HOME \xc3\xa9"},
                             {"Accept", "*/*"}};
    Exchange exchange = makeRequest("PUT", QString(), headers, awkwardBody());
    exchange.url = QUrl::fromEncoded(url, QUrl::StrictMode);
    QVERIFY(exchange.url.isValid());
    const QString command = CurlCommand::render(exchange, CurlCommand::Secrets::Show);

    // A curl() function in place of curl: each argument, NUL-terminated.
    const BashResult result = runBash(
        {QStringLiteral("-c"), QStringLiteral("curl() { printf '%s\\0' \"$@\"; }\n") + command});
    QVERIFY2(result.exitCode == 0, result.err.constData());
    QByteArrayList arguments = result.out.split('\0');
    QVERIFY(arguments.size() > 2);
    QCOMPARE(arguments.takeLast(), QByteArray()); // after the last terminator

    const auto valueAfter = [&arguments](const QByteArray &option) {
        const qsizetype at = arguments.indexOf(option);
        return at >= 0 && at + 1 < arguments.size() ? arguments.at(at + 1) : QByteArray();
    };
    QCOMPARE(valueAfter("--request"), QByteArray("PUT"));
    QCOMPARE(valueAfter("--data-binary"), awkwardBody());
    QCOMPARE(arguments.at(arguments.size() - 2), QByteArray("--url"));
    QCOMPARE(arguments.last(), url);

    QByteArrayList sentHeaders;
    for (qsizetype i = 0; i + 1 < arguments.size(); ++i) {
        if (arguments.at(i) == "--header")
            sentHeaders << arguments.at(i + 1);
    }
    QByteArrayList recordedHeaders;
    for (const auto &[name, value] : headers)
        recordedHeaders << name + ": " + value;
    QCOMPARE(sentHeaders, recordedHeaders);
}

QTEST_GUILESS_MAIN(TestCurlCommand)
#include "TestCurlCommand.moc"
