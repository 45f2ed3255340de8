#pragma once

#include "common/Clock.h"
#include "http/HttpClient.h"
#include "http/Transcript.h"

#include <QNetworkAccessManager>

namespace Tokenscope::Testing {

// What an engine under test calls a provider with. A fresh one for each test function
// keeps transcripts and connections apart.
struct HttpStack
{
    explicit HttpStack(const Clock &clock)
        : http(&network, &transcript, clock)
    {}

    QNetworkAccessManager network;
    Http::Transcript transcript;
    Http::HttpClient http;
};

} // namespace Tokenscope::Testing
