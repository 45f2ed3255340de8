#pragma once

#include <QFrame>

class QLabel;
class QPushButton;

// A strip above the panels while the Sandbox profile is in use: what the sandbox is, where
// it runs, who can sign in, and a button to its log. Or, when it could not start, why.
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

signals:
    void showLogRequested();

private:
    QLabel *m_text;
    QPushButton *m_showLog;
    QPushButton *m_close;
    QString m_issuer;
};
