#include "RedirectSchemeHandler.h"

#include <QWebEngineUrlRequestJob>

namespace Tokenscope::Browser {

RedirectSchemeHandler::RedirectSchemeHandler(QObject *parent)
    : QWebEngineUrlSchemeHandler(parent)
{}

void RedirectSchemeHandler::requestStarted(QWebEngineUrlRequestJob *job)
{
    const QUrl url = job->requestUrl();
    job->fail(QWebEngineUrlRequestJob::RequestDenied);
    emit requestSeen(url);
}

} // namespace Tokenscope::Browser
