#include "ExchangeInspector.h"

#include "ElidingItemDelegate.h"
#include "ExchangeDetailView.h"
#include "ExchangeListModel.h"
#include "http/CurlCommand.h"
#include "http/Redactor.h"
#include "http/Transcript.h"

#include <QAction>
#include <QClipboard>
#include <QGuiApplication>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QMenu>
#include <QSplitter>
#include <QToolButton>
#include <QTreeView>
#include <QVBoxLayout>

using Tokenscope::Http::CurlCommand;
using Tokenscope::Http::Exchange;
using Tokenscope::Http::Redactor;

namespace {

QToolButton *buttonFor(QAction *action, const QString &objectName, QWidget *parent)
{
    auto *button = new QToolButton(parent);
    button->setObjectName(objectName);
    button->setDefaultAction(action);
    button->setToolButtonStyle(Qt::ToolButtonTextOnly);
    button->setAutoRaise(false);
    return button;
}

} // namespace

ExchangeInspector::ExchangeInspector(Tokenscope::Http::Transcript *transcript, QWidget *parent)
    : QWidget(parent)
    , m_transcript(transcript)
    , m_model(new ExchangeListModel(transcript, this))
    , m_list(new QTreeView(this))
    , m_detail(new ExchangeDetailView(this))
    , m_count(new QLabel(this))
    , m_copyCurl(new QAction(tr("Copy as curl"), this))
    , m_copyRaw(new QAction(tr("Copy raw"), this))
    , m_copyUrl(new QAction(tr("Copy URL"), this))
    , m_showSecrets(new QAction(tr("Show secrets"), this))
    , m_clear(new QAction(tr("Clear"), this))
{
    setObjectName(QStringLiteral("exchangeInspector"));

    m_copyCurl->setToolTip(tr("Copy the request as a curl command"));
    m_copyRaw->setToolTip(tr("Copy the raw request and response"));
    m_showSecrets->setCheckable(true);
    m_showSecrets->setToolTip(tr("Show client secrets, tokens, codes and passwords in the views "
                                 "and in what is copied. Off: they are masked as [redacted]."));
    m_clear->setToolTip(tr("Forget every exchange of this session"));
    connect(m_copyCurl, &QAction::triggered, this, &ExchangeInspector::copyAsCurl);
    connect(m_copyRaw, &QAction::triggered, this, &ExchangeInspector::copyRaw);
    connect(m_copyUrl, &QAction::triggered, this, &ExchangeInspector::copyUrl);
    connect(m_showSecrets, &QAction::toggled, this, &ExchangeInspector::setShowSecrets);
    connect(m_clear, &QAction::triggered, transcript, &Tokenscope::Http::Transcript::clear);

    m_list->setObjectName(QStringLiteral("exchangeList"));
    m_list->setModel(m_model);
    m_list->setRootIsDecorated(false);
    m_list->setUniformRowHeights(true);
    m_list->setAlternatingRowColors(true);
    m_list->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_list->setSelectionMode(QAbstractItemView::SingleSelection);
    m_list->setAllColumnsShowFocus(true);
    m_list->setContextMenuPolicy(Qt::CustomContextMenu);
    m_list->setTextElideMode(Qt::ElideRight);
    m_list->setItemDelegateForColumn(ExchangeListModel::Url,
                                     new ElidingItemDelegate(Qt::ElideMiddle, m_list));
    QHeaderView *header = m_list->header();
    header->setStretchLastSection(true);
    header->setSectionResizeMode(QHeaderView::Interactive);
    header->setTextElideMode(Qt::ElideRight);
    const int em = m_list->fontMetrics().horizontalAdvance(QLatin1Char('M'));
    const auto fit = [header](int column, int minimum) {
        header->resizeSection(column, std::max(minimum, header->sectionSizeHint(column)));
    };
    fit(ExchangeListModel::Number, em * 2);
    fit(ExchangeListModel::Method, em * 4);
    fit(ExchangeListModel::Url, em * 16);
    fit(ExchangeListModel::Status, em * 7);
    fit(ExchangeListModel::Time, em * 4);
    fit(ExchangeListModel::Size, em * 6);

    auto *splitter = new QSplitter(Qt::Horizontal, this);
    splitter->setObjectName(QStringLiteral("inspectorSplitter"));
    splitter->setChildrenCollapsible(false);
    splitter->addWidget(m_list);
    splitter->addWidget(m_detail);
    splitter->setStretchFactor(0, 2);
    splitter->setStretchFactor(1, 3);
    splitter->setSizes({2000, 3000}); // 2:3 of whatever width the dock gets

    auto *bar = new QHBoxLayout;
    bar->setContentsMargins(0, 0, 0, 0);
    bar->addWidget(buttonFor(m_copyCurl, QStringLiteral("copyCurlButton"), this));
    bar->addWidget(buttonFor(m_copyRaw, QStringLiteral("copyRawButton"), this));
    bar->addWidget(buttonFor(m_showSecrets, QStringLiteral("showSecretsToggle"), this));
    bar->addStretch(1);
    m_count->setObjectName(QStringLiteral("exchangeCount"));
    m_count->setForegroundRole(QPalette::PlaceholderText);
    bar->addWidget(m_count);
    bar->addWidget(buttonFor(m_clear, QStringLiteral("clearButton"), this));

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(4, 4, 4, 4);
    layout->setSpacing(4);
    layout->addLayout(bar);
    layout->addWidget(splitter, 1);

    connect(m_model, &QAbstractItemModel::rowsInserted, this,
            [this](const QModelIndex &, int first, int last) { onRowsInserted(first, last); });
    connect(m_model, &QAbstractItemModel::dataChanged, this,
            [this](const QModelIndex &topLeft, const QModelIndex &bottomRight) {
                onDataChanged(topLeft.row(), bottomRight.row());
            });
    connect(m_model, &QAbstractItemModel::modelReset, this, [this] {
        m_detail->clear();
        updateActions();
        updateCount();
    });
    connect(m_list->selectionModel(), &QItemSelectionModel::currentRowChanged, this,
            &ExchangeInspector::onCurrentChanged);
    connect(m_list, &QWidget::customContextMenuRequested, this, &ExchangeInspector::onContextMenu);

    updateActions();
    updateCount();
    if (m_model->rowCount() > 0)
        selectRow(m_model->rowCount() - 1);
}

int ExchangeInspector::currentRow() const
{
    const QModelIndex current = m_list->selectionModel()->currentIndex();
    return current.isValid() ? current.row() : -1;
}

void ExchangeInspector::selectRow(int row)
{
    if (row < 0 || row >= m_model->rowCount())
        return;
    m_list->selectionModel()->setCurrentIndex(
        m_model->index(row, 0), QItemSelectionModel::ClearAndSelect | QItemSelectionModel::Rows);
    m_list->scrollTo(m_model->index(row, 0));
}

bool ExchangeInspector::showsSecrets() const
{
    return m_showSecrets->isChecked();
}

void ExchangeInspector::setShowSecrets(bool show)
{
    if (m_showSecrets->isChecked() != show) {
        m_showSecrets->setChecked(show); // comes back here through toggled()
        return;
    }
    m_model->setShowSecrets(show);
    refreshDetail();
}

Exchange ExchangeInspector::shown(int row) const
{
    const Exchange &exchange = m_model->exchangeAt(row);
    return showsSecrets() ? exchange : Redactor::redact(exchange);
}

void ExchangeInspector::copyAsCurl()
{
    const int row = currentRow();
    if (row < 0)
        return;
    const CurlCommand::Secrets secrets =
        showsSecrets() ? CurlCommand::Secrets::Show : CurlCommand::Secrets::Hide;
    QGuiApplication::clipboard()->setText(CurlCommand::render(m_model->exchangeAt(row), secrets));
    emit statusMessage(showsSecrets() ? tr("Copied the request as a curl command")
                                      : tr("Copied the request as a curl command, secrets "
                                           "masked"));
}

void ExchangeInspector::copyRaw()
{
    const int row = currentRow();
    if (row < 0)
        return;
    const Exchange exchange = shown(row);
    QByteArray text = exchange.rawRequest();
    if (exchange.hasResponse)
        text += QByteArrayLiteral("\r\n\r\n") + exchange.rawResponse();
    QGuiApplication::clipboard()->setText(QString::fromUtf8(text));
    emit statusMessage(tr("Copied the raw request and response"));
}

void ExchangeInspector::copyUrl()
{
    const int row = currentRow();
    if (row < 0)
        return;
    QGuiApplication::clipboard()->setText(shown(row).url.toString(QUrl::FullyEncoded));
    emit statusMessage(tr("Copied the URL"));
}

void ExchangeInspector::onRowsInserted(int first, int last)
{
    Q_UNUSED(first)
    updateCount();
    // Follow the newest exchange unless the user is looking at an older one.
    const int current = currentRow();
    if (current < 0 || current == first - 1)
        selectRow(last);
}

void ExchangeInspector::onDataChanged(int firstRow, int lastRow)
{
    const int current = currentRow();
    if (current >= firstRow && current <= lastRow)
        refreshDetail();
}

void ExchangeInspector::onCurrentChanged()
{
    refreshDetail();
}

void ExchangeInspector::onContextMenu(const QPoint &position)
{
    if (!m_list->indexAt(position).isValid())
        return;
    QMenu menu(this);
    menu.addAction(m_copyCurl);
    menu.addAction(m_copyRaw);
    menu.addAction(m_copyUrl);
    menu.addSeparator();
    menu.addAction(m_showSecrets);
    menu.exec(m_list->viewport()->mapToGlobal(position));
}

void ExchangeInspector::refreshDetail()
{
    const int row = currentRow();
    if (row < 0) {
        m_detail->clear();
    } else {
        m_detail->setExchange(shown(row));
    }
    updateActions();
}

void ExchangeInspector::updateActions()
{
    const bool selected = currentRow() >= 0;
    m_copyCurl->setEnabled(selected);
    m_copyRaw->setEnabled(selected);
    m_copyUrl->setEnabled(selected);
    m_clear->setEnabled(m_model->rowCount() > 0);
}

void ExchangeInspector::updateCount()
{
    m_count->setText(tr("%n exchange(s)", nullptr, m_model->rowCount()));
    m_clear->setEnabled(m_model->rowCount() > 0);
}
