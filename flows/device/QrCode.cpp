#include "QrCode.h"

#ifdef TOKENSCOPE_HAVE_QRENCODE
#include <qrencode.h>
#endif

#include <cerrno>
#include <memory>

namespace Tokenscope::Device {

QrCode QrCode::encode(const QByteArray &data, ErrorCorrection level)
{
    QrCode code;
#ifdef TOKENSCOPE_HAVE_QRENCODE
    QRecLevel ec = QR_ECLEVEL_M;
    switch (level) {
    case ErrorCorrection::Low:
        ec = QR_ECLEVEL_L;
        break;
    case ErrorCorrection::Medium:
        ec = QR_ECLEVEL_M;
        break;
    case ErrorCorrection::Quartile:
        ec = QR_ECLEVEL_Q;
        break;
    case ErrorCorrection::High:
        ec = QR_ECLEVEL_H;
        break;
    }
    if (data.isEmpty()) {
        code.m_problem = tr("There is nothing to encode");
        return code;
    }
    errno = 0;
    const std::unique_ptr<QRcode, decltype(&QRcode_free)> qr(
        QRcode_encodeData(int(data.size()),
                          reinterpret_cast<const unsigned char *>(data.constData()), 0, ec),
        &QRcode_free);
    if (!qr) {
        code.m_problem = errno == ERANGE
                             ? tr("%n bytes do not fit in a QR code", nullptr, int(data.size()))
                             : tr("The QR code could not be made");
        return code;
    }
    code.m_version = qr->version;
    code.m_size = qr->width;
    code.m_modules.resize(qsizetype(qr->width) * qr->width);
    for (qsizetype i = 0; i < code.m_modules.size(); ++i)
        code.m_modules[i] = char(qr->data[i] & 1);
#else
    Q_UNUSED(data)
    Q_UNUSED(level)
    code.m_problem = tr("This build has no QR code support (libqrencode)");
#endif
    return code;
}

bool QrCode::isDark(int x, int y) const
{
    if (x < 0 || y < 0 || x >= m_size || y >= m_size)
        return false;
    return m_modules.at(qsizetype(y) * m_size + x) != 0;
}

QList<QByteArray> QrCode::rows() const
{
    QList<QByteArray> rows;
    for (int y = 0; y < m_size; ++y) {
        QByteArray row(m_size, '.');
        for (int x = 0; x < m_size; ++x) {
            if (isDark(x, y))
                row[x] = '#';
        }
        rows.append(row);
    }
    return rows;
}

QString QrCode::toText(int margin, bool invert) const
{
    if (isNull())
        return {};
    margin = qMax(0, margin);
    const int from = -margin;
    const int to = m_size + margin;
    // A "set" cell is drawn with ink: dark modules, or light ones when inverted.
    const auto ink = [this, invert](int x, int y) {
        return isDark(x, y) != invert;
    };
    QString text;
    for (int y = from; y < to; y += 2) {
        for (int x = from; x < to; ++x) {
            const bool top = ink(x, y);
            const bool bottom = y + 1 < to && ink(x, y + 1);
            if (top && bottom)
                text += QChar(0x2588); // █
            else if (top)
                text += QChar(0x2580); // ▀
            else if (bottom)
                text += QChar(0x2584); // ▄
            else
                text += QLatin1Char(' ');
        }
        text += QLatin1Char('\n');
    }
    return text;
}

} // namespace Tokenscope::Device
