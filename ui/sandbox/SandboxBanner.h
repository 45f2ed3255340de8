#pragma once

#include "SandboxLauncher.h"

#include <QFrame>

class QLabel;
class QMenu;
class QPushButton;
class QToolButton;

// A strip above the panels while the Sandbox profile is in use: what the sandbox is, where
// it runs, who can sign in, a button to its log, and its break-it switches (deliberate
// mistakes for a run, each with what an attacker would gain). Or, when it could not start,
// why.
class SandboxBanner final : public QFrame
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(SandboxBanner)

public:
    explicit SandboxBanner(QWidget *parent = nullptr);

    void showRunning(const QString &issuer);
    void showFailed(const QString &error);
    QString text() const;
    // Where the sandbox runs, as last shown; empty when it failed or was never shown.
    QString issuer() const { return m_issuer; }

    // The switches offered in the Break It menu and those on.
    void setFaults(const QList<SandboxLauncher::Fault> &available, const QStringList &on);
    QStringList faultsOn() const;
    QMenu *faultsMenu() const { return m_faultsMenu; }
    // After a run with switches on: what the client did about them. `failedRule` is the
    // check that stopped the flow, empty when it went through.
    void showOutcome(const QString &failedRule);
    QString outcome() const;

signals:
    void showLogRequested();
    void faultsChanged(const QStringList &on);

private:
    void updateFaultsSummary();

    QLabel *m_text;
    QLabel *m_faultsSummary;
    QLabel *m_outcome;
    QToolButton *m_breakIt;
    QMenu *m_faultsMenu;
    QPushButton *m_showLog;
    QPushButton *m_close;
    QString m_issuer;
    QList<SandboxLauncher::Fault> m_available;
};
