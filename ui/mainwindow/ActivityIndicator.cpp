#include "ActivityIndicator.h"

#include "http/HttpClient.h"
#include "http/Redactor.h"
#include "http/Transcript.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QProgressBar>
#include <QPushButton>

ActivityIndicator::ActivityIndicator(Tokenscope::Http::HttpClient *http, QWidget *parent)
    : QWidget(parent)
    , m_transcript(http->transcript())
    , m_activity(new QLabel(this))
    , m_bar(new QProgressBar(this))
    , m_cancel(new QPushButton(tr("Cancel"), this))
{
    setObjectName(QStringLiteral("activityIndicator"));
    m_activity->setObjectName(QStringLiteral("activityLabel"));
    m_activity->setTextFormat(Qt::PlainText);
    m_activity->setMaximumWidth(fontMetrics().horizontalAdvance(QLatin1Char('M')) * 40);
    m_bar->setObjectName(QStringLiteral("busyIndicator"));
    m_bar->setRange(0, 0); // busy: no percentage is known
    m_bar->setTextVisible(false);
    m_bar->setFixedWidth(fontMetrics().horizontalAdvance(QLatin1Char('M')) * 8);
    m_bar->setMaximumHeight(fontMetrics().height());
    m_bar->setAccessibleName(tr("Request in flight"));
    m_cancel->setObjectName(QStringLiteral("cancelButton"));
    m_cancel->setToolTip(tr("Cancel every request in flight (Esc)"));
    m_cancel->setShortcut(QKeySequence::Cancel);
    m_cancel->setFlat(false);

    auto *layout = new QHBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(6);
    layout->addWidget(m_activity);
    layout->addWidget(m_bar);
    layout->addWidget(m_cancel);

    connect(m_cancel, &QPushButton::clicked, this, &ActivityIndicator::cancelRequested);
    connect(http, &Tokenscope::Http::HttpClient::busyChanged, this, &ActivityIndicator::setBusy);
    connect(m_transcript, &Tokenscope::Http::Transcript::exchangeAdded, this,
            &ActivityIndicator::onExchangeAdded);
    setBusy(http->isBusy());
}

void ActivityIndicator::setBusy(bool busy)
{
    m_busy = busy;
    m_bar->setVisible(busy);
    m_cancel->setVisible(busy);
    m_cancel->setEnabled(busy);
    m_activity->setVisible(busy);
    if (!busy)
        m_activity->clear();
}

void ActivityIndicator::onExchangeAdded(int index)
{
    const auto &exchange = m_transcript->at(index);
    if (exchange.isFinished())
        return;
    const QUrl url = Tokenscope::Http::Redactor::redactUrl(exchange.url, nullptr);
    const QString text =
        QString::fromLatin1(exchange.method) + QLatin1Char(' ') + url.toDisplayString();
    m_activity->setText(
        fontMetrics().elidedText(text, Qt::ElideMiddle, m_activity->maximumWidth()));
    m_activity->setToolTip(text);
}
