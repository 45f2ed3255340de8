#pragma once

#include <QByteArray>
#include <QCoreApplication>
#include <QList>
#include <QString>

namespace Tokenscope::Device {

// A QR code as a plain square of modules (libqrencode, ISO/IEC 18004), for showing a
// verification_uri_complete: the UI paints it, the CLI prints it with block characters.
class QrCode final
{
    Q_DECLARE_TR_FUNCTIONS(Tokenscope::Device::QrCode)

public:
    enum class ErrorCorrection
    {
        Low,
        Medium,
        Quartile,
        High
    };

    QrCode() = default;
    // The smallest version that holds `data` in byte mode; null (with problem()) when
    // it does not fit in version 40 or the library is not there.
    static QrCode encode(const QByteArray &data, ErrorCorrection level = ErrorCorrection::Medium);

    bool isNull() const { return m_size == 0; }
    QString problem() const { return m_problem; }
    int version() const { return m_version; } // 1 … 40
    int size() const { return m_size; }       // modules per side: 17 + 4 × version
    // true for a dark module; x is the column, y the row; outside the square: false.
    bool isDark(int x, int y) const;
    // Rows of '#' (dark) and '.' (light), for tests and logs.
    QList<QByteArray> rows() const;
    // The code with a quiet zone of `margin` modules, two rows per text line, with the
    // half-block characters ▀ ▄ █ and spaces; dark modules are drawn as spaces when
    // `invert` (for a light-on-dark terminal).
    QString toText(int margin = 2, bool invert = true) const;

private:
    int m_version = 0;
    int m_size = 0;
    QByteArray m_modules; // size × size, row by row, 1 = dark
    QString m_problem;
};

} // namespace Tokenscope::Device
