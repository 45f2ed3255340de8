#include "ProfileManager.h"

#include "SecretKey.h"

#include <QPointer>

#include <algorithm>
#include <memory>

namespace Tokenscope::Profiles {

namespace {

// Calls done once, later, if context still exists.
template<typename Result, typename Callback>
void completeLater(QObject *context, Callback done, Result result)
{
    QMetaObject::invokeMethod(
        context, [done = std::move(done), result = std::move(result)] { done(result); },
        Qt::QueuedConnection);
}

} // namespace

QList<SecretOutcome> ProfileSaveResult::notStored() const
{
    QList<SecretOutcome> result;
    for (const SecretOutcome &outcome : secrets) {
        if (outcome.status != SecretOutcome::Status::Done) {
            result.append(outcome);
        }
    }
    return result;
}

ProfileManager::ProfileManager(ProfileStore &store, SecretStore &secrets, QObject *parent)
    : QObject(parent)
    , m_store(store)
    , m_secrets(secrets)
{}

void ProfileManager::save(const Profile &profile, const QMap<SecretKind, QByteArray> &secrets,
                          SaveMode mode, QObject *context, SaveCallback done)
{
    struct State
    {
        ProfileSaveResult result;
        int pending = 0;
        SaveMode mode = SaveMode::Guarded;
        QPointer<QObject> context;
        SaveCallback done;
    };
    auto state = std::make_shared<State>();
    state->result.profile = profile;
    state->mode = mode;
    state->context = context;
    state->done = std::move(done);

    // Don't touch the keychain for a save that the guard will refuse.
    if (mode == SaveMode::Guarded) {
        if (const ProfileError guard = m_store.checkGuard(profile); guard.isError()) {
            state->result.error = guard;
            completeLater(context, state->done, state->result);
            return;
        }
    }

    auto finish = [this, state] {
        state->result.error = m_store.save(state->result.profile, state->mode);
        if (state->context) {
            state->done(state->result);
        }
    };

    for (auto it = secrets.cbegin(); it != secrets.cend(); ++it) {
        SecretOutcome outcome;
        outcome.kind = it.key();
        if (it.key() == SecretKind::RefreshToken && !profile.storeRefreshTokens) {
            outcome.status = SecretOutcome::Status::Refused;
            outcome.error.message = tr("the profile does not keep refresh tokens");
        }
        state->result.secrets.append(outcome);
    }
    for (qsizetype i = 0; i < state->result.secrets.size(); ++i) {
        const SecretOutcome &outcome = state->result.secrets.at(i);
        if (outcome.status == SecretOutcome::Status::Refused) {
            continue;
        }
        ++state->pending;
        m_secrets.write(SecretKey::build(profile.id, outcome.kind), secrets.value(outcome.kind),
                        this, [state, i, finish](const SecretResult &written) {
                            SecretOutcome &o = state->result.secrets[i];
                            if (written.ok()) {
                                state->result.profile.secrets.insert(
                                    o.kind, SecretRef{SecretRef::Location::SecretStore, {}});
                            } else {
                                o.status = SecretOutcome::Status::Failed;
                                o.error = written.error;
                                state->result.profile.secrets.remove(o.kind);
                            }
                            if (--state->pending == 0) {
                                finish();
                            }
                        });
    }
    if (state->pending == 0) {
        QMetaObject::invokeMethod(this, finish, Qt::QueuedConnection);
    }
}

void ProfileManager::remove(const QUuid &id, QObject *context, DeleteCallback done)
{
    struct State
    {
        ProfileDeleteResult result;
        int pending = 0;
        QPointer<QObject> context;
        DeleteCallback done;
    };
    auto state = std::make_shared<State>();
    state->context = context;
    state->done = std::move(done);

    state->result.error = m_store.remove(id);
    if (state->result.error.isError() && state->result.error.kind != ProfileError::Kind::NotFound) {
        completeLater(context, state->done, state->result);
        return;
    }
    const QList<SecretKind> kinds = SecretKey::allKinds();
    state->pending = static_cast<int>(kinds.size());
    for (const SecretKind kind : kinds) {
        m_secrets.remove(SecretKey::build(id, kind), this, [state, kind](const SecretResult &r) {
            if (!r.ok() && r.error.kind != SecretError::Kind::NotFound) {
                state->result.secretsNotDeleted.append(
                    {kind, SecretOutcome::Status::Failed, r.error});
            }
            if (--state->pending == 0 && state->context) {
                std::sort(
                    state->result.secretsNotDeleted.begin(), state->result.secretsNotDeleted.end(),
                    [](const SecretOutcome &a, const SecretOutcome &b) { return a.kind < b.kind; });
                state->done(state->result);
            }
        });
    }
}

void ProfileManager::readSecret(const QUuid &id, SecretKind kind, QObject *context,
                                SecretCallback done)
{
    m_secrets.read(SecretKey::build(id, kind), context, std::move(done));
}

} // namespace Tokenscope::Profiles
