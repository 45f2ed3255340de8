#!/usr/bin/env bash
# The inside of scripts/test's test session: runs under xvfb-run and dbus-run-session with
# fresh XDG directories. Unlocks a new gnome-keyring, proves it works with a secret-tool
# round trip, then runs ctest for each preset given. Results go to $TOKENSCOPE_TEST_RESULTS.
#
#   scripts/lib/test-session.sh PRESET…     (use scripts/test)
set -euo pipefail

results=${TOKENSCOPE_TEST_RESULTS:?run this through scripts/test}
logdir=${TOKENSCOPE_TEST_LOGDIR:?run this through scripts/test}
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
cd "$root"

record() {
    printf '%s\t%s\n' "$1" "$2" >>"$results"
}

presets=("$@")

# Stops an interop provider the fixture left running (ctest interrupted or cut short), so
# that nothing outlives the session and the next run can bind the port again.
stop_provider() {
    tests/interop/stop-provider.sh "build/$1/tests/interop/provider.pid" >/dev/null 2>&1 || true
}

keyring_pid=
cleanup() {
    local preset
    for preset in "${presets[@]}"; do
        stop_provider "$preset"
    done
    # gnome-keyring-daemon leaves when the session bus goes away; make sure of it.
    if [[ -n $keyring_pid ]]; then
        kill "$keyring_pid" 2>/dev/null || true
    fi
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

keyring_failed() {
    echo "test-session: $*" >&2
    echo "test-session: without a working keyring the keychain tests would hang or fail;" \
         "nothing was run" >&2
    record FAIL "keyring: $*"
    exit 1
}

# A locked keyring with a display set pops up a prompt and hangs every job: unlock a new
# one first (the password creates the "login" keyring in the fresh XDG_DATA_HOME).
password="tokenscope-test-$RANDOM$RANDOM"
if ! out=$(printf '%s' "$password" | timeout 30 gnome-keyring-daemon --unlock --components=secrets); then
    keyring_failed "gnome-keyring-daemon --unlock --components=secrets failed"
fi
while IFS= read -r line; do
    if [[ $line =~ ^[A-Z_]+=. ]]; then
        export "${line?}"
    fi
done <<<"$out"

probe="probe-$RANDOM$RANDOM"
if ! printf '%s' "$probe" | timeout 20 secret-tool store --label="Tokenscope test probe" \
    tokenscope-test probe; then
    keyring_failed "secret-tool store failed (is gnome-keyring running on the session bus?)"
fi
if ! found=$(timeout 20 secret-tool lookup tokenscope-test probe); then
    keyring_failed "secret-tool lookup failed after a successful store"
fi
if [[ $found != "$probe" ]]; then
    keyring_failed "secret-tool lookup returned another value than the one stored"
fi
timeout 20 secret-tool clear tokenscope-test probe || true
keyring_pid=$(dbus-send --session --print-reply --dest=org.freedesktop.DBus / \
    org.freedesktop.DBus.GetConnectionUnixProcessID string:org.freedesktop.secrets 2>/dev/null \
    | awk '/uint32/ { print $2 }') || keyring_pid=
record PASS "keyring: gnome-keyring unlocked, secret-tool store/lookup round trip"

status=0
for preset in "${presets[@]}"; do
    log="$logdir/ctest-$preset.log"
    begin=$SECONDS
    printf '\n==> ctest --preset %s\n' "$preset"
    rc=0
    ctest --preset "$preset" --no-tests=error 2>&1 | tee "$log" || rc=${PIPESTATUS[0]}
    # The fixture's cleanup test stops the provider; if ctest was cut short, do it here.
    stop_provider "$preset"
    line=$(grep -E '^[0-9]+% tests passed' "$log" | tail -n 1 || true)
    if ((rc == 0)); then
        record PASS "ctest $preset: ${line:-no summary line} ($((SECONDS - begin)) s)"
    else
        record FAIL "ctest $preset: ${line:-ctest exited with status $rc} ($((SECONDS - begin)) s)"
        status=1
    fi
done
exit "$status"
