#include "QrCodeWidget.h"

#include <QPainter>

QrCodeWidget::QrCodeWidget(QWidget *parent)
    : QWidget(parent)
{
    setSizePolicy(QSizePolicy::Fixed, QSizePolicy::Fixed);
}

void QrCodeWidget::setText(const QString &text)
{
    m_text = text;
    m_code = text.isEmpty() ? Tokenscope::Device::QrCode()
                            : Tokenscope::Device::QrCode::encode(text.toUtf8());
    setToolTip(m_code.isNull() ? m_code.problem() : text);
    updateGeometry();
    update();
}

QSize QrCodeWidget::sizeHint() const
{
    if (m_code.isNull())
        return {0, 0};
    const int modules = m_code.size() + 2 * QuietZone;
    const int pixels = qMax(3, 220 / modules) * modules;
    return {pixels, pixels};
}

QSize QrCodeWidget::minimumSizeHint() const
{
    return sizeHint();
}

void QrCodeWidget::paintEvent(QPaintEvent *event)
{
    Q_UNUSED(event);
    if (m_code.isNull())
        return;
    QPainter painter(this);
    const int modules = m_code.size() + 2 * QuietZone;
    const int scale = qMax(1, qMin(width(), height()) / modules);
    const int side = scale * modules;
    const int left = (width() - side) / 2;
    const int top = (height() - side) / 2;
    painter.fillRect(left, top, side, side, Qt::white);
    for (int y = 0; y < m_code.size(); ++y) {
        for (int x = 0; x < m_code.size(); ++x) {
            if (m_code.isDark(x, y))
                painter.fillRect(left + (x + QuietZone) * scale, top + (y + QuietZone) * scale,
                                 scale, scale, Qt::black);
        }
    }
}
