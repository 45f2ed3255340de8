#include "PollResultView.h"

#include "ExchangeSummary.h"
#include "common/FindingsView.h"
#include "session/SessionTokens.h"
#include "tokens/TokenTable.h"

#include <QCheckBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QVBoxLayout>

PollResultView::PollResultView(const QString &prefix, SessionTokens *session, QWidget *parent)
    : QWidget(parent)
    , m_session(session)
{
    m_showSecrets = new QCheckBox(tr("Show secrets"), this);
    m_showSecrets->setObjectName(prefix + QStringLiteral("ShowSecretsCheck"));
    m_tokens = new TokenTable(this);
    m_tokens->setObjectName(prefix + QStringLiteral("TokenTable"));
    m_checks = new FindingsView(this);
    m_checks->setObjectName(prefix + QStringLiteral("Checks"));
    m_exchanges = new ExchangeSummary(this);
    m_exchanges->setObjectName(prefix + QStringLiteral("Exchanges"));
    auto *layout = new QVBoxLayout(this);
    auto *tokensRow = new QHBoxLayout;
    tokensRow->addWidget(new QLabel(tr("Tokens"), this), 1);
    tokensRow->addWidget(m_showSecrets);
    layout->addLayout(tokensRow);
    layout->addWidget(m_tokens, 2);
    layout->addWidget(new QLabel(tr("Checks"), this));
    layout->addWidget(m_checks, 3);
    layout->addWidget(new QLabel(tr("Exchanges (details in the exchange inspector)"), this));
    layout->addWidget(m_exchanges, 1);
    connect(m_showSecrets, &QCheckBox::toggled, m_tokens, &TokenTable::setShowSecrets);
}

PollResultView::~PollResultView() = default;

void PollResultView::clear()
{
    m_tokens->clearTokens();
    m_checks->setFindings({});
    m_exchanges->clearExchanges();
}

void PollResultView::setResult(const Tokenscope::AuthCode::TokenResponse &tokens,
                               const Tokenscope::Findings &checks,
                               const QList<Tokenscope::Http::Exchange> &exchanges,
                               const QList<quint64> &pollExchangeIds, const QString &pollAnswer,
                               const QDateTime &now)
{
    m_tokens->setTokens(tokens, now);
    m_tokens->setShowSecrets(m_showSecrets->isChecked());
    m_checks->setFindings(checks);
    m_exchanges->setExchanges(exchanges, pollExchangeIds, pollAnswer);
}

QString PollResultView::pollAnswer(const QString &lastAnswer, bool ok)
{
    return lastAnswer.isEmpty() && ok ? tr("tokens") : lastAnswer;
}

void PollResultView::handOff(const Tokenscope::AuthCode::TokenResponse &tokens,
                             const QString &source, const QDateTime &now)
{
    if (m_session)
        m_session->addResponse(tokens, source, now, m_issuedTo);
}
