#include "TlsView.h"

#include <QHeaderView>
#include <QLocale>

namespace {

QTreeWidgetItem *addRow(QTreeWidgetItem *parent, const QString &name, const QString &value)
{
    auto *item = new QTreeWidgetItem(parent, {name, value});
    item->setToolTip(1, value);
    return item;
}

QString dateText(const QDateTime &time)
{
    return time.isValid() ? QLocale().toString(time.toLocalTime(), QLocale::ShortFormat)
                          : QString();
}

} // namespace

TlsView::TlsView(QWidget *parent)
    : QTreeWidget(parent)
{
    setColumnCount(2);
    setHeaderLabels({tr("Field"), tr("Value")});
    setRootIsDecorated(true);
    setAlternatingRowColors(true);
    setUniformRowHeights(true);
    header()->setStretchLastSection(true);
    setColumnWidth(0, fontMetrics().horizontalAdvance(QLatin1Char('M')) * 14);
}

void TlsView::setTls(const Tokenscope::Http::TlsInfo &tls)
{
    clear();
    if (tls.isEmpty()) {
        addTopLevelItem(new QTreeWidgetItem({tr("TLS"), tr("No TLS details were recorded")}));
        return;
    }
    auto *session = new QTreeWidgetItem({tr("Session"), QString()});
    addTopLevelItem(session);
    addRow(session, tr("Protocol"), tls.protocol);
    addRow(session, tr("Cipher"), tls.cipher);
    if (tls.trustedByOverride)
        addRow(session, tr("Trust"), tr("Accepted once by the user despite errors"));
    if (!tls.caFile.isEmpty())
        addRow(session, tr("Extra CA file"), tls.caFile);

    if (!tls.errors.isEmpty()) {
        auto *errors = new QTreeWidgetItem({tr("Errors"), QString::number(tls.errors.size())});
        errors->setForeground(0, QColor(0xb3, 0x1d, 0x28));
        addTopLevelItem(errors);
        for (const QString &error : tls.errors) {
            QTreeWidgetItem *row = addRow(errors, QString(), error);
            row->setForeground(1, QColor(0xb3, 0x1d, 0x28));
        }
    }

    auto *chain = new QTreeWidgetItem(
        {tr("Certificate chain"), tr("%n certificate(s)", nullptr, int(tls.peerChain.size()))});
    addTopLevelItem(chain);
    int position = 0;
    for (const Tokenscope::Http::CertificateSummary &certificate : tls.peerChain) {
        auto *item = addRow(chain, tr("#%1").arg(position++), certificate.subject);
        addRow(item, tr("Subject"), certificate.subject);
        addRow(item, tr("Issuer"), certificate.issuer);
        if (!certificate.subjectAltNames.isEmpty())
            addRow(item, tr("Alternative names"),
                   certificate.subjectAltNames.join(QStringLiteral(", ")));
        addRow(item, tr("Valid from"), dateText(certificate.notBefore));
        addRow(item, tr("Valid until"), dateText(certificate.notAfter));
        addRow(item, tr("Serial number"), certificate.serialNumber);
        addRow(item, tr("SHA-256"), certificate.sha256Fingerprint);
        if (certificate.selfSigned)
            addRow(item, tr("Self-signed"), tr("yes"));
    }
    expandAll();
}
