#include "BodyView.h"

#include "CodeView.h"
#include "JsonHighlighter.h"
#include "OfflineTextBrowser.h"

#include <QComboBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QStackedWidget>
#include <QVBoxLayout>

BodyView::BodyView(QWidget *parent)
    : QWidget(parent)
    , m_note(new QLabel(this))
    , m_modeBox(new QComboBox(this))
    , m_stack(new QStackedWidget(this))
    , m_text(new CodeView(this))
    , m_rendered(new OfflineTextBrowser(this))
    , m_highlighter(new JsonHighlighter(nullptr))
{
    m_highlighter->setParent(this);
    m_note->setObjectName(QStringLiteral("bodyNote"));
    m_note->setWordWrap(true);
    m_note->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_note->setForegroundRole(QPalette::PlaceholderText);
    m_note->hide();
    m_modeBox->setObjectName(QStringLiteral("bodyModeBox"));
    m_modeBox->setToolTip(tr("How to show the body"));
    m_modeBox->setSizeAdjustPolicy(QComboBox::AdjustToContents);
    m_modeBox->hide();
    m_text->setObjectName(QStringLiteral("bodyText"));
    m_rendered->setObjectName(QStringLiteral("bodyRendered"));
    m_stack->addWidget(m_text);
    m_stack->addWidget(m_rendered);

    auto *top = new QHBoxLayout;
    top->setContentsMargins(0, 0, 0, 0);
    top->addWidget(m_note, 1);
    top->addWidget(m_modeBox, 0, Qt::AlignRight | Qt::AlignTop);

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(4);
    layout->addLayout(top);
    layout->addWidget(m_stack, 1);

    connect(m_modeBox, &QComboBox::currentIndexChanged, this, &BodyView::onModeChosen);
}

void BodyView::setBody(const QByteArray &contentType, const QByteArray &body)
{
    m_body = body;
    m_presentation = BodyText::present(contentType, body);
    m_renderedIsCurrent = false;

    const QSignalBlocker blocker(m_modeBox);
    m_modeBox->clear();
    switch (m_presentation.kind) {
    case BodyText::Kind::Json:
        if (m_presentation.formatted) {
            m_modeBox->addItem(tr("Pretty"), int(Mode::Formatted));
            m_modeBox->addItem(tr("As received"), int(Mode::AsReceived));
        }
        break;
    case BodyText::Kind::Form:
        if (m_presentation.formatted) {
            m_modeBox->addItem(tr("Decoded"), int(Mode::Formatted));
            m_modeBox->addItem(tr("As received"), int(Mode::AsReceived));
        }
        break;
    case BodyText::Kind::Html:
        if (!BodyText::isLarge(body)) {
            m_modeBox->addItem(tr("Source"), int(Mode::AsReceived));
            m_modeBox->addItem(tr("Rendered"), int(Mode::Rendered));
        }
        break;
    default:
        break;
    }
    m_modeBox->setVisible(m_modeBox->count() > 1);
    m_note->setText(m_presentation.note);
    m_note->setVisible(!m_presentation.note.isEmpty() &&
                       m_presentation.kind != BodyText::Kind::Empty);
    m_text->setPlaceholderText(m_presentation.kind == BodyText::Kind::Empty ? tr("No body")
                                                                            : QString());
    display(m_modeBox->count() > 0 ? Mode(m_modeBox->itemData(0).toInt()) : Mode::Formatted);
}

void BodyView::setPlaceholder(const QString &text)
{
    clear();
    m_text->setPlaceholderText(text);
}

void BodyView::clear()
{
    m_body.clear();
    m_presentation = {};
    const QSignalBlocker blocker(m_modeBox);
    m_modeBox->clear();
    m_modeBox->hide();
    m_note->clear();
    m_note->hide();
    m_highlighter->setDocument(nullptr);
    m_text->clear();
    m_text->setPlaceholderText(QString());
    m_rendered->clear();
    m_renderedIsCurrent = false;
    m_stack->setCurrentWidget(m_text);
}

QList<BodyView::Mode> BodyView::modes() const
{
    QList<Mode> result;
    for (int i = 0; i < m_modeBox->count(); ++i)
        result.append(Mode(m_modeBox->itemData(i).toInt()));
    return result;
}

BodyView::Mode BodyView::mode() const
{
    if (m_stack->currentWidget() == m_rendered)
        return Mode::Rendered;
    return m_modeBox->count() > 0 ? Mode(m_modeBox->currentData().toInt()) : Mode::Formatted;
}

void BodyView::setMode(Mode mode)
{
    const int index = m_modeBox->findData(int(mode));
    if (index < 0)
        return;
    m_modeBox->setCurrentIndex(index); // displays it through currentIndexChanged
}

QString BodyView::text() const
{
    return m_text->toPlainText();
}

QString BodyView::note() const
{
    return m_note->isVisibleTo(this) ? m_note->text() : QString();
}

bool BodyView::isHighlighted() const
{
    return m_highlighter->document() != nullptr;
}

void BodyView::onModeChosen(int index)
{
    display(Mode(m_modeBox->itemData(index).toInt()));
}

void BodyView::display(Mode mode)
{
    if (mode == Mode::Rendered) {
        if (!m_renderedIsCurrent) {
            m_rendered->setHtml(QString::fromUtf8(m_body));
            m_renderedIsCurrent = true;
        }
        m_stack->setCurrentWidget(m_rendered);
        return;
    }
    // Detach the highlighter while the text changes: it then colours the document once.
    m_highlighter->setDocument(nullptr);
    if (mode == Mode::Formatted || m_presentation.kind == BodyText::Kind::Binary ||
        m_presentation.kind == BodyText::Kind::Empty) {
        m_text->setPlainText(m_presentation.text);
        if (m_presentation.highlight)
            m_highlighter->setDocument(m_text->document());
    } else {
        m_text->setPlainText(BodyText::displayText(m_body));
    }
    m_stack->setCurrentWidget(m_text);
}
