#pragma once

#include <QTextBrowser>

// Renders an HTML page (an error page a provider answered with) without fetching or
// reading anything: images, style sheets and every other resource load as nothing, and
// links are neither followed nor opened.
class OfflineTextBrowser final : public QTextBrowser
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(OfflineTextBrowser)

public:
    explicit OfflineTextBrowser(QWidget *parent = nullptr);

    QVariant loadResource(int type, const QUrl &name) override;
};
