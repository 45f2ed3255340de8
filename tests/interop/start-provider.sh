#!/usr/bin/env bash
# Starts the interop provider (provider.mjs) in the background on 127.0.0.1:PORT, waits
# until its discovery document answers with the expected issuer, and writes its pid.
#
#   tests/interop/start-provider.sh PORT PIDFILE LOGFILE [TIMEOUT_SECONDS]
#
# The CTest fixture "interop_provider" runs this as its setup test; stop-provider.sh is
# the cleanup. It fails with a clear message when node_modules is missing, when the port
# is taken by something else, or when the provider does not come up in time.
set -euo pipefail

if [[ $# -lt 3 || $# -gt 4 ]]; then
    echo "usage: $0 PORT PIDFILE LOGFILE [TIMEOUT_SECONDS]" >&2
    exit 2
fi
port=$1
pidfile=$2
logfile=$3
timeout_s=${4:-30}
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
issuer="http://127.0.0.1:${port}"
discovery="${issuer}/.well-known/openid-configuration"
node=${NODE:-node}

fail() {
    echo "start-provider: $*" >&2
    exit 1
}

# shellcheck source=tests/interop/provider-lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/provider-lib.sh"

command -v "$node" >/dev/null || fail "node is not installed (scripts/deps installs it)"
command -v curl >/dev/null || fail "curl is not installed (scripts/deps installs it)"
if [[ ! -f "$here/node_modules/oidc-provider/package.json" ]]; then
    fail "oidc-provider is not installed: run 'npm ci' in tests/interop (scripts/test does it)"
fi

# A provider left behind by an interrupted run of this same build: stop it first.
if [[ -f "$pidfile" ]]; then
    old=$(cat "$pidfile" 2>/dev/null || true)
    if [[ $old =~ ^[0-9]+$ ]] && is_our_provider "$old"; then
        echo "start-provider: stopping provider $old left by an earlier run"
        "$here/stop-provider.sh" "$pidfile" "$port"
    fi
    rm -f "$pidfile"
fi

if port_is_open; then
    fail "127.0.0.1:${port} is already in use. Stop what listens there, or configure another" \
         "port with -DTOKENSCOPE_INTEROP_PORT=N."
fi

mkdir -p "$(dirname "$pidfile")" "$(dirname "$logfile")"
: >"$logfile"
# The provider must not hold CTest's pipes open: all three streams go elsewhere.
cd "$here"
"$node" provider.mjs --port "$port" </dev/null >>"$logfile" 2>&1 &
pid=$!
disown "$pid" 2>/dev/null || true

deadline=$((SECONDS + timeout_s))
while :; do
    if ! is_running "$pid"; then
        echo "start-provider: the provider exited during start-up. Its log ($logfile):" >&2
        sed 's/^/    /' "$logfile" >&2
        exit 1
    fi
    if body=$(curl -sf --max-time 2 "$discovery" 2>/dev/null) \
        && grep -q "\"issuer\":\"${issuer}\"" <<<"$body"; then
        break
    fi
    if ((SECONDS >= deadline)); then
        kill -KILL "$pid" 2>/dev/null || true
        echo "start-provider: no discovery document at $discovery after ${timeout_s}s. Log:" >&2
        sed 's/^/    /' "$logfile" >&2
        exit 1
    fi
    sleep 0.2
done

echo "$pid" >"$pidfile"
echo "start-provider: oidc-provider ready at $issuer (pid $pid, log $logfile)"
