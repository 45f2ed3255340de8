#include "SandboxFaults.h"

#include <QJsonArray>

#include <algorithm>

namespace Tokenscope::Sandbox {

QList<SandboxFaults::Fault> SandboxFaults::all()
{
    return {Fault::WrongState,
            Fault::MissingState,
            Fault::WrongIss,
            Fault::MissingIss,
            Fault::MixUp,
            Fault::IdTokenBadSignature,
            Fault::IdTokenWrongAud,
            Fault::IdTokenExpired,
            Fault::IdTokenWrongNonce,
            Fault::IdTokenAlgNone,
            Fault::AtHashWrong,
            Fault::CHashWrong,
            Fault::UserinfoWrongSub,
            Fault::ReplayedCodeAccepted,
            Fault::RefreshReuseAccepted};
}

QString SandboxFaults::name(Fault fault)
{
    switch (fault) {
    case Fault::WrongState:
        return QStringLiteral("wrong_state");
    case Fault::MissingState:
        return QStringLiteral("missing_state");
    case Fault::WrongIss:
        return QStringLiteral("wrong_iss");
    case Fault::MissingIss:
        return QStringLiteral("missing_iss");
    case Fault::MixUp:
        return QStringLiteral("mix_up");
    case Fault::IdTokenBadSignature:
        return QStringLiteral("id_token_bad_signature");
    case Fault::IdTokenWrongAud:
        return QStringLiteral("id_token_wrong_aud");
    case Fault::IdTokenExpired:
        return QStringLiteral("id_token_expired");
    case Fault::IdTokenWrongNonce:
        return QStringLiteral("id_token_wrong_nonce");
    case Fault::IdTokenAlgNone:
        return QStringLiteral("id_token_alg_none");
    case Fault::AtHashWrong:
        return QStringLiteral("at_hash_wrong");
    case Fault::CHashWrong:
        return QStringLiteral("c_hash_wrong");
    case Fault::UserinfoWrongSub:
        return QStringLiteral("userinfo_wrong_sub");
    case Fault::ReplayedCodeAccepted:
        return QStringLiteral("replayed_code_accepted");
    case Fault::RefreshReuseAccepted:
        return QStringLiteral("refresh_reuse_accepted");
    }
    return {};
}

bool SandboxFaults::fromName(const QString &text, Fault *fault)
{
    const QString wanted = text.trimmed().toLower().replace(QLatin1Char('-'), QLatin1Char('_'));
    for (Fault candidate : all()) {
        if (name(candidate) == wanted) {
            *fault = candidate;
            return true;
        }
    }
    return false;
}

QString SandboxFaults::description(Fault fault)
{
    switch (fault) {
    case Fault::WrongState:
        return tr("The authorization response carries a state other than the one the client "
                  "sent.");
    case Fault::MissingState:
        return tr("The authorization response carries no state at all.");
    case Fault::WrongIss:
        return tr("The authorization response's iss parameter (RFC 9207) names another "
                  "issuer.");
    case Fault::MissingIss:
        return tr("The authorization response carries no iss parameter, although the metadata "
                  "says authorization_response_iss_parameter_supported.");
    case Fault::MixUp:
        return tr("The response looks as if it came from another authorization server: its iss "
                  "parameter and the ID tokens name that issuer, and the ID tokens are signed "
                  "with a key that is not in the sandbox's JWKS.");
    case Fault::IdTokenBadSignature:
        return tr("ID tokens carry a signature that does not verify with the sandbox's keys.");
    case Fault::IdTokenWrongAud:
        return tr("ID tokens name another client in aud.");
    case Fault::IdTokenExpired:
        return tr("ID tokens expired an hour ago.");
    case Fault::IdTokenWrongNonce:
        return tr("ID tokens carry a nonce other than the one in the authorization request.");
    case Fault::IdTokenAlgNone:
        return tr("ID tokens are unsigned: alg none and an empty signature.");
    case Fault::AtHashWrong:
        return tr("ID tokens carry an at_hash that belongs to another access token.");
    case Fault::CHashWrong:
        return tr("ID tokens carry a c_hash that belongs to another code.");
    case Fault::UserinfoWrongSub:
        return tr("UserInfo answers with the claims of another user (another sub).");
    case Fault::ReplayedCodeAccepted:
        return tr("The token endpoint redeems an authorization code a second time instead of "
                  "refusing it and revoking what it issued.");
    case Fault::RefreshReuseAccepted:
        return tr("The token endpoint accepts a refresh token that was already rotated instead "
                  "of treating the reuse as theft and revoking the grant.");
    }
    return {};
}

QString SandboxFaults::attackerGain(Fault fault)
{
    switch (fault) {
    case Fault::WrongState:
    case Fault::MissingState:
        return tr("Login CSRF: an attacker could feed the client a response from their own "
                  "sign-in, so that the victim ends up in the attacker's account and saves "
                  "data there.");
    case Fault::WrongIss:
    case Fault::MissingIss:
    case Fault::MixUp:
        return tr("Mix-up: a malicious authorization server could make the client send a code "
                  "meant for an honest one to its own token endpoint and steal it, or have the "
                  "client accept its tokens as the honest server's.");
    case Fault::IdTokenBadSignature:
    case Fault::IdTokenAlgNone:
        return tr("Anyone could forge an ID token and sign in as any user.");
    case Fault::IdTokenWrongAud:
        return tr("A token issued to another application could be replayed here to sign in as "
                  "its user.");
    case Fault::IdTokenExpired:
        return tr("An old, stolen ID token could be replayed long after it should have stopped "
                  "working.");
    case Fault::IdTokenWrongNonce:
        return tr("An ID token from another sign-in could be injected into this one (replay).");
    case Fault::AtHashWrong:
        return tr("An access token of another user or session could be swapped into the "
                  "response (token substitution).");
    case Fault::CHashWrong:
        return tr("A code of another user or session could be swapped into the response (code "
                  "injection).");
    case Fault::UserinfoWrongSub:
        return tr("The client would show or store another user's profile under this user's "
                  "account.");
    case Fault::ReplayedCodeAccepted:
        return tr("A code that leaked (logs, Referer, browser history) could be redeemed "
                  "again for fresh tokens; only PKCE and the client's single-use state still "
                  "stand in the way.");
    case Fault::RefreshReuseAccepted:
        return tr("A stolen refresh token would keep working alongside the legitimate one "
                  "and the theft would go unnoticed.");
    }
    return {};
}

QString SandboxFaults::caughtBy(Fault fault)
{
    switch (fault) {
    case Fault::WrongState:
        return QStringLiteral("state_matches");
    case Fault::MissingState:
        return QStringLiteral("state_present");
    case Fault::WrongIss:
    case Fault::MixUp:
        return QStringLiteral("iss_matches");
    case Fault::MissingIss:
        return QStringLiteral("iss_present");
    case Fault::IdTokenBadSignature:
    case Fault::IdTokenAlgNone:
        return QStringLiteral("jws_signature");
    case Fault::IdTokenWrongAud:
        return QStringLiteral("id_token_aud");
    case Fault::IdTokenExpired:
        return QStringLiteral("id_token_exp");
    case Fault::IdTokenWrongNonce:
        return QStringLiteral("id_token_nonce");
    case Fault::AtHashWrong:
        return QStringLiteral("id_token_at_hash");
    case Fault::CHashWrong:
        return QStringLiteral("id_token_c_hash");
    case Fault::UserinfoWrongSub:
        return QStringLiteral("userinfo_sub_matches");
    case Fault::ReplayedCodeAccepted:
        return QStringLiteral("state_single_use");
    case Fault::RefreshReuseAccepted:
        return QStringLiteral("refresh_token_rotation");
    }
    return {};
}

void SandboxFaults::set(Fault fault, bool on)
{
    m_on.removeAll(fault);
    if (on) {
        m_on.append(fault);
        const QList<Fault> order = all();
        std::sort(m_on.begin(), m_on.end(),
                  [&order](Fault a, Fault b) { return order.indexOf(a) < order.indexOf(b); });
    }
}

QStringList SandboxFaults::names() const
{
    QStringList out;
    for (Fault fault : m_on)
        out.append(name(fault));
    return out;
}

bool SandboxFaults::parse(const QString &commaSeparated, SandboxFaults *faults, QString *error)
{
    SandboxFaults out;
    const QStringList words = commaSeparated.split(QLatin1Char(','), Qt::SkipEmptyParts);
    for (const QString &word : words) {
        Fault fault;
        if (!fromName(word, &fault)) {
            if (error)
                *error = tr("unknown break-it switch: %1").arg(word.trimmed());
            return false;
        }
        out.set(fault);
    }
    *faults = out;
    return true;
}

bool SandboxFaults::fromJson(const QJsonObject &object, SandboxFaults *faults, QString *error)
{
    const QJsonValue list = object.value(QLatin1String("faults"));
    if (!list.isArray()) {
        if (error)
            *error = tr("expected {\"faults\": [names]}");
        return false;
    }
    SandboxFaults out;
    for (const QJsonValue &value : list.toArray()) {
        Fault fault;
        if (!value.isString() || !fromName(value.toString(), &fault)) {
            if (error)
                *error = tr("unknown break-it switch: %1")
                             .arg(value.isString() ? value.toString() : tr("(not a string)"));
            return false;
        }
        out.set(fault);
    }
    *faults = out;
    return true;
}

QJsonObject SandboxFaults::toJson() const
{
    QJsonArray available;
    for (Fault fault : all())
        available.append(QJsonObject{{QStringLiteral("name"), name(fault)},
                                     {QStringLiteral("description"), description(fault)},
                                     {QStringLiteral("attacker_gain"), attackerGain(fault)},
                                     {QStringLiteral("caught_by"), caughtBy(fault)},
                                     {QStringLiteral("on"), isOn(fault)}});
    return QJsonObject{
        {QStringLiteral("faults"), QJsonArray::fromStringList(names())},
        {QStringLiteral("available"), available},
        {QStringLiteral("note"),
         tr("A sandbox-only teaching toy: these switches make the sandbox misbehave on purpose. "
            "No real authorization server has such an endpoint.")}};
}

} // namespace Tokenscope::Sandbox
