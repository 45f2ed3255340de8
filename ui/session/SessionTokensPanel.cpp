#include "SessionTokensPanel.h"

#include "common/Clock.h"
#include "tokens/TokenInspector.h"

#include <QApplication>
#include <QCheckBox>
#include <QClipboard>
#include <QDialog>
#include <QGridLayout>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QMimeData>
#include <QPushButton>
#include <QTableWidget>
#include <QVBoxLayout>

using Kind = SessionTokens::Kind;

SessionTokensPanel::SessionTokensPanel(SessionTokens *tokens, const Tokenscope::Clock *clock,
                                       QWidget *parent)
    : QWidget(parent)
    , m_tokens(tokens)
    , m_systemClock(clock ? nullptr : std::make_unique<Tokenscope::SystemClock>())
    , m_clock(clock ? clock : m_systemClock.get())
    , m_table(new QTableWidget(0, 6, this))
    , m_showValues(new QCheckBox(tr("Show values"), this))
    , m_note(new QLabel(this))
{
    setObjectName(QStringLiteral("sessionTokensPanel"));
    m_table->setObjectName(QStringLiteral("sessionTokenTable"));
    m_table->setHorizontalHeaderLabels(
        {tr("Kind"), tr("Expires"), tr("State"), tr("Source"), tr("Profile"), tr("Value")});
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setSelectionMode(QAbstractItemView::SingleSelection);
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->verticalHeader()->hide();
    m_table->setAlternatingRowColors(true);
    m_table->horizontalHeader()->setSectionResizeMode(ValueColumn, QHeaderView::Stretch);
    m_table->setWordWrap(false);
    m_showValues->setObjectName(QStringLiteral("showTokenValues"));
    m_showValues->setToolTip(tr("Tokens are secrets: anyone who sees one can use it"));
    m_note->setObjectName(QStringLiteral("sessionTokensNote"));
    m_note->setWordWrap(true);

    const auto button = [this](const char *name, const QString &text, const QString &tip,
                               void (SessionTokensPanel::*slot)()) {
        auto *b = new QPushButton(text, this);
        b->setObjectName(QString::fromLatin1(name));
        b->setToolTip(tip);
        connect(b, &QPushButton::clicked, this, slot);
        return b;
    };
    m_decode = button("decodeTokenButton", tr("Decode"),
                      tr("Lay the token open: header, claims, "
                         "signature"),
                      &SessionTokensPanel::decodeSelected);
    m_introspect = button("introspectTokenButton", tr("Introspect"),
                          tr("Ask the provider whether it is active (RFC 7662)"),
                          &SessionTokensPanel::introspectSelected);
    m_revoke = button("revokeTokenButton", tr("Revoke"), tr("Revoke it at the provider (RFC 7009)"),
                      &SessionTokensPanel::revokeSelected);
    m_userInfo = button("userInfoTokenButton", tr("UserInfo"),
                        tr("Call the UserInfo endpoint with this access token"),
                        &SessionTokensPanel::userInfoSelected);
    m_api = button("apiCallTokenButton", tr("Use in API call"),
                   tr("Call a protected resource with this access token"),
                   &SessionTokensPanel::apiCallSelected);
    m_subject = button("subjectTokenButton", tr("Use as subject token"),
                       tr("The subject_token of a token exchange (RFC 8693)"),
                       &SessionTokensPanel::useSelectedAsSubject);
    m_refresh = button("refreshTokenButton", tr("Refresh"),
                       tr("Use this refresh token in the Grants tab's refresh grant"),
                       &SessionTokensPanel::refreshSelected);
    m_copy = button("copyTokenButton", tr("Copy"), tr("Copy the value to the clipboard"),
                    &SessionTokensPanel::copySelected);
    m_remove = button("removeTokenButton", tr("Remove"),
                      tr("Forget it in this session (it is not revoked)"),
                      &SessionTokensPanel::removeSelected);

    auto *actions = new QGridLayout;
    actions->addWidget(m_decode, 0, 0);
    actions->addWidget(m_introspect, 0, 1);
    actions->addWidget(m_revoke, 0, 2);
    actions->addWidget(m_userInfo, 1, 0);
    actions->addWidget(m_api, 1, 1);
    actions->addWidget(m_refresh, 1, 2);
    actions->addWidget(m_subject, 2, 0);
    actions->addWidget(m_copy, 2, 1);
    actions->addWidget(m_remove, 2, 2);

    auto *top = new QHBoxLayout;
    top->addWidget(new QLabel(tr("Every token obtained in this session, newest last."), this), 1);
    top->addWidget(m_showValues);

    auto *layout = new QVBoxLayout(this);
    layout->addLayout(top);
    layout->addWidget(m_table, 1);
    layout->addLayout(actions);
    layout->addWidget(m_note);

    connect(m_showValues, &QCheckBox::toggled, this, &SessionTokensPanel::rebuild);
    connect(m_table, &QTableWidget::itemSelectionChanged, this, &SessionTokensPanel::updateActions);
    connect(m_table, &QTableWidget::cellDoubleClicked, this, &SessionTokensPanel::decodeSelected);
    connect(m_tokens, &SessionTokens::added, this, [this](quint64 id) {
        rebuild();
        select(id);
    });
    connect(m_tokens, &SessionTokens::changed, this, &SessionTokensPanel::rebuild);
    connect(m_tokens, &SessionTokens::removed, this, &SessionTokensPanel::rebuild);
    connect(m_tokens, &SessionTokens::cleared, this, &SessionTokensPanel::rebuild);
    m_tick.setInterval(1000);
    connect(&m_tick, &QTimer::timeout, this, &SessionTokensPanel::refreshCountdowns);
    m_tick.start();
    rebuild();
}

SessionTokensPanel::~SessionTokensPanel() = default;

void SessionTokensPanel::setKeys(Tokenscope::Jose::JwksCache *cache, const QUrl &jwksUri)
{
    m_jwks = cache;
    m_jwksUri = jwksUri;
}

QDateTime SessionTokensPanel::now() const
{
    return m_clock->now();
}

quint64 SessionTokensPanel::selectedId() const
{
    const QList<QTableWidgetItem *> selected = m_table->selectedItems();
    if (selected.isEmpty())
        return 0;
    const QTableWidgetItem *item = m_table->item(selected.first()->row(), KindColumn);
    return item ? item->data(Qt::UserRole).toULongLong() : 0;
}

void SessionTokensPanel::select(quint64 id)
{
    for (int row = 0; row < m_table->rowCount(); ++row) {
        if (m_table->item(row, KindColumn)->data(Qt::UserRole).toULongLong() == id) {
            m_table->selectRow(row);
            return;
        }
    }
}

bool SessionTokensPanel::valuesShown() const
{
    return m_showValues->isChecked();
}

void SessionTokensPanel::setValuesShown(bool shown)
{
    m_showValues->setChecked(shown);
}

const SessionTokens::Entry *SessionTokensPanel::selectedEntry() const
{
    return m_tokens->find(selectedId());
}

QString SessionTokensPanel::countdown(const QDateTime &expiresAt, const QDateTime &now)
{
    if (!expiresAt.isValid())
        return tr("unknown");
    const qint64 seconds = now.secsTo(expiresAt);
    const qint64 magnitude = seconds < 0 ? -seconds : seconds;
    QString span;
    if (magnitude >= 86400)
        span = tr("%1 d %2 h").arg(magnitude / 86400).arg((magnitude % 86400) / 3600);
    else if (magnitude >= 3600)
        span = tr("%1 h %2 min").arg(magnitude / 3600).arg((magnitude % 3600) / 60);
    else if (magnitude >= 60)
        span = tr("%1 min %2 s").arg(magnitude / 60).arg(magnitude % 60);
    else
        span = tr("%1 s").arg(magnitude);
    return seconds > 0 ? tr("in %1").arg(span) : tr("expired %1 ago").arg(span);
}

QString SessionTokensPanel::maskedValue(const QString &value)
{
    return tr("•••••••• (%n characters)", nullptr, int(value.size()));
}

void SessionTokensPanel::rebuild()
{
    const quint64 selected = selectedId();
    m_table->setRowCount(0);
    for (const SessionTokens::Entry &entry : m_tokens->entries()) {
        const int row = m_table->rowCount();
        m_table->insertRow(row);
        fillRow(row, entry);
    }
    for (const int column : {KindColumn, ExpiresColumn, StateColumn, SourceColumn, ProfileColumn})
        m_table->resizeColumnToContents(column);
    if (selected)
        select(selected);
    updateActions();
}

void SessionTokensPanel::fillRow(int row, const SessionTokens::Entry &entry)
{
    auto *kind = new QTableWidgetItem(SessionTokens::kindName(entry.kind));
    kind->setData(Qt::UserRole, QVariant::fromValue(entry.id));
    kind->setToolTip(entry.tokenType.isEmpty() ? QString()
                                               : tr("token_type: %1").arg(entry.tokenType));
    m_table->setItem(row, KindColumn, kind);
    auto *source = new QTableWidgetItem(entry.source);
    QString sourceTip =
        tr("Obtained %1")
            .arg(QLocale().toString(entry.obtainedAt.toLocalTime(), QLocale::ShortFormat));
    if (!entry.client.isEmpty())
        sourceTip += QLatin1Char('\n') + tr("Issued to client %1 (%2)")
                                             .arg(entry.client.id, entry.client.authMethod.isEmpty()
                                                                       ? tr("method unknown")
                                                                       : entry.client.authMethod);
    source->setToolTip(sourceTip);
    m_table->setItem(row, SourceColumn, source);
    m_table->setItem(row, ProfileColumn, new QTableWidgetItem(entry.profileName));
    auto *expires = new QTableWidgetItem(countdown(entry.expiresAt, now()));
    if (entry.expiresAt.isValid())
        expires->setToolTip(QLocale().toString(entry.expiresAt.toLocalTime(), QLocale::LongFormat));
    m_table->setItem(row, ExpiresColumn, expires);
    m_table->setItem(
        row, ValueColumn,
        new QTableWidgetItem(m_showValues->isChecked() ? entry.value : maskedValue(entry.value)));
    QStringList state;
    if (entry.replacedBy != 0)
        state << tr("replaced by #%1 (rotated)").arg(entry.replacedBy);
    if (entry.revoked)
        state << tr("revoked");
    if (entry.expiresAt.isValid() && entry.expiresAt <= now())
        state << tr("expired");
    auto *stateItem = new QTableWidgetItem(state.join(QStringLiteral(", ")));
    if (!state.isEmpty())
        stateItem->setForeground(QColor(0xb0, 0x00, 0x20));
    m_table->setItem(row, StateColumn, stateItem);
}

void SessionTokensPanel::refreshCountdowns()
{
    const QDateTime current = now();
    for (int row = 0; row < m_table->rowCount(); ++row) {
        const SessionTokens::Entry *entry =
            m_tokens->find(m_table->item(row, KindColumn)->data(Qt::UserRole).toULongLong());
        if (!entry || !entry->expiresAt.isValid())
            continue;
        m_table->item(row, ExpiresColumn)->setText(countdown(entry->expiresAt, current));
        if (entry->expiresAt <= current &&
            !m_table->item(row, StateColumn)->text().contains(tr("expired")))
            fillRow(row, *entry);
    }
}

void SessionTokensPanel::updateActions()
{
    const SessionTokens::Entry *entry = selectedEntry();
    const bool any = entry != nullptr;
    const bool access = any && entry->kind == Kind::AccessToken;
    for (QPushButton *b : {m_decode, m_introspect, m_revoke, m_subject, m_copy, m_remove})
        b->setEnabled(any);
    m_userInfo->setEnabled(access);
    m_api->setEnabled(access);
    // A rotated-out token stays refreshable: sending it again shows the provider's reuse
    // detection (RFC 9700 §4.14.2).
    m_refresh->setEnabled(any && entry->kind == Kind::RefreshToken);
    m_note->clear();
}

void SessionTokensPanel::decodeSelected()
{
    const SessionTokens::Entry *entry = selectedEntry();
    if (!entry)
        return;
    if (!m_decodeDialog) {
        m_decodeDialog = new QDialog(this);
        m_decodeDialog->setObjectName(QStringLiteral("decodeDialog"));
        m_decodeDialog->resize(1000, 760);
        auto *inspector = new TokenInspector(m_decodeDialog);
        inspector->setObjectName(QStringLiteral("decodeInspector"));
        inspector->setClock(m_clock);
        auto *layout = new QVBoxLayout(m_decodeDialog);
        layout->addWidget(inspector);
    }
    auto *inspector = m_decodeDialog->findChild<TokenInspector *>();
    TokenContext context;
    context.label = SessionTokens::kindName(entry->kind);
    if (m_jwks && m_jwksUri.isValid()) {
        context.jwksCache = m_jwks;
        context.jwksUri = m_jwksUri;
    }
    inspector->setTokenMasked(!m_showValues->isChecked());
    inspector->inspect(entry->value, context);
    m_decodeDialog->setWindowTitle(tr("%1 #%2 — %3")
                                       .arg(SessionTokens::kindName(entry->kind))
                                       .arg(entry->id)
                                       .arg(entry->source));
    m_decodeDialog->show();
    m_decodeDialog->raise();
}

void SessionTokensPanel::introspectSelected()
{
    if (const SessionTokens::Entry *entry = selectedEntry()) {
        const QString hint = entry->kind == Kind::RefreshToken  ? QStringLiteral("refresh_token")
                             : entry->kind == Kind::AccessToken ? QStringLiteral("access_token")
                                                                : QString();
        emit introspectRequested(entry->value, hint);
    }
}

void SessionTokensPanel::revokeSelected()
{
    if (const SessionTokens::Entry *entry = selectedEntry()) {
        const QString hint = entry->kind == Kind::RefreshToken  ? QStringLiteral("refresh_token")
                             : entry->kind == Kind::AccessToken ? QStringLiteral("access_token")
                                                                : QString();
        emit revokeRequested(entry->value, hint);
    }
}

void SessionTokensPanel::userInfoSelected()
{
    const SessionTokens::Entry *entry = selectedEntry();
    if (entry && entry->kind == Kind::AccessToken)
        emit userInfoRequested(entry->value);
}

void SessionTokensPanel::apiCallSelected()
{
    const SessionTokens::Entry *entry = selectedEntry();
    if (entry && entry->kind == Kind::AccessToken)
        emit apiCallRequested(entry->value);
}

void SessionTokensPanel::refreshSelected()
{
    const SessionTokens::Entry *entry = selectedEntry();
    if (entry && entry->kind == Kind::RefreshToken)
        emit refreshRequested(entry->value);
}

void SessionTokensPanel::useSelectedAsSubject()
{
    if (const SessionTokens::Entry *entry = selectedEntry())
        emit useAsSubjectToken(entry->value);
}

void SessionTokensPanel::copySelected()
{
    const SessionTokens::Entry *entry = selectedEntry();
    if (!entry)
        return;
    auto *data = new QMimeData;
    data->setText(entry->value);
    // Asks clipboard managers (KDE's Klipper, others that honour it) not to keep it.
    data->setData(QStringLiteral("x-kde-passwordManagerHint"), QByteArrayLiteral("secret"));
    QApplication::clipboard()->setMimeData(data);
    const QString warning =
        tr("Copied. The clipboard now holds a secret: anyone who pastes it can use the "
           "token. Clear the clipboard when you are done.");
    m_note->setText(warning);
    m_note->setStyleSheet(QStringLiteral("color: #8a5300;"));
    emit statusMessage(warning);
}

void SessionTokensPanel::removeSelected()
{
    if (const quint64 id = selectedId())
        m_tokens->remove(id);
}
