// The exchange list follows the transcript: rows appear when a request is sent and
// change when it completes or fails; URLs are masked unless secrets are shown.
#include "http/Transcript.h"
#include "inspector/ExchangeListModel.h"

#include <QSignalSpy>
#include <QTest>

using Tokenscope::Http::Exchange;
using Tokenscope::Http::TransportErrorKind;

namespace {

Exchange sent(Tokenscope::Http::Transcript &transcript, const QByteArray &url)
{
    Exchange exchange;
    exchange.id = transcript.nextId();
    exchange.label = QStringLiteral("OpenID Connect discovery");
    exchange.method = "GET";
    exchange.url = QUrl::fromEncoded(url);
    exchange.started = QDateTime::currentDateTimeUtc();
    return exchange;
}

} // namespace

class TestExchangeListModel final : public QObject
{
    Q_OBJECT

private slots:
    void rowsFollowTheTranscript();
    void failureIsNamedInTheStatusColumn();
    void urlSecretsAreMaskedUntilShown();
    void redirectHopsAreLabelled();
    void clearResetsTheModel();
};

void TestExchangeListModel::rowsFollowTheTranscript()
{
    Tokenscope::Http::Transcript transcript;
    ExchangeListModel model(&transcript);
    QSignalSpy inserted(&model, &QAbstractItemModel::rowsInserted);
    QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);

    Exchange exchange = sent(transcript, "https://idp.example/.well-known/openid-configuration");
    transcript.record(exchange);
    QCOMPARE(model.rowCount(), 1);
    QCOMPARE(inserted.count(), 1);
    QCOMPARE(model.columnCount(), int(ExchangeListModel::ColumnCount));
    QCOMPARE(model.index(0, ExchangeListModel::Number).data().toInt(), 1);
    QCOMPARE(model.index(0, ExchangeListModel::Method).data().toString(), QStringLiteral("GET"));
    QCOMPARE(model.index(0, ExchangeListModel::Url).data().toString(),
             QStringLiteral("https://idp.example/.well-known/openid-configuration"));
    QCOMPARE(model.index(0, ExchangeListModel::Status).data().toString(), QStringLiteral("…"));
    QVERIFY(model.index(0, ExchangeListModel::Time).data().toString().isEmpty());

    exchange.hasResponse = true;
    exchange.statusCode = 200;
    exchange.reasonPhrase = "OK";
    exchange.responseBody = QByteArray(2048, 'x');
    exchange.durationUs = 12'400;
    transcript.record(exchange);
    QCOMPARE(model.rowCount(), 1);
    QCOMPARE(changed.count(), 1);
    QCOMPARE(model.index(0, ExchangeListModel::Status).data().toString(), QStringLiteral("200 OK"));
    QCOMPARE(model.index(0, ExchangeListModel::Time).data().toString(), QStringLiteral("12"));
    QCOMPARE(model.index(0, ExchangeListModel::Size).data().toString(), QStringLiteral("2 KiB"));
    QCOMPARE(model.index(0, ExchangeListModel::Label).data().toString(),
             QStringLiteral("OpenID Connect discovery"));
    QVERIFY(model.index(0, ExchangeListModel::Status).data(Qt::ForegroundRole).isValid());
}

void TestExchangeListModel::failureIsNamedInTheStatusColumn()
{
    Tokenscope::Http::Transcript transcript;
    ExchangeListModel model(&transcript);
    Exchange exchange = sent(transcript, "https://idp.example/token");
    exchange.durationUs = 30'000'000;
    exchange.error = {TransportErrorKind::Timeout, QStringLiteral("No complete response")};
    transcript.record(exchange);
    QCOMPARE(model.index(0, ExchangeListModel::Status).data().toString(),
             QStringLiteral("Timeout"));
    QCOMPARE(model.index(0, ExchangeListModel::Status).data(Qt::ToolTipRole).toString(),
             QStringLiteral("No complete response"));
}

void TestExchangeListModel::urlSecretsAreMaskedUntilShown()
{
    Tokenscope::Http::Transcript transcript;
    ExchangeListModel model(&transcript);
    transcript.record(
        sent(transcript, "http://127.0.0.1:8080/cb?code=SplxlOBeZQQYbYS6WxSbIA&state=xyz"));
    const QString masked = model.index(0, ExchangeListModel::Url).data().toString();
    QVERIFY2(!masked.contains(QStringLiteral("SplxlOBeZQQYbYS6WxSbIA")), qPrintable(masked));
    QVERIFY(masked.contains(QStringLiteral("state=xyz")));

    QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);
    model.setShowSecrets(true);
    QCOMPARE(changed.count(), 1);
    QVERIFY(model.index(0, ExchangeListModel::Url)
                .data()
                .toString()
                .contains(QStringLiteral("code=SplxlOBeZQQYbYS6WxSbIA")));
}

void TestExchangeListModel::redirectHopsAreLabelled()
{
    Tokenscope::Http::Transcript transcript;
    ExchangeListModel model(&transcript);
    Exchange hop = sent(transcript, "https://idp.example/b");
    hop.hop = 1;
    transcript.record(hop);
    QCOMPARE(model.index(0, ExchangeListModel::Label).data().toString(),
             QStringLiteral("OpenID Connect discovery (redirect 1)"));
}

void TestExchangeListModel::clearResetsTheModel()
{
    Tokenscope::Http::Transcript transcript;
    transcript.record(sent(transcript, "https://idp.example/a"));
    ExchangeListModel model(&transcript); // starts with what is already recorded
    QCOMPARE(model.rowCount(), 1);
    QSignalSpy reset(&model, &QAbstractItemModel::modelReset);
    transcript.clear();
    QCOMPARE(reset.count(), 1);
    QCOMPARE(model.rowCount(), 0);
    transcript.record(sent(transcript, "https://idp.example/b"));
    QCOMPARE(model.rowCount(), 1);
}

QTEST_MAIN(TestExchangeListModel)
#include "TestExchangeListModel.moc"
