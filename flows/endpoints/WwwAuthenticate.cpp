#include "WwwAuthenticate.h"

namespace Tokenscope::Endpoints {

QString AuthChallenge::parameter(const QString &name) const
{
    for (const auto &[key, value] : parameters) {
        if (key == name)
            return value;
    }
    return {};
}

QStringList AuthChallenge::acrValues() const
{
    return parameter(QStringLiteral("acr_values")).split(QLatin1Char(' '), Qt::SkipEmptyParts);
}

qint64 AuthChallenge::maxAge() const
{
    bool ok = false;
    const qint64 value = parameter(QStringLiteral("max_age")).toLongLong(&ok);
    return ok && value >= 0 ? value : -1;
}

namespace {

bool isTokenChar(char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
           QByteArrayView("!#$%&'*+-.^_`|~/").contains(c);
}

class Scanner
{
public:
    explicit Scanner(const QByteArray &text)
        : m_text(text)
    {}
    bool atEnd() const { return m_pos >= m_text.size(); }
    char peek(qsizetype ahead = 0) const
    {
        return m_pos + ahead < m_text.size() ? m_text.at(m_pos + ahead) : '\0';
    }
    void skipSpace()
    {
        while (!atEnd() && (peek() == ' ' || peek() == '\t'))
            ++m_pos;
    }
    void skipSpaceAndCommas()
    {
        while (!atEnd() && (peek() == ' ' || peek() == '\t' || peek() == ','))
            ++m_pos;
    }
    QByteArray token()
    {
        const qsizetype start = m_pos;
        while (!atEnd() && isTokenChar(peek()))
            ++m_pos;
        return m_text.mid(start, m_pos - start);
    }
    // After a token: does "=" follow (an auth-param), rather than "=" padding of a token68?
    bool paramFollows() const
    {
        qsizetype p = m_pos;
        while (p < m_text.size() && (m_text.at(p) == ' ' || m_text.at(p) == '\t'))
            ++p;
        if (p >= m_text.size() || m_text.at(p) != '=')
            return false;
        qsizetype q = p;
        while (q < m_text.size() && m_text.at(q) == '=')
            ++q;
        // "abc==" then the end or a comma: token68 padding; "name=value": a parameter.
        if (q - p > 1)
            return false;
        return true;
    }
    QByteArray value()
    {
        skipSpace();
        if (peek() != '"') {
            const qsizetype start = m_pos;
            while (!atEnd() && peek() != ',' && peek() != ' ' && peek() != '\t')
                ++m_pos;
            return m_text.mid(start, m_pos - start);
        }
        ++m_pos;
        QByteArray out;
        while (!atEnd() && peek() != '"') {
            if (peek() == '\\' && m_pos + 1 < m_text.size())
                ++m_pos;
            out += peek();
            ++m_pos;
        }
        if (!atEnd())
            ++m_pos; // closing quote; an unterminated one ends the value
        return out;
    }
    void expect(char c)
    {
        skipSpace();
        if (peek() == c)
            ++m_pos;
    }
    qsizetype pos() const { return m_pos; }
    void setPos(qsizetype pos) { m_pos = pos; }
    QByteArray rest(qsizetype from) const { return m_text.mid(from); }

private:
    const QByteArray &m_text;
    qsizetype m_pos = 0;
};

} // namespace

QList<AuthChallenge> WwwAuthenticate::parse(const QByteArray &header)
{
    QList<AuthChallenge> challenges;
    Scanner in(header);
    in.skipSpaceAndCommas();
    while (!in.atEnd()) {
        const QByteArray scheme = in.token();
        if (scheme.isEmpty()) {
            // Not a token: skip one character and go on.
            in.setPos(in.pos() + 1);
            in.skipSpaceAndCommas();
            continue;
        }
        AuthChallenge challenge;
        challenge.scheme = QString::fromLatin1(scheme);
        in.skipSpace();
        bool first = true;
        while (!in.atEnd()) {
            if (first && in.peek() == ',')
                break; // "Bearer, DPoP …": a challenge without parameters
            const qsizetype start = in.pos();
            in.skipSpaceAndCommas();
            const QByteArray name = in.token();
            if (name.isEmpty()) {
                if (first && !in.atEnd() && in.peek() != ',') { // a token68 of odd characters
                    const qsizetype from = in.pos();
                    while (!in.atEnd() && in.peek() != ',')
                        in.setPos(in.pos() + 1);
                    challenge.token68 = QString::fromLatin1(in.rest(from).left(in.pos() - from));
                }
                break;
            }
            if (!in.paramFollows()) {
                if (first && in.peek() == '=') { // token68 with padding
                    while (in.peek() == '=')
                        in.setPos(in.pos() + 1);
                    challenge.token68 =
                        QString::fromLatin1(in.rest(start).left(in.pos() - start).trimmed());
                    break;
                }
                if (first && (in.atEnd() || in.peek() == ',')) {
                    challenge.token68 = QString::fromLatin1(name);
                    break;
                }
                in.setPos(start); // the next challenge's scheme
                break;
            }
            in.expect('=');
            const QByteArray value = in.value();
            challenge.parameters.append(
                {QString::fromLatin1(name).toLower(), QString::fromUtf8(value)});
            first = false;
            in.skipSpace();
        }
        challenges.append(challenge);
        in.skipSpaceAndCommas();
    }
    return challenges;
}

AuthChallenge WwwAuthenticate::find(const QList<AuthChallenge> &challenges, const QString &scheme)
{
    for (const AuthChallenge &challenge : challenges) {
        if (challenge.scheme.compare(scheme, Qt::CaseInsensitive) == 0)
            return challenge;
    }
    return {};
}

QString WwwAuthenticate::explain(const AuthChallenge &challenge)
{
    const QString error = challenge.error();
    QString text;
    if (error == QLatin1String("invalid_token"))
        text = tr("invalid_token: the access token is expired, revoked, malformed or not for "
                  "this resource");
    else if (error == QLatin1String("insufficient_scope"))
        text = challenge.scope().isEmpty()
                   ? tr("insufficient_scope: the token lacks a scope this resource needs")
                   : tr("insufficient_scope: the token lacks a scope; needed: %1")
                         .arg(challenge.scope());
    else if (error == QLatin1String("invalid_request"))
        text = tr("invalid_request: the request is malformed (missing token, token sent twice, …)");
    else if (challenge.isStepUp()) {
        QStringList needs;
        if (!challenge.acrValues().isEmpty())
            needs << tr("acr_values %1").arg(challenge.acrValues().join(QLatin1Char(' ')));
        if (challenge.maxAge() >= 0)
            needs << tr("an authentication at most %1 s old").arg(challenge.maxAge());
        text = needs.isEmpty()
                   ? tr("insufficient_user_authentication: authenticate again, more strongly")
                   : tr("insufficient_user_authentication: authenticate again with %1")
                         .arg(needs.join(QStringLiteral(", ")));
    } else if (!error.isEmpty())
        text = error;
    else
        text = tr("%1 authentication is required (no error code: no token, or not accepted)")
                   .arg(challenge.scheme);
    if (!challenge.errorDescription().isEmpty())
        text += QStringLiteral(" (") + challenge.errorDescription() + QLatin1Char(')');
    return text;
}

} // namespace Tokenscope::Endpoints
