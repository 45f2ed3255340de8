#include "PollingFlowPanel.h"

#include "ClientFields.h"
#include "common/Clock.h"
#include "common/ProviderErrorText.h"
#include "discovery/ProviderMetadata.h"
#include "http/HttpClient.h"
#include "tokens/TokenTable.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>
#include <QScrollArea>
#include <QSplitter>
#include <QVBoxLayout>

PollingFlowPanel::PollingFlowPanel(Tokenscope::Http::HttpClient *http, const QString &prefix,
                                   SessionTokens *session, QWidget *parent)
    : QWidget(parent)
    , m_http(http)
    , m_prefix(prefix)
    , m_session(session)
{
    m_tick.setInterval(1000);
    connect(&m_tick, &QTimer::timeout, this, &PollingFlowPanel::tick);
}

PollingFlowPanel::~PollingFlowPanel() = default;

QString PollingFlowPanel::statusText() const
{
    return m_status->text();
}

QString PollingFlowPanel::pollText() const
{
    return m_polls->text();
}

QHBoxLayout *PollingFlowPanel::createButtons(QWidget *form)
{
    auto *buttons = new QHBoxLayout;
    m_start = new QPushButton(tr("Start"), form);
    m_start->setObjectName(m_prefix + QStringLiteral("StartButton"));
    m_start->setDefault(true);
    m_cancel = new QPushButton(tr("Cancel"), form);
    m_cancel->setObjectName(m_prefix + QStringLiteral("CancelButton"));
    m_cancel->setEnabled(false);
    buttons->addStretch(1);
    buttons->addWidget(m_cancel);
    buttons->addWidget(m_start);
    connect(m_start, &QPushButton::clicked, this, &PollingFlowPanel::start);
    connect(m_cancel, &QPushButton::clicked, this, &PollingFlowPanel::cancel);
    return buttons;
}

QLabel *PollingFlowPanel::createStatus(const QString &text, QWidget *parent)
{
    m_status = new QLabel(text, parent);
    m_status->setObjectName(m_prefix + QStringLiteral("StatusLabel"));
    m_status->setWordWrap(true);
    return m_status;
}

void PollingFlowPanel::createProgress(QWidget *parent)
{
    m_expiry = new QLabel(parent);
    m_expiry->setObjectName(m_prefix + QStringLiteral("ExpiryLabel"));
    m_polls = new QLabel(parent);
    m_polls->setObjectName(m_prefix + QStringLiteral("PollLabel"));
    m_polls->setWordWrap(true);
    parent->layout()->addWidget(m_expiry);
    parent->layout()->addWidget(m_polls);
}

void PollingFlowPanel::placeColumns(QWidget *form)
{
    m_result = new PollResultView(m_prefix, m_session);
    auto *splitter = new QSplitter(Qt::Horizontal, this);
    auto *scroll = new QScrollArea;
    scroll->setWidgetResizable(true);
    scroll->setFrameShape(QFrame::NoFrame);
    scroll->setWidget(form);
    splitter->addWidget(scroll);
    splitter->addWidget(m_result);
    splitter->setStretchFactor(0, 2);
    splitter->setStretchFactor(1, 3);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(6, 6, 6, 6);
    layout->addWidget(splitter);
}

void PollingFlowPanel::takeProvider(const Tokenscope::Discovery::ProviderMetadata &metadata)
{
    m_client->setTokenEndpoint(metadata.endpoint(QStringLiteral("token_endpoint")));
    m_issuer = metadata.issuer;
    m_jwksUri = metadata.endpoint(QStringLiteral("jwks_uri"));
}

bool PollingFlowPanel::readyToStart()
{
    const QString why = problem();
    if (why.isEmpty())
        return true;
    m_status->setText(why);
    return false;
}

void PollingFlowPanel::resetProgress()
{
    m_pollCount = 0;
    m_lastAnswer.clear();
    m_expiry->clear();
    m_polls->clear();
    m_result->clear();
    if (m_client) {
        const Tokenscope::ClientAuth::ClientCredentials client = m_client->credentials();
        m_result->setIssuedTo(
            {client.clientId,
             Tokenscope::ClientAuth::ClientAuthentication::methodName(client.method)});
    }
}

void PollingFlowPanel::setRunning(bool running)
{
    m_start->setEnabled(!running);
    m_cancel->setEnabled(running);
    if (running)
        m_tick.start();
    else
        m_tick.stop();
}

void PollingFlowPanel::setStatus(const QString &text)
{
    m_status->setText(text);
}

void PollingFlowPanel::showFetchingKeys()
{
    setStatus(tr("Fetching the provider's keys to check the ID token…"));
}

void PollingFlowPanel::onPolled(int number, const QString &answer)
{
    m_pollCount = number;
    m_lastAnswer = answer;
    tick();
}

void PollingFlowPanel::showOutcome(const Tokenscope::AuthCode::FlowError &error,
                                   const QString &doneText)
{
    if (!error.isError()) {
        m_status->setText(doneText);
        m_status->setStyleSheet(QStringLiteral("color: #1b5e20; font-weight: bold;"));
        return;
    }
    m_status->setText(ProviderErrorText::describe(error.oauth, error.message));
    m_status->setStyleSheet(error.kind == Tokenscope::AuthCode::FlowError::Kind::Cancelled
                                ? QString()
                                : QStringLiteral("color: #b00020; font-weight: bold;"));
}

void PollingFlowPanel::showCountdown(const QDateTime &expiresAt, bool waiting, const QDateTime &now,
                                     const QString &pattern, const QString &ended)
{
    if (!expiresAt.isValid())
        return;
    if (waiting)
        m_expiry->setText(pattern.arg(TokenTable::countdownText(expiresAt, now)));
    else
        m_expiry->setText(ended.isEmpty() ? tr("No longer polling.") : ended);
}

void PollingFlowPanel::showPolls(qint64 interval, const QDateTime &nextPollAt, bool waiting,
                                 const QDateTime &now)
{
    QString polls = m_pollCount == 0
                        ? tr("Not polled yet")
                        : tr("Polled %n time(s), last answer %1", nullptr, m_pollCount)
                              .arg(m_lastAnswer.isEmpty() ? tr("tokens") : m_lastAnswer);
    polls += tr(" · interval %n s", nullptr, int(interval));
    if (waiting && nextPollAt.isValid())
        polls += tr(" · next poll in %n s", nullptr, int(qMax<qint64>(0, now.secsTo(nextPollAt))));
    m_polls->setText(polls);
}

QDateTime PollingFlowPanel::now() const
{
    return m_http->clock().now();
}
