#pragma once

#include <QTabWidget>

namespace Tokenscope::Discovery {
struct ProviderMetadata;
}

class CodeView;
class JsonHighlighter;
class QTableWidget;
class FindingsView;

// A provider's metadata in four tabs: its endpoints, its capabilities (lists the
// provider advertises, and the spec's defaults for those it leaves out, marked so), the
// findings of the checks on the document, and the raw document, pretty-printed.
class MetadataView final : public QTabWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(MetadataView)

public:
    explicit MetadataView(QWidget *parent = nullptr);

    void setMetadata(const Tokenscope::Discovery::ProviderMetadata &metadata);
    void clear();

    QTableWidget *endpointsView() const { return m_endpoints; }
    QTableWidget *capabilitiesView() const { return m_capabilities; }
    FindingsView *findingsView() const { return m_findings; }
    CodeView *rawDocumentView() const { return m_raw; }

private:
    void fillEndpoints(const Tokenscope::Discovery::ProviderMetadata &metadata);
    void fillCapabilities(const Tokenscope::Discovery::ProviderMetadata &metadata);
    void fillFindings(const Tokenscope::Discovery::ProviderMetadata &metadata);
    void fillRaw(const Tokenscope::Discovery::ProviderMetadata &metadata);
    void updateTitles();

    QTableWidget *m_endpoints;
    QTableWidget *m_capabilities;
    FindingsView *m_findings;
    CodeView *m_raw;
    JsonHighlighter *m_highlighter;
};
