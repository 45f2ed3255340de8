#pragma once

#include "endpoints/EndpointResult.h"

#include <QWidget>

class ExchangeDetailView;
class FindingsView;
class QLabel;
class QTableWidget;
class QTabWidget;

// What an endpoint answered: a one-line status, the claims or members of the answer as a
// table, the checks made, and the raw exchange (secrets masked unless asked for).
class EndpointResultView final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(EndpointResultView)

public:
    // prefix: the object names of the parts are prefix + "Status", "Claims", "Checks",
    // "Exchange".
    explicit EndpointResultView(const QString &prefix, QWidget *parent = nullptr);

    void showBusy(const QString &text);
    // headline: what success means here ("Active", "Revoked"…); an error replaces it.
    void showResult(const Tokenscope::Endpoints::EndpointResult &result, const QString &headline,
                    const QJsonObject &claims);
    void showMessage(const QString &text, bool failure);
    void setSecretsShown(bool shown);

    QString statusText() const;
    QTableWidget *claimsTable() const { return m_claims; }
    FindingsView *findingsView() const { return m_findings; }
    ExchangeDetailView *exchangeView() const { return m_exchange; }
    // The claim's value as shown; empty when absent.
    QString claim(const QString &name) const;

    static QString errorText(const Tokenscope::Endpoints::EndpointError &error);

private:
    void showExchange();

    QLabel *m_status;
    QTabWidget *m_tabs;
    QTableWidget *m_claims;
    FindingsView *m_findings;
    ExchangeDetailView *m_exchange;
    QList<Tokenscope::Http::Exchange> m_exchanges;
    bool m_secretsShown = false;
};
