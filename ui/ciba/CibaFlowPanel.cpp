#include "CibaFlowPanel.h"

#include "common/Clock.h"
#include "common/FindingsView.h"
#include "discovery/ProviderMetadata.h"
#include "grants/ClientFields.h"
#include "grants/ExchangeSummary.h"
#include "http/HttpClient.h"
#include "session/SessionTokens.h"
#include "tokens/TokenTable.h"

#include <QCheckBox>
#include <QComboBox>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QScrollArea>
#include <QSpinBox>
#include <QSplitter>
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
    : QWidget(parent)
    , m_http(http)
    , m_session(session)
    , m_flow(new CibaFlow(http, random, m_scheduler, keys, this))
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
    formLayout->addWidget(m_client);

    auto *buttons = new QHBoxLayout;
    m_start = new QPushButton(tr("Start"), form);
    m_start->setObjectName(QStringLiteral("cibaStartButton"));
    m_start->setDefault(true);
    m_cancel = new QPushButton(tr("Cancel"), form);
    m_cancel->setObjectName(QStringLiteral("cibaCancelButton"));
    m_cancel->setEnabled(false);
    buttons->addStretch(1);
    buttons->addWidget(m_cancel);
    buttons->addWidget(m_start);
    formLayout->addLayout(buttons);
    m_status = new QLabel(tr("Start asks the provider to authenticate the user on their own "
                             "device."),
                          form);
    m_status->setObjectName(QStringLiteral("cibaStatusLabel"));
    m_status->setWordWrap(true);
    m_expiry = new QLabel(form);
    m_expiry->setObjectName(QStringLiteral("cibaExpiryLabel"));
    m_polls = new QLabel(form);
    m_polls->setObjectName(QStringLiteral("cibaPollLabel"));
    m_polls->setWordWrap(true);
    formLayout->addWidget(m_status);
    formLayout->addWidget(m_expiry);
    formLayout->addWidget(m_polls);
    formLayout->addStretch(1);

    auto *result = new QWidget;
    auto *resultLayout = new QVBoxLayout(result);
    m_showSecrets = new QCheckBox(tr("Show secrets"), result);
    m_showSecrets->setObjectName(QStringLiteral("cibaShowSecretsCheck"));
    m_tokens = new TokenTable(result);
    m_tokens->setObjectName(QStringLiteral("cibaTokenTable"));
    m_checks = new FindingsView(result);
    m_checks->setObjectName(QStringLiteral("cibaChecks"));
    m_exchanges = new ExchangeSummary(result);
    m_exchanges->setObjectName(QStringLiteral("cibaExchanges"));
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
    scroll->setWidget(form);
    splitter->addWidget(scroll);
    splitter->addWidget(result);
    splitter->setStretchFactor(0, 2);
    splitter->setStretchFactor(1, 3);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(6, 6, 6, 6);
    layout->addWidget(splitter);

    connect(m_start, &QPushButton::clicked, this, &CibaFlowPanel::start);
    connect(m_cancel, &QPushButton::clicked, this, &CibaFlowPanel::cancel);
    connect(m_showSecrets, &QCheckBox::toggled, m_tokens, &TokenTable::setShowSecrets);
    connect(m_flow, &CibaFlow::stepChanged, this, &CibaFlowPanel::onStepChanged);
    connect(m_flow, &CibaFlow::authorizationReady, this,
            [this](const CibaAuthorization &authorization) {
                m_authorization = authorization;
                tick();
            });
    connect(m_flow, &CibaFlow::polled, this, [this](int number, const QString &answer) {
        m_pollCount = number;
        m_lastAnswer = answer;
        tick();
    });
    connect(m_flow, &CibaFlow::intervalChanged, this, &CibaFlowPanel::tick);
    connect(m_flow, &CibaFlow::finished, this, &CibaFlowPanel::onFinished);
    m_tick.setInterval(1000);
    connect(&m_tick, &QTimer::timeout, this, &CibaFlowPanel::tick);
}

CibaFlowPanel::~CibaFlowPanel()
{
    delete m_flow; // before the scheduler it polls with
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
    return request().problem();
}

QString CibaFlowPanel::statusText() const
{
    return m_status->text();
}

QString CibaFlowPanel::pollText() const
{
    return m_polls->text();
}

void CibaFlowPanel::setProvider(const Tokenscope::Discovery::ProviderMetadata &metadata)
{
    m_endpoint->setText(
        metadata.endpoint(QStringLiteral("backchannel_authentication_endpoint")).toString());
    m_client->setTokenEndpoint(metadata.endpoint(QStringLiteral("token_endpoint")));
    m_issuer = metadata.issuer;
    m_jwksUri = metadata.endpoint(QStringLiteral("jwks_uri"));
}

void CibaFlowPanel::start()
{
    const QString why = problem();
    if (!why.isEmpty()) {
        m_status->setText(why);
        return;
    }
    m_authorization = CibaAuthorization{};
    m_pollCount = 0;
    m_lastAnswer.clear();
    m_expiry->clear();
    m_polls->clear();
    m_status->setStyleSheet(QString());
    m_tokens->clearTokens();
    m_checks->setFindings({});
    m_exchanges->clearExchanges();
    m_flow->start(request());
}

void CibaFlowPanel::cancel()
{
    m_flow->cancel();
}

void CibaFlowPanel::onStepChanged(Step step)
{
    const bool running = step == Step::Requesting || step == Step::AwaitingUser ||
                         step == Step::Polling || step == Step::FetchingKeys;
    m_start->setEnabled(!running);
    m_cancel->setEnabled(running);
    switch (step) {
    case Step::Requesting:
        m_status->setText(tr("Sending the backchannel authentication request…"));
        break;
    case Step::AwaitingUser:
    case Step::Polling:
        m_status->setText(tr("The user is being asked on their device…"));
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

void CibaFlowPanel::onFinished(const CibaFlowResult &result)
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
        m_status->setText(tr("Done: the user approved; tokens obtained after %n poll(s).", nullptr,
                             result.polls));
        m_status->setStyleSheet(QStringLiteral("color: #1b5e20; font-weight: bold;"));
        if (m_session)
            m_session->addResponse(result.tokens, tr("CIBA"), now);
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

void CibaFlowPanel::tick()
{
    const QDateTime now = m_http->clock().now();
    const Step step = m_flow->step();
    const bool waiting = step == Step::AwaitingUser || step == Step::Polling;
    if (m_authorization.expiresAt.isValid())
        m_expiry->setText(waiting
                              ? tr("The request expires %1.")
                                    .arg(TokenTable::countdownText(m_authorization.expiresAt, now))
                              : tr("No longer polling."));
    if (m_authorization.authReqId.isEmpty())
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
