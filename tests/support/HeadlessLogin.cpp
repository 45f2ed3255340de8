#include "HeadlessLogin.h"

#include <QNetworkReply>
#include <QRegularExpression>
#include <QTest>
#include <QUrlQuery>

namespace Tokenscope::Testing {

HeadlessLogin::HeadlessLogin(QString login, QObject *parent)
    : QObject(parent)
    , m_login(std::move(login))
{
    m_network.setCookieJar(new QNetworkCookieJar(&m_network));
    m_network.setRedirectPolicy(QNetworkRequest::ManualRedirectPolicy);
}

QNetworkReply *sendWithoutRedirects(QNetworkAccessManager &network, const QByteArray &method,
                                    const QUrl &url, const QByteArray &body)
{
    QNetworkRequest request(url);
    request.setAttribute(QNetworkRequest::RedirectPolicyAttribute,
                         QNetworkRequest::ManualRedirectPolicy);
    QNetworkReply *reply = nullptr;
    if (method == "POST") {
        request.setHeader(QNetworkRequest::ContentTypeHeader,
                          QByteArrayLiteral("application/x-www-form-urlencoded"));
        reply = network.post(request, body);
    } else {
        reply = network.get(request);
    }
    if (!QTest::qWaitFor([reply] { return reply->isFinished(); }, 15'000))
        qWarning("no reply from %s within 15 s", qPrintable(url.toString()));
    return reply;
}

QNetworkReply *HeadlessLogin::send(const QByteArray &method, const QUrl &url,
                                   const QByteArray &body)
{
    QNetworkReply *reply = sendWithoutRedirects(m_network, method, url, body);
    if (!reply->isFinished())
        m_log << QStringLiteral("timeout: %1").arg(url.toString());
    return reply;
}

static bool isRedirectUri(const QUrl &url, const QUrl &redirectUri)
{
    return url.scheme() == redirectUri.scheme() && url.host() == redirectUri.host() &&
           url.port() == redirectUri.port() && url.path() == redirectUri.path();
}

QUrl HeadlessLogin::printedAuthorizationUrl(QProcess &cli, QByteArray *err)
{
    QUrl url;
    const bool printed = QTest::qWaitFor(
        [&] {
            *err += cli.readAllStandardError();
            const qsizetype at = err->indexOf("authorization_url: ");
            const qsizetype end = err->indexOf('\n', at);
            if (at >= 0 && end > at)
                url = QUrl::fromEncoded(err->mid(at + 19, end - at - 19).trimmed());
            return url.isValid() || cli.state() == QProcess::NotRunning;
        },
        20'000);
    return printed ? url : QUrl();
}

bool HeadlessLogin::followPrinted(QProcess &cli, QByteArray *err)
{
    const QUrl url = printedAuthorizationUrl(cli, err);
    if (!url.isValid())
        return false;
    HeadlessLogin user;
    const QUrl redirectUri(
        QUrlQuery(url).queryItemValue(QStringLiteral("redirect_uri"), QUrl::FullyDecoded));
    if (user.run(url, redirectUri))
        return true;
    qWarning("%s", qPrintable(user.log().join(QLatin1Char('\n'))));
    return false;
}

bool HeadlessLogin::run(const QUrl &authorizationUrl, const QUrl &redirectUri, int maxSteps)
{
    static const QRegularExpression formPattern(
        QStringLiteral(R"re(<form[^>]*action="([^"]*)"[^>]*>(.*?)</form>)re"),
        QRegularExpression::CaseInsensitiveOption | QRegularExpression::DotMatchesEverythingOption);
    static const QRegularExpression inputPattern(QStringLiteral(R"re(<input([^>]*)>)re"),
                                                 QRegularExpression::CaseInsensitiveOption);
    static const QRegularExpression namePattern(QStringLiteral(R"re(name="([^"]*)")re"));
    static const QRegularExpression valuePattern(QStringLiteral(R"re(value="([^"]*)")re"));

    QByteArray method = "GET";
    QUrl url = authorizationUrl;
    m_redirectUrl.clear();
    QByteArray body;
    for (int step = 0; step < maxSteps; ++step) {
        const bool final = isRedirectUri(url, redirectUri);
        if (final && m_redirectUrl.isEmpty())
            m_redirectUrl = url;
        QNetworkReply *reply = send(method, url, body);
        const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
        m_log << QStringLiteral("%1 %2 -> %3")
                     .arg(QString::fromLatin1(method), url.toString())
                     .arg(status);
        const QByteArray page = reply->readAll();
        const QUrl location = url.resolved(QUrl::fromEncoded(reply->rawHeader("Location")));
        reply->deleteLater();
        if (final && url.hasFragment() && method == "GET") {
            // A browser never sends the fragment: it runs the relay page's script, which
            // posts location.hash back. Do what that script does, read from the page.
            static const QRegularExpression field(QStringLiteral(R"re(i\.name = "([^"]+)")re"));
            static const QRegularExpression action(QStringLiteral(R"re(f\.action = "([^"]+)")re"));
            const QString text = QString::fromUtf8(page);
            const QString name = field.match(text).captured(1);
            const QString target = action.match(text).captured(1);
            if (status != 200 || name.isEmpty() || target.isEmpty()) {
                m_log << QStringLiteral("no fragment relay page:\n") + text.left(2000);
                return false;
            }
            body = QUrl::toPercentEncoding(name) + '=' +
                   QUrl::toPercentEncoding(url.fragment(QUrl::FullyEncoded));
            url = url.resolved(QUrl(target));
            method = "POST";
            continue;
        }
        if (final)
            return status == 200;
        if (status >= 300 && status < 400 && location.isValid()) {
            method = "GET";
            url = location;
            body.clear();
            continue;
        }
        const QRegularExpressionMatch form = formPattern.match(QString::fromUtf8(page));
        if (!form.hasMatch()) {
            m_log << QStringLiteral("no form and no redirect:\n") +
                         QString::fromUtf8(page.left(2000));
            return false;
        }
        QByteArray fields;
        auto inputs = inputPattern.globalMatch(form.captured(2));
        while (inputs.hasNext()) {
            const QString attributes = inputs.next().captured(1);
            const QString name = namePattern.match(attributes).captured(1);
            if (name.isEmpty())
                continue;
            QString value = valuePattern.match(attributes).captured(1);
            value.replace(QLatin1String("&amp;"), QLatin1String("&"))
                .replace(QLatin1String("&quot;"), QLatin1String("\""))
                .replace(QLatin1String("&#x2F;"), QLatin1String("/"))
                .replace(QLatin1String("&#39;"), QLatin1String("'"));
            if (name == QLatin1String("login"))
                value = m_login;
            else if (name == QLatin1String("password"))
                value = QStringLiteral("any-password");
            if (!fields.isEmpty())
                fields += '&';
            fields += QUrl::toPercentEncoding(name) + '=' + QUrl::toPercentEncoding(value);
        }
        method = "POST";
        url = url.resolved(QUrl(form.captured(1)));
        body = fields;
    }
    m_log << QStringLiteral("gave up after %1 steps").arg(maxSteps);
    return false;
}

} // namespace Tokenscope::Testing
