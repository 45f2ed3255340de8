#pragma once

// Shared by the sandbox tests: a provider on a fixed clock with keys in a temporary
// directory, and helpers that walk the login and consent pages through handle().

#include "HttpMessage.h"
#include "SandboxKeys.h"
#include "SandboxProvider.h"
#include "common/Clock.h"
#include "common/RandomSource.h"
#include "redirect/RedirectMatcher.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QUrl>
#include <QUrlQuery>

namespace Tokenscope::Testing {

inline Sandbox::HttpRequest formPost(const QString &path, const QByteArray &body,
                                     const QByteArray &authorization = {})
{
    Sandbox::HttpRequest request;
    request.method = "POST";
    request.path = path;
    request.target = path.toUtf8();
    request.headers.append({QByteArray("host"), QByteArray("127.0.0.1")});
    request.headers.append(
        {QByteArray("content-type"), QByteArray("application/x-www-form-urlencoded")});
    if (!authorization.isEmpty())
        request.headers.append({QByteArray("authorization"), authorization});
    request.body = body;
    return request;
}

inline Sandbox::HttpRequest get(const QString &path, const QByteArray &query = {},
                                const QByteArray &authorization = {})
{
    Sandbox::HttpRequest request;
    request.method = "GET";
    request.path = path;
    request.query = query;
    request.target = path.toUtf8() + (query.isEmpty() ? QByteArray() : '?' + query);
    request.headers.append({QByteArray("host"), QByteArray("127.0.0.1")});
    if (!authorization.isEmpty())
        request.headers.append({QByteArray("authorization"), authorization});
    return request;
}

inline QByteArray form(const QList<QPair<QString, QString>> &pairs)
{
    QByteArray out;
    for (const auto &p : pairs)
        out += (out.isEmpty() ? "" : "&") + QUrl::toPercentEncoding(p.first) + '=' +
               QUrl::toPercentEncoding(p.second);
    return out;
}

inline QJsonObject jsonOf(const Sandbox::HttpResponse &response)
{
    return QJsonDocument::fromJson(response.body).object();
}

inline QByteArray basic(const QByteArray &id, const QByteArray &secret)
{
    return "Basic " + QByteArray(id + ':' + secret).toBase64();
}

struct SandboxKit
{
    // One key directory per test process: the first kit generates the keys, the others
    // load them (RSA generation is slow; loading is what a second start does anyway).
    static QTemporaryDir &sharedKeyDir()
    {
        static QTemporaryDir dir;
        return dir;
    }
    QTemporaryDir &keyDir = sharedKeyDir();
    FixedClock clock{QDateTime(QDate(2026, 1, 1), QTime(12, 0), Qt::UTC)};
    SystemRandomSource random;
    Sandbox::SandboxKeys keys;
    std::unique_ptr<Sandbox::SandboxProvider> provider;

    SandboxKit()
    {
        QString error;
        if (!keys.load(keyDir.path(), &error))
            qFatal("sandbox keys: %s", qPrintable(error));
        provider = std::make_unique<Sandbox::SandboxProvider>(clock, random, keys);
        provider->setIssuer(QStringLiteral("http://127.0.0.1:1234"));
    }

    static QString interactionOf(const QByteArray &page)
    {
        static const QRegularExpression pattern(
            QStringLiteral("name=\"interaction\" value=\"([^\"]+)\""));
        return pattern.match(QString::fromUtf8(page)).captured(1);
    }

    // Authorization request → login as `login` → allow. Returns the final response (a
    // redirect for query/fragment, a page for form_post).
    Sandbox::HttpResponse authorize(const QList<QPair<QString, QString>> &parameters,
                                    const QString &login = QStringLiteral("alice"))
    {
        const Sandbox::HttpResponse loginPage =
            provider->handle(get(QStringLiteral("/authorize"), form(parameters)));
        const QString interaction = interactionOf(loginPage.body);
        if (loginPage.status != 200 || interaction.isEmpty())
            return loginPage;
        const Sandbox::HttpResponse consentPage = provider->handle(
            formPost(QStringLiteral("/login"), form({{QStringLiteral("interaction"), interaction},
                                                     {QStringLiteral("login"), login}})));
        if (consentPage.status != 200)
            return consentPage;
        return provider->handle(
            formPost(QStringLiteral("/consent"),
                     form({{QStringLiteral("interaction"), interaction},
                           {QStringLiteral("decision"), QStringLiteral("allow")}})));
    }

    // The parameters of a redirect's Location (query or fragment).
    static QUrlQuery redirectParameters(const Sandbox::HttpResponse &response)
    {
        const QUrl location = QUrl::fromEncoded(response.header("Location"));
        QUrlQuery out;
        const auto pairs = Redirect::RedirectMatcher::decodeForm(
            location.hasFragment() ? location.fragment(QUrl::FullyEncoded).toUtf8()
                                   : location.query(QUrl::FullyEncoded).toUtf8());
        for (const auto &p : pairs)
            out.addQueryItem(p.first, p.second);
        return out;
    }
};

} // namespace Tokenscope::Testing
