#pragma once

#include <QNetworkAccessManager>
#include <QNetworkCookieJar>
#include <QProcess>
#include <QStringList>
#include <QUrl>

namespace Tokenscope::Testing {

// A GET, or a POST of a form body, without following redirects; waits up to 15 s for the
// answer. The reply is not finished when it timed out.
QNetworkReply *sendWithoutRedirects(QNetworkAccessManager &network, const QByteArray &method,
                                    const QUrl &url, const QByteArray &body = {});

// Plays the user at a provider's login and consent pages over plain HTTP, the way a
// person with a browser would: follows redirects with cookies, fills and submits every
// form it meets (login name and password fields get test values), and stops once it has
// delivered the response to the redirect URI (it requests that URL, query and all, or
// posts a form_post form there). Made for oidc-provider's devInteractions pages.
class HeadlessLogin final : public QObject
{
    Q_OBJECT

public:
    explicit HeadlessLogin(QString login = QStringLiteral("alice"), QObject *parent = nullptr);

    // Waits (20 s at most) for tokenscope-cli's "authorization_url: URL" line on stderr and
    // returns the URL (invalid when it never came). What stderr said is appended to err.
    static QUrl printedAuthorizationUrl(QProcess &cli, QByteArray *err);
    // Then plays the user through that URL to its redirect_uri; false (and a warning with
    // the log) when the URL never came or the redirect URI was not reached.
    static bool followPrinted(QProcess &cli, QByteArray *err);

    // Runs until the redirect URI was reached. Returns false (see log()) when it was not.
    bool run(const QUrl &authorizationUrl, const QUrl &redirectUri, int maxSteps = 20);
    const QStringList &log() const { return m_log; }
    // The first URL it reached at the redirect URI, query and fragment included: what a
    // user would copy from the address bar.
    QUrl redirectUrl() const { return m_redirectUrl; }

private:
    QNetworkReply *send(const QByteArray &method, const QUrl &url, const QByteArray &body = {});

    QNetworkAccessManager m_network;
    QString m_login;
    QStringList m_log;
    QUrl m_redirectUrl;
};

} // namespace Tokenscope::Testing
