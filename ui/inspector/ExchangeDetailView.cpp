#include "ExchangeDetailView.h"

#include "MessagePane.h"
#include "common/Format.h"
#include "common/TransportErrorText.h"

#include <QLabel>
#include <QLocale>
#include <QSplitter>
#include <QStackedWidget>
#include <QVBoxLayout>

using Tokenscope::Format;
using Tokenscope::Http::Exchange;

ExchangeDetailView::ExchangeDetailView(QWidget *parent)
    : QWidget(parent)
    , m_stack(new QStackedWidget(this))
    , m_placeholder(new QLabel(tr("Select an exchange to see its request and response."), this))
    , m_page(new QWidget(this))
    , m_info(new QLabel(m_page))
    , m_error(new QLabel(m_page))
    , m_splitter(new QSplitter(Qt::Horizontal, m_page))
    , m_request(new MessagePane(MessagePane::Side::Request, m_splitter))
    , m_response(new MessagePane(MessagePane::Side::Response, m_splitter))
{
    m_placeholder->setObjectName(QStringLiteral("exchangePlaceholder"));
    m_placeholder->setAlignment(Qt::AlignCenter);
    m_placeholder->setForegroundRole(QPalette::PlaceholderText);
    m_placeholder->setWordWrap(true);

    m_info->setObjectName(QStringLiteral("exchangeInfo"));
    m_info->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_info->setWordWrap(true);
    m_error->setObjectName(QStringLiteral("exchangeError"));
    m_error->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_error->setWordWrap(true);
    m_error->setStyleSheet(QStringLiteral("QLabel { color: #b31d28; font-weight: 600; }"));
    m_error->hide();

    m_splitter->setObjectName(QStringLiteral("exchangeSplitter"));
    m_splitter->setChildrenCollapsible(false);
    m_splitter->addWidget(m_request);
    m_splitter->addWidget(m_response);
    m_splitter->setStretchFactor(0, 1);
    m_splitter->setStretchFactor(1, 1);

    auto *pageLayout = new QVBoxLayout(m_page);
    pageLayout->setContentsMargins(0, 0, 0, 0);
    pageLayout->setSpacing(4);
    pageLayout->addWidget(m_info);
    pageLayout->addWidget(m_error);
    pageLayout->addWidget(m_splitter, 1);

    m_stack->addWidget(m_placeholder);
    m_stack->addWidget(m_page);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_stack);
}

void ExchangeDetailView::setExchange(const Exchange &exchange)
{
    m_info->setText(summary(exchange));
    if (exchange.error.isError()) {
        m_error->setText(TransportErrorText::name(exchange.error.kind) + QStringLiteral(": ") +
                         exchange.error.message);
        m_error->show();
    } else {
        m_error->clear();
        m_error->hide();
    }
    m_request->setExchange(exchange);
    m_response->setExchange(exchange);
    // A navigation seen in the embedded browser has no response to show, not one to wait for.
    m_response->setVisible(exchange.hasResponse || exchange.error.isError() ||
                           !exchange.isFinished());
    m_stack->setCurrentWidget(m_page);
}

void ExchangeDetailView::clear()
{
    m_info->clear();
    m_error->clear();
    m_error->hide();
    m_request->clear();
    m_response->clear();
    m_stack->setCurrentWidget(m_placeholder);
}

QString ExchangeDetailView::infoText() const
{
    return m_info->text();
}

QString ExchangeDetailView::errorText() const
{
    return m_error->isVisibleTo(this) ? m_error->text() : QString();
}

QString ExchangeDetailView::summary(const Exchange &exchange)
{
    QStringList parts;
    if (exchange.started.isValid()) {
        parts.append(tr("Started %1")
                         .arg(QLocale().toString(exchange.started.toLocalTime(),
                                                 QStringLiteral("HH:mm:ss.zzz"))));
    }
    if (!exchange.isFinished()) {
        parts.append(tr("in flight"));
        return parts.join(QStringLiteral(" · "));
    }
    if (!exchange.hasResponse && !exchange.error.isError()) {
        parts.append(tr("a navigation in the embedded browser: no response is recorded"));
        return parts.join(QStringLiteral(" · "));
    }
    if (exchange.timeToHeadersUs >= 0)
        parts.append(
            tr("headers after %1 ms").arg(double(exchange.timeToHeadersUs) / 1000.0, 0, 'f', 1));
    parts.append(tr("total %1 ms").arg(exchange.durationMs(), 0, 'f', 1));
    if (exchange.hasResponse) {
        const qint64 body = exchange.responseBody.size();
        if (!exchange.contentEncoding.isEmpty()) {
            parts.append(tr("body %1 (%2 on the wire, %3)")
                             .arg(Format::bytes(body), Format::bytes(exchange.wireBodyBytes),
                                  QString::fromLatin1(exchange.contentEncoding)));
        } else {
            parts.append(tr("body %1").arg(Format::bytes(body)));
        }
    }
    if (exchange.truncated)
        parts.append(tr("truncated at the size limit"));
    if (exchange.hop > 0)
        parts.append(tr("redirect hop %1").arg(exchange.hop));
    return parts.join(QStringLiteral(" · "));
}
