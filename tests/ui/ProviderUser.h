#pragma once

// Plays the user on oidc-provider's devInteractions pages inside Qt WebEngine: after each
// page has loaded it fills the login form (any name, any password) or confirms the consent
// form, clicking the submit button as a person would. What it met is kept, in order.

#include <QObject>
#include <QStringList>
#include <QWebEnginePage>

#include <functional>

class ProviderUser final : public QObject
{
public:
    explicit ProviderUser(QWebEnginePage *page, QString login = QStringLiteral("alice"))
        : QObject(page)
        , m_page(page)
        , m_login(std::move(login))
    {
        connect(page, &QWebEnginePage::loadFinished, this, &ProviderUser::onLoadFinished);
    }

    QStringList pages; // "login", "consent"
    // Called once the login page is on screen, before it is filled (for a screenshot):
    // the form is filled and submitted when it calls proceed.
    std::function<void(std::function<void()> proceed)> beforeLogin;

private:
    void onLoadFinished(bool ok)
    {
        if (!ok)
            return;
        const QString script =
            QStringLiteral("(function () {"
                           "  var form = document.querySelector('form[action*=\"/interaction/\"]');"
                           "  if (!form) return 'none';"
                           "  var login = form.querySelector('input[name=login]');"
                           "  if (login) return 'login';"
                           "  return 'consent';"
                           "})()");
        m_page->runJavaScript(script, [this](const QVariant &kind) {
            const QString page = kind.toString();
            if (page == QLatin1String("none"))
                return;
            pages.append(page);
            if (page == QLatin1String("login") && beforeLogin)
                beforeLogin([this] { submit(); });
            else
                submit();
        });
    }

    void submit()
    {
        m_page->runJavaScript(
            QStringLiteral("(function () {"
                           "  var form = document.querySelector('form[action*=\"/interaction/\"]');"
                           "  var login = form.querySelector('input[name=login]');"
                           "  if (login) {"
                           "    login.value = %1;"
                           "    form.querySelector('input[name=password]').value = 'any-password';"
                           "  }"
                           "  form.querySelector('[type=submit]').click();"
                           "})()")
                .arg(QLatin1Char('\'') + m_login + QLatin1Char('\'')));
    }

    QWebEnginePage *m_page;
    QString m_login;
};
