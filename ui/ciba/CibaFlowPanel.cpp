#include "CibaFlowPanel.h"

#include "ciba/NotificationListener.h"
#include "common/RandomSource.h"
#include "discovery/ProviderMetadata.h"
#include "grants/ClientFields.h"

#include <QCheckBox>
#include <QComboBox>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QSpinBox>
#include <QVBoxLayout>

using Tokenscope::Ciba::CibaAuthorization;
using Tokenscope::Ciba::CibaFlow;
using Tokenscope::Ciba::CibaFlowResult;
using Tokenscope::Ciba::CibaRequest;
using Step = CibaFlow::Step;
using Method = Tokenscope::ClientAuth::ClientAuthentication::Method;

CibaFlowPanel::CibaFlowPanel(Tokenscope::Http::HttpClient *http, Tokenscope::RandomSource &random,
                             Tokenscope::Jose::JwksCache *keys, SessionTokens *session,
                             QWidget *parent)
    : PollingFlowPanel(http, QStringLiteral("ciba"), session, parent)
    , m_flow(new CibaFlow(http, random, m_scheduler, keys, this))
    , m_random(random)
{
    setObjectName(QStringLiteral("cibaFlowPanel"));
    auto *form = new QWidget;
    auto *formLayout = new QVBoxLayout(form);
    m_client = new ClientFields(QStringLiteral("ciba"), form);
    m_client->setScope(QStringLiteral("openid"));
    QFormLayout *rows = m_client->form();
    m_endpoint = new QLineEdit(form);
    m_endpoint->setObjectName(QStringLiteral("cibaEndpointEdit"));
    m_endpoint->setPlaceholderText(tr("https://provider.example/backchannel"));
    rows->insertRow(0, tr("Backchannel authentication endpoint"), m_endpoint);
    m_hintKind = new QComboBox(form);
    m_hintKind->setObjectName(QStringLiteral("cibaHintKindCombo"));
    m_hintKind->addItem(QStringLiteral("login_hint"), int(LoginHint));
    m_hintKind->addItem(QStringLiteral("id_token_hint"), int(IdTokenHint));
    m_hintKind->addItem(QStringLiteral("login_hint_token"), int(LoginHintToken));
    m_hint = new QLineEdit(form);
    m_hint->setObjectName(QStringLiteral("cibaHintEdit"));
    m_hint->setPlaceholderText(tr("who to ask: an e-mail, a user name, a phone number…"));
    auto *hintRow = new QHBoxLayout;
    hintRow->addWidget(m_hintKind);
    hintRow->addWidget(m_hint, 1);
    rows->addRow(tr("User"), hintRow);
    m_bindingMessage = new QLineEdit(form);
    m_bindingMessage->setObjectName(QStringLiteral("cibaBindingMessageEdit"));
    m_bindingMessage->setPlaceholderText(tr("shown on both devices, optional"));
    rows->addRow(tr("Binding message"), m_bindingMessage);
    m_userCode = new QLineEdit(form);
    m_userCode->setObjectName(QStringLiteral("cibaUserCodeEdit"));
    m_userCode->setPlaceholderText(tr("optional"));
    m_userCode->setEchoMode(QLineEdit::Password);
    rows->addRow(tr("User code"), m_userCode);
    m_requestedExpiry = new QSpinBox(form);
    m_requestedExpiry->setObjectName(QStringLiteral("cibaRequestedExpirySpin"));
    m_requestedExpiry->setRange(0, 86400);
    m_requestedExpiry->setSpecialValueText(tr("not sent"));
    m_requestedExpiry->setSuffix(tr(" s"));
    rows->addRow(tr("Requested expiry"), m_requestedExpiry);
    m_acrValues = new QLineEdit(form);
    m_acrValues->setObjectName(QStringLiteral("cibaAcrValuesEdit"));
    m_acrValues->setPlaceholderText(tr("optional"));
    rows->addRow(tr("acr_values"), m_acrValues);
    m_ping = new QCheckBox(tr("Ping mode: wait for the provider's notification instead of "
                              "polling"),
                           form);
    m_ping->setObjectName(QStringLiteral("cibaPingCheck"));
    m_ping->setToolTip(tr("The client must be registered for ping mode with this endpoint as "
                          "its backchannel_client_notification_endpoint (CIBA Core §10.2)."));
    rows->addRow(tr("Token delivery"), m_ping);
    m_notificationEndpoint = new QLineEdit(QString::fromLatin1(DefaultNotificationEndpoint), form);
    m_notificationEndpoint->setObjectName(QStringLiteral("cibaNotificationEndpointEdit"));
    m_notificationEndpoint->setToolTip(
        tr("http://127.0.0.1:PORT/PATH; port 0 picks a free one for the run"));
    m_notificationEndpoint->setEnabled(false);
    rows->addRow(tr("Notification endpoint"), m_notificationEndpoint);
    connect(m_ping, &QCheckBox::toggled, m_notificationEndpoint, &QWidget::setEnabled);
    formLayout->addWidget(m_client);

    formLayout->addLayout(createButtons(form));
    formLayout->addWidget(createStatus(
        tr("Start asks the provider to authenticate the user on their own device."), form));
    createProgress(form);
    m_notification = new QLabel(form);
    m_notification->setObjectName(QStringLiteral("cibaNotificationLabel"));
    m_notification->setWordWrap(true);
    m_notification->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_notification->hide();
    formLayout->addWidget(m_notification);
    formLayout->addStretch(1);
    placeColumns(form);

    connect(m_flow, &CibaFlow::stepChanged, this, &CibaFlowPanel::onStepChanged);
    connect(m_flow, &CibaFlow::authorizationReady, this,
            [this](const CibaAuthorization &authorization) {
                m_authorization = authorization;
                tick();
            });
    connect(m_flow, &CibaFlow::polled, this, &CibaFlowPanel::onPolled);
    connect(m_flow, &CibaFlow::intervalChanged, this, &CibaFlowPanel::tick);
    connect(m_flow, &CibaFlow::finished, this, [this](const CibaFlowResult &result) {
        closeListener();
        finish(result,
               result.notified
                   ? tr("Done: the user approved; the provider's notification came and the "
                        "tokens were obtained with %n token request(s).",
                        nullptr, result.polls)
                   : tr("Done: the user approved; tokens obtained after %n poll(s).", nullptr,
                        result.polls),
               tr("CIBA"));
    });
}

CibaFlowPanel::~CibaFlowPanel()
{
    delete m_listener; // refers to the flow
    delete m_flow;     // before the scheduler it polls with
}

bool CibaFlowPanel::pingMode() const
{
    return m_ping->isChecked();
}

static QString notificationEndpointProblem(const QUrl &url)
{
    if (!url.isValid() || url.scheme() != QLatin1String("http") ||
        url.host() != QLatin1String("127.0.0.1") || url.port() < 0 || url.path().isEmpty() ||
        url.hasQuery() || url.hasFragment())
        return CibaFlowPanel::tr("Ping mode listens on this machine: enter the notification "
                                 "endpoint as http://127.0.0.1:PORT/PATH (port 0 picks a free "
                                 "one).");
    return {};
}

bool CibaFlowPanel::startListener()
{
    closeListener();
    const QUrl url(m_notificationEndpoint->text().trimmed(), QUrl::StrictMode);
    m_listener = new Tokenscope::Ciba::NotificationListener(this);
    if (!m_listener->listen(quint16(url.port()), url.path())) {
        m_status->setText(
            tr("Cannot listen at %1: %2").arg(url.toString(), m_listener->errorString()));
        closeListener();
        return false;
    }
    m_listener->setHandler([this](const QByteArray &authorization, const QByteArray &body) {
        return m_flow->handleNotification(authorization, body);
    });
    connect(m_listener, &Tokenscope::Ciba::NotificationListener::notificationReceived, this,
            &CibaFlowPanel::onNotification);
    // 256 bits from the random source: the bearer token the notification must carry.
    m_notificationToken = QString::fromLatin1(m_random.bytes(32).toBase64(
        QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals));
    m_notification->setText(
        tr("Listening at %1 for the provider's notification.").arg(m_listener->url().toString()));
    m_notification->show();
    return true;
}

void CibaFlowPanel::closeListener()
{
    if (!m_listener)
        return;
    m_listener->close();
    m_listener->deleteLater();
    m_listener = nullptr;
}

void CibaFlowPanel::onNotification(int status)
{
    const QString at = QLocale().toString(now().toLocalTime().time(), QLocale::LongFormat);
    m_notification->setText(
        status == 204 ? tr("Notification received at %1 (answered HTTP 204): asking for the "
                           "tokens.")
                            .arg(at)
                      : tr("A notification was refused at %1 (HTTP %2): its bearer token or "
                           "auth_req_id did not match.")
                            .arg(at)
                            .arg(status));
    m_notification->show();
}

CibaRequest CibaFlowPanel::request() const
{
    CibaRequest r;
    r.backchannelAuthenticationEndpoint = QUrl(m_endpoint->text().trimmed());
    r.tokenEndpoint = m_client->tokenEndpoint();
    r.client = m_client->credentials();
    r.scope = m_client->scope();
    const QString hint = m_hint->text().trimmed();
    switch (HintKind(m_hintKind->currentData().toInt())) {
    case LoginHint:
        r.loginHint = hint;
        break;
    case IdTokenHint:
        r.idTokenHint = hint;
        break;
    case LoginHintToken:
        r.loginHintToken = hint;
        break;
    }
    r.bindingMessage = m_bindingMessage->text().trimmed();
    r.userCode = m_userCode->text();
    r.requestedExpiry = m_requestedExpiry->value() == 0 ? -1 : m_requestedExpiry->value();
    r.acrValues = m_acrValues->text().simplified();
    r.issuer = m_issuer;
    r.jwksUri = m_jwksUri;
    if (pingMode() && m_listener) {
        r.clientNotificationEndpoint = m_listener->url();
        r.clientNotificationToken = m_notificationToken;
    }
    return r;
}

QString CibaFlowPanel::problem() const
{
    const QUrl endpoint(m_endpoint->text().trimmed());
    if (!endpoint.isValid() || endpoint.host().isEmpty())
        return tr("Enter the backchannel authentication endpoint, or discover the provider "
                  "first.");
    const QString client = m_client->problem();
    if (!client.isEmpty())
        return client;
    if (pingMode()) {
        const QString endpointProblem = notificationEndpointProblem(
            QUrl(m_notificationEndpoint->text().trimmed(), QUrl::StrictMode));
        if (!endpointProblem.isEmpty())
            return endpointProblem;
    }
    return request().problem();
}

void CibaFlowPanel::setProvider(const Tokenscope::Discovery::ProviderMetadata &metadata)
{
    m_endpoint->setText(
        metadata.endpoint(QStringLiteral("backchannel_authentication_endpoint")).toString());
    takeProvider(metadata);
}

void CibaFlowPanel::start()
{
    if (!readyToStart())
        return;
    m_authorization = CibaAuthorization{};
    resetProgress();
    m_status->setStyleSheet(QString());
    m_notification->clear();
    m_notification->hide();
    if (pingMode() && !startListener())
        return;
    m_flow->start(request());
}

void CibaFlowPanel::cancel()
{
    m_flow->cancel();
}

void CibaFlowPanel::onStepChanged(Step step)
{
    const bool ping = m_flow->request().isPingMode();
    followStep(step, tr("Sending the backchannel authentication request…"),
               ping ? tr("The user is being asked on their device; waiting for the provider's "
                         "notification…")
                    : tr("The user is being asked on their device…"));
    if (step == Step::Failed || step == Step::Cancelled || step == Step::Succeeded)
        closeListener();
}

void CibaFlowPanel::tick()
{
    const QDateTime at = now();
    const Step step = m_flow->step();
    const bool waiting = step == Step::AwaitingUser || step == Step::Polling;
    showCountdown(m_authorization.expiresAt, waiting, at, tr("The request expires %1."));
    if (m_authorization.authReqId.isEmpty())
        return;
    showPolls(m_flow->interval(), m_flow->nextPollAt(), waiting, at);
}
