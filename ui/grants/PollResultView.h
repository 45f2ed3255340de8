#pragma once

#include "authcode/TokenResponse.h"
#include "common/Finding.h"
#include "http/Exchange.h"
#include "session/SessionTokens.h"

#include <QDateTime>
#include <QWidget>

class ExchangeSummary;
class FindingsView;
class SessionTokens;
class TokenTable;
class QCheckBox;

// The result column of a panel whose flow polls the token endpoint (device flow, CIBA):
// the tokens with a Show secrets switch, the checks and the exchanges, the polls folded
// into one row; a successful result's tokens join the session's list. Its children are named
// after the panel's prefix ("deviceTokenTable", "cibaChecks", …).
class PollResultView final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(PollResultView)

public:
    // prefix: the start of the children's object names; session: the session's tokens (not
    // owned; may be null).
    PollResultView(const QString &prefix, SessionTokens *session, QWidget *parent = nullptr);
    ~PollResultView() override;

    void clear();
    // The client the next result's tokens are issued to, recorded with them in the session.
    void setIssuedTo(const SessionTokens::Client &client) { m_issuedTo = client; }
    // A finished flow's result (DeviceFlowResult, CibaFlowResult): lastAnswer names the polls'
    // row in the exchanges; source is what the session's list says the tokens came from.
    template<typename Result>
    void setResult(const Result &result, const QString &lastAnswer, const QString &source,
                   const QDateTime &now)
    {
        setResult(result.tokens, result.checks, result.exchanges, result.pollExchangeIds,
                  pollAnswer(lastAnswer, result.ok()), now);
        if (result.ok())
            handOff(result.tokens, source, now);
    }

private:
    void setResult(const Tokenscope::AuthCode::TokenResponse &tokens,
                   const Tokenscope::Findings &checks,
                   const QList<Tokenscope::Http::Exchange> &exchanges,
                   const QList<quint64> &pollExchangeIds, const QString &pollAnswer,
                   const QDateTime &now);
    void handOff(const Tokenscope::AuthCode::TokenResponse &tokens, const QString &source,
                 const QDateTime &now);
    static QString pollAnswer(const QString &lastAnswer, bool ok);

    SessionTokens *m_session;
    SessionTokens::Client m_issuedTo;

    QCheckBox *m_showSecrets;
    TokenTable *m_tokens;
    FindingsView *m_checks;
    ExchangeSummary *m_exchanges;
};
