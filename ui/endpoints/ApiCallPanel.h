#pragma once

#include "endpoints/WwwAuthenticate.h"
#include "http/Exchange.h"
#include "http/HttpRequest.h"

#include <QPointer>
#include <QWidget>

namespace Tokenscope::Http {
class HttpClient;
class PendingExchange;
} // namespace Tokenscope::Http

class ExchangeDetailView;
class SessionTokens;
class TokenPicker;
class QCheckBox;
class QComboBox;
class QLabel;
class QLineEdit;
class QPlainTextEdit;
class QPushButton;

// Calls a protected resource with an access token (RFC 6750): method, URL, headers, body,
// and where the token goes — the Authorization header (the default), or, only when chosen,
// the form body or the query, with a warning (§2.2, §2.3: those end up in logs, caches and
// the browser history). Shows the raw exchange; a 401/403 has its WWW-Authenticate
// challenge read and explained, step-up (RFC 9470) included.
class ApiCallPanel final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ApiCallPanel)

public:
    enum class Placement
    {
        Header,
        FormBody,
        Query,
    };

    ApiCallPanel(Tokenscope::Http::HttpClient *http, SessionTokens *session,
                 QWidget *parent = nullptr);
    ~ApiCallPanel() override;

    Placement placement() const;
    void setPlacement(Placement placement);
    bool isBusy() const { return !m_pending.isNull(); }
    QString statusText() const;
    QString explanationText() const;
    QString placementWarning() const;
    const Tokenscope::Http::Exchange &lastExchange() const { return m_last; }
    TokenPicker *tokenPicker() const { return m_token; }

    // The request as it will be sent (pure): the token placed as asked, the headers parsed
    // from "Name: value" lines.
    static Tokenscope::Http::HttpRequest buildRequest(const QByteArray &method, const QUrl &url,
                                                      const QString &headerLines,
                                                      const QByteArray &body, const QString &token,
                                                      const QString &scheme, Placement placement);
    // A challenge in plain words, with what to do next.
    static QString explain(const Tokenscope::Endpoints::AuthChallenge &challenge);

signals:
    void finished(const Tokenscope::Http::Exchange &exchange);

public slots:
    void useToken(const QString &token);
    void send();
    void cancel();

private:
    void onFinished();
    void updatePlacement();
    void showExchange();

    Tokenscope::Http::HttpClient *m_http;
    QPointer<Tokenscope::Http::PendingExchange> m_pending;
    Tokenscope::Http::Exchange m_last;

    QComboBox *m_method;
    QLineEdit *m_url;
    QPlainTextEdit *m_headers;
    QPlainTextEdit *m_body;
    TokenPicker *m_token;
    QLineEdit *m_scheme;
    QComboBox *m_placement;
    QLabel *m_warning;
    QPushButton *m_send;
    QLabel *m_status;
    QLabel *m_explanation;
    QCheckBox *m_showSecrets;
    ExchangeDetailView *m_exchange;
};
