#include "AuthorizationFlowPanel.h"

#include "AuthorizationRequestForm.h"
#include "authcode/IdTokenCheck.h"
#include "browser/EmbeddedBrowser.h"
#include "browser/SystemBrowser.h"
#include "common/CodeView.h"
#include "common/FindingsView.h"
#include "common/JsonHighlighter.h"
#include "common/ProviderErrorText.h"
#include "discovery/ProviderMetadata.h"
#include "http/HttpClient.h"
#include "http/Transcript.h"
#include "jose/JwksCache.h"
#include "redirect/LoopbackListener.h"
#include "redirect/RedirectMatcher.h"
#include "tokens/TokenInspector.h"
#include "tokens/TokenTable.h"

#include <QApplication>
#include <QCheckBox>
#include <QClipboard>
#include <QEvent>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QJsonDocument>
#include <QLabel>
#include <QListWidget>
#include <QPixmap>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSplitter>
#include <QStackedWidget>
#include <QStyle>
#include <QTabWidget>
#include <QTableWidget>
#include <QTimer>
#include <QTreeWidget>
#include <QVBoxLayout>

using Tokenscope::AuthCode::AuthorizationCodeFlow;
using Tokenscope::AuthCode::FlowError;
using Tokenscope::AuthCode::FlowResult;
using Step = Tokenscope::AuthCode::AuthorizationCodeFlow::Step;
using CaptureMode = AuthorizationRequestForm::CaptureMode;

namespace {

bool isSecretParameter(const QString &name)
{
    return name == QLatin1String("code") || name == QLatin1String("access_token") ||
           name == QLatin1String("id_token") || name == QLatin1String("refresh_token");
}

// Keeps a step without a state as tall and as indented as the others.
QIcon blankIcon()
{
    QPixmap blank(16, 16);
    blank.fill(Qt::transparent);
    return QIcon(blank);
}

QString prettyJson(const QJsonObject &object)
{
    return object.isEmpty()
               ? QString()
               : QString::fromUtf8(QJsonDocument(object).toJson(QJsonDocument::Indented));
}

QLabel *explanation(const QString &text, QWidget *parent)
{
    auto *label = new QLabel(text, parent);
    label->setWordWrap(true);
    label->setTextFormat(Qt::PlainText);
    return label;
}

CodeView *jsonView(const char *objectName, QWidget *parent)
{
    auto *view = new CodeView(parent);
    view->setObjectName(QString::fromLatin1(objectName));
    auto *highlighter = new JsonHighlighter(view->document());
    highlighter->setParent(view);
    return view;
}

} // namespace

AuthorizationFlowPanel::AuthorizationFlowPanel(Tokenscope::Http::HttpClient *http,
                                               Tokenscope::RandomSource &random,
                                               Tokenscope::Jose::JwksCache *keys, QWidget *parent)
    : QWidget(parent)
    , m_http(http)
    , m_keys(keys)
    , m_flow(new AuthorizationCodeFlow(http, random, keys, this))
    , m_listener(new Tokenscope::Redirect::LoopbackListener(this))
    , m_redirectTimeout(new QTimer(this))
    , m_form(new AuthorizationRequestForm(random, this))
    , m_steps(new QListWidget(this))
    , m_pages(new QStackedWidget(this))
    , m_status(new QLabel(this))
    , m_showSecrets(new QCheckBox(tr("Show secrets"), this))
    , m_start(new QPushButton(tr("Start"), this))
{
    setObjectName(QStringLiteral("authorizationFlowPanel"));
    m_steps->setObjectName(QStringLiteral("flowSteps"));
    m_pages->setObjectName(QStringLiteral("flowPages"));
    m_status->setObjectName(QStringLiteral("flowStatus"));
    m_status->setWordWrap(true);
    m_status->setTextFormat(Qt::PlainText); // provider text is shown as it came, never as markup
    m_status->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_showSecrets->setObjectName(QStringLiteral("showSecretsCheck"));
    m_start->setObjectName(QStringLiteral("startButton"));
    m_start->setDefault(true);

    for (const QString &title : {tr("1  Request"), tr("2  Browser"), tr("3  Callback"),
                                 tr("4  Token exchange"), tr("5  Result")})
        m_steps->addItem(new QListWidgetItem(blankIcon(), title));
    m_steps->setFixedWidth(m_steps->sizeHintForColumn(0) +
                           fontMetrics().horizontalAdvance(QStringLiteral("MMMMMM")));
    m_steps->setCurrentRow(RequestPage);
    m_steps->setUniformItemSizes(true);
    m_steps->setIconSize(QSize(16, 16));
    connect(m_steps, &QListWidget::currentRowChanged, this,
            [this](int row) { m_pages->setCurrentIndex(row); });

    m_pages->addWidget(buildRequestPage());
    m_pages->addWidget(buildBrowserPage());
    m_pages->addWidget(buildCallbackPage());
    m_pages->addWidget(buildExchangePage());
    m_pages->addWidget(buildResultPage());

    auto *body = new QHBoxLayout;
    body->addWidget(m_steps);
    body->addWidget(m_pages, 1);
    auto *footer = new QHBoxLayout;
    footer->addWidget(m_status, 1);
    footer->addWidget(m_showSecrets);
    auto *layout = new QVBoxLayout(this);
    layout->addLayout(body, 1);
    layout->addLayout(footer);

    connect(m_flow, &AuthorizationCodeFlow::stepChanged, this,
            &AuthorizationFlowPanel::onStepChanged);
    connect(m_flow, &AuthorizationCodeFlow::authorizationUrlReady, this,
            &AuthorizationFlowPanel::onAuthorizationUrl);
    connect(m_flow, &AuthorizationCodeFlow::finished, this, &AuthorizationFlowPanel::onFinished);
    connect(m_flow, &AuthorizationCodeFlow::redirectRefused, this,
            &AuthorizationFlowPanel::onRedirectRefused);
    m_redirectTimeout->setSingleShot(true);
    connect(m_redirectTimeout, &QTimer::timeout, this, &AuthorizationFlowPanel::onRedirectTimeout);
    connect(m_listener, &Tokenscope::Redirect::LoopbackListener::redirectReceived, m_flow,
            &AuthorizationCodeFlow::handleRedirect);
    connect(m_browser, &Tokenscope::Browser::EmbeddedBrowser::redirectCaptured, m_flow,
            &AuthorizationCodeFlow::handleRedirect);
    connect(m_browser, &Tokenscope::Browser::EmbeddedBrowser::captureFailed, this,
            [this](const QUrl &, const QString &message) {
                m_status->setText(tr("The redirect could not be read: %1 — paste it, or run "
                                     "again with the system browser.")
                                      .arg(message));
                m_capturePages->setCurrentIndex(2);
            });
    connect(m_browser, &Tokenscope::Browser::EmbeddedBrowser::systemBrowserRequested, this,
            [this](const QUrl &url) {
                if (m_flow->step() == Step::AwaitingRedirect &&
                    url == m_flow->result().authorizationUrl)
                    continueInSystemBrowser();
            });
    connect(m_browser, &Tokenscope::Browser::EmbeddedBrowser::embeddedBrowserRefused, this,
            [this](const QUrl &, const QString &reason) {
                m_status->setText(tr("%1 Open the sign-in in the system browser from the bar "
                                     "above, or run again with the system browser.")
                                      .arg(reason));
            });
    connect(m_showSecrets, &QCheckBox::toggled, this, &AuthorizationFlowPanel::refreshSecrets);
    m_browser->setTranscript(http->transcript());
}

AuthorizationFlowPanel::~AuthorizationFlowPanel() = default;

QWidget *AuthorizationFlowPanel::buildRequestPage()
{
    auto *page = new QWidget(this);
    auto *layout = new QVBoxLayout(page);
    layout->addWidget(explanation(
        tr("What the browser is sent to the provider with. state protects against forged "
           "responses (CSRF), nonce ties the ID token to this request, and PKCE's "
           "code_verifier proves that whoever exchanges the code started the flow."),
        page));
    layout->addWidget(m_form, 1);
    auto *buttons = new QHBoxLayout;
    buttons->addStretch();
    buttons->addWidget(m_start);
    layout->addLayout(buttons);
    connect(m_start, &QPushButton::clicked, this, &AuthorizationFlowPanel::start);
    connect(m_form, &AuthorizationRequestForm::changed, this,
            [this] { m_start->setEnabled(m_form->problem().isEmpty()); });
    m_start->setEnabled(m_form->problem().isEmpty());
    return page;
}

QWidget *AuthorizationFlowPanel::buildBrowserPage()
{
    auto *page = new QWidget(this);
    m_capturePages = new QStackedWidget(page);
    m_capturePages->setObjectName(QStringLiteral("capturePages"));

    m_browser = new Tokenscope::Browser::EmbeddedBrowser(m_capturePages);
    m_browser->setObjectName(QStringLiteral("embeddedBrowser"));
    m_capturePages->addWidget(m_browser);

    auto *system = new QWidget(m_capturePages);
    auto *systemLayout = new QVBoxLayout(system);
    systemLayout->addWidget(explanation(
        tr("The authorization URL was opened in your browser. Log in there; the loopback "
           "listener on 127.0.0.1 receives the redirect and this page moves on by itself."),
        system));
    m_systemUrl = new QPlainTextEdit(system);
    m_systemUrl->setObjectName(QStringLiteral("systemBrowserUrl"));
    m_systemUrl->setReadOnly(true);
    systemLayout->addWidget(m_systemUrl, 1);
    auto *systemButtons = new QHBoxLayout;
    auto *openAgain = new QPushButton(tr("Open Again"), system);
    auto *copy = new QPushButton(tr("Copy URL"), system);
    systemButtons->addWidget(openAgain);
    systemButtons->addWidget(copy);
    systemButtons->addStretch();
    systemLayout->addLayout(systemButtons);
    connect(openAgain, &QPushButton::clicked, this, [this] {
        Tokenscope::Browser::SystemBrowser::open(m_flow->result().authorizationUrl);
    });
    connect(copy, &QPushButton::clicked, this, [this] {
        QApplication::clipboard()->setText(
            QString::fromUtf8(m_flow->result().authorizationUrl.toEncoded()));
    });
    m_capturePages->addWidget(system);

    auto *paste = new QWidget(m_capturePages);
    auto *pasteLayout = new QVBoxLayout(paste);
    pasteLayout->addWidget(explanation(
        tr("Open the authorization URL below in any browser, log in, and paste the whole URL "
           "the provider redirected to (query or fragment), or the form_post fields "
           "(name=value&…)."),
        paste));
    auto *pasteUrl = new QPlainTextEdit(paste);
    pasteUrl->setObjectName(QStringLiteral("pasteAuthorizationUrl"));
    pasteUrl->setReadOnly(true);
    pasteUrl->setFixedHeight(fontMetrics().lineSpacing() * 4);
    pasteLayout->addWidget(pasteUrl);
    m_paste = new QPlainTextEdit(paste);
    m_paste->setObjectName(QStringLiteral("pasteEdit"));
    m_paste->setPlaceholderText(tr("http://127.0.0.1/callback?code=…&state=…"));
    pasteLayout->addWidget(m_paste, 1);
    m_pasteProblem = new QLabel(paste);
    m_pasteProblem->setObjectName(QStringLiteral("pasteProblem"));
    m_pasteProblem->setStyleSheet(QStringLiteral("color: #b00020;"));
    pasteLayout->addWidget(m_pasteProblem);
    auto *use = new QPushButton(tr("Use This Response"), paste);
    use->setObjectName(QStringLiteral("usePastedButton"));
    pasteLayout->addWidget(use, 0, Qt::AlignRight);
    connect(use, &QPushButton::clicked, this, &AuthorizationFlowPanel::usePastedResponse);
    connect(m_flow, &AuthorizationCodeFlow::authorizationUrlReady, pasteUrl,
            [pasteUrl](const QUrl &url) {
                pasteUrl->setPlainText(QString::fromUtf8(url.toEncoded()));
            });
    m_capturePages->addWidget(paste);

    auto *cancel = new QPushButton(tr("Cancel"), page);
    cancel->setObjectName(QStringLiteral("cancelFlowButton"));
    connect(cancel, &QPushButton::clicked, this, &AuthorizationFlowPanel::cancel);
    m_ownWindow = new QCheckBox(tr("Browser in its own window"), page);
    m_ownWindow->setObjectName(QStringLiteral("ownWindowCheck"));
    connect(m_ownWindow, &QCheckBox::toggled, this, &AuthorizationFlowPanel::setBrowserInOwnWindow);
    auto *buttons = new QHBoxLayout;
    buttons->addWidget(m_ownWindow);
    buttons->addStretch();
    buttons->addWidget(cancel);
    auto *layout = new QVBoxLayout(page);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_capturePages, 1);
    layout->addLayout(buttons);
    return page;
}

QWidget *AuthorizationFlowPanel::buildCallbackPage()
{
    auto *page = new QWidget(this);
    m_parameters = new QTableWidget(0, 2, page);
    m_parameters->setObjectName(QStringLiteral("callbackParameters"));
    m_parameters->setHorizontalHeaderLabels({tr("Parameter"), tr("Value")});
    m_parameters->horizontalHeader()->setStretchLastSection(true);
    m_parameters->verticalHeader()->hide();
    m_parameters->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_callbackChecks = new FindingsView(page);
    m_callbackChecks->setObjectName(QStringLiteral("callbackChecks"));
    auto *split = new QSplitter(Qt::Vertical, page);
    split->addWidget(m_parameters);
    split->addWidget(m_callbackChecks);
    auto *layout = new QVBoxLayout(page);
    layout->addWidget(explanation(
        tr("What arrived at the redirect URI, and the checks made before anything else is "
           "sent: a failed check stops the flow, and the code is never used."),
        page));
    layout->addWidget(split, 1);
    return page;
}

QWidget *AuthorizationFlowPanel::buildExchangePage()
{
    auto *page = new QWidget(this);
    m_exchanges = new QTreeWidget(page);
    m_exchanges->setObjectName(QStringLiteral("flowExchanges"));
    m_exchanges->setHeaderLabels({tr("Request"), tr("URL"), tr("Status"), tr("Time")});
    m_exchanges->setRootIsDecorated(false);
    m_exchanges->header()->setSectionResizeMode(1, QHeaderView::Stretch);
    m_exchanges->header()->setStretchLastSection(false);
    m_tokenChecks = new FindingsView(page);
    m_tokenChecks->setObjectName(QStringLiteral("tokenChecks"));
    auto *split = new QSplitter(Qt::Vertical, page);
    split->addWidget(m_exchanges);
    split->addWidget(m_tokenChecks);
    split->setStretchFactor(1, 2);
    auto *layout = new QVBoxLayout(page);
    layout->addWidget(explanation(
        tr("The requests made after the callback: the code exchange (with the verifier and "
           "the client's authentication), the provider's keys for the ID token's signature, "
           "UserInfo. Each is shown raw in the exchange inspector."),
        page));
    layout->addWidget(split, 1);
    return page;
}

QWidget *AuthorizationFlowPanel::buildResultPage()
{
    auto *page = new QWidget(this);
    m_outcome = new QLabel(page);
    m_outcome->setObjectName(QStringLiteral("flowOutcome"));
    m_outcome->setWordWrap(true);
    m_outcome->setTextFormat(Qt::PlainText);
    m_outcome->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_tokens = new TokenTable(page);
    m_idTokenClaims = jsonView("idTokenClaims", page);
    m_idTokenInspector = new TokenInspector(page);
    m_idTokenInspector->setObjectName(QStringLiteral("idTokenInspector"));
    m_userinfo = jsonView("userinfoClaims", page);
    m_allChecks = new FindingsView(page);
    m_allChecks->setObjectName(QStringLiteral("allChecks"));
    auto *tabs = new QTabWidget(page);
    tabs->setObjectName(QStringLiteral("resultTabs"));
    tabs->addTab(m_idTokenClaims, tr("ID token claims"));
    tabs->addTab(m_idTokenInspector, tr("ID token"));
    tabs->addTab(m_userinfo, tr("UserInfo"));
    tabs->addTab(m_allChecks, tr("All checks"));
    auto *again = new QPushButton(tr("Run Again"), page);
    again->setObjectName(QStringLiteral("runAgainButton"));
    auto *fresh = new QPushButton(tr("Fresh Session"), page);
    fresh->setObjectName(QStringLiteral("freshSessionButton"));
    fresh->setToolTip(tr("Run again in a new browser session, without the provider's cookies"));
    connect(again, &QPushButton::clicked, this, &AuthorizationFlowPanel::runAgain);
    connect(fresh, &QPushButton::clicked, this, &AuthorizationFlowPanel::runAgainFreshSession);
    auto *buttons = new QHBoxLayout;
    buttons->addStretch();
    buttons->addWidget(again);
    buttons->addWidget(fresh);
    auto *split = new QSplitter(Qt::Vertical, page);
    split->addWidget(m_tokens);
    split->addWidget(tabs);
    const int line = fontMetrics().lineSpacing();
    split->setSizes({line * 6, line * 20});
    auto *layout = new QVBoxLayout(page);
    layout->addWidget(m_outcome);
    layout->addWidget(split, 1);
    layout->addLayout(buttons);
    return page;
}

AuthorizationFlowPanel::Page AuthorizationFlowPanel::currentPage() const
{
    return Page(m_pages->currentIndex());
}

QString AuthorizationFlowPanel::statusText() const
{
    return m_status->text();
}

void AuthorizationFlowPanel::showPage(Page page)
{
    m_steps->setCurrentRow(page);
}

void AuthorizationFlowPanel::setStepState(Page page, const QString &state)
{
    QListWidgetItem *item = m_steps->item(page);
    item->setData(Qt::UserRole, state);
    QStyle *style = this->style();
    if (state == QLatin1String("active"))
        item->setIcon(style->standardIcon(QStyle::SP_ArrowRight));
    else if (state == QLatin1String("done"))
        item->setIcon(style->standardIcon(QStyle::SP_DialogApplyButton));
    else if (state == QLatin1String("failed"))
        item->setIcon(style->standardIcon(QStyle::SP_MessageBoxCritical));
    else
        item->setIcon(blankIcon());
}

void AuthorizationFlowPanel::setProvider(const Tokenscope::Discovery::ProviderMetadata &metadata)
{
    m_form->setProvider(metadata);
}

void AuthorizationFlowPanel::start()
{
    const QString problem = m_form->problem();
    if (!problem.isEmpty()) {
        m_status->setText(problem);
        return;
    }
    for (int page = RequestPage; page <= ResultPage; ++page)
        setStepState(Page(page), QString());
    m_last = FlowResult{};
    m_callbackCheckCount = 0;
    m_parameters->setRowCount(0);
    m_callbackChecks->setFindings({});
    m_exchanges->clear();
    m_tokenChecks->setFindings({});
    m_tokens->clearTokens();
    m_idTokenClaims->clear();
    m_idTokenInspector->clear();
    m_userinfo->clear();
    m_allChecks->setFindings({});
    m_outcome->clear();
    m_paste->clear();
    m_pasteProblem->clear();
    m_redirectTimeout->stop();
    m_listener->close();

    Tokenscope::AuthCode::AuthorizationRequest request = m_form->request();
    if (m_form->captureMode() == CaptureMode::SystemBrowser) {
        if (!m_listener->listen(quint16(qMax(0, request.redirectUri.port(0))),
                                request.redirectUri.path(),
                                request.redirectUri.host() == QLatin1String("::1"))) {
            m_status->setText(
                tr("The loopback listener could not start: %1").arg(m_listener->errorString()));
            setStepState(RequestPage, QStringLiteral("failed"));
            return;
        }
        request.redirectUri = m_listener->redirectUri();
    }
    setStepState(RequestPage, QStringLiteral("done"));
    m_flow->start(request);
}

void AuthorizationFlowPanel::onAuthorizationUrl(const QUrl &url)
{
    const CaptureMode mode = m_form->captureMode();
    m_systemUrl->setPlainText(QString::fromUtf8(url.toEncoded()));
    switch (mode) {
    case CaptureMode::EmbeddedBrowser: {
        m_capturePages->setCurrentIndex(0);
        if (m_browserWindow)
            m_browserWindow->raise();
        Tokenscope::Browser::BrowserOptions options;
        options.freshSession = m_form->freshSession() || m_freshNext;
        options.persistentSessionName = m_form->sessionName();
        m_browser->start(url, m_flow->request().redirectUri, options);
        m_status->setText(tr("Log in in the embedded browser; the redirect to %1 is captured "
                             "before it is loaded.")
                              .arg(m_flow->request().redirectUri.toString()));
        break;
    }
    case CaptureMode::SystemBrowser:
        m_capturePages->setCurrentIndex(1);
        if (!Tokenscope::Browser::SystemBrowser::open(url))
            m_status->setText(tr("The system browser could not be started: open the URL "
                                 "yourself."));
        else
            m_status->setText(tr("Waiting for the redirect on %1 …")
                                  .arg(m_flow->request().redirectUri.toString()));
        startRedirectTimeout();
        break;
    case CaptureMode::Paste:
        m_capturePages->setCurrentIndex(2);
        m_status->setText(tr("Waiting for the pasted redirect URL."));
        break;
    }
    m_freshNext = false;
    showPage(BrowserPage);
}

void AuthorizationFlowPanel::continueInSystemBrowser()
{
    // The authorization URL went to the system browser: its redirect reaches a loopback
    // listener when the redirect URI names a loopback port, and is pasted otherwise.
    const QUrl redirectUri = m_flow->request().redirectUri;
    const bool loopback =
        redirectUri.scheme() == QLatin1String("http") &&
        Tokenscope::Redirect::RedirectMatcher::isLoopbackLiteral(redirectUri.host()) &&
        redirectUri.port() > 0;
    if (loopback && (m_listener->isListening() ||
                     m_listener->listen(quint16(redirectUri.port()), redirectUri.path(),
                                        redirectUri.host() == QLatin1String("::1")))) {
        m_capturePages->setCurrentIndex(1);
        m_status->setText(tr("Continue in the system browser; waiting for the redirect on %1 …")
                              .arg(redirectUri.toString()));
        startRedirectTimeout();
        return;
    }
    m_capturePages->setCurrentIndex(2);
    m_status->setText(tr("Continue in the system browser, then paste the URL it shows after "
                         "signing in (%1 cannot be listened on).")
                          .arg(redirectUri.toString()));
}

void AuthorizationFlowPanel::setBrowserInOwnWindow(bool ownWindow)
{
    if (ownWindow == !m_browserWindow.isNull())
        return;
    if (ownWindow) {
        m_browserWindow = new QWidget(this, Qt::Window);
        m_browserWindow->setObjectName(QStringLiteral("browserWindow"));
        m_browserWindow->setWindowTitle(tr("Tokenscope — sign in"));
        m_browserWindow->setAttribute(Qt::WA_DeleteOnClose, false);
        auto *layout = new QVBoxLayout(m_browserWindow);
        layout->setContentsMargins(0, 0, 0, 0);
        m_capturePages->removeWidget(m_browser);
        layout->addWidget(m_browser);
        m_capturePages->insertWidget(
            0, new QLabel(tr("The browser is in its own window."), m_capturePages));
        m_browserWindow->resize(900, 760);
        m_browserWindow->show();
        m_browserWindow->installEventFilter(this);
    } else {
        QWidget *placeholder = m_capturePages->widget(0);
        m_capturePages->removeWidget(placeholder);
        placeholder->deleteLater();
        m_browser->setParent(m_capturePages);
        m_capturePages->insertWidget(0, m_browser);
        delete m_browserWindow;
    }
    if (m_form->captureMode() == CaptureMode::EmbeddedBrowser)
        m_capturePages->setCurrentIndex(0);
}

bool AuthorizationFlowPanel::eventFilter(QObject *watched, QEvent *event)
{
    // Closing the browser's window puts the browser back into the wizard.
    if (watched == m_browserWindow && event->type() == QEvent::Close) {
        QTimer::singleShot(0, this, [this] { m_ownWindow->setChecked(false); });
        return false;
    }
    return QWidget::eventFilter(watched, event);
}

void AuthorizationFlowPanel::usePastedResponse()
{
    const QString text = m_paste->toPlainText().trimmed();
    const QUrl url(text, QUrl::TolerantMode);
    Tokenscope::Redirect::RedirectResult redirect;
    if (url.isValid() && !url.scheme().isEmpty() && (url.hasQuery() || url.hasFragment())) {
        redirect = Tokenscope::Redirect::RedirectMatcher::parse(url);
    } else if (text.contains(QLatin1Char('='))) {
        // The fields of a form_post response, name=value&…
        redirect = Tokenscope::Redirect::RedirectMatcher::parse(m_flow->request().redirectUri,
                                                                text.toUtf8());
    }
    if (redirect.isEmpty()) {
        m_pasteProblem->setText(tr("Paste the URL the provider redirected to, with its query "
                                   "or fragment, or name=value&… fields"));
        return;
    }
    m_pasteProblem->clear();
    m_flow->handleRedirect(redirect);
}

void AuthorizationFlowPanel::onStepChanged(Step step)
{
    switch (step) {
    case Step::Idle:
        break;
    case Step::AwaitingRedirect:
        setStepState(BrowserPage, QStringLiteral("active"));
        break;
    case Step::FetchingKeys:
    case Step::ExchangingCode:
    case Step::CallingUserInfo:
        if (m_callbackCheckCount == 0) {
            m_callbackCheckCount = m_flow->result().checks.size();
            setStepState(BrowserPage, QStringLiteral("done"));
            setStepState(CallbackPage, QStringLiteral("done"));
            fillCallback(m_flow->result());
        }
        setStepState(ExchangePage, QStringLiteral("active"));
        m_status->setText(step == Step::FetchingKeys     ? tr("Fetching the provider's keys …")
                          : step == Step::ExchangingCode ? tr("Exchanging the code …")
                                                         : tr("Calling UserInfo …"));
        showPage(ExchangePage);
        break;
    case Step::Succeeded:
    case Step::Failed:
        break; // onFinished
    }
}

void AuthorizationFlowPanel::onFinished(const FlowResult &result)
{
    m_last = result;
    m_tokensReceivedAt = QDateTime::currentDateTimeUtc();
    m_redirectTimeout->stop();
    m_listener->close();
    const bool redirected = !result.redirect.parameters.isEmpty();
    if (m_callbackCheckCount == 0)
        m_callbackCheckCount = result.checks.size();
    if (redirected) {
        setStepState(BrowserPage, QStringLiteral("done"));
        fillCallback(result);
    }
    fillExchange(result);
    fillResult(result);

    if (result.ok()) {
        setStepState(CallbackPage, QStringLiteral("done"));
        setStepState(ExchangePage, QStringLiteral("done"));
        setStepState(ResultPage, QStringLiteral("done"));
        m_status->setText(
            tr("Done: %n check(s) made, none failed.", nullptr, int(result.checks.size())));
    } else {
        // The step that failed: before a response arrived, at its checks, or after.
        Page failed = ExchangePage;
        if (!redirected)
            failed = BrowserPage;
        else if (result.exchanges.isEmpty() &&
                 (result.error.kind == FlowError::Kind::Validation ||
                  result.error.kind == FlowError::Kind::Provider) &&
                 qsizetype(result.checks.size()) <= m_callbackCheckCount)
            failed = CallbackPage;
        for (int page = failed + 1; page <= ExchangePage; ++page)
            setStepState(Page(page), QString());
        setStepState(failed, QStringLiteral("failed"));
        setStepState(ResultPage, QStringLiteral("failed"));
        m_status->setText(result.error.message);
    }
    showPage(ResultPage);
}

void AuthorizationFlowPanel::startRedirectTimeout()
{
    m_redirectTimeout->start(m_form->redirectTimeoutSeconds() * 1000);
}

void AuthorizationFlowPanel::onRedirectTimeout()
{
    if (m_flow->step() != Step::AwaitingRedirect)
        return;
    const QString redirectUri = m_flow->request().redirectUri.toString();
    const int seconds = m_form->redirectTimeoutSeconds();
    m_listener->close();
    m_flow->cancelWithReason(
        tr("No redirect arrived within %n second(s): the loopback listener on %1 was closed. "
           "Run again to retry, or set a longer wait on the request page.",
           nullptr, seconds)
            .arg(redirectUri));
}

void AuthorizationFlowPanel::onRedirectRefused(const Tokenscope::Finding &finding,
                                               const Tokenscope::Redirect::RedirectResult &redirect)
{
    // The run's outcome stands; the refusal is one more failed check, shown and recorded.
    const FlowResult &result = m_flow->result();
    m_last.checks = result.checks;
    Tokenscope::Findings callbackChecks = result.checks.mid(0, m_callbackCheckCount);
    callbackChecks.append(finding);
    m_callbackChecks->setFindings(callbackChecks);
    m_allChecks->setFindings(result.checks);
    m_status->setText(tr("A later response was refused — check “%1” failed: %2 (expected: %3; "
                         "received: %4)")
                          .arg(finding.rule, finding.message, finding.expected, finding.actual));
    if (Tokenscope::Http::Transcript *transcript = m_http->transcript()) {
        Tokenscope::Http::Exchange exchange;
        exchange.id = transcript->nextId();
        exchange.label = tr("Authorization response refused (%1)").arg(finding.rule);
        exchange.method =
            redirect.formBody.isEmpty() ? QByteArrayLiteral("GET") : QByteArrayLiteral("POST");
        exchange.url = redirect.url;
        exchange.requestBody = redirect.formBody;
        exchange.started = QDateTime::currentDateTimeUtc();
        exchange.hasResponse = false;
        exchange.durationUs = 0;
        transcript->record(exchange);
    }
}

void AuthorizationFlowPanel::fillCallback(const FlowResult &result)
{
    const auto &parameters = result.redirect.parameters;
    m_parameters->setRowCount(int(parameters.size()));
    for (int row = 0; row < parameters.size(); ++row) {
        const auto &[name, value] = parameters.at(row);
        m_parameters->setItem(row, 0, new QTableWidgetItem(name));
        auto *cell = new QTableWidgetItem;
        cell->setData(Qt::UserRole, value);
        m_parameters->setItem(row, 1, cell);
    }
    m_callbackChecks->setFindings(result.checks.mid(0, m_callbackCheckCount));
    refreshSecrets();
}

void AuthorizationFlowPanel::fillExchange(const FlowResult &result)
{
    m_exchanges->clear();
    for (const Tokenscope::Http::Exchange &exchange : result.exchanges) {
        const QString status = exchange.error.isError() ? exchange.error.message
                                                        : QString::number(exchange.statusCode);
        auto *row = new QTreeWidgetItem(
            m_exchanges,
            {exchange.label,
             QString::fromLatin1(exchange.method) + QLatin1Char(' ') + exchange.url.toString(),
             status, tr("%1 ms").arg(exchange.durationMs(), 0, 'f', 1)});
        row->setToolTip(1, exchange.url.toString());
    }
    m_exchanges->resizeColumnToContents(0);
    m_tokenChecks->setFindings(result.checks.mid(m_callbackCheckCount));
}

void AuthorizationFlowPanel::fillResult(const FlowResult &result)
{
    if (result.ok()) {
        m_outcome->setText(
            tr("Tokens obtained (response_type %1).").arg(m_flow->request().responseType));
        m_outcome->setStyleSheet(QStringLiteral("color: #1b5e20; font-weight: bold;"));
    } else {
        QString outcome = ProviderErrorText::describe(result.error.oauth, result.error.message,
                                                      result.error.rule);
        // error_uri as the provider sent it: the label shows plain text, never markup.
        const QString errorUri = result.error.oauth.errorUri;
        if (!errorUri.isEmpty() && !outcome.contains(errorUri))
            outcome += QLatin1Char('\n') + tr("More about this error: %1").arg(errorUri);
        m_outcome->setText(outcome);
        m_outcome->setStyleSheet(QStringLiteral("color: #b00020; font-weight: bold;"));
    }
    const Tokenscope::AuthCode::TokenResponse &tokens =
        result.tokens.ok || !result.tokens.raw.isEmpty() ? result.tokens : result.frontChannel;
    m_tokens->setTokens(tokens, m_tokensReceivedAt);
    QString idToken = result.tokens.idToken;
    if (idToken.isEmpty())
        idToken = result.frontChannel.idToken;
    m_idTokenClaims->setPlainText(prettyJson(Tokenscope::AuthCode::IdTokenCheck::claims(idToken)));
    if (!idToken.isEmpty()) { // the flow's findings as they are; its cached keys name the key
        TokenContext context;
        context.findings = result.checks;
        context.signatureCheckedElsewhere = true;
        context.label = tr("ID token");
        const Tokenscope::Jose::JwkSet keys = m_keys->cached(m_flow->request().jwksUri);
        if (!keys.isEmpty())
            context.keys = keys;
        m_idTokenInspector->inspect(idToken, context);
    }
    m_userinfo->setPlainText(prettyJson(result.userinfo));
    m_allChecks->setFindings(result.checks);
    refreshSecrets();
}

void AuthorizationFlowPanel::refreshSecrets()
{
    const bool show = m_showSecrets->isChecked();
    for (int row = 0; row < m_parameters->rowCount(); ++row) {
        const QString name = m_parameters->item(row, 0)->text();
        QTableWidgetItem *cell = m_parameters->item(row, 1);
        const QString value = cell->data(Qt::UserRole).toString();
        cell->setText(show || !isSecretParameter(name)
                          ? value
                          : tr("[hidden: %n characters]", nullptr, int(value.size())));
    }
    m_tokens->setShowSecrets(show);
    m_idTokenInspector->setTokenMasked(!show);
}

void AuthorizationFlowPanel::cancel()
{
    m_redirectTimeout->stop();
    m_flow->cancel();
    m_listener->close();
    m_browser->stop();
}

void AuthorizationFlowPanel::runAgain()
{
    if (m_flow->step() == Step::AwaitingRedirect || m_flow->step() == Step::ExchangingCode ||
        m_flow->step() == Step::FetchingKeys || m_flow->step() == Step::CallingUserInfo)
        cancel();
    m_form->regenerate();
    for (int page = RequestPage; page <= ResultPage; ++page)
        setStepState(Page(page), QString());
    setStepState(RequestPage, QStringLiteral("active"));
    m_status->clear();
    showPage(RequestPage);
}

void AuthorizationFlowPanel::runAgainFreshSession()
{
    m_freshNext = true;
    runAgain();
    start();
}
