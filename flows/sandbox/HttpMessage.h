#pragma once

#include <QByteArray>
#include <QList>
#include <QPair>
#include <QString>

namespace Tokenscope::Sandbox {

// One parsed HTTP/1.1 request as the sandbox sees it.
struct HttpRequest
{
    QByteArray method;
    QByteArray target;                            // origin-form, as sent
    QString path;                                 // decoded path
    QByteArray query;                             // raw query, without '?'
    QList<QPair<QByteArray, QByteArray>> headers; // names lower-cased
    QByteArray body;

    QByteArray header(const QByteArray &lowerName) const
    {
        for (const auto &h : headers)
            if (h.first == lowerName)
                return h.second;
        return {};
    }
    int headerCount(const QByteArray &lowerName) const
    {
        int n = 0;
        for (const auto &h : headers)
            n += h.first == lowerName ? 1 : 0;
        return n;
    }
};

// One response; the server adds Content-Length, Connection and the security headers.
struct HttpResponse
{
    int status = 200;
    QList<QPair<QByteArray, QByteArray>> headers;
    QByteArray body;

    void setHeader(const QByteArray &name, const QByteArray &value)
    {
        headers.append({name, value});
    }
    QByteArray header(const QByteArray &name) const
    {
        for (const auto &h : headers)
            if (h.first.compare(name, Qt::CaseInsensitive) == 0)
                return h.second;
        return {};
    }
    static QByteArray reason(int status);
    // The bytes on the wire; for a HEAD request, the headers only (Content-Length as for GET).
    QByteArray serialize(bool close, bool headOnly = false) const;
};

} // namespace Tokenscope::Sandbox
