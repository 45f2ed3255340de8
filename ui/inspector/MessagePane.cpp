#include "MessagePane.h"

#include "HeadersView.h"
#include "TlsView.h"
#include "common/BodyText.h"
#include "common/BodyView.h"
#include "common/CodeView.h"
#include "common/Format.h"

#include <QLabel>
#include <QTableWidget>

using Tokenscope::Http::Exchange;

MessagePane::MessagePane(Side side, QWidget *parent)
    : QTabWidget(parent)
    , m_side(side)
    , m_headers(new HeadersView(this))
    , m_body(new BodyView(this))
    , m_raw(new CodeView(this))
{
    const bool request = side == Side::Request;
    setObjectName(request ? QStringLiteral("requestPane") : QStringLiteral("responsePane"));
    m_headers->table()->setObjectName(request ? QStringLiteral("requestHeadersTable")
                                              : QStringLiteral("responseHeadersTable"));
    m_headers->startLineLabel()->setObjectName(request ? QStringLiteral("requestLineLabel")
                                                       : QStringLiteral("statusLineLabel"));
    m_body->setObjectName(request ? QStringLiteral("requestBodyView")
                                  : QStringLiteral("responseBodyView"));
    m_raw->setObjectName(request ? QStringLiteral("requestRawView")
                                 : QStringLiteral("responseRawView"));
    setDocumentMode(true);

    addTab(m_headers, QString());
    addTab(m_body, QString());
    addTab(m_raw, QString());
    if (!request) {
        m_tls = new TlsView(this);
        m_tls->setObjectName(QStringLiteral("responseTlsView"));
        addTab(m_tls, tr("TLS"));
        setTabVisible(indexOf(m_tls), false);
    }
    // What is asked of a request is mostly in its headers; of a response, in its body.
    setCurrentWidget(request ? static_cast<QWidget *>(m_headers) : m_body);
    updateTitles();
    connect(this, &QTabWidget::currentChanged, this, &MessagePane::onCurrentChanged);
}

void MessagePane::setExchange(const Exchange &exchange)
{
    m_exchange = exchange;
    m_stale = {m_headers, m_body, m_raw};
    if (m_tls) {
        m_stale.insert(m_tls);
        const bool https = exchange.isHttps() && exchange.hasResponse;
        setTabVisible(indexOf(m_tls), https);
    }
    updateTitles();
    fill(currentWidget());
}

void MessagePane::clear()
{
    m_exchange = Exchange{};
    m_stale.clear();
    m_headers->clear();
    m_body->clear();
    m_raw->clear();
    if (m_tls) {
        m_tls->clear();
        setTabVisible(indexOf(m_tls), false);
    }
    updateTitles();
}

void MessagePane::onCurrentChanged(int index)
{
    fill(widget(index));
}

void MessagePane::fill(QWidget *tab)
{
    if (!tab || !m_stale.contains(tab))
        return;
    m_stale.remove(tab);
    if (tab == m_headers)
        fillHeaders();
    else if (tab == m_body)
        fillBody();
    else if (tab == m_raw)
        fillRaw();
    else if (tab == m_tls)
        m_tls->setTls(m_exchange.tls);
}

QString MessagePane::missingResponseText() const
{
    if (m_exchange.error.isError())
        return tr("No response: %1").arg(m_exchange.error.message);
    return tr("Waiting for the response…");
}

void MessagePane::fillHeaders()
{
    if (m_side == Side::Request) {
        m_headers->setHeaders(QString::fromUtf8(m_exchange.requestLine()),
                              m_exchange.requestHeaders);
    } else if (m_exchange.hasResponse) {
        m_headers->setHeaders(QString::fromUtf8(m_exchange.statusLine()),
                              m_exchange.responseHeaders);
    } else {
        m_headers->setPlaceholder(missingResponseText());
    }
}

void MessagePane::fillBody()
{
    if (m_side == Side::Request) {
        m_body->setBody(m_exchange.requestHeader(QByteArrayLiteral("Content-Type")),
                        m_exchange.requestBody);
        if (m_exchange.requestBody.isEmpty())
            m_body->setPlaceholder(tr("No request body"));
    } else if (m_exchange.hasResponse) {
        m_body->setBody(m_exchange.responseHeader(QByteArrayLiteral("Content-Type")),
                        m_exchange.responseBody);
        if (m_exchange.responseBody.isEmpty())
            m_body->setPlaceholder(tr("No response body"));
    } else {
        m_body->setPlaceholder(missingResponseText());
    }
}

void MessagePane::fillRaw()
{
    if (m_side == Side::Response && !m_exchange.hasResponse) {
        m_raw->clear();
        m_raw->setPlaceholderText(missingResponseText());
        return;
    }
    const QByteArray raw =
        m_side == Side::Request ? m_exchange.rawRequest() : m_exchange.rawResponse();
    m_raw->setPlaceholderText(QString());
    m_raw->setPlainText(BodyText::displayText(raw));
}

void MessagePane::updateTitles()
{
    const bool request = m_side == Side::Request;
    const bool known = request || m_exchange.hasResponse;
    const qsizetype headers =
        request ? m_exchange.requestHeaders.size() : m_exchange.responseHeaders.size();
    const qsizetype body = request ? m_exchange.requestBody.size() : m_exchange.responseBody.size();
    setTabText(indexOf(m_headers),
               known && headers > 0 ? tr("Headers (%1)").arg(headers) : tr("Headers"));
    setTabText(indexOf(m_body), known && body > 0
                                    ? tr("Body (%1)").arg(Tokenscope::Format::bytes(body))
                                    : tr("Body"));
    setTabText(indexOf(m_raw), tr("Raw"));
}
