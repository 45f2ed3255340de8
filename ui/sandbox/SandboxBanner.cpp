#include "SandboxBanner.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>
#include <QStyle>

SandboxBanner::SandboxBanner(QWidget *parent)
    : QFrame(parent)
    , m_text(new QLabel(this))
    , m_showLog(new QPushButton(tr("Show Sandbox Log"), this))
    , m_close(new QPushButton(this))
{
    setObjectName(QStringLiteral("sandboxBanner"));
    setFrameShape(QFrame::StyledPanel);
    setAutoFillBackground(true);
    m_text->setObjectName(QStringLiteral("sandboxBannerText"));
    // Wrapped to the window's width; never widens the window.
    m_text->setWordWrap(true);
    QSizePolicy policy(QSizePolicy::Ignored, QSizePolicy::Preferred);
    policy.setHeightForWidth(true);
    m_text->setSizePolicy(policy);
    m_text->setMinimumWidth(200);
    m_text->setTextFormat(Qt::RichText);
    m_text->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_showLog->setObjectName(QStringLiteral("showSandboxLogButton"));
    m_close->setObjectName(QStringLiteral("closeSandboxBannerButton"));
    m_close->setIcon(style()->standardIcon(QStyle::SP_TitleBarCloseButton));
    m_close->setFlat(true);
    m_close->setToolTip(tr("Hide this note"));
    m_close->setAccessibleName(tr("Hide the sandbox note"));

    auto *layout = new QHBoxLayout(this);
    layout->setContentsMargins(10, 6, 6, 6);
    layout->addWidget(m_text, 1);
    layout->addWidget(m_showLog);
    layout->addWidget(m_close);
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
           "nothing leaves it, nothing needs registering.<br>Start a flow and sign in as "
           "<b>alice</b>, <b>bob</b> or <b>li.lei</b>, no password. Its log shows what it "
           "received and decided, beside the exchanges your client sent.")
            .arg(issuer.toHtmlEscaped()));
    m_showLog->setVisible(true);
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
    show();
}

QString SandboxBanner::text() const
{
    return m_text->text();
}
