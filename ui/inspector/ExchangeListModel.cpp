#include "ExchangeListModel.h"

#include "common/Format.h"
#include "common/TransportErrorText.h"
#include "http/Redactor.h"
#include "http/Transcript.h"

#include <QBrush>
#include <QGuiApplication>
#include <QPalette>

using Tokenscope::Http::Exchange;

namespace {

QColor statusColor(const Exchange &exchange)
{
    const bool dark = QGuiApplication::palette().color(QPalette::Base).lightness() < 128;
    if (exchange.error.isError() || (exchange.hasResponse && exchange.statusCode >= 400))
        return dark ? QColor(0xff, 0x7b, 0x72) : QColor(0xb3, 0x1d, 0x28);
    if (exchange.hasResponse && exchange.statusCode >= 300)
        return dark ? QColor(0x79, 0xc0, 0xff) : QColor(0x1f, 0x5f, 0xbf);
    if (exchange.hasResponse && exchange.statusCode >= 200)
        return dark ? QColor(0x56, 0xd3, 0x64) : QColor(0x1a, 0x7f, 0x37);
    return {};
}

} // namespace

ExchangeListModel::ExchangeListModel(Tokenscope::Http::Transcript *transcript, QObject *parent)
    : QAbstractTableModel(parent)
    , m_transcript(transcript)
{
    for (const Exchange &exchange : transcript->exchanges())
        m_urls.append(urlText(exchange));
    connect(transcript, &Tokenscope::Http::Transcript::exchangeAdded, this,
            &ExchangeListModel::onExchangeAdded);
    connect(transcript, &Tokenscope::Http::Transcript::exchangeUpdated, this,
            &ExchangeListModel::onExchangeUpdated);
    connect(transcript, &Tokenscope::Http::Transcript::cleared, this,
            &ExchangeListModel::onCleared);
}

int ExchangeListModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_urls.size());
}

int ExchangeListModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

const Exchange &ExchangeListModel::exchangeAt(int row) const
{
    return m_transcript->at(row);
}

QString ExchangeListModel::statusText(const Exchange &exchange)
{
    if (exchange.error.isError() && !exchange.hasResponse)
        return TransportErrorText::name(exchange.error.kind);
    if (!exchange.isFinished() && !exchange.hasResponse)
        return QStringLiteral("…");
    if (!exchange.hasResponse)
        return tr("navigation"); // a browser hop: seen, never answered to Tokenscope
    QString text = QString::number(exchange.statusCode);
    if (!exchange.reasonPhrase.isEmpty())
        text += QLatin1Char(' ') + QString::fromLatin1(exchange.reasonPhrase);
    if (exchange.error.isError())
        text += QStringLiteral(" · ") + TransportErrorText::name(exchange.error.kind);
    else if (!exchange.isFinished())
        text += QStringLiteral(" …");
    return text;
}

QVariant ExchangeListModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid() || index.row() >= m_urls.size())
        return {};
    const Exchange &exchange = m_transcript->at(index.row());

    if (role == Qt::DisplayRole) {
        switch (index.column()) {
        case Number:
            return index.row() + 1;
        case Method:
            return QString::fromLatin1(exchange.method);
        case Url:
            return m_urls.at(index.row());
        case Status:
            return statusText(exchange);
        case Time:
            return exchange.isFinished() && (exchange.hasResponse || exchange.error.isError())
                       ? QString::number(exchange.durationMs(), 'f', 0)
                       : QString();
        case Size:
            return exchange.hasResponse ? Tokenscope::Format::bytes(exchange.responseBody.size())
                                        : QString();
        case Label:
            if (exchange.hop > 0)
                return tr("%1 (redirect %2)").arg(exchange.label).arg(exchange.hop);
            return exchange.label;
        default:
            return {};
        }
    }
    if (role == Qt::ToolTipRole) {
        switch (index.column()) {
        case Url:
            return m_urls.at(index.row());
        case Status:
            return exchange.error.isError() ? exchange.error.message : statusText(exchange);
        case Size:
            if (!exchange.hasResponse)
                return {};
            if (!exchange.contentEncoding.isEmpty())
                return tr("%1 decompressed, %2 on the wire (%3)")
                    .arg(Tokenscope::Format::bytes(exchange.responseBody.size()),
                         Tokenscope::Format::bytes(exchange.wireBodyBytes),
                         QString::fromLatin1(exchange.contentEncoding));
            return {};
        default:
            return {};
        }
    }
    if (role == Qt::ForegroundRole && index.column() == Status) {
        const QColor color = statusColor(exchange);
        return color.isValid() ? QBrush(color) : QVariant();
    }
    if (role == Qt::TextAlignmentRole) {
        switch (index.column()) {
        case Number:
        case Time:
        case Size:
            return QVariant(Qt::AlignRight | Qt::AlignVCenter);
        default:
            return QVariant(Qt::AlignLeft | Qt::AlignVCenter);
        }
    }
    return {};
}

QVariant ExchangeListModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (section) {
    case Number:
        return tr("#");
    case Method:
        return tr("Method");
    case Url:
        return tr("URL");
    case Status:
        return tr("Status");
    case Time:
        return tr("Time (ms)");
    case Size:
        return tr("Size");
    case Label:
        return tr("Purpose");
    default:
        return {};
    }
}

void ExchangeListModel::setShowSecrets(bool show)
{
    if (m_showSecrets == show)
        return;
    m_showSecrets = show;
    for (int row = 0; row < m_urls.size(); ++row)
        m_urls[row] = urlText(m_transcript->at(row));
    if (!m_urls.isEmpty())
        emit dataChanged(index(0, Url), index(int(m_urls.size()) - 1, Url));
}

QString ExchangeListModel::urlText(const Exchange &exchange) const
{
    const QUrl url =
        m_showSecrets ? exchange.url : Tokenscope::Http::Redactor::redactUrl(exchange.url, nullptr);
    return url.toDisplayString();
}

void ExchangeListModel::onExchangeAdded(int index)
{
    const int first = int(m_urls.size());
    if (index < first) {
        onExchangeUpdated(index);
        return;
    }
    beginInsertRows(QModelIndex(), first, index);
    for (int row = first; row <= index; ++row)
        m_urls.append(urlText(m_transcript->at(row)));
    endInsertRows();
}

void ExchangeListModel::onExchangeUpdated(int row)
{
    if (row < 0 || row >= m_urls.size())
        return;
    m_urls[row] = urlText(m_transcript->at(row));
    emit dataChanged(index(row, 0), index(row, ColumnCount - 1));
}

void ExchangeListModel::onCleared()
{
    beginResetModel();
    m_urls.clear();
    endResetModel();
}
