#include "ApiCallPanel.h"

#include "TokenPicker.h"
#include "http/HttpClient.h"
#include "http/PendingExchange.h"
#include "http/Redactor.h"
#include "inspector/ExchangeDetailView.h"
#include "session/SessionTokens.h"

#include <QCheckBox>
#include <QComboBox>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSplitter>
#include <QUrlQuery>
#include <QVBoxLayout>

using Tokenscope::Endpoints::AuthChallenge;
using Tokenscope::Endpoints::WwwAuthenticate;
using Tokenscope::Http::Exchange;
using Tokenscope::Http::HttpRequest;

ApiCallPanel::ApiCallPanel(Tokenscope::Http::HttpClient *http, SessionTokens *session,
                           QWidget *parent)
    : QWidget(parent)
    , m_http(http)
    , m_method(new QComboBox(this))
    , m_url(new QLineEdit(this))
    , m_headers(new QPlainTextEdit(this))
    , m_body(new QPlainTextEdit(this))
    , m_token(new TokenPicker(
          session, {SessionTokens::Kind::AccessToken, SessionTokens::Kind::IssuedToken}, this))
    , m_scheme(new QLineEdit(QStringLiteral("Bearer"), this))
    , m_placement(new QComboBox(this))
    , m_warning(new QLabel(this))
    , m_send(new QPushButton(tr("Send"), this))
    , m_status(new QLabel(this))
    , m_explanation(new QLabel(this))
    , m_showSecrets(new QCheckBox(tr("Show secrets"), this))
    , m_exchange(new ExchangeDetailView(this))
{
    setObjectName(QStringLiteral("apiCallPanel"));
    m_method->setObjectName(QStringLiteral("apiMethod"));
    m_method->setEditable(true);
    m_method->addItems({QStringLiteral("GET"), QStringLiteral("POST"), QStringLiteral("PUT"),
                        QStringLiteral("PATCH"), QStringLiteral("DELETE")});
    m_url->setObjectName(QStringLiteral("apiUrl"));
    m_url->setPlaceholderText(tr("https://api.example.com/resource"));
    m_headers->setObjectName(QStringLiteral("apiHeaders"));
    m_headers->setPlaceholderText(tr("One header a line, e.g. Accept: application/json"));
    m_headers->setMaximumHeight(fontMetrics().height() * 5);
    m_body->setObjectName(QStringLiteral("apiBody"));
    m_body->setPlaceholderText(tr("Request body (sent as typed)"));
    m_body->setMaximumHeight(fontMetrics().height() * 6);
    m_token->setObjectName(QStringLiteral("apiToken"));
    m_scheme->setObjectName(QStringLiteral("apiTokenScheme"));
    m_scheme->setToolTip(tr("The Authorization scheme: Bearer (RFC 6750) or DPoP (RFC 9449)"));
    m_scheme->setMaximumWidth(fontMetrics().horizontalAdvance(QLatin1Char('M')) * 8);
    m_placement->setObjectName(QStringLiteral("tokenPlacement"));
    m_placement->addItem(tr("Authorization header"), int(Placement::Header));
    m_placement->addItem(tr("Form body (access_token=…)"), int(Placement::FormBody));
    m_placement->addItem(tr("Query (?access_token=…)"), int(Placement::Query));
    m_warning->setObjectName(QStringLiteral("placementWarning"));
    m_warning->setWordWrap(true);
    m_warning->setStyleSheet(QStringLiteral("color: #8a5300; font-weight: bold;"));
    m_send->setObjectName(QStringLiteral("apiSend"));
    m_send->setDefault(true);
    m_status->setObjectName(QStringLiteral("apiStatus"));
    m_status->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_explanation->setObjectName(QStringLiteral("apiExplanation"));
    m_explanation->setWordWrap(true);
    m_explanation->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_showSecrets->setObjectName(QStringLiteral("apiShowSecrets"));
    m_exchange->setObjectName(QStringLiteral("apiExchange"));

    auto *form = new QFormLayout;
    auto *line = new QHBoxLayout;
    line->addWidget(m_method);
    line->addWidget(m_url, 1);
    form->addRow(tr("Request"), line);
    form->addRow(tr("Headers"), m_headers);
    form->addRow(tr("Body"), m_body);
    auto *tokenLine = new QHBoxLayout;
    tokenLine->addWidget(m_scheme);
    tokenLine->addWidget(m_token, 1);
    form->addRow(tr("Access token"), tokenLine);
    form->addRow(tr("Send the token in"), m_placement);
    form->addRow(QString(), m_warning);

    auto *actions = new QHBoxLayout;
    actions->addWidget(m_send);
    actions->addWidget(m_status, 1);
    actions->addWidget(m_showSecrets);

    auto *top = new QWidget(this);
    auto *topLayout = new QVBoxLayout(top);
    topLayout->setContentsMargins(0, 0, 0, 0);
    topLayout->addLayout(form);
    topLayout->addLayout(actions);
    topLayout->addWidget(m_explanation);

    auto *splitter = new QSplitter(Qt::Vertical, this);
    splitter->addWidget(top);
    splitter->addWidget(m_exchange);
    splitter->setStretchFactor(1, 1);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(splitter);

    connect(m_placement, &QComboBox::currentIndexChanged, this, &ApiCallPanel::updatePlacement);
    connect(m_send, &QPushButton::clicked, this, &ApiCallPanel::send);
    connect(m_url, &QLineEdit::returnPressed, this, &ApiCallPanel::send);
    connect(m_showSecrets, &QCheckBox::toggled, this, &ApiCallPanel::showExchange);
    updatePlacement();
    m_explanation->hide();
}

ApiCallPanel::~ApiCallPanel()
{
    cancel();
}

ApiCallPanel::Placement ApiCallPanel::placement() const
{
    return Placement(m_placement->currentData().toInt());
}

void ApiCallPanel::setPlacement(Placement placement)
{
    m_placement->setCurrentIndex(m_placement->findData(int(placement)));
}

QString ApiCallPanel::statusText() const
{
    return m_status->text();
}

QString ApiCallPanel::explanationText() const
{
    return m_explanation->isHidden() ? QString() : m_explanation->text();
}

QString ApiCallPanel::placementWarning() const
{
    return m_warning->isHidden() ? QString() : m_warning->text();
}

void ApiCallPanel::updatePlacement()
{
    switch (placement()) {
    case Placement::Header:
        m_warning->hide();
        m_warning->clear();
        m_scheme->setEnabled(true);
        return;
    case Placement::FormBody:
        m_warning->setText(
            tr("The token goes into the form body (RFC 6750 §2.2): only for a request with an "
               "application/x-www-form-urlencoded body and no other way, and servers may log "
               "bodies. Prefer the Authorization header."));
        break;
    case Placement::Query:
        m_warning->setText(
            tr("The token goes into the URL (RFC 6750 §2.3): URLs end up in server and proxy "
               "logs, caches and the browser history, where anyone who reads them can use the "
               "token. Use this only to test a server that needs it."));
        break;
    }
    m_scheme->setEnabled(false);
    m_warning->show();
}

void ApiCallPanel::useToken(const QString &token)
{
    m_token->setToken(token);
    setPlacement(Placement::Header);
}

HttpRequest ApiCallPanel::buildRequest(const QByteArray &method, const QUrl &url,
                                       const QString &headerLines, const QByteArray &body,
                                       const QString &token, const QString &scheme,
                                       Placement placement)
{
    HttpRequest request;
    request.method = method.trimmed().toUpper();
    request.url = url;
    request.body = body;
    request.label = tr("API call");
    const QStringList lines = headerLines.split(QLatin1Char('\n'), Qt::SkipEmptyParts);
    for (const QString &line : lines) {
        const qsizetype colon = line.indexOf(QLatin1Char(':'));
        if (colon <= 0)
            continue;
        request.headers.append(
            {line.left(colon).trimmed().toLatin1(), line.mid(colon + 1).trimmed().toUtf8()});
    }
    if (token.isEmpty())
        return request;
    switch (placement) {
    case Placement::Header:
        request.headers.append(
            {QByteArrayLiteral("Authorization"),
             (scheme.trimmed().isEmpty() ? QStringLiteral("Bearer") : scheme.trimmed()).toLatin1() +
                 ' ' + token.toLatin1()});
        break;
    case Placement::FormBody: {
        QUrlQuery form;
        form.addQueryItem(QStringLiteral("access_token"), token);
        const QByteArray field = form.toString(QUrl::FullyEncoded).toLatin1();
        request.body = request.body.isEmpty() ? field : request.body + '&' + field;
        if (!Tokenscope::Http::hasHeader(request.headers, "Content-Type"))
            request.headers.append({QByteArrayLiteral("Content-Type"),
                                    QByteArrayLiteral("application/x-www-form-urlencoded")});
        if (request.method == "GET")
            request.method = QByteArrayLiteral("POST"); // §2.2: not with GET
        break;
    }
    case Placement::Query: {
        QUrlQuery query(request.url);
        query.addQueryItem(QStringLiteral("access_token"), token);
        request.url.setQuery(query);
        break;
    }
    }
    return request;
}

QString ApiCallPanel::explain(const AuthChallenge &challenge)
{
    QStringList parts;
    const QString error = challenge.error();
    if (challenge.isStepUp()) {
        QStringList needs;
        if (!challenge.acrValues().isEmpty())
            needs << QStringLiteral("acr_values=%1")
                         .arg(challenge.acrValues().join(QLatin1Char(' ')));
        if (challenge.maxAge() >= 0)
            needs << QStringLiteral("max_age=%1").arg(challenge.maxAge());
        parts << tr("Step-up authentication needed (RFC 9470): the token is valid, but the "
                    "sign-in behind it is not strong or recent enough for this resource.");
        parts << (needs.isEmpty()
                      ? tr("Run the authorization flow again and sign in more strongly.")
                      : tr("Run the authorization flow again with %1, then call the API with "
                           "the new access token.")
                            .arg(needs.size() == 2 ? tr("%1 and %2").arg(needs.at(0), needs.at(1))
                                                   : needs.constFirst()));
    } else if (error == QLatin1String("invalid_token")) {
        parts << tr("The resource does not accept this token (invalid_token): it has expired, "
                    "was revoked, is malformed or was issued for another resource.");
        parts << tr("Get a new access token (refresh it, or run the flow again); introspect it "
                    "to see what the provider says.");
    } else if (error == QLatin1String("insufficient_scope")) {
        parts << (challenge.scope().isEmpty()
                      ? tr("The token lacks a scope this resource needs (insufficient_scope).")
                      : tr("The token lacks a scope this resource needs (insufficient_scope): "
                           "it asks for “%1”.")
                            .arg(challenge.scope()));
        parts << tr("Request a token with that scope.");
    } else if (error == QLatin1String("invalid_request")) {
        parts << tr("The request is malformed (invalid_request): a missing or duplicated token, "
                    "or an unsupported parameter.");
    } else {
        parts << WwwAuthenticate::explain(challenge);
    }
    if (!error.isEmpty() && !challenge.errorDescription().isEmpty() &&
        !parts.constFirst().contains(challenge.errorDescription()))
        parts << tr("The resource says: “%1”.").arg(challenge.errorDescription());
    return parts.join(QLatin1Char(' '));
}

void ApiCallPanel::send()
{
    cancel();
    const QUrl url = QUrl::fromUserInput(m_url->text().trimmed());
    if (!url.isValid() || url.host().isEmpty()) {
        m_status->setText(tr("Type the URL of the resource."));
        return;
    }
    const HttpRequest request = buildRequest(
        m_method->currentText().toLatin1(), url, m_headers->toPlainText(),
        m_body->toPlainText().toUtf8(), m_token->token(), m_scheme->text(), placement());
    m_status->setText(tr("Sending…"));
    m_explanation->hide();
    m_exchange->clear();
    m_send->setEnabled(false);
    m_pending = m_http->send(request);
    connect(m_pending, &Tokenscope::Http::PendingExchange::finished, this,
            &ApiCallPanel::onFinished);
}

void ApiCallPanel::cancel()
{
    if (m_pending) {
        Tokenscope::Http::PendingExchange *pending = m_pending;
        m_pending.clear();
        disconnect(pending, nullptr, this, nullptr);
        pending->cancel();
        pending->deleteLater();
    }
    m_send->setEnabled(true);
}

void ApiCallPanel::onFinished()
{
    Tokenscope::Http::PendingExchange *pending = m_pending;
    m_pending.clear();
    if (!pending)
        return;
    m_last = pending->result();
    pending->deleteLater();
    m_send->setEnabled(true);
    if (m_last.error.kind != Tokenscope::Http::TransportErrorKind::None) {
        m_status->setText(tr("Failed: %1").arg(m_last.error.message));
    } else {
        m_status->setText(tr("HTTP %1 %2 · %3 ms")
                              .arg(m_last.statusCode)
                              .arg(QString::fromLatin1(m_last.reasonPhrase))
                              .arg(qRound(m_last.durationMs())));
    }
    const QByteArray header = m_last.responseHeader("WWW-Authenticate");
    if ((m_last.statusCode == 401 || m_last.statusCode == 403 || m_last.statusCode == 400) &&
        !header.isEmpty()) {
        const QList<AuthChallenge> challenges = WwwAuthenticate::parse(header);
        AuthChallenge challenge = WwwAuthenticate::find(challenges, QStringLiteral("Bearer"));
        if (challenge.scheme.isEmpty())
            challenge = WwwAuthenticate::find(challenges, QStringLiteral("DPoP"));
        if (challenge.scheme.isEmpty() && !challenges.isEmpty())
            challenge = challenges.constFirst();
        m_explanation->setText(explain(challenge));
        m_explanation->show();
    } else if (m_last.statusCode == 401 || m_last.statusCode == 403) {
        m_explanation->setText(tr("Refused without a WWW-Authenticate challenge: the resource "
                                  "does not say why (RFC 6750 §3 asks it to)."));
        m_explanation->show();
    }
    showExchange();
    emit finished(m_last);
}

void ApiCallPanel::showExchange()
{
    if (m_last.method.isEmpty())
        return;
    m_exchange->setExchange(
        m_showSecrets->isChecked() ? m_last : Tokenscope::Http::Redactor::redact(m_last));
}
