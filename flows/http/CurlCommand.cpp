#include "CurlCommand.h"

#include "Redactor.h"
#include "common/Utf8.h"

namespace Tokenscope::Http {

static bool isControl(unsigned char byte)
{
    return (byte < 0x20 && byte != '\n' && byte != '\t') || byte == 0x7f;
}

static QByteArray hexEscape(unsigned char byte)
{
    return QByteArrayLiteral("\\x") + QByteArray::number(byte, 16).rightJustified(2, '0');
}

QString CurlCommand::quote(const QByteArray &word)
{
    const bool utf8 = isValidUtf8(word);
    const bool plain = utf8 && std::none_of(word.cbegin(), word.cend(), [](char c) {
                           return isControl(static_cast<unsigned char>(c));
                       });
    if (plain) {
        QByteArray quoted = word;
        quoted.replace('\'', QByteArrayLiteral("'\\''"));
        return QString::fromUtf8('\'' + quoted + '\'');
    }
    // ANSI-C quoting: control bytes, and every byte above 0x7f when the word is not
    // UTF-8 (a QString could not carry it), as \xNN. A NUL cannot be in a shell word at
    // all: bodies with one go through printf (see render).
    QByteArray quoted = QByteArrayLiteral("$'");
    for (const char c : word) {
        const auto byte = static_cast<unsigned char>(c);
        if (c == '\\' || c == '\'')
            quoted += '\\' + QByteArray(1, c);
        else if (byte < 0x20 || byte == 0x7f || (!utf8 && byte >= 0x80))
            quoted += hexEscape(byte);
        else
            quoted += c;
    }
    return QString::fromUtf8(quoted + '\'');
}

// A printf format that prints exactly `bytes`, NUL included, as one single-quoted word.
static QString printfFormat(const QByteArray &bytes)
{
    QByteArray format;
    for (const char c : bytes) {
        const auto byte = static_cast<unsigned char>(c);
        if (c == '%')
            format += "%%";
        else if (c == '\\')
            format += "\\\\";
        else if (c == '\'')
            format += "'\\''";
        else if (byte < 0x20 || byte >= 0x7f)
            format += hexEscape(byte);
        else
            format += c;
    }
    return QString::fromLatin1('\'' + format + '\'');
}

QString CurlCommand::render(const Exchange &recorded, Secrets secrets)
{
    const Exchange exchange = secrets == Secrets::Show ? recorded : Redactor::redact(recorded);
    QStringList words{QStringLiteral("curl --http1.1 --silent --show-error --include --path-as-is "
                                     "--globoff")};
    if (exchange.method == "HEAD")
        words << QStringLiteral("--head");
    else if (exchange.method != "GET" || !exchange.requestBody.isEmpty())
        words << QStringLiteral("--request ") + quote(exchange.method);
    bool acceptsEncoding = false;
    for (const auto &[name, value] : exchange.requestHeaders) {
        words << QStringLiteral("--header ") + quote(name + QByteArrayLiteral(": ") + value);
        if (name.compare("Accept-Encoding", Qt::CaseInsensitive) == 0)
            acceptsEncoding = true;
    }
    if (acceptsEncoding)
        words << QStringLiteral("--compressed");
    if (exchange.requestBody.size() > qsizetype(1024) * 1024) // curl adds "Expect: 100-continue"
        words << QStringLiteral("--header 'Expect:'");
    if (!exchange.requestBody.isEmpty())
        words << (exchange.requestBody.contains('\0')
                      ? QString(QStringLiteral("--data-binary @<(printf ") +
                                printfFormat(exchange.requestBody) + QLatin1Char(')'))
                      : QString(QStringLiteral("--data-binary ") + quote(exchange.requestBody)));
    words << QStringLiteral("--url ") + quote(exchange.url.toEncoded());
    return words.join(QStringLiteral(" \\\n  "));
}

} // namespace Tokenscope::Http
