// Every error code of the specifications Tokenscope speaks has a plain-language explanation
// that names the usual cause; a provider's own code has none (nothing invented).
#include "common/OAuthErrorExplanation.h"

#include <QTest>

using namespace Tokenscope;

class TestOAuthErrorExplanation final : public QObject
{
    Q_OBJECT

private slots:
    void everyStandardCodeIsExplained_data();
    void everyStandardCodeIsExplained();
    void unknownCodesAreNotExplained();
};

void TestOAuthErrorExplanation::everyStandardCodeIsExplained_data()
{
    QTest::addColumn<QString>("code");
    QTest::addColumn<QString>("mentions");
    // RFC 6749 §4.1.2.1 and §5.2, RFC 6750 §3.1, RFC 8628 §3.5, OIDC Core §3.1.2.6, RFC 9449,
    // RFC 9470, CIBA §13.
    const QList<QPair<const char *, const char *>> codes{
        {"invalid_request", "parameter"},
        {"invalid_client", "client_id"},
        {"invalid_grant", "code_verifier"},
        {"unauthorized_client", "grant type"},
        {"unsupported_grant_type", "grant_types_supported"},
        {"invalid_scope", "scope"},
        {"access_denied", "Deny"},
        {"unsupported_response_type", "response_type"},
        {"server_error", "logs"},
        {"temporarily_unavailable", "later"},
        {"interaction_required", "prompt=none"},
        {"login_required", "session"},
        {"consent_required", "consented"},
        {"account_selection_required", "choose"},
        {"authorization_pending", "interval"},
        {"slow_down", "5 seconds"},
        {"expired_token", "expired"},
        {"invalid_token", "revoked"},
        {"insufficient_scope", "scope"},
        {"insufficient_user_authentication", "acr_values"},
        {"use_dpop_nonce", "DPoP-Nonce"},
        {"invalid_dpop_proof", "jti"},
        {"invalid_target", "resource"},
        {"unknown_user_id", "login hint"},
    };
    for (const auto &[code, mentions] : codes)
        QTest::newRow(code) << QString::fromLatin1(code) << QString::fromLatin1(mentions);
}

void TestOAuthErrorExplanation::everyStandardCodeIsExplained()
{
    QFETCH(QString, code);
    QFETCH(QString, mentions);
    const QString text = explainOAuthError(code);
    QVERIFY2(text.contains(mentions), qPrintable(text));
}

void TestOAuthErrorExplanation::unknownCodesAreNotExplained()
{
    QVERIFY(explainOAuthError(QStringLiteral("vendor_specific_thing")).isEmpty());
    QVERIFY(explainOAuthError(QString()).isEmpty());
    QVERIFY(explainOAuthError(QStringLiteral("INVALID_GRANT")).isEmpty()); // codes are exact
}

QTEST_GUILESS_MAIN(TestOAuthErrorExplanation)
#include "TestOAuthErrorExplanation.moc"
