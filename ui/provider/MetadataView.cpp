#include "MetadataView.h"

#include "common/BodyText.h"
#include "common/CodeView.h"
#include "common/FindingsView.h"
#include "common/JsonHighlighter.h"
#include "discovery/ProviderMetadata.h"

#include <QApplication>
#include <QFontDatabase>
#include <QHeaderView>
#include <QStyle>
#include <QTableWidget>
#include <QTreeWidget>

using Tokenscope::Discovery::ProviderMetadata;

namespace {

QTableWidget *makeTable(const QStringList &headers, QWidget *parent)
{
    auto *table = new QTableWidget(0, int(headers.size()), parent);
    table->setHorizontalHeaderLabels(headers);
    table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    table->setSelectionBehavior(QAbstractItemView::SelectRows);
    table->setAlternatingRowColors(true);
    table->setWordWrap(false);
    table->verticalHeader()->hide();
    table->verticalHeader()->setSectionResizeMode(QHeaderView::Fixed);
    table->verticalHeader()->setDefaultSectionSize(table->fontMetrics().height() + 6);
    table->horizontalHeader()->setStretchLastSection(true);
    table->horizontalHeader()->setHighlightSections(false);
    return table;
}

QTableWidgetItem *item(const QString &text, bool fixed = false)
{
    auto *cell = new QTableWidgetItem(text);
    cell->setToolTip(text);
    if (fixed)
        cell->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    return cell;
}

} // namespace

MetadataView::MetadataView(QWidget *parent)
    : QTabWidget(parent)
    , m_endpoints(makeTable({tr("Member"), tr("URL")}, this))
    , m_capabilities(makeTable({tr("Member"), tr("Values"), tr("Source")}, this))
    , m_findings(new FindingsView(this))
    , m_raw(new CodeView(this))
    , m_highlighter(new JsonHighlighter(nullptr))
{
    setObjectName(QStringLiteral("metadataTabs"));
    m_highlighter->setParent(this);
    m_endpoints->setObjectName(QStringLiteral("endpointsView"));
    m_capabilities->setObjectName(QStringLiteral("capabilitiesView"));
    m_findings->setObjectName(QStringLiteral("findingsView"));
    m_raw->setObjectName(QStringLiteral("rawDocumentView"));

    const int em = fontMetrics().horizontalAdvance(QLatin1Char('M'));
    m_endpoints->setColumnWidth(0, em * 20);
    m_capabilities->setColumnWidth(0, em * 22);
    m_capabilities->setColumnWidth(1, em * 34);
    m_capabilities->horizontalHeader()->setStretchLastSection(false);
    m_capabilities->horizontalHeader()->setSectionResizeMode(1, QHeaderView::Stretch);
    m_capabilities->setColumnWidth(2, em * 10);

    addTab(m_endpoints, QString());
    addTab(m_capabilities, QString());
    addTab(m_findings, QString());
    addTab(m_raw, tr("Raw document"));
    updateTitles();
}

void MetadataView::setMetadata(const ProviderMetadata &metadata)
{
    fillEndpoints(metadata);
    fillCapabilities(metadata);
    fillFindings(metadata);
    fillRaw(metadata);
    updateTitles();
}

void MetadataView::clear()
{
    m_endpoints->setRowCount(0);
    m_capabilities->setRowCount(0);
    m_findings->clear();
    m_highlighter->setDocument(nullptr);
    m_raw->clear();
    updateTitles();
}

void MetadataView::fillEndpoints(const ProviderMetadata &metadata)
{
    m_endpoints->setRowCount(int(metadata.endpoints.size()));
    int row = 0;
    for (const ProviderMetadata::Endpoint &endpoint : metadata.endpoints) {
        m_endpoints->setItem(row, 0, item(endpoint.key, true));
        m_endpoints->setItem(row, 1, item(endpoint.url.toDisplayString()));
        ++row;
    }
    m_endpoints->resizeColumnToContents(0);
}

void MetadataView::fillCapabilities(const ProviderMetadata &metadata)
{
    m_capabilities->setRowCount(int(metadata.capabilities.size()));
    int row = 0;
    for (const ProviderMetadata::Capability &capability : metadata.capabilities) {
        m_capabilities->setItem(row, 0, item(capability.key, true));
        QTableWidgetItem *values =
            item(capability.values.isEmpty() ? tr("(none)")
                                             : capability.values.join(QStringLiteral(", ")));
        QTableWidgetItem *source = item(capability.advertised ? tr("advertised") : tr("default"));
        if (!capability.advertised) {
            source->setToolTip(tr("Not in the document: the value is the specification's "
                                  "default"));
            for (QTableWidgetItem *cell : {values, source}) {
                QFont font = cell->font();
                font.setItalic(true);
                cell->setFont(font);
                cell->setForeground(palette().brush(QPalette::PlaceholderText));
            }
        }
        m_capabilities->setItem(row, 1, values);
        m_capabilities->setItem(row, 2, source);
        ++row;
    }
    m_capabilities->resizeColumnToContents(0);
}

void MetadataView::fillFindings(const ProviderMetadata &metadata)
{
    m_findings->setFindings(metadata.findings);
}

void MetadataView::fillRaw(const ProviderMetadata &metadata)
{
    m_highlighter->setDocument(nullptr);
    const BodyText::Presentation shown =
        BodyText::present(QByteArrayLiteral("application/json"), metadata.rawDocument);
    m_raw->setPlainText(shown.text);
    if (shown.highlight)
        m_highlighter->setDocument(m_raw->document());
}

void MetadataView::updateTitles()
{
    setTabText(indexOf(m_endpoints), tr("Endpoints (%1)").arg(m_endpoints->rowCount()));
    setTabText(indexOf(m_capabilities), tr("Capabilities (%1)").arg(m_capabilities->rowCount()));
    setTabText(indexOf(m_findings), tr("Findings (%1)").arg(m_findings->topLevelItemCount()));
}
