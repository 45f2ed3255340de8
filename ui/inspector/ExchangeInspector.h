#pragma once

#include <QWidget>

namespace Tokenscope::Http {
class Transcript;
struct Exchange;
} // namespace Tokenscope::Http

class ExchangeDetailView;
class ExchangeListModel;
class QAction;
class QLabel;
class QTreeView;

// Every exchange of the session, live, and the selected one in full. Secrets are masked
// in every view and copy until "Show secrets" is checked. While the newest row (or no
// row) is selected, the selection follows new exchanges.
class ExchangeInspector final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ExchangeInspector)

public:
    explicit ExchangeInspector(Tokenscope::Http::Transcript *transcript, QWidget *parent = nullptr);

    ExchangeListModel *model() const { return m_model; }
    QTreeView *list() const { return m_list; }
    ExchangeDetailView *detail() const { return m_detail; }
    int currentRow() const;
    void selectRow(int row);
    bool showsSecrets() const;

signals:
    void statusMessage(const QString &message);

public slots:
    void copyAsCurl();
    void copyRaw();
    void copyUrl();
    void setShowSecrets(bool show);

private:
    void onRowsInserted(int first, int last);
    void onDataChanged(int firstRow, int lastRow);
    void onCurrentChanged();
    void onContextMenu(const QPoint &position);
    void refreshDetail();
    void updateActions();
    void updateCount();
    Tokenscope::Http::Exchange shown(int row) const;

    Tokenscope::Http::Transcript *m_transcript;
    ExchangeListModel *m_model;
    QTreeView *m_list;
    ExchangeDetailView *m_detail;
    QLabel *m_count;
    QAction *m_copyCurl;
    QAction *m_copyRaw;
    QAction *m_copyUrl;
    QAction *m_showSecrets;
    QAction *m_clear;
};
