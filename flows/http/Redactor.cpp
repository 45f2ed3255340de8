#include "Redactor.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>
#include <QSet>

namespace Tokenscope::Http {

namespace {

// Values shorter than this are masked where they stand but not searched for elsewhere:
// replacing every "ab" in a page would mask noise, not secrets.
constexpr qsizetype MinimumEchoLength = 6;

const QSet<QByteArray> &secretParameters()
{
    static const QSet<QByteArray> names{
        "access_token",
        "refresh_token",
        "id_token",
        "code",
        "code_verifier",
        "client_secret",
        "password",
        "assertion",
        "client_assertion",
        "subject_token",
        "actor_token",
        "device_code",
        "token",
        "auth_req_id",
        "client_notification_token",
        "id_token_hint",
        "login_hint_token",
        "logout_token",
        "response",
        "registration_access_token",
        "issued_token",
        "client_assertion_jwt",
        "secret",
        "private_key",
    };
    return names;
}

// Private members of a JWK (RFC 7518 §6): masked inside any object that has "kty".
const QSet<QString> &privateJwkMembers()
{
    static const QSet<QString> names{
        QStringLiteral("d"),  QStringLiteral("p"),  QStringLiteral("q"), QStringLiteral("dp"),
        QStringLiteral("dq"), QStringLiteral("qi"), QStringLiteral("k"), QStringLiteral("oth")};
    return names;
}

void remember(QByteArrayList *secrets, const QByteArray &value)
{
    if (secrets && !value.isEmpty() && value != Redactor::mask())
        secrets->append(value);
}

// Masks the string values of secret members, recursively. Inside a private JWK member
// (RFC 7518 §6.3.2: "d", the primes, "oth"…) every string is secret.
QJsonValue redactJsonValue(const QJsonValue &value, const QString &key, bool inJwk, bool everything,
                           QByteArrayList *secrets)
{
    everything = everything || (inJwk && privateJwkMembers().contains(key));
    if (value.isString() && (everything || Redactor::isSecretParameter(key.toUtf8()))) {
        // An empty secret stays visible: it is a misconfiguration worth seeing.
        if (value.toString().isEmpty())
            return value;
        remember(secrets, value.toString().toUtf8());
        return QString::fromLatin1(Redactor::mask());
    }
    if (value.isObject()) {
        QJsonObject object = value.toObject();
        const bool jwk = object.contains(QLatin1String("kty"));
        for (auto it = object.begin(); it != object.end(); ++it)
            it.value() = redactJsonValue(it.value(), it.key(), jwk, everything, secrets);
        return object;
    }
    if (value.isArray()) {
        QJsonArray array = value.toArray();
        for (auto item : array)
            item = redactJsonValue(item, key, inJwk, everything, secrets);
        return array;
    }
    return value;
}

// For JSON that does not parse (cut at the size cap, or broken by the provider): mask
// the string value after every secret member name, closed or not.
QByteArray redactBrokenJson(const QByteArray &json, QByteArrayList *secrets)
{
    static const QRegularExpression member = [] {
        QStringList names;
        for (const QByteArray &name : secretParameters())
            names << QRegularExpression::escape(QString::fromLatin1(name));
        return QRegularExpression(QStringLiteral(R"re("(%1)"\s*:\s*"((?:[^"\\]|\\.)*))re")
                                      .arg(names.join(QLatin1Char('|'))));
    }();
    const QString text = QString::fromUtf8(json);
    QString masked;
    qsizetype last = 0;
    auto it = member.globalMatch(text);
    while (it.hasNext()) {
        const QRegularExpressionMatch match = it.next();
        if (match.capturedLength(2) == 0)
            continue;
        remember(secrets, match.captured(2).toUtf8());
        masked += QStringView(text).mid(last, match.capturedStart(2) - last);
        masked += QString::fromLatin1(Redactor::mask());
        last = match.capturedEnd(2);
    }
    masked += QStringView(text).mid(last);
    return masked.toUtf8();
}

QByteArray replaceAll(QByteArray text, const QByteArrayList &secrets)
{
    for (const QByteArray &secret : secrets) {
        if (secret.size() < MinimumEchoLength)
            continue;
        text.replace(secret, Redactor::mask());
        const QByteArray encoded = QUrl::toPercentEncoding(QString::fromUtf8(secret));
        if (encoded != secret)
            text.replace(encoded, Redactor::mask());
    }
    return text;
}

} // namespace

bool Redactor::isSecretParameter(const QByteArray &name)
{
    return secretParameters().contains(name.toLower());
}

bool Redactor::isSecretHeader(const QByteArray &name)
{
    const QByteArray lower = name.toLower();
    return lower == "authorization" || lower == "proxy-authorization" || lower == "cookie" ||
           lower == "set-cookie" || lower.contains("secret") || lower.contains("token") ||
           lower.contains("api-key") || lower.contains("apikey") || lower.contains("password");
}

QByteArray Redactor::redactForm(const QByteArray &form, QByteArrayList *secrets)
{
    QByteArrayList pairs = form.split('&');
    for (QByteArray &pair : pairs) {
        const qsizetype equals = pair.indexOf('=');
        if (equals < 0)
            continue;
        QByteArray key = pair.left(equals);
        key.replace('+', ' ');
        if (!isSecretParameter(QByteArray::fromPercentEncoding(key)))
            continue;
        QByteArray value = pair.mid(equals + 1);
        if (value.isEmpty())
            continue; // an empty secret stays visible: a misconfiguration worth seeing
        value.replace('+', ' ');
        remember(secrets, QByteArray::fromPercentEncoding(value));
        pair = pair.left(equals + 1) + mask();
    }
    return pairs.join('&');
}

QByteArray Redactor::redactJson(const QByteArray &json, QByteArrayList *secrets)
{
    const QJsonDocument document = QJsonDocument::fromJson(json);
    if (document.isNull())
        return redactBrokenJson(json, secrets);
    QByteArrayList found;
    const QJsonValue root =
        document.isObject() ? QJsonValue(document.object()) : QJsonValue(document.array());
    const QJsonValue masked = redactJsonValue(root, QString(), false, false, &found);
    if (found.isEmpty())
        return json;
    if (secrets)
        secrets->append(found);
    // Keep the body as it was sent, byte for byte, but for the secret strings.
    QByteArray text = json;
    bool allInPlace = true;
    for (const QByteArray &secret : std::as_const(found)) {
        const QByteArray literal = '"' + secret + '"';
        if (!text.contains(literal)) {
            allInPlace = false;
            break;
        }
        text.replace(literal, QByteArray('"' + mask() + '"'));
    }
    if (allInPlace)
        return text;
    // A secret written with escapes: fall back to the re-serialized document.
    return masked.isObject() ? QJsonDocument(masked.toObject()).toJson(QJsonDocument::Compact)
                             : QJsonDocument(masked.toArray()).toJson(QJsonDocument::Compact);
}

QJsonObject Redactor::redactJsonObject(const QJsonObject &object)
{
    return redactJsonValue(object, QString(), object.contains(QLatin1String("kty")), false, nullptr)
        .toObject();
}

static QByteArray redactCookies(const QByteArray &value, bool setCookie, QByteArrayList *secrets)
{
    // "a=1; b=2" (Cookie) or "sid=abc; Path=/; HttpOnly" (Set-Cookie: only the first pair).
    QByteArrayList parts = value.split(';');
    for (qsizetype i = 0; i < parts.size(); ++i) {
        if (setCookie && i > 0)
            break;
        const qsizetype equals = parts[i].indexOf('=');
        if (equals < 0)
            continue;
        remember(secrets, parts[i].mid(equals + 1).trimmed());
        parts[i] = parts[i].left(equals + 1) + Redactor::mask();
    }
    return parts.join(';');
}

QByteArray Redactor::redactHeader(const QByteArray &name, const QByteArray &value,
                                  QByteArrayList *secrets)
{
    const QByteArray lower = name.toLower();
    if (lower == "cookie" || lower == "set-cookie")
        return redactCookies(value, lower == "set-cookie", secrets);
    if (lower == "authorization" || lower == "proxy-authorization") {
        // Keep the scheme: "Basic [redacted]" still tells which client authentication ran.
        const qsizetype space = value.indexOf(' ');
        if (space > 0) {
            const QByteArray scheme = value.left(space);
            const QByteArray credentials = value.mid(space + 1).trimmed();
            remember(secrets, credentials);
            if (scheme.compare("Basic", Qt::CaseInsensitive) == 0) {
                const QByteArray decoded = QByteArray::fromBase64(credentials);
                const qsizetype colon = decoded.indexOf(':');
                if (colon >= 0) {
                    // RFC 6749 §2.3.1: id and secret are form-encoded before base64.
                    QByteArray secret = decoded.mid(colon + 1);
                    remember(secrets, secret);
                    const QByteArray formDecoded =
                        QByteArray::fromPercentEncoding(QByteArray(secret).replace('+', ' '));
                    if (formDecoded != secret)
                        remember(secrets, formDecoded);
                }
            }
            return scheme + ' ' + mask();
        }
        remember(secrets, value);
        return mask();
    }
    if (isSecretHeader(name)) {
        remember(secrets, value);
        return mask();
    }
    return value;
}

QUrl Redactor::redactUrl(const QUrl &url, QByteArrayList *secrets)
{
    QUrl masked = url;
    if (!url.password().isEmpty()) {
        remember(secrets, url.password().toUtf8());
        masked.setPassword(QString::fromLatin1(mask()));
    }
    if (url.hasQuery()) {
        masked.setQuery(
            QString::fromLatin1(redactForm(url.query(QUrl::FullyEncoded).toLatin1(), secrets)),
            QUrl::TolerantMode);
    }
    if (url.hasFragment()) {
        masked.setFragment(
            QString::fromLatin1(redactForm(url.fragment(QUrl::FullyEncoded).toLatin1(), secrets)),
            QUrl::TolerantMode);
    }
    return masked;
}

static bool isForm(const HeaderList &headers)
{
    return headerValue(headers, QByteArrayLiteral("Content-Type"))
        .toLower()
        .startsWith("application/x-www-form-urlencoded");
}

static bool looksLikeJson(const HeaderList &headers, const QByteArray &body)
{
    const QByteArray type = headerValue(headers, QByteArrayLiteral("Content-Type")).toLower();
    if (type.contains("json"))
        return true;
    const QByteArray start = body.trimmed().left(1);
    return start == "{" || start == "[";
}

static QByteArray redactBody(const HeaderList &headers, const QByteArray &body,
                             QByteArrayList *secrets)
{
    if (body.isEmpty())
        return body;
    if (isForm(headers))
        return Redactor::redactForm(body, secrets);
    if (looksLikeJson(headers, body))
        return Redactor::redactJson(body, secrets);
    return body;
}

Exchange Redactor::redact(const Exchange &exchange)
{
    Exchange masked = exchange;
    QByteArrayList secrets;

    masked.url = redactUrl(exchange.url, &secrets);
    for (auto &[name, value] : masked.requestHeaders)
        value = redactHeader(name, value, &secrets);
    masked.requestBody = redactBody(exchange.requestHeaders, exchange.requestBody, &secrets);
    for (auto &[name, value] : masked.responseHeaders) {
        if (name.compare("Location", Qt::CaseInsensitive) == 0) {
            const QUrl location = QUrl::fromEncoded(value);
            value = redactUrl(location, &secrets).toEncoded();
        } else {
            value = redactHeader(name, value, &secrets);
        }
    }
    masked.responseBody = redactBody(exchange.responseHeaders, exchange.responseBody, &secrets);

    // Second pass: the same secrets wherever else they appear.
    std::sort(secrets.begin(), secrets.end(), [](const QByteArray &a, const QByteArray &b) {
        return a.size() != b.size() ? a.size() > b.size() : a < b;
    });
    secrets.erase(std::unique(secrets.begin(), secrets.end()), secrets.end());
    masked.url = QUrl::fromEncoded(replaceAll(masked.url.toEncoded(), secrets));
    for (auto &field : masked.requestHeaders)
        field.second = replaceAll(field.second, secrets);
    masked.requestBody = replaceAll(masked.requestBody, secrets);
    for (auto &field : masked.responseHeaders)
        field.second = replaceAll(field.second, secrets);
    masked.responseBody = replaceAll(masked.responseBody, secrets);
    masked.error.message = QString::fromUtf8(replaceAll(exchange.error.message.toUtf8(), secrets));
    return masked;
}

} // namespace Tokenscope::Http
