#pragma once

#include "ciba/CibaFlow.h"
#include "common/PollScheduler.h"

#include <QTimer>
#include <QWidget>

namespace Tokenscope {
class RandomSource;
namespace Discovery {
struct ProviderMetadata;
}
namespace Http {
class HttpClient;
}
namespace Jose {
class JwksCache;
}
} // namespace Tokenscope

class ClientFields;
class ExchangeSummary;
class FindingsView;
class SessionTokens;
class TokenTable;
class QCheckBox;
class QComboBox;
class QLabel;
class QLineEdit;
class QPushButton;
class QSpinBox;

// Client-Initiated Backchannel Authentication (OpenID CIBA Core 1.0), poll mode: who to
// ask (one of login_hint, id_token_hint, login_hint_token), what their device shows
// (binding_message), and the rest of the request; then the status, the countdown to the
// request's expiry and the polls, and the result.
class CibaFlowPanel final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(CibaFlowPanel)

public:
    enum HintKind
    {
        LoginHint,
        IdTokenHint,
        LoginHintToken
    };
    Q_ENUM(HintKind)

    CibaFlowPanel(Tokenscope::Http::HttpClient *http, Tokenscope::RandomSource &random,
                  Tokenscope::Jose::JwksCache *keys, SessionTokens *session,
                  QWidget *parent = nullptr);
    ~CibaFlowPanel() override;

    Tokenscope::Ciba::CibaFlow *flow() const { return m_flow; }
    ClientFields *clientFields() const { return m_client; }
    Tokenscope::Ciba::CibaRequest request() const;
    QString problem() const;
    QString statusText() const;
    QString pollText() const;

public slots:
    void setProvider(const Tokenscope::Discovery::ProviderMetadata &metadata);
    void start();
    void cancel();

private:
    void onStepChanged(Tokenscope::Ciba::CibaFlow::Step step);
    void onFinished(const Tokenscope::Ciba::CibaFlowResult &result);
    void tick();

    Tokenscope::Http::HttpClient *m_http;
    SessionTokens *m_session;
    Tokenscope::TimerPollScheduler m_scheduler;
    Tokenscope::Ciba::CibaFlow *m_flow;
    QString m_issuer;
    QUrl m_jwksUri;
    ClientFields *m_client;
    QLineEdit *m_endpoint;
    QComboBox *m_hintKind;
    QLineEdit *m_hint;
    QLineEdit *m_bindingMessage;
    QLineEdit *m_userCode;
    QSpinBox *m_requestedExpiry;
    QLineEdit *m_acrValues;
    QPushButton *m_start;
    QPushButton *m_cancel;
    QLabel *m_status;
    QLabel *m_expiry;
    QLabel *m_polls;
    QCheckBox *m_showSecrets;
    TokenTable *m_tokens;
    FindingsView *m_checks;
    ExchangeSummary *m_exchanges;
    QTimer m_tick;
    Tokenscope::Ciba::CibaAuthorization m_authorization;
    int m_pollCount = 0;
    QString m_lastAnswer;
};
