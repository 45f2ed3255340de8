#pragma once

// Plays the user on the built-in sandbox's pages inside Qt WebEngine: after each page has
// loaded it signs in as `login` on the login page and allows on the consent page, by
// clicking their buttons as a person would. What it met is kept, in order.

#include <QObject>
#include <QStringList>
#include <QWebEnginePage>

class SandboxUser final : public QObject
{
public:
    explicit SandboxUser(QWebEnginePage *page, QString login)
        : QObject(page)
        , m_page(page)
        , m_login(std::move(login))
    {
        connect(page, &QWebEnginePage::loadFinished, this, &SandboxUser::act);
    }

    QStringList pages;

private:
    void act(bool ok)
    {
        if (!ok)
            return;
        const QString script =
            QStringLiteral(
                "(function() {"
                "  var user = document.querySelector('form[action=\"/login\"] "
                "button[name=login][value=\"%1\"]');"
                "  if (user) { user.click(); return 'login'; }"
                "  var allow = document.querySelector('form[action=\"/consent\"] "
                "input[name=decision][value=allow]');"
                "  if (allow) { allow.form.querySelector('button').click(); return 'consent'; }"
                "  return '';"
                "})()")
                .arg(m_login);
        m_page->runJavaScript(script, [this](const QVariant &kind) {
            if (!kind.toString().isEmpty())
                pages.append(kind.toString());
        });
    }

    QWebEnginePage *m_page;
    QString m_login;
};
