#pragma once

#include "TokenContext.h"

#include <QColor>
#include <QDateTime>
#include <QJsonObject>
#include <QTimer>
#include <QUrl>
#include <QWidget>

#include <functional>
#include <memory>

namespace Tokenscope {
class Clock;
namespace Jose {
struct JwsVerifyResult;
class JwsToken;
} // namespace Jose
} // namespace Tokenscope

class CodeView;
class FindingsView;
class QLabel;
class QTabWidget;
class QTextEdit;
class QTreeWidget;
class QTreeWidgetItem;

// One token laid open: the compact form with its header, payload and signature segments in
// distinct colours; the decoded header and payload; a claim table (claim, value, meaning,
// times as local date-time plus a countdown updated every second); the signature status with
// the key that verified it (kid, kty, alg, RFC 7638 thumbprint) or why none did; and the
// findings, failures first, their specification a link. It only reads the token: it never
// signs, re-encodes or changes it.
class TokenInspector final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(TokenInspector)

public:
    enum class Format
    {
        Empty,
        Jws,
        Jwe,
        Malformed,
        Opaque,
    };
    enum Segment
    {
        HeaderSegment,
        PayloadSegment,
        SignatureSegment,
        EncryptedKeySegment,
        IvSegment,
        CiphertextSegment,
        TagSegment,
    };
    enum ClaimColumn
    {
        ClaimNameColumn,
        ClaimValueColumn,
        ClaimMeaningColumn,
    };

    explicit TokenInspector(QWidget *parent = nullptr);
    ~TokenInspector() override;

    void inspect(const QString &token, const TokenContext &context = {});
    void clear();

    // The clock for exp/iat/nbf countdowns and claim rules (the system clock by default).
    void setClock(const Tokenscope::Clock *clock);
    // Hides the compact token (the decoded parts stay), as the app hides secrets until the
    // user asks to see them.
    void setTokenMasked(bool masked);
    bool isTokenMasked() const { return m_masked; }
    // How spec links are opened (QDesktopServices by default). Tests replace it.
    void setUrlOpener(std::function<void(const QUrl &)> opener);

    QString token() const { return m_token; }
    Format format() const { return m_format; }
    QString signatureStatus() const;
    Tokenscope::Findings findings() const { return m_findings; } // as shown, failures first
    bool isVerifying() const { return m_verifying; }

    static QColor segmentColor(Segment segment);
    // What a registered claim means; empty for a claim we don't know.
    static QString claimMeaning(const QString &claim);
    // "in 4 min 10 s", "3 h 2 min ago", "now".
    static QString relativeTime(const QDateTime &when, const QDateTime &now);
    // "RFC 7519 §4.1.4" → https://www.rfc-editor.org/rfc/rfc7519#section-4.1.4; OpenID
    // Connect Core 1.0 §x to its section anchor; an empty URL when the text names neither.
    static QUrl specUrl(const QString &spec);
    // Failures, then warnings, then passes; the order within each kept.
    static Tokenscope::Findings sortedFindings(const Tokenscope::Findings &findings);

signals:
    // The inspection is complete (after a key set was fetched, when one had to be).
    void inspected();

private:
    void showSegments(const QList<QByteArray> &segments, bool encrypted);
    void showJson(CodeView *view, const QJsonObject &object, const QByteArray &raw);
    void fillClaims(const QJsonObject &claims);
    void refreshTimes();
    void inspectJws(const QByteArray &compact, const TokenContext &context,
                    Tokenscope::Findings prefix);
    void showVerification(const Tokenscope::Jose::JwsVerifyResult &result);
    void finish();
    Tokenscope::Findings claimFindings(const Tokenscope::Jose::JwsToken &token,
                                       const TokenContext &context) const;
    void openSpec(QTreeWidgetItem *item, int column);
    QDateTime now() const;

    QString m_token;
    QList<QByteArray> m_shownSegments;
    bool m_shownEncrypted = false;
    bool m_masked = false;
    Format m_format = Format::Empty;
    Tokenscope::Findings m_findings; // all, as shown
    Tokenscope::Findings m_pending;  // collected while a key set is being fetched
    quint64 m_generation = 0;        // stale JwksCache answers are dropped
    bool m_verifying = false;
    QList<QPair<QTreeWidgetItem *, QDateTime>> m_timeRows;
    QTimer m_tick;
    std::unique_ptr<Tokenscope::Clock> m_systemClock;
    const Tokenscope::Clock *m_clock;
    std::function<void(const QUrl &)> m_openUrl;

    QLabel *m_kind;
    QTextEdit *m_segments;
    QLabel *m_signature;
    QLabel *m_note;
    QTabWidget *m_tabs;
    QTreeWidget *m_claims;
    CodeView *m_header;
    CodeView *m_payload;
    FindingsView *m_findingsView;
};
