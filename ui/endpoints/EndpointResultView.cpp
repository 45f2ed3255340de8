#include "EndpointResultView.h"

#include "common/FindingsView.h"
#include "common/ProviderErrorText.h"
#include "http/Redactor.h"
#include "inspector/ExchangeDetailView.h"

#include <QHeaderView>
#include <QJsonArray>
#include <QJsonDocument>
#include <QLabel>
#include <QTabWidget>
#include <QTableWidget>
#include <QVBoxLayout>

using Tokenscope::Endpoints::EndpointError;
using Tokenscope::Endpoints::EndpointResult;

namespace {

QString valueText(const QJsonValue &value)
{
    if (value.isString())
        return value.toString();
    if (value.isBool())
        return value.toBool() ? QStringLiteral("true") : QStringLiteral("false");
    if (value.isDouble())
        return QString::number(value.toDouble(), 'g', 17);
    if (value.isArray())
        return QString::fromUtf8(QJsonDocument(value.toArray()).toJson(QJsonDocument::Compact));
    if (value.isObject())
        return QString::fromUtf8(QJsonDocument(value.toObject()).toJson(QJsonDocument::Compact));
    return QStringLiteral("null");
}

} // namespace

EndpointResultView::EndpointResultView(const QString &prefix, QWidget *parent)
    : QWidget(parent)
    , m_status(new QLabel(this))
    , m_tabs(new QTabWidget(this))
    , m_claims(new QTableWidget(0, 2, this))
    , m_findings(new FindingsView(this))
    , m_exchange(new ExchangeDetailView(this))
{
    m_status->setObjectName(prefix + QStringLiteral("Status"));
    m_status->setWordWrap(true);
    m_status->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_claims->setObjectName(prefix + QStringLiteral("Claims"));
    m_claims->setHorizontalHeaderLabels({tr("Member"), tr("Value")});
    m_claims->horizontalHeader()->setStretchLastSection(true);
    m_claims->verticalHeader()->hide();
    m_claims->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_claims->setAlternatingRowColors(true);
    m_findings->setObjectName(prefix + QStringLiteral("Checks"));
    m_exchange->setObjectName(prefix + QStringLiteral("Exchange"));
    m_tabs->setObjectName(prefix + QStringLiteral("ResultTabs"));
    m_tabs->addTab(m_claims, tr("Answer"));
    m_tabs->addTab(m_findings, tr("Checks"));
    m_tabs->addTab(m_exchange, tr("Exchange"));

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_status);
    layout->addWidget(m_tabs, 1);
}

void EndpointResultView::showBusy(const QString &text)
{
    showMessage(text, false);
    m_claims->setRowCount(0);
    m_findings->setFindings({});
    m_exchanges.clear();
    m_exchange->clear();
}

void EndpointResultView::showMessage(const QString &text, bool failure)
{
    m_status->setText(text);
    m_status->setStyleSheet(failure ? QStringLiteral("color: #b00020; font-weight: bold;")
                                    : QStringLiteral("font-weight: bold;"));
}

void EndpointResultView::showResult(const EndpointResult &result, const QString &headline,
                                    const QJsonObject &claims)
{
    showMessage(result.ok() ? headline : errorText(result.error), !result.ok());
    m_claims->setRowCount(0);
    for (auto it = claims.constBegin(); it != claims.constEnd(); ++it) {
        const int row = m_claims->rowCount();
        m_claims->insertRow(row);
        m_claims->setItem(row, 0, new QTableWidgetItem(it.key()));
        QString text = valueText(it.value());
        // RFC 7662 §2.2 times are seconds since the epoch: shown as a date too.
        static const QStringList times = {QStringLiteral("exp"), QStringLiteral("iat"),
                                          QStringLiteral("nbf"), QStringLiteral("auth_time"),
                                          QStringLiteral("updated_at")};
        if (it.value().isDouble() && times.contains(it.key()))
            text = tr("%1 (%2)").arg(
                text, QLocale().toString(
                          QDateTime::fromSecsSinceEpoch(qint64(it.value().toDouble()), Qt::UTC)
                              .toLocalTime(),
                          QLocale::ShortFormat));
        m_claims->setItem(row, 1, new QTableWidgetItem(text));
    }
    m_claims->resizeColumnToContents(0);
    m_findings->setFindings(result.checks);
    m_exchanges = result.exchanges;
    showExchange();
    if (!result.ok() && claims.isEmpty())
        m_tabs->setCurrentWidget(m_exchange);
    else if (m_findings->failureCount() > 0)
        m_tabs->setCurrentWidget(m_findings);
    else
        m_tabs->setCurrentWidget(m_claims);
}

void EndpointResultView::setSecretsShown(bool shown)
{
    m_secretsShown = shown;
    showExchange();
}

void EndpointResultView::showExchange()
{
    if (m_exchanges.isEmpty()) {
        m_exchange->clear();
        return;
    }
    // The endpoint's own exchange; a key set fetched after it is in the inspector.
    const Tokenscope::Http::Exchange &first = m_exchanges.constFirst();
    m_exchange->setExchange(m_secretsShown ? first : Tokenscope::Http::Redactor::redact(first));
}

QString EndpointResultView::statusText() const
{
    return m_status->text();
}

QString EndpointResultView::claim(const QString &name) const
{
    for (int row = 0; row < m_claims->rowCount(); ++row)
        if (m_claims->item(row, 0)->text() == name)
            return m_claims->item(row, 1)->text();
    return {};
}

QString EndpointResultView::errorText(const EndpointError &error)
{
    return ProviderErrorText::describe(error.oauth,
                                       error.message.isEmpty() ? tr("Failed") : error.message);
}
