#pragma once

#include "HttpMessage.h"
#include "redirect/RedirectMatcher.h"

#include <QHash>
#include <QJsonDocument>
#include <QJsonObject>
#include <QString>

namespace Tokenscope::Sandbox::Reply {

// Small response builders shared by the sandbox's grant and endpoint handlers.

inline HttpResponse json(int status, const QJsonObject &object)
{
    HttpResponse response;
    response.status = status;
    response.setHeader("Content-Type", "application/json; charset=utf-8");
    response.body = QJsonDocument(object).toJson(QJsonDocument::Compact);
    return response;
}

// RFC 6749 §5.2.
inline HttpResponse oauthError(int status, const QString &error, const QString &description)
{
    HttpResponse response =
        json(status, QJsonObject{{QStringLiteral("error"), error},
                                 {QStringLiteral("error_description"), description}});
    response.setHeader("Pragma", "no-cache");
    return response;
}

inline HttpResponse tokens(const QJsonObject &object)
{
    HttpResponse response = json(200, object);
    response.setHeader("Pragma", "no-cache");
    return response;
}

// 401 invalid_client with a Basic challenge (RFC 6749 §5.2).
inline HttpResponse invalidClient(const QString &description)
{
    HttpResponse response = oauthError(401, QStringLiteral("invalid_client"), description);
    response.setHeader("WWW-Authenticate",
                       "Basic realm=\"tokenscope-sandbox\", error=\"invalid_client\"");
    return response;
}

// A Bearer error (RFC 6750 §3) with the same fields in a JSON body.
inline HttpResponse bearerError(int status, const QByteArray &error, const QString &description)
{
    HttpResponse response = oauthError(status, QString::fromLatin1(error), description);
    QString safe = description;
    safe.remove(QLatin1Char('"')).remove(QLatin1Char('\\'));
    response.setHeader("WWW-Authenticate", "Bearer realm=\"tokenscope-sandbox\", error=\"" + error +
                                               "\", error_description=\"" + safe.toUtf8() + '"');
    return response;
}

// application/x-www-form-urlencoded; false when a parameter is repeated (RFC 6749 §3.2).
inline bool parseForm(const QByteArray &encoded, QHash<QString, QString> *form)
{
    form->clear();
    const auto pairs = Redirect::RedirectMatcher::decodeForm(encoded);
    for (const auto &pair : pairs) {
        if (form->contains(pair.first))
            return false;
        form->insert(pair.first, pair.second);
    }
    return true;
}

inline bool isForm(const HttpRequest &request)
{
    const QByteArray type = request.header("content-type").split(';').first().trimmed().toLower();
    return type == "application/x-www-form-urlencoded";
}

inline bool isJson(const HttpRequest &request)
{
    const QByteArray type = request.header("content-type").split(';').first().trimmed().toLower();
    return type == "application/json";
}

inline QString escape(const QString &text)
{
    return text.toHtmlEscaped().replace(QLatin1Char('\''), QLatin1String("&#39;"));
}

} // namespace Tokenscope::Sandbox::Reply
