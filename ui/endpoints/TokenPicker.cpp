#include "TokenPicker.h"

#include <QCheckBox>
#include <QComboBox>
#include <QHBoxLayout>
#include <QLineEdit>
#include <QVBoxLayout>

TokenPicker::TokenPicker(SessionTokens *session, QList<SessionTokens::Kind> kinds, QWidget *parent)
    : QWidget(parent)
    , m_sessionTokens(session)
    , m_kinds(std::move(kinds))
    , m_session(new QComboBox(this))
    , m_value(new QLineEdit(this))
    , m_show(new QCheckBox(tr("Show"), this))
{
    m_session->setObjectName(QStringLiteral("sessionTokenBox"));
    m_session->setSizeAdjustPolicy(QComboBox::AdjustToMinimumContentsLengthWithIcon);
    m_session->setMinimumContentsLength(24);
    m_value->setObjectName(QStringLiteral("tokenValue"));
    m_value->setEchoMode(QLineEdit::Password);
    m_value->setPlaceholderText(tr("Paste a token, or pick one of this session's"));
    m_show->setObjectName(QStringLiteral("showTokenValue"));
    m_show->setToolTip(tr("Tokens are secrets: show them only when nobody looks over your "
                          "shoulder"));

    auto *layout = new QHBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_session);
    layout->addWidget(m_value, 1);
    layout->addWidget(m_show);

    connect(m_show, &QCheckBox::toggled, this, [this](bool show) {
        m_value->setEchoMode(show ? QLineEdit::Normal : QLineEdit::Password);
    });
    connect(m_session, &QComboBox::activated, this, &TokenPicker::onChosen);
    connect(m_value, &QLineEdit::textEdited, this, [this] {
        m_session->setCurrentIndex(0);
        emit tokenChanged();
    });
    if (m_sessionTokens) {
        connect(m_sessionTokens, &SessionTokens::added, this, &TokenPicker::reload);
        connect(m_sessionTokens, &SessionTokens::changed, this, &TokenPicker::reload);
        connect(m_sessionTokens, &SessionTokens::removed, this, &TokenPicker::reload);
        connect(m_sessionTokens, &SessionTokens::cleared, this, &TokenPicker::reload);
    }
    reload();
}

QString TokenPicker::token() const
{
    return m_value->text().trimmed();
}

void TokenPicker::setToken(const QString &token)
{
    m_value->setText(token);
    int index = 0;
    for (int i = 1; i < m_session->count(); ++i) {
        const SessionTokens::Entry *entry =
            m_sessionTokens ? m_sessionTokens->find(m_session->itemData(i).toULongLong()) : nullptr;
        if (entry && entry->value == token) {
            index = i;
            break;
        }
    }
    m_session->setCurrentIndex(index);
    emit tokenChanged();
}

quint64 TokenPicker::sessionId() const
{
    return m_session->currentData().toULongLong();
}

QString TokenPicker::tokenTypeHint() const
{
    const SessionTokens::Entry *entry =
        m_sessionTokens ? m_sessionTokens->find(sessionId()) : nullptr;
    return entry ? hintFor(entry->kind) : QString();
}

QString TokenPicker::hintFor(SessionTokens::Kind kind)
{
    switch (kind) {
    case SessionTokens::Kind::AccessToken:
        return QStringLiteral("access_token");
    case SessionTokens::Kind::RefreshToken:
        return QStringLiteral("refresh_token");
    case SessionTokens::Kind::IdToken:
    case SessionTokens::Kind::IssuedToken:
        break;
    }
    return {};
}

void TokenPicker::reload()
{
    const quint64 current = sessionId();
    m_session->clear();
    m_session->addItem(tr("Pasted"), QVariant::fromValue(quint64(0)));
    if (!m_sessionTokens)
        return;
    const auto &entries = m_sessionTokens->entries();
    for (auto it = entries.crbegin(); it != entries.crend(); ++it) {
        if (!m_kinds.isEmpty() && !m_kinds.contains(it->kind))
            continue;
        QString label =
            tr("%1 #%2 · %3").arg(SessionTokens::kindName(it->kind)).arg(it->id).arg(it->source);
        if (it->replacedBy != 0)
            label = tr("%1 (replaced)").arg(label);
        if (it->revoked)
            label = tr("%1 (revoked)").arg(label);
        m_session->addItem(label, QVariant::fromValue(it->id));
    }
    const int index = m_session->findData(QVariant::fromValue(current));
    m_session->setCurrentIndex(index < 0 ? 0 : index);
}

void TokenPicker::onChosen(int index)
{
    const SessionTokens::Entry *entry =
        m_sessionTokens ? m_sessionTokens->find(m_session->itemData(index).toULongLong()) : nullptr;
    if (entry)
        m_value->setText(entry->value);
    emit tokenChanged();
}
