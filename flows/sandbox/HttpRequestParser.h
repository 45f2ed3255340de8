#pragma once

#include "HttpMessage.h"

namespace Tokenscope::Sandbox {

// A small, strict HTTP/1.1 request parser for the sandbox's loopback listener: request line
// in origin-form, header lines with no obsolete folding, Content-Length bodies only (no
// chunked transfer coding), bounded sizes. Bytes are fed as they arrive.
class HttpRequestParser final
{
public:
    static constexpr int maxHeaderBytes = 16 * 1024;
    static constexpr int maxHeaderCount = 100;
    static constexpr int maxBodyBytes = 64 * 1024;

    enum class State
    {
        NeedMore,
        Complete,
        Bad,     // 400
        TooLarge // 413 (body) or 431 (headers): see errorStatus()
    };

    // Appends bytes and parses as far as possible.
    State feed(const QByteArray &bytes);
    State state() const { return m_state; }
    int errorStatus() const { return m_errorStatus; }
    // The completed request; takeRequest() resets the parser for the next one and keeps
    // any bytes that were already received after it (pipelining).
    HttpRequest takeRequest();

private:
    State fail(State state, int status);
    State parseHead(qsizetype headEnd);

    QByteArray m_buffer;
    State m_state = State::NeedMore;
    int m_errorStatus = 0;
    bool m_headParsed = false;
    qint64 m_contentLength = 0;
    HttpRequest m_request;
};

} // namespace Tokenscope::Sandbox
