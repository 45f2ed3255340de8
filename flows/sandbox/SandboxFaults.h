#pragma once

#include <QCoreApplication>
#include <QJsonObject>
#include <QList>
#include <QString>
#include <QStringList>

namespace Tokenscope::Sandbox {

// Break-it switches: deliberate mistakes the sandbox makes on request, so that a client (ours
// or anyone's) can be seen to catch them. Each switch has a stable name, a description of what
// the sandbox then does wrong, what an attacker would have gained had the client not caught
// it, and the name of the client check that should catch it. A value type.
class SandboxFaults final
{
    Q_DECLARE_TR_FUNCTIONS(Tokenscope::Sandbox::SandboxFaults)

public:
    enum class Fault
    {
        WrongState,           // the authorization response carries another state
        MissingState,         // …or none
        WrongIss,             // RFC 9207 iss of another issuer
        MissingIss,           // no iss although the metadata promises it
        MixUp,                // response as if from another issuer, tokens signed by its key
        IdTokenBadSignature,  // a signature that does not verify
        IdTokenWrongAud,      // aud names another client
        IdTokenExpired,       // exp in the past
        IdTokenWrongNonce,    // nonce of another request
        IdTokenAlgNone,       // an unsigned ID token (alg none)
        AtHashWrong,          // at_hash of another access token
        CHashWrong,           // c_hash of another code
        UserinfoWrongSub,     // UserInfo describes another user
        ReplayedCodeAccepted, // a code is redeemed a second time
        RefreshReuseAccepted, // a rotated refresh token is accepted again
    };

    static QList<Fault> all();
    static QString name(Fault fault); // stable, e.g. "wrong_state"
    static bool fromName(const QString &name, Fault *fault);
    static QString description(Fault fault);
    static QString attackerGain(Fault fault);
    // The client check that catches it ("state_matches", …); for the two that only the
    // server can prevent, the client behaviour that limits the damage.
    static QString caughtBy(Fault fault);

    bool isOn(Fault fault) const { return m_on.contains(fault); }
    bool isEmpty() const { return m_on.isEmpty(); }
    void set(Fault fault, bool on = true);
    void clear() { m_on.clear(); }
    QStringList names() const; // in all()'s order

    // "wrong_state,missing_iss": false, with *error naming the unknown switch, otherwise the
    // switches. An empty list is no switch.
    static bool parse(const QString &commaSeparated, SandboxFaults *faults, QString *error);
    // {"faults": ["wrong_state", …]} as POST /sandbox/faults takes it.
    static bool fromJson(const QJsonObject &object, SandboxFaults *faults, QString *error);
    // {"faults": [...], "available": [{"name", "description", "attacker_gain",
    // "caught_by"}, …], "note": …}: what GET /sandbox/faults shows.
    QJsonObject toJson() const;

    bool operator==(const SandboxFaults &other) const { return m_on == other.m_on; }

private:
    QList<Fault> m_on;
};

} // namespace Tokenscope::Sandbox
