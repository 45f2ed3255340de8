#pragma once

#include "device/QrCode.h"

#include <QWidget>

// Paints a QR code: dark modules on white, with the quiet zone of four modules the
// standard asks for, scaled to whole pixels per module so that a phone reads it.
class QrCodeWidget final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(QrCodeWidget)

public:
    static constexpr int QuietZone = 4; // modules

    explicit QrCodeWidget(QWidget *parent = nullptr);

    // Encodes `text`; empty clears the code.
    void setText(const QString &text);
    QString text() const { return m_text; }
    const Tokenscope::Device::QrCode &code() const { return m_code; }

    QSize sizeHint() const override;
    QSize minimumSizeHint() const override;

protected:
    void paintEvent(QPaintEvent *event) override;

private:
    QString m_text;
    Tokenscope::Device::QrCode m_code;
};
