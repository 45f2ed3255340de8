#include "DeviceApprover.h"

#include "HeadlessLogin.h"

#include <QNetworkCookieJar>
#include <QNetworkReply>
#include <QRegularExpression>
#include <QTest>

namespace Tokenscope::Testing {

DeviceApprover::DeviceApprover(Answer answer)
    : m_answer(answer)
{
    m_network.setCookieJar(new QNetworkCookieJar(&m_network));
}

bool DeviceApprover::run(const QUrl &start)
{
    static const QRegularExpression formPattern(
        QStringLiteral("<form[^>]*action=\"([^\"]*)\"[^>]*>(.*?)</form>"),
        QRegularExpression::CaseInsensitiveOption | QRegularExpression::DotMatchesEverythingOption);
    static const QRegularExpression inputPattern(QStringLiteral("<input([^>]*)>"),
                                                 QRegularExpression::CaseInsensitiveOption);
    static const QRegularExpression namePattern(QStringLiteral("name=\"([^\"]*)\""));
    static const QRegularExpression valuePattern(QStringLiteral("value=\"([^\"]*)\""));
    QUrl url = start;
    QByteArray method = "GET";
    QByteArray body;
    for (int step = 0; step < 20; ++step) {
        QNetworkReply *reply = sendWithoutRedirects(m_network, method, url, body);
        if (!reply->isFinished())
            return note(QStringLiteral("timeout at %1").arg(url.toString()));
        const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
        const QString page = QString::fromUtf8(reply->readAll());
        const QUrl location = url.resolved(QUrl::fromEncoded(reply->rawHeader("Location")));
        reply->deleteLater();
        m_log << QStringLiteral("%1 %2 -> %3")
                     .arg(QString::fromLatin1(method), url.toString())
                     .arg(status);
        if (page.contains(QLatin1String("Sign-in Success")) ||
            page.contains(QLatin1String("was interrupted")) ||
            page.contains(QLatin1String("access_denied")))
            return true;
        if (status >= 300 && status < 400) {
            method = "GET";
            url = location;
            body.clear();
            continue;
        }
        const QRegularExpressionMatch form = formPattern.match(page);
        if (!form.hasMatch())
            return note(QStringLiteral("no form and no redirect:\n") + page.left(2000));
        body.clear();
        auto inputs = inputPattern.globalMatch(form.captured(2));
        while (inputs.hasNext()) {
            const QString attributes = inputs.next().captured(1);
            QString name = namePattern.match(attributes).captured(1);
            if (name.isEmpty())
                continue;
            QString value = valuePattern.match(attributes).captured(1);
            if (name == QLatin1String("login"))
                value = QStringLiteral("alice");
            else if (name == QLatin1String("password"))
                value = QStringLiteral("any-password");
            else if (name == QLatin1String("confirm") && m_answer == Answer::Abort)
                name = QStringLiteral("abort");
            if (!body.isEmpty())
                body += '&';
            body += QUrl::toPercentEncoding(name) + '=' + QUrl::toPercentEncoding(value);
        }
        method = "POST";
        url = url.resolved(QUrl(form.captured(1)));
    }
    return note(QStringLiteral("gave up after 20 steps"));
}

bool DeviceApprover::note(const QString &line)
{
    m_log << line;
    return false;
}

} // namespace Tokenscope::Testing
