#include "HttpRequestParser.h"

#include <QUrl>

namespace Tokenscope::Sandbox {

namespace {

bool isTokenChar(char c)
{
    if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9'))
        return true;
    return QByteArrayView("!#$%&'*+-.^_`|~").contains(c);
}

bool isToken(const QByteArray &text)
{
    if (text.isEmpty())
        return false;
    for (char c : text)
        if (!isTokenChar(c))
            return false;
    return true;
}

bool hasControl(const QByteArray &text)
{
    for (char c : text) {
        const auto u = static_cast<unsigned char>(c);
        if ((u < 0x20 && c != '\t') || u == 0x7f)
            return true;
    }
    return false;
}

} // namespace

HttpRequestParser::State HttpRequestParser::fail(State state, int status)
{
    m_state = state;
    m_errorStatus = status;
    m_buffer.clear();
    return m_state;
}

HttpRequestParser::State HttpRequestParser::feed(const QByteArray &bytes)
{
    if (m_state == State::Bad || m_state == State::TooLarge)
        return m_state;
    m_buffer += bytes;
    // Whatever a client pipelines, no more than one request's worth is held.
    if (m_buffer.size() > qsizetype(maxHeaderBytes) + maxBodyBytes)
        return fail(State::TooLarge, 413);
    if (m_state == State::Complete)
        return m_state;
    if (!m_headParsed) {
        // Leading empty lines before a request line are tolerated (RFC 9112 §2.2).
        while (m_buffer.startsWith("\r\n"))
            m_buffer.remove(0, 2);
        const qsizetype headEnd = m_buffer.indexOf("\r\n\r\n");
        if (headEnd < 0) {
            if (m_buffer.size() > maxHeaderBytes)
                return fail(State::TooLarge, 431);
            return m_state = State::NeedMore;
        }
        if (headEnd + 4 > maxHeaderBytes)
            return fail(State::TooLarge, 431);
        if (parseHead(headEnd) != State::NeedMore)
            return m_state;
    }
    if (m_buffer.size() < m_contentLength)
        return m_state = State::NeedMore;
    m_request.body = m_buffer.left(m_contentLength);
    m_buffer.remove(0, m_contentLength);
    return m_state = State::Complete;
}

HttpRequestParser::State HttpRequestParser::parseHead(qsizetype headEnd)
{
    const QByteArray head = m_buffer.left(headEnd);
    m_buffer.remove(0, headEnd + 4);
    const QList<QByteArray> lines = head.split('\n');
    QList<QByteArray> clean;
    for (const QByteArray &line : lines) {
        if (!line.endsWith('\r') && &line != &lines.last())
            return fail(State::Bad, 400); // bare LF
        clean.append(line.endsWith('\r') ? line.chopped(1) : line);
    }
    // Last line has no \r because the split consumed "\r\n\r\n" partially: head ends before it.
    const QList<QByteArray> requestLine = clean.first().split(' ');
    if (requestLine.size() != 3)
        return fail(State::Bad, 400);
    m_request = HttpRequest();
    m_request.method = requestLine.at(0);
    m_request.target = requestLine.at(1);
    const QByteArray version = requestLine.at(2);
    if (!isToken(m_request.method) || (version != "HTTP/1.1" && version != "HTTP/1.0"))
        return fail(State::Bad, 400);
    if (!m_request.target.startsWith('/') || hasControl(m_request.target) ||
        m_request.target.contains('#'))
        return fail(State::Bad, 400);
    const qsizetype q = m_request.target.indexOf('?');
    const QByteArray rawPath = q < 0 ? m_request.target : m_request.target.left(q);
    m_request.query = q < 0 ? QByteArray() : m_request.target.mid(q + 1);
    m_request.path = QUrl::fromPercentEncoding(rawPath);
    if (clean.size() - 1 > maxHeaderCount)
        return fail(State::TooLarge, 431);
    for (qsizetype i = 1; i < clean.size(); ++i) {
        const QByteArray &line = clean.at(i);
        if (line.startsWith(' ') || line.startsWith('\t'))
            return fail(State::Bad, 400); // obsolete line folding
        const qsizetype colon = line.indexOf(':');
        if (colon <= 0)
            return fail(State::Bad, 400);
        const QByteArray name = line.left(colon);
        const QByteArray value = line.mid(colon + 1).trimmed();
        if (!isToken(name) || hasControl(value))
            return fail(State::Bad, 400);
        m_request.headers.append({name.toLower(), value});
    }
    if (m_request.headerCount("host") != 1 && version == "HTTP/1.1")
        return fail(State::Bad, 400);
    if (!m_request.header("transfer-encoding").isEmpty())
        return fail(State::Bad, 400); // chunked bodies are not accepted
    const int lengths = m_request.headerCount("content-length");
    if (lengths > 1)
        return fail(State::Bad, 400);
    m_contentLength = 0;
    if (lengths == 1) {
        const QByteArray value = m_request.header("content-length");
        if (value.isEmpty() || value.size() > 18)
            return fail(State::Bad, 400);
        for (char c : value)
            if (c < '0' || c > '9')
                return fail(State::Bad, 400);
        m_contentLength = value.toLongLong();
        if (m_contentLength > maxBodyBytes)
            return fail(State::TooLarge, 413);
    }
    m_headParsed = true;
    return m_state = State::NeedMore;
}

HttpRequest HttpRequestParser::takeRequest()
{
    HttpRequest out = std::move(m_request);
    m_request = HttpRequest();
    m_headParsed = false;
    m_contentLength = 0;
    m_state = State::NeedMore;
    return out;
}

} // namespace Tokenscope::Sandbox
