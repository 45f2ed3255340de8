#pragma once

#include "authcode/AuthorizationCodeFlow.h"

#include <QDateTime>
#include <QPointer>
#include <QWidget>

namespace Tokenscope {
class RandomSource;
namespace Discovery {
struct ProviderMetadata;
}
namespace Http {
class HttpClient;
}
namespace Redirect {
class LoopbackListener;
}
namespace Jose {
class JwksCache;
}
namespace Browser {
class EmbeddedBrowser;
}
} // namespace Tokenscope

class AuthorizationRequestForm;
class CodeView;
class FindingsView;
class TokenInspector;
class TokenTable;
class QCheckBox;
class QLabel;
class QListWidget;
class QPlainTextEdit;
class QPushButton;
class QStackedWidget;
class QTableWidget;
class QTimer;
class QTreeWidget;

// The wizard of the browser flows (authorization code + PKCE, implicit, hybrid), one
// step a page: request → browser → callback → token exchange → result. Each page shows
// what will be sent or what arrived and why it passed or failed; the raw exchanges are
// in the exchange inspector. The browser step is the embedded browser, the system
// browser with a loopback listener, or a pasted redirect URL, as the request page says.
class AuthorizationFlowPanel final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(AuthorizationFlowPanel)

public:
    enum Page
    {
        RequestPage,
        BrowserPage,
        CallbackPage,
        ExchangePage,
        ResultPage
    };
    Q_ENUM(Page)

    // keys: the providers' key sets, shared with the rest of the app (a second run, or the
    // Tokens tab, costs no JWKS request).
    AuthorizationFlowPanel(Tokenscope::Http::HttpClient *http, Tokenscope::RandomSource &random,
                           Tokenscope::Jose::JwksCache *keys, QWidget *parent = nullptr);
    ~AuthorizationFlowPanel() override;

    AuthorizationRequestForm *form() const { return m_form; }
    Tokenscope::Browser::EmbeddedBrowser *browser() const { return m_browser; }
    Tokenscope::AuthCode::AuthorizationCodeFlow *flow() const { return m_flow; }
    Page currentPage() const;
    QString statusText() const;

public slots:
    void setProvider(const Tokenscope::Discovery::ProviderMetadata &metadata);
    void start();
    void cancel();
    // Back to the request page with fresh state, nonce and verifier.
    void runAgain();
    // Runs again in a new browser session (no cookies from earlier runs).
    void runAgainFreshSession();
    void showPage(Page page);

private:
    void onStepChanged(Tokenscope::AuthCode::AuthorizationCodeFlow::Step step);
    void onAuthorizationUrl(const QUrl &url);
    void onFinished(const Tokenscope::AuthCode::FlowResult &result);
    // A response after the run's state was used: shown with the checks, and recorded.
    void onRedirectRefused(const Tokenscope::Finding &finding,
                           const Tokenscope::Redirect::RedirectResult &redirect);
    // The loopback listener waits for the form's timeout, then the run is given up.
    void startRedirectTimeout();
    void onRedirectTimeout();
    void usePastedResponse();
    void continueInSystemBrowser();
    void setBrowserInOwnWindow(bool ownWindow);
    bool eventFilter(QObject *watched, QEvent *event) override;
    void setStepState(Page page, const QString &state);
    void fillCallback(const Tokenscope::AuthCode::FlowResult &result);
    void fillExchange(const Tokenscope::AuthCode::FlowResult &result);
    void fillResult(const Tokenscope::AuthCode::FlowResult &result);
    void refreshSecrets();
    QWidget *buildRequestPage();
    QWidget *buildBrowserPage();
    QWidget *buildCallbackPage();
    QWidget *buildExchangePage();
    QWidget *buildResultPage();

    Tokenscope::Http::HttpClient *m_http;
    Tokenscope::Jose::JwksCache *m_keys; // the app's, not owned
    Tokenscope::AuthCode::AuthorizationCodeFlow *m_flow;
    Tokenscope::Redirect::LoopbackListener *m_listener;
    QTimer *m_redirectTimeout;
    AuthorizationRequestForm *m_form;
    QListWidget *m_steps;
    QStackedWidget *m_pages;
    QLabel *m_status;
    QCheckBox *m_showSecrets;
    QPushButton *m_start;
    // Browser page.
    QStackedWidget *m_capturePages;
    QCheckBox *m_ownWindow;
    QPointer<QWidget> m_browserWindow;
    Tokenscope::Browser::EmbeddedBrowser *m_browser;
    QPlainTextEdit *m_systemUrl;
    QPlainTextEdit *m_paste;
    QLabel *m_pasteProblem;
    // Callback page.
    QTableWidget *m_parameters;
    FindingsView *m_callbackChecks;
    // Exchange page.
    QTreeWidget *m_exchanges;
    FindingsView *m_tokenChecks;
    // Result page.
    QLabel *m_outcome;
    TokenTable *m_tokens;
    CodeView *m_idTokenClaims;
    TokenInspector *m_idTokenInspector;
    CodeView *m_userinfo;
    FindingsView *m_allChecks;

    Tokenscope::AuthCode::FlowResult m_last;
    qsizetype m_callbackCheckCount = 0;
    QDateTime m_tokensReceivedAt;
    bool m_freshNext = false; // "Fresh session" pressed: the next run starts clean
};
