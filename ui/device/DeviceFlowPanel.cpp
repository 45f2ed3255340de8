#include "DeviceFlowPanel.h"

#include "QrCodeWidget.h"
#include "browser/EmbeddedBrowser.h"
#include "browser/SystemBrowser.h"
#include "discovery/ProviderMetadata.h"
#include "grants/ClientFields.h"
#include "http/HttpClient.h"

#include <QApplication>
#include <QClipboard>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
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
    : PollingFlowPanel(http, QStringLiteral("device"), session, parent)
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
    formLayout->addLayout(createButtons(form));
    formLayout->addWidget(createStatus(tr("Start asks the provider for a user code."), form));

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
    codeLayout->addWidget(enter);
    codeLayout->addLayout(codeRow);
    codeLayout->addWidget(new QLabel(tr("at"), m_codeBox));
    codeLayout->addWidget(m_verificationUri);
    codeLayout->addWidget(new QLabel(tr("or scan:"), m_codeBox));
    codeLayout->addWidget(m_qr, 0, Qt::AlignHCenter);
    codeLayout->addLayout(openRow);
    createProgress(m_codeBox);
    m_codeBox->setEnabled(false);

    // The request, and under it the code to enter: one column; the result beside it.
    formLayout->addWidget(m_codeBox);
    formLayout->addStretch(1);
    placeColumns(form);

    connect(m_copy, &QPushButton::clicked, this,
            [this] { QApplication::clipboard()->setText(m_authorization.userCode); });
    connect(m_verificationUri, &QLabel::linkActivated, this,
            [](const QString &link) { Tokenscope::Browser::SystemBrowser::open(QUrl(link)); });
    connect(m_openEmbedded, &QPushButton::clicked, this, &DeviceFlowPanel::openInEmbeddedBrowser);
    connect(m_openSystem, &QPushButton::clicked, this, &DeviceFlowPanel::openInSystemBrowser);
    connect(m_flow, &DeviceFlow::stepChanged, this, &DeviceFlowPanel::onStepChanged);
    connect(m_flow, &DeviceFlow::authorizationReady, this, &DeviceFlowPanel::onAuthorization);
    connect(m_flow, &DeviceFlow::polled, this, &DeviceFlowPanel::onPolled);
    connect(m_flow, &DeviceFlow::intervalChanged, this, &DeviceFlowPanel::tick);
    connect(m_flow, &DeviceFlow::finished, this, [this](const DeviceFlowResult &result) {
        finish(result, tr("Done: tokens obtained after %n poll(s).", nullptr, result.polls),
               tr("Device flow"));
    });
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

void DeviceFlowPanel::setProvider(const Tokenscope::Discovery::ProviderMetadata &metadata)
{
    m_deviceEndpoint->setText(
        metadata.endpoint(QStringLiteral("device_authorization_endpoint")).toString());
    takeProvider(metadata);
}

void DeviceFlowPanel::start()
{
    if (!readyToStart())
        return;
    m_authorization = DeviceAuthorization{};
    resetProgress();
    m_userCode->clear();
    m_verificationUri->clear();
    m_qr->setText(QString());
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
    const bool running = followStep(step, tr("Asking the provider for a user code…"),
                                    tr("Waiting for the user to sign in on another device…"));
    m_client->setEnabled(!running);
    m_deviceEndpoint->setEnabled(!running);
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

void DeviceFlowPanel::tick()
{
    const QDateTime at = now();
    const Step step = m_flow->step();
    const bool waiting = step == Step::AwaitingUser || step == Step::Polling;
    showCountdown(m_authorization.expiresAt, waiting, at, tr("The code expires %1."),
                  step == Step::Succeeded ? tr("The code was used.") : QString());
    if (m_authorization.userCode.isEmpty())
        return;
    showPolls(m_flow->interval(), m_flow->nextPollAt(), waiting, at);
}
