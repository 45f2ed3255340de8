#include "TokenTable.h"

#include "authcode/IdTokenCheck.h"
#include "authcode/TokenResponse.h"

#include <QFontDatabase>
#include <QHeaderView>

TokenTable::TokenTable(QWidget *parent)
    : QTreeWidget(parent)
{
    setObjectName(QStringLiteral("tokenTable"));
    setColumnCount(3);
    setHeaderLabels({tr("Token"), tr("Value"), tr("Expires")});
    setRootIsDecorated(false);
    setAlternatingRowColors(true);
    header()->setStretchLastSection(false);
    header()->setSectionResizeMode(ValueColumn, QHeaderView::Stretch);
    const int em = fontMetrics().horizontalAdvance(QLatin1Char('M'));
    setColumnWidth(KindColumn, em * 10);
    setColumnWidth(ExpiresColumn, em * 14);
    m_tick.setInterval(1000);
    connect(&m_tick, &QTimer::timeout, this, &TokenTable::refresh);
}

QString TokenTable::countdownText(const QDateTime &expiry, const QDateTime &now)
{
    if (!expiry.isValid())
        return tr("unknown");
    const qint64 seconds = now.secsTo(expiry);
    const qint64 magnitude = seconds < 0 ? -seconds : seconds;
    QString span;
    if (magnitude >= 3600)
        span = tr("%1 h %2 min").arg(magnitude / 3600).arg((magnitude % 3600) / 60);
    else if (magnitude >= 60)
        span = tr("%1 min %2 s").arg(magnitude / 60).arg(magnitude % 60);
    else
        span = tr("%1 s").arg(magnitude);
    return seconds >= 0 ? tr("in %1").arg(span) : tr("expired %1 ago").arg(span);
}

void TokenTable::addRow(const QString &kind, const QString &value, const QDateTime &expiry)
{
    if (value.isEmpty())
        return;
    m_rows.append({value, expiry});
    auto *row = new QTreeWidgetItem(this, {kind, QString(), QString()});
    row->setFont(ValueColumn, QFontDatabase::systemFont(QFontDatabase::FixedFont));
    row->setToolTip(ExpiresColumn,
                    expiry.isValid() ? expiry.toLocalTime().toString(Qt::ISODate) : QString());
}

void TokenTable::setTokens(const Tokenscope::AuthCode::TokenResponse &tokens,
                           const QDateTime &receivedAt)
{
    clearTokens();
    addRow(tr("Access token (%1)").arg(tokens.tokenType), tokens.accessToken,
           tokens.expiresIn >= 0 ? receivedAt.addSecs(tokens.expiresIn) : QDateTime());
    const QJsonObject claims = Tokenscope::AuthCode::IdTokenCheck::claims(tokens.idToken);
    const QJsonValue exp = claims.value(QLatin1String("exp"));
    addRow(tr("ID token"), tokens.idToken,
           exp.isDouble() ? QDateTime::fromSecsSinceEpoch(qint64(exp.toDouble()), Qt::UTC)
                          : QDateTime());
    addRow(tr("Refresh token"), tokens.refreshToken, QDateTime());
    refresh();
    resizeColumnToContents(KindColumn);
    m_tick.start();
}

void TokenTable::clearTokens()
{
    m_tick.stop();
    m_rows.clear();
    clear();
}

void TokenTable::setShowSecrets(bool show)
{
    m_showSecrets = show;
    refresh();
}

void TokenTable::refresh()
{
    const QDateTime now = QDateTime::currentDateTimeUtc();
    for (int i = 0; i < topLevelItemCount() && i < m_rows.size(); ++i) {
        QTreeWidgetItem *row = topLevelItem(i);
        const Row &token = m_rows.at(i);
        row->setText(ValueColumn, m_showSecrets ? token.value
                                                : tr("[hidden: %n characters]", nullptr,
                                                     int(token.value.size())));
        row->setText(ExpiresColumn, countdownText(token.expiry, now));
    }
}
