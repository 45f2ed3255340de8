#include "FormPostCapture.h"

#include "redirect/RedirectMatcher.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

namespace Tokenscope::Browser {

namespace {

// No line comments in here: the script is joined into one line.
const char *const scriptTemplate[] = {
    "(function () {",
    "  'use strict';",
    "  var marker = %1;",
    "  var target = %2;",
    "  var report = console.info.bind(console);",
    "  var stringify = JSON.stringify;",
    "  var URLCtor = URL;",
    "  var FormDataCtor = FormData;",
    "  var encode = encodeURIComponent;",
    "  var apply = Reflect.apply;",
    "  var getAttribute = Element.prototype.getAttribute;",
    "  var nativeSubmit = HTMLFormElement.prototype.submit;",
    "  var defaults = { 'http:': '80', 'https:': '443' };",
    "  function actionOf(form) {",
    "    var action = apply(getAttribute, form, ['action']);",
    "    try {",
    "      return new URLCtor(action ? action : document.URL, document.baseURI);",
    "    } catch (e) { return null; }",
    "  }",
    "  function isPost(form) {",
    "    var method = apply(getAttribute, form, ['method']);",
    "    return method !== null && String(method).toLowerCase() === 'post';",
    "  }",
    "  function isTarget(url) {",
    "    if (!url) return false;",
    "    if (url.protocol.toLowerCase() !== target.protocol) return false;",
    "    if (url.hostname.toLowerCase() !== target.hostname) return false;",
    "    if (target.port !== null &&",
    "        (url.port || defaults[url.protocol] || '') !== target.port) return false;",
    "    return (url.pathname || '/') === target.pathname;",
    "  }",
    "  function encodeForm(form, submitter) {",
    "    var parts = [];",
    "    new FormDataCtor(form).forEach(function (value, name) {",
    "      if (typeof value === 'string') parts.push(encode(name) + '=' + encode(value));",
    "    });",
    "    if (submitter && submitter.name)",
    "      parts.push(encode(submitter.name) + '=' + encode(submitter.value || ''));",
    "    return parts.join('&');",
    "  }",
    "  function intercept(form, submitter) {",
    "    if (!form || form.tagName !== 'FORM' || !isPost(form)) return false;",
    "    var url = actionOf(form);",
    "    if (!isTarget(url)) return false;",
    "    report(marker + ':' + stringify({ action: url.href, body: encodeForm(form, submitter),",
    "                                 main: window === window.top }));",
    "    return true;",
    "  }",
    "  window.addEventListener('submit', function (event) {",
    "    if (intercept(event.target, event.submitter)) {",
    "      event.preventDefault();",
    "      event.stopImmediatePropagation();",
    "    }",
    "  }, true);",
    "  HTMLFormElement.prototype.submit = function () {",
    "    if (intercept(this, null)) return undefined;",
    "    return apply(nativeSubmit, this, []);",
    "  };",
    "})();",
};

QString jsonString(const QString &text)
{
    // A JSON string is a JavaScript string literal; '<' and '>' escaped to be safe.
    const QJsonDocument document(QJsonArray{text});
    QString array = QString::fromUtf8(document.toJson(QJsonDocument::Compact));
    array = array.mid(1, array.size() - 2);
    return array.replace(QLatin1Char('<'), QLatin1String("\\u003c"))
        .replace(QLatin1Char('>'), QLatin1String("\\u003e"));
}

} // namespace

QString FormPostCapture::script(const QUrl &redirectUri, const QString &marker)
{
    const QString scheme = redirectUri.scheme().toLower();
    QString host = redirectUri.host().toLower();
    if (host.contains(QLatin1Char(':')))
        host = QLatin1Char('[') + host + QLatin1Char(']');
    const bool anyPort = Redirect::RedirectMatcher::isLoopbackLiteral(redirectUri.host()) &&
                         (redirectUri.port() == -1 || redirectUri.port() == 0);
    const int defaultPort = scheme == QLatin1String("https")  ? 443
                            : scheme == QLatin1String("http") ? 80
                                                              : -1;
    const int port = redirectUri.port(defaultPort);
    QString path = redirectUri.path(QUrl::FullyEncoded);
    if (path.isEmpty())
        path = QStringLiteral("/");

    QString target = QStringLiteral("{ protocol: %1, hostname: %2, port: %3, pathname: %4 }")
                         .arg(jsonString(scheme + QLatin1Char(':')), jsonString(host),
                              anyPort ? QStringLiteral("null")
                                      : jsonString(port < 0 ? QString() : QString::number(port)),
                              jsonString(path));
    QStringList lines;
    for (const char *line : scriptTemplate)
        lines.append(QString::fromLatin1(line));
    return lines.join(QLatin1Char('\n')).arg(jsonString(marker), target);
}

bool FormPostCapture::parse(const QString &message, const QString &marker, Report *report)
{
    if (marker.isEmpty() || !message.startsWith(marker + QLatin1Char(':')))
        return false;
    QJsonParseError error;
    const QJsonDocument document =
        QJsonDocument::fromJson(message.mid(marker.size() + 1).toUtf8(), &error);
    if (error.error != QJsonParseError::NoError || !document.isObject())
        return false;
    const QJsonObject object = document.object();
    const QUrl action(object.value(QLatin1String("action")).toString(), QUrl::StrictMode);
    if (!action.isValid() || action.isRelative())
        return false;
    report->action = action;
    report->body = object.value(QLatin1String("body")).toString().toUtf8();
    report->isMainFrame = object.value(QLatin1String("main")).toBool(true);
    return true;
}

} // namespace Tokenscope::Browser
