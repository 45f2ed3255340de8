// The session's tokens: the model (a response's tokens, rotation marking the old refresh
// token replaced, the newest of a kind, revocation) and the list (a live countdown on a
// fixed clock, values masked until shown, the actions on the selected token).
#include "Screenshot.h"
#include "UiSession.h"
#include "common/Clock.h"
#include "session/SessionTokens.h"
#include "session/SessionTokensPanel.h"
#include "tokens/TokenInspector.h"

#include <QCheckBox>
#include <QClipboard>
#include <QDialog>
#include <QGuiApplication>
#include <QLabel>
#include <QMimeData>
#include <QPushButton>
#include <QSignalSpy>
#include <QTableWidget>
#include <QTest>

using Tokenscope::AuthCode::TokenResponse;
using Kind = SessionTokens::Kind;

namespace {

const QDateTime start = QDateTime(QDate(2026, 3, 1), QTime(12, 0, 0), Qt::UTC);

TokenResponse response(const QString &access, const QString &refresh, const QString &id,
                       qint64 expiresIn)
{
    TokenResponse r;
    r.accessToken = access;
    r.refreshToken = refresh;
    r.idToken = id;
    r.tokenType = QStringLiteral("Bearer");
    r.scope = QStringLiteral("openid profile");
    r.expiresIn = expiresIn;
    return r;
}

// An unsigned JWT, enough for the decoder to lay open.
QString jwt()
{
    const auto part = [](const QByteArray &json) {
        return QString::fromLatin1(
            json.toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals));
    };
    return part(R"({"alg":"RS256","typ":"JWT"})") + QLatin1Char('.') +
           part(R"({"iss":"https://op.example","sub":"alice","aud":"app","exp":1900000000})") +
           QStringLiteral(".c2lnbmF0dXJl");
}

int rowOf(QTableWidget *table, quint64 id)
{
    for (int row = 0; row < table->rowCount(); ++row)
        if (table->item(row, SessionTokensPanel::KindColumn)->data(Qt::UserRole).toULongLong() ==
            id)
            return row;
    return -1;
}

} // namespace

class TestSessionTokensPanel final : public QObject
{
    Q_OBJECT

private slots:
    void addResponseAddsEachTokenWithItsExpiry();
    void rotationMarksTheOldRefreshTokenReplaced();
    void eachEntryRecordsTheClientItWasIssuedTo();
    void latestIsTheNewestOfItsKind();
    void markRevokedMarksEveryEntryWithTheValue();
    void countdown_data();
    void countdown();
    void countdownTicksEverySecond();
    void valuesAreMaskedUntilShown();
    void replacedAndRevokedAreMarked();
    void actionsEmitTheSelectedToken();
    void userInfoAndApiOnlyForAccessTokens();
    void refreshOnlyForRefreshTokens();
    void copyPutsTheTokenOnTheClipboardAndWarns();
    void removeForgetsTheToken();
    void decodeOpensTheInspectorMasked();
};

void TestSessionTokensPanel::addResponseAddsEachTokenWithItsExpiry()
{
    SessionTokens tokens;
    QSignalSpy added(&tokens, &SessionTokens::added);
    const QList<quint64> ids =
        tokens.addResponse(response(QStringLiteral("at-1"), QStringLiteral("rt-1"), jwt(), 300),
                           QStringLiteral("Client credentials"), start, QStringLiteral("Dev"));
    QCOMPARE(ids.size(), 3);
    QCOMPARE(added.count(), 3);
    const SessionTokens::Entry *access = tokens.find(ids.at(0));
    QVERIFY(access);
    QCOMPARE(access->kind, Kind::AccessToken);
    QCOMPARE(access->expiresAt, start.addSecs(300));
    QCOMPARE(access->tokenType, QStringLiteral("Bearer"));
    QCOMPARE(access->profileName, QStringLiteral("Dev"));
    QCOMPARE(tokens.find(ids.at(1))->kind, Kind::RefreshToken);
    QVERIFY(!tokens.find(ids.at(1))->expiresAt.isValid());
    QCOMPARE(tokens.find(ids.at(2))->kind, Kind::IdToken);
    // An ID token's expiry is its exp claim.
    QCOMPARE(tokens.find(ids.at(2))->expiresAt, QDateTime::fromSecsSinceEpoch(1900000000, Qt::UTC));
}

void TestSessionTokensPanel::eachEntryRecordsTheClientItWasIssuedTo()
{
    Tokenscope::FixedClock clock(start);
    SessionTokens tokens;
    SessionTokensPanel panel(&tokens, &clock);
    const SessionTokens::Client client{QStringLiteral("api-client"),
                                       QStringLiteral("private_key_jwt")};
    const QList<quint64> ids =
        tokens.addResponse(response(QStringLiteral("at-1"), QStringLiteral("rt-1"), jwt(), 300),
                           QStringLiteral("Password"), start, client, QStringLiteral("Dev"));
    QCOMPARE(ids.size(), 3);
    for (const quint64 id : ids) {
        QCOMPARE(tokens.find(id)->client, client);
        QCOMPARE(tokens.find(id)->profileName, QStringLiteral("Dev"));
    }
    // Looked up by value: the newest entry holding it.
    QCOMPARE(tokens.findValue(QStringLiteral("rt-1"))->id, ids.at(1));
    QVERIFY(!tokens.findValue(QStringLiteral("unknown")));
    // The older overload records no client.
    const QList<quint64> plain =
        tokens.addResponse(response(QStringLiteral("at-2"), QString(), QString(), 300),
                           QStringLiteral("Refresh"), start);
    QVERIFY(tokens.find(plain.constFirst())->client.isEmpty());
    // The list says whom a token was issued to.
    QTableWidget *table = panel.table();
    const QString tip =
        table->item(rowOf(table, ids.at(1)), SessionTokensPanel::SourceColumn)->toolTip();
    QVERIFY2(tip.contains(QLatin1String("api-client")) &&
                 tip.contains(QLatin1String("private_key_jwt")),
             qPrintable(tip));
    QVERIFY(!table->item(rowOf(table, plain.constFirst()), SessionTokensPanel::SourceColumn)
                 ->toolTip()
                 .contains(QLatin1String("Issued to")));
}

void TestSessionTokensPanel::rotationMarksTheOldRefreshTokenReplaced()
{
    SessionTokens tokens;
    const QList<quint64> first =
        tokens.addResponse(response(QStringLiteral("at-1"), QStringLiteral("rt-1"), QString(), 60),
                           QStringLiteral("Authorization code"), start);
    QSignalSpy changed(&tokens, &SessionTokens::changed);
    const QList<quint64> second = tokens.addResponse(
        response(QStringLiteral("at-2"), QStringLiteral("rt-2"), QString(), 60),
        QStringLiteral("Refresh"), start.addSecs(30), QString(), QStringLiteral("rt-1"));
    QCOMPARE(changed.count(), 1);
    QCOMPARE(tokens.find(first.at(1))->replacedBy, second.at(1));
    QCOMPARE(tokens.find(second.at(1))->replacedBy, quint64(0));

    // The same refresh token returned (no rotation): nothing is replaced.
    tokens.addResponse(response(QStringLiteral("at-3"), QStringLiteral("rt-2"), QString(), 60),
                       QStringLiteral("Refresh"), start.addSecs(60), QString(),
                       QStringLiteral("rt-2"));
    QCOMPARE(tokens.find(second.at(1))->replacedBy, quint64(0));
}

void TestSessionTokensPanel::latestIsTheNewestOfItsKind()
{
    SessionTokens tokens;
    QVERIFY(!tokens.latest(Kind::AccessToken));
    tokens.addResponse(response(QStringLiteral("at-1"), QString(), jwt(), 60), QStringLiteral("A"),
                       start);
    tokens.addResponse(response(QStringLiteral("at-2"), QStringLiteral("rt"), QString(), 60),
                       QStringLiteral("B"), start);
    QCOMPARE(tokens.latest(Kind::AccessToken)->value, QStringLiteral("at-2"));
    QCOMPARE(tokens.latest(Kind::IdToken)->value, jwt());
    QCOMPARE(tokens.latest(Kind::RefreshToken)->source, QStringLiteral("B"));
    QVERIFY(!tokens.latest(Kind::IssuedToken));
}

void TestSessionTokensPanel::markRevokedMarksEveryEntryWithTheValue()
{
    SessionTokens tokens;
    tokens.addResponse(response(QStringLiteral("at-1"), QString(), QString(), 60),
                       QStringLiteral("A"), start);
    tokens.addResponse(response(QStringLiteral("at-1"), QString(), QString(), 60),
                       QStringLiteral("B"), start);
    QCOMPARE(tokens.markRevoked(QStringLiteral("at-1")), 2);
    QCOMPARE(tokens.markRevoked(QStringLiteral("at-1")), 0); // already
    QCOMPARE(tokens.markRevoked(QStringLiteral("unknown")), 0);
    QVERIFY(tokens.entries().at(0).revoked && tokens.entries().at(1).revoked);
}

void TestSessionTokensPanel::countdown_data()
{
    QTest::addColumn<qint64>("seconds");
    QTest::addColumn<QString>("expected");
    QTest::newRow("seconds_left") << qint64(42) << QStringLiteral("in 42 s");
    QTest::newRow("minutes_and_seconds_left") << qint64(250) << QStringLiteral("in 4 min 10 s");
    QTest::newRow("hours_and_minutes_left")
        << qint64(3 * 3600 + 120) << QStringLiteral("in 3 h 2 min");
    QTest::newRow("days_and_hours_left")
        << qint64(3 * 86400 + 5 * 3600 + 59) << QStringLiteral("in 3 d 5 h");
    QTest::newRow("expired_now") << qint64(0) << QStringLiteral("expired 0 s ago");
    QTest::newRow("expired_a_while_ago") << qint64(-75) << QStringLiteral("expired 1 min 15 s ago");
}

void TestSessionTokensPanel::countdown()
{
    QFETCH(qint64, seconds);
    QFETCH(QString, expected);
    QCOMPARE(SessionTokensPanel::countdown(start.addSecs(seconds), start), expected);
    QCOMPARE(SessionTokensPanel::countdown(QDateTime(), start), QStringLiteral("unknown"));
}

void TestSessionTokensPanel::countdownTicksEverySecond()
{
    Tokenscope::FixedClock clock(start);
    SessionTokens tokens;
    SessionTokensPanel panel(&tokens, &clock);
    const quint64 id = tokens
                           .addResponse(response(QStringLiteral("at"), QString(), QString(), 12),
                                        QStringLiteral("A"), start)
                           .constFirst();
    QTableWidget *table = panel.table();
    const int row = rowOf(table, id);
    QCOMPARE(table->item(row, SessionTokensPanel::ExpiresColumn)->text(),
             QStringLiteral("in 12 s"));
    clock.advance(10);
    // Nothing but the panel's own timer updates the text.
    QTRY_COMPARE_WITH_TIMEOUT(table->item(row, SessionTokensPanel::ExpiresColumn)->text(),
                              QStringLiteral("in 2 s"), 2500);
    QVERIFY(table->item(row, SessionTokensPanel::StateColumn)->text().isEmpty());
    clock.advance(5);
    QTRY_COMPARE_WITH_TIMEOUT(table->item(row, SessionTokensPanel::ExpiresColumn)->text(),
                              QStringLiteral("expired 3 s ago"), 2500);
    QTRY_VERIFY_WITH_TIMEOUT(table->item(row, SessionTokensPanel::StateColumn)
                                 ->text()
                                 .contains(QLatin1String("expired")),
                             2500);
}

void TestSessionTokensPanel::valuesAreMaskedUntilShown()
{
    Tokenscope::FixedClock clock(start);
    SessionTokens tokens;
    SessionTokensPanel panel(&tokens, &clock);
    const QString secret = QStringLiteral("secret-access-token-value");
    tokens.addResponse(response(secret, QString(), QString(), 60), QStringLiteral("A"), start);
    QTableWidget *table = panel.table();
    QVERIFY(!panel.valuesShown());
    const QString masked = table->item(0, SessionTokensPanel::ValueColumn)->text();
    QVERIFY2(!masked.contains(secret), qPrintable(masked));
    QVERIFY(masked.contains(QString::number(secret.size())));
    auto *show = childNamed<QCheckBox>(&panel, "showTokenValues");
    QVERIFY(show);
    show->click();
    QCOMPARE(table->item(0, SessionTokensPanel::ValueColumn)->text(), secret);
    show->click();
    QVERIFY(!table->item(0, SessionTokensPanel::ValueColumn)->text().contains(secret));
}

void TestSessionTokensPanel::replacedAndRevokedAreMarked()
{
    Tokenscope::FixedClock clock(start);
    SessionTokens tokens;
    SessionTokensPanel panel(&tokens, &clock);
    const QList<quint64> first =
        tokens.addResponse(response(QStringLiteral("at-1"), QStringLiteral("rt-1"), jwt(), 3600),
                           QStringLiteral("Authorization code"), start, QStringLiteral("Staging"));
    const QList<quint64> second = tokens.addResponse(
        response(QStringLiteral("at-2"), QStringLiteral("rt-2"), QString(), 3600),
        QStringLiteral("Refresh"), start, QStringLiteral("Staging"), QStringLiteral("rt-1"));
    tokens.markRevoked(QStringLiteral("at-1"));
    QTableWidget *table = panel.table();
    const QString replaced =
        table->item(rowOf(table, first.at(1)), SessionTokensPanel::StateColumn)->text();
    QVERIFY2(replaced.contains(QLatin1String("replaced")) &&
                 replaced.contains(QString::number(second.at(1))),
             qPrintable(replaced));
    QVERIFY(table->item(rowOf(table, first.at(0)), SessionTokensPanel::StateColumn)
                ->text()
                .contains(QLatin1String("revoked")));
    QVERIFY(
        table->item(rowOf(table, second.at(1)), SessionTokensPanel::StateColumn)->text().isEmpty());
    QCOMPARE(table->item(0, SessionTokensPanel::ProfileColumn)->text(), QStringLiteral("Staging"));
    QCOMPARE(table->item(0, SessionTokensPanel::SourceColumn)->text(),
             QStringLiteral("Authorization code"));

    panel.resize(900, 360);
    panel.show();
    QVERIFY(QTest::qWaitForWindowExposed(&panel));
    panel.select(second.at(0));
    saveScreenshot(&panel, QStringLiteral("screenshot-session-tokens.png"));
}

void TestSessionTokensPanel::actionsEmitTheSelectedToken()
{
    Tokenscope::FixedClock clock(start);
    SessionTokens tokens;
    SessionTokensPanel panel(&tokens, &clock);
    const QList<quint64> ids =
        tokens.addResponse(response(QStringLiteral("at-1"), QStringLiteral("rt-1"), QString(), 60),
                           QStringLiteral("A"), start);
    QSignalSpy introspect(&panel, &SessionTokensPanel::introspectRequested);
    QSignalSpy revoke(&panel, &SessionTokensPanel::revokeRequested);
    QSignalSpy userInfo(&panel, &SessionTokensPanel::userInfoRequested);
    QSignalSpy api(&panel, &SessionTokensPanel::apiCallRequested);
    QSignalSpy subject(&panel, &SessionTokensPanel::useAsSubjectToken);

    panel.select(ids.at(0));
    QCOMPARE(panel.selectedId(), ids.at(0));
    childNamed<QPushButton>(&panel, "introspectTokenButton")->click();
    QCOMPARE(introspect.count(), 1);
    QCOMPARE(introspect.at(0).at(0).toString(), QStringLiteral("at-1"));
    QCOMPARE(introspect.at(0).at(1).toString(), QStringLiteral("access_token"));
    childNamed<QPushButton>(&panel, "userInfoTokenButton")->click();
    QCOMPARE(userInfo.count(), 1);
    QCOMPARE(userInfo.at(0).at(0).toString(), QStringLiteral("at-1"));
    childNamed<QPushButton>(&panel, "apiCallTokenButton")->click();
    QCOMPARE(api.at(0).at(0).toString(), QStringLiteral("at-1"));

    panel.select(ids.at(1));
    childNamed<QPushButton>(&panel, "revokeTokenButton")->click();
    QCOMPARE(revoke.count(), 1);
    QCOMPARE(revoke.at(0).at(0).toString(), QStringLiteral("rt-1"));
    QCOMPARE(revoke.at(0).at(1).toString(), QStringLiteral("refresh_token"));
    childNamed<QPushButton>(&panel, "subjectTokenButton")->click();
    QCOMPARE(subject.count(), 1);
    QCOMPARE(subject.at(0).at(0).toString(), QStringLiteral("rt-1"));
}

void TestSessionTokensPanel::userInfoAndApiOnlyForAccessTokens()
{
    Tokenscope::FixedClock clock(start);
    SessionTokens tokens;
    SessionTokensPanel panel(&tokens, &clock);
    auto *userInfo = childNamed<QPushButton>(&panel, "userInfoTokenButton");
    auto *decode = childNamed<QPushButton>(&panel, "decodeTokenButton");
    QVERIFY(!decode->isEnabled()); // nothing selected
    const QList<quint64> ids =
        tokens.addResponse(response(QStringLiteral("at-1"), QStringLiteral("rt-1"), QString(), 60),
                           QStringLiteral("A"), start);
    panel.select(ids.at(1));
    QVERIFY(decode->isEnabled());
    QVERIFY(!userInfo->isEnabled());
    QVERIFY(!childNamed<QPushButton>(&panel, "apiCallTokenButton")->isEnabled());
    panel.select(ids.at(0));
    QVERIFY(userInfo->isEnabled());
}

void TestSessionTokensPanel::refreshOnlyForRefreshTokens()
{
    Tokenscope::FixedClock clock(start);
    SessionTokens tokens;
    SessionTokensPanel panel(&tokens, &clock);
    auto *refresh = childNamed<QPushButton>(&panel, "refreshTokenButton");
    QVERIFY(refresh);
    QVERIFY(!refresh->isEnabled()); // nothing selected
    const QList<quint64> first =
        tokens.addResponse(response(QStringLiteral("at-1"), QStringLiteral("rt-1"), QString(), 60),
                           QStringLiteral("A"), start);
    QSignalSpy requested(&panel, &SessionTokensPanel::refreshRequested);
    panel.select(first.at(0));
    QVERIFY(!refresh->isEnabled());
    panel.select(first.at(1));
    QVERIFY(refresh->isEnabled());
    refresh->click();
    QCOMPARE(requested.count(), 1);
    QCOMPARE(requested.at(0).at(0).toString(), QStringLiteral("rt-1"));

    // A rotated-out token can still be sent: that is how reuse detection is tried.
    tokens.addResponse(response(QStringLiteral("at-2"), QStringLiteral("rt-2"), QString(), 60),
                       QStringLiteral("Refresh"), start, QString(), QStringLiteral("rt-1"));
    panel.select(first.at(1));
    QVERIFY(refresh->isEnabled());
    refresh->click();
    QCOMPARE(requested.count(), 2);
    QCOMPARE(requested.at(1).at(0).toString(), QStringLiteral("rt-1"));
}

void TestSessionTokensPanel::copyPutsTheTokenOnTheClipboardAndWarns()
{
    Tokenscope::FixedClock clock(start);
    SessionTokens tokens;
    SessionTokensPanel panel(&tokens, &clock);
    const quint64 id =
        tokens
            .addResponse(response(QStringLiteral("copied-token"), QString(), QString(), 60),
                         QStringLiteral("A"), start)
            .constFirst();
    QSignalSpy status(&panel, &SessionTokensPanel::statusMessage);
    panel.select(id);
    childNamed<QPushButton>(&panel, "copyTokenButton")->click();
    QCOMPARE(QGuiApplication::clipboard()->text(), QStringLiteral("copied-token"));
    const QMimeData *data = QGuiApplication::clipboard()->mimeData();
    QVERIFY(data);
    QCOMPARE(data->data(QStringLiteral("x-kde-passwordManagerHint")), QByteArray("secret"));
    QCOMPARE(status.count(), 1);
    QVERIFY(
        childNamed<QLabel>(&panel, "sessionTokensNote")->text().contains(QLatin1String("secret")));
}

void TestSessionTokensPanel::removeForgetsTheToken()
{
    Tokenscope::FixedClock clock(start);
    SessionTokens tokens;
    SessionTokensPanel panel(&tokens, &clock);
    const QList<quint64> ids =
        tokens.addResponse(response(QStringLiteral("at-1"), QStringLiteral("rt-1"), QString(), 60),
                           QStringLiteral("A"), start);
    panel.select(ids.at(0));
    childNamed<QPushButton>(&panel, "removeTokenButton")->click();
    QCOMPARE(tokens.entries().size(), 1);
    QVERIFY(!tokens.find(ids.at(0)));
    QCOMPARE(panel.table()->rowCount(), 1);
}

void TestSessionTokensPanel::decodeOpensTheInspectorMasked()
{
    Tokenscope::FixedClock clock(start);
    SessionTokens tokens;
    SessionTokensPanel panel(&tokens, &clock);
    const quint64 id =
        tokens.addResponse(response(QString(), QString(), jwt(), -1), QStringLiteral("A"), start)
            .constFirst();
    panel.select(id);
    QVERIFY(!panel.decodeDialog());
    childNamed<QPushButton>(&panel, "decodeTokenButton")->click();
    QDialog *dialog = panel.decodeDialog();
    QVERIFY(dialog);
    QVERIFY(dialog->isVisible());
    auto *inspector = dialog->findChild<TokenInspector *>();
    QVERIFY(inspector);
    QCOMPARE(inspector->token(), jwt());
    QCOMPARE(inspector->format(), TokenInspector::Format::Jws);
    QVERIFY(inspector->isTokenMasked());
    dialog->close();
}

QTEST_MAIN(TestSessionTokensPanel)
#include "TestSessionTokensPanel.moc"
