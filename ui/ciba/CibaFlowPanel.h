#pragma once

#include "ciba/CibaFlow.h"
#include "grants/PollingFlowPanel.h"

namespace Tokenscope {
class RandomSource;
namespace Jose {
class JwksCache;
}
namespace Ciba {
class NotificationListener;
}
} // namespace Tokenscope

class QCheckBox;
class QComboBox;
class QLabel;
class QLineEdit;
class QSpinBox;

// Client-Initiated Backchannel Authentication (OpenID CIBA Core 1.0), poll or ping mode:
// who to ask (one of login_hint, id_token_hint, login_hint_token), what their device shows
// (binding_message), and the rest of the request; then the status, the countdown to the
// request's expiry and the polls, and the result. In ping mode (§10.2) a loopback
// notification endpoint listens for the run, the request carries a fresh
// client_notification_token, and the token endpoint is asked once the provider's
// notification arrived.
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

    static constexpr auto DefaultNotificationEndpoint = "http://127.0.0.1:0/ciba/notify";

    Tokenscope::Ciba::CibaFlow *flow() const { return m_flow; }
    // Ping mode: the listener while a run waits for the provider's notification, else null.
    Tokenscope::Ciba::NotificationListener *listener() const { return m_listener; }
    Tokenscope::Ciba::CibaRequest request() const;
    QString problem() const override;

public slots:
    void setProvider(const Tokenscope::Discovery::ProviderMetadata &metadata);
    void start() override;
    void cancel() override;

private:
    void onStepChanged(Tokenscope::Ciba::CibaFlow::Step step);
    void tick() override;
    bool pingMode() const;
    // Ping mode: listens at the endpoint the form names and makes a fresh notification token;
    // false, with the reason in the status line, when it cannot listen.
    bool startListener();
    void closeListener();
    void onNotification(int status);

    Tokenscope::Ciba::CibaFlow *m_flow;
    QLineEdit *m_endpoint;
    QComboBox *m_hintKind;
    QLineEdit *m_hint;
    QLineEdit *m_bindingMessage;
    QLineEdit *m_userCode;
    QSpinBox *m_requestedExpiry;
    QLineEdit *m_acrValues;
    QCheckBox *m_ping;
    QLineEdit *m_notificationEndpoint;
    QLabel *m_notification;
    Tokenscope::RandomSource &m_random;
    Tokenscope::Ciba::NotificationListener *m_listener = nullptr;
    QString m_notificationToken; // the run's client_notification_token
    Tokenscope::Ciba::CibaAuthorization m_authorization;
};
