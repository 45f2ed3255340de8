#pragma once

#include "ciba/CibaFlow.h"
#include "grants/PollingFlowPanel.h"

namespace Tokenscope {
class RandomSource;
namespace Jose {
class JwksCache;
}
} // namespace Tokenscope

class QComboBox;
class QLineEdit;
class QSpinBox;

// Client-Initiated Backchannel Authentication (OpenID CIBA Core 1.0), poll mode: who to
// ask (one of login_hint, id_token_hint, login_hint_token), what their device shows
// (binding_message), and the rest of the request; then the status, the countdown to the
// request's expiry and the polls, and the result.
class CibaFlowPanel final : public PollingFlowPanel
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
    Tokenscope::Ciba::CibaRequest request() const;
    QString problem() const override;

public slots:
    void setProvider(const Tokenscope::Discovery::ProviderMetadata &metadata);
    void start() override;
    void cancel() override;

private:
    void onStepChanged(Tokenscope::Ciba::CibaFlow::Step step);
    void tick() override;

    Tokenscope::Ciba::CibaFlow *m_flow;
    QLineEdit *m_endpoint;
    QComboBox *m_hintKind;
    QLineEdit *m_hint;
    QLineEdit *m_bindingMessage;
    QLineEdit *m_userCode;
    QSpinBox *m_requestedExpiry;
    QLineEdit *m_acrValues;
    Tokenscope::Ciba::CibaAuthorization m_authorization;
};
