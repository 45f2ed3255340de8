#include "SandboxBanner.h"

#include <QAction>
#include <QGridLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QMenu>
#include <QPushButton>
#include <QStyle>
#include <QToolButton>

namespace {

QLabel *wrappingLabel(const char *name, QWidget *parent)
{
    auto *label = new QLabel(parent);
    label->setObjectName(QString::fromLatin1(name));
    label->setTextFormat(Qt::RichText);
    label->setTextInteractionFlags(Qt::TextSelectableByMouse);
    // Wrapped to the window's width; never widens the window.
    label->setWordWrap(true);
    QSizePolicy policy(QSizePolicy::Ignored, QSizePolicy::Preferred);
    policy.setHeightForWidth(true);
    label->setSizePolicy(policy);
    label->setMinimumWidth(200);
    return label;
}

} // namespace

SandboxBanner::SandboxBanner(QWidget *parent)
    : QFrame(parent)
    , m_text(wrappingLabel("sandboxBannerText", this))
    , m_faultsSummary(wrappingLabel("sandboxFaultsSummary", this))
    , m_outcome(wrappingLabel("sandboxFaultsOutcome", this))
    , m_breakIt(new QToolButton(this))
    , m_faultsMenu(new QMenu(this))
    , m_showLog(new QPushButton(tr("Show Sandbox Log"), this))
    , m_close(new QPushButton(this))
{
    setObjectName(QStringLiteral("sandboxBanner"));
    setFrameShape(QFrame::StyledPanel);
    setAutoFillBackground(true);
    m_faultsMenu->setObjectName(QStringLiteral("sandboxFaultsMenu"));
    m_faultsMenu->setToolTipsVisible(true);
    m_breakIt->setObjectName(QStringLiteral("breakItButton"));
    m_breakIt->setText(tr("Break It"));
    m_breakIt->setToolTip(tr("Make the sandbox misbehave on purpose, and see whether the "
                             "client catches it"));
    m_breakIt->setMenu(m_faultsMenu);
    m_breakIt->setPopupMode(QToolButton::InstantPopup);
    m_showLog->setObjectName(QStringLiteral("showSandboxLogButton"));
    m_close->setObjectName(QStringLiteral("closeSandboxBannerButton"));
    m_close->setIcon(style()->standardIcon(QStyle::SP_TitleBarCloseButton));
    m_close->setFlat(true);
    m_close->setToolTip(tr("Hide this note"));
    m_close->setAccessibleName(tr("Hide the sandbox note"));
    m_faultsSummary->hide();
    m_outcome->hide();

    auto *layout = new QGridLayout(this);
    layout->setContentsMargins(10, 6, 6, 6);
    layout->addWidget(m_text, 0, 0);
    layout->addWidget(m_faultsSummary, 1, 0);
    layout->addWidget(m_outcome, 2, 0);
    auto *buttons = new QHBoxLayout;
    buttons->addWidget(m_breakIt);
    buttons->addWidget(m_showLog);
    buttons->addWidget(m_close);
    layout->addLayout(buttons, 0, 1, Qt::AlignTop);
    layout->setColumnStretch(0, 1);
    connect(m_showLog, &QPushButton::clicked, this, &SandboxBanner::showLogRequested);
    connect(m_close, &QPushButton::clicked, this, &QWidget::hide);
    hide();
}

void SandboxBanner::showRunning(const QString &issuer)
{
    m_issuer = issuer;
    QPalette colours = palette();
    colours.setColor(QPalette::Window, QColor(0xe8, 0xf4, 0xfd));
    colours.setColor(QPalette::WindowText, QColor(0x0b, 0x3d, 0x61));
    setPalette(colours);
    m_text->setText(
        tr("<b>Sandbox</b> — Tokenscope's own provider, running on this computer at %1: "
           "nothing leaves it, nothing needs registering. Start a flow and sign in as "
           "<b>alice</b>, <b>bob</b> or <b>li.lei</b>, no password. Its log shows what it "
           "received and decided, beside the exchanges your client sent.")
            .arg(issuer.toHtmlEscaped()));
    m_showLog->setVisible(true);
    m_breakIt->setVisible(true);
    updateFaultsSummary();
    show();
}

void SandboxBanner::showFailed(const QString &error)
{
    m_issuer.clear();
    QPalette colours = palette();
    colours.setColor(QPalette::Window, QColor(0xfd, 0xec, 0xea));
    colours.setColor(QPalette::WindowText, QColor(0x7a, 0x1c, 0x12));
    setPalette(colours);
    m_text->setText(tr("<b>The sandbox could not start:</b> %1").arg(error.toHtmlEscaped()));
    m_showLog->setVisible(false);
    m_breakIt->setVisible(false);
    m_faultsSummary->hide();
    m_outcome->hide();
    show();
}

QString SandboxBanner::text() const
{
    return m_text->text();
}

void SandboxBanner::setFaults(const QList<SandboxLauncher::Fault> &available, const QStringList &on)
{
    m_available = available;
    m_faultsMenu->clear();
    QAction *none = m_faultsMenu->addAction(tr("All Switches Off"));
    none->setObjectName(QStringLiteral("faultsOffAction"));
    connect(none, &QAction::triggered, this, [this] {
        for (QAction *action : m_faultsMenu->actions())
            if (action->isCheckable())
                action->setChecked(false);
        updateFaultsSummary();
        emit faultsChanged({});
    });
    m_faultsMenu->addSeparator();
    for (const SandboxLauncher::Fault &fault : available) {
        QAction *action = m_faultsMenu->addAction(fault.name);
        action->setObjectName(QStringLiteral("fault_") + fault.name);
        action->setData(fault.name);
        action->setCheckable(true);
        action->setChecked(on.contains(fault.name));
        action->setToolTip(
            tr("%1\nAn attacker would gain: %2").arg(fault.description, fault.attackerGain));
        connect(action, &QAction::toggled, this, [this] {
            updateFaultsSummary();
            emit faultsChanged(faultsOn());
        });
    }
    updateFaultsSummary();
}

QStringList SandboxBanner::faultsOn() const
{
    QStringList on;
    for (const QAction *action : m_faultsMenu->actions())
        if (action->isCheckable() && action->isChecked())
            on.append(action->data().toString());
    return on;
}

void SandboxBanner::updateFaultsSummary()
{
    const QStringList on = faultsOn();
    m_outcome->hide();
    m_breakIt->setText(on.isEmpty() ? tr("Break It") : tr("Break It (%1)").arg(on.size()));
    if (on.isEmpty()) {
        m_faultsSummary->hide();
        return;
    }
    QStringList lines;
    for (const SandboxLauncher::Fault &fault : m_available)
        if (on.contains(fault.name))
            lines.append(tr("<b>%1</b>: %2")
                             .arg(fault.name.toHtmlEscaped(), fault.description.toHtmlEscaped()));
    m_faultsSummary->setText(tr("⚠ Break-it switches on — the sandbox misbehaves on purpose:") +
                             QStringLiteral("<br>") + lines.join(QStringLiteral("<br>")));
    m_faultsSummary->show();
}

void SandboxBanner::showOutcome(const QString &failedRule)
{
    const QStringList on = faultsOn();
    if (on.isEmpty()) {
        m_outcome->hide();
        return;
    }
    QStringList lines;
    for (const SandboxLauncher::Fault &fault : m_available) {
        if (!on.contains(fault.name))
            continue;
        lines.append(
            failedRule.isEmpty()
                ? tr("✘ <b>%1</b> went unnoticed: the flow completed. Had this been an attack, "
                     "the attacker would have gained: %2")
                      .arg(fault.name.toHtmlEscaped(), fault.attackerGain.toHtmlEscaped())
                : tr("✔ <b>%1</b> caught: the flow stopped at the check <b>%2</b>. Without it, "
                     "an attacker would have gained: %3")
                      .arg(fault.name.toHtmlEscaped(), failedRule.toHtmlEscaped(),
                           fault.attackerGain.toHtmlEscaped()));
    }
    m_outcome->setText(lines.join(QStringLiteral("<br>")));
    m_outcome->show();
}

QString SandboxBanner::outcome() const
{
    return m_outcome->isVisible() ? m_outcome->text() : QString();
}
