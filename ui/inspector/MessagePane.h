#pragma once

#include "http/Exchange.h"

#include <QSet>
#include <QTabWidget>

class BodyView;
class CodeView;
class HeadersView;
class TlsView;

// One side of an exchange, request or response, in tabs: Headers (start line and
// fields), Body (formatted), Raw (the message as on the wire) and, for https responses,
// TLS. Only the visible tab is filled; the others when they are opened, so a large
// body costs nothing until it is looked at.
class MessagePane final : public QTabWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(MessagePane)

public:
    enum class Side
    {
        Request,
        Response
    };

    explicit MessagePane(Side side, QWidget *parent = nullptr);

    // The exchange as it is to be shown (already masked when secrets are hidden).
    void setExchange(const Tokenscope::Http::Exchange &exchange);
    void clear();

    HeadersView *headersView() const { return m_headers; }
    BodyView *bodyView() const { return m_body; }
    CodeView *rawView() const { return m_raw; }
    TlsView *tlsView() const { return m_tls; }

private:
    void onCurrentChanged(int index);
    void fill(QWidget *tab);
    void fillHeaders();
    void fillBody();
    void fillRaw();
    void updateTitles();
    QString missingResponseText() const;

    Side m_side;
    HeadersView *m_headers;
    BodyView *m_body;
    CodeView *m_raw;
    TlsView *m_tls = nullptr;
    Tokenscope::Http::Exchange m_exchange;
    QSet<QWidget *> m_stale;
};
