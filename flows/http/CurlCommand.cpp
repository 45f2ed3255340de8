#include "CurlCommand.h"

#include "Redactor.h"

namespace Tokenscope::Http {

static bool needsAnsiQuoting(const QByteArray &word)
{
    return std::any_of(word.cbegin(), word.cend(), [](char c) {
        const auto byte = static_cast<unsigned char>(c);
        return byte < 0x20 && c != '\n' && c != '\t';
    });
}

QString CurlCommand::quote(const QByteArray &word)
{
    if (!needsAnsiQuoting(word)) {
        QByteArray quoted = word;
        quoted.replace('\'', QByteArrayLiteral("'\\''"));
        return QString::fromUtf8('\'' + quoted + '\'');
    }
    QByteArray quoted = QByteArrayLiteral("$'");
    for (const char c : word) {
        const auto byte = static_cast<unsigned char>(c);
        if (c == '\\' || c == '\'')
            quoted += '\\' + QByteArray(1, c);
        else if (byte < 0x20 || byte == 0x7f)
            quoted +=
                QByteArrayLiteral("\\x") + QByteArray::number(byte, 16).rightJustified(2, '0');
        else
            quoted += c;
    }
    return QString::fromUtf8(quoted + '\'');
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
    if (exchange.requestBody.size() > 1024 * 1024) // curl would add "Expect: 100-continue"
        words << QStringLiteral("--header 'Expect:'");
    if (!exchange.requestBody.isEmpty())
        words << QStringLiteral("--data-binary ") + quote(exchange.requestBody);
    words << QStringLiteral("--url ") + quote(exchange.url.toEncoded());
    return words.join(QStringLiteral(" \\\n  "));
}

} // namespace Tokenscope::Http
