#include "DeviceFlowPanel.h"

#include "QrCodeWidget.h"
#include "browser/EmbeddedBrowser.h"
#include "browser/SystemBrowser.h"
#include "common/Clock.h"
#include "common/FindingsView.h"
#include "discovery/ProviderMetadata.h"
#include "grants/ClientFields.h"
#include "grants/ExchangeSummary.h"
#include "http/HttpClient.h"
#include "session/SessionTokens.h"
#include "tokens/TokenTable.h"

#include <QApplication>
#include <QCheckBox>
#include <QClipboard>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QScrollArea>
#include <QSplitter>
#include <QVBoxLayout>

using Tokenscope::Device::DeviceAuthorization;
using Tokenscope::Device::DeviceFlow;
using Tokenscope::Device::DeviceFlowResult;
using Tokenscope::Device::DeviceRequest;
using Step = DeviceFlow::Step;
using Method = Tokenscope::ClientAuth::ClientAuthentication::Method;

DeviceFlowPanel::DeviceFlowPanel(Tokenscope::Http::HttpClient *http,
                                 Tokenscope::RandomSource &random,
                                 Tokenscope::Jose::JwksCache *keys, SessionTokens *session,
                                 QWidget *parent)
    : QWidget(parent)
    , m_http(http)
    , m_session(session)
    , m_flow(new DeviceFlow(http, random, m_scheduler, keys, this))
{
    setObjectName(QStringLiteral("deviceFlowPanel"));

    // The request: left.
    auto *form = new QWidget;
    auto *formLayout = new QVBoxLayout(form);
    m_client = new ClientFields(QStringLiteral("device"), form);
    m_client->setClient(QString(), QByteArray(), Method::None);
    m_deviceEndpoint = new QLineEdit(form);
    m_deviceEndpoint->setObjectName(QStringLiteral("deviceAuthorizationEndpointEdit"));
    m_deviceEndpoint->setPlaceholderText(tr("https://provider.example/device/auth"));
    m_client->form()->insertRow(0, tr("Device authorization endpoint"), m_deviceEndpoint);
    formLayout->addWidget(m_client);
    auto *buttons = new QHBoxLayout;
    m_start = new QPushButton(tr("Start"), form);
    m_start->setObjectName(QStringLiteral("deviceStartButton"));
    m_start->setDefault(true);
    m_cancel = new QPushButton(tr("Cancel"), form);
    m_cancel->setObjectName(QStringLiteral("deviceCancelButton"));
    m_cancel->setEnabled(false);
    buttons->addStretch(1);
    buttons->addWidget(m_cancel);
    buttons->addWidget(m_start);
    formLayout->addLayout(buttons);
    m_status = new QLabel(tr("Start asks the provider for a user code."), form);
    m_status->setObjectName(QStringLiteral("deviceStatusLabel"));
    m_status->setWordWrap(true);
    formLayout->addWidget(m_status);

    // The code, what to open, the countdown and the polls: middle.
    m_codeBox = new QGroupBox(tr("On another device"), form);
    m_codeBox->setObjectName(QStringLiteral("deviceCodeBox"));
    auto *codeLayout = new QVBoxLayout(m_codeBox);
    auto *enter = new QLabel(tr("Enter this code"), m_codeBox);
    m_userCode = new QLabel(m_codeBox);
    m_userCode->setObjectName(QStringLiteral("userCodeLabel"));
    m_userCode->setTextInteractionFlags(Qt::TextSelectableByMouse);
    QFont big = m_userCode->font();
    big.setPointSizeF(big.pointSizeF() * 2.6);
    big.setBold(true);
    big.setFamily(QStringLiteral("monospace"));
    big.setLetterSpacing(QFont::AbsoluteSpacing, 3);
    m_userCode->setFont(big);
    m_copy = new QPushButton(tr("Copy"), m_codeBox);
    m_copy->setObjectName(QStringLiteral("copyUserCodeButton"));
    auto *codeRow = new QHBoxLayout;
    codeRow->addWidget(m_userCode, 1);
    codeRow->addWidget(m_copy);
    m_verificationUri = new QLabel(m_codeBox);
    m_verificationUri->setObjectName(QStringLiteral("verificationUriLabel"));
    m_verificationUri->setTextInteractionFlags(Qt::TextBrowserInteraction);
    m_verificationUri->setOpenExternalLinks(false);
    m_verificationUri->setWordWrap(true);
    m_qr = new QrCodeWidget(m_codeBox);
    m_qr->setObjectName(QStringLiteral("deviceQrCode"));
    m_openEmbedded = new QPushButton(tr("Open in embedded browser"), m_codeBox);
    m_openEmbedded->setObjectName(QStringLiteral("openEmbeddedButton"));
    m_openSystem = new QPushButton(tr("Open in system browser"), m_codeBox);
    m_openSystem->setObjectName(QStringLiteral("openSystemButton"));
    auto *openRow = new QHBoxLayout;
    openRow->addWidget(m_openEmbedded);
    openRow->addWidget(m_openSystem);
    m_expiry = new QLabel(m_codeBox);
    m_expiry->setObjectName(QStringLiteral("deviceExpiryLabel"));
    m_polls = new QLabel(m_codeBox);
    m_polls->setObjectName(QStringLiteral("devicePollLabel"));
    m_polls->setWordWrap(true);
    codeLayout->addWidget(enter);
    codeLayout->addLayout(codeRow);
    codeLayout->addWidget(new QLabel(tr("at"), m_codeBox));
    codeLayout->addWidget(m_verificationUri);
    codeLayout->addWidget(new QLabel(tr("or scan:"), m_codeBox));
    codeLayout->addWidget(m_qr, 0, Qt::AlignHCenter);
    codeLayout->addLayout(openRow);
    codeLayout->addWidget(m_expiry);
    codeLayout->addWidget(m_polls);
    m_codeBox->setEnabled(false);

    // The result: right.
    auto *result = new QWidget;
    auto *resultLayout = new QVBoxLayout(result);
    m_showSecrets = new QCheckBox(tr("Show secrets"), result);
    m_showSecrets->setObjectName(QStringLiteral("deviceShowSecretsCheck"));
    m_tokens = new TokenTable(result);
    m_tokens->setObjectName(QStringLiteral("deviceTokenTable"));
    m_checks = new FindingsView(result);
    m_checks->setObjectName(QStringLiteral("deviceChecks"));
    m_exchanges = new ExchangeSummary(result);
    m_exchanges->setObjectName(QStringLiteral("deviceExchanges"));
    auto *tokensRow = new QHBoxLayout;
    tokensRow->addWidget(new QLabel(tr("Tokens"), result), 1);
    tokensRow->addWidget(m_showSecrets);
    resultLayout->addLayout(tokensRow);
    resultLayout->addWidget(m_tokens, 2);
    resultLayout->addWidget(new QLabel(tr("Checks"), result));
    resultLayout->addWidget(m_checks, 3);
    resultLayout->addWidget(
        new QLabel(tr("Exchanges (details in the exchange inspector)"), result));
    resultLayout->addWidget(m_exchanges, 1);

    auto *splitter = new QSplitter(Qt::Horizontal, this);
    auto *scroll = new QScrollArea;
    scroll->setWidgetResizable(true);
    scroll->setFrameShape(QFrame::NoFrame);
    // The request, and under it the code to enter: one column; the result beside it.
    formLayout->addWidget(m_codeBox);
    formLayout->addStretch(1);
    scroll->setWidget(form);
    splitter->addWidget(scroll);
    splitter->addWidget(result);
    splitter->setStretchFactor(0, 2);
    splitter->setStretchFactor(1, 3);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(6, 6, 6, 6);
    layout->addWidget(splitter);

    connect(m_start, &QPushButton::clicked, this, &DeviceFlowPanel::start);
    connect(m_cancel, &QPushButton::clicked, this, &DeviceFlowPanel::cancel);
    connect(m_copy, &QPushButton::clicked, this,
            [this] { QApplication::clipboard()->setText(m_authorization.userCode); });
    connect(m_verificationUri, &QLabel::linkActivated, this,
            [](const QString &link) { Tokenscope::Browser::SystemBrowser::open(QUrl(link)); });
    connect(m_openEmbedded, &QPushButton::clicked, this, &DeviceFlowPanel::openInEmbeddedBrowser);
    connect(m_openSystem, &QPushButton::clicked, this, &DeviceFlowPanel::openInSystemBrowser);
    connect(m_showSecrets, &QCheckBox::toggled, m_tokens, &TokenTable::setShowSecrets);
    connect(m_flow, &DeviceFlow::stepChanged, this, &DeviceFlowPanel::onStepChanged);
    connect(m_flow, &DeviceFlow::authorizationReady, this, &DeviceFlowPanel::onAuthorization);
    connect(m_flow, &DeviceFlow::polled, this,
            [this](int number, const QString &answer) { onPolled(number, answer); });
    connect(m_flow, &DeviceFlow::intervalChanged, this, &DeviceFlowPanel::tick);
    connect(m_flow, &DeviceFlow::finished, this, &DeviceFlowPanel::onFinished);
    m_tick.setInterval(1000);
    connect(&m_tick, &QTimer::timeout, this, &DeviceFlowPanel::tick);
}

DeviceFlowPanel::~DeviceFlowPanel()
{
    delete m_browserWindow; // the page before its profile, while the app still runs
    delete m_flow;          // before the scheduler it polls with
}

DeviceRequest DeviceFlowPanel::request() const
{
    DeviceRequest r;
    r.deviceAuthorizationEndpoint = QUrl(m_deviceEndpoint->text().trimmed());
    r.tokenEndpoint = m_client->tokenEndpoint();
    r.client = m_client->credentials();
    r.scope = m_client->scope();
    r.issuer = m_issuer;
    r.jwksUri = m_jwksUri;
    return r;
}

QString DeviceFlowPanel::problem() const
{
    const QUrl endpoint(m_deviceEndpoint->text().trimmed());
    if (!endpoint.isValid() || endpoint.host().isEmpty())
        return tr("Enter the device authorization endpoint, or discover the provider first.");
    return m_client->problem();
}

QString DeviceFlowPanel::statusText() const
{
    return m_status->text();
}

QString DeviceFlowPanel::pollText() const
{
    return m_polls->text();
}

void DeviceFlowPanel::setProvider(const Tokenscope::Discovery::ProviderMetadata &metadata)
{
    m_deviceEndpoint->setText(
        metadata.endpoint(QStringLiteral("device_authorization_endpoint")).toString());
    m_client->setTokenEndpoint(metadata.endpoint(QStringLiteral("token_endpoint")));
    m_issuer = metadata.issuer;
    m_jwksUri = metadata.endpoint(QStringLiteral("jwks_uri"));
}

void DeviceFlowPanel::start()
{
    const QString why = problem();
    if (!why.isEmpty()) {
        m_status->setText(why);
        return;
    }
    m_authorization = DeviceAuthorization{};
    m_pollCount = 0;
    m_lastAnswer.clear();
    m_userCode->clear();
    m_verificationUri->clear();
    m_qr->setText(QString());
    m_expiry->clear();
    m_polls->clear();
    m_tokens->clearTokens();
    m_checks->setFindings({});
    m_exchanges->clearExchanges();
    m_flow->start(request());
}

void DeviceFlowPanel::cancel()
{
    m_flow->cancel();
}

QUrl DeviceFlowPanel::bestVerificationUrl() const
{
    return m_authorization.verificationUriComplete.isValid() &&
                   !m_authorization.verificationUriComplete.isEmpty()
               ? m_authorization.verificationUriComplete
               : m_authorization.verificationUri;
}

void DeviceFlowPanel::openInEmbeddedBrowser()
{
    const QUrl url = bestVerificationUrl();
    if (url.isEmpty())
        return;
    if (!m_browserWindow) {
        m_browserWindow = new QWidget(this, Qt::Window);
        m_browserWindow->setObjectName(QStringLiteral("deviceBrowserWindow"));
        m_browserWindow->setWindowTitle(tr("Tokenscope — verify the device"));
        auto *layout = new QVBoxLayout(m_browserWindow);
        layout->setContentsMargins(0, 0, 0, 0);
        m_browser = new Tokenscope::Browser::EmbeddedBrowser(m_browserWindow);
        m_browser->setTranscript(m_http->transcript());
        layout->addWidget(m_browser);
        connect(m_browser, &Tokenscope::Browser::EmbeddedBrowser::systemBrowserRequested, this,
                [](const QUrl &target) { Tokenscope::Browser::SystemBrowser::open(target); });
        m_browserWindow->resize(900, 760);
    }
    // No redirect to capture: the tokens come from the polls.
    m_browser->start(url, QUrl());
    m_browserWindow->show();
    m_browserWindow->raise();
}

void DeviceFlowPanel::openInSystemBrowser()
{
    const QUrl url = bestVerificationUrl();
    if (!url.isEmpty() && !Tokenscope::Browser::SystemBrowser::open(url))
        m_status->setText(
            tr("The system browser could not be opened: open %1 yourself.").arg(url.toString()));
}

void DeviceFlowPanel::onStepChanged(Step step)
{
    const bool running = step == Step::Requesting || step == Step::AwaitingUser ||
                         step == Step::Polling || step == Step::FetchingKeys;
    m_start->setEnabled(!running);
    m_cancel->setEnabled(running);
    m_client->setEnabled(!running);
    m_deviceEndpoint->setEnabled(!running);
    switch (step) {
    case Step::Requesting:
        m_status->setText(tr("Asking the provider for a user code…"));
        break;
    case Step::AwaitingUser:
    case Step::Polling:
        m_status->setText(tr("Waiting for the user to sign in on another device…"));
        break;
    case Step::FetchingKeys:
        m_status->setText(tr("Fetching the provider's keys to check the ID token…"));
        break;
    case Step::Idle:
    case Step::Succeeded:
    case Step::Failed:
    case Step::Cancelled:
        break;
    }
    if (running)
        m_tick.start();
    else
        m_tick.stop();
    tick();
}

void DeviceFlowPanel::onAuthorization(const DeviceAuthorization &authorization)
{
    m_authorization = authorization;
    m_codeBox->setEnabled(true);
    m_userCode->setText(authorization.userCode);
    const QString uri = authorization.verificationUri.toString();
    m_verificationUri->setText(
        QStringLiteral("<a href=\"%1\">%2</a>").arg(uri.toHtmlEscaped(), uri.toHtmlEscaped()));
    m_qr->setText(authorization.verificationUriComplete.isEmpty()
                      ? QString()
                      : authorization.verificationUriComplete.toString(QUrl::FullyEncoded));
    m_qr->setVisible(!m_qr->code().isNull());
    tick();
}

void DeviceFlowPanel::onPolled(int number, const QString &answer)
{
    m_pollCount = number;
    m_lastAnswer = answer;
    tick();
}

void DeviceFlowPanel::onFinished(const DeviceFlowResult &result)
{
    m_tick.stop();
    m_pollCount = result.polls;
    const QDateTime now = m_http->clock().now();
    m_tokens->setTokens(result.tokens, now);
    m_tokens->setShowSecrets(m_showSecrets->isChecked());
    m_checks->setFindings(result.checks);
    m_exchanges->setExchanges(result.exchanges, result.pollExchangeIds,
                              m_lastAnswer.isEmpty() && result.ok() ? tr("tokens") : m_lastAnswer);
    if (result.ok()) {
        m_status->setText(tr("Done: tokens obtained after %n poll(s).", nullptr, result.polls));
        m_status->setStyleSheet(QStringLiteral("color: #1b5e20; font-weight: bold;"));
        if (m_session)
            m_session->addResponse(result.tokens, tr("Device flow"), now);
    } else {
        QString text = result.error.message;
        if (!result.error.oauth.isEmpty())
            text = tr("The provider answered %1").arg(result.error.oauth.summary());
        m_status->setText(text);
        m_status->setStyleSheet(result.error.kind ==
                                        Tokenscope::AuthCode::FlowError::Kind::Cancelled
                                    ? QString()
                                    : QStringLiteral("color: #b00020; font-weight: bold;"));
    }
    tick();
}

void DeviceFlowPanel::tick()
{
    const QDateTime now = m_http->clock().now();
    const Step step = m_flow->step();
    const bool waiting = step == Step::AwaitingUser || step == Step::Polling;
    if (m_authorization.expiresAt.isValid()) {
        if (waiting)
            m_expiry->setText(tr("The code expires %1.")
                                  .arg(TokenTable::countdownText(m_authorization.expiresAt, now)));
        else if (step == Step::Succeeded)
            m_expiry->setText(tr("The code was used."));
        else
            m_expiry->setText(tr("No longer polling."));
    }
    if (m_authorization.userCode.isEmpty())
        return;
    QString polls = m_pollCount == 0
                        ? tr("Not polled yet")
                        : tr("Polled %n time(s), last answer %1", nullptr, m_pollCount)
                              .arg(m_lastAnswer.isEmpty() ? tr("tokens") : m_lastAnswer);
    polls += tr(" · interval %n s", nullptr, int(m_flow->interval()));
    const QDateTime next = m_flow->nextPollAt();
    if (waiting && next.isValid())
        polls += tr(" · next poll in %n s", nullptr, int(qMax<qint64>(0, now.secsTo(next))));
    m_polls->setText(polls);
}
