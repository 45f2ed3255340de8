#include "ProviderPanel.h"

#include "CertificateTrustBox.h"
#include "MetadataView.h"
#include "discovery/DiscoveryClient.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QVBoxLayout>

using Tokenscope::Discovery::DiscoveryClient;
using Tokenscope::Discovery::DiscoveryError;
using Tokenscope::Discovery::DiscoveryResult;

ProviderPanel::ProviderPanel(DiscoveryClient *discovery, QWidget *parent)
    : QWidget(parent)
    , m_discovery(discovery)
    , m_issuer(new QLineEdit(this))
    , m_discoverButton(new QPushButton(tr("Discover"), this))
    , m_error(new QLabel(this))
    , m_trust(new CertificateTrustBox(this))
    , m_summary(new QLabel(this))
    , m_metadata(new MetadataView(this))
{
    setObjectName(QStringLiteral("providerPanel"));

    auto *issuerLabel = new QLabel(tr("&Issuer:"), this);
    issuerLabel->setBuddy(m_issuer);
    m_issuer->setObjectName(QStringLiteral("issuerEdit"));
    m_issuer->setPlaceholderText(tr("https://accounts.example.com — an issuer, or its "
                                    ".well-known metadata URL"));
    m_issuer->setClearButtonEnabled(true);
    m_issuer->setToolTip(tr("The provider's issuer identifier. Press Enter to fetch its "
                            "OpenID Connect or OAuth 2.0 metadata."));
    m_discoverButton->setObjectName(QStringLiteral("discoverButton"));
    m_discoverButton->setToolTip(tr("Fetch the provider's metadata (OpenID Connect Discovery, "
                                    "RFC 8414)"));
    m_discoverButton->setDefault(true);

    m_error->setObjectName(QStringLiteral("errorLabel"));
    m_error->setWordWrap(true);
    m_error->setTextFormat(Qt::PlainText);
    m_error->setTextInteractionFlags(Qt::TextSelectableByMouse | Qt::TextSelectableByKeyboard);
    m_error->setStyleSheet(
        QStringLiteral("QLabel { color: #8a1c24; background: #fdecee; border: 1px solid #f1aeb5;"
                       " border-radius: 4px; padding: 6px; }"));
    m_error->hide();

    m_summary->setObjectName(QStringLiteral("summaryLabel"));
    m_summary->setWordWrap(true);
    m_summary->setTextFormat(Qt::PlainText);
    m_summary->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_summary->setText(tr("Enter an issuer and press Discover."));
    m_summary->setForegroundRole(QPalette::PlaceholderText);

    auto *row = new QHBoxLayout;
    row->addWidget(issuerLabel);
    row->addWidget(m_issuer, 1);
    row->addWidget(m_discoverButton);

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(8, 8, 8, 4);
    layout->setSpacing(6);
    layout->addLayout(row);
    layout->addWidget(m_error);
    layout->addWidget(m_trust);
    layout->addWidget(m_summary);
    layout->addWidget(m_metadata, 1);

    connect(m_discoverButton, &QPushButton::clicked, this, &ProviderPanel::discoverTyped);
    connect(m_issuer, &QLineEdit::returnPressed, this, &ProviderPanel::discoverTyped);
    connect(discovery, &DiscoveryClient::started, this, &ProviderPanel::onStarted);
    connect(discovery, &DiscoveryClient::finished, this, &ProviderPanel::onFinished);
    connect(m_trust, &CertificateTrustBox::trustRequested, this,
            &ProviderPanel::certificateTrustRequested);
}

QString ProviderPanel::issuerText() const
{
    return m_issuer->text();
}

QString ProviderPanel::errorText() const
{
    return m_error->isVisibleTo(this) ? m_error->text() : QString();
}

void ProviderPanel::discover(const QString &issuer)
{
    m_issuer->setText(issuer);
    discoverTyped();
}

void ProviderPanel::discoverTyped()
{
    if (m_discovery->isRunning())
        return;
    showError(QString());
    m_trust->hide();
    m_metadata->clear();
    setRunning(true);
    m_summary->setText(tr("Discovering…"));
    m_discovery->discover(m_issuer->text());
}

void ProviderPanel::onStarted(const QUrl &issuer)
{
    setRunning(true);
    m_summary->setText(tr("Fetching the metadata of %1…").arg(issuer.toDisplayString()));
}

void ProviderPanel::onFinished(const DiscoveryResult &result)
{
    setRunning(false);
    const auto &metadata = result.metadata;
    const bool hasMetadata = !metadata.rawDocument.isEmpty();
    if (hasMetadata)
        m_metadata->setMetadata(metadata);
    else
        m_metadata->clear();

    m_trust->showFor(result.exchanges.isEmpty() ? Tokenscope::Http::Exchange{}
                                                : result.exchanges.constLast());
    if (!result.ok()) {
        showError(describe(result.error));
        m_summary->setText(hasMetadata ? tr("Metadata from %1, not accepted (see above).")
                                             .arg(metadata.sourceUrl.toDisplayString())
                                       : QString());
        m_summary->setVisible(hasMetadata);
        return;
    }
    showError(QString());
    int warnings = 0;
    int failures = 0;
    for (const Tokenscope::Finding &finding : metadata.findings) {
        if (finding.status == Tokenscope::Finding::Status::Warn)
            ++warnings;
        else if (finding.status == Tokenscope::Finding::Status::Fail)
            ++failures;
    }
    QStringList parts{tr("Issuer %1").arg(metadata.issuer),
                      tr("metadata from %1").arg(metadata.sourceUrl.toDisplayString()),
                      tr("%n endpoint(s)", nullptr, int(metadata.endpoints.size()))};
    if (warnings > 0)
        parts.append(tr("%n warning(s)", nullptr, warnings));
    if (failures > 0)
        parts.append(tr("%n failed check(s)", nullptr, failures));
    m_summary->setText(parts.join(QStringLiteral(" · ")));
    m_summary->setForegroundRole(QPalette::WindowText);
    m_summary->show();
}

QString ProviderPanel::describe(const DiscoveryError &error)
{
    QStringList lines{error.message};
    if (error.kind == DiscoveryError::Kind::IssuerMismatch) {
        lines.append(tr("Expected issuer: %1").arg(error.expected));
        lines.append(tr("Actual issuer:   %1").arg(error.actual));
    }
    if (error.kind == DiscoveryError::Kind::MalformedJson && error.line > 0)
        lines.append(tr("At line %1, column %2.").arg(error.line).arg(error.column));
    if (!error.errorUri.isEmpty())
        lines.append(tr("More about the error: %1").arg(error.errorUri));
    return lines.join(QLatin1Char('\n'));
}

void ProviderPanel::setRunning(bool running)
{
    m_discoverButton->setEnabled(!running);
    if (running) {
        m_summary->setForegroundRole(QPalette::PlaceholderText);
        m_summary->show();
    }
}

void ProviderPanel::showError(const QString &text)
{
    m_error->setText(text);
    m_error->setVisible(!text.isEmpty());
}
