// The Device and CIBA tabs in the main window against the real provider (oidc-provider on
// 127.0.0.1): the device panel shows the user code large with a QR code of
// verification_uri_complete and polls while a headless user approves on "another device"
// over HTTP; the tokens land in the panel and in the session's list. Cancel stops the
// polls; the open buttons go to the system browser seam and to the embedded browser. CIBA
// in poll mode: the provider's "device" approves ciba-approve… users. With
// TOKENSCOPE_SCREENSHOT_DIR set, it saves docs/screenshot-device-*.png there. Its own
// main(): the main window holds WebEngine.
#include "../Screenshot.h"
#include "../UiSession.h"
#include "browser/EmbeddedBrowser.h"
#include "browser/SystemBrowser.h"
#include "ciba/CibaFlowPanel.h"
#include "device/DeviceFlowPanel.h"
#include "device/QrCodeWidget.h"
#include "grants/ClientFields.h"
#include "mainwindow/MainWindow.h"
#include "provider/ProviderPanel.h"
#include "session/SessionTokens.h"
#include "support/DeviceApprover.h"
#include "tokens/TokenTable.h"

#include <QApplication>
#include <QClipboard>
#include <QComboBox>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSignalSpy>
#include <QTabWidget>
#include <QTreeWidget>
#include <QWebEngineView>

using namespace Tokenscope;
using Tokenscope::Device::DeviceFlow;

class TestDeviceFlowPanel final : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void init();
    void cleanup();

    void userApprovesWhileThePanelPolls();
    void qrCodeEncodesTheCompleteUriWithAQuietZone();
    void cancelStopsPolling();
    void openButtonsUseTheBrowsers();
    void cibaApprovedOnTheUsersDevice();

private:
    void setText(QWidget *panel, const char *editName, const QString &text);
    void startDeviceFlow();

    QString m_issuer;
    std::unique_ptr<UiSession> m_session;
    std::unique_ptr<MainWindow> m_window;
    DeviceFlowPanel *m_panel = nullptr;
};

void TestDeviceFlowPanel::initTestCase()
{
    m_issuer = qEnvironmentVariable("TOKENSCOPE_INTEROP_ISSUER");
    QVERIFY2(!m_issuer.isEmpty(), "TOKENSCOPE_INTEROP_ISSUER is set by the CTest fixture");
}

void TestDeviceFlowPanel::init()
{
    m_session = std::make_unique<UiSession>();
    m_window =
        std::make_unique<MainWindow>(&m_session->http, &m_session->discovery, m_session->random);
    m_window->resize(1500, 900);
    m_window->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_window.get()));
    m_panel = m_window->deviceFlowPanel();
    QVERIFY(m_panel);
    m_window->panels()->setCurrentWidget(m_panel);
    QCOMPARE(m_window->panels()->tabText(m_window->panels()->currentIndex()),
             QStringLiteral("Device"));
    m_window->providerPanel()->discover(m_issuer);
    auto *endpoint = childNamed<QLineEdit>(m_panel, "deviceAuthorizationEndpointEdit");
    QTRY_VERIFY_WITH_TIMEOUT(endpoint->text().startsWith(m_issuer), 20'000);
}

void TestDeviceFlowPanel::cleanup()
{
    Browser::SystemBrowser::setOpener({});
    m_window.reset();
    m_session.reset();
}

void TestDeviceFlowPanel::setText(QWidget *panel, const char *editName, const QString &text)
{
    auto *edit = childNamed<QLineEdit>(panel, editName);
    QVERIFY(edit);
    edit->clear();
    QTest::keyClicks(edit, text);
}

void TestDeviceFlowPanel::startDeviceFlow()
{
    setText(m_panel, "deviceClientIdEdit", QStringLiteral("tokenscope-device"));
    setText(m_panel, "deviceScopeEdit", QStringLiteral("openid profile"));
    QVERIFY2(m_panel->problem().isEmpty(), qPrintable(m_panel->problem()));
    QTest::mouseClick(childNamed<QPushButton>(m_panel, "deviceStartButton"), Qt::LeftButton);
    auto *code = childNamed<QLabel>(m_panel, "userCodeLabel");
    QTRY_VERIFY_WITH_TIMEOUT(!code->text().isEmpty(), 20'000);
}

void TestDeviceFlowPanel::userApprovesWhileThePanelPolls()
{
    startDeviceFlow();
    const Device::DeviceAuthorization authorization = m_panel->flow()->result().authorization;
    auto *code = childNamed<QLabel>(m_panel, "userCodeLabel");
    QCOMPARE(code->text(), authorization.userCode);
    // Large: well above the body text.
    QVERIFY(code->font().pointSizeF() >= 2 * m_panel->font().pointSizeF());
    QVERIFY(code->textInteractionFlags() & Qt::TextSelectableByMouse);
    QTest::mouseClick(childNamed<QPushButton>(m_panel, "copyUserCodeButton"), Qt::LeftButton);
    QCOMPARE(QApplication::clipboard()->text(), authorization.userCode);
    QVERIFY(childNamed<QLabel>(m_panel, "verificationUriLabel")
                ->text()
                .contains(authorization.verificationUri.toString()));
    QTRY_VERIFY_WITH_TIMEOUT(
        childNamed<QLabel>(m_panel, "deviceExpiryLabel")->text().contains(QStringLiteral("in ")),
        3'000);
    saveScreenshot(m_window.get(), QStringLiteral("screenshot-device-1-user-code.png"));

    // The user on their phone, while the panel polls.
    QSignalSpy finished(m_panel->flow(), &DeviceFlow::finished);
    QSignalSpy polled(m_panel->flow(), &DeviceFlow::polled);
    Testing::DeviceApprover user;
    QVERIFY2(user.run(authorization.verificationUriComplete), qPrintable(user.log()));
    QVERIFY(!finished.isEmpty() || finished.wait(30'000));
    const Device::DeviceFlowResult &result = m_panel->flow()->result();
    QVERIFY2(result.ok(), qPrintable(result.error.message));
    QVERIFY(result.polls >= 1);

    auto *tokens = childNamed<TokenTable>(m_panel, "deviceTokenTable");
    QVERIFY(tokens->topLevelItemCount() >= 2); // access token and ID token
    const SessionTokens::Entry *entry =
        m_window->sessionTokens()->latest(SessionTokens::Kind::AccessToken);
    QVERIFY(entry);
    QCOMPARE(entry->value, result.tokens.accessToken);
    QCOMPARE(entry->source, QStringLiteral("Device flow"));
    QVERIFY(m_window->sessionTokens()->latest(SessionTokens::Kind::IdToken));
    QVERIFY(m_panel->statusText().startsWith(QStringLiteral("Done")));
    // The polls are one line with their count, never one line each.
    QVERIFY2(m_panel->pollText().contains(QStringLiteral("Polled %1 time").arg(result.polls)),
             qPrintable(m_panel->pollText()));
    auto *exchanges = childNamed<QTreeWidget>(m_panel, "deviceExchanges");
    int pollRows = 0;
    for (int row = 0; row < exchanges->topLevelItemCount(); ++row) {
        if (exchanges->topLevelItem(row)->text(0) == QStringLiteral("Token polls")) {
            ++pollRows;
            QVERIFY(exchanges->topLevelItem(row)->text(1).contains(
                QStringLiteral("polled %1 time").arg(result.polls)));
        }
    }
    QCOMPARE(pollRows, 1);
    QCOMPARE(exchanges->topLevelItemCount(),
             int(result.exchanges.size() - result.pollExchangeIds.size()) + 1);
    saveScreenshot(m_window.get(), QStringLiteral("screenshot-device-2-result.png"));
}

void TestDeviceFlowPanel::qrCodeEncodesTheCompleteUriWithAQuietZone()
{
    startDeviceFlow();
    const QUrl complete = m_panel->flow()->result().authorization.verificationUriComplete;
    QVERIFY(!complete.isEmpty());
    QrCodeWidget *qr = m_panel->qrCode();
    QVERIFY(qr->isVisible());
    QCOMPARE(qr->text(), complete.toString(QUrl::FullyEncoded));
    const Device::QrCode expected =
        Device::QrCode::encode(complete.toString(QUrl::FullyEncoded).toUtf8());
    QVERIFY(!expected.isNull());
    QCOMPARE(qr->code().rows(), expected.rows());

    // What is painted: white quiet zone of four modules, then the finder pattern's dark
    // corner module.
    const QImage image = qr->grab().toImage();
    const int modules = expected.size() + 2 * QrCodeWidget::QuietZone;
    const int scale = qMin(image.width(), image.height()) / modules;
    QVERIFY(scale >= 2);
    const int left = (image.width() - scale * modules) / 2;
    const int top = (image.height() - scale * modules) / 2;
    const int zone = QrCodeWidget::QuietZone * scale;
    for (int offset = 0; offset < zone; offset += scale)
        QCOMPARE(image.pixelColor(left + offset + scale / 2, top + zone + scale / 2),
                 QColor(Qt::white));
    QCOMPARE(image.pixelColor(left + zone + scale / 2, top + zone + scale / 2), QColor(Qt::black));
    m_panel->cancel();
}

void TestDeviceFlowPanel::cancelStopsPolling()
{
    startDeviceFlow();
    QSignalSpy polled(m_panel->flow(), &DeviceFlow::polled);
    auto *cancel = childNamed<QPushButton>(m_panel, "deviceCancelButton");
    QVERIFY(cancel->isEnabled());
    QTest::mouseClick(cancel, Qt::LeftButton);
    QCOMPARE(m_panel->flow()->step(), DeviceFlow::Step::Cancelled);
    QVERIFY(m_panel->flow()->nextPollAt().isNull());
    QVERIFY(!cancel->isEnabled());
    QVERIFY(childNamed<QPushButton>(m_panel, "deviceStartButton")->isEnabled());
    // A whole interval and more passes without another token request.
    const qsizetype exchanges = m_session->transcript.exchanges().size();
    QVERIFY(!polled.wait(int(m_panel->flow()->interval() * 1000) + 1500));
    QCOMPARE(m_session->transcript.exchanges().size(), exchanges);
    QVERIFY(m_panel->statusText().contains(QStringLiteral("ancel")));
}

void TestDeviceFlowPanel::openButtonsUseTheBrowsers()
{
    QList<QUrl> opened;
    Browser::SystemBrowser::setOpener([&opened](const QUrl &url) {
        opened.append(url);
        return true;
    });
    startDeviceFlow();
    const QUrl complete = m_panel->flow()->result().authorization.verificationUriComplete;
    QTest::mouseClick(childNamed<QPushButton>(m_panel, "openSystemButton"), Qt::LeftButton);
    QCOMPARE(opened, QList<QUrl>{complete});

    QTest::mouseClick(childNamed<QPushButton>(m_panel, "openEmbeddedButton"), Qt::LeftButton);
    QWidget *window = m_panel->browserWindow();
    QVERIFY(window);
    QVERIFY(window->isVisible());
    auto *browser = window->findChild<Browser::EmbeddedBrowser *>();
    QVERIFY(browser);
    QTRY_VERIFY_WITH_TIMEOUT(browser->view()->url().path().startsWith(complete.path()), 20'000);
    m_panel->cancel();
}

void TestDeviceFlowPanel::cibaApprovedOnTheUsersDevice()
{
    CibaFlowPanel *ciba = m_window->cibaFlowPanel();
    QVERIFY(ciba);
    m_window->panels()->setCurrentWidget(ciba);
    QCOMPARE(m_window->panels()->tabText(m_window->panels()->currentIndex()),
             QStringLiteral("CIBA"));
    auto *endpoint = childNamed<QLineEdit>(ciba, "cibaEndpointEdit");
    QTRY_VERIFY_WITH_TIMEOUT(endpoint->text().startsWith(m_issuer), 20'000);
    setText(ciba, "cibaClientIdEdit", QStringLiteral("tokenscope-ciba"));
    setText(ciba, "cibaClientSecretEdit", QStringLiteral("tokenscope-ciba-secret"));
    setText(ciba, "cibaHintEdit", QStringLiteral("ciba-approve-alice"));
    setText(ciba, "cibaBindingMessageEdit", QStringLiteral("W4SCT"));
    QVERIFY2(ciba->problem().isEmpty(), qPrintable(ciba->problem()));
    QSignalSpy finished(ciba->flow(), &Ciba::CibaFlow::finished);
    QTest::mouseClick(childNamed<QPushButton>(ciba, "cibaStartButton"), Qt::LeftButton);
    QTRY_VERIFY_WITH_TIMEOUT(
        childNamed<QLabel>(ciba, "cibaExpiryLabel")->text().contains(QStringLiteral("in ")),
        10'000);
    QVERIFY(finished.wait(30'000));
    const Ciba::CibaFlowResult &result = ciba->flow()->result();
    QVERIFY2(result.ok(), qPrintable(result.error.message));
    QVERIFY(childNamed<TokenTable>(ciba, "cibaTokenTable")->topLevelItemCount() >= 2);
    const SessionTokens::Entry *entry =
        m_window->sessionTokens()->latest(SessionTokens::Kind::AccessToken);
    QVERIFY(entry);
    QCOMPARE(entry->value, result.tokens.accessToken);
    QCOMPARE(entry->source, QStringLiteral("CIBA"));
    QVERIFY2(ciba->pollText().contains(QStringLiteral("Polled")), qPrintable(ciba->pollText()));
    saveScreenshot(m_window.get(), QStringLiteral("screenshot-device-3-ciba.png"));
}

int main(int argc, char *argv[])
{
    QCoreApplication::setAttribute(Qt::AA_ShareOpenGLContexts);
    QApplication app(argc, argv);
    TestDeviceFlowPanel test;
    return QTest::qExec(&test, argc, argv);
}

#include "TestDeviceFlowPanel.moc"
