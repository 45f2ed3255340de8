// The token inspector: coloured segments, the claim table with meanings and humanised
// times, the signature status naming the key, findings failures first with spec links, and
// tokens that are unsigned, encrypted or opaque.
#include "common/Clock.h"
#include "common/FindingsView.h"
#include "flows/jose/RfcVectors.h"
#include "jose/Base64Url.h"
#include "jose/JweDecryptor.h"
#include "jose/JwkSet.h"
#include "jose/JwsSigner.h"
#include "tokens/TokenInspector.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QLabel>
#include <QPlainTextEdit>
#include <QTest>
#include <QTextBlock>
#include <QTextEdit>
#include <QTreeWidget>

#include <algorithm>

using namespace Tokenscope;
namespace Jose = Tokenscope::Jose;

namespace {

const QDateTime fixedNow = QDateTime::fromSecsSinceEpoch(1'800'000'000, Qt::UTC);

struct Signed
{
    QString token;
    Jose::JwkSet keys;
    QString thumbprint;
};

Signed signToken(const QJsonObject &claims, const QString &kid = QStringLiteral("key-1"),
                 const QJsonObject &extraHeader = {})
{
    const Jose::JwsSigner::Key key = Jose::JwsSigner::Key::generate(QStringLiteral("ES256"));
    QJsonObject header{{QStringLiteral("alg"), QStringLiteral("ES256")},
                       {QStringLiteral("kid"), kid}};
    for (auto it = extraHeader.begin(); it != extraHeader.end(); ++it)
        header.insert(it.key(), it.value());
    const auto result =
        Jose::JwsSigner::sign(header, QJsonDocument(claims).toJson(QJsonDocument::Compact), key);
    const QJsonObject jwk = key.verificationJwk(kid, QStringLiteral("ES256"));
    const Jose::JwkSet set = Jose::JwkSet::fromJson(
        QJsonDocument(QJsonObject{{QStringLiteral("keys"), QJsonArray{jwk}}}).toJson());
    return {QString::fromLatin1(result.compact), set, set.keys.constFirst().thumbprint()};
}

QJsonObject idTokenClaims()
{
    const qint64 now = fixedNow.toSecsSinceEpoch();
    return {{QStringLiteral("iss"), QStringLiteral("https://issuer.example")},
            {QStringLiteral("sub"), QStringLiteral("alice")},
            {QStringLiteral("aud"), QStringLiteral("my-client")},
            {QStringLiteral("exp"), now + 250},   // in 4 min 10 s
            {QStringLiteral("iat"), now - 10800}, // 3 h ago
            {QStringLiteral("nonce"), QStringLiteral("n-1")},
            {QStringLiteral("x_custom"), 7}};
}

QTreeWidgetItem *claimRow(QTreeWidget *table, const QString &claim)
{
    for (int i = 0; i < table->topLevelItemCount(); ++i)
        if (table->topLevelItem(i)->text(TokenInspector::ClaimNameColumn) == claim)
            return table->topLevelItem(i);
    return nullptr;
}

} // namespace

class TestTokenInspector final : public QObject
{
    Q_OBJECT

private slots:
    void segmentsAreColouredDistinctly();
    void claimTableHasMeaningsAndHumanisedTimes();
    void countdownFollowsTheClock();
    void signatureStatusNamesKidAndThumbprint();
    void wrongKeySaysDoesNotVerify();
    void findingsAreOrderedFailFirstWithSpecLinks();
    void specUrls_data();
    void specUrls();
    void algNoneIsFlagged();
    void opaqueTokenPointsToIntrospection();
    void jweShowsItsHeaderWithoutAKey();
    void flowFindingsAreShownAsTheyAre();
    void maskedTokenHidesTheCompactFormOnly();
    void jweIsDecryptedWithItsKey();
};

void TestTokenInspector::segmentsAreColouredDistinctly()
{
    TokenInspector inspector;
    const Signed token = signToken(idTokenClaims());
    inspector.inspect(token.token);
    auto *segments = inspector.findChild<QTextEdit *>(QStringLiteral("tokenSegments"));
    QVERIFY(segments);
    QCOMPARE(segments->toPlainText(), token.token);
    const QStringList parts = token.token.split(QLatin1Char('.'));
    // Walk the fragments: each segment's text carries its own colour; the dots do not.
    QList<QPair<QString, QColor>> coloured;
    for (QTextBlock block = segments->document()->begin(); block.isValid(); block = block.next())
        for (auto it = block.begin(); !it.atEnd(); ++it)
            if (it.fragment().text() != QLatin1String("."))
                coloured.append(
                    {it.fragment().text(), it.fragment().charFormat().foreground().color()});
    QCOMPARE(coloured.size(), 3);
    QCOMPARE(coloured.at(0).first, parts.at(0));
    QCOMPARE(coloured.at(1).first, parts.at(1));
    QCOMPARE(coloured.at(2).first, parts.at(2));
    QCOMPARE(coloured.at(0).second, TokenInspector::segmentColor(TokenInspector::HeaderSegment));
    QCOMPARE(coloured.at(1).second, TokenInspector::segmentColor(TokenInspector::PayloadSegment));
    QCOMPARE(coloured.at(2).second, TokenInspector::segmentColor(TokenInspector::SignatureSegment));
    QVERIFY(coloured.at(0).second != coloured.at(1).second);
    QVERIFY(coloured.at(1).second != coloured.at(2).second);
    QVERIFY(coloured.at(0).second != coloured.at(2).second);
    // Readable on a light background: every colour dark enough (lightness under 60 %).
    for (const auto &part : coloured)
        QVERIFY2(part.second.lightnessF() < 0.6, qPrintable(part.second.name()));
}

void TestTokenInspector::claimTableHasMeaningsAndHumanisedTimes()
{
    FixedClock clock(fixedNow);
    TokenInspector inspector;
    inspector.setClock(&clock);
    inspector.inspect(signToken(idTokenClaims()).token);
    auto *table = inspector.findChild<QTreeWidget *>(QStringLiteral("claimTable"));
    QVERIFY(table);
    QCOMPARE(table->topLevelItemCount(), idTokenClaims().size());

    QTreeWidgetItem *iss = claimRow(table, QStringLiteral("iss"));
    QVERIFY(iss);
    QCOMPARE(iss->text(TokenInspector::ClaimValueColumn), QStringLiteral("https://issuer.example"));
    QVERIFY(iss->text(TokenInspector::ClaimMeaningColumn).startsWith(QLatin1String("Issuer")));
    QVERIFY(claimRow(table, QStringLiteral("nonce"))
                ->text(TokenInspector::ClaimMeaningColumn)
                .contains(QLatin1String("replay")));
    QVERIFY(claimRow(table, QStringLiteral("x_custom"))
                ->text(TokenInspector::ClaimMeaningColumn)
                .contains(QLatin1String("Not a registered claim")));

    const QString exp =
        claimRow(table, QStringLiteral("exp"))->text(TokenInspector::ClaimValueColumn);
    QVERIFY2(exp.contains(QLatin1String("in 4 min 10 s")), qPrintable(exp));
    const QDateTime expiry = fixedNow.addSecs(250).toLocalTime();
    QVERIFY2(exp.contains(QLocale().toString(expiry, QLocale::ShortFormat)), qPrintable(exp));
    QVERIFY(exp.contains(QString::number(fixedNow.toSecsSinceEpoch() + 250)));
    const QString iat =
        claimRow(table, QStringLiteral("iat"))->text(TokenInspector::ClaimValueColumn);
    QVERIFY2(iat.contains(QLatin1String("3 h 0 min ago")), qPrintable(iat));

    QCOMPARE(TokenInspector::claimMeaning(QStringLiteral("cnf")).isEmpty(), false);
    for (const char *claim :
         {"iss", "sub", "aud",     "exp",    "nbf",    "iat", "jti",   "auth_time", "nonce", "acr",
          "amr", "azp", "at_hash", "c_hash", "s_hash", "sid", "scope", "client_id", "cnf",   "act"})
        QVERIFY2(!TokenInspector::claimMeaning(QString::fromLatin1(claim)).isEmpty(), claim);
}

void TestTokenInspector::countdownFollowsTheClock()
{
    FixedClock clock(fixedNow);
    TokenInspector inspector;
    inspector.setClock(&clock);
    inspector.inspect(signToken(idTokenClaims()).token);
    auto *table = inspector.findChild<QTreeWidget *>(QStringLiteral("claimTable"));
    QTreeWidgetItem *exp = claimRow(table, QStringLiteral("exp"));
    clock.advance(300); // now 50 s past exp: the once-a-second tick shows it
    QTRY_VERIFY_WITH_TIMEOUT(
        exp->text(TokenInspector::ClaimValueColumn).contains(QLatin1String("50 s ago")), 3000);
    QCOMPARE(TokenInspector::relativeTime(fixedNow.addSecs(240), fixedNow),
             QStringLiteral("in 4 min 0 s"));
    QCOMPARE(TokenInspector::relativeTime(fixedNow.addSecs(-3 * 3600), fixedNow),
             QStringLiteral("3 h 0 min ago"));
    QCOMPARE(TokenInspector::relativeTime(fixedNow.addSecs(3 * 86400), fixedNow),
             QStringLiteral("in 3 d 0 h"));
}

void TestTokenInspector::signatureStatusNamesKidAndThumbprint()
{
    TokenInspector inspector;
    const Signed token = signToken(idTokenClaims(), QStringLiteral("rotating-key-7"));
    TokenContext context;
    context.keys = token.keys;
    inspector.inspect(token.token, context);
    const QString status = inspector.findChild<QLabel *>(QStringLiteral("signatureStatus"))->text();
    QVERIFY2(status.contains(QLatin1String("verified")), qPrintable(status));
    QVERIFY2(status.contains(QLatin1String("rotating-key-7")), qPrintable(status));
    QVERIFY2(status.contains(token.thumbprint), qPrintable(status));
    QVERIFY2(status.contains(QLatin1String("EC")) && status.contains(QLatin1String("ES256")),
             qPrintable(status));
    QCOMPARE(inspector.signatureStatus(), status);
}

void TestTokenInspector::wrongKeySaysDoesNotVerify()
{
    TokenInspector inspector;
    const Signed token = signToken(idTokenClaims());
    const Signed other = signToken(idTokenClaims()); // same kid, another key
    TokenContext context;
    context.keys = other.keys;
    inspector.inspect(token.token, context);
    QVERIFY2(inspector.signatureStatus().contains(QLatin1String("does not verify")),
             qPrintable(inspector.signatureStatus()));
    QCOMPARE(inspector.token(), token.token); // shown as pasted
    const Findings findings = inspector.findings();
    QVERIFY(!findings.isEmpty());
    QCOMPARE(findings.constFirst().rule, QStringLiteral("jws_signature"));
    QCOMPARE(findings.constFirst().status, Finding::Status::Fail);
}

void TestTokenInspector::findingsAreOrderedFailFirstWithSpecLinks()
{
    FixedClock clock(fixedNow);
    TokenInspector inspector;
    inspector.setClock(&clock);
    QList<QUrl> opened;
    inspector.setUrlOpener([&opened](const QUrl &url) { opened.append(url); });
    const Signed token = signToken(idTokenClaims());
    TokenContext context;
    context.keys = token.keys;
    Jose::IdTokenExpectations expected;
    expected.issuer = QStringLiteral("https://other-issuer.example"); // iss fails
    expected.clientId = QStringLiteral("my-client");                  // aud passes
    expected.nonce = QStringLiteral("n-1");
    context.idToken = expected;
    inspector.inspect(token.token, context);

    auto *view = inspector.findChild<FindingsView *>(QStringLiteral("tokenFindings"));
    QVERIFY(view);
    QVERIFY(view->failureCount() >= 1);
    QVERIFY(view->topLevelItemCount() >= 3);
    int lastRank = 0;
    bool sawPass = false;
    for (int i = 0; i < view->topLevelItemCount(); ++i) {
        const QString status = view->topLevelItem(i)->text(0);
        const int rank = status == FindingsView::statusText(Finding::Status::Fail)   ? 0
                         : status == FindingsView::statusText(Finding::Status::Warn) ? 1
                                                                                     : 2;
        QVERIFY2(rank >= lastRank, qPrintable(QStringLiteral("row %1 out of order").arg(i)));
        lastRank = rank;
        sawPass = sawPass || rank == 2;
    }
    QVERIFY(sawPass);
    QCOMPARE(view->topLevelItem(0)->text(0), FindingsView::statusText(Finding::Status::Fail));

    // The first failure's specification is a link, opened through the seam.
    QTreeWidgetItem *first = view->topLevelItem(0);
    QVERIFY(first->font(3).underline());
    emit view->itemClicked(first, 3);
    QCOMPARE(opened.size(), 1);
    QCOMPARE(opened.constFirst(), TokenInspector::specUrl(first->text(3)));
    QVERIFY(opened.constFirst().host() == QLatin1String("openid.net") ||
            opened.constFirst().host() == QLatin1String("www.rfc-editor.org"));
    emit view->itemClicked(first, 1); // another column: nothing opens
    QCOMPARE(opened.size(), 1);
}

void TestTokenInspector::specUrls_data()
{
    QTest::addColumn<QString>("spec");
    QTest::addColumn<QString>("url");
    QTest::newRow("rfc_with_section")
        << QStringLiteral("RFC 7519 §4.1.4")
        << QStringLiteral("https://www.rfc-editor.org/rfc/rfc7519#section-4.1.4");
    QTest::newRow("rfc_without_section")
        << QStringLiteral("RFC 7516") << QStringLiteral("https://www.rfc-editor.org/rfc/rfc7516");
    QTest::newRow("first_of_several")
        << QStringLiteral("RFC 9068 §2.2, RFC 7519 §4.1.7")
        << QStringLiteral("https://www.rfc-editor.org/rfc/rfc9068#section-2.2");
    QTest::newRow("oidc_core_id_token_validation")
        << QStringLiteral("OpenID Connect Core 1.0 §3.1.3.7 (11)")
        << QStringLiteral(
               "https://openid.net/specs/openid-connect-core-1_0.html#IDTokenValidation");
    QTest::newRow("oidc_core_other_section")
        << QStringLiteral("OpenID Connect Core 1.0 §16.1")
        << QStringLiteral("https://openid.net/specs/openid-connect-core-1_0.html#rfc.section.16.1");
    QTest::newRow("unknown_spec_is_no_link")
        << QStringLiteral("FAPI 1.0 Advanced §5.1") << QString();
}

void TestTokenInspector::specUrls()
{
    QFETCH(QString, spec);
    QFETCH(QString, url);
    QCOMPARE(TokenInspector::specUrl(spec).toString(), url);
}

void TestTokenInspector::algNoneIsFlagged()
{
    TokenInspector inspector;
    const QByteArray token = Jose::Base64Url::encode(R"({"alg":"none"})") + '.' +
                             Jose::Base64Url::encode(R"({"sub":"mallory"})") + '.';
    TokenContext context;
    context.keys = signToken(idTokenClaims()).keys;
    inspector.inspect(QString::fromLatin1(token), context);
    QCOMPARE(inspector.format(), TokenInspector::Format::Jws);
    QVERIFY2(inspector.signatureStatus().contains(QLatin1String("Unsigned")),
             qPrintable(inspector.signatureStatus()));
    const Findings findings = inspector.findings();
    QVERIFY(!findings.isEmpty());
    QCOMPARE(findings.constFirst().status, Finding::Status::Fail);
    QCOMPARE(findings.constFirst().rule, QStringLiteral("alg_none"));
}

void TestTokenInspector::opaqueTokenPointsToIntrospection()
{
    TokenInspector inspector;
    inspector.inspect(QStringLiteral("2YotnFZFEjr1zCsicMWpAA"));
    QCOMPARE(inspector.format(), TokenInspector::Format::Opaque);
    auto *note = inspector.findChild<QLabel *>(QStringLiteral("tokenNote"));
    QVERIFY(!note->isHidden());
    QVERIFY(note->text().contains(QLatin1String("introspection")));
    QVERIFY(note->text().contains(QLatin1String("RFC 7662")));
    QCOMPARE(inspector.findChild<QTreeWidget *>(QStringLiteral("claimTable"))->topLevelItemCount(),
             0);
}

void TestTokenInspector::jweShowsItsHeaderWithoutAKey()
{
    TokenInspector inspector;
    const QByteArray header =
        Jose::Base64Url::encode(R"({"alg":"RSA-OAEP","enc":"A256GCM","kid":"k"})");
    inspector.inspect(QString::fromLatin1(header + ".a2V5.aXY.Y2lwaGVy.dGFn"));
    QCOMPARE(inspector.format(), TokenInspector::Format::Jwe);
    const QString kind = inspector.findChild<QLabel *>(QStringLiteral("tokenKind"))->text();
    QVERIFY2(kind.contains(QLatin1String("JWE")) && kind.contains(QLatin1String("A256GCM")),
             qPrintable(kind));
    QVERIFY(inspector.signatureStatus().contains(QLatin1String("Encrypted")));
    auto *headerView = inspector.findChild<QPlainTextEdit *>(QStringLiteral("tokenHeader"));
    QVERIFY(headerView->toPlainText().contains(QLatin1String("RSA-OAEP")));
}

void TestTokenInspector::flowFindingsAreShownAsTheyAre()
{
    TokenInspector inspector;
    TokenContext context;
    context.signatureCheckedElsewhere = true;
    context.findings = {
        Finding{QStringLiteral("nonce_matches"), Finding::Status::Pass, QStringLiteral("ok")},
        Finding{QStringLiteral("from_flow"),
                Finding::Status::Warn,
                QStringLiteral("flow says"),
                {},
                {},
                QStringLiteral("RFC 9700 §2.1"),
                QStringLiteral("id_token")}};
    inspector.inspect(signToken(idTokenClaims()).token, context);
    const Findings findings = inspector.findings();
    QCOMPARE(findings.at(0).rule, QStringLiteral("from_flow"));
    QCOMPARE(findings.at(0).subject, QStringLiteral("id_token"));
    QCOMPARE(findings.at(0).spec, QStringLiteral("RFC 9700 §2.1"));
    const auto nonce = std::find_if(findings.cbegin(), findings.cend(), [](const Finding &f) {
        return f.rule == QLatin1String("nonce_matches");
    });
    QVERIFY(nonce != findings.cend());
    QCOMPARE(nonce->message, QStringLiteral("ok"));
    // The flow checked the signature: no "not checked" warning is added.
    QVERIFY(std::none_of(findings.cbegin(), findings.cend(), [](const Finding &f) {
        return f.rule == QLatin1String("signature_verified");
    }));
}

void TestTokenInspector::maskedTokenHidesTheCompactFormOnly()
{
    TokenInspector inspector;
    const Signed token = signToken(idTokenClaims());
    inspector.setTokenMasked(true);
    inspector.inspect(token.token);
    auto *segments = inspector.findChild<QTextEdit *>(QStringLiteral("tokenSegments"));
    QVERIFY(!segments->toPlainText().contains(token.token.left(20)));
    QVERIFY(segments->toPlainText().contains(QLatin1String("hidden")));
    QCOMPARE(inspector.findChild<QTreeWidget *>(QStringLiteral("claimTable"))->topLevelItemCount(),
             idTokenClaims().size());
    inspector.setTokenMasked(false);
    QCOMPARE(segments->toPlainText(), token.token);
    QCOMPARE(inspector.token(), token.token);
}

void TestTokenInspector::jweIsDecryptedWithItsKey()
{
    if (!Jose::JweDecryptor::isAvailable())
        QSKIP("built without libjose");
    TokenInspector inspector;
    const QString jwe = QString::fromLatin1(RfcVectors::rfc7520A128kwJwe());
    TokenContext context;
    context.decryptionKeys = RfcVectors::rfc7520A128kwKey();
    inspector.inspect(jwe, context);
    QCOMPARE(inspector.format(), TokenInspector::Format::Jwe);
    QVERIFY2(inspector.signatureStatus().contains(QLatin1String("Decrypted")),
             qPrintable(inspector.signatureStatus()));
    QVERIFY(inspector.findChild<QPlainTextEdit *>(QStringLiteral("tokenPayload"))
                ->toPlainText()
                .contains(QLatin1String("Frodo")));
    QCOMPARE(inspector.findings().constFirst().rule, QStringLiteral("jwe_decrypted"));
    // The JWE stays on show as given, its five segments coloured.
    auto *segments = inspector.findChild<QTextEdit *>(QStringLiteral("tokenSegments"));
    QCOMPARE(segments->toPlainText(), jwe);

    context.decryptionKeys = R"({"kty":"oct","k":"AAAAAAAAAAAAAAAAAAAAAA"})";
    inspector.inspect(jwe, context);
    QVERIFY2(inspector.signatureStatus().contains(QLatin1String("Cannot decrypt")),
             qPrintable(inspector.signatureStatus()));
    QCOMPARE(inspector.findings().constFirst().status, Finding::Status::Fail);
}

QTEST_MAIN(TestTokenInspector)
#include "TestTokenInspector.moc"
