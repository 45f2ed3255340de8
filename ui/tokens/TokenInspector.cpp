#include "TokenInspector.h"

#include "common/Clock.h"
#include "common/CodeView.h"
#include "common/FindingsView.h"
#include "common/JsonHighlighter.h"
#include "jose/Base64Url.h"
#include "jose/JweDecryptor.h"
#include "jose/JwksCache.h"
#include "jose/JwsToken.h"
#include "jose/JwsVerifier.h"

#include <QDesktopServices>
#include <QFontDatabase>
#include <QHeaderView>
#include <QJsonArray>
#include <QJsonDocument>
#include <QLabel>
#include <QLocale>
#include <QRegularExpression>
#include <QSplitter>
#include <QTabWidget>
#include <QTextCursor>
#include <QTextEdit>
#include <QTreeWidget>
#include <QVBoxLayout>

#include <algorithm>

using Tokenscope::Finding;
using Tokenscope::Findings;
namespace Jose = Tokenscope::Jose;

namespace {

constexpr int UrlRole = Qt::UserRole + 1;
constexpr int SpecColumn = 3; // FindingsView's specification column

QString prettyJson(const QJsonObject &object)
{
    return QString::fromUtf8(QJsonDocument(object).toJson(QJsonDocument::Indented)).trimmed();
}

QString claimValueText(const QJsonValue &value)
{
    switch (value.type()) {
    case QJsonValue::String:
        return value.toString();
    case QJsonValue::Double: {
        const double number = value.toDouble();
        if (number == double(qint64(number)))
            return QString::number(qint64(number));
        return QString::number(number);
    }
    case QJsonValue::Bool:
        return value.toBool() ? QStringLiteral("true") : QStringLiteral("false");
    case QJsonValue::Null:
        return QStringLiteral("null");
    case QJsonValue::Array:
        return QString::fromUtf8(QJsonDocument(value.toArray()).toJson(QJsonDocument::Compact));
    case QJsonValue::Object:
        return QString::fromUtf8(QJsonDocument(value.toObject()).toJson(QJsonDocument::Compact));
    case QJsonValue::Undefined:
        break;
    }
    return QString();
}

bool isTimeClaim(const QString &claim)
{
    return claim == QLatin1String("exp") || claim == QLatin1String("iat") ||
           claim == QLatin1String("nbf") || claim == QLatin1String("auth_time") ||
           claim == QLatin1String("updated_at");
}

// OpenID Connect Core 1.0 section numbers and the anchors the published page gives them.
QString oidcCoreAnchor(const QString &section)
{
    static const QHash<QString, QString> anchors{
        {QStringLiteral("2"), QStringLiteral("IDToken")},
        {QStringLiteral("3.1.2.1"), QStringLiteral("AuthRequest")},
        {QStringLiteral("3.1.3.3"), QStringLiteral("TokenResponse")},
        {QStringLiteral("3.1.3.7"), QStringLiteral("IDTokenValidation")},
        {QStringLiteral("3.1.3.8"), QStringLiteral("CodeValidation")},
        {QStringLiteral("3.2.2.9"), QStringLiteral("ImplicitTokenValidation")},
        {QStringLiteral("3.2.2.10"), QStringLiteral("ImplicitIDToken")},
        {QStringLiteral("3.2.2.11"), QStringLiteral("ImplicitIDTValidation")},
        {QStringLiteral("3.3.2.11"), QStringLiteral("HybridIDToken")},
        {QStringLiteral("3.3.3.6"), QStringLiteral("HybridIDToken2")},
        {QStringLiteral("5.1"), QStringLiteral("StandardClaims")},
        {QStringLiteral("5.3.2"), QStringLiteral("UserInfoResponse")},
        {QStringLiteral("5.5.1.1"), QStringLiteral("acrSemantics")},
        {QStringLiteral("10.1.1"), QStringLiteral("RotateSigKeys")},
    };
    return anchors.value(section, QStringLiteral("rfc.section.") + section);
}

} // namespace

TokenInspector::TokenInspector(QWidget *parent)
    : QWidget(parent)
    , m_systemClock(std::make_unique<Tokenscope::SystemClock>())
    , m_clock(m_systemClock.get())
    , m_openUrl([](const QUrl &url) { QDesktopServices::openUrl(url); })
    , m_kind(new QLabel(this))
    , m_segments(new QTextEdit(this))
    , m_signature(new QLabel(this))
    , m_note(new QLabel(this))
    , m_tabs(new QTabWidget(this))
    , m_claims(new QTreeWidget(this))
    , m_header(new CodeView(this))
    , m_payload(new CodeView(this))
    , m_findingsView(new FindingsView(this))
{
    m_kind->setObjectName(QStringLiteral("tokenKind"));
    QFont bold = m_kind->font();
    bold.setBold(true);
    m_kind->setFont(bold);

    m_segments->setObjectName(QStringLiteral("tokenSegments"));
    m_segments->setReadOnly(true);
    m_segments->setLineWrapMode(QTextEdit::WidgetWidth);
    m_segments->setWordWrapMode(QTextOption::WrapAnywhere);
    m_segments->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    m_segments->setMaximumHeight(m_segments->fontMetrics().lineSpacing() * 6 + 12);
    m_segments->setAccessibleName(tr("Token"));

    m_signature->setObjectName(QStringLiteral("signatureStatus"));
    m_signature->setWordWrap(true);
    m_signature->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_note->setObjectName(QStringLiteral("tokenNote"));
    m_note->setWordWrap(true);
    m_note->setVisible(false);

    m_claims->setObjectName(QStringLiteral("claimTable"));
    m_claims->setColumnCount(3);
    m_claims->setHeaderLabels({tr("Claim"), tr("Value"), tr("Meaning")});
    m_claims->setRootIsDecorated(false);
    m_claims->setAlternatingRowColors(true);
    m_claims->setWordWrap(true);
    const int em = fontMetrics().horizontalAdvance(QLatin1Char('M'));
    m_claims->setColumnWidth(ClaimNameColumn, em * 8);
    m_claims->setColumnWidth(ClaimValueColumn, em * 24);
    m_claims->header()->setStretchLastSection(true);

    m_header->setObjectName(QStringLiteral("tokenHeader"));
    m_payload->setObjectName(QStringLiteral("tokenPayload"));
    new JsonHighlighter(m_header->document());
    new JsonHighlighter(m_payload->document());
    m_findingsView->setObjectName(QStringLiteral("tokenFindings"));

    m_tabs->setObjectName(QStringLiteral("tokenTabs"));
    m_tabs->addTab(m_claims, tr("Claims"));
    m_tabs->addTab(m_header, tr("Header"));
    m_tabs->addTab(m_payload, tr("Payload"));

    auto *splitter = new QSplitter(Qt::Vertical, this);
    splitter->addWidget(m_tabs);
    splitter->addWidget(m_findingsView);
    splitter->setStretchFactor(0, 2);
    splitter->setStretchFactor(1, 3);

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_kind);
    layout->addWidget(m_segments);
    layout->addWidget(m_signature);
    layout->addWidget(m_note);
    layout->addWidget(splitter, 1);

    connect(m_findingsView, &QTreeWidget::itemClicked, this, &TokenInspector::openSpec);
    connect(m_findingsView, &QTreeWidget::itemActivated, this, &TokenInspector::openSpec);
    m_tick.setInterval(1000);
    connect(&m_tick, &QTimer::timeout, this, &TokenInspector::refreshTimes);
    clear();
}

TokenInspector::~TokenInspector() = default;

void TokenInspector::setClock(const Tokenscope::Clock *clock)
{
    m_clock = clock ? clock : m_systemClock.get();
    refreshTimes();
}

void TokenInspector::setUrlOpener(std::function<void(const QUrl &)> opener)
{
    m_openUrl = std::move(opener);
}

QDateTime TokenInspector::now() const
{
    return m_clock->now();
}

QString TokenInspector::signatureStatus() const
{
    return m_signature->text();
}

QColor TokenInspector::segmentColor(Segment segment)
{
    // Dark enough to read on a light background, distinct from each other (jwt.io's
    // red / purple / blue, darkened).
    switch (segment) {
    case HeaderSegment:
        return QColor(0xc0, 0x1b, 0x3c);
    case PayloadSegment:
        return QColor(0x7b, 0x1f, 0xa2);
    case SignatureSegment:
        return QColor(0x00, 0x6b, 0xa8);
    case EncryptedKeySegment:
        return QColor(0xb3, 0x59, 0x00);
    case IvSegment:
        return QColor(0x2e, 0x7d, 0x32);
    case CiphertextSegment:
        return QColor(0x7b, 0x1f, 0xa2);
    case TagSegment:
        return QColor(0x00, 0x6b, 0xa8);
    }
    return QColor(Qt::black);
}

QString TokenInspector::claimMeaning(const QString &claim)
{
    static const QHash<QString, const char *> meanings{
        // RFC 7519 §4.1
        {QStringLiteral("iss"),
         QT_TR_NOOP("Issuer: who made and signed the token (RFC 7519 §4.1.1)")},
        {QStringLiteral("sub"),
         QT_TR_NOOP(
             "Subject: whom the token is about, unique within the issuer (RFC 7519 §4.1.2)")},
        {QStringLiteral("aud"),
         QT_TR_NOOP("Audience: who the token is meant for (RFC 7519 §4.1.3)")},
        {QStringLiteral("exp"),
         QT_TR_NOOP("Expiration time: not to be accepted on or after it (RFC 7519 §4.1.4)")},
        {QStringLiteral("nbf"),
         QT_TR_NOOP("Not before: not to be accepted before it (RFC 7519 §4.1.5)")},
        {QStringLiteral("iat"), QT_TR_NOOP("Issued at: when the token was made (RFC 7519 §4.1.6)")},
        {QStringLiteral("jti"),
         QT_TR_NOOP("JWT ID: a unique identifier, to detect replay (RFC 7519 §4.1.7)")},
        // OpenID Connect Core 1.0 §2, §3.1.3.6, §3.3.2.11
        {QStringLiteral("auth_time"),
         QT_TR_NOOP("When the user last authenticated (OpenID Connect Core §2)")},
        {QStringLiteral("nonce"),
         QT_TR_NOOP("The nonce the client sent, against replay (OpenID Connect Core §2)")},
        {QStringLiteral("acr"),
         QT_TR_NOOP(
             "Authentication context class the authentication satisfied (OpenID Connect Core §2)")},
        {QStringLiteral("amr"),
         QT_TR_NOOP(
             "Authentication methods used, e.g. pwd, otp, mfa (OpenID Connect Core §2, RFC 8176)")},
        {QStringLiteral("azp"),
         QT_TR_NOOP(
             "Authorized party: the client the ID token was issued to (OpenID Connect Core §2)")},
        {QStringLiteral("at_hash"), QT_TR_NOOP("Access token hash: left half of its hash, binds "
                                               "the access token (OpenID Connect Core §3.1.3.6)")},
        {QStringLiteral("c_hash"), QT_TR_NOOP("Code hash: left half of the code's hash, binds the "
                                              "code (OpenID Connect Core §3.3.2.11)")},
        {QStringLiteral("s_hash"),
         QT_TR_NOOP("State hash: left half of the state's hash (FAPI 1.0 Advanced §5.1)")},
        {QStringLiteral("sid"),
         QT_TR_NOOP(
             "Session ID at the provider, for logout (OpenID Connect Front/Back-Channel Logout)")},
        {QStringLiteral("events"),
         QT_TR_NOOP("Security events, e.g. in a logout token (RFC 8417)")},
        // OpenID Connect Core 1.0 §5.1 standard claims
        {QStringLiteral("name"), QT_TR_NOOP("Full name (OpenID Connect Core §5.1)")},
        {QStringLiteral("given_name"), QT_TR_NOOP("Given name (OpenID Connect Core §5.1)")},
        {QStringLiteral("family_name"), QT_TR_NOOP("Family name (OpenID Connect Core §5.1)")},
        {QStringLiteral("preferred_username"),
         QT_TR_NOOP("The name the user likes to be called; not unique (OpenID Connect Core §5.1)")},
        {QStringLiteral("email"),
         QT_TR_NOOP("Email address; not an identifier (OpenID Connect Core §5.1)")},
        {QStringLiteral("email_verified"),
         QT_TR_NOOP("Whether the provider verified the email address (OpenID Connect Core §5.1)")},
        {QStringLiteral("phone_number"), QT_TR_NOOP("Phone number (OpenID Connect Core §5.1)")},
        {QStringLiteral("locale"), QT_TR_NOOP("Locale, e.g. en-US (OpenID Connect Core §5.1)")},
        {QStringLiteral("updated_at"),
         QT_TR_NOOP("When the user's information was last updated (OpenID Connect Core §5.1)")},
        {QStringLiteral("picture"), QT_TR_NOOP("Profile picture URL (OpenID Connect Core §5.1)")},
        // RFC 9068, RFC 8693, RFC 7800, RFC 9449
        {QStringLiteral("client_id"),
         QT_TR_NOOP("The client the token was issued to (RFC 9068 §2.2, RFC 8693 §4.3)")},
        {QStringLiteral("scope"),
         QT_TR_NOOP("Scopes granted, space separated (RFC 9068 §2.2.3, RFC 8693 §4.2)")},
        {QStringLiteral("roles"), QT_TR_NOOP("Roles of the subject (RFC 9068 §2.2.3.1, RFC 7643)")},
        {QStringLiteral("groups"),
         QT_TR_NOOP("Groups of the subject (RFC 9068 §2.2.3.1, RFC 7643)")},
        {QStringLiteral("entitlements"),
         QT_TR_NOOP("Entitlements of the subject (RFC 9068 §2.2.3.1, RFC 7643)")},
        {QStringLiteral("act"),
         QT_TR_NOOP("Actor: who acts on the subject's behalf (RFC 8693 §4.1)")},
        {QStringLiteral("may_act"),
         QT_TR_NOOP("Who may act on the subject's behalf (RFC 8693 §4.4)")},
        {QStringLiteral("cnf"),
         QT_TR_NOOP("Confirmation: the key the token is bound to — jkt (DPoP), x5t#S256 (mTLS), "
                    "jwk (RFC 7800, RFC 9449, RFC 8705)")},
        {QStringLiteral("typ"), QT_TR_NOOP("Token type (Keycloak and others)")},
    };
    const auto it = meanings.constFind(claim);
    return it == meanings.constEnd() ? QString() : tr(it.value());
}

QString TokenInspector::relativeTime(const QDateTime &when, const QDateTime &now)
{
    const qint64 seconds = now.secsTo(when);
    const qint64 magnitude = seconds < 0 ? -seconds : seconds;
    if (magnitude == 0)
        return tr("now");
    QString span;
    if (magnitude >= 2 * 86400)
        span = tr("%1 d %2 h").arg(magnitude / 86400).arg((magnitude % 86400) / 3600);
    else if (magnitude >= 3600)
        span = tr("%1 h %2 min").arg(magnitude / 3600).arg((magnitude % 3600) / 60);
    else if (magnitude >= 60)
        span = tr("%1 min %2 s").arg(magnitude / 60).arg(magnitude % 60);
    else
        span = tr("%1 s").arg(magnitude);
    return seconds > 0 ? tr("in %1").arg(span) : tr("%1 ago").arg(span);
}

QUrl TokenInspector::specUrl(const QString &spec)
{
    static const QRegularExpression rfc(
        QStringLiteral("RFC\\s*(\\d+)(?:\\s*§\\s*([0-9A-Z]+(?:\\.[0-9]+)*))?"));
    static const QRegularExpression oidc(
        QStringLiteral("OpenID Connect Core 1\\.0\\s*§\\s*([0-9]+(?:\\.[0-9]+)*)"));
    const QRegularExpressionMatch r = rfc.match(spec);
    const QRegularExpressionMatch o = oidc.match(spec);
    if (o.hasMatch() && (!r.hasMatch() || o.capturedStart() < r.capturedStart()))
        return QUrl(QStringLiteral("https://openid.net/specs/openid-connect-core-1_0.html#") +
                    oidcCoreAnchor(o.captured(1)));
    if (!r.hasMatch())
        return {};
    QString url = QStringLiteral("https://www.rfc-editor.org/rfc/rfc") + r.captured(1);
    if (!r.captured(2).isEmpty()) {
        const QString section = r.captured(2);
        url += (section.front().isLetter() ? QStringLiteral("#appendix-")
                                           : QStringLiteral("#section-")) +
               section;
    }
    return QUrl(url);
}

Findings TokenInspector::sortedFindings(const Findings &findings)
{
    Findings sorted = findings;
    const auto rank = [](Finding::Status status) {
        switch (status) {
        case Finding::Status::Fail:
            return 0;
        case Finding::Status::Warn:
            return 1;
        case Finding::Status::Pass:
            return 2;
        }
        return 3;
    };
    std::stable_sort(sorted.begin(), sorted.end(), [&rank](const Finding &a, const Finding &b) {
        return rank(a.status) < rank(b.status);
    });
    return sorted;
}

void TokenInspector::clear()
{
    ++m_generation;
    m_token.clear();
    m_shownSegments.clear();
    m_format = Format::Empty;
    m_findings.clear();
    m_pending.clear();
    m_verifying = false;
    m_timeRows.clear();
    m_tick.stop();
    m_kind->setText(tr("No token"));
    m_segments->clear();
    m_signature->clear();
    m_note->clear();
    m_note->setVisible(false);
    m_claims->clear();
    m_header->clear();
    m_payload->clear();
    m_tabs->setCurrentWidget(m_claims);
    m_findingsView->setFindings({});
}

void TokenInspector::inspect(const QString &token, const TokenContext &context)
{
    clear();
    m_token = token.trimmed();
    const QByteArray compact = m_token.toUtf8();
    if (compact.isEmpty())
        return finish();
    const QList<QByteArray> segments = compact.split('.');
    if (segments.size() == 5) {
        m_format = Format::Jwe;
        showSegments(segments, true);
        QByteArray headerBytes;
        QJsonObject header;
        if (Jose::Base64Url::decode(segments.constFirst(), &headerBytes))
            header = QJsonDocument::fromJson(headerBytes).object();
        showJson(m_header, header, headerBytes);
        m_tabs->setCurrentWidget(m_header);
        if (context.decryptionKeys.isEmpty()) {
            m_kind->setText(tr("Encrypted token (JWE, %1 / %2)")
                                .arg(header.value(QLatin1String("alg")).toString(),
                                     header.value(QLatin1String("enc")).toString()));
            m_signature->setText(tr("Encrypted: give the private key (a JWK or JWK Set) to "
                                    "decrypt it. Only the header can be read without it."));
            m_pending = context.findings;
            return finish();
        }
        const Jose::JweDecryptor::Result decrypted =
            Jose::JweDecryptor::decrypt(compact, context.decryptionKeys);
        if (decrypted.isError()) {
            m_kind->setText(tr("Encrypted token (JWE)"));
            m_signature->setText(tr("Cannot decrypt: %1").arg(decrypted.error.message));
            m_pending = context.findings + decrypted.findings;
            m_pending.append(Finding{QStringLiteral("jwe_decrypted"),
                                     Finding::Status::Fail,
                                     decrypted.error.message,
                                     {},
                                     {},
                                     QStringLiteral("RFC 7516 §5.2")});
            return finish();
        }
        Findings prefix = decrypted.findings;
        prefix.prepend(Finding{QStringLiteral("jwe_decrypted"),
                               Finding::Status::Pass,
                               tr("The JWE decrypts and its tag verifies"),
                               {},
                               {},
                               QStringLiteral("RFC 7516 §5.2")});
        const QByteArray inner = decrypted.plaintext.trimmed();
        if (Jose::JwsToken::parseCompact(inner).isError()) {
            m_kind->setText(tr("Encrypted token (JWE), decrypted"));
            m_payload->setPlainText(QString::fromUtf8(decrypted.plaintext));
            m_tabs->setCurrentWidget(m_payload);
            m_signature->setText(tr("Decrypted; the content is not a signed JWT."));
            m_pending = context.findings + prefix;
            return finish();
        }
        m_note->setText(tr("Decrypted JWE (header: %1); below, the nested JWT it carries.")
                            .arg(QString::fromUtf8(
                                QJsonDocument(decrypted.header).toJson(QJsonDocument::Compact))));
        m_note->setVisible(true);
        inspectJws(inner, context, prefix);
        return;
    }
    if (segments.size() == 3) {
        inspectJws(compact, context, {});
        return;
    }
    m_format = compact.startsWith("eyJ") ? Format::Malformed : Format::Opaque;
    setTokenMasked(m_masked);
    if (m_format == Format::Malformed) {
        m_kind->setText(tr("Malformed JWT"));
        m_signature->setText(tr("It starts like a JWT but does not have three (JWS) or five "
                                "(JWE) segments."));
        m_pending = context.findings;
        m_pending.append(
            Finding{QStringLiteral("jwt_parses"),
                    Finding::Status::Fail,
                    tr("Not a compact JWS or JWE: %n segment(s)", nullptr, int(segments.size())),
                    {},
                    {},
                    QStringLiteral("RFC 7515 §7.1")});
    } else {
        m_kind->setText(tr("Opaque token"));
        m_signature->setText(tr("Not a JWT: there is nothing to decode or verify here."));
        m_note->setText(tr("An opaque token means something only to the server that issued it. "
                           "Ask that server: token introspection (RFC 7662) tells whether it is "
                           "active, its scope, client and expiry."));
        m_note->setVisible(true);
        m_pending = context.findings;
    }
    finish();
}

void TokenInspector::inspectJws(const QByteArray &compact, const TokenContext &context,
                                Findings prefix)
{
    const QList<QByteArray> segments = compact.split('.');
    if (m_format != Format::Jwe) // a nested JWT: the JWE stays on show, as it was given
        showSegments(segments, false);
    const auto parsed = Jose::JwsToken::parseCompact(compact);
    m_pending = context.findings + prefix;
    if (parsed.isError()) {
        m_format = Format::Malformed;
        m_kind->setText(tr("Malformed JWT"));
        m_signature->setText(tr("Does not parse: %1").arg(parsed.error.message));
        QByteArray headerBytes;
        if (Jose::Base64Url::decode(segments.constFirst(), &headerBytes))
            m_header->setPlainText(QString::fromUtf8(headerBytes));
        m_pending.append(Finding{QStringLiteral("jwt_parses"),
                                 Finding::Status::Fail,
                                 parsed.error.message,
                                 {},
                                 {},
                                 QStringLiteral("RFC 7515 §5.2")});
        return finish();
    }
    if (m_format == Format::Empty)
        m_format = Format::Jws;
    const Jose::JwsToken token = parsed.token();
    const QString alg = token.alg();
    const QString typ = token.header().value(QLatin1String("typ")).toString();
    const bool accessToken =
        context.accessToken.has_value() ||
        (!context.idToken && Jose::AccessTokenValidator::isAccessTokenType(typ));
    QString kind = !context.label.isEmpty() ? context.label
                   : context.idToken        ? tr("ID token")
                   : accessToken            ? tr("Access token (JWT)")
                                            : tr("JWT");
    if (m_format == Format::Jwe)
        kind = tr("Encrypted token (JWE) carrying a %1").arg(kind);
    m_kind->setText(tr("%1 · signed with %2").arg(kind, alg));
    showJson(m_header, token.header(), token.protectedHeaderBytes());
    if (token.payloadIsJsonObject()) {
        showJson(m_payload, token.payloadObject(), token.payload());
        fillClaims(token.payloadObject());
    } else {
        m_payload->setPlainText(QString::fromUtf8(token.payload()));
    }
    if (!context.signatureCheckedElsewhere)
        m_pending += claimFindings(token, context);

    if (alg == QLatin1String("none")) {
        m_signature->setText(tr("Unsigned: \"alg\": \"none\". Nothing vouches for this token; "
                                "no client may accept it."));
        m_pending.append(Finding{QStringLiteral("alg_none"), Finding::Status::Fail,
                                 tr("The token is unsigned (\"alg\": \"none\")"),
                                 tr("a signature algorithm"), QStringLiteral("none"),
                                 QStringLiteral("RFC 8725 §3.1")});
        return finish();
    }
    Jose::JwsVerifyOptions options;
    options.allowedAlgorithms = context.allowedAlgorithms;
    if (context.keys) {
        const Findings before = m_pending;
        showVerification(Jose::JwsVerifier::verify(token, *context.keys, options));
        if (context.signatureCheckedElsewhere)
            m_pending = before; // the status line only: the flow's findings say the rest
        else
            m_pending = context.keys->warnings + m_pending;
        return finish();
    }
    if (context.jwksCache && context.jwksUri.isValid()) {
        m_verifying = true;
        m_signature->setText(
            tr("Fetching the keys from %1…").arg(context.jwksUri.toDisplayString()));
        const quint64 generation = m_generation;
        context.jwksCache->verify(
            token, context.jwksUri, options, this,
            [this, generation](const Jose::JwsVerifyResult &result, const Jose::JwksResult &keys) {
                if (generation != m_generation)
                    return;
                m_verifying = false;
                m_pending += keys.findings;
                if (!keys.ok())
                    m_pending.append(Finding{QStringLiteral("jwks_fetched"),
                                             Finding::Status::Fail,
                                             keys.message,
                                             {},
                                             {},
                                             QStringLiteral("RFC 7517 §5")});
                showVerification(result);
                finish();
            });
        // Show what is known already; the signature finding comes with the keys.
        m_findings = sortedFindings(m_pending);
        m_findingsView->setFindings(m_findings);
        return;
    }
    if (context.signatureCheckedElsewhere) {
        m_signature->setText(tr("Signature: see the findings of the flow that received it."));
    } else {
        m_signature->setText(tr("Signature not checked: no keys were given (a JWKS URL, a JWK "
                                "Set or a key)."));
        m_pending.append(Finding{QStringLiteral("signature_verified"),
                                 Finding::Status::Warn,
                                 tr("No keys were given: the signature is not checked"),
                                 {},
                                 {},
                                 QStringLiteral("RFC 7515 §5.2")});
    }
    finish();
}

Findings TokenInspector::claimFindings(const Jose::JwsToken &token,
                                       const TokenContext &context) const
{
    Findings out;
    if (context.idToken) {
        Jose::IdTokenExpectations expected = *context.idToken;
        if (!expected.now.isValid())
            expected.now = now();
        if (expected.alg.isEmpty())
            expected.alg = token.alg();
        out += Jose::IdTokenValidator::validateHeader(token.header());
        out += Jose::IdTokenValidator::validate(token.payloadObject(), expected);
    } else if (context.accessToken || Jose::AccessTokenValidator::isAccessTokenType(
                                          token.header().value(QLatin1String("typ")).toString())) {
        Jose::AccessTokenExpectations expected =
            context.accessToken.value_or(Jose::AccessTokenExpectations{});
        if (!expected.now.isValid())
            expected.now = now();
        out += Jose::AccessTokenValidator::validate(token, expected);
    } else if (token.payloadIsJsonObject()) {
        // A plain JWT: its time claims still say whether it is usable now (RFC 7519 §4.1.4).
        const QJsonValue exp = token.payloadObject().value(QLatin1String("exp"));
        if (exp.isDouble()) {
            const QDateTime expiry = QDateTime::fromSecsSinceEpoch(qint64(exp.toDouble()), Qt::UTC);
            const bool expired = now() >= expiry;
            out.append(
                Finding{QStringLiteral("exp_in_future"),
                        expired ? Finding::Status::Fail : Finding::Status::Pass,
                        expired ? tr("The token has expired") : tr("The token has not expired"),
                        {},
                        expiry.toString(Qt::ISODate),
                        QStringLiteral("RFC 7519 §4.1.4")});
        }
    }
    return out;
}

void TokenInspector::showVerification(const Jose::JwsVerifyResult &result)
{
    m_pending += result.findings;
    const bool reported =
        std::any_of(result.findings.cbegin(), result.findings.cend(), [](const Finding &finding) {
            return finding.rule == QLatin1String("jws_signature");
        });
    if (result.isVerified()) {
        const Jose::Jwk &key = result.key;
        const QString kid = key.kid().isEmpty() ? tr("(no kid)") : key.kid();
        m_signature->setText(tr("✔ Signature verified with key kid %1 (%2, %3), RFC 7638 "
                                "thumbprint %4")
                                 .arg(kid, key.kty(), result.alg, key.thumbprint()));
        if (!reported)
            m_pending.append(Finding{QStringLiteral("jws_signature"),
                                     Finding::Status::Pass,
                                     tr("The signature verifies with key %1").arg(kid),
                                     {},
                                     key.thumbprint(),
                                     QStringLiteral("RFC 7515 §5.2")});
    } else {
        m_signature->setText(tr("✘ The signature does not verify: %1").arg(result.error.message));
        if (!reported)
            m_pending.append(Finding{QStringLiteral("jws_signature"),
                                     Finding::Status::Fail,
                                     result.error.message,
                                     {},
                                     Jose::JoseError::kindName(result.error.kind),
                                     QStringLiteral("RFC 7515 §5.2")});
    }
}

void TokenInspector::finish()
{
    m_findings = sortedFindings(m_pending);
    m_findingsView->setFindings(m_findings);
    const QPalette palette = m_findingsView->palette();
    for (int i = 0; i < m_findingsView->topLevelItemCount(); ++i) {
        QTreeWidgetItem *item = m_findingsView->topLevelItem(i);
        const QUrl url = specUrl(item->text(SpecColumn));
        if (!url.isValid() || url.isEmpty())
            continue;
        item->setData(SpecColumn, UrlRole, url);
        item->setForeground(SpecColumn, palette.color(QPalette::Link));
        QFont font = item->font(SpecColumn);
        font.setUnderline(true);
        item->setFont(SpecColumn, font);
        item->setToolTip(SpecColumn, tr("Open %1").arg(url.toString()));
    }
    m_findingsView->resizeColumnToContents(SpecColumn);
    if (!m_timeRows.isEmpty())
        m_tick.start();
    emit inspected();
}

void TokenInspector::openSpec(QTreeWidgetItem *item, int column)
{
    if (column != SpecColumn || !item)
        return;
    const QUrl url = item->data(SpecColumn, UrlRole).toUrl();
    if (url.isValid() && m_openUrl)
        m_openUrl(url);
}

void TokenInspector::setTokenMasked(bool masked)
{
    m_masked = masked;
    if (!m_shownSegments.isEmpty())
        showSegments(m_shownSegments, m_shownEncrypted);
    else if (m_format == Format::Opaque || m_format == Format::Malformed)
        m_segments->setPlainText(
            masked ? tr("[hidden: %n characters]", nullptr, int(m_token.size())) : m_token);
}

void TokenInspector::showSegments(const QList<QByteArray> &segments, bool encrypted)
{
    m_shownSegments = segments;
    m_shownEncrypted = encrypted;
    m_segments->clear();
    if (m_masked) {
        m_segments->setPlainText(tr("[hidden: %n characters]", nullptr, int(m_token.size())));
        return;
    }
    QTextCursor cursor(m_segments->document());
    QTextCharFormat dot;
    dot.setForeground(palette().color(QPalette::Text));
    for (int i = 0; i < segments.size(); ++i) {
        if (i > 0)
            cursor.insertText(QStringLiteral("."), dot);
        // JWE: header, encrypted key, IV, ciphertext, tag (RFC 7516 §7.1).
        const Segment segment = encrypted ? Segment(i == 0 ? int(HeaderSegment) : i + 2)
                                          : Segment(std::min(i, int(SignatureSegment)));
        QTextCharFormat format;
        format.setForeground(segmentColor(segment));
        format.setProperty(QTextFormat::UserProperty, int(segment));
        cursor.insertText(QString::fromLatin1(segments.at(i)), format);
    }
    QStringList legend;
    const QStringList names = encrypted ? QStringList{tr("header"), tr("encrypted key"), tr("IV"),
                                                      tr("ciphertext"), tr("tag")}
                                        : QStringList{tr("header"), tr("payload"), tr("signature")};
    for (int i = 0; i < names.size(); ++i) {
        const Segment segment =
            encrypted ? Segment(i == 0 ? int(HeaderSegment) : i + 2) : Segment(i);
        legend.append(QStringLiteral("<span style=\"color:%1\">■ %2</span>")
                          .arg(segmentColor(segment).name(), names.at(i)));
    }
    m_segments->setToolTip(legend.join(QStringLiteral(" ")));
}

void TokenInspector::showJson(CodeView *view, const QJsonObject &object, const QByteArray &raw)
{
    view->setPlainText(object.isEmpty() ? QString::fromUtf8(raw) : prettyJson(object));
}

void TokenInspector::fillClaims(const QJsonObject &claims)
{
    const QFont fixed = QFontDatabase::systemFont(QFontDatabase::FixedFont);
    for (auto it = claims.begin(); it != claims.end(); ++it) {
        const QString name = it.key();
        QString meaning = claimMeaning(name);
        if (meaning.isEmpty())
            meaning = tr("Not a registered claim: its meaning is the issuer's");
        auto *row = new QTreeWidgetItem(m_claims, {name, claimValueText(it.value()), meaning});
        row->setFont(ClaimNameColumn, fixed);
        row->setToolTip(ClaimValueColumn, claimValueText(it.value()));
        row->setToolTip(ClaimMeaningColumn, meaning);
        if (isTimeClaim(name) && it.value().isDouble()) {
            const QDateTime when =
                QDateTime::fromSecsSinceEpoch(qint64(it.value().toDouble()), Qt::UTC);
            row->setData(ClaimValueColumn, Qt::UserRole, qint64(it.value().toDouble()));
            m_timeRows.append({row, when});
        }
    }
    refreshTimes();
    // Names and values as wide as they need (times included), within reason; the meaning
    // takes the rest.
    const int em = fontMetrics().horizontalAdvance(QLatin1Char('M'));
    m_claims->resizeColumnToContents(ClaimNameColumn);
    m_claims->resizeColumnToContents(ClaimValueColumn);
    m_claims->setColumnWidth(ClaimNameColumn,
                             qMin(m_claims->columnWidth(ClaimNameColumn) + em, em * 14));
    m_claims->setColumnWidth(ClaimValueColumn,
                             qMin(m_claims->columnWidth(ClaimValueColumn) + em, em * 40));
}

void TokenInspector::refreshTimes()
{
    const QDateTime current = now();
    const QLocale locale;
    for (const auto &[row, when] : std::as_const(m_timeRows)) {
        row->setText(ClaimValueColumn,
                     tr("%1 (%2) · %3")
                         .arg(locale.toString(when.toLocalTime(), QLocale::ShortFormat),
                              relativeTime(when, current),
                              QString::number(when.toSecsSinceEpoch())));
    }
}
